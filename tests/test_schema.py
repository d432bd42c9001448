"""Records are plain data: their JSON validates back to an equal record, and they pickle."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from conftest import FIXTURES, REPORTS, loaded
from extractor import ExtractorError, load
from extractor.export import to_json
from models import RECORD_ADAPTER, ErrorInfo, ErrorRecord, InspectionReport, OtherDocument, Source

REPORT_INPUTS = sorted(p for p in REPORTS.iterdir() if p.suffix in (".txt", ".html", ".pdf"))
OTHER_INPUTS = sorted((FIXTURES / "other").iterdir())


def error_record(path: Path) -> ErrorRecord:
    """The error record a batch writes for an input the loader refuses."""
    with pytest.raises(ExtractorError) as caught:
        load(path)
    return ErrorRecord(
        source=Source(path=caught.value.path),
        error=ErrorInfo(type=caught.value.kind, message=caught.value.reason),
    )


@pytest.mark.parametrize("path", REPORT_INPUTS, ids=lambda p: p.name)
def test_report_json_validates_back_to_an_equal_record(path: Path) -> None:
    """A consumer reading our JSON through the adapter gets the very same report back."""
    record = loaded(path)[1]
    assert isinstance(record, InspectionReport)
    for indent in (2, None):
        again = RECORD_ADAPTER.validate_json(to_json(record, indent=indent))
        assert type(again) is InspectionReport
        assert again == record
    assert json.loads(to_json(record))["kind"] == "inspection_report"


@pytest.mark.parametrize("path", OTHER_INPUTS, ids=lambda p: p.name)
def test_other_json_validates_back_to_an_equal_record(path: Path) -> None:
    """The 'kind' discriminator sends an 'other' record back to OtherDocument, unchanged."""
    record = loaded(path)[1]
    assert isinstance(record, OtherDocument)
    again = RECORD_ADAPTER.validate_json(to_json(record))
    assert type(again) is OtherDocument
    assert again == record


def test_error_record_json_validates_back_to_an_equal_record() -> None:
    """An error record round-trips too, so a batch's JSONL can be read back line by line."""
    record = error_record(FIXTURES / "broken" / "truncated.pdf")
    data = json.loads(to_json(record))
    assert data == {
        "kind": "error",
        "source": {
            "path": str(FIXTURES / "broken" / "truncated.pdf"),
            "sha256": None,
            "format": None,
            "pages": None,
            "size": None,
        },
        "error": {"type": "unreadable", "message": "is not a readable PDF (damaged or truncated)"},
    }
    assert RECORD_ADAPTER.validate_json(to_json(record)) == record


@pytest.mark.parametrize("path", REPORT_INPUTS + OTHER_INPUTS, ids=lambda p: p.name)
def test_records_pickle_and_unpickle_equal(path: Path) -> None:
    """A batch fans records out over processes, which pickles them."""
    record = loaded(path)[1]
    again = pickle.loads(pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))
    assert type(again) is type(record)
    assert again == record
    assert to_json(again) == to_json(record)


def test_a_record_with_an_unknown_field_is_refused() -> None:
    """Records forbid extra fields, so a misspelt key in stored JSON is an error, not lost data."""
    data = json.loads(to_json(loaded(REPORTS / "eastmoor-2025.txt")[1]))
    data["overal_rating"] = data["overall_rating"]
    with pytest.raises(ValueError, match="overal_rating"):
        RECORD_ADAPTER.validate_python(data)


def test_a_rating_outside_the_four_words_is_refused() -> None:
    """overall_rating is exactly one of the four words; anything else fails validation."""
    data = json.loads(to_json(loaded(REPORTS / "eastmoor-2025.txt")[1]))
    data["overall_rating"]["value"] = "Requires Improvement"
    with pytest.raises(ValueError, match="overall_rating"):
        RECORD_ADAPTER.validate_python(data)
