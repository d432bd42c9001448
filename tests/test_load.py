"""Loading: format from content, plain errors for unreadable inputs, noise-free normalised text."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from lxml import html

from conftest import FIXTURES, REPORTS, loaded
from extractor import ExtractorError, Options, load, load_bytes

BROKEN = FIXTURES / "broken"
OTHER = FIXTURES / "other"
NOT_A_PDF = "is not a readable PDF (damaged or truncated)"
BINARY = "is binary data, not a PDF, HTML or text document"


def title_of(report: Path) -> str:
    """A bundled report's title: the first line of its text copy."""
    return report.with_suffix(".txt").read_text("utf-8").split("\n", 1)[0]


def load_error(path: Path, options: Options | None = None) -> ExtractorError:
    """The ExtractorError that loading a path raises."""
    with pytest.raises(ExtractorError) as caught:
        load(path, options)
    return caught.value


# --------------------------------------------------------------------------- format sniffing


def test_a_pdf_named_txt_loads_as_pdf(tmp_path: Path) -> None:
    """The file name lies; the bytes say PDF, so the PDF reader (with pages) is used."""
    original = REPORTS / "eastmoor-2025.pdf"
    disguised = tmp_path / "report.txt"
    shutil.copyfile(original, disguised)
    document = load(disguised)
    assert document.source.format == "pdf"
    assert document.source.pages == 9
    assert document.text == load(original).text


def test_an_html_page_named_pdf_loads_as_html(tmp_path: Path) -> None:
    """An HTML page saved with a .pdf name is read as HTML, not refused as a damaged PDF."""
    original = REPORTS / "eastmoor-2025.html"
    disguised = tmp_path / "report.pdf"
    shutil.copyfile(original, disguised)
    document = load(disguised)
    assert document.source.format == "html"
    assert document.text == load(original).text
    title = document.meta("title")
    assert title is not None
    assert document.slice(title).startswith("An inspection of youth justice work")


def test_a_text_copy_named_html_loads_as_text(tmp_path: Path) -> None:
    """A plain-text copy with an .html name is still read line by line as text."""
    disguised = tmp_path / "copy.html"
    shutil.copyfile(REPORTS / "eastmoor-2025.txt", disguised)
    document = load(disguised)
    assert document.source.format == "text"
    assert document.text == load(REPORTS / "eastmoor-2025.txt").text


def test_an_xhtml_page_with_an_xml_declaration_loads_as_html() -> None:
    """Older council sites serve XHTML with an XML prolog; it is still an HTML document."""
    page = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Parking permits</title></head>'
        "<body><h1>Parking permits</h1><p>Permits cost £30 a year.</p></body></html>"
    )
    document = load_bytes(page.encode("utf-8"), "permits.html")
    assert document.source.format == "html"
    assert document.text == "Parking permits\nPermits cost £30 a year."


# --------------------------------------------------------------------------- unreadable inputs


@pytest.mark.parametrize(
    ("name", "reason", "kind"),
    [
        ("empty.txt", "is empty", "unreadable"),
        ("truncated.pdf", NOT_A_PDF, "unreadable"),
        ("header-only.pdf", NOT_A_PDF, "unreadable"),
        ("random.bin", BINARY, "binary"),
    ],
)
def test_broken_fixture_gives_a_plain_error(name: str, reason: str, kind: str) -> None:
    """Each unreadable file raises ExtractorError naming the file, with a reason a person reads."""
    path = BROKEN / name
    error = load_error(path)
    assert error.path == str(path)
    assert error.reason == reason
    assert str(error) == f"{path}: {reason}"
    assert error.kind == kind


def test_an_html_page_without_content_is_unreadable() -> None:
    """An empty page has nothing to extract; it must be reported like an empty file."""
    path = BROKEN / "empty-page.html"
    error = load_error(path)
    assert error.path == str(path)
    assert re.search(r"\b(?:empty|no (?:extractable |readable )?text)\b", error.reason)


def test_a_utf16_text_file_with_bom_is_read_as_text() -> None:
    """Notepad's 'Unicode' files are UTF-16 with a BOM: legitimately readable text."""
    document = load(BROKEN / "utf16.txt")
    assert document.source.format == "text"
    assert document.text == (
        "Notice to residents\n"
        "The library will close early on Friday 14 March 2025 for staff training.\n"
        "Sorry for any inconvenience caused."
    )


def test_a_windows_1252_file_keeps_its_curly_quotes() -> None:
    """Older copies are Windows-1252; quotes, dashes, accents and pound signs survive decoding."""
    document = load(BROKEN / "windows-1252.txt")
    assert document.source.format == "text"
    assert document.text == (
        "Parish notes\n"
        "The vicar said: “We’re grateful to everyone who helped with the café – it raised £240.”\n"
        "The next coffee morning is on the first Saturday in May."
    )


