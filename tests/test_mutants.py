"""Mechanisms that planted bugs once survived: each test here fails when its mechanism breaks.

Every test names the mechanism it guards; benchmarks/mutation.py measures the rest.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import REPORTS
from extractor import check, load, load_bytes, parse
from models import Article, InspectionReport

HEAD = """Moorside Gazette

Northfield youth justice service rated Good by inspectors

12 February 2026

"""
"""An article's header; the bodies below are written for these tests."""

OSEI = 'Council leader Ruth Osei said: "We are very proud of the whole team."\n\n'
BAKER = 'Tom Baker, the service manager, said: "It has been a long road for everyone."\n\n'


def article(body: str) -> Article:
    """An article made of the header and a body, parsed."""
    record = parse(load_bytes((HEAD + body).encode(), "news.txt"))
    assert isinstance(record, Article)
    return record


def speakers(body: str) -> list[tuple[str, str | None]]:
    """(quote, speaker) of each quote of an article body."""
    return [(q.text, q.speaker.value if q.speaker else None) for q in article(body).quotes]


# Quotes: who said it


def test_a_pronoun_is_the_person_named_earlier_in_its_paragraph() -> None:
    """'he said' is Tom Baker, named with a role before the quote, not Ruth Osei, who spoke last."""
    body = (
        OSEI + "Tom Baker, the service manager, visited the team. "
        '"The children deserve nothing less than this," he said.\n'
    )
    assert [speaker for _, speaker in speakers(body)] == ["Ruth Osei", "Tom Baker"]


def test_a_pronoun_alone_is_the_latest_speaker() -> None:
    """'she said' in a paragraph naming nobody is the last person named, not the first."""
    body = OSEI + BAKER + '"The children deserve nothing less than this," she said.\n'
    assert [speaker for _, speaker in speakers(body)] == ["Ruth Osei", "Tom Baker", "Tom Baker"]


@pytest.mark.parametrize(("pronoun", "speaker"), [("she", "Ruth Osei"), ("he", "Tom Baker")])
def test_an_honorific_says_who_he_or_she_is(pronoun: str, speaker: str) -> None:
    """After Ms Osei and Mr Baker, 'she' is Ms Osei although Mr Baker spoke last."""
    body = (
        'Ms Ruth Osei said: "We are very proud of the whole team."\n\n'
        'Mr Tom Baker said: "It has been a long road for everyone."\n\n'
        f'"The children deserve nothing less than this," {pronoun} said.\n'
    )
    assert speakers(body)[-1] == ("The children deserve nothing less than this,", speaker)


def test_a_surname_is_the_latest_speaker_of_that_surname() -> None:
    """'Mr Baker added' is Sarah Baker, the later of two Bakers, with her full name."""
    sarah = 'Sarah Baker, the deputy, said: "We start on the next plan tomorrow morning."\n\n'
    body = OSEI + BAKER + sarah + '"The children deserve nothing less than this," Mr Baker added.\n'
    assert speakers(body)[-1] == ("The children deserve nothing less than this,", "Sarah Baker")


def test_a_surname_nobody_had_is_no_one_else() -> None:
    """'Mr Jones added' when no Jones has spoken is Jones, not the speaker before."""
    body = OSEI + '"The children deserve nothing less than this," Mr Jones added.\n'
    assert speakers(body)[-1] == ("The children deserve nothing less than this,", "Jones")


def test_the_speaker_is_the_person_nearest_before_the_verb() -> None:
    """'After meeting Tom Baker, council leader Ruth Osei said:' is Ruth Osei's quote."""
    body = 'After meeting Tom Baker, council leader Ruth Osei said: "We are proud of the team."\n'
    assert speakers(body) == [("We are proud of the team.", "Ruth Osei")]


def test_after_the_verb_the_first_person_named_is_the_speaker() -> None:
    """'said Ruth Osei to Tom Baker': Ruth Osei, the first name after the verb."""
    body = '"We are very proud of the whole team," said Ruth Osei to Tom Baker.\n'
    assert speakers(body) == [("We are very proud of the whole team,", "Ruth Osei")]


@pytest.mark.parametrize(
    ("quoted", "kept"),
    [("Proud of them.", False), ("Very proud of them.", True)],
)
def test_a_quote_needs_four_words(quoted: str, kept: bool) -> None:
    """Three quoted words are a phrase ('Proud of them'), four are speech."""
    quotes = speakers(f'Ruth Osei said: "{quoted}"\n')
    assert quotes == ([(quoted, "Ruth Osei")] if kept else [])


# Articles: previous ratings

NORTHFIELD = "Northfield Youth Justice Service has been rated Good. "


def previous(body: str) -> list[tuple[str, int | None]]:
    """(rating, year) of each previous rating an article body gives."""
    return [(p.rating, p.year.value if p.year else None) for p in article(body).previous_ratings]


def test_improved_from_names_the_previous_rating() -> None:
    """'improved from X to Y': X is the earlier rating, Y the new one."""
    record = article(
        "Northfield Youth Justice Service has improved from Requires improvement to Good.\n"
    )
    assert record.overall_rating is not None and record.overall_rating.value == "Good"
    assert [(p.rating, p.year) for p in record.previous_ratings] == [("Requires improvement", None)]


