"""`Analysis.blocks_holding` tells, for every block at once, what `facts_in` tells block by block.

Parsers skip blocks without a rating or a date; asking `facts_in` for each block built a list per
block. The answer must be the same for any blocks and facts: facts straddling a block's end,
several starting together, blocks that overlap or nest.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.document import Block, Document
from extractor.parse.analysis import Analysis, Fact
from models import Source

_SPANS = st.tuples(st.integers(0, 60), st.integers(0, 12)).map(lambda p: (p[0], p[0] + p[1]))


@settings(max_examples=300, deadline=None)
@given(
    blocks=st.lists(_SPANS, max_size=8),
    facts=st.lists(st.tuples(_SPANS, st.sampled_from(["RATING", "DATE"])), max_size=12),
)
def test_blocks_holding_agrees_with_facts_in(
    blocks: list[tuple[int, int]], facts: list[tuple[tuple[int, int], str]]
) -> None:
    """For each block and label: a fact wholly within it, exactly when facts_in finds one."""
    document = Document("x" * 80, [Block("paragraph", a, b) for a, b in blocks], Source(path="t"))
    analysis = Analysis(
        document, [Fact(label, a, b, None) for (a, b), label in facts], sentences=[]
    )
    for label in ("RATING", "DATE"):
        expected = [bool(analysis.facts_in(b.start, b.end, label)) for b in document.blocks]
        assert analysis.blocks_holding(label) == expected


def test_a_fact_running_past_a_block_is_not_in_it() -> None:
    """A rating that starts in a block but ends after it does not count; one inside does."""
    document = Document(
        "x" * 40,
        [Block("paragraph", 0, 10), Block("paragraph", 11, 20), Block("paragraph", 21, 30)],
        Source(path="t"),
    )
    facts = [Fact("RATING", 5, 15, "Good"), Fact("RATING", 12, 14, "Good")]
    analysis = Analysis(document, facts, sentences=[])
    assert analysis.blocks_holding("RATING") == [False, True, False]
    assert analysis.blocks_holding("DATE") == [False, False, False]
