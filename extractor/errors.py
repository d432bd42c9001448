"""The one error type callers catch: an input that cannot be read, why, and what kind of failure."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

ErrorKind = Literal[
    "unreadable",
    "not_found",
    "not_a_file",
    "too_large",
    "binary",
    "encrypted",
    "too_deep",
    "internal",
]
"""What went wrong, for a program to sort on: docs/errors.md says when each is given."""


class ExtractorError(Exception):
    """An input the extractor cannot read; the message names the file and the reason."""

    def __init__(self, path: str | Path, reason: str, kind: ErrorKind = "unreadable") -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason
        self.kind: ErrorKind = kind

    @classmethod
    def internal(cls, path: str | Path, error: Exception) -> ExtractorError:
        """A bug met while reading `path`, recorded like bad input so that a batch carries on."""
        detail = (str(error).splitlines() or [""])[0]
        reason = f"internal error, please report it ({type(error).__name__}: {detail})"
        return cls(path, reason, kind="internal")


class InputError(Exception):
    """A reader's verdict on bytes it was given, before anyone has told it the input's name."""

    def __init__(self, reason: str, kind: ErrorKind = "unreadable") -> None:
        super().__init__(reason)
        self.reason = reason
        self.kind: ErrorKind = kind
