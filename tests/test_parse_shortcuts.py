"""The parsers' faster searches find what the plainer ones they replaced found.

Each shortcut is compared with the old way, kept here as the reference: on hand-made texts and
on random joins of the pieces that matter to it (spaces of every kind, punctuation, digits, the
words the patterns look for, letters whose case differs in Unicode).
"""

from __future__ import annotations

import re
from itertools import compress

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.document import Block, Document, Page
from extractor.parse import lists, ratings, report, service, text_facts
from extractor.parse.analysis import Analysis, analyse
from models import GroundedDate, Source

OLD_LIST_BOUNDARY = re.compile(r"[;:!?]\s*|\.(?!\d)\s*|,?\s+(?:compared (?:to|with)|against)\s+")
OLD_CLAUSE_BOUNDARY = re.compile(
    r"[;:!?]\s*|\.(?!\d)\s*|,(?!\d)(?!\s*\w+(?:\s+\w+)?\s+(?:and|or)\b)\s*"
    r"|\s+(?:compared (?:to|with)|against|while|whereas)\s+"
)
"""The clause boundaries as they were written, each end an alternative of its own."""

CLAUSE_PIECES = [
    *(" ", "  ", "\n", "\t", "\u00a0", "\u2003", ";", ":", "!", "?", ".", ",", ", ", "5", "31"),
    *("compared to", "compared with", "against", "while", "whereas", "and", "or", "children"),
    *("speech", "language", "x", "ſ", "K", "Compared", "AND", "—", "-"),
]
"""Every character a boundary starts with, the words after it, digits and other letters."""
CLAUSE_TEXTS = st.lists(st.sampled_from(CLAUSE_PIECES), max_size=16).map("".join)

AGE_PIECES = [
    *(" ", "  ", "\n", "\t", "\u00a0", "-", "–", "age", "aged", "ages", "age of", "AGE", "ſ"),
    *("under", "over", "to", "between", "Between", "x", "stage", "into", "6", "(", "of", "s"),
]
"""The words that make a number an age or a bound, words ending like them, spaces of each kind."""
AGE_TEXTS = st.lists(st.sampled_from(AGE_PIECES), max_size=8).map("".join)


