"""Tables on PDF pages: ruled ones from pdfium's path objects, unruled ones by pdfplumber."""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from itertools import pairwise
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pypdfium2 as pdfium

_FORM_DEPTH = 15
"""How deep form XObjects are looked into for paths (pypdfium2's own limit)."""


@dataclass(slots=True)
class Table:
    """A table found on a page: its box (top-origin coordinates) and its cell texts."""

    top: float
    bottom: float
    left: float
    right: float
    rows: tuple[tuple[str, ...], ...]


def ruled_tables(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> list[Table]:
    """Tables drawn with ruling lines or cell rectangles, read from pdfium's path objects.

    Rows lie between consecutive horizontal rulings; within a row, cells lie between the
    vertical rulings that cross it, so a cell merged across columns stays one cell.
    """
    horizontals, verticals = _rulings(page)
    height = page.get_height()
    levels = _cluster(sorted(y for y, _, _ in horizontals))
    tables: list[Table] = []
    rows: list[tuple[float, float, list[tuple[float, float]]]] = []
    for upper, lower in pairwise(sorted(levels, reverse=True)):
        middle = (upper + lower) / 2
        edges = _cluster(sorted(x for x, low, high in verticals if low - 1 <= middle <= high + 1))
        if upper - lower < 4 or len(edges) < 2:
            tables.extend(_table(rows, textpage, height))
            rows = []
            continue
        rows.append((upper, lower, list(pairwise(edges))))
    tables.extend(_table(rows, textpage, height))
    return tables


def _rulings(
    page: pdfium.PdfPage,
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


def _path_bounds(page: pdfium.PdfPage) -> list[tuple[float, float, float, float]]:
    """(left, bottom, right, top) of every path object, in form XObjects too, by pdfium's C calls.

    pypdfium2's object helpers wrap every object on the page, text included, in Python objects.
    """
    import pypdfium2.raw as pdfium_c

    bounds: list[tuple[float, float, float, float]] = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    pending: list[tuple[Any, bool, int]] = [(page.raw, False, 0)]
    while pending:
        parent, form, depth = pending.pop()
        count = (pdfium_c.FPDFFormObj_CountObjects if form else pdfium_c.FPDFPage_CountObjects)(
            parent
        )
        get = pdfium_c.FPDFFormObj_GetObject if form else pdfium_c.FPDFPage_GetObject
        for index in range(max(count, 0)):
            obj = get(parent, index)
            kind = pdfium_c.FPDFPageObj_GetType(obj) if obj else None
            if kind == pdfium_c.FPDF_PAGEOBJ_PATH and pdfium_c.FPDFPageObj_GetBounds(
                obj, left, bottom, right, top
            ):
                bounds.append((left.value, bottom.value, right.value, top.value))
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < _FORM_DEPTH - 1:
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
    textpage: pdfium.PdfTextPage,
    height: float,
) -> list[Table]:
    """A run of ruled rows as one table, cell texts read inside each cell's box."""
    if not rows or (len(rows) == 1 and len(rows[0][2]) < 2):
        return []
    texts = tuple(
        tuple(
            cell
            for left, right in cells
            if (
                cell := " ".join(
                    textpage.get_text_bounded(left + 1, lower + 1, right - 1, upper - 1).split()
                )
            )
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


def plumber_tables(data: bytes, numbers: set[int]) -> dict[int, list[Table]]:
    """Tables on pages that draw no lines, read by pdfplumber from the layout of their text."""
    import pdfplumber

    settings = {"vertical_strategy": "text", "horizontal_strategy": "text"}
    found: dict[int, list[Table]] = {}
    with pdfplumber.open(BytesIO(data)) as pdf:
        for number in sorted(numbers):
            page = pdf.pages[number - 1]
            found[number] = [
                Table(
                    top=table.bbox[1],
                    bottom=table.bbox[3],
                    left=table.bbox[0],
                    right=page.width,
                    rows=tuple(row for row in (_row_texts(page, r) for r in table.rows) if row),
                )
                for table in page.find_tables(settings)
                if len(table.columns) >= 2
            ]
            page.close()
    return found


def _row_texts(page: Any, row: Any) -> tuple[str, ...]:
    """A row's cell texts, each from the characters whose centres lie in the cell.

    The last cell runs to the page's edge: text-aligned columns end at the narrowest column's
    words and would clip a wider header ('% Yes').
    """
    boxes = [box for box in row.cells if box is not None]
    texts = []
    for position, (left, top, right, bottom) in enumerate(boxes):
        end = page.width if position == len(boxes) - 1 else right
        cell = page.filter(_centred_in((left, top, end, bottom)))
        text = " ".join((cell.extract_text() or "").split())
        if text:
            texts.append(text)
    return tuple(texts)


def _centred_in(box: tuple[float, float, float, float]) -> Callable[[dict[str, Any]], bool]:
    """Whether a pdfplumber object's centre lies inside a (left, top, right, bottom) box."""

    def inside(obj: dict[str, Any]) -> bool:
        middle_x = (float(obj["x0"]) + float(obj["x1"])) / 2
        middle_y = (float(obj["top"]) + float(obj["bottom"])) / 2
        return box[0] <= middle_x < box[2] and box[1] <= middle_y < box[3]

    return inside
