"""Quotes and speakers as real articles word them: each test an invented text of one shape."""

from __future__ import annotations

import time

from extractor import load_bytes, parse
from models import Article, OtherDocument

HEADLINE = "Wrenford Youth Justice Service rated 'Good' by inspectors\n\n"
RATED = "Wrenford Youth Justice Service has been rated 'Good' by HM Inspectorate of Probation.\n\n"


def read(body: str, headline: str = HEADLINE) -> Article | OtherDocument:
    """An invented article about Wrenford YJS with the given body, read."""
    record = parse(load_bytes((headline + RATED + body).encode(), "speech.txt"))
    assert isinstance(record, (Article, OtherDocument))
    return record


def said(record: Article | OtherDocument) -> list[tuple[str | None, str | None, bool, str]]:
    """Speaker, role, whether reported, and the first three words of every quote."""
    return [
        (
            q.speaker.value if q.speaker else None,
            q.role.value if q.role else None,
            q.reported,
            " ".join(q.text.split()[:3]),
        )
        for q in record.quotes
    ]


def test_role_before_the_name_and_a_colon_without_a_verb() -> None:
    """'ROLE NAME: "..."' names the speaker with no speech verb at all."""
    record = read(
        'HM Inspectorate of Probation Director of Operations Tamsin Oduya: "The board knows '
        'its children well and it shows in the work."\n'
    )
    assert said(record) == [
        (
            "Tamsin Oduya",
            "HM Inspectorate of Probation Director of Operations",
            False,
            "The board knows",
        )
    ]


def test_a_clause_between_the_speaker_and_the_colon() -> None:
    """'Dame X stressed the need for ...:' and 'X, ROLE, stated in her report:' name the speaker."""
    record = read(
        "Chief Inspector of Probation Dame Ilse Varga said the service had come a long way.\n\n"
        'Dame Ilse stressed the importance of stable staffing: "Children need the same face '
        'every week, and here they get it."\n\n'
        'Owen Pryce, Head of the Youth Inspection Programme, stated in his report: "Plans were '
        'clear and reviewed often."\n'
    )
    assert said(record) == [
        ("Ilse Varga", "Chief Inspector of Probation", True, "the service had"),
        ("Ilse Varga", "Chief Inspector of Probation", False, "Children need the"),
        ("Owen Pryce", "Head of the Youth Inspection Programme", False, "Plans were clear"),
    ]


def test_said_before_the_quote_without_a_colon() -> None:
    """'ROLE, NAME, said "...' attributes the quote as the colon form does."""
    record = read(
        'Chief Inspector of Probation, Roland Achterberg, said "We saw a team that listens to '
        'children and acts on what they say."\n'
    )
    assert said(record) == [
        ("Roland Achterberg", "Chief Inspector of Probation", False, "We saw a")
    ]


def test_roles_with_capitalised_words_and_commas_are_one_role() -> None:
    """'Cllr X, Cabinet Member for Children, Young People and Families, said:' is one person."""
    record = read(
        "Cllr Ayo Fenwright, Wrenford's Cabinet Member for Children, Young People and "
        'Families, said: "This is a proud day for everyone in the team."\n\n'
        "Councillor Petra Lindqvist, Portfolio Holder for community safety said: "
        '"We will keep the pressure on to improve further."\n'
    )
    assert said(record) == [
        (
            "Ayo Fenwright",
            "Wrenford's Cabinet Member for Children, Young People and Families",
            False,
            "This is a",
        ),
        ("Petra Lindqvist", "Portfolio Holder for community safety", False, "We will keep"),
    ]


def test_he_and_she_resolve_to_the_person_last_named_who_fits() -> None:
    """'She added' passes over a Mr named since; 'Dame Ilse' is Dame Ilse Varga named before."""
    record = read(
        "Ms Hana Quist, the service manager, welcomed the report. Mr Daniel Roe, chair of the "
        "management board, was also at the meeting.\n\n"
        '"We have listened to every family we work with," she added.\n'
    )
    assert said(record) == [("Hana Quist", "the service manager", False, "We have listened")]


def test_said_name_role_after_reported_speech() -> None:
    """'..., said Dame X, ROLE.' reports X's words, and later 'Dame X said:' is the same person."""
    record = read(
        "Work with victims was also strong, though uneven in places, said Dame Ilse Varga, HM "
        "Chief Inspector of Probation.\n\n"
        'Announcing the findings today Dame Ilse said: "Leaders should be proud of this '
        'team."\n'
    )
    assert said(record) == [
        ("Ilse Varga", "HM Chief Inspector of Probation", True, "Work with victims"),
        ("Ilse Varga", "HM Chief Inspector of Probation", False, "Leaders should be"),
    ]