def test_a_missing_path_is_reported_as_no_such_file(tmp_path: Path) -> None:
    """A typo in a path gives a plain reason, not a FileNotFoundError traceback."""
    path = tmp_path / "not-there.pdf"
    error = load_error(path)
    assert (error.path, error.reason) == (str(path), "no such file")


def test_a_directory_is_reported_as_a_directory(tmp_path: Path) -> None:
    """Passing a folder instead of a file says so."""
    error = load_error(tmp_path)
    assert (error.path, error.reason) == (str(tmp_path), "is a directory, not a file")


def test_an_input_over_the_size_limit_is_refused() -> None:
    """A batch must not exhaust memory on a huge file; the reason states size and limit."""
    path = REPORTS / "eastmoor-2025.pdf"
    error = load_error(path, Options(max_bytes=1000))
    assert error.reason == f"is {path.stat().st_size:,} bytes, over the limit of 1,000"
    with pytest.raises(ExtractorError) as caught:
        load_bytes(path.read_bytes(), "in-memory.pdf", Options(max_bytes=1000))
    assert str(caught.value) == (
        f"in-memory.pdf: is {path.stat().st_size:,} bytes, over the limit of 1,000"
    )


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"framework": "nope"}, "framework 'nope' is not one of "),
        ({"max_bytes": 0}, "max_bytes must be positive, not 0"),
    ],
)
def test_options_refuse_impossible_settings(options: dict[str, object], message: str) -> None:
    """A library caller who mistypes a framework id hears so at once, not after a silent guess."""
    with pytest.raises(ValueError, match=re.escape(message)):
        Options(**options)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- encodings


def test_utf8_html_without_a_charset_declaration_is_not_mojibake() -> None:
    """Saved pages often lose the HTTP charset header; UTF-8 is the web's default encoding."""
    page = (
        "<!DOCTYPE html><html><head><title>Notice</title></head><body><main>"
        "<h1>Café opening</h1><p>The café’s ‘Good’ rating – well deserved.</p>"
        "</main></body></html>"
    )
    document = load_bytes(page.encode("utf-8"), "notice.html")
    assert document.text == "Café opening\nThe café’s ‘Good’ rating – well deserved.\nNotice"
    title = document.meta("title")
    assert title is not None and document.slice(title) == "Notice"


def test_a_utf8_byte_order_mark_is_not_part_of_the_text() -> None:
    """A BOM at the start of a text copy must not end up in the title's evidence."""
    document = load_bytes("\ufeffPool timetable\nLane swimming starts at 7am.".encode(), "bom")
    assert document.text == "Pool timetable\nLane swimming starts at 7am."
    assert document.blocks[0].kind == "heading"


def test_markdown_emphasis_markers_are_not_in_the_text() -> None:
    """A Markdown copy's bold labels should read as words, not as asterisks, in evidence."""
    document = load(OTHER / "agenda.md")
    assert "Date: Thursday 10 April 2025" in document.text
    assert "**" not in document.text


# --------------------------------------------------------------------------- HTML noise

REPORT_PAGES = sorted(REPORTS.glob("*.html"))


@pytest.mark.parametrize("path", REPORT_PAGES, ids=lambda p: p.name)
def test_site_furniture_is_not_in_the_text(path: Path) -> None:
    """Skip links, cookie banners, the licence block and navigation links are not report text."""
    text = loaded(path)[0].text
    for noise in (
        "Skip to content",
        "cookies",
        "Accept analytics",
        "Open Government Licence",
        "Crown copyright",
        "(Back to top)",
    ):
        assert noise not in text, noise
    nav_links = html.parse(str(path)).getroot().xpath("//nav//a")
    assert len(nav_links) >= 5
    lines = set(text.split("\n"))
    for link in nav_links:
        label = link.text_content().strip()
        assert label not in lines, label
    assert "About our work" not in text
    assert "Contact us" not in text


@pytest.mark.parametrize("path", REPORT_PAGES, ids=lambda p: p.name)
def test_html_report_text_starts_with_its_title(path: Path) -> None:
    """The page's own content starts at its <h1>; nothing of the header comes before it."""
    document = loaded(path)[0]
    assert document.text.startswith(f"{title_of(path)}\n")
    assert document.blocks[0].kind == "heading" and document.blocks[0].level == 1


@pytest.mark.parametrize("path", REPORT_PAGES, ids=lambda p: p.name)
def test_empty_published_line_is_dropped(path: Path) -> None:
    """An empty 'Published:' label carries no date and is page furniture."""
    assert "Published:" not in loaded(path)[0].text.split("\n")


