"""A report record in the shape of the hand-typed `fixtures/reports/NAME.facts.json` files.

Each facts file was typed by reading the fixture's text copy, before the parser read it
(`fixtures/README.md`, "Issue 7 fixtures"); this projection lets a test compare the two field by
field, so a miss names the field it is in.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from models import InspectionReport

FIELDS = (
    "framework",
    "title",
    "service",
    "fieldwork",
    "overall",
    "score",
    "ratings",
    "names",
    "unrated",
    "percents",
    "recommendations",
    "points",
    "points_by_section",
    "samples",
    "footnotes",
    "inspectors",
    "statements",
)


def typed(path: Path) -> dict[str, Any]:
    """The facts typed by hand for a fixture."""
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data


def read(record: InspectionReport, wanted: dict[str, Any]) -> dict[str, Any]:
    """The record's values for every field of the facts schema.

    `percents` is read for the standards the facts list (a standard with no key-question table
    has none); `points_by_section` is keyed by the standard's code where points sit under a
    standard, else by the section's name; every other field is read whole.
    """

    def value(grounded: Any) -> Any:
        return grounded.value if grounded is not None else None

    standards = {standard.code: standard for standard in record.standards}
    samples = record.case_samples
    sections = Counter(point.standard or point.section for point in record.strengths)
    areas = Counter(point.standard or point.section for point in record.areas_for_improvement)
    return {
        "framework": record.framework,
        "title": value(record.title),
        "service": {
            "name": value(record.service.name),
            "short_name": value(record.service.short_name),
            "area": value(record.service.area),
            "type": record.service.type,
        },
        "fieldwork": value(record.fieldwork_started),
        "overall": value(record.overall_rating),
        "score": [record.score.value, record.score.max] if record.score else None,
        "ratings": {code: s.rating.value for code, s in standards.items() if s.rating},
        "names": {code: s.name for code, s in standards.items()},
        "unrated": [code for code, s in standards.items() if s.not_rated],
        "percents": {
            code: [
                round(question.percent.value)
                for question in standards[code].key_questions
                if question.percent is not None
            ]
            if code in standards
            else None
            for code in wanted.get("percents", {})
        },
        "recommendations": [
            value(record.recommendations_stated_count),
            len(record.recommendations),
            [value(item.addressee) for item in record.recommendations],
        ],
        "points": [len(record.strengths), len(record.areas_for_improvement)],
        "points_by_section": {
            section: [sections[section], areas[section]]
            for section in sorted(set(sections) | set(areas), key=str)
        },
        "samples": [
            value(samples.children_cases),
            value(samples.victim_cases),
            value(samples.interviews),
        ],
        "footnotes": len(record.footnotes),
        "inspectors": [person.name for person in record.inspectors],
        "statements": [statement.section for statement in record.rating_statements],
    }
