"""A PDF page's lines: text, box and type (size and weight), read through pdfium's C calls."""

from __future__ import annotations

import ctypes
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import compress, repeat
from typing import Any

from extractor.layout import LIST_MARK
from extractor.readers.pdf_calls import (
    calls,
    char_indexes,
    eight_floats,
    page_text,
    text_ends,
)

BULLET = re.compile(rf"^\s*(?:{LIST_MARK}|\d{{1,2}}[.)]|\([a-z0-9]\))\s+")
"""What opens a list item: a bullet, a number or a bracketed letter, and a space."""
NUMBERED = re.compile(r"^\s*(?:\d{1,2}[.)]|\([a-z0-9]\))\s+")
"""A list item's number or bracketed letter: unlike a bullet, set in the type of its text."""


_ALNUM_RUN = re.compile(r"[^\W_](?:(?s:.*)[^\W_])?")
"""From a text's first letter or digit (what str.isalnum accepts: a word character other than
'_') to its last."""
_HYPHEN_MARK = re.compile("(?<=[\x02\ufffe])")


def bullet(text: str) -> re.Match[str] | None:
    """The list mark opening a line, if any: none where the line opens with a letter.

    No mark is a letter, so most lines are judged without trying the expression.
    """
    return None if text[:1].isalpha() else BULLET.match(text)


@dataclass(slots=True)
class Line:
    """One line of a page's text with the geometry the layout decisions need."""

    text: str
    left: float
    right: float
    bottom: float
    top: float
    size: float
    bold: bool


class _Types:
    """Font size and weight of a page's characters: a size read per letter asked, a weight per font.

    A character's size is its text object's and its weight its font's. A line's letters mostly
    lie in one object, a new one on each line, so a line's size is read at its first letter and
    its weight looked up by the object's font, which a page sets few of.
    """

    def __init__(self, textpage: Any, chars: Sequence[int]) -> None:
        """Buffers and caches for a text page's handle (a font lives as long as its page).

        `chars` maps a place in the page's text to pdfium's character index (`char_indexes`,
        or the places themselves where they are the same).
        """
        c = calls()
        self.text_object, self.font, self.font_size = c.text_object, c.font, c.font_size
        self.font_weight, self.font_info = c.font_weight, c.font_info
        self.textpage = textpage
        self.name = ctypes.create_string_buffer(128)
        self.flags = ctypes.c_int()
        self.fonts: dict[int, bool] = {}
        self.sizes: dict[float, float] = {}  # round(size, 1) prints and parses the float
        self.chars = chars

    def at(self, index: int) -> tuple[float, bool]:
        """The size and weight of the character at index (see `of`)."""
        return self.of(self.text_object(self.textpage, index), index)

    def of(self, found: int | None, index: int) -> tuple[float, bool]:
        """The size and weight of a character in a text object (None: it has none).

        A size is read to a tenth of a point; a font's weight is judged at its first character.
        """
        exact = self.font_size(self.textpage, index)
        size = self.sizes.get(exact)
        if size is None:
            size = round(exact, 1)
            if exact:  # 0.0 and -0.0 are one key but round apart
                self.sizes[exact] = size
        font = self.font(found) if found else None
        bold = self.fonts.get(font) if font else None
        if bold is None:
            bold = self.bold(index)
            if font:
                self.fonts[font] = bold
        return size, bold

    def bold(self, index: int) -> bool:
        """Whether a character is set in a bold face, judged from its weight or font name."""
        if self.font_weight(self.textpage, index) >= 600:
            return True
        flags = ctypes.byref(self.flags)
        length = self.font_info(self.textpage, index, self.name, len(self.name), flags)
        if length > len(self.name):  # pdfium copies no name longer than the buffer
            self.name = ctypes.create_string_buffer(length)
            self.font_info(self.textpage, index, self.name, length, flags)
        name = self.name.value.lower() if length else b""
        return b"bold" in name or b"black" in name

    def of_run(self, text: str, start: int) -> tuple[float, bool]:
        """The size and weight most of a line's sampled letters have (see `_run`).

        The last letter's type is its first's when both lie in one text object (most lines are
        one); the middle letter is read only when the first and the last disagree.
        """
        first, last = _run(text)
        chars, textpage, text_object = self.chars, self.textpage, self.text_object
        head_at = chars[start + first]
        found = text_object(textpage, head_at)
        head = self.of(found, head_at)
        if last == first or (found and text_object(textpage, chars[start + last]) == found):
            return head
        tail = self.at(chars[start + last])
        if tail == head:
            return head
        middle = self.at(chars[start + _middle(text, first, last)])
        size = head[0] if tail[0] == head[0] else middle[0]
        return size, head[1] if tail[1] == head[1] else middle[1]