@pytest.mark.parametrize(
    ("year", "expected"),
    [(2025, [("Requires improvement", 2025)]), (2026, []), (2027, [])],
)
def test_only_a_year_before_the_articles_makes_a_rating_history(
    year: int, expected: list[tuple[str, int]]
) -> None:
    """In an article of 2026, 'rated X in 2025' is a previous rating; 'in 2026' or 2027 is not."""
    assert previous(f"{NORTHFIELD}It was rated Requires improvement in {year}.\n") == expected


def test_an_undated_repeat_of_a_dated_rating_is_one_rating() -> None:
    """'previously Requires improvement in 2022' and again undated: one previous rating."""
    body = (
        f"{NORTHFIELD}It was previously rated Requires improvement in 2022. "
        "Before that it was previously rated Requires improvement.\n"
    )
    assert previous(body) == [("Requires improvement", 2022)]


def test_an_undated_rating_of_another_grade_is_kept() -> None:
    """A second, undated previous rating with a different grade is a rating of its own."""
    body = (
        f"{NORTHFIELD}It was previously rated Requires improvement in 2022. "
        "Before that it was previously rated Inadequate.\n"
    )
    assert previous(body) == [("Requires improvement", 2022), ("Inadequate", None)]


def test_the_same_undated_rating_twice_is_one_rating() -> None:
    """Two undated statements of one earlier grade are one previous rating."""
    body = (
        f"{NORTHFIELD}It was previously rated Inadequate. "
        "It had previously been rated Inadequate too.\n"
    )
    assert previous(body) == [("Inadequate", None)]


# PDFs: list items


def pdf_document(tmp_path: Path, lines: list[str], top: float | None = None) -> list[str]:
    """The kind and text of each block of a one-column PDF written line by line."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_creation_date(dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    if top is not None:
        pdf.set_y(top)
    for line in lines:
        if line:
            pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(6)
    path = tmp_path / "lists.pdf"
    pdf.output(str(path))
    document = load(path)
    return [f"{b.kind}: {document.text[b.start : b.end]}" for b in document.blocks]


@pytest.mark.parametrize("mark", ["\x95", "-", "1.", "2)", "(a)"])
def test_pdf_bullets_and_numbers_open_list_items(tmp_path: Path, mark: str) -> None:
    """'•' (WinAnsi 0x95), '-', '1.', '2)' and '(a)' each open a list item and are not kept."""
    blocks = pdf_document(
        tmp_path,
        ["Strengths:", f"{mark} Staff knew the children well.", f"{mark} Plans were realistic."],
    )
    assert blocks == [
        "paragraph: Strengths:",
        "list_item: Staff knew the children well.",
        "list_item: Plans were realistic.",
    ]


def test_a_list_item_carried_over_a_page_break_is_one_item(tmp_path: Path) -> None:
    """An item whose last words fall on the next page is one item, not an item and a paragraph."""
    item = (
        "- Partners in education, health and social care were closely involved in most cases and "
        "shared what they knew about each child quickly, so that plans could change as soon as "
        "circumstances did and nobody waited for a formal review"
    )
    blocks = pdf_document(tmp_path, [item, "", "Leaders had begun to act."], top=266)
    assert blocks[0].startswith("list_item: Partners in education")
    assert blocks[0].endswith("nobody waited for a formal review")
    assert blocks[1:] == ["paragraph: Leaders had begun to act."]


# Reports: key questions


def eastmoor(old: str, new: str) -> InspectionReport:
    """The Eastmoor text report with one replacement, parsed."""
    text = (REPORTS / "eastmoor-2025.txt").read_text("utf-8")
    assert old in text
    record = parse(load_bytes(text.replace(old, new, 1).encode(), "changed.txt"))
    assert isinstance(record, InspectionReport)
    return record


def test_a_heading_ends_a_key_question_table() -> None:
    """A percentage row after a heading is not one of the standard's key questions."""
    record = eastmoor(
        "Work with victims (Back to top)",
        "Caseload (Back to top)\nChildren with a speech need | 64% |\n"
        "Work with victims (Back to top)",
    )
    [assessing, planning, delivery] = record.standards[:3]
    assert [q.question for q in delivery.key_questions] == [
        "Does the delivery of well-focused, personalised and coordinated services achieve "
        "positive change for the child?",
        "Does the delivery of well-focused, personalised and coordinated services keep the "
        "child and the community safe?",
    ]
    assert [q.percent.value for q in delivery.key_questions if q.percent] == [75, 69]
    assert (assessing.code, planning.code) == ("2.1", "2.2")


