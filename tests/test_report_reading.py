"""The report-reading mechanisms added for issue 7, each on a small report written here."""

from __future__ import annotations

import pytest

from extractor import extract
from models import InspectionReport

RATINGS = """Ratings (Back to top)
Fieldwork started {month} | Score 14/27 |
Overall rating | Good |
1.1 Leadership | Good |
"""


def report(title: str, body: str = "", ratings: str = RATINGS, month: str = "May 2022") -> str:
    """A short report: its title, a ratings table and a background section."""
    return f"{title}\n{ratings.format(month=month)}Background (Back to top)\n{body}\n"


def read(text: str) -> InspectionReport:
    """The record of a text copy, which must be a report."""
    record = extract(text.encode("utf-8"))
    assert isinstance(record, InspectionReport)
    return record


@pytest.mark.parametrize(
    ("title", "body", "want"),
    [
        (
            "An inspection of probation services in: Kestrel PDU",
            "Kestrel Probation Delivery Unit covers two towns. Kestrel PDU had 40 staff.",
            ("Kestrel Probation Delivery Unit", "Kestrel PDU", "Kestrel", "probation"),
        ),
        (
            "An inspection of probation services in: Fenwick Community Rehabilitation Company",
            "Fenwick CRC supervised 3,000 people.",
            ("Fenwick Community Rehabilitation Company", "Fenwick CRC", "Fenwick", "probation"),
        ),
        (
            "An inspection of probation services: Southdown region",
            "The Probation Service Southdown region has six PDUs. Southdown region is large.",
            ("Probation Service Southdown region", "Southdown region", "Southdown", "probation"),
        ),
        (
            "An inspection of youth offending services in Blackburn with Darwen",
            "Blackburn with Darwen Youth Offending Service (Blackburn with Darwen YOS) is small.",
            (
                "Blackburn with Darwen Youth Offending Service",
                "Blackburn with Darwen YOS",
                "Blackburn with Darwen",
                "youth",
            ),
        ),
    ],
)
def test_the_service_is_the_title_subject(
    title: str, body: str, want: tuple[str, str, str, str]
) -> None:
    """Area from the title's subject; full and short names where the text first gives them."""
    service = read(report(title, body)).service
    got = (
        service.name.value if service.name else None,
        service.short_name.value if service.short_name else None,
        service.area.value if service.area else None,
        service.type,
    )
    assert got == want


@pytest.mark.parametrize(
    ("sentence", "month", "want"),
    [
        ("Our fieldwork began on 09 May 2022 and lasted a week.", "May 2022", "2022-05-09"),
        ("Fieldwork took place in the week beginning 16 May 2022.", "May 2022", "2022-05-16"),
        ("Our fieldwork took place between November and January 2023.", None, "2022-11"),
        ("Our regional fieldwork took place in February 2025.", None, "2025-02"),
    ],
)
def test_fieldwork_starts_where_the_text_says(sentence: str, month: str | None, want: str) -> None:
    """A day after 'beginning' or 'began on'; a month in prose; the first month of a range."""
    ratings = RATINGS if month else RATINGS.replace("Fieldwork started {month} | ", "")
    record = read(report("An inspection of probation services in: Kestrel PDU", sentence, ratings))
    assert record.fieldwork_started is not None
    assert record.fieldwork_started.value == want


@pytest.mark.parametrize(
    ("sentence", "want"),
    [
        ("We inspected 24 court disposals and 12 out-of-court disposals.", 36),
        ("We inspected 40 cases in all: 25 court disposals and 15 out-of-court disposals.", 40),
        ("We reviewed the cases of 12 residents.", 12),
    ],
)
def test_a_sample_in_parts_is_their_sum(sentence: str, want: int) -> None:
    """Parts joined by 'and' add up; a total given first stays the total."""
    samples = read(report("An inspection of probation services in: Kestrel PDU", sentence))
    assert samples.case_samples.children_cases is not None
    assert samples.case_samples.children_cases.value == want


def test_a_standard_not_rated_says_so() -> None:
    """'Not rated' (a footnote marker after it) is recorded, with no rating and no points."""
    ratings = RATINGS.replace(
        "1.1 Leadership | Good |\n", "1.1 Leadership | Good |\n4.1 Resettlement | Not rated[3] |\n"
    )
    record = read(report("An inspection of youth justice services in Kestrel", "", ratings))
    [standard] = [s for s in record.standards if s.code == "4.1"]
    assert standard.rating is None
    assert standard.not_rated is not None and standard.not_rated.value == "Not rated"


def test_a_standard_rated_in_prose_is_one_of_its_statements() -> None:
    """A sentence naming one standard before its verb states that standard's rating."""
    ratings = RATINGS.replace(
        "1.1 Leadership | Good |\n",
        "1.1 Governance and leadership | Good |\n4.1 Resettlement policy and provision | Good |\n",
    ).replace("14/27", "2/36")
    body = (
        "Resettlement, which we rate separately, was rated as ‘Good’. "
        "The service was rated ‘Good’, with planning praised."
    )
    record = read(report("An inspection of youth justice services in Kestrel", body, ratings))
    by_code = {s.code: s for s in record.standards}
    assert [s.section for s in by_code["4.1"].rating_statements] == ["Ratings", "Background"]
    assert [s.section for s in by_code["1.1"].rating_statements] == ["Ratings"]


def test_a_thematic_inspection_is_an_unrated_report() -> None:
    """No rating table, a thematic title: a report that rates nothing, and says so."""
    text = (
        "A thematic inspection of work with people on licence\n"
        "Foreword (Back to top)\n"
        "Some services we visited had been rated ‘Inadequate’ in earlier inspections.\n"
        "We inspected 80 cases across four regions.\n"
    )
    record = read(text)
    assert record.overall_rating is None and record.standards == []
    assert record.overall_rating_absent_reason is not None
    assert "thematic" in record.overall_rating_absent_reason
    assert record.findings == []


def test_a_name_two_standards_share_heads_neither_section() -> None:
    """'Assessment | Rating' is 2.1 or 3.1: its key questions go to neither, not to the first."""
    ratings = RATINGS.replace(
        "1.1 Leadership | Good |\n",
        "2.1 Assessment | Good |\n3.1 Assessment | Good |\n",
    ).replace("14/27", "4/36")
    body = (
        "Assessment | Rating |\n"
        "Key questions | % ‘Yes’ |\n"
        "Does assessment sufficiently analyse how to support the child’s desistance? | 70% |\n"
    )
    record = read(report("An inspection of youth justice services in Kestrel", body, ratings))
    assert [len(s.key_questions) for s in record.standards] == [0, 0]


def test_a_sentence_opening_with_a_number_is_not_a_standard() -> None:
    """A bare code ('3 Public protection') is read from table rows only, not from sentences."""
    ratings = RATINGS.replace(
        "1.1 Leadership | Good |\n",
        "1.1 Leadership | Good |\n3 standards were rated as Outstanding and 8 as Good.\n",
    )
    record = read(report("An inspection of probation services in: Kestrel PDU", "", ratings))
    assert [s.code for s in record.standards] == ["1.1"]


def test_a_year_after_the_title_is_not_the_subject() -> None:
    """'... in Kestrel: 2022' names Kestrel; the year is not part of the service."""
    body = "Kestrel Youth Justice Service covers a city."
    record = read(report("An inspection of youth justice services in Kestrel: 2022", body))
    assert record.service.area is not None and record.service.area.value == "Kestrel"
    assert record.service.name is not None
    assert record.service.name.value == "Kestrel Youth Justice Service"
