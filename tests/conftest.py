"""Shared paths and loaded documents; loading is cached because spaCy work is the slow part."""

from __future__ import annotations

import importlib
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

from extractor import Document, load, parse
from models import ErrorRecord, InspectionReport, OtherDocument

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
REPORTS = FIXTURES / "reports"
SEEDS = ROOT.parent / "shared" / "seeds"
SEED_REPORT = SEEDS / "000_ae1ba198da5e30c5.txt"
SEED_ARTICLE = SEEDS / "002_96081df65896bb69.txt"


@cache
def loaded(path: Path) -> tuple[Document, InspectionReport | OtherDocument]:
    """The document and record of a file, computed once per test session."""
    document = load(path)
    return document, parse(document)


def record_of(path: Path) -> InspectionReport | OtherDocument | ErrorRecord:
    """The record of a file."""
    return loaded(path)[1]


@pytest.fixture
def seed_report() -> Path:
    """The real 2025 report, or a skip when the shared seeds are not next to the project."""
    if not SEED_REPORT.exists():
        pytest.skip("../shared/seeds is not available")
    return SEED_REPORT


def fixture_builder() -> ModuleType:
    """fixtures/build.py, the script that renders the bundled HTML pages and PDFs."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    return importlib.import_module("fixtures.build")
