"""Imported first by a test's fork server: the pipeline cannot be built there nor in a worker."""

from __future__ import annotations

import extractor.nlp


def _cannot_build() -> None:
    """Fail as the pipeline does when its data cannot be read."""
    raise RuntimeError("the pipeline cannot be built")


extractor.nlp.pipeline = _cannot_build
