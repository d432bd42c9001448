"""Pdfium's calls over addresses read what pypdfium2's typed bindings read: lines and paths."""

from __future__ import annotations

import ctypes
import re
import sys
import threading
from functools import cache
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.readers.pdf import PDFIUM, read_pdf
from extractor.readers.pdf_calls import (
    Handle,
    calls,
    char_indexes,
    four_floats,
    page_text,
    text_ends,
)
from extractor.readers.pdf_lines import (
    BULLET,
    NUMBERED,
    Line,
    _middle,
    _run,
    _visual_lines,
    bullet,
    page_lines,
)
from extractor.readers.pdf_tables import _path_bounds

ROOT = Path(__file__).resolve().parents[1]
OFSTED = ROOT.parent / "shared" / "corpus" / "ofsted" / "pdfs"
FIXTURES = [
    path for path in sorted((ROOT / "fixtures").rglob("*.pdf")) if "broken" not in path.parts
]
GENERATED = 4
"""Benchmark reports rendered for the comparison (benchmarks/generate.py), by seed."""


def _type(textpage: pdfium.PdfTextPage, index: int) -> tuple[float, bool]:
    """A character's size and weight read through pypdfium2's bindings, nothing cached."""
    size = round(float(pdfium_c.FPDFText_GetFontSize(textpage, index)), 1)
    if pdfium_c.FPDFText_GetFontWeight(textpage, index) >= 600:
        return size, True
    name = ctypes.create_string_buffer(1024)
    length = pdfium_c.FPDFText_GetFontInfo(textpage, index, name, 1024, ctypes.c_int())
    lowered = name.value.lower() if length else b""
    return size, b"bold" in lowered or b"black" in lowered


def _reference_lines(textpage: pdfium.PdfTextPage) -> list[Line]:
    """A page's lines read one typed call at a time: loose boxes, then the run's sampled type."""
    lines: list[Line] = []
    index = 0
    for raw, separator in _visual_lines(textpage.get_text_range()):
        stripped = raw.rstrip()
        if stripped:
            left, bottom, _, top = textpage.get_charbox(
                index + len(raw) - len(raw.lstrip()), loose=True
            )
            right = textpage.get_charbox(index + len(stripped) - 1, loose=True)[2]
            first, last = _run(stripped)
            head, tail = _type(textpage, index + first), _type(textpage, index + last)
            middle = (
                _type(textpage, index + _middle(stripped, first, last)) if head != tail else head
            )
            size = head[0] if tail[0] == head[0] else middle[0]
            bold = head[1] if tail[1] == head[1] else middle[1]
            text = stripped.replace("\x02", "-").replace("\ufffe", "-")
            lines.append(Line(text, left, right, bottom, top, size, bold))
        index += len(raw) + separator
    return lines


@cache
def _generated(seed: int) -> bytes:
    """A benchmark report's PDF, rendered as benchmarks/generate.py renders its inputs."""
    if str(ROOT / "benchmarks") not in sys.path:
        sys.path.insert(0, str(ROOT / "benchmarks"))
    import generate

    return generate.render_pdf(generate.make_report(seed, chapters=seed % 3, depth=1 + seed % 4))


def _inputs() -> list[Path | int]:
    """The fixture PDFs, benchmark reports (by seed), some Ofsted PDFs where they are at hand."""
    ofsted = sorted(OFSTED.glob("*.pdf"))[:6] if OFSTED.is_dir() else []
    return [*FIXTURES, *range(GENERATED), *ofsted]


@pytest.mark.parametrize("source", _inputs(), ids=str)
def test_lines_and_paths_read_as_the_typed_bindings_read_them(source: Path | int) -> None:
    """Every page's lines (boxes, sizes, weights), text and path bounds are the typed reading's."""
    pdf = pdfium.PdfDocument(_generated(source) if isinstance(source, int) else source)
    try:
        for page in pdf:
            textpage = page.get_textpage()
            assert page_lines(textpage.raw) == _reference_lines(textpage)
            assert page_text(textpage.raw) == textpage.get_text_range()
            typed = [
                obj.get_bounds() for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH])
            ]
            assert sorted(_path_bounds(page.raw)) == sorted(typed)
    finally:
        pdf.close()


def test_the_fixtures_hold_lines_of_several_types_and_ruled_paths() -> None:
    """The comparison above sees bold lines, several sizes and path objects, not blank pages."""
    pdf = pdfium.PdfDocument(ROOT / "fixtures" / "reports" / "kelmouth-2022.pdf")
    textpages = [page.get_textpage() for page in pdf]  # kept: a closed text page reads garbage
    lines = [line for textpage in textpages for line in page_lines(textpage.raw)]
    paths = [bounds for page in pdf for bounds in _path_bounds(page.raw)]
    assert any(line.bold for line in lines) and len({line.size for line in lines}) >= 3
    assert len(lines) > 100 and paths


