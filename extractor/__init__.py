"""inspection-extractor: grounded records from inspection reports and the news about them.

from extractor import extract
record = extract("report.pdf")
record.overall_rating.value   # 'Requires improvement'
"""

from __future__ import annotations

from pathlib import Path

from extractor.check import check
from extractor.document import Document
from extractor.errors import ExtractorError
from extractor.load import load, load_bytes
from extractor.options import Options
from extractor.parse import parse
from models import Article, InspectionReport, OtherDocument


def extract(
    path: str | Path, options: Options | None = None
) -> InspectionReport | Article | OtherDocument:
    """Read one file and return its record with the findings of the rules checks.

    Raises ExtractorError, naming the file and the reason, when the file cannot be read.
    """
    options = options or Options()
    record = parse(load(path, options), options)
    if options.checks and isinstance(record, InspectionReport):
        record = record.model_copy(update={"findings": check(record)})
    return record


__all__ = [
    "Document",
    "ExtractorError",
    "Options",
    "check",
    "extract",
    "load",
    "load_bytes",
    "parse",
]
