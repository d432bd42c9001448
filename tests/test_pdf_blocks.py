"""How the PDF reader groups lines into blocks, each mechanism on a small PDF drawn with fpdf2.

Each PDF shows one reality of report PDFs (a title wrapped at its colon, a bold label under a
list item, a signature over its role, a label at a page's foot, short paragraphs, a ratings
table with its words drawn in two runs) and the test asserts the blocks the reader makes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from fpdf import FPDF

from extractor import Document, load_bytes

Line = tuple[str, float, bool, float]
"""A line to draw: text, font size, bold, indent (mm from the margin)."""
BODY = 10.5
LINE_H = 5.5
PARAGRAPH_GAP = 2.0
PARAGRAPHS = (
    "Staff in the service were committed to the people they supervised and worked hard to "
    "keep them engaged, but caseloads were high and too many posts were vacant.",
    "Managers knew where the work fell short and had plans to improve it, though few of those "
    "plans said who would act, by when, or how progress would be checked.",
    "Partnerships with the police and the local authority were improving, and information was "
    "shared more quickly than at our last inspection of the service.",
    "Assessments were timely and drew on the views of the person on probation, but risks to "
    "children were not always followed up with a home visit.",
)
SENTENCES = (
    "Most people on probation said that the staff who supervised them treated them with respect.",
    "Interpreters were booked for every appointment where the person on probation needed one.",
    "Unpaid work placements were available across the area, including at weekends and evenings.",
    "Victims were contacted promptly, and their views were recorded in most of the cases we saw.",
)
"""Sentences of one nearly full line each: between them only the gap tells two paragraphs."""
WORDS = PARAGRAPHS[0]


def draw(pages: Sequence[Sequence[Line | None]]) -> Document:
    """A PDF of these pages (None: a paragraph gap), read back as a document."""
    pdf = FPDF(format="A4")
    pdf.set_creation_date(dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    pdf.set_auto_page_break(False)
    for lines in pages:
        pdf.add_page()
        y = 25.0
        for line in lines:
            if line is None:
                y += PARAGRAPH_GAP
                continue
            text, size, bold, indent = line
            pdf.set_font("Helvetica", "B" if bold else "", size)
            pdf.text(20 + indent, y, text)
            y += max(LINE_H, size * 0.5)
    return load_bytes(bytes(pdf.output()), "blocks.pdf")


def blocks(document: Document) -> list[tuple[str, str]]:
    """Every block's kind and text."""
    return [(block.kind, document.slice(block)) for block in document.blocks]


def wrapped(text: str, width: int = 100) -> list[str]:
    """A text broken into lines of at most width characters, as a page sets a paragraph."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def body(text: str, bold: bool = False, indent: float = 0.0) -> Line:
    """A line of body text."""
    return (text, BODY, bold, indent)


def test_a_large_title_wrapped_after_its_colon_is_one_heading() -> None:
    """A title set large and wrapped at 'in:' stays one heading; a body label at ':' is none."""
    document = draw(
        [
            [
                ("An inspection of probation services in:", 24, True, 0),
                ("Ashby PDU", 24, True, 0),
                None,
                *(body(line) for line in wrapped(PARAGRAPHS[1])),
                body("Strengths:", bold=True),
                body("The work was good."),
            ]
        ]
    )
    assert blocks(document)[:3] == [
        ("heading", "An inspection of probation services in: Ashby PDU"),
        ("paragraph", PARAGRAPHS[1]),
        ("paragraph", "Strengths:"),
    ]


def test_a_bold_label_after_a_full_list_item_line_starts_a_block() -> None:
    """A bold label after a full last line is its own block, not the end of the text before.

    'Areas for improvement:' after a list item, 'X should:' after a paragraph.
    """
    item = "- make sure that home visits are used to manage risk where there are concerns."
    paragraph = "We have made four recommendations to help the service build on its work so far."
    document = draw(
        [
            [
                body(paragraph),
                body("Wendlecote approved premises should:", bold=True),
                body(item, indent=2),
                body("Areas for improvement:", bold=True),
                body("- Interview rooms were not safe.", indent=2),
            ]
        ]
    )
    assert blocks(document) == [
        ("paragraph", paragraph),
        ("paragraph", "Wendlecote approved premises should:"),
        ("list_item", item[2:]),
        ("paragraph", "Areas for improvement:"),
        ("list_item", "Interview rooms were not safe."),
    ]


def test_a_line_left_of_a_list_item_s_bullet_ends_the_item() -> None:
    """A regular line set at the margin, left of the bullet, is not the item's next line."""
    document = draw(
        [[body("- The head of service was visible.", indent=2), body("Staffing was a problem")]]
    )
    assert blocks(document) == [
        ("list_item", "The head of service was visible."),
        ("paragraph", "Staffing was a problem"),
    ]


