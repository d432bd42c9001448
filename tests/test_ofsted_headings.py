"""Finding an ILACS judgement section's heading without a lookbehind at every character.

`ofsted_ilacs._body_headings` matches what stands before a heading (a newline, or '. ' or ') '
when a PDF ran the heading into a sentence) instead of looking behind for it, so a search jumps
between those characters. It must find exactly what the lookbehind pattern found: that slower
search is the reference here, over texts built from headings, grades and the characters around
them.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.parse.ofsted import judgement_definitions, ofsted_data, with_grades
from extractor.parse.ofsted_ilacs import _LINE_START, FAMILY, heading_after

NAMES = [
    "impact of leaders on practice with children and families",
    "The impact of leaders on social work practice with children and families",
    "experiences and progress of children who need help and protection",
    "Experience of children who need help and protection",
    "experiences and progress of children in care",
    "The experiences and progress of children in care and care leavers",
    "experiences of children care leavers",
    "experiences and progress of care leavers",
]
GRADES = ["requires improvement to be good", "Requires\nimprovement", "good", "Good.", "inadequate"]
ENDS = ["", "\n", " \n", ".", "\t", " x"]
HEADINGS = st.builds(
    "".join,
    st.tuples(
        st.sampled_from(["", "\n", ". ", ") ", "x "]),
        st.sampled_from(NAMES),
        st.sampled_from(["", ": ", ":", " is ", " are: ", "  "]),
        st.sampled_from(GRADES),
        st.sampled_from(ENDS),
    ),
)
PIECES = [
    *NAMES,
    "requires improvement to be good",
    "Requires\nimprovement",
    "good",
    "Good.",
    "outstanding",
    "inadequate",
    " is ",
    " are: ",
    ": ",
    ":",
    " ",
    "  ",
    "\t",
    "\n",
    ". ",
    ") ",
    ".",
    ")",
    "x",
]


def _patterns(label: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The reference pattern (a lookbehind before the heading) and the one the reader uses."""
    separator = ofsted_data().ilacs.body_heading_separator
    tail = f"(?:the )?{label}{separator}(?P<grade>GRADE)\\.?[ \\t]*(?:\\n|$)"
    reference = with_grades(f"(?:(?<=\\n)|(?<=[.)]\\x20)){tail}", FAMILY)
    matched = with_grades(f"{_LINE_START}(?P<heading>{tail})", FAMILY)
    return reference, matched


LABELS = [label for d in judgement_definitions(FAMILY).values() for label in d.labels]


@settings(max_examples=600, deadline=None)
@given(
    pieces=st.lists(st.sampled_from(PIECES) | HEADINGS, max_size=10),
    data=st.data(),
    label=st.sampled_from(LABELS),
)
def test_heading_found_where_the_lookbehind_pattern_finds_it(
    pieces: list[str], data: st.DataObject, label: str
) -> None:
    """Same heading and grade as the lookbehind pattern finds, from any offset.

    Offsets are often drawn close to where a heading could start: the search starts before them.
    """
    text = "".join(pieces)
    starts = [m.end() + shift for m in re.finditer(r"\n|[.)] ", text) for shift in (-1, 0, 1)]
    after = data.draw(
        st.sampled_from(starts) | st.integers(0, len(text) + 1) if starts else st.integers(0, 3)
    )
    reference, matched = _patterns(label)
    expected = reference.search(text, max(after, 0))
    found = heading_after(matched, text, max(after, 0))
    assert (found is None) == (expected is None)
    if found is not None and expected is not None:
        assert found.span("heading") == expected.span()
        assert found.span("grade") == expected.span("grade")


def test_heading_run_into_a_sentence_and_on_its_own_line() -> None:
    """A heading after '. ' and one on its own line; none inside a sentence."""
    _, matched = _patterns(LABELS[0])
    text = (
        "Leaders know this well. Impact of leaders on practice with children and families: good\n"
        "We judged the impact of leaders on practice with children and families: good\n"
        "\nImpact of leaders on practice with children and families: inadequate\n"
    )
    first = heading_after(matched, text, 0)
    assert first is not None
    assert first.start("heading") == 24
    assert first.group("grade") == "good"
    last = heading_after(matched, text, 25)
    assert last is not None
    assert last.group("grade") == "inadequate"
