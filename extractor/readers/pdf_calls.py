"""Pdfium's C functions the PDF reader calls per line, cell or page object, and its pages.

pypdfium2's bindings pass every argument through a typed pointer class and wrap every pointer
they return in a new Python object, which on a small page costs more than pdfium's own work.
The same C functions are declared here without argument types, so ctypes converts no argument
through a Python-level `from_param` call: a handle goes in as a ctypes pointer made once (a
pypdfium2 handle itself, or a `Handle` these functions return), an index as an int. The reader
calls them tens of thousands of times a document. The document comes from pypdfium2, which
owns it; each page and its text page are opened and closed here (`pages`), through the raw
bindings pypdfium2 ships, and their text read as pypdfium2 reads it (`page_text`).

They are declared as Python-API functions (ctypes' PYFUNCTYPE), which keep the GIL through the
call: each call is short, and the reader holds its own lock on pdfium anyway, so releasing and
taking the GIL again around each would cost more than the call.
"""

from __future__ import annotations

import struct
from codecs import decode
from collections.abc import Callable, Generator
from ctypes import PYFUNCTYPE, c_double, c_int, c_ulong, c_ushort, c_void_p, cast
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import ctypes

    import pypdfium2 as pdfium


four_floats: Callable[[Any], tuple[float, float, float, float]] = struct.Struct("4f").unpack_from
"""The four floats of a `c_float * 4` buffer pdfium wrote a box into, read at once: slicing the
ctypes array costs about twice as much."""
eight_floats: Callable[[Any], tuple[float, ...]] = struct.Struct("8f").unpack_from
"""The eight floats of a `c_float * 8` buffer holding two boxes, read at once."""


class Handle(c_void_p):
    """A pdfium object as a function here returns it: passed on as is, false when NULL.

    A subclass, so ctypes keeps the result a ctypes object rather than turning it into an int
    that the next call would have to wrap again.
    """


@dataclass(frozen=True, slots=True)
class Calls:
    """The C functions: handles and buffers go in as ctypes objects, indices as ints."""

    loose_box: Callable[[Any, int, Any], int]
    """FPDFText_GetLooseCharBox(textpage, index, FS_RECTF buffer): nonzero when read."""
    text_object: Callable[[Any, int], int | None]
    """FPDFText_GetTextObject(textpage, index): the character's text object's address, None if
    it has none (an int: a page's objects are told apart by it)."""
    font_size: Callable[[Any, int], float]
    """FPDFText_GetFontSize(textpage, index)."""
    font_weight: Callable[[Any, int], int]
    """FPDFText_GetFontWeight(textpage, index): -1 when unread."""
    font_info: Callable[[Any, int, Any, int, Any], int]
    """FPDFText_GetFontInfo(textpage, index, name buffer, its length, &flags): the name's
    length with its NUL, 0 when unread."""
    font: Callable[[int], int | None]
    """FPDFTextObj_GetFont(text object's address): its font's address, None if it has none;
    declared with argument types, so the address goes in as a pointer."""
    bounded_text: Callable[[int, float, float, float, float, Any, int], int]
    """FPDFText_GetBoundedText(textpage, left, top, right, bottom, buffer, its length); declared
    with argument types, as a box's sides must go in as doubles whatever number they are."""
    count_objects: Callable[[Any], int]
    """FPDFPage_CountObjects(page)."""
    page_object: Callable[[Any, int], Handle]
    """FPDFPage_GetObject(page, index)."""
    count_form_objects: Callable[[Any], int]
    """FPDFFormObj_CountObjects(form object)."""
    form_object: Callable[[Any, int], Handle]
    """FPDFFormObj_GetObject(form object, index); declared with argument types, as the index
    is an unsigned long."""
    object_type: Callable[[Any], int]
    """FPDFPageObj_GetType(page object)."""
    bounds: Callable[[Any, Any, Any, Any, Any], int]
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

    def bare(function: Any, result: Any) -> Any:
        """The C function at the same address, its arguments passed as they come."""
        return PYFUNCTYPE(result)(address(function))

    def typed(function: Any, result: Any, *arguments: Any) -> Any:
        """The C function at the same address, each argument converted to its C type."""
        return PYFUNCTYPE(result, *arguments)(address(function))

    return Calls(
        loose_box=bare(pdfium_c.FPDFText_GetLooseCharBox, c_int),
        text_object=bare(pdfium_c.FPDFText_GetTextObject, c_void_p),
        font_size=bare(pdfium_c.FPDFText_GetFontSize, c_double),
        font_weight=bare(pdfium_c.FPDFText_GetFontWeight, c_int),
        font_info=bare(pdfium_c.FPDFText_GetFontInfo, c_ulong),
        font=typed(pdfium_c.FPDFTextObj_GetFont, c_void_p, c_void_p),
        bounded_text=typed(
            pdfium_c.FPDFText_GetBoundedText,
            c_int,
            c_void_p,
            *(c_double,) * 4,
            c_void_p,
            c_int,
        ),
        count_objects=bare(pdfium_c.FPDFPage_CountObjects, c_int),
        page_object=bare(pdfium_c.FPDFPage_GetObject, Handle),
        count_form_objects=bare(pdfium_c.FPDFFormObj_CountObjects, c_int),
        form_object=typed(pdfium_c.FPDFFormObj_GetObject, Handle, c_void_p, c_ulong),
        object_type=bare(pdfium_c.FPDFPageObj_GetType, c_int),
        bounds=bare(pdfium_c.FPDFPageObj_GetBounds, c_int),
    )


