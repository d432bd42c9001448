"""inspection-extractor: grounded records from inspection reports and the news about them.

from extractor import extract
record = extract("report.pdf")
record.overall_rating.value   # 'Requires improvement'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from extractor.check import check
from extractor.document import Document
from extractor.errors import ExtractorError
from extractor.load import load, load_bytes
from extractor.options import Options
from extractor.parse import parse
from models import RECORD_ADAPTER, Article, ErrorRecord, InspectionReport, OtherDocument


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


def extract_many(
    paths: Iterable[str | Path], options: Options | None = None, workers: int | None = None
) -> Iterator[InspectionReport | Article | OtherDocument | ErrorRecord]:
    """Records (or error records) of many files and folders, in input order, as `batch` reads them.

    Worker processes (default: one per core) read the inputs, each bounded by the options' time
    and memory limits; nothing raises for a bad input.
    """
    from extractor.batch import default_workers, discover, run

    for outcome in run(discover(paths), options, workers or default_workers()):
        yield RECORD_ADAPTER.validate_json(outcome.line)


__all__ = [
    "Document",
    "ExtractorError",
    "Options",
    "check",
    "extract",
    "extract_many",
    "load",
    "load_bytes",
    "parse",
]
