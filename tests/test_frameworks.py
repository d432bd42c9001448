"""Every HM Inspectorate of Probation framework since 2018, read from its text copy, HTML and PDF.

Each fixture in `fixtures/reports` with a `NAME.facts.json` was written in its framework's real
layout and its facts typed by hand (fixtures/README.md, "Issue 7 fixtures"). Each field is its own
test, so a miss names the fixture, the format and the field; misses not yet fixed are listed in
KNOWN with the reason, as strict expected failures that fail once the parser reads them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from report_facts import FIELDS, read, typed

from conftest import REPORTS, loaded
from extractor.check import check
from models import InspectionReport

FACTS = sorted(REPORTS.glob("*.facts.json"))
NAMES = [path.name.removesuffix(".facts.json") for path in FACTS]
FORMATS = (".txt", ".html", ".pdf")
PDF_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-"})
KNOWN: dict[tuple[str, str, str], str] = {}
"""(fixture, format, field): why the parser misses it today."""


def _record(path: Path) -> InspectionReport:
    """The record of a fixture file, which must be a report."""
    record = loaded(path)[1]
    assert isinstance(record, InspectionReport), f"{path.name} was read as {record.kind}"
    return record


def _plain(value: Any) -> Any:
    """A value with the PDF font's straight quotes and hyphens for curly ones and dashes."""
    return json.loads(json.dumps(value, ensure_ascii=False).translate(PDF_QUOTES))


CASES = [
    pytest.param(
        name,
        suffix,
        field,
        id=f"{name}{suffix}-{field}",
        marks=[pytest.mark.xfail(strict=True, reason=KNOWN[(name, suffix, field)])]
        if (name, suffix, field) in KNOWN
        else [],
    )
    for name in NAMES
    for suffix in FORMATS
    for field in FIELDS
]


@pytest.mark.parametrize(("name", "suffix", "field"), CASES)
def test_each_format_gives_the_hand_typed_facts(name: str, suffix: str, field: str) -> None:
    """The text copy, the HTML page and the PDF each give the facts read by hand."""
    want = typed(REPORTS / f"{name}.facts.json")
    got = read(_record(REPORTS / f"{name}{suffix}"), want)
    assert _plain(got[field]) == _plain(want[field])


def test_every_framework_has_a_fixture() -> None:
    """Each of the inspectorate's frameworks has a fixture, and so does a report in none."""
    from extractor.frameworks import frameworks

    probation = {key for key, f in frameworks().items() if f.family == "hmi_probation"}
    modelled = {typed(path)["framework"] for path in FACTS}
    assert probation <= modelled
    assert None in modelled


@pytest.mark.parametrize("name", NAMES)
def test_the_record_says_why_its_framework(name: str) -> None:
    """The framework reason names the chosen framework, or says why none fits."""
    record = _record(REPORTS / f"{name}.txt")
    reason = record.framework_reason or ""
    if record.framework:
        assert reason.startswith(f"{record.framework}: ")
    else:
        assert reason and not any(reason.startswith(f"{key}: ") for key in ("youth", "prob"))


@pytest.mark.parametrize("name", NAMES)
def test_the_fixture_breaks_no_rule(name: str) -> None:
    """Every fixture follows its framework's rules; a report in no framework only says so."""
    record = _record(REPORTS / f"{name}.txt")
    codes = [finding.code for finding in check(record)]
    unknown = typed(REPORTS / f"{name}.facts.json")["framework"] is None
    rated = record.overall_rating is not None or record.standards
    assert codes == (["framework-unknown"] if unknown and rated else [])
