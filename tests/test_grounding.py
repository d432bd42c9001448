"""Every value the extractor emits is grounded: its evidence is exactly the text at its offsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPORTS, SEED_REPORT, loaded
from helpers import evidence_in

INPUTS = sorted(p for p in REPORTS.iterdir() if p.suffix in (".txt", ".html", ".pdf"))


def check_grounded(path: Path) -> int:
    """Assert every evidence of the file's record quotes its own offsets; return how many."""
    document, record = loaded(path)
    count = 0
    for evidence in evidence_in(record):
        assert 0 <= evidence.start < evidence.end <= len(document.text), evidence
        assert document.text[evidence.start : evidence.end] == evidence.text, evidence
        if document.source.format == "pdf":
            assert evidence.page is not None and document.page_at(evidence.start) == evidence.page
        else:
            assert evidence.page is None
        count += 1
    return count


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_every_value_of_a_fixture_is_grounded(path: Path) -> None:
    """Walk the whole record of each bundled report; a report has dozens of grounded values."""
    assert check_grounded(path) > 30


def test_every_value_of_the_seed_report_is_grounded(seed_report: Path) -> None:
    """The same walk over the real report."""
    assert check_grounded(SEED_REPORT) > 100
