"""The analysis's shortcuts (numbers tried at tokens only, hash tables, sorts) answer as before."""

from __future__ import annotations

import sys

import numpy
from hypothesis import example, given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from extractor import load_bytes
from extractor.nlp import (
    NUMBERS,
    NumberValues,
    _figure_value,
    _number_values,
    _tokens_at,
    found,
    pipeline,
)
from extractor.parse.analysis import Analysis, analyse
from extractor.ruler import first_longest
from extractor.token_patterns import _caseless
from extractor.tokens import Hashes, _punctuation, doc_text
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
    assert isinstance(numbers, NumberValues)
    text = "".join(pieces)
    doc = nlp.make_doc(text)
    whole = [match.span() for match in numbers.figures.finditer(text)]
    assert _tokens_at(doc, _figure_spans(numbers, doc)) == _tokens_at(doc, whole)


def _figure_spans(numbers: NumberValues, doc: Doc) -> list[tuple[int, int]]:
    """The spans of the numbers in figures the component finds at the doc's tokens' starts."""
    return [(start, end) for _, start, end, _ in numbers._figures_at_tokens(doc)]


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


def _numbers_the_old_way(doc: Doc, numbers: NumberValues) -> list[tuple[int, int, int, float]]:
    """(token, start, end, value) of each number: every span looked up among the tokens."""
    text = doc_text(doc)
    spans = sorted(_figure_spans(numbers, doc) + numbers._words(doc))
    listed = []
    for index, _, start, end in _tokens_at(doc, spans):
        value = number_value(text[start:end])
        if value is not None:
            listed.append((index, start, end, value))
    return listed


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([*_FIGURE_PIECES, "one", "-", "twenty"]), max_size=30))
@example(["twenty", "-", "one", " ", "1,000", "%"])  # merged: the figure's token moves
def test_numbers_ending_with_their_token_are_that_token_as_the_token_search_finds(
    pieces: list[str],
) -> None:
    """Numbers and their values are those of looking every span up among the tokens.

    The component reads a figure ending with its token as that token, and looks up only the
    others: the same offsets and values always, and the same tokens when nothing was merged.
    """
    nlp = pipeline()
    numbers = nlp.get_pipe("number_values")
    assert isinstance(numbers, NumberValues)
    text = "".join(pieces)
    want = _numbers_the_old_way(nlp.make_doc(text), numbers)
    doc = numbers(nlp.make_doc(text))
    got = [(start, end, value) for _, start, end, value, _ in found(doc, NUMBERS)]
    assert got == [(start, end, value) for _, start, end, value in want]
    if len(doc) == len(nlp.make_doc(text)):  # nothing merged: the same token indexes
        assert list(_number_values(doc).items()) == [(index, value) for index, *_, value in want]


@given(st.from_regex(r"\d(?:\d{0,2}(?:,\d{3})+|\d*)(?:\.\d+)?", fullmatch=True))
def test_a_number_in_figures_has_the_value_number_value_gives(figures: str) -> None:
    """Figures (digits of any script, thousands' commas, a point) read as `number_value` does."""
    assert _figure_value(figures) == number_value(figures)


_PUNCTUATION_PIECES = [
    *(".", "!", "?", "...", "“", "”", "'", "(", ")", "-", "—", "«", "¿", "§"),
    *("%", "$", "+", "a", "B", "7", "٣", "é", "\n", " ", "''", "'s", ":)", "e.g.", "€"),
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PUNCTUATION_PIECES), min_size=1, max_size=20))
def test_punctuation_asked_of_some_tokens_is_the_tokens_is_punct(pieces: list[str]) -> None:
    """A token is punctuation as its lexeme says, asked only of tokens starting with any."""
    doc = pipeline().make_doc(" ".join(pieces))
    every = numpy.arange(len(doc))
    assert _punctuation(doc, every).tolist() == [token.is_punct for token in doc]


def test_no_character_lowercases_to_a_text_without_letters() -> None:
    """Only '%' lowercases to '%': a LOWER that is ASCII without letters is the token's ORTH.

    Over every character: one whose lowercase differs from it holds no ASCII character other
    than letters, so a text lowercasing to such a text is that text.
    """
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        lowered = char.lower()
        if lowered != char:
            assert all(not part.isascii() or part.isalpha() for part in lowered), hex(code)
    assert _caseless("100,000") and _caseless("%") and not _caseless("Cent")


def _filtered_one_by_one(spans: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """The first-longest filter of spaCy, trying every span: longest first, then by start, rank."""
    kept, taken = [], set()
    for start, end, rank in sorted(spans, key=lambda span: (span[0] - span[1], span[0], span[2])):
        if start not in taken and end - 1 not in taken:
            kept.append((start, end, rank))
            taken.update(range(start, end))
    return sorted(kept)


@settings(max_examples=500, deadline=None)
@given(st.sets(st.tuples(st.integers(0, 30), st.integers(1, 4), st.integers(0, 3)), max_size=25))
def test_spans_overlapping_none_are_kept_as_the_filter_keeps_them(
    drawn: set[tuple[int, int, int]],
) -> None:
    """Finding the spans that overlap no other in one pass keeps what the whole filter keeps."""
    spans = sorted((start, start + width, rank) for start, width, rank in drawn)
    assert first_longest(spans) == _filtered_one_by_one(spans)
