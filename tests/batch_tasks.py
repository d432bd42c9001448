"""Per-document tasks that misbehave on purpose, run in real worker processes by the pool tests.

A name ending in 'hang', 'bloat' or 'crash' makes the task do that; any other input is extracted for
real, so a test sees the pool go on with real records after a worker was replaced.
"""

from __future__ import annotations

import ctypes
import os
import time

from extractor.batch import Outcome, process
from extractor.options import Options


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