def test_a_signature_name_over_its_role_is_two_blocks() -> None:
    """A bold name over its bold role is two blocks: the role's first word would have fitted.

    'Martin Jones CBE' over 'HM Chief Inspector of Probation'.
    """
    document = draw(
        [
            [
                body("The service needs to improve quickly, and we will return to check it."),
                None,
                body("Martin Jones CBE", bold=True),
                None,
                body("HM Chief Inspector of Probation", bold=True),
            ]
        ]
    )
    assert blocks(document)[1:] == [
        ("heading", "Martin Jones CBE"),
        ("heading", "HM Chief Inspector of Probation"),
    ]


def test_short_paragraphs_are_told_apart_by_their_gap() -> None:
    """Short paragraphs whose last lines are nearly full are told apart by the gap alone.

    On such a page more gaps lie between paragraphs than within them.
    """
    texts = [text for pair in zip(PARAGRAPHS, SENTENCES, strict=True) for text in pair]
    page: list[Line | None] = []
    for text in texts:
        page += [body(line) for line in wrapped(text)] + [None]
    document = draw([page])
    assert blocks(document) == [("paragraph", text) for text in texts]


def test_a_label_at_a_page_s_foot_keeps_its_items_overleaf() -> None:
    """'Strengths:' as a page's last line stays a label; its items overleaf stay items."""
    first = [body(line) for line in wrapped(WORDS)] + [body("Strengths:", bold=True)]
    second = [
        body("- The head of service was visible.", indent=2),
        body("- Relationships with the police were improving.", indent=2),
    ]
    document = draw([first, second])
    assert blocks(document) == [
        ("paragraph", WORDS),
        ("paragraph", "Strengths:"),
        ("list_item", "The head of service was visible."),
        ("list_item", "Relationships with the police were improving."),
    ]


def test_a_ratings_table_with_words_in_two_runs_is_still_a_table() -> None:
    """A table whose words are drawn in two runs ('Ove rall rating') is still found.

    A name broken in a cell ('Rehabilitati on') is rejoined from the same word in the prose.
    """
    pdf = FPDF(format="A4")
    pdf.set_creation_date(dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    pdf.add_page()
    pdf.set_font("Helvetica", size=BODY)
    pdf.multi_cell(170, LINE_H, "Residents praised the rehabilitation work of the staff.")
    pdf.ln(4)
    for name, rating in (("Ove rall rating", "Good"), ("4 Rehabilitati on", "Outstanding")):
        pdf.cell(120, 8, name, border=1)
        pdf.cell(50, 8, rating, border=1, new_x="LMARGIN", new_y="NEXT")
    document = load_bytes(bytes(pdf.output()), "table.pdf")
    [table] = [block for block in document.blocks if block.kind == "table"]
    assert list(document.cells(table)) == [
        ["Overall rating", "Good"],
        ["4 Rehabilitation", "Outstanding"],
    ]


def test_a_paragraph_broken_at_a_comma_over_a_page_is_one() -> None:
    """A paragraph whose page ends at a comma goes on overleaf, though the page opens on a name."""
    opening = "Hearing from children and families mattered to the service. The council's own model,"
    closing = "Blackpool Families Rock, rests on three ideas."
    document = draw([[body(opening)], [body(closing)]])
    assert blocks(document) == [("paragraph", f"{opening} {closing}")]
