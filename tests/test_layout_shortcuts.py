"""Layout's shortcuts give what the longer way gave: cleaning, the words a broken word may open."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_pdf_calls import _generated, _inputs

from extractor import layout, rejoin
from extractor.document import Source
from extractor.layout import RawBlock, clean
from extractor.readers.pdf import read_pdf
from extractor.vocabulary import vocabulary

PIECES = [
    *("Inadeq", "uate", "Out", "standing", "Photo", "Photo credit:", "Image:", ": ", "x:"),
    *("\u00ad", "\u200b", "\ufeff", "\u200d", " ", "  ", "\t", "\n", "(", "‘", "’", "'"),
    *("Kelvin \u212a", "İn", "ſ", "é", "in", "6", "per", "100,000", "Good", "chi", "ldren"),
    *("Outofcourt", "pre", "sentence"),
]
"""Words, broken words, a name without its hyphens, captions, invisible and white-space
characters, and letters whose lower case is ASCII or longer ('K' as 'k', 'İ' as 'i' and a dot)."""
TEXTS = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)


LEXICON = rejoin.lexicon()
WORDISH = [
    *sorted(LEXICON.pieces)[::3],
    *(" ", " ", "  ", "(", "((", "'", '"', "[", "{", ",", ".", "-", ")", "6", "x", "A", "S"),
    *("In", "IN", "per", "Per", "a", "as", "so", "inad", "equate", "Out", "standing", "é"),
    *("‘", "’", "“", "”", "\u212a", "\u0130", "\xa0", "—", "\U0001f600", "ſ"),
]
"""The lexicon's starts and words, quotes (curly ones too), spaces, digits, capitals, and
characters outside ASCII (letters whose lower case is ASCII among them), to join at random."""


def _one_by_one(texts: list[str]) -> dict[int, list[int]]:
    """Each text's candidates found by splitting it into words and looking each up."""
    split = (rejoin._split_candidates(text, LEXICON) for text in texts)
    return {index: words for index, words in enumerate(split) if words}


def _clean_without_shortcuts(text: str) -> str:
    """Cleaning with no shortcut: invisible marks and captions sought in each, rejoined alone."""
    text = " ".join(layout._INVISIBLE.sub("", text).split())
    if layout._CAPTION_HINT.search(text):
        text = vocabulary().caption.sub("", text).strip()
    return rejoin.rejoin_all([text])[0]


@settings(max_examples=1500, deadline=None)
@given(TEXTS)
def test_clean_skips_only_what_cannot_apply(text: str) -> None:
    """An ASCII text holds no invisible character, a text without ':' no caption's hint."""
    assert clean(text) == _clean_without_shortcuts(text)


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(WORDISH), max_size=16).map("".join))
def test_standing_starts_are_the_split_words_that_begin_lexicon_words(text: str) -> None:
    """The automaton's words are those every word split off and looked up gives."""
    assert rejoin._candidates([text], LEXICON).get(0, []) == rejoin._split_candidates(text, LEXICON)


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDISH), max_size=8).map("".join), max_size=6))
def test_texts_searched_as_one_give_each_text_its_own_words(texts: list[str]) -> None:
    """One search of many texts finds in each the words a search of it alone finds."""
    assert rejoin._candidates(texts, LEXICON) == _one_by_one(texts)


@settings(max_examples=1000, deadline=None)
@given(st.lists(TEXTS, max_size=6))
def test_texts_cleaned_together_are_cleaned_as_each_alone(texts: list[str]) -> None:
    """Cleaning a document's texts at once gives what cleaning each alone gives."""
    assert layout.clean_all(texts) == [_clean_without_shortcuts(text) for text in texts]


def test_candidates_in_quotes_after_spaces_and_at_the_end() -> None:
    """Quotes open a word, a longer word's end is no word, a start before nothing still counts."""
    text = "(in 2023 within 6 ((Inad equate x(in 6 as 'Good' per  a"
    assert rejoin._candidates([text], LEXICON) == {0: [0, 4, 8, 10]}
    assert rejoin._split_candidates(text, LEXICON) == [0, 4, 8, 10]


def test_letters_outside_ascii_are_read_as_splitting_the_words_reads_them() -> None:
    """Curly quotes open a word; a letter whose lower case is ASCII keeps its text split."""
    texts = ["in \u212aelvin", "\u0130\u0130 x", "‘in 2023’ and “per 100”", "é in 6", "a \xa0x"]
    found = _one_by_one(texts)
    assert rejoin._candidates(texts, LEXICON) == found == {0: [0], 2: [0, 3], 3: [1], 4: [0]}


