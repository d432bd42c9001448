"""Read many inputs in worker processes, in input order, nothing lost.

`discover` finds the inputs under the paths given; `run` reads them with `outcome.process` in a
supervised `pool.Pool` and hands their outcomes on in input order.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from extractor.options import Options
from extractor.outcome import Outcome, Task, process
from extractor.pool import Pool, start_fork_server

NOT_DOCUMENTS = frozenset({".json", ".jsonl", ".csv", ".parquet", ".py", ".toml", ".pyc"})
"""Suffixes of data and code files, skipped in folders (a file given by name is always read)."""

FOLDER_NOTES = ("readme", "license", "licence", "changelog")
"""Names of files that describe a folder rather than belong to it, skipped in folders."""


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """The files given, and every document file under the folders given, in a stable order.

    Hidden files and folders, data or code files (NOT_DOCUMENTS) and a folder's own notes
    (README, LICENSE: FOLDER_NOTES) inside folders are skipped; symbolic links to folders are not
    followed, so a link loop cannot trap the walk.
    """
    found: list[Path] = []
    for path in map(Path, paths):
        if not path.is_dir():
            found.append(path)
            continue
        inside: list[Path] = []
        for folder, folders, files in os.walk(path):
            folders[:] = [name for name in folders if not name.startswith(".")]
            inside.extend(
                Path(folder, name)
                for name in files
                if not name.startswith(".")
                and Path(name).suffix.lower() not in NOT_DOCUMENTS
                and Path(name).stem.lower() not in FOLDER_NOTES
            )
        found.extend(sorted(inside, key=lambda file: file.parts))
    return found


def in_order(results: Iterable[tuple[int, Outcome]], start: int = 0) -> Iterator[Outcome]:
    """Outcomes in input order, holding back those that finish before an earlier input."""
    held: dict[int, Outcome] = {}
    expected = start
    for index, outcome in results:
        held[index] = outcome
        while expected in held:
            yield held.pop(expected)
            expected += 1


def run(
    paths: Iterable[str | Path],
    options: Options | None = None,
    workers: int = 1,
    task: Task = process,
) -> Iterator[Outcome]:
    """The outcome of every input, in input order, read by `workers` supervised processes."""
    names = [str(path) for path in paths]
    if not names:
        return
    start_fork_server(names)
    with Pool(workers, options or Options(), task) as pool:
        yield from in_order(pool.map(names))


def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1
