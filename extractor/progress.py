"""What a batch shows a person: progress on stderr while it runs, a summary when it ends."""

from __future__ import annotations

import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from types import TracebackType
from typing import TextIO

from extractor.fit import hanging
from extractor.outcome import Outcome

PLAIN_EVERY_S = 5.0
"""Seconds between plain progress lines when stderr is not a terminal (a log, a CI job)."""


@dataclass(slots=True)
class Tally:
    """Counts over a batch's outcomes, for the progress line and the final summary."""

    total: int
    done: int = 0
    kept: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    frameworks: Counter[str] = field(default_factory=Counter)
    ratings: Counter[str] = field(default_factory=Counter)
    error_types: Counter[str] = field(default_factory=Counter)
    error_findings: int = 0
    warning_findings: int = 0
    records_with_errors: int = 0
    started: float = field(default_factory=time.monotonic)

    def add(self, outcome: Outcome, kept: bool = False) -> None:
        """Count one outcome; `kept` when it comes from the run being resumed."""
        self.done += 1
        self.kept += kept
        self.kinds[outcome.kind] += 1
        if outcome.kind == "inspection_report":
            self.frameworks[outcome.framework or "not recognised"] += 1
        if outcome.rating:
            self.ratings[outcome.rating] += 1
        if outcome.error_type:
            self.error_types[outcome.error_type] += 1
        self.error_findings += outcome.error_findings
        self.warning_findings += outcome.warning_findings
        self.records_with_errors += outcome.error_findings > 0

    @property
    def errors(self) -> int:
        """Inputs that gave an error record."""
        return self.kinds["error"]

    def rate(self) -> float:
        """Inputs read per second in this run (kept ones not counted)."""
        elapsed = time.monotonic() - self.started
        return (self.done - self.kept) / elapsed if elapsed > 0 else 0.0

    def line(self) -> str:
        """One plain progress line."""
        rate = self.rate()
        left = self.total - self.done
        eta = f"{left / rate:.0f} s" if rate > 0 else "?"
        return (
            f"batch: {self.done}/{self.total} done, {self.errors} error(s), "
            f"{rate:.1f} files/s, ETA {eta}"
        )

    def summary(self, output: str, width: int = 100) -> str:
        """The summary printed when the batch ends: counts by kind, framework, rating, error.

        Each row is fitted to `width` columns, a count never parted from its name nor a path
        from itself.
        """
        elapsed = time.monotonic() - self.started
        head = [f"{self.total} input(s)", "->", output, f"in {elapsed:.1f} s"]
        rows = hanging("", [*head, f"({self.rate():.1f} files/s)"], width, indent=2)
        rows += _counts("kind", self.kinds, width)
        rows += _counts("framework", self.frameworks, width)
        rows += _counts("overall", self.ratings, width)
        rows += _counts("errors", self.error_types, width)
        findings = [
            f"{self.error_findings} error(s) in",
            f"{self.records_with_errors} record(s),",
            f"{self.warning_findings} warning(s)",
        ]
        rows += _row("findings", findings, width)
        if self.kept:
            rows += _row("resumed", [f"{self.kept} kept", "from the earlier run"], width)
        return "\n".join(rows) + "\n"


def _counts(label: str, counter: Counter[str], width: int) -> list[str]:
    """One summary row: 'label: a 3, b 1', largest first, or '-' when empty; wrapped to width."""
    items = [f"{key} {count}" for key, count in counter.most_common()]
    pieces = [f"{item}," for item in items[:-1]] + items[-1:]
    return _row(label, pieces or ["-"], width)


def _row(label: str, pieces: list[str], width: int) -> list[str]:
    """A labelled summary row, its pieces going on under the first when they wrap."""
    return hanging(f"  {label + ':':<11} ", pieces, width)


class Progress:
    """A rich progress bar on a terminal; elsewhere a plain line every few seconds."""

    def __init__(
        self, tally: Tally, stream: TextIO | None = None, live: bool | None = None
    ) -> None:
        """Show progress of `tally` on `stream` (stderr); `live` forces or forbids the bar."""
        self.tally = tally
        self.stream = stream or sys.stderr
        self.live = self.stream.isatty() if live is None else live
        self.last = time.monotonic()
        self.bar = None
        if self.live:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                TextColumn,
                TimeRemainingColumn,
            )
            from rich.progress import Progress as RichProgress

            self.bar = RichProgress(
                TextColumn("batch"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[errors]} error(s)  {task.fields[rate]} files/s  ETA"),
                TimeRemainingColumn(),
                console=Console(file=self.stream),
                transient=True,
            )
            self.task = self.bar.add_task("batch", total=tally.total, errors=0, rate="0.0")

    def __enter__(self) -> Progress:
        """Start showing progress."""
        if self.bar is not None:
            self.bar.start()
        return self

    def update(self) -> None:
        """Show the tally as it is now."""
        if self.bar is not None:
            self.bar.update(
                self.task,
                completed=self.tally.done,
                errors=self.tally.errors,
                rate=f"{self.tally.rate():.1f}",
            )
        elif time.monotonic() - self.last >= PLAIN_EVERY_S:
            self.last = time.monotonic()
            print(self.tally.line(), file=self.stream, flush=True)

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        """Stop the bar; a plain stream gets a last line so a log shows the end."""
        if self.bar is not None:
            self.bar.stop()
        else:
            print(self.tally.line(), file=self.stream, flush=True)
