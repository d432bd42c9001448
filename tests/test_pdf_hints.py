"""A page's table hints, each searched only where its literal stands, find what one search finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.readers.pdf import (
    _LEADER_LINE,
    _PAGE_NUMBER,
    _body_size,
    _may_hold_table,
    _noise,
    _shape,
    _surely_holds_table,
)
from extractor.readers.pdf_lines import Line

SURE = re.compile(r"overallrating|score\d+/\d+|%\S?yes", re.I)
MAYBE = re.compile(r"overallrating|score\d+/\d+|%\S?yes|rating$|\d%$", re.I | re.M)
"""The hints as one case-blind search each, tried at every character: what the split must equal."""
PIECES = [
    *("Overall", "overall", "OVERALL", "rating", "Rating", "RATING", "ratıng", "RATİNG"),
    *("Score", "ſcore", "SCORE", "3/4", "12/20", "/", "85%", "%", "Yes", "yes", "YES", "x"),
    *("Good", "\n", "7", "%Yes", "%:yes", "Overallrating", "Ove", "rall", "rat", "ing"),
]
"""Fragments of ratings and key-question tables, and letters a case-blind match also accepts
('ſ' as 's', 'ı' and 'İ' as 'i')."""


def _maybe(text: str) -> bool:
    """The hint as it was read: plain words first, then the one search."""
    lowered = text.lower()
    plain = "%" in text or "rating" in lowered or "score" in lowered
    return plain and bool(MAYBE.search(text))


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
def test_split_hints_find_what_one_search_finds(text: str) -> None:
    """Built from table fragments and look-alike letters, every text is judged alike."""
    assert _surely_holds_table(text, text.lower()) == bool(SURE.search(text))
    assert _may_hold_table(text, text.lower()) == _maybe(text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="overallratingscYES%/19\nſıİKk.", max_size=40))
def test_split_hints_agree_on_any_mix_of_their_letters(text: str) -> None:
    """Any run of the hints' letters, digits, signs and look-alikes is judged alike."""
    assert _surely_holds_table(text, text.lower()) == bool(SURE.search(text))
    assert _may_hold_table(text, text.lower()) == _maybe(text)


def test_the_hints_are_found() -> None:
    """Each hint is found where it stands, and a page of prose holds none."""
    assert _surely_holds_table("Overallrating\nGood", "overallrating\ngood")
    assert _surely_holds_table("Score3/4", "score3/4")
    assert _may_hold_table("Casesassessed\n85%", "casesassessed\n85%")
    assert not _may_hold_table("Theservicehasimproved.", "theservicehasimproved.")


LINE_PIECES = [
    *("Page 3", "3", "12 of 40", "Contents", "Introduction", "...", ". . .", "…", "……"),
    *(" ", "  ", "\t", "7", "٣", "x", "Inspection report", "Running title", ".", "2."),
]
"""Page numbers, titles, leaders of dots or ellipses, digits (one Arabic-Indic), white space."""


def _old_noise(line: Line, position: int, count: int, running: set[str], body: float) -> bool:
    """A line's noise as it was judged, one line at a time."""
    at_edge = position < 2 or position >= count - 2
    if at_edge and _PAGE_NUMBER.match(line.text):
        return True
    if at_edge and running and line.size <= body + 1 and _shape(line.text) in running:
        return True
    text = line.text
    return (text.count(".") >= 4 or text.count("…") >= 2) and bool(_LEADER_LINE.search(text))


@settings(max_examples=800, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(LINE_PIECES), max_size=6).map("".join), max_size=8),
    st.sets(st.sampled_from(["running title", "page #", "#"])),
)
def test_a_pages_noise_found_at_once_is_its_lines_judged_one_by_one(
    texts: list[str], running: set[str]
) -> None:
    """Running lines, page numbers and leaders (ending in a digit) as each line alone gives."""
    lines = [Line(text.rstrip(), 0, 0, 0, 0, 11 + i % 3, False) for i, text in enumerate(texts)]
    judged = {i for i, line in enumerate(lines) if _old_noise(line, i, len(lines), running, 11)}
    assert _noise(lines, running, 11) == judged


def test_the_body_size_is_the_one_most_text_is_set_in_the_first_of_a_tie() -> None:
    """Characters count per size over all pages; of sizes as common, the first read wins."""
    pages = [
        [Line("Title", 0, 0, 0, 0, 20.0, True), Line("ab cd", 0, 0, 0, 0, 11.0, False)],
        [Line("ef gh", 0, 0, 0, 0, 9.5, False), Line("ij", 0, 0, 0, 0, 11.0, False)],
    ]
    assert _body_size(pages) == 11.0
    assert (
        _body_size([[Line("abc", 0, 0, 0, 0, 9.5, False), Line("def", 0, 0, 0, 0, 11, False)]])
        == 9.5
    )
    assert _body_size([[]]) == 11.0
