"""One input's outcome: its record or error record as a JSON line, made in any process.

`process` is the per-document function (path in, one outcome out, never raising); it is what
`batch`, `extract_many` and the Dask recipe in docs/scale.md all run. An `Outcome` is plain data,
so it crosses process boundaries as it is, and carries what a batch summary counts.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from extractor.errors import ExtractorError
from extractor.options import Options

if TYPE_CHECKING:
    from models import AnyRecord

RETRIED_ERRORS = frozenset({"timeout", "memory", "crashed"})
"""Error types that depend on the machine, not the input: a resumed batch tries these again."""

OUT_OF_MEMORY = "ran out of memory while reading it"


@dataclass(frozen=True, slots=True)
class Outcome:
    """One input's JSON line and what a batch summary counts of it; plain data for any process."""

    path: str
    sha256: str | None
    line: str
    kind: str
    framework: str | None = None
    rating: str | None = None
    error_type: str | None = None
    error_findings: int = 0
    warning_findings: int = 0

    @classmethod
    def of(cls, record: AnyRecord) -> Outcome:
        """The outcome of a record or error record, counted from the model itself."""
        from models import ErrorRecord  # a batch's parent needs the models only for its own errors

        if isinstance(record, ErrorRecord):
            return cls(
                record.source.path,
                record.source.sha256,
                record.model_dump_json(),
                "error",
                error_type=record.error.type,
            )
        rating = getattr(record, "overall_rating", None)
        return cls(
            record.source.path,
            record.source.sha256,
            record.model_dump_json(),
            record.kind,
            framework=getattr(record, "framework", None),
            rating=rating.value if rating is not None else None,
            error_findings=sum(1 for f in record.findings if f.severity == "error"),
            warning_findings=sum(1 for f in record.findings if f.severity == "warning"),
        )

    @classmethod
    def failed(cls, path: str, kind: str, message: str) -> Outcome:
        """An error outcome for an input that gave no record (bad input, time-out, crash)."""
        from models import ErrorInfo, ErrorRecord, Source

        record = ErrorRecord(
            source=Source(path=path, sha256=file_sha256(path)),
            error=ErrorInfo(type=kind, message=message),
        )
        return cls.of(record)


def process(path: str | Path, options: Options | None = None) -> Outcome:
    """Extract one input into its outcome; bad input and bugs become error records, never raise."""
    from extractor import extract

    name = str(path)
    try:
        return Outcome.of(extract(path, options))
    except ExtractorError as error:
        return Outcome.failed(name, error.kind, error.reason)
    except MemoryError:
        return Outcome.failed(name, "memory", OUT_OF_MEMORY)
    except Exception as error:  # a parser bug must not stop the batch: record it like bad input
        return Outcome.failed(name, "internal", ExtractorError.internal(name, error).reason)


def file_sha256(path: str | Path) -> str | None:
    """The content hash of a regular file, or None when it is not one or cannot be read."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None  # opening a FIFO would block, and a device never ends
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


Task = Callable[[str, Options], Outcome]