def test_html_inline_markup_stays_inside_its_sentence() -> None:
    """Bold, links, images and comments inside a line do not split it into separate paragraphs."""
    page = (
        "<html><body><main><h1>An inspection of youth justice services in Northfield</h1>"
        "<h2>Overall (Back to top)</h2><div>The service was rated <strong>Good</strong> "
        "<img src='tick.png'> overall by <a href='#'>HM Inspectorate</a>.<br>"
        "Inspec<!-- a comment -->tors met <ins>eight</ins> children.</div></main></body></html>"
    )
    document = load_bytes(page.encode(), "inline.html")
    paragraphs = [document.slice(b) for b in document.blocks if b.kind == "paragraph"]
    assert paragraphs == [
        "The service was rated Good overall by HM Inspectorate. Inspectors met eight children."
    ]


def test_html_footnotes_keep_their_numbers() -> None:
    """The footnotes list becomes footnote blocks labelled 1..6, without the '[n]' marker."""
    document = load(REPORTS / "blackpool-2025.html")
    notes = [block for block in document.blocks if block.kind == "footnote"]
    assert [block.label for block in notes] == ["1", "2", "3", "4", "5", "6"]
    assert document.slice(notes[1]).startswith("Outcome 22 allows the police")


# --------------------------------------------------------------------------- PDF


REPORT_PDFS = sorted(REPORTS.glob("*.pdf"))


@pytest.mark.parametrize("path", REPORT_PDFS, ids=lambda p: p.name)
def test_pdf_running_headers_and_page_numbers_are_dropped(path: Path) -> None:
    """The header repeated on every page and the lone page numbers are not report text."""
    text = loaded(path)[0].text
    subject = title_of(path).removeprefix("An ").removeprefix("A ").rsplit(" in ", 1)[0]
    assert f"{subject}:".lower() not in text.lower()
    assert not [line for line in text.split("\n") if re.fullmatch(r"\s*\d{1,3}\s*", line)]


@pytest.mark.parametrize("path", REPORT_PDFS, ids=lambda p: p.name)
def test_pdf_contents_leaders_are_dropped(path: Path) -> None:
    """The contents page's 'Foreword ....... 3' lines are gone; only its heading is left."""
    document = loaded(path)[0]
    assert "....." not in document.text
    assert not re.search(r"\.{3,}\s*\d+\s*$", document.text, re.M)
    contents = next(page for page in document.pages if page.number == 2)
    assert document.text[contents.start : contents.end] == "Contents"


@pytest.mark.parametrize("path", REPORT_PDFS, ids=lambda p: p.name)
def test_pdf_pages_cover_the_whole_text(path: Path) -> None:
    """Every page is listed in order and the page spans tile the text with one newline between."""
    document = loaded(path)[0]
    count = len(pdfium.PdfDocument(path))
    assert document.source.pages == count
    assert [page.number for page in document.pages] == list(range(1, count + 1))
    assert document.pages[0].start == 0
    assert document.pages[-1].end == len(document.text)
    for before, after in zip(document.pages, document.pages[1:], strict=False):
        assert after.start == before.end + 1
        assert document.text[before.end] == "\n"


@pytest.mark.parametrize(
    ("needle", "page"),
    [
        ("An inspection of youth justice work", 1),
        ("Contents", 2),
        ("Foreword\nThis inspection is one of a series", 3),
        ("Overall rating |", 4),
        ("Background\nFieldwork took place", 5),
        ("2.3 Implementation and delivery | Rating", 7),
        ("qualitative evidence gathered for V 1.2.", 9),
    ],
)
def test_page_at_gives_the_page_of_known_text(needle: str, page: int) -> None:
    """Evidence pages come from page_at; known passages of the Eastmoor PDF are on known pages."""
    document = loaded(REPORTS / "eastmoor-2025.pdf")[0]
    offset = document.text.index(needle)
    assert document.page_at(offset) == page
    assert document.page_at(offset + len(needle) - 1) == page


def test_page_at_is_none_for_formats_without_pages() -> None:
    """Text and HTML have no pages, so their evidence carries no page number."""
    assert load(REPORTS / "eastmoor-2025.txt").page_at(100) is None
    assert load(REPORTS / "eastmoor-2025.html").page_at(100) is None


# --------------------------------------------------------------------------- text copies


def block_holding(path: Path, fragment: str) -> tuple[str, str]:
    """The kind and text of the one block of a document that contains a fragment."""
    document = load(path)
    found = [block for block in document.blocks if fragment in document.slice(block)]
    assert len(found) == 1, found
    return found[0].kind, document.slice(found[0])


