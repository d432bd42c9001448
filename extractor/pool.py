"""Worker processes that read inputs, supervised: bounded in time and memory, replaced when lost.

A `Pool` forks its workers from a fork server that has built the pipeline once, hands each an
input at a time, and replaces a worker that hangs, grows past its memory limit or dies inside a
native library, giving its input an error record.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from multiprocessing import forkserver
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess

from extractor.options import Options
from extractor.outcome import OUT_OF_MEMORY, Outcome, Task, process

PRELOADED = [
    "extractor.outcome",
    "extractor.pool",
    "extractor.load",
    "extractor.parse",
    "extractor.parse.article",
    "extractor.parse.ofsted_ilacs",
    "extractor.parse.ofsted_sif",
    "extractor.parse.ofsted_other",
    "extractor.check",
    "extractor.check_ofsted",
    "extractor.nlp",
    "extractor.readers.pdf",
    "pypdfium2",
    "typer",
]
"""Modules imported once in the fork server, so that a new or replacing worker starts at once.

`typer` is there because every worker runs its parent's main module again, which for `extractor
batch` is the command line: its imports are then found loaded. The command's own module is not
preloaded: run as `python -m extractor.cli`, a worker would warn that it found it loaded.
"""

WEB_PAGE_MODULES = ["extractor.readers.html", "trafilatura"]
"""Modules only web pages need (0.1 s to import): preloaded when an input may be one."""

WARM_SERVER = "extractor.fork_server"
"""The module the fork server imports last: it builds the pipeline once for every worker."""

STARTS_ALLOWED = 5
"""Workers in a row that may fail to start (die, hang, hold too much) before the batch gives up."""
_TICK = 0.25
"""Seconds between looks at the workers' clocks and memory while waiting for results."""


@dataclass(slots=True)
class _Worker:
    """One worker process, its end of the pipe, and the input it is reading."""

    process: BaseProcess
    connection: Connection
    task: tuple[int, str] | None = None
    started: float = field(default_factory=time.monotonic)
    ready: bool = False
    left: bool = False
    """Whether its input is one of a map that was left before its end (its outcome is dropped)."""


def _serve(connection: Connection, options: Options, task: Task) -> None:
    """A worker's loop: read inputs until told to stop, under a hard cap on its heap.

    A batch gone before its worker was forked (Ctrl-C while the fork server loaded) leaves the
    worker a closed pipe: it stops quietly, as it would have been told to.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when a batch stops
    _cap_heap(options.memory_limit_mb)
    warm()
    with suppress(BrokenPipeError, EOFError):
        connection.send("ready")
        for read in range(1, options.worker_inputs + 1):
            job = connection.recv()
            if job is None:
                return
            index, path = job
            try:
                outcome = task(path, options)
            except MemoryError:
                outcome = Outcome.failed(path, "memory", OUT_OF_MEMORY)
            # a heap that ran out is not trusted with the next input; an old one is renewed
            retiring = outcome.error_type == "memory" or read == options.worker_inputs
            connection.send((index, outcome, retiring))
            if retiring:
                return


def warm() -> None:
    """Build what every input needs (the spaCy pipeline, the frameworks) before the first one.

    A worker reads hundreds of inputs, so its tokenizer takes all its special cases at once
    rather than looking for them in every text, and its garbage collector is set for reading
    documents (`collect_for_documents`). The fork server has done this already
    (extractor.fork_server), so a worker finds everything built and only freezes what it has
    made since the fork.
    """
    from extractor.frameworks import frameworks
    from extractor.nlp import pipeline
    from extractor.tokens import TextKeepingTokenizer

    tokenizer = pipeline().tokenizer
    assert isinstance(tokenizer, TextKeepingTokenizer)
    tokenizer.add_all_special_cases()
    frameworks()
    collect_for_documents()


_YOUNG_OBJECTS = 10_000
"""Objects made (less those freed) between two collections of the youngest generation.

Python's default, 700, collects dozens of times while one report is read: a report makes tens of
thousands of small objects (blocks, facts, sentences, values) that live until its record is
made, and each collection walks the young ones again. A one-worker pool over 100 generated PDFs
took 2.214 ms a page with the freeze alone, 2.066 with this too (benchmarks/README.md).
"""


def collect_for_documents() -> None:
    """Freeze what exists and collect young objects less often, in a process that reads documents.

    Called where we own the process (a batch worker, by `warm`), never by `extract`: a
    library's caller keeps its own collector. Once the pipeline is built, it and all that
    spaCy, pydantic and our modules made to build it live as long as the process: frozen
    (`gc.freeze`), they are left out of every collection, each full one of which walked their
    ~75,000 objects (35 ms, once every ~90 reports) to free none of them. Frozen objects are
    still freed when their last reference goes; only one in a reference cycle is no longer
    collected.
    """
    gc.freeze()
    _, middle, oldest = gc.get_threshold()
    gc.set_threshold(_YOUNG_OBJECTS, middle, oldest)


def _cap_heap(megabytes: int) -> None:
    """Make allocations past twice the limit fail here (the parent's watch acts at the limit)."""
    try:
        import resource

        limit = megabytes * 2 * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass  # not on this platform: the parent's watch on resident memory still holds


def resident_mb(pid: int | None) -> float:
    """A process's resident memory in MB, from /proc (0 where /proc is not there)."""
    try:
        with open(f"/proc/{pid}/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024
    except (OSError, ValueError, IndexError):
        return 0.0


def start_fork_server(paths: Iterable[str] | None = None) -> None:
    """Start the fork server that workers are forked from, and return while it loads.

    The server imports PRELOADED, and WEB_PAGE_MODULES unless every one of `paths` is named
    .pdf, then builds the pipeline (WARM_SERVER), so that every worker forked from it, a
    replacement included, starts ready. Called as early as a batch knows its inputs, so that the
    server loads on another core while the batch goes on with its own start. A server already
    running (an earlier pool's in this process) is kept as it is.
    """
    web = paths is None or any(not path.lower().endswith(".pdf") for path in paths)
    preload = [*PRELOADED, *(WEB_PAGE_MODULES if web else []), WARM_SERVER]
    multiprocessing.get_context("forkserver").set_forkserver_preload(preload)
    with _interrupts_ignored():  # Ctrl-C stops the batch, which stops the server
        forkserver.ensure_running()


@contextmanager
def _interrupts_ignored() -> Iterator[None]:
    """Ignore Ctrl-C meanwhile, in this process and in those it starts (they inherit it).

    A fork server ignores Ctrl-C once it has loaded; one that got it while loading would die
    with a traceback on the terminal, after the batch had said how far it got.
    """
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers; a batch from a thread keeps Python's
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


class Pool:
    """Worker processes that read inputs with `task`, replaced when they hang, bloat or die."""

    def __init__(self, workers: int, options: Options, task: Task = process) -> None:
        """Start `workers` processes, forked from a fork server that has built the pipeline."""
        if workers < 1:
            raise ValueError(f"workers must be at least 1, not {workers}")
        self.options = options
        self.task = task
        start_fork_server()
        self.context = multiprocessing.get_context("forkserver")
        self.failed_starts = 0
        self.workers = [self._start() for _ in range(workers)]

    def _start(self) -> _Worker:
        """A fresh worker process."""
        parent, child = self.context.Pipe()
        process = self.context.Process(
            target=_serve, args=(child, self.options, self.task), daemon=True
        )
        process.start()
        child.close()
        return _Worker(process, parent)

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker (if it still runs) and put a fresh one in its place."""
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join()
        worker.connection.close()
        self.workers[self.workers.index(worker)] = self._start()

    def close(self) -> None:
        """Tell idle workers to stop, kill busy ones, and wait for all of them."""
        for worker in self.workers:
            try:
                if worker.task is None:
                    worker.connection.send(None)
                else:
                    worker.process.kill()
            except OSError:
                worker.process.kill()
        for worker in self.workers:
            worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.connection.close()

    def __enter__(self) -> Pool:
        """The pool, to use in a with-block that always stops its workers."""
        return self

    def __exit__(self, *exc: object) -> None:
        """Stop the workers."""
        self.close()

    def map(self, paths: Iterable[str]) -> Iterator[tuple[int, Outcome]]:
        """(index, outcome) for every input, in the order they finish.

        A worker that finishes is given its next input before the outcomes are handed on, so
        whatever the caller does with them (writing, counting) overlaps the workers' reading.
        A map left before its end (the caller stopped reading) leaves its inputs in flight
        marked, and a later map drops their outcomes rather than take them for its own.
        """
        pending = deque(enumerate(paths))
        try:
            self._give(pending)
            while pending or any(worker.task is not None for worker in self.workers):
                watched = [w for w in self.workers if w.task is not None or not w.ready]
                ready: set[object] = set(
                    wait(
                        [w.connection for w in watched] + [w.process.sentinel for w in watched],
                        timeout=_TICK,
                    )
                )
                finished = []
                for worker in watched:
                    left = worker.left  # read first: a look that takes the outcome clears it
                    done = self._look_at(worker, ready) if worker.ready else None
                    if done is not None and not left:
                        finished.append(done)
                try:
                    for worker in watched:
                        if not worker.ready:
                            self._greet(worker, ready)
                except RuntimeError:  # no worker could start: what others read still counts
                    yield from finished
                    raise
                self._give(pending)
                yield from finished
        finally:
            for worker in self.workers:
                worker.left = worker.task is not None

    def _give(self, pending: deque[tuple[int, str]]) -> None:
        """Send the next pending inputs to the workers that are ready and idle."""
        for worker in self.workers:
            if worker.ready and worker.task is None and pending:
                worker.task = pending.popleft()
                worker.started = time.monotonic()
                with suppress(OSError):  # a worker dead before this: its sentinel says so
                    worker.connection.send(worker.task)

    def _greet(self, worker: _Worker, ready: set[object]) -> None:
        """Mark a starting worker ready when it says so; replace it if it died or hung starting.

        A worker already past the memory limit when it is ready could read no input within it,
        so it too counts as one that could not start.
        """
        cause = None
        if worker.connection in ready:
            with suppress(EOFError, OSError):
                if worker.connection.recv() == "ready":
                    used, limit = resident_mb(worker.process.pid), self.options.memory_limit_mb
                    if used <= limit:
                        worker.ready, self.failed_starts = True, 0
                        return
                    cause = (
                        f"held {used:,.0f} MB before its first input, over the {limit:,} MB limit"
                    )
        elif (
            worker.process.sentinel not in ready
            and time.monotonic() - worker.started <= self.options.timeout_s
        ):
            return
        self.failed_starts += 1
        if self.failed_starts > STARTS_ALLOWED:
            ended = worker.connection in ready or worker.process.sentinel in ready
            if cause is None and not ended:
                cause = f"was not ready within {self.options.timeout_s:g} s"
            elif cause is None:
                worker.process.join(timeout=5)  # reaped: its exit code is known only then
                cause = _death(worker.process.exitcode)
            raise RuntimeError(
                f"{self.failed_starts} worker processes in a row could not start (the last {cause})"
            )
        self._replace(worker)

    def _look_at(self, worker: _Worker, ready: set[object]) -> tuple[int, Outcome] | None:
        """A busy worker's result if it has one; else replace it if it died, hung or bloated.

        None while it is still reading its input within its limits.
        """
        assert worker.task is not None
        index, path = worker.task
        if worker.connection in ready:
            try:
                _, outcome, retiring = worker.connection.recv()
            except (EOFError, OSError):
                outcome = None
            if outcome is not None:
                worker.task, worker.left = None, False
                if retiring:
                    worker.process.join(timeout=5)
                    self._replace(worker)
                return index, outcome
        limit_s, limit_mb = self.options.timeout_s, self.options.memory_limit_mb
        if worker.process.sentinel in ready or worker.connection in ready:
            worker.process.join(timeout=5)
            cause = _death(worker.process.exitcode)
            message = f"the worker reading it {cause}; the input may crash a native library"
            outcome = Outcome.failed(path, "crashed", message)
        elif time.monotonic() - worker.started > limit_s:
            outcome = Outcome.failed(path, "timeout", f"not read within {limit_s:g} s")
        elif resident_mb(worker.process.pid) > limit_mb:
            outcome = Outcome.failed(path, "memory", f"needed more than {limit_mb:,} MB")
        else:
            return None
        self._replace(worker)
        return index, outcome


def _death(exitcode: int | None) -> str:
    """How a worker died, in words: the signal that killed it, or its exit code."""
    if exitcode is not None and exitcode < 0:
        try:
            return f"was killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"was killed by signal {-exitcode}"
    return f"exited with code {exitcode}"
