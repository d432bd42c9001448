"""inspection-extractor: grounded records from inspection reports and the news about them.

from extractor import extract
record = extract("report.pdf")
record.overall_rating.value   # 'Requires improvement'

The public names are imported on first use, so `import extractor` (and the command line's
`--help`) does not pay for spaCy, pdfium, lxml or pydantic.
"""

from __future__ import annotations

import sys
from importlib import import_module
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from extractor.errors import ExtractorError
from extractor.options import Options

if TYPE_CHECKING:
    from extractor.check import check
    from extractor.document import Document
    from extractor.load import load, load_bytes
    from extractor.parse import parse
    from models import Article, InspectionReport, OtherDocument

_LAZY = {
    "check": "extractor.check",
    "Document": "extractor.document",
    "load": "extractor.load",
    "load_bytes": "extractor.load",
    "parse": "extractor.parse",
}
"""Public name: the module that defines it, imported when the name is first read."""


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
        if name in _LAZY and isinstance(value, ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def extract(
    path: str | Path, options: Options | None = None
) -> InspectionReport | Article | OtherDocument:
    """Read one file and return its record with the findings of the rules checks.

    Raises ExtractorError, naming the file and the reason, when the file cannot be read.
    """
    from extractor.check import check
    from extractor.load import load
    from extractor.parse import parse
    from models import InspectionReport

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
