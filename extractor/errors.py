"""The one error type callers catch: an input that cannot be read, and why."""

from __future__ import annotations

from pathlib import Path


class ExtractorError(Exception):
    """An input the extractor cannot read; the message names the file and the reason."""

    def __init__(self, path: str | Path, reason: str, kind: str = "unreadable") -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason
        self.kind = kind

    @classmethod
    def internal(cls, path: str | Path, error: Exception) -> ExtractorError:
        """A bug met while reading `path`, recorded like bad input so that a batch carries on."""
        detail = (str(error).splitlines() or [""])[0]
        reason = f"internal error, please report it ({type(error).__name__}: {detail})"
        return cls(path, reason, kind="internal")
