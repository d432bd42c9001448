"""Hostile inputs: each gives a record or one ExtractorError naming it, never a hang or a crash."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import os
import socket
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import FIXTURES, REPORTS, ROOT
from extractor import ExtractorError, Options, check, extract, load, load_bytes
from extractor.readers.html import MAX_DEPTH

OFSTED = ROOT.parent / "shared" / "corpus" / "ofsted"
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file types")


def refusal(source: object, options: Options | None = None) -> tuple[str, str, str]:
    """The (path, kind, reason) of the ExtractorError that loading a source raises."""
    with pytest.raises(ExtractorError) as caught:
        load(source, options)  # type: ignore[arg-type]
    return caught.value.path, caught.value.kind, caught.value.reason


def finishes(work: Callable[[], object], seconds: float = 20.0) -> object:
    """Run work in a thread and fail (rather than hang the suite) if it does not finish."""
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(work())
        except Exception as error:  # handed back to the test, which asserts on it
            outcome.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert outcome, f"still running after {seconds} s"
    return outcome[0]


# --------------------------------------------------------------------------- not regular files


@POSIX
def test_dev_zero_is_refused_unread() -> None:
    """/dev/zero never ends: it is refused as a device before a byte is read."""
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    error = finishes(lambda: refusal("/dev/zero"))
    assert error == ("/dev/zero", "not_a_file", "is a character device, not a regular file")


@POSIX
def test_a_fifo_is_refused_without_opening_it(tmp_path: Path) -> None:
    """Opening a FIFO for reading blocks until a writer comes; it is refused from its stat."""
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    error = finishes(lambda: refusal(fifo))
    assert error == (str(fifo), "not_a_file", "is a named pipe (FIFO), not a regular file")


@POSIX
def test_a_socket_is_refused(tmp_path: Path) -> None:
    """A Unix socket in a folder is not a document."""
    path = tmp_path / "s.sock"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        assert refusal(path) == (str(path), "not_a_file", "is a socket, not a regular file")
    finally:
        server.close()


@POSIX
def test_a_symlink_loop_and_a_broken_link_are_named(tmp_path: Path) -> None:
    """A link that points at itself, or at nothing, says so instead of an OS error number."""
    loop, other, broken = tmp_path / "a.pdf", tmp_path / "b.pdf", tmp_path / "gone.pdf"
    loop.symlink_to(other)
    other.symlink_to(loop)
    broken.symlink_to(tmp_path / "never-there.pdf")
    assert refusal(loop) == (str(loop), "unreadable", "is a symbolic link loop")
    assert refusal(broken) == (str(broken), "not_found", "is a broken symbolic link")


def test_a_directory_is_not_a_file(tmp_path: Path) -> None:
    """A folder passed where a file belongs has its own kind, so a batch can tell it apart."""
    assert refusal(tmp_path) == (str(tmp_path), "not_a_file", "is a directory, not a file")


# --------------------------------------------------------------------------- sizes and streams


class Endless(io.RawIOBase):
    """A stream that never ends, like /dev/zero opened by a caller."""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        buffer[:] = b"a" * len(buffer)
        return len(buffer)


def test_an_endless_stream_stops_at_the_limit() -> None:
    """A file object is read at most max_bytes + 1 bytes, however long it goes on."""
    error = finishes(lambda: refusal(Endless(), Options(max_bytes=100_000)))
    assert error == ("<stream>", "too_large", "is over the limit of 100,000 bytes")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_a_file_bigger_than_its_stat_still_stops_at_the_limit() -> None:
    """/proc files report size 0 yet hold text: the bounded read, not the stat, keeps the limit."""
    path = Path("/proc/self/status")
    assert path.stat().st_size == 0
    assert refusal(path, Options(max_bytes=50)) == (
        str(path),
        "too_large",
        "is over the limit of 50 bytes",
    )


def test_a_text_over_the_text_limit_is_refused_but_a_pdf_is_not() -> None:
    """Text and HTML have their own, lower limit; a PDF of the same size is still read."""
    text, pdf = REPORTS / "eastmoor-2025.txt", REPORTS / "eastmoor-2025.pdf"
    options = Options(max_text_bytes=5_000)
    size = text.stat().st_size
    assert refusal(text, options) == (
        str(text),
        "too_large",
        f"is {size:,} bytes, over the limit of 5,000 for a text or HTML document",
    )
    assert load(pdf, options).source.pages == 9


def test_the_size_limit_is_checked_before_reading() -> None:
    """A file whose size is over the limit is refused from its stat."""
    path = REPORTS / "eastmoor-2025.html"
    size = path.stat().st_size
    assert refusal(path, Options(max_bytes=1000)) == (
        str(path),
        "too_large",
        f"is {size:,} bytes, over the limit of 1,000",
    )


def test_a_path_with_a_nul_character_is_not_a_valid_path() -> None:
    """A NUL in a path (a caller passing text by mistake) is refused, not a ValueError."""
    assert refusal("report\x00.pdf") == (
        "report\x00.pdf",
        "unreadable",
        "is not a valid path (it holds a NUL character)",
    )


# --------------------------------------------------------------------------- one huge block


def test_a_text_on_one_line_over_spacys_limit_is_read() -> None:
    """1,026,000 characters on one line, no full stop: over spaCy's max_length, it raised E088."""
    line = b"the hall will close for repairs to its roof and the library will open later " * 13500
    record = extract(line)
    assert record.kind == "other"
    assert record.source.size == 1_026_000


