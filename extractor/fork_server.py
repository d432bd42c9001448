"""What a batch's fork server builds before it forks any worker: the pipeline, once for all.

A fork server can only be told to import modules (`pool.start_fork_server` lists this one
last), so building the pipeline is what importing this module does. Every worker forked from the
server then starts with the spaCy pipeline, all its special cases and the frameworks built,
instead of building them again: the second worker, and each one that replaces a worker retired
or killed, included.
"""

from __future__ import annotations

import os

from extractor.pool import warm

built_by: int | None
"""The id of the process that built the pipeline on importing this module; None if it failed."""

try:
    warm()
except Exception:  # each worker's own warm() meets the error again, and the pool reports it
    built_by = None
else:
    built_by = os.getpid()
