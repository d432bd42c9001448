"""The real articles of ../shared/corpus/articles, scored per field against their gold facts."""

from __future__ import annotations

import pytest
from corpus_articles import CORPUS, run

FLOORS = {
    "overall rating": 0.99,
    "previous rating": 1.0,
    "recommendation count": 1.0,
    "percentages": 0.97,
    "people quoted": 0.97,
    "role of people quoted": 0.97,
    "standard ratings": 0.43,
}
"""Shares measured on the corpus (docs/articles.md), then pinned; CI fails below. Raise only."""
CEILINGS = {
    "invented previous rating (fewer is better)": 0,
    "invented standard ratings (fewer is better)": 3,
    "errors (fewer is better)": 0,
}
"""Counts that must not grow: ratings the texts never give, and unreadable texts."""


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus/articles is not available")
def test_corpus_articles_stay_above_the_pinned_floors() -> None:
    """Every field the gold gives, over all 113 texts; the misses are printed on failure."""
    scores = run()
    assert set(FLOORS) | set(CEILINGS) <= set(scores.counts)
    low = {
        measure: scores.share(measure)
        for measure, floor in FLOORS.items()
        if scores.share(measure) < floor
    }
    high = {
        measure: scores.counts[measure][0]
        for measure, ceiling in CEILINGS.items()
        if scores.counts[measure][0] > ceiling
    }
    assert not low and not high, (low, high, scores.misses)
