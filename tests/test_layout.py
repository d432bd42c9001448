"""Layout: cleaning lines, rejoining words PDF extraction broke, offsets of blocks and cells."""

from __future__ import annotations

import pytest

from extractor.document import Document
from extractor.layout import RawBlock, build, clean, heading_text
from extractor.rejoin import rejoin_all
from models import Source


def document_of(*raw: RawBlock, pages: int | None = None) -> Document:
    """A Document built by the layout from reader blocks."""
    return build(raw, Source(path="built-in-test", pages=pages))


# --------------------------------------------------------------------------- broken words


@pytest.mark.parametrize(
    ("broken", "whole"),
    [
        ("Inadeq uate", "Inadequate"),
        ("Requires i mprov ement", "Requires improvement"),
        ("Requires i mprovement", "Requires improvement"),
        ("Partners hips and services", "Partnerships and services"),
        ("Outst anding", "Outstanding"),
        ("Leaders hip", "Leadership"),
        ("rated Inadeq uate.", "rated Inadequate."),
        ("Inadeq uate, as before", "Inadequate, as before"),
    ],
)
def test_broken_words_are_rejoined(broken: str, whole: str) -> None:
    """PDF extraction splits rating and standard words; the layout puts them back together."""
    assert rejoin_all([broken])[0] == whole


@pytest.mark.parametrize(
    "text",
    [
        "in adequate numbers",
        "The service had recruited staff in adequate numbers.",
        "Good work was seen in most cases and the plans were good.",
        "They stood out standing in the rain.",
        "Over all three areas the picture was mixed.",
        "Requires improvement",
        "Inadequate",
        "a b c d",
    ],
)
def test_ordinary_text_is_left_alone(text: str) -> None:
    """Real two-word English ('in adequate', 'out standing') and whole words stay as written."""
    assert rejoin_all([text])[0] == text


@pytest.mark.parametrize(
    ("broken", "whole"),
    [
        ("rated as ‘Inadeq uate’.", "rated as ‘Inadequate’."),
        ('rated "Outst anding"', 'rated "Outstanding"'),
        ("(Inadeq uate)", "(Inadequate)"),
    ],
)
def test_broken_words_in_quotes_are_rejoined(broken: str, whole: str) -> None:
    """Reports quote their ratings ('was rated as ‘Inadequate’'), and PDFs break them there too."""
    assert rejoin_all([broken])[0] == whole


# --------------------------------------------------------------------------- clean


def test_clean_collapses_spaces_and_drops_invisible_characters() -> None:
    """No-break, thin and zero-width spaces, soft hyphens and BOMs never reach the text."""
    assert clean("\ufeff Overall\u00a0 rat\u00ading:\u2009\u2009Good\u200b \t\n") == (
        "Overall rating: Good"
    )


def test_clean_rejoins_broken_words_after_collapsing_spaces() -> None:
    """A split word with odd spacing between its fragments is still rejoined."""
    assert clean("Standard   Inadeq\u00a0\u00a0uate ") == "Standard Inadequate"


def test_clean_of_blank_text_is_empty() -> None:
    """A line of only spaces and invisible characters becomes nothing."""
    assert clean(" \u200b\u00a0\t\ufeff ") == ""


# --------------------------------------------------------------------------- headings


@pytest.mark.parametrize(
    ("heading", "text"),
    [
        ("Foreword (Back to top)", "Foreword"),
        ("Work with victims (back to top)", "Work with victims"),
        ("Ratings(Back to top)", "Ratings"),
        ("Recommendations Back to top", "Recommendations"),
        ("Background", "Background"),
        ("Back to basics: a new approach", "Back to basics: a new approach"),
    ],
)
def test_heading_text_strips_back_to_top(heading: str, text: str) -> None:
    """The inspectorate's '(Back to top)' link is not part of a section's title."""
    assert heading_text(heading) == text


def test_a_heading_that_is_only_a_back_link_is_dropped() -> None:
    """A heading with nothing but '(Back to top)' leaves no empty block behind."""
    document = document_of(
        RawBlock("heading", "Title", level=1),
        RawBlock("heading", "(Back to top)", level=2),
        RawBlock("paragraph", "Body."),
    )
    assert document.text == "Title\nBody."
    assert [block.kind for block in document.blocks] == ["heading", "paragraph"]


# --------------------------------------------------------------------------- the builder


