"""Pdfium's C functions that the PDF reader calls per line, cell or page object, over addresses.

pypdfium2's bindings pass every argument through a typed pointer class and wrap every pointer
they return in a new Python object, which on a small page costs more than pdfium's own work.
The same C functions, declared here over plain addresses (ints), skip both; the reader calls
them tens of thousands of times a document. Handles still come from pypdfium2, which owns them.
"""

from __future__ import annotations

from collections.abc import Callable
from ctypes import CFUNCTYPE, c_double, c_int, c_ulong, c_void_p, cast
from dataclasses import dataclass
from functools import cache
from typing import Any


@dataclass(frozen=True, slots=True)
class Calls:
    """The C functions, each taking handles and buffers as addresses and giving ints or floats."""

    loose_box: Callable[[int, int, int], int]
    """FPDFText_GetLooseCharBox(textpage, index, FS_RECTF address): nonzero when read."""
    text_object: Callable[[int, int], int | None]
    """FPDFText_GetTextObject(textpage, index): the character's text object, None if it has none."""
    font_size: Callable[[int, int], float]
    """FPDFText_GetFontSize(textpage, index)."""
    font: Callable[[int], int | None]
    """FPDFTextObj_GetFont(text object): its font, None if it has none."""
    bounded_text: Callable[[int, float, float, float, float, Any, int], int]
    """FPDFText_GetBoundedText(textpage, left, top, right, bottom, buffer, its length)."""
    count_objects: Callable[[int], int]
    """FPDFPage_CountObjects(page)."""
    page_object: Callable[[int, int], int | None]
    """FPDFPage_GetObject(page, index)."""
    count_form_objects: Callable[[int], int]
    """FPDFFormObj_CountObjects(form object)."""
    form_object: Callable[[int, int], int | None]
    """FPDFFormObj_GetObject(form object, index)."""
    object_type: Callable[[int], int]
    """FPDFPageObj_GetType(page object)."""
    bounds: Callable[[int, int, int, int, int], int]
    """FPDFPageObj_GetBounds(page object, &left, &bottom, &right, &top): nonzero when read."""


def address(handle: Any) -> int:
    """The address a pypdfium2 handle (a typed ctypes pointer) holds."""
    value = cast(handle, c_void_p).value
    if value is None:
        raise ValueError("a NULL pdfium handle")
    return value


@cache
def calls() -> Calls:
    """The functions, declared once per process from the addresses pypdfium2 loaded them at."""
    import pypdfium2.raw as pdfium_c

    def declare(function: Any, result: Any, *arguments: Any) -> Any:
        """The C function at the same address, with plain ctypes for arguments and result."""
        return CFUNCTYPE(result, *arguments)(address(function))

    return Calls(
        loose_box=declare(pdfium_c.FPDFText_GetLooseCharBox, c_int, c_void_p, c_int, c_void_p),
        text_object=declare(pdfium_c.FPDFText_GetTextObject, c_void_p, c_void_p, c_int),
        font_size=declare(pdfium_c.FPDFText_GetFontSize, c_double, c_void_p, c_int),
        font=declare(pdfium_c.FPDFTextObj_GetFont, c_void_p, c_void_p),
        bounded_text=declare(
            pdfium_c.FPDFText_GetBoundedText,
            c_int,
            c_void_p,
            *(c_double,) * 4,
            c_void_p,
            c_int,
        ),
        count_objects=declare(pdfium_c.FPDFPage_CountObjects, c_int, c_void_p),
        page_object=declare(pdfium_c.FPDFPage_GetObject, c_void_p, c_void_p, c_int),
        count_form_objects=declare(pdfium_c.FPDFFormObj_CountObjects, c_int, c_void_p),
        form_object=declare(pdfium_c.FPDFFormObj_GetObject, c_void_p, c_void_p, c_ulong),
        object_type=declare(pdfium_c.FPDFPageObj_GetType, c_int, c_void_p),
        bounds=declare(pdfium_c.FPDFPageObj_GetBounds, c_int, *(c_void_p,) * 5),
    )