def test_a_huge_block_is_read_in_pieces_that_tile_it() -> None:
    """Pieces of at most 100,000 characters, cut at full stops or spaces, cover the whole block."""
    from extractor.parse.analysis import analyse, units

    text = ("Inspectors met 31 children and their families in the area. " * 4000).strip()
    document = load_bytes(f"Notes\n{text}".encode(), "long.txt")
    pieces = list(units(document))
    assert [end - start for start, end in pieces] == [5, 99945, 99945, 36107]
    body = [document.text[start:end] for start, end in pieces[1:]]
    assert " ".join(body) == text
    assert all(piece.endswith(".") for piece in body)
    sentences = analyse(document).sentences
    assert len(sentences) == 4001
    assert max(sentence.end - sentence.start for sentence in sentences) == 58


def test_a_sentence_without_full_stops_is_cut_at_2000_characters() -> None:
    """A 'sentence' of 60,000 characters is cut at spaces into pieces of at most 2,000."""
    from extractor.parse.analysis import analyse

    text = "the hall will close for repairs and " * 1667
    document = load_bytes(f"Notes\n{text}".encode(), "long.txt")
    sentences = analyse(document).sentences[1:]
    assert len(sentences) == 31
    assert [sentence.end - sentence.start for sentence in sentences[:3]] == [1999, 1999, 1999]
    assert " ".join(document.slice(sentence) for sentence in sentences) == text.strip()


# --------------------------------------------------------------------------- NUL bytes


def test_a_nul_byte_is_dropped_wherever_it_is() -> None:
    """One rule: a stray NUL near the start or far into a report is dropped, the text kept."""
    data = (REPORTS / "eastmoor-2025.txt").read_bytes()
    want = load_bytes(data, "clean.txt").text
    for position in (12, len(data) // 2, len(data) - 5):
        spoiled = data[:position] + b"\x00" + data[position:]
        document = load_bytes(spoiled, "spoiled.txt")
        assert document.source.format == "text"
        assert document.text == want


def test_mostly_control_characters_is_binary_wherever_they_are() -> None:
    """Binary is judged over the whole input: text with 1 KB of NULs at its end is binary."""
    text = b"Notice to residents\nThe hall will close on Friday.\n"
    assert refusal(text * 3 + b"\x00" * 1024) == (
        "<bytes>",
        "binary",
        "is binary data, not a PDF, HTML or text document",
    )


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (gzip.compress((REPORTS / "eastmoor-2025.txt").read_bytes()), "binary"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "binary"),
        (b"PK\x03\x04" + b"\x00\x14\x00\x06" * 300, "binary"),
    ],
    ids=["gzip", "png", "zip"],
)
def test_binary_files_are_refused_as_binary(data: bytes, kind: str) -> None:
    """Compressed and image data are not documents, whatever their names say."""
    assert refusal(data)[1:] == (kind, "is binary data, not a PDF, HTML or text document")


