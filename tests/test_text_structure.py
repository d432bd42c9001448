"""Text copies read by their structure: numbered domain headings, wide wraps, section names."""

from __future__ import annotations

import textwrap
from itertools import pairwise

import pytest

from extractor.layout import RawBlock
from extractor.readers.text import is_section_name, read_text


def shapes(text: str) -> list[tuple[str, str]]:
    """Each block's kind and text, a table as its first row's cells joined by ' | '."""
    return [
        (block.kind, " | ".join(block.rows[0]) if block.kind == "table" else block.text)
        for block in read_text(text)
    ]


def blocks(text: str) -> list[RawBlock]:
    """The reader's blocks of a text."""
    return list(read_text(text))


# --------------------------------------------------------------------------- domain numbers

DOMAINS = """\
An inspection of probation services in Tollbridge
Background
We looked at 60 cases.
1. Organisational delivery
Leaders had a clear plan.
Areas for improvement:
- Vacancies were high.
2. Case supervision
2.1 Assessment | Rating |
Assessment was thorough. | Good |
"""


def test_a_numbered_domain_name_is_a_heading_not_a_list_item() -> None:
    """'2. Case supervision' after a list item opens a section, as its '(Back to top)' did."""
    got = shapes(DOMAINS)
    assert ("heading", "1. Organisational delivery") in got
    assert ("heading", "2. Case supervision") in got
    assert ("list_item", "Vacancies were high.") in got
    assert not any(kind == "list_item" and "supervision" in text for kind, text in got)


def test_a_numbered_item_that_is_not_a_section_name_stays_an_item() -> None:
    """Only a known name makes the number a domain's: a numbered recommendation stays an item."""
    text = "A title\nThe service should:\n1. Case supervision should improve\n2. Planning\n"
    assert shapes(text)[2:] == [
        ("list_item", "Case supervision should improve"),
        ("list_item", "Planning"),
    ]


def test_a_numbered_domain_name_labelling_table_rows_is_not_a_heading() -> None:
    """In a ratings table a domain's name between rows labels them: no section starts there."""
    text = (
        "A title\nRatings\nOverall rating | Good |\n"
        "2. Case supervision\n2.1 Assessment | Good |\n2.2 Planning | Good |\n"
    )
    kinds = [kind for kind, value in shapes(text) if value == "Case supervision"]
    assert kinds == ["list_item"]


@pytest.mark.parametrize(
    ("line", "named"),
    [
        ("2. Court disposals", True),
        ("3 Out-of-court disposals", True),
        ("1) Organisational delivery", True),
        ("12. Background", True),
        ("2. Court disposals were reviewed.", False),
        ("123. Background", False),
        ("2.1 Assessment of risk", False),
    ],
)
def test_a_domain_number_before_a_known_name(line: str, named: bool) -> None:
    """A number of one or two digits may precede a known name; a sentence is still no name."""
    assert is_section_name(line) is named


# --------------------------------------------------------------------------- wide wraps

PARAGRAPHS = [
    "The providers of probation services are the National Probation Service and the 21 "
    "Community Rehabilitation Companies, each of which we inspect in turn over three years.",
    "Of the six inspections that preceded this report, four units were rated as requiring "
    "improvement and two were rated inadequate, which the region's leaders accepted.",
    "When we announced the inspection, the unit was supervising 2,140 people on probation, "
    "44 per cent of them on licence in North Tollbridge and the city of Harnley after a prison "
    "sentence.",
    "Information about domestic abuse was usually requested from the police at the start of an "
    "order, although it was not always analysed or used to plan work with the person.",
    "The inspection was led by an HM Inspector with the support of a team of inspectors and "
    "staff, and we thank everyone in the unit who spoke to us during the fieldwork in March.",
]
SHORT_LINES = [
    "Strengths:",
    "- Staff knew their cases.",
    "- Leaders were visible.",
    "Areas for improvement:",
    "- Caseloads were high.",
    "- Records were late.",
    "Background",
    "Martin Jones CBE",
]


def wide_report(width: int | None) -> str:
    """A report of many short lines (labels, items, headings) and five long paragraphs."""
    lines = ["An inspection of probation services in Tollbridge"]
    for paragraph in PARAGRAPHS:
        lines += SHORT_LINES
        lines += textwrap.wrap(paragraph, width) if width else [paragraph]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("width", [100, 120])
def test_a_report_of_short_lines_wrapped_wide_gets_its_paragraphs_back(width: int) -> None:
    """Few lines fill a wide measure, but the breaks where no next word fits show the wrap.

    A wrap before a capital ('... in' / 'North Tollbridge ...') is only undone by knowing it.
    """
    text = wide_report(width)
    lines = text.splitlines()
    near_width = [line for line in lines if len(line) >= width * 0.7]
    assert len(near_width) < len(lines) * 0.4
    carried = [after for line, after in pairwise(lines) if len(line) >= width * 0.7]
    assert any(after[:1].isupper() for after in carried)
    paragraphs = [block.text for block in blocks(text) if block.kind == "paragraph"]
    for paragraph in PARAGRAPHS:
        assert paragraph in paragraphs
    assert shapes(wide_report(None)) == shapes(text)


def test_a_paragraph_ending_near_the_width_by_chance_is_not_a_wrap() -> None:
    """One line per paragraph: a line that happens to end near the common width joins nothing."""
    lines = ["A title"] + [f"Paragraph {n} is short." for n in range(12)]
    lines[5] = "This paragraph ends near the widest line here"
    lines[6] = "Another sits just under it, ending at the edge"
    lines[7] = "Staff were committed and knew their areas well."
    got = shapes("\n".join(lines))
    assert len(got) == len(lines)
    assert all(kind in ("heading", "paragraph") for kind, _ in got)


# --------------------------------------------------------------------------- section names


@pytest.mark.parametrize(
    ("line", "named"),
    [
        ("Findings", True),
        ("Inspection findings", True),
        ("Summary of findings", True),
        ("Residents’ views", True),
        ("People on probation's views", True),
        ("Views of people on probation", True),
        ("Children's views and experiences", True),
        ("Views of staff were mixed.", False),
        ("The views", False),
        ("Our findings on the quality of supervision were mixed", False),
    ],
)
def test_findings_and_views_sections_are_known_by_name(line: str, named: bool) -> None:
    """Sections of approved premises and thematic reports are headings without their marks."""
    assert is_section_name(line) is named


def test_an_unmarked_findings_line_opens_a_section() -> None:
    """'Inspection findings' without '(Back to top)' heads its points, not Background."""
    text = (
        "An inspection of Harrow House approved premises\nBackground\nThe premises has 20 beds.\n"
        "Inspection findings\n1 Public protection | Good |\nStrengths:\n- Risks were known.\n"
    )
    assert shapes(text)[3] == ("heading", "Inspection findings")
