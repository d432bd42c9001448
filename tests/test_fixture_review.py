"""The report fixtures' expected records against values read by hand from the documents.

`fixtures/reports/*.expected.json` is what the parser must give; the figures below were typed
from reading each `.txt` copy (the HTML and PDF are rendered from it), not copied from any output,
so an expected file regenerated from a wrong parse fails here. fixtures/README.md says how.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from conftest import REPORTS, record_of
from models import InspectionReport

HAND_READ: dict[str, dict[str, Any]] = {
    "blackpool-2025": {
        "overall": "Requires improvement",
        "score": (6, 12),
        "fieldwork": "2025-06-02",
        "ratings": {
            "2.1": "Inadequate",
            "2.2": "Good",
            "2.3": "Outstanding",
            "V1": "Requires improvement",
        },
        "percents": {"2.1": [67, 47], "2.2": [87, 73], "2.3": [93, 80], "V1": []},
        "recommendations": (6, 6, ["Blackpool Youth Justice Service"] * 2 + ["board"] * 4),
        "points": (18, 12),
        "samples": (15, 9, 14),
        "quantities": [
            142700,
            27900,
            18,
            31,
            13,
            1,
            6.8,
            9.1,
            76.2,
            2.3,
            9.1,
            78.8,
            18.2,
            276,
            31.6,
            32.0,
            5,
            3,
            66.7,
        ],
        "quote_roles": ["child", "child", "parent", "parent"],
        "footnotes": 6,
        "inspectors": ["Martin Jones CBE", "Pauline Burke"],
        "statements": ["Ratings", "Foreword"],
    },
    "eastmoor-2025": {
        "overall": "Good",
        "score": (8, 12),
        "fieldwork": "2025-09-08",
        "ratings": {
            "2.1": "Good",
            "2.2": "Outstanding",
            "2.3": "Good",
            "V1": "Requires improvement",
        },
        "percents": {"2.1": [78, 70], "2.2": [85, 81], "2.3": [75, 69], "V1": []},
        "recommendations": (
            4,
            4,
            ["Eastmoor Youth Justice Service"] * 2 + ["board", "Moorshire Police"],
        ),
        "points": (7, 5),
        "samples": (18, 11, 16),
        "quantities": [96400, 19800, 22, 17, 2, 25, 64.1, 162, 27.5],
        "quote_roles": ["child", "parent"],
        "footnotes": 5,
        "inspectors": ["Martin Jones CBE", "Sam Okafor"],
        "statements": ["Ratings", "Foreword", "Press release"],
    },
}


def summary(data: dict[str, Any]) -> dict[str, Any]:
    """The hand-checked figures of an expected record (the facts projection, as JSON)."""
    standards = data["standards"]
    return {
        "overall": data["overall_rating"],
        "score": (data["score"]["value"], data["score"]["max"]),
        "fieldwork": data["fieldwork_started"],
        "ratings": {s["code"]: s["rating"] for s in standards},
        "percents": {
            s["code"]: [q["percent"] for q in s["key_questions"] if q["percent"] is not None]
            for s in standards
        },
        "recommendations": (
            data["recommendations_stated_count"],
            len(data["recommendations"]),
            [
                "board" if r["addressee"].endswith("board") else r["addressee"]
                for r in data["recommendations"]
            ],
        ),
        "points": (len(data["strengths"]), len(data["areas_for_improvement"])),
        "samples": tuple(
            data["case_samples"][k] for k in ("children_cases", "victim_cases", "interviews")
        ),
        "quantities": [q["value"] for q in data["quantities"]],
        "quote_roles": [q["role"] for q in data["quotes"]],
        "footnotes": len(data["footnotes"]),
        "inspectors": [p["name"] for p in data["inspectors"]],
        "statements": [s["section"] for s in data["rating_statements"]],
    }


@pytest.mark.parametrize("name", sorted(HAND_READ))
def test_the_expected_record_holds_the_hand_read_figures(name: str) -> None:
    """Every figure read by hand from the document is the expected file's."""
    data = json.loads((REPORTS / f"{name}.expected.json").read_text("utf-8"))
    got = summary(data)
    want = HAND_READ[name]
    for key, value in want.items():
        if isinstance(value, tuple):
            assert tuple(got[key]) == value, key
        else:
            assert got[key] == value, key


def test_the_press_release_line_is_a_rating_statement() -> None:
    """A press-release heading that gives the overall rating is one of its statements."""
    record = record_of(REPORTS / "eastmoor-2025.txt")
    assert isinstance(record, InspectionReport)
    sections = [statement.section for statement in record.rating_statements]
    assert sections == ["Ratings", "Foreword", "Press release"]