def _ends(pattern: re.Pattern[str], text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Every boundary a search between two offsets finds, as `_clause` walks them."""
    return [match.span() for match in pattern.finditer(text, start, end)]


def _same_boundaries(text: str) -> None:
    """Both boundary patterns find the same ends as the old ones, for any stretch searched."""
    for new, old in (
        (text_facts._CLAUSE_BOUNDARY, OLD_CLAUSE_BOUNDARY),
        (text_facts._LIST_BOUNDARY, OLD_LIST_BOUNDARY),
    ):
        for start in range(len(text) + 1):
            for end in range(start, len(text) + 1):
                assert _ends(new, text, start, end) == _ends(old, text, start, end), (
                    text,
                    start,
                    end,
                )


def test_boundaries_on_sentences() -> None:
    """Sentences with each kind of end, lists with semicolons, decimals and lists of items."""
    for text in [
        "Eighteen per cent of children had a plan, compared with 40% nationally.",
        "In 2024, 31.5 per cent were girls; 12 were boys: all  against\u00a0 the trend!",
        "Children with speech, language or communication needs, while 3 were new, rose 2.5.",
        "Of these 12, 7 and 5 were seen , whereas others were not? Yes.",
    ]:
        _same_boundaries(text)


@settings(max_examples=300, deadline=None)
@given(CLAUSE_TEXTS)
def test_boundaries_on_random_texts(text: str) -> None:
    """Random joins of the pieces a boundary is made of."""
    _same_boundaries(text)


def _old_age_before(before: str) -> bool:
    """The old test: a search of the whole 20 characters before the number."""
    return text_facts._AGE_BEFORE.search(before) is not None


def _new_age_before(before: str) -> bool:
    """The new test, as `_is_count` makes it: the search starts near the end of the words."""
    age_from = max(len(before.rstrip()) - text_facts._AGE_WORD_LONGEST, 0)
    return text_facts._AGE_BEFORE.search(before, age_from) is not None


@settings(max_examples=500, deadline=None)
@given(AGE_TEXTS)
def test_age_words_on_random_texts(before: str) -> None:
    """The search from near the end finds an age word wherever the whole search finds one."""
    assert _new_age_before(before) == _old_age_before(before)


def test_age_words_on_hand_made_texts() -> None:
    """Words at the end, words inside others, words followed by spaces and a line end."""
    for before, expected in [
        ("children aged ", True),
        ("those between\n", True),
        ("the age of  ", True),
        ("from 10 to", True),
        ("a stage ", False),
        ("went into ", False),
        ("ages 10-", True),
        ("", False),
        ("between the two of ", False),
    ]:
        assert _old_age_before(before) is expected
        assert _new_age_before(before) is expected


BOUNDARY_PIECES = [
    "a",
    "Z",
    "_",
    "5",
    "é",
    "ſ",
    "\u212a",
    "٣",
    "²",
    " ",
    "\u00a0",
    "-",
    "'",
    "’",
    ".",
]
"""Word characters of several scripts and kinds (a letter, '_', digits, a superscript), others."""


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(BOUNDARY_PIECES), max_size=8).map("".join))
def test_word_boundary_is_the_patterns(text: str) -> None:
    r"""`_word_boundary` holds exactly where the pattern `\b` matches, the text's ends included."""
    boundary = re.compile(r"\b")
    for at in range(len(text) + 1):
        assert service._word_boundary(text, at) == (boundary.match(text, at) is not None)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Ashby", "ashby", "ASHBY", "Aa", "aA", *BOUNDARY_PIECES]), max_size=10
    ).map("".join),
    st.sampled_from(["Ashby", "Aa", "Aa Aa", "A"]),
    st.sampled_from([0, re.IGNORECASE]),
)
def test_places_are_those_a_boundary_pattern_finds(text: str, area: str, flags: int) -> None:
    r"""Each place `_places` gives is where a search for `\b` and the area finds one next."""
    pattern = re.compile(rf"\b{re.escape(area)}", flags)
    expected: list[tuple[int, int]] = []
    found = pattern.search(text)
    while found is not None:
        expected.append(found.span())
        found = pattern.search(text, found.start() + 1)
    assert [place.span() for place in service._places(text, area, flags)] == expected


OLD_AGE_BEFORE = re.compile(
    r"(?:\bage[ds]?|\bage of|\bunder|\bover|\bto|\bbetween|-)\s*$", re.IGNORECASE
)
"""The age words as they were written, each alternative opening with its own word boundary."""


@settings(max_examples=500, deadline=None)
@given(AGE_TEXTS)
def test_age_pattern_is_the_old_one(before: str) -> None:
    """The age words with their boundary taken out of the alternatives find the same, anywhere."""
    for at in range(len(before) + 1):
        old = OLD_AGE_BEFORE.search(before, at)
        new = text_facts._AGE_BEFORE.search(before, at)
        assert (old.span() if old else None) == (new.span() if new else None)


OLD_LABEL = re.compile(r"\s*[A-Z][^.:;!?]{0,58}[^.:;!?\s]\s*")
LABEL_PIECES = ["Leadership", "A", "a", " ", "  ", "\n", ".", ":", "?", "x" * 30, "Key", "Good!"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(LABEL_PIECES), max_size=8).map("".join))
def test_label_pattern_is_the_old_one(text: str) -> None:
    """The label pattern that first looks ahead for punctuation matches what the old one did."""
    assert (lists._LABEL.fullmatch(text) is None) == (OLD_LABEL.fullmatch(text) is None)


OLD_SIGNATORY_ROLE = re.compile(
    r"^(?:HM |His Majesty’s |His Majesty's )?Chief Inspector of Probation$"
)
ROLE_PIECES = [
    "HM ",
    "His Majesty’s ",
    "Chief Inspector of Probation",
    " ",
    "\n",
    "\t",
    "x",
    "Deputy ",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(ROLE_PIECES), max_size=5).map("".join))
