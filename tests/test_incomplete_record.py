"""`incomplete-record`: a check is never silently clean when parts of the record were not read."""

from __future__ import annotations

from conftest import REPORTS
from extractor import check, load_bytes, parse
from models import InspectionReport


def eastmoor_without(*cuts: tuple[str, str]) -> InspectionReport:
    """The Eastmoor text report with each (old, new) replacement made once, parsed."""
    text = (REPORTS / "eastmoor-2025.txt").read_text("utf-8")
    for old, new in cuts:
        assert old in text
        text = text.replace(old, new, 1)
    record = parse(load_bytes(text.encode(), "changed.txt"))
    assert isinstance(record, InspectionReport)
    return record


def incomplete(record: InspectionReport) -> list[str]:
    """The messages of the record's incomplete-record findings."""
    return [f.message for f in check(record) if f.code == "incomplete-record"]


def strengths_block() -> str:
    """The Strengths heading and its items in the Eastmoor report, as printed."""
    text = (REPORTS / "eastmoor-2025.txt").read_text("utf-8")
    return text[text.index("Strengths:") : text.index("Areas for improvement:")]


def test_missing_strengths_are_named_alone() -> None:
    """Strengths that could not be read are the one part named; the finding is a warning."""
    record = eastmoor_without((strengths_block(), ""))
    assert record.recommendations and not record.strengths
    [finding] = [f for f in check(record) if f.code == "incomplete-record"]
    assert finding.severity == "warning"
    assert finding.message == (
        "The ratings table was read, but not these: strengths; the checks that need them were "
        "not done."
    )
    assert [e.text for e in finding.evidence] == ["Good"]


def test_a_case_standard_without_percentages_is_named_by_code() -> None:
    """2.3 with its percentage cells empty is named; 2.1 and 2.2, which kept theirs, are not."""
    record = eastmoor_without(("| 75% |", "| |"), ("| 69% |", "| |"))
    assert incomplete(record) == [
        "The ratings table was read, but not these: key-question percentages of 2.3; the checks "
        "that need them were not done."
    ]


def test_one_percentage_left_is_enough() -> None:
    """A case standard with one of its two percentages read is not incomplete."""
    record = eastmoor_without(("| 75% |", "| |"))
    assert incomplete(record) == []


def test_the_victims_standard_is_not_asked_for_percentages() -> None:
    """V1 (mixed basis) prints its key questions without percentages in a complete report."""
    record = eastmoor_without()
    [victims] = [s for s in record.standards if s.code == "V1"]
    assert victims.rating and all(q.percent is None for q in victims.key_questions)
    assert incomplete(record) == []


def test_without_a_ratings_table_there_is_nothing_to_say() -> None:
    """No rated standard, or no overall rating: the record is not a rated report's, no finding."""
    record = eastmoor_without((strengths_block(), ""))
    unrated = record.model_copy(
        update={"standards": [s.model_copy(update={"rating": None}) for s in record.standards]}
    )
    assert incomplete(unrated) == []
    assert incomplete(record.model_copy(update={"overall_rating": None})) == []


def test_every_missing_part_is_listed_in_order() -> None:
    """Recommendations, strengths, then the standards without percentages, in one finding."""
    text = (REPORTS / "eastmoor-2025.txt").read_text("utf-8")
    recommendations = text[text.index("Recommendations (Back") : text.index("Background (Back")]
    record = eastmoor_without(
        (recommendations, ""),
        (strengths_block(), ""),
        ("| 78% |", "| |"),
        ("| 70% |", "| |"),
        ("| 85% |", "| |"),
        ("| 81% |", "| |"),
    )
    assert incomplete(record) == [
        "The ratings table was read, but not these: recommendations; strengths; key-question "
        "percentages of 2.1, 2.2; the checks that need them were not done."
    ]