def test_every_key_question_of_a_report_reads_whole() -> None:
    """The questions' text, stem and row joined, for every case standard of the Eastmoor copies."""
    for suffix in ("txt", "html", "pdf"):
        record = parse(load(REPORTS / f"eastmoor-2025.{suffix}"))
        assert isinstance(record, InspectionReport)
        questions = {s.code: [q.question for q in s.key_questions] for s in record.standards}
        assert questions["2.1"] == [
            "Does assessing sufficiently analyse how to achieve positive change for the child?",
            "Does assessing sufficiently analyse how to keep the child and the community safe?",
        ], suffix
        assert questions["2.2"] == [
            "Does planning focus sufficiently on how to achieve positive change for the child?",
            "Does planning focus sufficiently on how to keep the child and community safe?",
        ], suffix
        assert questions["V1"] == [
            "Is work with victims high-quality, individualised and responsive?",
            "Do organisational arrangements and activity drive a high-quality, individualised "
            "and responsive service for victims?",
        ], suffix


# Checks: the band warning window


@pytest.mark.parametrize(
    ("percent", "severity"),
    [
        (50, "warning"),
        (51, "error"),
        (63, "error"),
        (64, "warning"),
        (65, "warning"),
        (66, "error"),
    ],
)
def test_a_band_mismatch_only_warns_within_a_point_below_a_cut(percent: int, severity: str) -> None:
    """Blackpool's 2.1 (Inadequate) with its lowest question moved: 49-50 and 64-65 only warn."""
    text = (REPORTS / "blackpool-2025.txt").read_text("utf-8").replace("| 47% |", f"| {percent}% |")
    record = parse(load_bytes(text.encode(), "band.txt"))
    assert isinstance(record, InspectionReport)
    bands = [(f.code, f.severity) for f in check(record) if f.code == "case-band"]
    assert bands == [("case-band", severity)]


def test_a_percentage_in_the_rated_band_is_no_finding() -> None:
    """49% for an Inadequate standard is its band: no case-band finding."""
    text = (REPORTS / "blackpool-2025.txt").read_text("utf-8").replace("| 47% |", "| 49% |")
    record = parse(load_bytes(text.encode(), "band.txt"))
    assert isinstance(record, InspectionReport)
    assert [f.code for f in check(record) if f.code == "case-band"] == []


def test_the_seed_reports_key_questions_read_whole(seed_report: Path) -> None:
    """The real report: 2.1 and 2.2 questions carry their stems (2.3 is fixed elsewhere)."""
    record = parse(load(seed_report))
    assert isinstance(record, InspectionReport)
    questions = {s.code: [q.question for q in s.key_questions] for s in record.standards}
    assert questions["2.1"] == [
        "Does assessing sufficiently analyse how to achieve positive change for the child?",
        "Does assessing sufficiently analyse how to keep the child and the community safe?",
    ]
    assert questions["2.2"] == [
        "Does planning focus sufficiently on how to achieve positive change for the child?",
        "Does planning focus sufficiently on how to keep the child and community safe?",
    ]


# Mutants mutmut found alive (benchmarks/mutation.py)


def test_a_pronoun_with_nobody_to_stand_for_is_no_speaker() -> None:
    """'she said' before anyone is named: the quote has no speaker and is left out."""
    assert speakers('"The children deserve nothing less than this," she said.\n') == []


def test_a_paragraph_that_is_only_a_quote_continues_the_speaker() -> None:
    """A quote standing alone after a quoted paragraph is the same speaker's."""
    body = OSEI + '"It has been a long road for everyone involved."\n'
    assert speakers(body) == [
        ("We are very proud of the whole team.", "Ruth Osei"),
        ("It has been a long road for everyone involved.", "Ruth Osei"),
    ]


def test_a_line_ending_told_reporters_introduces_the_quote_below() -> None:
    """'Ruth Osei told reporters:' on its own line speaks the quote on the next."""
    body = 'Council leader Ruth Osei told reporters:\n\n"We are very proud of the whole team."\n'
    assert speakers(body) == [("We are very proud of the whole team.", "Ruth Osei")]


def test_a_first_name_alone_can_introduce_a_quote() -> None:
    """'Jordan, 16, told us:' names the speaker of the quote below by a single word."""
    body = 'Jordan, 16, told us:\n\n"It was the first time anyone had listened to me properly."\n'
    assert speakers(body) == [
        ("It was the first time anyone had listened to me properly.", "Jordan")
    ]


def test_in_a_statement_is_not_part_of_the_role() -> None:
    """'In a statement, council leader Ruth Osei said:': her role is 'council leader'."""
    body = 'In a statement, council leader Ruth Osei said: "We are very proud of the whole team."\n'
    [quote] = article(body).quotes
    assert quote.role is not None and quote.role.value == "council leader"


def test_last_year_is_the_year_before_the_articles() -> None:
    """'previously rated Inadequate last year' in a 2026 article is Inadequate in 2025."""
    assert previous(f"{NORTHFIELD}It was previously rated Inadequate last year.\n") == [
        ("Inadequate", 2025)
    ]


def test_a_report_quote_without_an_introduction_has_no_role() -> None:
    """A quoted paragraph after a sentence that does not end with ':' gets no role."""
    record = eastmoor("A parent commented:", "Parents were mostly positive.")
    assert [(q.role.value if q.role else None) for q in record.quotes] == ["child", None]
