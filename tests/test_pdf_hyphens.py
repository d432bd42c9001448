"""PDF lines broken after a hyphen: pdfium reports them as one line, the page shows two."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from extractor import load


def test_a_paragraph_hyphenated_at_a_line_end_stays_one_block(tmp_path: Path) -> None:
    """'multi-' / 'disciplinary' / one more line: one paragraph with the word whole.

    Seen in real Ofsted reports, where the line after the two used to open a new block.
    """
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "", 11)
    for line in (
        "Managers meet every week in a multi-",
        "disciplinary group and agree what each",
        "child needs next, and who will do it.",
    ):
        pdf.cell(0, 6, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(12)
    pdf.cell(0, 6, "A second paragraph follows the gap.", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    path = tmp_path / "hyphen.pdf"
    pdf.output(str(path))
    document = load(path)
    assert [document.slice(block) for block in document.blocks] == [
        "Managers meet every week in a multi-disciplinary group and agree what each child needs "
        "next, and who will do it.",
        "A second paragraph follows the gap.",
    ]
