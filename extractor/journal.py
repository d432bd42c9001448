"""A batch's JSONL output: whole lines only, whatever kills the run, and resumable.

Each line is written with one `os.write` on a file opened for appending, so a run killed at any
moment (kill -9 included) leaves whole lines and at most one cut-off last line. Opening the file
again for `--resume` drops a cut-off or unreadable line, keeps every whole record, and says which
(path, content hash) pairs are done; the finished file is put back in input order, with one line
for each input (an input whose content changed keeps only its new reading).
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.outcome import RETRIED_ERRORS

Key = tuple[str, str | None]
"""An input as a resumed batch recognises it: its path as given and its content hash."""


@dataclass(slots=True)
class Previous:
    """What an earlier run of the same batch left in its output file."""

    lines: dict[Key, str] = field(default_factory=dict)
    dropped: int = 0
    """Lines that were cut off or unreadable, or outcomes worth trying again (time-outs...)."""


def read_previous(path: Path) -> Previous:
    """The whole, readable lines of an earlier run's output, by input; nothing if there is none."""
    previous = Previous()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return previous
    for raw in data.split(b"\n"):
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
            record = json.loads(line)
            key = _key(record)
        except (UnicodeDecodeError, ValueError, KeyError, TypeError):
            previous.dropped += 1
            continue
        if record.get("kind") == "error" and record["error"]["type"] in RETRIED_ERRORS:
            previous.dropped += 1
        else:
            previous.lines[key] = line
    return previous


class Journal:
    """The output file of one batch run, appended one whole line at a time."""

    def __init__(self, path: Path, previous: Previous | None = None) -> None:
        """Start the file afresh, or, resuming, with the previous run's good lines only."""
        self.path = path
        self.resumed = previous is not None and bool(previous.lines)
        rewrite(path, list(previous.lines.values()) if previous else [])
        self.fd = os.open(path, os.O_WRONLY | os.O_APPEND)

    def write(self, line: str) -> None:
        """Append one line in a single write, so that no kill can leave half of it."""
        data = (line + "\n").encode("utf-8")
        while data:
            data = data[os.write(self.fd, data) :]

    def finish(self, order: Sequence[Key]) -> None:
        """Close the file; a resumed run's file is put back in input order, one line an input.

        A line of an input read again because its content changed is dropped: it describes a
        file that is no more. An input that changed again while it was read keeps the line of
        that reading, the last of its path. Lines of paths not given this time are kept, after.
        """
        self.close()
        if not self.resumed:
            return
        lines: dict[Key, str] = {}
        for raw in self.path.read_text(encoding="utf-8").splitlines():
            lines.setdefault(key_of_line(raw), raw)
        latest = {path: line for (path, _), line in lines.items()}
        chosen = {
            path: lines.get((path, digest), latest[path])
            for path, digest in order
            if path in latest
        }
        others = [line for (path, _), line in lines.items() if path not in chosen]
        rewrite(self.path, list(chosen.values()) + others)

    def close(self) -> None:
        """Close the file, leaving it as it is."""
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1

    def __enter__(self) -> Journal:
        """The journal, to use in a with-block that always closes it."""
        return self

    def __exit__(self, *exc: object) -> None:
        """Close without reordering: the run did not finish, and resuming will complete it."""
        self.close()


def key_of_line(line: str) -> Key:
    """The resume key of a JSONL line."""
    return _key(json.loads(line))


def _key(record: dict[str, Any]) -> Key:
    """The resume key of a record read from JSON: its source's path and content hash."""
    return record["source"]["path"], record["source"].get("sha256")


def rewrite(path: Path, lines: list[str]) -> None:
    """Replace the file's content at once: a kill leaves the old file or the new, never a mix."""
    temporary = path.with_name(f".{path.name}.partial")
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.writelines(line + "\n" for line in lines)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