def test_a_speech_over_several_paragraphs_keeps_its_speaker() -> None:
    """Paragraphs opening a quote with no closing mark continue the speaker before them."""
    record = read(
        'Mr Roe said: "The board asked hard questions this year.\n\n'
        '"It will keep asking them.\n\n'
        '"And it will publish the answers."\n'
    )
    assert [s for s, _, _, _ in said(record)] == ["Roe", "Roe", "Roe"]


def test_unquoted_words_after_said_and_a_statement_line() -> None:
    """A paragraph after 'X said:' or 'A statement from X:' is X's words, quoted or not."""
    record = read(
        "Gideon Marsh, Wrenford Council's cabinet member for children, said:\n\n"
        "We are not resting on this result, and we will build on it.\n\n"
        "A statement from the Chief Inspector of Probation, Roland Achterberg:\n\n"
        "Inspectors will return to Wrenford within two years to check on progress.\n"
    )
    assert said(record) == [
        ("Gideon Marsh", "Wrenford Council's cabinet member for children", False, "We are not"),
        ("Roland Achterberg", "Chief Inspector of Probation", False, "Inspectors will return"),
    ]


def test_a_speaker_named_only_by_title() -> None:
    """'The chief inspector said' is the chief inspector named before, else a speaker by title."""
    record = read(
        "Roland Achterberg, Chief Inspector of Probation, praised the team.\n\n"
        '"Children here are seen quickly and often," the Chief Inspector said.\n\n'
        '"We never close a case without a plan for what comes next," the service manager added.\n'
    )
    assert said(record) == [
        ("Roland Achterberg", "Chief Inspector of Probation", False, "Children here are"),
        (None, "service manager", False, "We never close"),
    ]


def test_minutes_report_speech_and_resolve_she_and_titles() -> None:
    """Minutes: 'X, ROLE, advised that', 'she indicated that', 'The Head of Service noted'."""
    record = read(
        "Minutes:\n\n"
        "Marta Kowal, Head of Youth Justice Services presented the report. She advised that "
        "the improvement plan had been agreed by the partnership board.\n\n"
        "Cllr Iona Brack, Chair, welcomed the report, she indicated that the panel would "
        "review progress in the spring.\n\n"
        "The Head of Youth Justice Services noted that two posts had been filled since the "
        "inspection.\n\n"
        "The report was described as thorough and fair by the panel.\n",
        headline="Scrutiny panel: Wrenford Youth Justice Service inspection update\n\n",
    )
    assert said(record) == [
        ("Marta Kowal", "Head of Youth Justice Services", True, "the improvement plan"),
        ("Iona Brack", "Chair", True, "the panel would"),
        ("Marta Kowal", "Head of Youth Justice Services", True, "two posts had"),
    ]


def test_names_in_titles_and_lists_are_not_speakers() -> None:
    """Capitalised words ending a title, or naming a thing after 'The', are not people."""
    record = read(
        "The Group Manager Integrated Working and Family Support advised that funding had "
        "been secured for a further year.\n\n"
        "The Peer Review noted the commitment of the management board to the plan.\n"
    )
    assert said(record) == [
        (None, "Group Manager Integrated Working and Family Support", True, "funding had been")
    ]


def test_minutes_he_after_a_title_and_a_question_from_another_councillor() -> None:
    """'He added' after a titled speaker; 'a question from Cllr X, Ms Y advised' is Y's words."""
    record = read(
        "Minutes:\n\n"
        "Councillor Ros Tedder declared an interest as a volunteer at the youth centre.\n\n"
        "The Head of Youth Justice reported that the inspectors had made five recommendations. "
        "He added that the action plan would be reviewed by the Management Board.\n\n"
        "In response to a question from Councillor Amir Haddow, Ms Jo Pelling advised that "
        "staff turnover had fallen since the inspection.\n",
        headline="Scrutiny panel: Wrenford Youth Justice Service inspection update\n\n",
    )
    assert said(record) == [
        (None, "Head of Youth Justice", True, "the inspectors had"),
        (None, "Head of Youth Justice", True, "the action plan"),
        ("Jo Pelling", None, True, "staff turnover had"),
    ]


def test_long_minutes_are_read_in_time_proportional_to_their_length() -> None:
    """Thousands of remarks, or one endless sentence, cost seconds: no lookup grows with them."""
    remarks = "".join(
        f"Ms Ann Lee{i % 7}, Head of Service, said that plan {i} worked. " for i in range(4000)
    )
    endless = "Ms Ann Lee, Head of Service, said that the plan Mr Bob Roe said was fine and " * 4000
    for body in (remarks, endless + ".\n"):
        started = time.perf_counter()
        record = read(body, headline="Scrutiny panel: Wrenford Youth Justice Service\n\n")
        assert time.perf_counter() - started < 60
        assert record.quotes and record.quotes[0].speaker is not None
