"""Tables on PDF pages: ruled ones from pdfium's path objects, unruled ones by pdfplumber."""

from __future__ import annotations

import ctypes
from codecs import decode
from contextlib import suppress
from dataclasses import dataclass
from functools import cached_property
from io import BytesIO
from itertools import pairwise
from operator import itemgetter
from typing import Any

from extractor.readers.pdf_calls import address, calls, char_count, four_floats, utf16_buffer

_FORM_DEPTH = 15
"""How deep form XObjects are looked into for paths (pypdfium2's own limit)."""
_COLUMN_GAP = 1.5
"""Two words this many text heights apart on one line stand in two columns."""
_WRAP = 0.8
"""Text heights of space, at most, between a row and a line that carries on its cells."""
_ROW_GAP = 1.6
"""Text heights of space, at most, between two rows of one table."""
_FOOT = 0.92
"""Below this share of the page's height lie its footer and page number."""


@dataclass(slots=True)
class Table:
    """A table found on a page: its box (top-origin coordinates) and its cell texts."""

    top: float
    bottom: float
    left: float
    right: float
    rows: tuple[tuple[str, ...], ...]


def ruled_tables(page: Any, textpage: Any, height: float) -> list[Table]:
    """Tables drawn with ruling lines or cell rectangles, read from pdfium's path objects.

    The page and its text page are pdfium's handles, height the page's. Rows lie between
    consecutive horizontal rulings; within a row, cells lie between the vertical rulings that
    cross it, so a cell merged across columns stays one cell.
    """
    horizontals, verticals = _rulings(page)
    read = _BoundedText(textpage)
    levels = _cluster(sorted(y for y, _, _ in horizontals))
    verticals.sort(key=itemgetter(0))  # left to right: the rulings crossing a row come sorted
    tables: list[Table] = []
    rows: list[tuple[float, float, list[tuple[float, float]]]] = []
    for upper, lower in pairwise(sorted(levels, reverse=True)):
        middle = (upper + lower) / 2
        edges = _cluster([x for x, low, high in verticals if low - 1 <= middle <= high + 1])
        if upper - lower < 4 or len(edges) < 2:
            tables.extend(_table(rows, read, height))
            rows = []
            continue
        rows.append((upper, lower, list(pairwise(edges))))
    tables.extend(_table(rows, read, height))
    return tables


def _rulings(
    page: Any,
) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """Horizontal (y, x0, x1) and vertical (x, y0, y1) rulings: thin paths and rectangle edges."""
    horizontals: list[tuple[float, float, float]] = []
    verticals: list[tuple[float, float, float]] = []
    for left, bottom, right, top in _path_bounds(page):
        wide, tall = right - left > 3, top - bottom > 3
        if wide and not tall:
            horizontals.append(((bottom + top) / 2, left, right))
        elif tall and not wide:
            verticals.append(((left + right) / 2, bottom, top))
        elif wide and tall:
            horizontals += [(bottom, left, right), (top, left, right)]
            verticals += [(left, bottom, top), (right, bottom, top)]
    return horizontals, verticals


def _path_bounds(page: Any) -> list[tuple[float, float, float, float]]:
    """(left, bottom, right, top) of every path object, in form XObjects too, by pdfium's C calls.

    The page is pdfium's handle.

    pypdfium2's object helpers wrap every object on the page, text included, in Python objects;
    the bare calls here pass handles as they come, and pdfium writes the four bounds into one
    array.
    """
    import pypdfium2.raw as pdfium_c

    c = calls()
    path, form = pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM
    bounds: list[tuple[float, float, float, float]] = []
    box = (ctypes.c_float * 4)()
    corners = tuple(ctypes.byref(box, offset) for offset in (0, 4, 8, 12))
    pending: list[tuple[Any, bool, int]] = [(page, False, 0)]
    while pending:
        parent, in_form, depth = pending.pop()
        count = (c.count_form_objects if in_form else c.count_objects)(parent)
        get = c.form_object if in_form else c.page_object
        for index in range(max(count, 0)):
            obj = get(parent, index)
            if not obj:
                continue
            kind = c.object_type(obj)
            if kind == path and c.bounds(obj, *corners):
                bounds.append(four_floats(box))
            elif kind == form and depth < _FORM_DEPTH - 1:
                pending.append((obj, True, depth + 1))
    return bounds


