"""inspection-extractor: grounded records from inspection reports and the news about them.

from extractor import extract
record = extract("report.pdf")   # or the file's bytes, or a file opened with "rb"
record.overall_rating.value   # 'Requires improvement'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from extractor import check as rules
from extractor.document import Document
from extractor.errors import ExtractorError
from extractor.load import Input, load, load_bytes
from extractor.options import Options
from extractor.parse import parse
from models import RECORD_ADAPTER, Article, ErrorRecord, Finding, InspectionReport, OtherDocument


def extract(
    source: Input, options: Options | None = None
) -> InspectionReport | Article | OtherDocument:
    """Read one input (a path, bytes or a binary file object) into its record, rules checked.

    Raises ExtractorError, naming the input and the reason, when it cannot be read.
    """
    options = options or Options()
    record = parse(load(source, options), options)
    if options.checks and isinstance(record, InspectionReport):
        record = record.model_copy(update={"findings": rules.check(record)})
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


def check(
    target: InspectionReport | Article | OtherDocument | Input, options: Options | None = None
) -> list[Finding]:
    """A record's, or an input's, breaches of its framework's ratings rules.

    Only reports have rules of their own; an article is compared with its report by
    `extractor.check.check_against`. Raises ExtractorError when an input cannot be read.
    """
    if not isinstance(target, InspectionReport | Article | OtherDocument):
        target = extract(target, replace(options or Options(), checks=False))
    return rules.check(target) if isinstance(target, InspectionReport) else []


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
