"""Per-document tasks that misbehave on purpose, run in real worker processes by the pool tests.

A name ending in 'hang', 'bloat' or 'crash' makes the task do that; any other input is extracted for
real, so a test sees the pool go on with real records after a worker was replaced.
"""

from __future__ import annotations

import ctypes
import json
import os
import sys
import time

from extractor.options import Options
from extractor.outcome import Outcome, process


def misbehave(path: str, options: Options) -> Outcome:
    """Hang, grow without bound or die in native code as the input's name says; else extract."""
    if path.endswith("hang"):
        time.sleep(3600)
    if path.endswith("bloat"):
        hoard = []
        while True:  # about 20 MB every 20 ms, touched so that it is resident
            hoard.append(bytearray(20 * 1024 * 1024))
            time.sleep(0.02)
    if path.endswith("crash"):
        ctypes.string_at(0)  # a segmentation fault, as a crash inside a native library gives
    return process(path, options)


def which_worker(path: str, options: Options) -> Outcome:
    """An outcome whose line is the id of the worker process that read the input."""
    return Outcome(path, None, str(os.getpid()), "other")


def pipeline_origin(path: str, options: Options) -> Outcome:
    """An outcome whose line says which process built the worker's pipeline, and who forked it."""
    from extractor import fork_server
    from extractor.nlp import pipeline

    tokenizer = pipeline().tokenizer
    origin = {
        "worker": os.getpid(),
        "forked_by": os.getppid(),
        "built_by": fork_server.built_by,
        "pending_special_cases": len(getattr(tokenizer, "pending", [])),
    }
    return Outcome(path, None, json.dumps(origin), "other")


def loaded_modules(path: str, options: Options) -> Outcome:
    """An outcome whose line lists the readers a worker had loaded before reading its input."""
    readers = ("pypdfium2", "extractor.nlp", "extractor.readers.html", "trafilatura")
    return Outcome(
        path, None, json.dumps([name for name in readers if name in sys.modules]), "other"
    )


def started_at(path: str, options: Options) -> Outcome:
    """An outcome whose line is when the worker began the input, on the machine-wide clock."""
    return Outcome(path, None, repr(time.monotonic()), "other")