def _cluster(values: list[float], tolerance: float = 2.0) -> list[float]:
    """Sorted positions with near neighbours (a stroke's two sides) merged into one."""
    merged: list[float] = []
    for value in values:
        if merged and value - merged[-1] <= tolerance:
            continue
        merged.append(value)
    return merged


def _table(
    rows: list[tuple[float, float, list[tuple[float, float]]]],
    read: _BoundedText,
    height: float,
) -> list[Table]:
    """A run of ruled rows as one table, cell texts read inside each cell's box."""
    if not rows or (len(rows) == 1 and len(rows[0][2]) < 2):
        return []
    texts = tuple(
        tuple(
            cell
            for left, right in cells
            if (cell := " ".join(read(left + 1, lower + 1, right - 1, upper - 1).split()))
        )
        for upper, lower, cells in rows
    )
    return [
        Table(
            top=height - rows[0][0],
            bottom=height - rows[-1][1],
            left=min(cells[0][0] for _, _, cells in rows),
            right=max(cells[-1][1] for _, _, cells in rows),
            rows=tuple(row for row in texts if row),
        )
    ]


class _BoundedText:
    """The text inside a box of a page, one C call per box into a buffer made once.

    pypdfium2's get_text_bounded asks pdfium twice per box (for the length, then the text), and
    each ask walks every character of the page.
    """

    def __init__(self, textpage: Any) -> None:
        """The text page to read, pdfium's handle; its buffer is made at the first box."""
        self.read = calls().bounded_text
        self.textpage = textpage
        self.page = address(textpage)

    @cached_property
    def buffer(self) -> ctypes.Array[ctypes.c_ushort]:
        """A buffer for any box's text: pdfium adds at most a line break per character."""
        return utf16_buffer(4 * char_count(self.textpage) + 8)

    def __call__(self, left: float, bottom: float, right: float, top: float) -> str:
        """The text pdfium finds in the box, as pypdfium2's get_text_bounded returns it.

        Pdfium writes the text and a terminating NUL. Text with a character outside the Basic
        Multilingual Plane is read the long way: pypdfium2 reads as many UTF-16 units as pdfium
        counts characters, which such a character can make fewer than the text has.
        """
        buffer = self.buffer
        at = ctypes.addressof(buffer)
        count = self.read(self.page, left, top, right, bottom, at, len(buffer))
        if 0 < count < len(buffer) and buffer[count - 1] == 0:
            text = decode(memoryview(buffer)[: count - 1], "utf-16-le", errors="ignore")
            if len(text) == count - 1:
                return text
        return self.long_way(left, bottom, right, top)

    def long_way(self, left: float, bottom: float, right: float, top: float) -> str:
        """The text in the box as pypdfium2's get_text_bounded reads it: length, then the text."""
        import pypdfium2.raw as pdfium_c

        box = (self.textpage, left, top, right, bottom)
        count = pdfium_c.FPDFText_GetBoundedText(*box, None, 0)
        if count <= 0:
            return ""
        units = (ctypes.c_ushort * count)()
        pdfium_c.FPDFText_GetBoundedText(*box, units, count)
        return decode(units, "utf-16-le", errors="ignore")


def plumber_tables(data: bytes, numbers: set[int]) -> dict[int, list[Table]]:
    """Tables on pages that draw no lines, read from where pdfplumber puts their words.

    A table is a run of lines set in columns (two words far apart on one line), so the prose
    around it stays prose; a line close under a row is that row's cells wrapped ('Requires' /
    'improvement'), a one-cell line between rows a label row ('Work with children'). A page
    pdfplumber cannot read keeps its lines (see `_words`).
    """
    import pdfplumber

    found: dict[int, list[Table]] = {}
    try:
        pdf = pdfplumber.open(BytesIO(data))
    except MemoryError:
        raise
    except Exception:  # pdfminer refused what pdfium read: the pages keep their lines
        return found
    try:
        for number in sorted(numbers):
            read = _words(pdf, number)
            if read is None:
                continue
            words, width, height = read
            found[number] = [
                Table(
                    top=rows[0].top,
                    bottom=rows[-1].bottom,
                    left=min(row.cells[0][0] for row in rows),
                    right=width,
                    rows=tuple(tuple(text for _, _, text in row.cells) for row in rows),
                )
                for rows in _column_runs(_text_lines(words), height)
            ]
    finally:
        with suppress(Exception):  # closing lists the pages again, as a damaged one cannot
            pdf.close()
    return found


