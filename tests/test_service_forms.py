"""Finding where a report writes its area with a service's names, without a pattern per area.

`service.first_form` checks each place the area is written for a name ending just before it and
for what follows it, so the long alternations of names are compiled once per process. It must find
exactly what one regular expression per area finds: that slower search is the reference here.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.parse.service import _patterns, first_form

AREAS = ["Ashby", "Kent and Medway", "Aa Aa", "North East"]
WORDS = [
    "Probation Delivery Unit",
    "probation  service",
    "Probation\nService",
    "Youth Justice Service",
    "youth justice service",
    "National Probation Service",
    "PDU",
    "NPS",
    "pdu",
    "region",
    "Region",
    "division",
    "AP",
    "the",
    "in",
    "of",
    "Ashbyton",
    "an",
    ",",
    ".",
    "(",
    ")",
]


def reference(text: str, area: str, form: str) -> tuple[int, int] | None:
    """The first match of the one pattern per area the service reader used to compile."""
    names, acronyms, designations = _patterns()
    place = re.escape(area)
    pattern = {
        "full": re.compile(
            rf"\b{place}\s+(?:{names.pattern})|(?:{names.pattern})\s+{place}\s+(?:{designations.pattern})",
            re.IGNORECASE,
        ),
        "acronym": re.compile(
            rf"\b{place}\s+(?:{acronyms.pattern})|(?:{acronyms.pattern})\s+{place}\b"
        ),
        "designation": re.compile(rf"\b{place}\s+(?:{designations.pattern})", re.IGNORECASE),
    }[form]
    found = pattern.search(text)
    return found.span() if found else None


texts = st.lists(
    st.tuples(st.sampled_from(AREAS + WORDS), st.sampled_from([" ", "  ", "\n", " \t"])),
    max_size=14,
).map(lambda parts: "".join(word + space for word, space in parts))


@settings(max_examples=400, deadline=None)
@given(
    text=texts,
    area=st.sampled_from(AREAS),
    form=st.sampled_from(["full", "acronym", "designation"]),
)
def test_an_area_is_found_with_its_names_where_one_pattern_per_area_finds_it(
    text: str, area: str, form: str
) -> None:
    assert first_form(text, area, form) == reference(text, area, form)


def test_the_first_of_two_ways_is_the_one_that_starts_first() -> None:
    text = "The Probation Service Kent and Medway region and Kent and Medway Probation Service"
    assert first_form(text, "Kent and Medway", "full") == (4, 44)
    assert first_form("NPS Ashby and Ashby PDU", "Ashby", "acronym") == (0, 9)
    assert first_form("Ashby pdu", "Ashby", "acronym") is None
    assert first_form("Aa Aa Aa PDU", "Aa Aa", "acronym") == (3, 12)  # overlapping places