def test_signatory_role_in_place_is_the_stripped_match(text: str) -> None:
    """Words, then the pattern over the block's stretch, as the old match of its stripped text."""
    padded = f"ab{text}cd"
    start, end = 2, 2 + len(text)
    found = padded.find(report._SIGNATORY_WORDS, start, end) >= 0 and (
        report._SIGNATORY_ROLE.fullmatch(padded, start, end) is not None
    )
    assert found == (OLD_SIGNATORY_ROLE.match(text.strip()) is not None)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(["(", ")", "?", " ", "and review", "Does", "?)", "( x ?"]), max_size=8)
)
def test_aside_query_needs_its_closing_marks(pieces: list[str]) -> None:
    """A text without '?)' is left as it is: skipping the search for it changes nothing."""
    text = "".join(pieces)
    if "?)" not in text:
        assert ratings._ASIDE_QUERY.sub("", text) == text
    assert (
        ratings._ASIDE_QUERY.sub("", "Does the delivery (and review?) of") == "Does the delivery of"
    )


def _old_published(analysis: Analysis) -> GroundedDate | None:
    """The old search: every block's dates found first (blocks_holding), the top 40 read."""
    blocks = analysis.document.blocks
    for index in compress(range(min(len(blocks), 40)), analysis.blocks_holding("DATE")):
        block = blocks[index]
        dates = analysis.facts_in(block.start, block.end, "DATE")
        text = analysis.document.slice(block)
        title_page = block.page == 1 and len(text) < 80 and dates[-1].end == block.end
        if report._PUBLISHED.match(text) or title_page:
            fact = dates[0] if report._PUBLISHED.match(text) else dates[-1]
            return GroundedDate(value=fact.value, evidence=analysis.evidence_of(fact))
    return analysis.declared_date()


PUBLISHED_LINES = [
    "Inspection of youth justice services in Northmere",
    "Fieldwork took place on 3 March 2025 and ended on 14 March 2025.",
    "12 May 2025",
    "Published: 20 June 2025",
    "The service was last inspected in 2019, and again on 1 April 2023 by the panel.",
    "A short line",
]
"""Lines with dates in several places and shapes, a 'Published:' line, a bare title-page date."""


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(PUBLISHED_LINES), min_size=1, max_size=45), st.integers(1, 2))
def test_published_date_is_the_old_search(lines: list[str], page: int) -> None:
    """Each top block asked for its dates when a date starts in it finds the old search's date.

    Up to 45 lines, so a date past the 40th block is ignored by both; the first page or another.
    """
    analysis = _lines_analysed(lines, page)
    assert report._published(analysis) == _old_published(analysis)


def _lines_analysed(lines: list[str], page: int) -> Analysis:
    """One paragraph per line, all on one page, analysed."""
    text = "\n".join(lines)
    blocks, offset = [], 0
    for line in lines:
        blocks.append(Block("paragraph", offset, offset + len(line), page=page))
        offset += len(line) + 1
    return analyse(Document(text, blocks, Source(path="dates.txt"), [Page(page, 0, len(text))]))


@pytest.mark.parametrize(
    ("lines", "page", "want"),
    [
        ([0, 1, 3], 2, "2025-06-20"),
        ([0, 1, 4, 2, 3], 1, "2025-05-12"),
        ([0, 1, 4, 2], 2, None),
        ([5] * 40 + [3], 1, None),
    ],
)
def test_published_dates_found_and_not(lines: list[int], page: int, want: str | None) -> None:
    """A 'Published:' line, a bare date on the title page (not on another), none past block 40."""
    analysis = _lines_analysed([PUBLISHED_LINES[index] for index in lines], page)
    found = report._published(analysis)
    assert (found.value if found else None) == want
    assert found == _old_published(analysis)
