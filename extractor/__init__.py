"""inspection-extractor: grounded records from inspection reports and the news about them.

from extractor import extract
record = extract("report.pdf")   # or the file's bytes, or a file opened with "rb"
record.overall_rating.value   # 'Requires improvement'

The public names are imported on first use, so `import extractor` (and the command line's
`--help`) does not pay for spaCy, pdfium, lxml or pydantic.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from importlib import import_module
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from extractor.errors import ExtractorError
from extractor.options import Options

if TYPE_CHECKING:
    from extractor.document import Document
    from extractor.load import Input, load, load_bytes
    from extractor.parse import parse
    from models import Article, ErrorRecord, Finding, InspectionReport, OtherDocument

_LAZY = {
    "Document": "extractor.document",
    "load": "extractor.load",
    "load_bytes": "extractor.load",
    "parse": "extractor.parse",
}
"""Public name: the module that defines it, imported when the name is first read."""

_FUNCTIONS_NAMED_LIKE_MODULES = frozenset({"check", *_LAZY})
"""Public functions that share their name with a submodule (`extractor.check`)."""


def __getattr__(name: str) -> Any:
    """Import a public name's module on first use, and keep the name bound from then on."""
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


class _Package(ModuleType):
    """The package, on which a submodule never takes the place of the function it is named for.

    The import system binds `extractor.check` (the module) on the package when it loads; the
    public `check` (the function) must keep that name, as `from extractor import check` promises.
    """

    def __setattr__(self, name: str, value: object) -> None:
        """Bind a name, unless it is a public function's name and the value its module."""
        if name in _FUNCTIONS_NAMED_LIKE_MODULES and isinstance(value, ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def extract(
    source: Input, options: Options | None = None
) -> InspectionReport | Article | OtherDocument:
    """Read one input (a path, bytes or a binary file object) into its record, rules checked.

    Raises ExtractorError, naming the input and the reason, when it cannot be read.
    """
    from extractor.check import check as rules
    from extractor.load import load
    from extractor.parse import parse
    from models import InspectionReport

    options = options or Options()
    record = parse(load(source, options), options)
    if options.checks and isinstance(record, InspectionReport):
        record = record.model_copy(update={"findings": rules(record)})
    return record


def extract_many(
    paths: Iterable[str | Path], options: Options | None = None, workers: int | None = None
) -> Iterator[InspectionReport | Article | OtherDocument | ErrorRecord]:
    """Records (or error records) of many files and folders, in input order, as `batch` reads them.

    Worker processes (default: one per core) read the inputs, each bounded by the options' time
    and memory limits; nothing raises for a bad input. A script must call it under
    `if __name__ == "__main__":`, as for any process pool: each worker imports the script again.
    """
    from extractor.batch import default_workers, discover, run
    from models import RECORD_ADAPTER

    for outcome in run(discover(paths), options, workers or default_workers()):
        yield RECORD_ADAPTER.validate_json(outcome.line)


def check(
    target: InspectionReport | Article | OtherDocument | Input, options: Options | None = None
) -> list[Finding]:
    """A record's, or an input's, breaches of its framework's ratings rules.

    Only reports have rules of their own; an article is compared with its report by
    `extractor.check_article.check_against`. Raises ExtractorError when an input cannot be read.
    """
    from extractor.check import check as rules
    from models import Article, InspectionReport, OtherDocument

    if not isinstance(target, InspectionReport | Article | OtherDocument):
        target = extract(target, replace(options or Options(), checks=False))
    return rules(target) if isinstance(target, InspectionReport) else []


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
