"""inspection-extractor: grounded records from inspection reports and the news about them.

from extractor import extract
record = extract("report.pdf")
record.overall_rating.value   # 'Requires improvement'
"""

from __future__ import annotations

from pathlib import Path

from extractor.document import Document
from extractor.errors import ExtractorError
from extractor.load import load, load_bytes
from extractor.options import Options
from extractor.parse import parse
from models import InspectionReport, OtherDocument


def extract(path: str | Path, options: Options | None = None) -> InspectionReport | OtherDocument:
    """Read one file and return its record; raises ExtractorError when the file cannot be read."""
    return parse(load(path, options), options)


__all__ = [
    "Document",
    "ExtractorError",
    "Options",
    "extract",
    "load",
    "load_bytes",
    "parse",
]