def _words(pdf: Any, number: int) -> tuple[list[dict[str, Any]], float, float] | None:
    """A page's words, width and height as pdfplumber reads them; None where it cannot.

    pdfminer, under pdfplumber, is stricter than pdfium about a damaged document (a media box
    that is no box, a rotation that is no number) and may find fewer pages (one listed twice);
    it raises anything then, and pdfium has read the page's text already.
    """
    try:
        page = pdf.pages[number - 1]
        try:
            return page.extract_words(), page.width, page.height
        finally:
            page.close()
    except MemoryError:
        raise
    except Exception:
        return None


@dataclass(slots=True)
class _TextLine:
    """A line of words, its cells split where two words lie far apart: (left, right, text)."""

    top: float
    bottom: float
    height: float
    cells: list[tuple[float, float, str]]


def _text_lines(words: list[dict[str, Any]]) -> list[_TextLine]:
    """A page's lines from its words, top to bottom, each split into cells at the wide gaps."""
    grouped: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda word: word["top"]):
        if grouped and word["top"] - grouped[-1][0]["top"] < 2:
            grouped[-1].append(word)
        else:
            grouped.append([word])
    lines = []
    for words in grouped:
        words.sort(key=lambda word: word["x0"])
        height = max(word["bottom"] - word["top"] for word in words)
        cells: list[tuple[float, float, str]] = []
        for word in words:
            if cells and word["x0"] - cells[-1][1] < _COLUMN_GAP * height:
                left, _, text = cells[-1]
                cells[-1] = (left, word["x1"], f"{text} {word['text']}")
            else:
                cells.append((word["x0"], word["x1"], word["text"]))
        top, bottom = min(w["top"] for w in words), max(w["bottom"] for w in words)
        lines.append(_TextLine(top, bottom, height, cells))
    return lines


def _column_runs(lines: list[_TextLine], height: float) -> list[list[_TextLine]]:
    """Runs of two or more rows set in columns, with their wrapped lines and label rows.

    A run opens at a line set in columns: a paragraph just above a table is not its row. One
    row will do at the foot of the page, where a table's header row is left by a page break.
    """
    runs: list[list[_TextLine]] = []
    rows: list[_TextLine] = []
    confirmed = 0  # rows up to the last one set in columns; one-cell rows after it are prose
    for line in lines:
        gap = line.top - rows[-1].bottom if rows else float("inf")
        if rows and gap < _WRAP * line.height and _wraps(rows[-1], line):
            _merge(rows[-1], line)
        elif rows and gap <= _ROW_GAP * line.height:
            rows.append(line)
        else:
            runs.append(rows[:confirmed])
            rows, confirmed = ([line], 0) if len(line.cells) >= 2 else ([], 0)
        if rows and len(rows[-1].cells) >= 2:
            confirmed = len(rows)
    runs.append(rows[:confirmed])
    foot = max((line.top for line in lines if line.top < height * _FOOT), default=0.0)
    return [
        run
        for run in runs
        if sum(len(row.cells) >= 2 for row in run) >= 2 or (run and run[-1].top >= foot)
    ]


def _wraps(row: _TextLine, line: _TextLine) -> bool:
    """Whether a line close under a row carries on its cells rather than opening a row.

    One cell always does; cells in columns do when the row's first cell ends mid-sentence
    and the line's opens in lower case.
    """
    if len(line.cells) == 1:
        return True
    first, opening = row.cells[0][2], line.cells[0][2]
    return opening[:1].islower() and not first.endswith((".", "?", ":", "!"))


def _merge(row: _TextLine, line: _TextLine) -> None:
    """A wrapped line's cells added to the cells of the row they lie under."""
    for left, right, text in line.cells:
        index = max(
            (i for i, cell in enumerate(row.cells) if cell[0] <= left + 2 * line.height),
            default=0,
        )
        start, end, before = row.cells[index]
        row.cells[index] = (start, max(end, right), f"{before} {text}")
    row.bottom = line.bottom