def page_lines(textpage: Any) -> list[Line]:
    """A text page's lines in reading order, each with the box and type of its characters.

    The text page is pdfium's handle, and must stay open while it is read. A place in the text
    is a character's index on nearly every page; where it is not (`char_indexes`), it is mapped.

    A line's box is the loose box of its first character (left, bottom, top) and of its last
    (right), read into one buffer of pdfium's FS_RECTF layout: left, top, right, bottom.
    """
    from pypdfium2 import PdfiumError

    ends = text_ends(textpage)
    text = page_text(textpage, ends)
    chars = char_indexes(textpage, text, ends)
    types = _Types(textpage, range(len(text)) if chars is None else chars)
    of_run, places = types.of_run, types.chars
    box = (ctypes.c_float * 8)()  # the first character's box, then the last's
    last_box = ctypes.byref(box, 16)
    loose_box = calls().loose_box
    marked = "\x02" in text or "\ufffe" in text
    lines: list[Line] = []
    index = 0
    for raw, separator in _visual_lines(text):
        stripped = raw.rstrip()
        if stripped:
            lead = len(raw) - len(raw.lstrip()) if raw[0].isspace() else 0
            if not (
                loose_box(textpage, places[index + lead], box)
                and loose_box(textpage, places[index + len(stripped) - 1], last_box)
            ):
                raise PdfiumError("Failed to get charbox.")
            left, top, _, bottom, _, _, right, _ = eight_floats(box)
            size, bold = of_run(stripped, index)
            if marked:
                stripped = stripped.replace("\x02", "-").replace("\ufffe", "-")
            lines.append(Line(stripped, left, right, bottom, top, size, bold))
        index += len(raw) + separator
    return lines


def _run(text: str) -> tuple[int, int]:
    """Where a line's type is judged: the first and last letter or digit of its words.

    A bullet, however large or in whatever symbol font, is not the text's type, nor is one bold
    lead-in word or a superscript note mark (the middle letter settles a disagreement). A line
    without letters is judged by its first character.
    """
    if text[:1].isalpha():  # no bullet: the run opens at the first letter
        last = len(text) - 1
        while not text[last].isalnum():
            last -= 1
        return 0, last
    mark = bullet(text)
    offset = mark.end() if mark and not NUMBERED.match(text) else 0
    run = _ALNUM_RUN.search(text, offset)
    if run is None:
        lead = len(text) - len(text.lstrip())
        return lead, lead
    return run.start(), run.end() - 1


def _middle(text: str, first: int, last: int) -> int:
    """The middle letter or digit from a line's first to its last."""
    letters = list(compress(range(first, last + 1), map(str.isalnum, text[first : last + 1])))
    return letters[len(letters) // 2]


def _visual_lines(text: str) -> Iterator[tuple[str, int]]:
    """Pdfium's lines, each with the length of the line break after it (2, or 0 when split).

    A word hyphenated at a line end is marked U+FFFE (or U+0002) and pdfium does not break the
    line there: 'multi-disciplinary' over two lines comes as one, so it is split after the mark.
    A page without a mark (most) is its rows as they come.
    """
    rows = text.split("\r\n")
    if "\ufffe" not in text and "\x02" not in text:
        return zip(rows, repeat(2))
    return _split_at_hyphens(rows)


def _split_at_hyphens(rows: list[str]) -> Iterator[tuple[str, int]]:
    """Rows split after each hyphen mark (see `_visual_lines`)."""
    for row in rows:
        if "\ufffe" in row or "\x02" in row:
            parts = _HYPHEN_MARK.split(row)
            yield from ((part, 0) for part in parts[:-1])
            row = parts[-1]
        yield row, 2