def test_blocks_are_joined_by_newlines_with_exact_offsets() -> None:
    """Each block's offsets slice exactly its cleaned text out of the normalised text."""
    raw = [
        RawBlock("heading", "Ratings (Back to top)", level=2),
        RawBlock("paragraph", "  The  service was rated\u00a0Inadeq uate. "),
        RawBlock("list_item", "make oversight stronger"),
    ]
    document = document_of(*raw)
    assert document.text == "Ratings\nThe service was rated Inadequate.\nmake oversight stronger"
    assert [document.slice(block) for block in document.blocks] == [
        "Ratings",
        "The service was rated Inadequate.",
        "make oversight stronger",
    ]
    assert [(block.kind, block.level) for block in document.blocks] == [
        ("heading", 2),
        ("paragraph", 0),
        ("list_item", 0),
    ]


def test_table_cells_have_exact_offsets() -> None:
    """Every cell span slices to its cleaned cell text; empty rows and trailing cells go."""
    table = RawBlock(
        "table",
        page=4,
        rows=(
            ("  Overall   rating ", "", "Inadeq uate"),
            ("2.1 Assessing", "Good", "", ""),
            ("", "", ""),
            ("a | b", "67%"),
            ("V1\u00a0Work with victims", "Requires i mprovement"),
        ),
    )
    document = document_of(RawBlock("heading", "Ratings"), table, RawBlock("paragraph", "After."))
    block = document.blocks[1]
    assert block.kind == "table" and block.page == 4
    want = [
        ["Overall rating", "", "Inadequate"],
        ["2.1 Assessing", "Good"],
        ["a | b", "67%"],
        ["V1 Work with victims", "Requires improvement"],
    ]
    assert list(document.cells(block)) == want
    for row, cells in zip(block.rows, want, strict=True):
        assert document.slice(row.span) == " | ".join(cells)
        assert [document.slice(cell) for cell in row.cells] == cells
    assert (block.start, block.end) == (block.rows[0].span.start, block.rows[-1].span.end)
    assert document.text.endswith("Requires improvement\nAfter.")


def test_a_table_of_only_empty_rows_adds_nothing() -> None:
    """A table pdfplumber found but could not fill leaves no block and no stray newline."""
    document = document_of(
        RawBlock("paragraph", "Before."),
        RawBlock("table", rows=(("", ""), (" ",))),
        RawBlock("paragraph", "After."),
    )
    assert document.text == "Before.\nAfter."
    assert [block.kind for block in document.blocks] == ["paragraph", "paragraph"]


def test_a_numbered_paragraph_becomes_a_footnote() -> None:
    """'[3] text' is footnote 3, and its text no longer carries the marker."""
    document = document_of(
        RawBlock("paragraph", "See the note.[3]"),
        RawBlock("paragraph", "[3] Outcome 22 lets the police defer a decision to prosecute."),
    )
    note = document.blocks[1]
    assert (note.kind, note.label) == ("footnote", "3")
    assert document.slice(note) == "Outcome 22 lets the police defer a decision to prosecute."
    assert document.blocks[0].kind == "paragraph"


@pytest.mark.parametrize("text", ["[3]", "[12]text with no space", "See note [3] for more."])
def test_text_that_is_not_a_footnote_stays_a_paragraph(text: str) -> None:
    """Only a leading '[n] ' followed by text makes a footnote."""
    document = document_of(RawBlock("paragraph", text))
    assert document.blocks[0].kind == "paragraph"
    assert document.blocks[0].label is None
    assert document.text == text


def test_a_footnote_block_takes_its_label_from_its_marker() -> None:
    """A reader's footnote block that still starts with its marker loses it and keeps the label."""
    document = document_of(RawBlock("footnote", "[5] For victims, the rating differs.", label="5"))
    assert (document.blocks[0].kind, document.blocks[0].label) == ("footnote", "5")
    assert document.text == "For victims, the rating differs."


def test_pages_span_their_blocks() -> None:
    """A PDF's pages run from the first to the last block placed on each."""
    document = document_of(
        RawBlock("heading", "Title", page=1, level=1),
        RawBlock("paragraph", "One.", page=2),
        RawBlock("paragraph", "Two.", page=2),
        RawBlock("paragraph", "Three.", page=3),
        pages=3,
    )
    assert [(p.number, document.text[p.start : p.end]) for p in document.pages] == [
        (1, "Title"),
        (2, "One.\nTwo."),
        (3, "Three."),
    ]
    assert [document.page_at(document.text.index(word)) for word in ("Title", "Two", "Three")] == [
        1,
        2,
        3,
    ]
