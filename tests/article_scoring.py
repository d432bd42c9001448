"""Score article records against the hand-written expected JSON, field by field.

Run as a script for a per-field report and every mismatch:
    python tests/article_scoring.py [NAME ...]
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from extractor import extract
from models import Article, InspectionReport, OtherDocument

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
ARTICLES = FIXTURES / "articles"
HOLDOUT = FIXTURES / "articles_holdout"
Record = InspectionReport | Article | OtherDocument


def _value(item: Any) -> Any:
    """The plain value of a grounded field (or the field itself)."""
    return getattr(item, "value", item) if item is not None else None


def _starts(text: str) -> str:
    """The first five words of a quote, as the expected files record them."""
    return " ".join(text.split()[:5])


def _got(record: Record, field: str) -> Any:
    """The record's value for one scored field, in the expected files' shape."""
    if field == "kind":
        return record.kind
    if isinstance(record, OtherDocument):
        other = {
            "headline": _value(record.title),
            "outlet": _value(record.outlet),
            "author": _value(record.author),
            "published": _value(record.published),
            "inspectorates": sorted(_value(i) for i in record.inspectorates),
            "quantities": _quantities(record),
            "quotes": _quotes(record),
        }
        return other.get(field, EMPTY.get(field))
    if not isinstance(record, Article):
        return None
    getters: dict[str, Callable[[Article], Any]] = {
        "headline": lambda r: _value(r.headline),
        "outlet": lambda r: _value(r.outlet),
        "author": lambda r: _value(r.author),
        "published": lambda r: _value(r.published),
        "services": lambda r: sorted((s.area, s.type) for s in r.services),
        "service_names": lambda r: sorted(s.name for s in r.services),
        "overall_rating": lambda r: _value(r.overall_rating),
        "inspection_year": lambda r: _value(r.inspection_year),
        "score": lambda r: {"value": r.score.value, "max": r.score.max} if r.score else None,
        "previous_ratings": lambda r: sorted(
            (p.rating, _value(p.year) or 0) for p in r.previous_ratings
        ),
        "standard_ratings": lambda r: sorted(
            (s.standard.lower(), s.rating) for s in r.standard_ratings
        ),
        "inspectorates": lambda r: sorted(_value(i) for i in r.inspectorates),
        "recommendations_count": lambda r: _value(r.recommendations_count),
        "quantities": _quantities,
        "quotes": _quotes,
    }
    return getters[field](record)


def _quantities(record: Article | OtherDocument) -> list[tuple[float, str, str | None, str]]:
    return sorted((round(q.value, 1), q.unit, q.qualifier, q.text) for q in record.quantities)


def _quotes(record: Article | OtherDocument) -> list[tuple[str | None, str | None, str]]:
    direct = [q for q in record.quotes if not q.reported]
    return sorted((_value(q.speaker), _value(q.role), _starts(q.text)) for q in direct)


EMPTY: dict[str, Any] = {
    "services": [],
    "service_names": [],
    "previous_ratings": [],
    "standard_ratings": [],
    "inspectorates": [],
    "quantities": [],
    "quotes": [],
}


def _want(expected: dict[str, Any], field: str) -> Any:
    """The expected value of one scored field, normalised like `_got`."""
    if field == "services":
        return sorted((s["area"], s["type"]) for s in expected["services"])
    if field == "service_names":
        return sorted(s["name"] for s in expected["services"])
    if field == "previous_ratings":
        return sorted((p["rating"], p["year"] or 0) for p in expected["previous_ratings"])
    if field == "standard_ratings":
        return sorted((s["standard"].lower(), s["rating"]) for s in expected["standard_ratings"])
    if field == "inspectorates":
        return sorted(expected["inspectorates"])
    if field == "quantities":
        return sorted(
            (round(float(q["value"]), 1), q["unit"], q["qualifier"], q["text"])
            for q in expected["quantities"]
        )
    if field == "quotes":
        return sorted((q["speaker"], q["role"], q["starts_with"]) for q in expected["quotes"])
    return expected[field]


FIELDS = [
    "kind",
    "headline",
    "outlet",
    "author",
    "published",
    "services",
    "service_names",
    "overall_rating",
    "inspection_year",
    "score",
    "previous_ratings",
    "standard_ratings",
    "inspectorates",
    "recommendations_count",
    "quantities",
    "quotes",
]


def fixtures(folder: Path = ARTICLES) -> list[Path]:
    """Every article fixture of a folder that has an expected file."""
    return sorted(
        path
        for path in folder.iterdir()
        if path.suffix in (".txt", ".html") and path.with_suffix(".expected.json").exists()
    )


def expected_of(path: Path) -> dict[str, Any]:
    """The hand-written expected facts of a fixture."""
    data: dict[str, Any] = json.loads(path.with_suffix(".expected.json").read_text("utf-8"))
    return data


def mismatches(path: Path, record: Record) -> dict[str, tuple[Any, Any]]:
    """Fields where the record differs from the expected file: field -> (want, got)."""
    expected = expected_of(path)
    found: dict[str, tuple[Any, Any]] = {}
    for field in FIELDS:
        want, got = _want(expected, field), _got(record, field)
        if want != got:
            found[field] = (want, got)
    return found


def accuracy(records: dict[Path, Record]) -> dict[str, float]:
    """Per field, the share of fixtures whose record matches the expected value exactly."""
    wrong = {path: mismatches(path, record) for path, record in records.items()}
    return {
        field: sum(field not in fields for fields in wrong.values()) / len(records)
        for field in FIELDS
    }


def main(names: list[str]) -> None:
    """Print the per-field accuracy and each mismatch (of the named fixtures, if given)."""
    every = fixtures() + fixtures(HOLDOUT)
    paths = [p for p in every if not names or any(n in p.name for n in names)]
    if not paths:
        sys.exit(f"no article fixture's name contains any of {names}")
    records = {path: extract(path) for path in paths}
    for path, record in records.items():
        for field, (want, got) in mismatches(path, record).items():
            print(f"{path.name[:44]:<44} {field:<22} want {want!r}\n{'':<67}got  {got!r}")
    for field, share in accuracy(records).items():
        print(f"{field:<24} {share:6.1%}")


if __name__ == "__main__":
    main(sys.argv[1:])
