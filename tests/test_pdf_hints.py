"""A page's table hints, each searched only where its literal stands, find what one search finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.readers.pdf import _may_hold_table, _surely_holds_table

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
