"""Every fact of ../shared/seeds/README.md comes out of the real 2025 Blackpool report."""

from __future__ import annotations

from pathlib import Path

from conftest import loaded
from models import InspectionReport


def report(path: Path) -> InspectionReport:
    """The seed's record, checked to be a report."""
    record = loaded(path)[1]
    assert isinstance(record, InspectionReport)
    return record


def test_overall_rating_and_score(seed_report: Path) -> None:
    """Overall 'Requires improvement', score 6 of 12, in the 2025 children-and-victims framework."""
    record = report(seed_report)
    assert record.framework == "youth_2025_iyjwcv"
    assert record.overall_rating is not None
    assert record.overall_rating.value == "Requires improvement"
    assert record.score is not None and (record.score.value, record.score.max) == (6, 12)
    assert {s.section for s in record.rating_statements} == {"Ratings", "Foreword"}


def test_standards_ratings_and_key_questions(seed_report: Path) -> None:
    """Four standards with their ratings and the two % Yes of each case standard."""
    record = report(seed_report)
    got = [
        (
            s.code,
            s.name,
            s.rating.value if s.rating else None,
            [q.percent.value if q.percent else None for q in s.key_questions],
        )
        for s in record.standards
    ]
    assert got == [
        ("2.1", "Assessing", "Inadequate", [67, 47]),
        ("2.2", "Planning", "Good", [87, 73]),
        ("2.3", "Implementation and delivery", "Outstanding", [93, 80]),
        ("V1", "Work with victims", "Requires improvement", [None, None]),
    ]


def test_key_questions_keep_their_stem(seed_report: Path) -> None:
    """Each case standard's questions are its table's stem joined to the row, query or not."""
    record = report(seed_report)
    rows = ("achieve positive change for the child?", "keep the child")
    stems = ("assessing", "planning", "the delivery of")
    for standard, stem in zip(record.standards, stems, strict=False):
        questions = [q.question for q in standard.key_questions]
        assert [q.startswith(f"Does {stem} ") for q in questions] == [True, True]
        assert [q.split(":")[0].count("?") for q in questions] == [1, 1]
        assert [row in q for q, row in zip(questions, rows, strict=True)] == [True, True]


def test_recommendations_to_two_addressees(seed_report: Path) -> None:
    """Six recommendations stated and listed, to the YJS (2) and the executive board (4)."""
    record = report(seed_report)
    assert record.recommendations_stated_count is not None
    assert record.recommendations_stated_count.value == 6
    addressees = [r.addressee.value if r.addressee else None for r in record.recommendations]
    assert (
        addressees
        == ["Blackpool Youth Justice Service"] * 2 + ["Blackpool youth justice executive board"] * 4
    )
    assert record.recommendations[0].text.endswith(
        "consistent and high-quality activity to keep children and communities safe"
    )


def test_strengths_and_areas_under_the_victims_standard(seed_report: Path) -> None:
    """18 strengths and 12 areas for improvement, all under 'Work with victims'."""
    record = report(seed_report)
    assert len(record.strengths) == 18
    assert len(record.areas_for_improvement) == 12
    assert {p.section for p in record.strengths + record.areas_for_improvement} == {
        "Work with victims"
    }


def test_case_samples_service_and_dates(seed_report: Path) -> None:
    """15 children's cases, nine victim cases, 14 interviews; fieldwork from 2 June 2025."""
    record = report(seed_report)
    samples = record.case_samples
    assert samples.children_cases is not None and samples.children_cases.value == 15
    assert samples.victim_cases is not None and samples.victim_cases.value == 9
    assert samples.victim_cases.evidence.text == "nine victim cases"
    assert samples.interviews is not None and samples.interviews.value == 14
    assert record.fieldwork_started is not None and record.fieldwork_started.value == "2025-06-02"
    assert record.service.name is not None
    assert record.service.name.value == "Blackpool Youth Justice Service"
    assert (
        record.service.short_name is not None and record.service.short_name.value == "Blackpool YJS"
    )
    assert record.service.area is not None and record.service.area.value == "Blackpool"


def test_context_statistics_in_figures_and_words(seed_report: Path) -> None:
    """Per cent, per 100,000, counts and words such as 'Eighteen per cent' and 'two-thirds'."""
    record = report(seed_report)
    by_text = {q.text: q for q in record.quantities}
    assert by_text["Eighteen per cent"].value == 18
    assert by_text["Eighteen per cent"].refers_to is not None
    assert "care-experienced" in by_text["Eighteen per cent"].refers_to.value
    assert by_text["two-thirds"].value == 66.7
    assert by_text["276 per 100,000"].unit == "per_100000"
    assert "first-time entrant rate" in (by_text["276 per 100,000"].refers_to or by_text["x"]).value
    assert by_text["142,700"].unit == "count" and by_text["142,700"].value == 142700
    assert [q.value for q in record.quantities if q.unit == "percent"][:3] == [18, 6.8, 9.1]


def test_quotes_footnotes_and_inspectors(seed_report: Path) -> None:
    """Two children's and two parents' quotes, six footnotes, the Chief Inspector and the lead."""
    record = report(seed_report)
    assert [q.role.value if q.role else None for q in record.quotes] == [
        "child",
        "child",
        "parent",
        "parent",
    ]
    assert [f.label for f in record.footnotes] == ["1", "2", "3", "4", "5", "6"]
    assert [(p.name, p.role.value if p.role else None) for p in record.inspectors] == [
        ("Martin Jones CBE", "HM Chief Inspector of Probation"),
        ("Pauline Burke", "HM Inspector"),
    ]