def test_a_hard_wrapped_list_item_is_one_block() -> None:
    """A list item wrapped onto a lower-case line is one item, joined with a space."""
    kind, text = block_holding(REPORTS / "blackpool-2025.txt", "safe is consistently")
    assert kind == "list_item"
    assert text == (
        "raise the standard of analysis in assessing, so that work to keep children and "
        "communities safe is consistently of high quality"
    )


def test_a_hard_wrapped_paragraph_is_one_block() -> None:
    """A paragraph wrapped mid-sentence is one paragraph, not two."""
    kind, text = block_holding(REPORTS / "blackpool-2025.txt", "well-rounded picture")
    assert kind == "paragraph"
    assert text.startswith("Parents and carers were closely involved throughout.")
    assert text.endswith(
        "which gave a well-rounded picture of each child’s learning and health needs."
    )


def test_text_footnotes_are_labelled_blocks() -> None:
    """'[n] text' lines at the end of a text copy become footnotes labelled n."""
    document = load(REPORTS / "blackpool-2025.txt")
    notes = [block for block in document.blocks if block.kind == "footnote"]
    assert [block.label for block in notes] == ["1", "2", "3", "4", "5", "6"]
    assert not document.slice(notes[0]).startswith("[")


def test_windows_line_endings_read_like_unix_ones() -> None:
    """CRLF copies give the same text and blocks as LF copies."""
    lf = "Opening hours\nThe hall opens at 9am\nand closes at 5pm.\n- Mondays\n- Fridays\n"
    unix = load_bytes(lf.encode(), "lf.txt")
    windows = load_bytes(lf.replace("\n", "\r\n").encode(), "crlf.txt")
    want = "Opening hours\nThe hall opens at 9am and closes at 5pm.\nMondays\nFridays"
    assert windows.text == unix.text == want
    assert [b.kind for b in windows.blocks] == ["heading", "paragraph", "list_item", "list_item"]


# --------------------------------------------------------------------------- load_bytes


def test_load_bytes_reads_in_memory_bytes_like_a_file() -> None:
    """A caller with bytes (from a queue or a download) gets the same document as from disk."""
    path = REPORTS / "blackpool-2025.pdf"
    data = path.read_bytes()
    document = load_bytes(data, "in-memory.pdf")
    assert document.text == load(path).text
    assert document.source.path == "in-memory.pdf"
    assert document.source.sha256 == hashlib.sha256(data).hexdigest()
    assert document.source.size == len(data)
    assert document.source.format == "pdf"


def test_load_bytes_errors_use_the_given_name() -> None:
    """Errors from in-memory bytes name the input as the caller called it."""
    with pytest.raises(ExtractorError) as caught:
        load_bytes(b"   \n\t ", "upload-17")
    assert str(caught.value) == "upload-17: is empty"


def test_a_table_without_ruling_lines_is_read_by_its_layout(tmp_path: Path) -> None:
    """A key-question table drawn without lines still comes out as rows and cells (pdfplumber)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_creation_date(dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    rows = [
        ("Does assessing sufficiently analyse how to:", "% 'Yes'"),
        ("achieve positive change for the child?", "67%"),
        ("keep the child and the community safe?", "47%"),
    ]
    for question, share in rows:
        pdf.cell(140, 8, question)
        pdf.cell(30, 8, share, new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "borderless.pdf"
    pdf.output(str(path))
    document = load(path)
    [table] = [block for block in document.blocks if block.kind == "table"]
    assert list(document.cells(table)) == [list(row) for row in rows]


def test_a_ruled_table_is_read_without_pdfplumber() -> None:
    """The bundled PDFs draw their tables; pdfium's path objects give rows and merged cells."""
    document = loaded(REPORTS / "blackpool-2025.pdf")[0]
    ratings = next(block for block in document.blocks if block.kind == "table")
    assert list(document.cells(ratings))[:3] == [
        ["Blackpool Youth Justice Service", "Fieldwork started June 2025", "Score 6/12"],
        ["Overall rating", "Requires improvement"],
        ["Work with children"],
    ]


def test_a_table_split_by_a_page_break_keeps_its_rows(tmp_path: Path) -> None:
    """Key-question rows pushed onto the next page are read as rows of the table they continue."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_creation_date(dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.set_y(262)
    rows = [
        ("Does assessing sufficiently analyse how to:", "% 'Yes'"),
        ("achieve positive change for the child?", "67%"),
        ("keep the child and the community safe?", "47%"),
    ]
    for question, share in rows:
        pdf.cell(140, 10, question, border=1)
        pdf.cell(30, 10, share, border=1, new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "split.pdf"
    pdf.output(str(path))
    document = load(path)
    tables = [block for block in document.blocks if block.kind == "table"]
    assert [block.page for block in tables] == [1]
    assert list(document.cells(tables[0])) == [list(r) for r in rows]