@given(st.text(alphabet=" •▪1.)(a_é²-x\t", max_size=16))
def test_a_run_spans_the_first_to_the_last_letter_or_digit_after_a_bullet(text: str) -> None:
    """What str.isalnum accepts bounds the run, a bullet's mark (not a number) left out."""
    mark = BULLET.match(text)
    offset = mark.end() if mark and not NUMBERED.match(text) else 0
    letters = [index for index in range(offset, len(text)) if text[index].isalnum()]
    lead = len(text) - len(text.lstrip())
    assert _run(text) == ((letters[0], letters[-1]) if letters else (lead, lead))


def test_a_pdf_read_waits_while_another_thread_is_in_pdfium() -> None:
    """Threads (Dask's) may read PDFs at once; pdfium, not thread-safe, lets one in at a time."""
    data = FIXTURES[0].read_bytes()
    pages: list[int] = []
    reader = threading.Thread(target=lambda: pages.append(read_pdf(data)[0]))
    with PDFIUM:  # as another read holds it
        reader.start()
        reader.join(timeout=1)
        assert reader.is_alive() and not pages
    reader.join(timeout=60)
    assert pages == [len(pdfium.PdfDocument(data))]


def test_bare_calls_give_handles_that_pass_on_and_fail_false() -> None:
    """An object comes back as a handle the next call takes as is; none at all is false."""
    c = calls()
    pdf = pdfium.PdfDocument(_generated(0))
    try:
        page = pdf[0]
        count = c.count_objects(page.raw)
        objects = [c.page_object(page.raw, index) for index in range(count)]
        assert count > 0 and all(isinstance(obj, Handle) and obj for obj in objects)
        kinds = [c.object_type(obj) for obj in objects]
        assert kinds == [obj.type for obj in page.get_objects(max_depth=0)]
        assert not c.page_object(page.raw, count + 5)
    finally:
        pdf.close()


def test_no_letter_opens_a_list_item() -> None:
    """Every letter of Unicode, before a space and words, fails the list mark's expression."""
    letters = (chr(code) for code in range(sys.maxunicode + 1) if chr(code).isalpha())
    assert not any(BULLET.match(f"{letter} item") for letter in letters)


@given(st.text(alphabet="•-–*■➢\uf0b7(a1).) \tAbé12", max_size=12))
def test_bullet_finds_what_the_expression_finds(text: str) -> None:
    """Skipping lines that open with a letter changes no line's list mark."""
    found, expected = bullet(text), BULLET.match(text)
    assert (found and found.span()) == (expected and expected.span())


def _rows_one_by_one(text: str) -> list[tuple[str, int]]:
    """Pdfium's lines as they were read before: every row looked at for a hyphen mark."""
    lines: list[tuple[str, int]] = []
    for row in text.split("\r\n"):
        if "\ufffe" in row or "\x02" in row:
            parts = re.split("(?<=[\x02\ufffe])", row)
            lines += [(part, 0) for part in parts[:-1]]
            row = parts[-1]
        lines.append((row, 2))
    return lines


@given(st.lists(st.sampled_from(["a", "b c", "\r\n", "multi\ufffe", "x\x02", "\r", "\n", ""])))
def test_a_page_without_hyphen_marks_is_its_rows(pieces: list[str]) -> None:
    """A page's rows are the lines whether or not a mark sends them the long way."""
    text = "".join(pieces)
    assert list(_visual_lines(text)) == _rows_one_by_one(text)


def test_threads_reading_at_once_read_what_one_thread_reads() -> None:
    """Dask's threads may each read PDFs: the pages, lines and tables are one thread's."""
    from concurrent.futures import ThreadPoolExecutor

    datas = [path.read_bytes() for path in FIXTURES] * 3
    alone = [read_pdf(data) for data in datas]
    with ThreadPoolExecutor(4) as threads:
        assert list(threads.map(read_pdf, datas)) == alone
    assert sum(count for count, _ in alone) > 3 * len(FIXTURES)


@given(st.lists(st.floats(width=32, allow_nan=False), min_size=4, max_size=4))
def test_four_floats_read_what_slicing_the_buffer_reads(values: list[float]) -> None:
    """One unpack of a box's buffer gives the floats, in order, that slicing the array gave."""
    box = (ctypes.c_float * 4)(*values)
    assert four_floats(box) == tuple(box[:]) == tuple(values)


@pytest.mark.parametrize("source", [*FIXTURES[:4], 0, 1], ids=str)
def test_text_and_places_read_with_the_ends_given_are_those_read_alone(source: Path | int) -> None:
    """A page's text ends, read once and passed on, give the text and places each read itself."""
    pdf = pdfium.PdfDocument(_generated(source) if isinstance(source, int) else source)
    try:
        for page in pdf:
            kept = page.get_textpage()  # kept: a closed text page reads garbage
            textpage = kept.raw
            ends = text_ends(textpage)
            text = page_text(textpage)
            assert page_text(textpage, ends) == text
            assert char_indexes(textpage, text, ends) == char_indexes(textpage, text)
    finally:
        pdf.close()
