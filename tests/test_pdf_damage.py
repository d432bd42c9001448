"""PDFs damaged where pdfium forgives it but pdfminer does not still give a record."""

from __future__ import annotations

import pytest

from extractor import extract, load_bytes
from extractor.readers.pdf import read_pdf

TABLE_TEXT = (
    b"BT /F1 11 Tf 72 720 Td (Overall rating) Tj 200 0 Td (Good) Tj"
    b" -200 -20 Td (Cases assessed) Tj 200 0 Td (85%) Tj ET"
)
"""A page that names an overall rating in columns drawn without lines: pdfplumber reads it."""


def one_page_pdf(content: bytes, page: bytes = b"/MediaBox [0 0 612 792]", kids: int = 1) -> bytes:
    """A PDF whose page tree lists one page `kids` times, with the given page entries."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + b"4 0 R " * kids + b"] /Count %d >>" % kids,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Page /Parent 2 0 R " + page + b" /Resources << /Font << /F1 3 0 R >> >>"
        b" /Contents 5 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


@pytest.mark.parametrize(
    ("page", "kids"),
    [
        (b"/MediaBox [0 0 /Wide 792]", 1),  # pdfminer: PdfminerException
        (b"/MediaBox [0 0 612]", 1),  # IndexError
        (b"", 1),  # no media box: TypeError
        (b"/MediaBox [0 0 612 792] /CropBox [0 0 (a) 5]", 1),  # MalformedPDFException
        (b"/MediaBox [0 0 612 792] /Rotate (x)", 1),  # TypeError
        (b"/MediaBox [0 0 612 792]", 2),  # pdfium finds two pages, pdfminer one: IndexError
    ],
    ids=[
        "media-box-name",
        "media-box-short",
        "no-media-box",
        "crop-box-string",
        "rotate-string",
        "page-twice",
    ],
)
def test_a_page_pdfplumber_cannot_read_keeps_its_lines(page: bytes, kids: int) -> None:
    """Pdfium reads the page; pdfplumber, asked for its unruled table, fails: the lines stay."""
    data = one_page_pdf(TABLE_TEXT, page, kids)
    assert read_pdf(data)[0] == kids
    assert "Overall rating" in load_bytes(data, "damaged.pdf").text
    assert extract(data).kind == "other"


def test_the_undamaged_page_is_read_as_a_table() -> None:
    """The same page undamaged: pdfplumber's columns give the table the tests above lose."""
    blocks = read_pdf(one_page_pdf(TABLE_TEXT))[1]
    assert [block.rows for block in blocks if block.kind == "table"] == [
        (("Overall rating", "Good"), ("Cases assessed", "85%"))
    ]


def test_thousands_of_characters_left_out_of_the_text_before_and_after_it() -> None:
    """Characters pdfium leaves out (no Unicode) around the text: pypdfium2 recursed per one."""
    nothing = b"\\000" * 3000
    data = one_page_pdf(b"BT /F1 11 Tf 72 720 Td (" + nothing + b"Good work" + nothing + b") Tj ET")
    assert [block.text for block in read_pdf(data)[1]] == ["Good work"]


def test_a_read_failing_mid_document_closes_its_pages_before_the_document(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every page and text page opened is closed, and before the document, however a read ends."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    from extractor.readers import pdf as reader

    events: list[str] = []
    for name in ("FPDF_LoadPage", "FPDF_ClosePage", "FPDFText_LoadPage", "FPDFText_ClosePage"):
        real = getattr(pdfium_c, name)
        monkeypatch.setattr(
            pdfium_c, name, lambda *args, real=real, name=name: events.append(name) or real(*args)
        )
    close = pdfium.PdfDocument.close
    monkeypatch.setattr(
        pdfium.PdfDocument, "close", lambda self: events.append("document") or close(self)
    )

    def fail_on_the_second_page(page: object, textpage: object, height: float) -> list[object]:
        if events.count("FPDF_LoadPage") == 2:
            raise RuntimeError("a bug on page 2")
        return []

    monkeypatch.setattr(reader, "ruled_tables", fail_on_the_second_page)
    with pytest.raises(RuntimeError, match="page 2"):
        read_pdf(one_page_pdf(TABLE_TEXT, kids=3))
    opened = ["FPDF_LoadPage", "FPDFText_LoadPage", "FPDFText_ClosePage", "FPDF_ClosePage"]
    assert events == [*opened, *opened, "document"]


def test_lines_after_characters_left_out_keep_their_own_box_and_size() -> None:
    """A line after characters pdfium leaves out of its text is measured on its own characters."""
    import pypdfium2 as pdfium

    from extractor.readers.pdf_lines import page_lines

    nothing = b"\\000" * 40
    content = (
        b"BT /F1 10 Tf 72 720 Td (Intro" + nothing + b" text) Tj ET"
        b" BT /F1 24 Tf 72 400 Td (Large heading) Tj ET"
    )
    pdf = pdfium.PdfDocument(one_page_pdf(content))
    try:
        textpage = pdf[0].get_textpage()
        lines = {line.text: line for line in page_lines(textpage.raw)}
    finally:
        pdf.close()
    heading = lines["Large heading"]
    assert heading.size == 24.0
    assert 390 < heading.bottom < heading.top < 430