def test_utf16_without_a_byte_order_mark_is_read_as_text() -> None:
    """UTF-16 saved without a BOM is half NUL bytes, yet it is text."""
    text = "Notice to residents\nThe hall will close on Friday 14 March.\n"
    for encoding in ("utf-16-le", "utf-16-be"):
        document = load_bytes(text.encode(encoding), "notice.txt")
        assert document.text == "Notice to residents\nThe hall will close on Friday 14 March."


def test_latin1_text_keeps_its_accents_and_pound_signs() -> None:
    """Text that is not UTF-8 is read as Windows-1252 (a superset of Latin-1's letters)."""
    data = "Café notes\nThe coffee morning raised £240.\n".encode("latin-1")
    assert load_bytes(data, "notes.txt").text == "Café notes\nThe coffee morning raised £240."


# --------------------------------------------------------------------------- deep HTML


def nested(depth: int, body: str, title: str = "Deep page") -> bytes:
    """A page whose body sits inside `depth` nested <div>s, with a line after them."""
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title></head><body><main>"
        + "<div>" * depth
        + body
        + "</div>" * depth
        + "<p>This line follows the nested content.</p></main></body></html>"
    ).encode()


REPORT_BODY = (
    "<h1>An inspection of youth justice services in Deepdale</h1>"
    "<h2>Overall findings (Back to top)</h2>"
    "<p>Overall, Deepdale youth justice service was rated as Good.</p>"
)
ARTICLE_BODY = (
    "<h1>Library to close for repairs</h1>"
    "<p>The central library will close on Friday 14 March 2025 while its roof is repaired, "
    "the council said on Monday.</p>"
    "<p>Books can be returned to any branch library during the closure.</p>"
)


@pytest.mark.parametrize("depth", [300, MAX_DEPTH - 10])
def test_a_deeply_nested_report_page_is_read_whole(depth: int) -> None:
    """Past libxml2's default 256 levels, a report page kept only its title; now all of it."""
    document = load_bytes(nested(depth, REPORT_BODY), "deep.html")
    assert document.text == (
        "An inspection of youth justice services in Deepdale\n"
        "Overall findings\n"
        "Overall, Deepdale youth justice service was rated as Good.\n"
        "This line follows the nested content.\n"
        "Deep page"
    )


def test_a_deeply_nested_article_page_is_read_whole() -> None:
    """An article page 300 levels deep goes to trafilatura as a tree, not cut to its title."""
    record = extract(nested(300, ARTICLE_BODY, title="Library to close for repairs"))
    assert record.kind == "other"
    assert "while its roof is repaired" in load_bytes(nested(300, ARTICLE_BODY), "deep.html").text


def test_a_page_nested_past_the_limit_is_refused_clearly() -> None:
    """5,000 levels is past what libxml2 reads at all: said in one line, not a title-only record."""
    assert refusal(nested(5000, REPORT_BODY)) == (
        "<bytes>",
        "too_deep",
        "is HTML nested more than 2,048 elements deep, too deep to read",
    )


@pytest.mark.parametrize("title", ["An inspection of nested lists", "Nested lists"])
def test_deeply_nested_lists_are_read(title: str) -> None:
    """Lists nested 1,000 deep (2,000 elements) are walked with a stack, not recursion.

    trafilatura recurses on them, so an article page this deep is walked like a report page.
    """
    items = "<ul><li>Level item" * 1000 + "</li></ul>" * 1000
    page = f"<html><body><main><h1>{title}</h1>{items}</main></body></html>".encode()
    document = load_bytes(page, "lists.html")
    assert document.text.split("\n") == [title] + ["Level item"] * 1000


# --------------------------------------------------------------------------- PDFs


