"""The analysis's shortcuts (numbers tried at tokens only, hash tables, sorts) answer as before."""

from __future__ import annotations

import numpy
from hypothesis import example, given, settings
from hypothesis import strategies as st

from extractor import load_bytes
from extractor.nlp import _tokens_at, pipeline
from extractor.parse.analysis import Analysis, analyse
from extractor.tokens import Hashes
from extractor.vocabulary import number_value, vocabulary

_FIGURE_PIECES = [
    *("1", "23", "2025", "0", "1,000", ",", ".", "/", "-", "%", "£", "(", ")", "[", "]"),
    *("x", "km", "th", "Seventy", "_", "'", " ", "  ", "\n", "\n\n", "٣", "²", "é", "’"),
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_FIGURE_PIECES), max_size=30))
@example(["x", "1", ",", "000", ".", "5"])  # a match inside a token reaching a later token
@example(["1", ",", "000", ".", "5", "/", "2"])
@example(["٣", "23", " ", "é", "1", ".", "5"])
def test_numbers_in_figures_tried_at_tokens_are_those_a_whole_search_finds(
    pieces: list[str],
) -> None:
    """Trying the expression at tokens' first characters finds the tokens a whole search finds.

    In ASCII texts and others, with digits of other scripts, glued to letters, points, commas
    and slashes in every way.
    """
    nlp = pipeline()
    numbers = nlp.get_pipe("number_values")
    text = "".join(pieces)
    doc = nlp.make_doc(text)
    whole = [match.span() for match in numbers.figures.finditer(text)]
    assert _tokens_at(doc, numbers._figures(doc)) == _tokens_at(doc, whole)


_HASH = st.integers(0, 2**64 - 1)


@settings(max_examples=300, deadline=None)
@given(st.sets(_HASH, max_size=40), st.lists(_HASH, max_size=40), st.data())
def test_hashes_find_what_numpy_isin_finds(
    wanted: set[int], others: list[int], data: st.DataObject
) -> None:
    """The table of low bits never hides a hash: values sharing them with one are searched.

    The values include the hashes themselves and values differing from one only above the
    table's bits, at either end of 64 bits.
    """
    drawn = sorted(wanted)
    same_low = [(value ^ (data.draw(st.integers(1, 2**52 - 1)) << 12)) for value in drawn[:10]]
    values = numpy.array(others + drawn + same_low, dtype=numpy.uint64)
    numpy.random.default_rng(len(values)).shuffle(values)
    sought = numpy.array(drawn, dtype=numpy.uint64)
    want = numpy.flatnonzero(numpy.isin(values, sought))
    assert Hashes(wanted).find(values).tolist() == want.tolist()


@given(st.text(st.characters(categories=["Nd"]), min_size=1, max_size=8))
def test_numbers_in_digits_alone_are_read_as_the_general_way_reads_them(word: str) -> None:
    """Digits of any script are their float, as the general way (no number word, then float)."""
    assert not any(number.isdecimal() for number in vocabulary().numbers)
    assert number_value(word) == float(word)


def test_facts_are_sorted_by_start_then_longest_first_keeping_their_order_otherwise() -> None:
    """The two C-level sorts order facts as one sort by (start, -end) does, ties in order."""
    text = (
        "Over 60% of the 12 cases (more than half) were good. In June 2025, 3 of 4 children "
        "and 45 per cent of staff met us; about two-thirds of plans were late.\n"
    )
    analysis = analyse(load_bytes(text.encode(), "facts.txt"))
    facts = list(reversed(analysis.facts))
    want = sorted(facts, key=lambda fact: (fact.start, -fact.end))
    assert Analysis(analysis.document, facts, []).facts == want
    assert len({fact.start for fact in want}) < len(want)  # some facts share a start