@cache
def _blocks(source: Path | int) -> list[RawBlock]:
    """A PDF's blocks as the reader gives them to layout."""
    return read_pdf(_generated(source) if isinstance(source, int) else source.read_bytes())[1]


@pytest.mark.parametrize("source", _inputs(), ids=str)
def test_real_documents_clean_alike(source: Path | int) -> None:
    """Every block and cell of the fixture, benchmark and Ofsted PDFs is cleaned alike."""
    blocks = _blocks(source)
    texts = [block.text for block in blocks] + [
        cell for block in blocks for row in block.rows for cell in row
    ]
    old = [_clean_without_shortcuts(text) for text in texts]
    assert [clean(text) for text in texts] == old == layout.clean_all(texts)
    found = _one_by_one(texts)
    assert rejoin._candidates(texts, LEXICON) == found
    assert any(re.search(r"\s\S", text) for text in texts)


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=" \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u2000\u2028\u3000\xadab.", max_size=12))
def test_a_single_spaced_text_is_what_splitting_and_joining_leaves(text: str) -> None:
    """A printable text is single-spaced where joining it split gives it back; others never."""
    joined = " ".join(text.split())
    assert layout.single_spaced(text) == (text.isprintable() and joined == text)


def test_a_cell_cleaned_once_is_cleaned_alike_in_the_next_document() -> None:
    """Cells kept across documents are what cleaning them gives, and a second read is a hit."""
    cells = ["Requires i mprov ement", "Good", "Out standing", "  Inadeq uate "]
    first = [layout._clean_cell(cell) for cell in cells]
    hits = layout._clean_cell.cache_info().hits
    assert [layout._clean_cell(cell) for cell in cells] == first
    assert [cell.text for cell in first] == [clean(c) for c in cells]
    assert layout._clean_cell.cache_info().hits == hits + len(cells)


def _old_rejoin_from(cell: str, prose: frozenset[str]) -> str:
    """A cell's fragments joined as they were: each pair of words matched and looked up in turn."""
    words = cell.split(" ")
    if len(words) < 2 or not prose:
        return cell
    out: list[str] = []
    index = 0
    while index < len(words):
        if index + 1 < len(words):
            first = rejoin._OPENING.fullmatch(words[index])
            last = rejoin._CLOSING.fullmatch(words[index + 1])
            if first and last:
                head, tail = first.group(2).lower(), last.group(1).lower()
                if (
                    len(head + tail) >= rejoin._JOINED
                    and head + tail in prose
                    and not (head in prose and tail in prose)
                ):
                    out.append(first.group(1) + first.group(2) + last.group(1) + last.group(2))
                    index += 2
                    continue
        out.append(words[index])
        index += 1
    return " ".join(out)


CELL_WORDS = ["Rehab", "ilitation", "environ", "ment", "some", "times", "(Rehab", "ilitation)"]
PROSE = st.sets(st.sampled_from(["rehabilitation", "environment", "some", "times", "sometimes"]))


@settings(max_examples=2000, deadline=None)
@given(
    st.lists(st.sampled_from([*CELL_WORDS, "", "x", "2.1", "‘some", "times’", "a-b"]), max_size=7),
    PROSE.map(frozenset),
)
def test_a_cell_joins_the_fragments_its_prose_spells_as_pair_by_pair(
    words: list[str], prose: frozenset[str]
) -> None:
    """Joins worked out once per cell give what matching each pair for each document gave."""
    cell = " ".join(words)
    assert rejoin.rejoin_from(layout._cleaned_cell(cell), prose) == _old_rejoin_from(
        clean(cell), prose
    )


def test_long_cells_are_not_kept_across_documents() -> None:
    """A prose cell recurs in no other document: only label-sized cells stay in the cache."""
    prose = "Case managers reviewed each plan with the child and the family before the hearing"
    cells = [f"{prose} in week {week}." for week in range(40)] + ["Requires i mprov ement"]
    before = layout._clean_cell.cache_info().currsize
    table = RawBlock("table", page=1, rows=tuple((cell,) for cell in cells))
    document = layout.build([table], Source(path="long-cells", pages=1))
    rows = document.blocks[0].rows
    assert [document.text[row.cells[0].start : row.cells[0].end] for row in rows][-2:] == [
        f"{prose} in week 39.",
        "Requires improvement",
    ]
    assert layout._clean_cell.cache_info().currsize <= before + 1