def pages(pdf: pdfium.PdfDocument) -> Generator[tuple[Any, Any], None, None]:
    """Each page of a document with its text page, as pdfium's handles, both closed once used.

    pypdfium2's page objects each attach a finalizer and register with their document, and
    its text range makes a new ctypes array type per page; a reader that closes what it opens,
    page by page, needs none of that. Close the iterator (`contextlib.closing`) if it is left
    early, so the page in use is closed before the document.
    """
    import pypdfium2.raw as pdfium_c
    from pypdfium2 import PdfiumError

    for index in range(len(pdf)):
        page = pdfium_c.FPDF_LoadPage(pdf, index)
        if not page:
            raise PdfiumError("Failed to load page.")
        try:
            textpage = pdfium_c.FPDFText_LoadPage(page)
            if not textpage:
                raise PdfiumError("Failed to load text page.")
            try:
                yield page, textpage
            finally:
                pdfium_c.FPDFText_ClosePage(textpage)
        finally:
            pdfium_c.FPDF_ClosePage(page)


def char_count(textpage: Any) -> int:
    """The number of characters on a text page (pdfium's handle)."""
    import pypdfium2.raw as pdfium_c
    from pypdfium2 import PdfiumError

    count = int(pdfium_c.FPDFText_CountChars(textpage))
    if count == -1:
        raise PdfiumError("Failed to get character count.")
    return count


@cache
def _units(length: int) -> type[ctypes.Array[ctypes.c_ushort]]:
    """The ctypes array type of so many UTF-16 units, made once per process.

    ctypes keeps only a weak reference to an array type, and makes it again once collected.
    """
    return c_ushort * length


def utf16_buffer(length: int) -> ctypes.Array[ctypes.c_ushort]:
    """A new UTF-16 buffer of at least length units; a power of two, so sizes share a type."""
    return _units(1 << max(length, 1).bit_length())()


def text_ends(textpage: Any) -> tuple[int, int]:
    """The first and last characters pdfium puts in a page's text (first > last when none).

    Characters without Unicode are left out of its text: at either end they are left out of the
    range asked for, as pypdfium2 does (its issue 261).
    """
    import pypdfium2.raw as pdfium_c

    text_index = pdfium_c.FPDFText_GetTextIndexFromCharIndex
    first, last = 0, char_count(textpage) - 1
    while first <= last and text_index(textpage, first) == -1:
        first += 1
    while first <= last and text_index(textpage, last) == -1:
        last -= 1
    return first, last


def page_text(textpage: Any, ends: tuple[int, int] | None = None) -> str:
    """A text page's whole text (pdfium's handle), as pypdfium2's get_text_range() returns it.

    Ends are the page's `text_ends`, if already read.
    """
    import pypdfium2.raw as pdfium_c
    from pypdfium2 import PdfiumError

    first, last = text_ends(textpage) if ends is None else ends
    if first > last:
        return ""
    text_index = pdfium_c.FPDFText_GetTextIndexFromCharIndex
    start, end = int(text_index(textpage, first)), int(text_index(textpage, last))
    length = end + 2 - start  # with the terminating NUL
    count = last + 1 - first
    units = utf16_buffer(max(length, count + 1))
    written = int(pdfium_c.FPDFText_GetText(textpage, first, count, units))
    if written > length:
        raise PdfiumError(f"Buffer too small: {length} vs {written}")
    if written < 1:  # pypdfium2 reads all but the last unit of its new, zeroed buffer
        return "\x00" * (length - 1)
    text: str = decode(memoryview(units)[: written - 1], "utf-16-le", errors="ignore")
    return text


def char_indexes(textpage: Any, text: str, ends: tuple[int, int] | None = None) -> list[int] | None:
    """Each place in a page's text (`page_text`) as pdfium's character index; None if the same.

    They are the same on nearly every page. But pdfium leaves characters without Unicode out of
    its text and gives a letter beyond the Basic Multilingual Plane two of its units, so past
    either a place in the text is not a character's index: the boxes and types of the lines
    after it would be read from other characters. Ends are the page's `text_ends`, if read.
    """
    import pypdfium2.raw as pdfium_c

    first, last = text_ends(textpage) if ends is None else ends
    if first > last:
        return None  # no text, no place in it
    text_index = pdfium_c.FPDFText_GetTextIndexFromCharIndex
    start = int(text_index(textpage, first))
    one_unit_each = text.isascii() or len(text.encode("utf-16-le")) == 2 * len(text)
    if one_unit_each and first == start == 0 and text_index(textpage, last) == last:
        return None  # the ends at their own places, each a unit: none left out between them
    char_index = pdfium_c.FPDFText_GetCharIndexFromTextIndex
    indexes: list[int] = []
    unit = start
    for letter in text:
        found = int(char_index(textpage, unit))
        indexes.append(found if found != -1 else (indexes[-1] if indexes else first))
        unit += 2 if ord(letter) > 0xFFFF else 1
    return indexes
