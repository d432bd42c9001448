"""A ruled table's cell text, read in one C call per cell, is what pypdfium2 reads in the box."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from fpdf import FPDF

from extractor.readers.pdf_tables import _BoundedText

FONTS = Path("/usr/share/fonts/truetype/dejavu")
MATH_BOLD_AB = "\U0001d400\U0001d401"
"""Two letters outside the Basic Multilingual Plane: two UTF-16 units each."""


def table_pdf() -> bytes:
    """A two-row ruled table; one cell opens with letters outside the Basic Multilingual Plane."""
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("Sans", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("Math", "", str(FONTS / "DejaVuMathTeXGyre.ttf"))
    pdf.set_font("Sans", "", 11)
    pdf.cell(60, 10, "Overall rating", border=1)
    pdf.cell(60, 10, "Requires improvement", border=1, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Math", "", 11)
    pdf.cell(60, 10, f"{MATH_BOLD_AB} 12 standards", border=1)
    pdf.set_font("Sans", "", 11)
    pdf.cell(60, 10, "Good", border=1)
    return bytes(pdf.output())


@pytest.mark.skipif(not (FONTS / "DejaVuMathTeXGyre.ttf").exists(), reason="no DejaVu fonts")
def test_every_box_reads_as_pypdfium2_reads_it() -> None:
    """Boxes over the table, the letters outside the BMP and empty paper, each read both ways."""
    page = pdfium.PdfDocument(table_pdf())[0]
    textpage = page.get_textpage()
    read = _BoundedText(textpage.raw)
    boxes = [
        (left, bottom, left + width, bottom + height)
        for left in range(0, 300, 15)
        for bottom in range(700, 842, 12)
        for width, height in ((40, 14), (120, 30), (300, 60))
    ]
    texts = [read(*box) for box in boxes]
    assert texts == [textpage.get_text_bounded(*box) for box in boxes]
    assert [read.long_way(*box) for box in boxes] == texts
    assert any(MATH_BOLD_AB in text for text in texts)
    assert any("Requires improvement" in text for text in texts)
    assert "" in texts