def fpdf_bytes(text: str | None, password: str | None = None) -> bytes:
    """A one-page PDF with a line of text (or only a drawn box), optionally password-protected."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_creation_date(dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    if text is None:
        pdf.rect(20, 20, 60, 40)
    else:
        pdf.cell(0, 10, text)
    if password is not None:
        pdf.set_encryption(owner_password="owner", user_password=password)
    return bytes(pdf.output())


REAL_PDF = (REPORTS / "eastmoor-2025.pdf").read_bytes()
DAMAGED = "is not a readable PDF (damaged or truncated)"


@pytest.mark.parametrize(
    ("data", "kind", "reason"),
    [
        (b"", "unreadable", "is empty"),
        (b"%PDF-1.7\n" + bytes(range(256)) * 20, "unreadable", DAMAGED),
        (REAL_PDF[: len(REAL_PDF) // 2], "unreadable", DAMAGED),
        (REAL_PDF[:100], "unreadable", DAMAGED),
        (
            fpdf_bytes("Closure notice", "secret"),
            "encrypted",
            "is an encrypted PDF that needs a password",
        ),
        (
            fpdf_bytes(None),
            "unreadable",
            "has no extractable text (a scanned PDF needs OCR first)",
        ),
    ],
    ids=["empty", "garbage", "truncated-half", "truncated-header", "encrypted", "no-text"],
)
def test_broken_pdfs_give_one_clear_error(data: bytes, kind: str, reason: str) -> None:
    """Every broken PDF gets a kind a batch can count and a reason a person understands."""
    assert refusal(data) == ("<bytes>", kind, reason)


def test_a_pdf_protected_only_against_editing_is_read() -> None:
    """An owner password alone restricts editing, not reading: the text is still there."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(0, 10, "Closure notice for the hall")
    pdf.set_encryption(owner_password="owner")
    assert load(bytes(pdf.output())).text == "Closure notice for the hall"


def test_a_text_file_named_pdf_is_read_as_text(tmp_path: Path) -> None:
    """A text copy saved as .pdf is sniffed from its bytes and read as text."""
    path = tmp_path / "report.pdf"
    path.write_bytes((REPORTS / "eastmoor-2025.txt").read_bytes())
    document = load(path)
    assert document.source.format == "text"
    assert document.text == load(REPORTS / "eastmoor-2025.txt").text


def test_the_real_html_page_saved_as_pdf_loads_as_html() -> None:
    """The Ofsted corpus has an error page saved under a .pdf name (gold kind not_a_pdf)."""
    path = OFSTED / "pdfs/ilacs/80490_bromley/children's services inspection - 17 august 2012.pdf"
    if not path.exists():
        pytest.skip("../shared/corpus/ofsted is not available")
    document = load(path)
    assert document.source.format == "html"
    assert document.source.size == 7116
    assert extract(path).kind == "other"


# --------------------------------------------------------------------------- library inputs


def test_extract_reads_a_path_bytes_and_a_file_object_alike() -> None:
    """The same report as a path, as bytes and as an open file gives the same record."""
    path = REPORTS / "eastmoor-2025.pdf"
    by_path = extract(path)
    by_bytes = extract(path.read_bytes())
    with path.open("rb") as file:
        by_file = extract(file)
    unnamed = extract(io.BytesIO(path.read_bytes()))
    assert by_bytes.source.path == "<bytes>"
    assert by_file.source.path == str(path)
    assert unnamed.source.path == "<stream>"
    for record in (by_bytes, by_file, unnamed):
        assert record.model_dump(exclude={"source"}) == by_path.model_dump(exclude={"source"})
        assert record.source.sha256 == by_path.source.sha256


def test_a_text_mode_file_is_a_usage_error() -> None:
    """A file opened without 'b' is a programming mistake, reported as one."""
    with (
        (REPORTS / "eastmoor-2025.txt").open(encoding="utf-8") as file,
        pytest.raises(TypeError, match="binary mode"),
    ):
        load(file)  # type: ignore[arg-type]


def test_check_takes_a_path_or_a_record() -> None:
    """check(path) reads the report and gives the same findings as check(record)."""
    path = FIXTURES / "checks" / "standard-unknown.txt"
    by_path = check(path)
    assert [finding.code for finding in by_path] == ["standard-unknown", "rated-count"]
    assert by_path == check(extract(path, Options(checks=False)))
    assert by_path == extract(path).findings
    assert check(path.read_bytes()) == by_path


def test_check_of_an_article_finds_nothing_of_its_own() -> None:
    """Articles have no ratings rules; check_against compares them with their report."""
    article = FIXTURES / "articles" / "002-blackpool-yjs-2025-local-news.txt"
    assert check(article) == []


def test_check_of_an_unreadable_path_raises_the_plain_error() -> None:
    """check(path) fails like extract(path): one ExtractorError naming the file."""
    with pytest.raises(ExtractorError, match="is empty"):
        check(FIXTURES / "broken" / "empty.txt")
