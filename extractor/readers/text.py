"""Read plain-text and Markdown copies of reports and articles into blocks.

A copy is read by its structure and language, not by the marks of one copy: lines a viewer or
mail client hard-wrapped are joined again, table rows are found in pipe, tab, Markdown and
aligned-column shapes, and headings by '#', by '(Back to top)' or by the known names of report
sections, standards and domains.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise

from extractor.frameworks import frameworks
from extractor.layout import BACK_TO_TOP, FOOTNOTE_MARK, LIST_MARK, RawBlock
from extractor.vocabulary import vocabulary

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(rf"^\s*(?:{LIST_MARK}|\d{{1,2}}[.)])\s+(?=\S)")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_EMPHASIS = re.compile(r"(\*\*|__)(\S(?:.*?\S)?)\1")
_ENDS_SENTENCE = re.compile(r"[.!?:;\"”’)\]]\s*$")
_GAP = re.compile(r"\t+|\s{3,}")
"""Between the cells of a row copied as tab-separated or space-aligned columns."""
_LABEL = re.compile(r"^[A-Z][^.!?]{0,80}:$")
"""A short line ending in a colon ('Strengths:', 'Blackpool YJS should:') stands on its own."""
_CODE_LINE = re.compile(r"^(?:[A-Z]\s?)?\d{1,2}(?:\.\d{1,2})+\.?\s+[A-Z]")
"""A line opening with a standard's or question's code ('2.1 Assessing', 'V 1.2 Do ...')."""
_OPENING_QUOTES = ("“", '"', "‘", "'")
_HARD_BULLET = re.compile(rf"^(?![–—]){LIST_MARK}\s")
"""A bullet a wrap cannot make: a spaced en or em dash in a sentence can land at a line's start."""
_LIST_NUMBER = re.compile(r"^(\d{1,2})[.)]\s")
_DOMAIN_NUMBER = re.compile(r"^\d{1,2}[.)]?\s+")
"""A domain's number before its name ('2. Court disposals'), like a list item's number."""
_WRAPPED = 0.4
"""A text is hard-wrapped when this share of its lines fills most of the common width..."""
_WRAP_BREAKS = 4
_WRAP_BREAK_SHARE = 0.06
"""... or when this many of its lines, and this share, end just where the next word overflows.

A copy with a line per paragraph has a paragraph ending there by chance once or twice."""


@dataclass(slots=True)
class _Line:
    """A logical line: physical lines joined where a copy wrapped them, with its table cells."""

    first: str
    cells: tuple[str, ...] = ()
    parts: list[str] = field(default_factory=list)
    title: bool = False

    def add(self, line: str) -> None:
        """Carry the line on with a wrapped line; a word hyphenated at the break stays whole."""
        last = self.parts[-1] if self.parts else self.first
        hyphenated = last.endswith("-") and last[-2:-1].isalpha() and line[:1].islower()
        self.parts += [line] if hyphenated else [" ", line]

    @property
    def text(self) -> str:
        """The whole logical line, joined once (joining line by line would be quadratic)."""
        return "".join([self.first, *self.parts]) if self.parts else self.first


def _pipe_row(line: str) -> bool:
    """'cell | cell |' or '| cell | cell |'; 'News | Wales' on its own is a breadcrumb."""
    stripped = line.strip()
    return "|" in stripped[1:-1] and (stripped.endswith("|") or stripped.startswith("|"))


def _cells(line: str) -> tuple[str, ...]:
    """The cells of a table row in any of its shapes, or () when the line is not one."""
    if _pipe_row(line):
        parts = [part.strip() for part in line.strip().split("|")]
        if parts and not parts[0]:
            parts = parts[1:]
        if parts and not parts[-1]:
            parts = parts[:-1]
        return tuple(parts)
    if "\t" in line.strip() or "   " in line.strip():
        parts = [part for part in _GAP.split(line.strip()) if part]
        if len(parts) >= 2:
            return tuple(parts)
    return ()


def _plain(line: str) -> str:
    """A line without Markdown's bold and code markers: '**Date:**' reads 'Date:'."""
    return _EMPHASIS.sub(r"\2", line).replace("`", "")


@cache
def _known_names() -> tuple[frozenset[str], frozenset[str]]:
    """The names of every framework's standards, and of its domains, as headings may print them."""
    standards: set[str] = set()
    domains: set[str] = set()
    for framework in frameworks().values():
        for standard in framework.standards:
            standards.update(name.lower() for name in (standard.name, *standard.aliases))
            domains.add(standard.domain.lower())
    return frozenset(standards), frozenset(domains)


def is_section_name(text: str) -> bool:
    """Whether a line is the name of a report section, standard or domain, set as a heading is.

    A domain's heading may carry its number ('2. Court disposals'), so a number before a
    section's or domain's name makes a heading, not a one-line numbered list item; a standard
    is numbered by its code ('2.2 Planning'), so '2. Planning' stays an item.
    """
    name = text.strip().rstrip(":").strip()
    number = _DOMAIN_NUMBER.match(name)
    name = name[number.end() :] if number else name
    if not name[:1].isupper() or len(name) > 90 or name.endswith((".", "?", "!")):
        return False
    standards, domains = _known_names()
    lowered = name.lower()
    return (
        bool(vocabulary().headings.fullmatch(name))
        or lowered in domains
        or (number is None and lowered in standards)
    )


def _opens(line: str) -> bool:
    """Lines that always start a block of their own, whatever came before them."""
    return bool(
        _MD_HEADING.match(line)
        or BACK_TO_TOP.search(line)
        or _BULLET.match(line)
        or FOOTNOTE_MARK.match(line)
        or _LABEL.match(line)
        or _CODE_LINE.match(line)
        or is_section_name(line)
    )


def _width(lines: list[str]) -> int | None:
    """The width a hard-wrapped text was broken at, or None when its lines were not wrapped.

    Wrapped lines crowd just under the width; a copy with one line per paragraph spreads its
    lengths from a few words to many hundreds of characters. A report of many short lines
    (items, headings, labels) wrapped at a wide measure has few lines near the width, but
    still many that break where the next line's first word would not have fitted, at the
    common width or, when only a handful of lines reach it, at the longest line's.
    """
    lengths = sorted(len(line) for line in lines if line and not _cells(line))
    if len(lengths) < 5:
        return None
    width = lengths[len(lengths) * 19 // 20]
    if width < 30:
        return None
    if sum(1 for length in lengths if width * 0.7 <= length <= width) >= len(lengths) * _WRAPPED:
        return width
    for candidate in (width, lengths[-1]):
        breaks = sum(
            1
            for line, after in pairwise(lines)
            if line and after and not _cells(after) and _breaks_at(candidate, line, after)
        )
        if breaks >= max(_WRAP_BREAKS, len(lengths) * _WRAP_BREAK_SHARE):
            return candidate
    return None


def _breaks_at(width: int, line: str, after: str) -> bool:
    """Whether a line fills the width: the first word of the line after it would not fit."""
    return len(line) <= width < len(line) + 1 + len(after.split(" ", 1)[0])


def _logical_lines(text: str) -> Iterator[_Line]:
    """The text's logical lines; a wrapped paragraph comes back whole, a blank line ends one."""
    lines = [_plain(line).strip() for line in text.splitlines()]
    width = _width(lines)
    notes = {
        mark.group(1): index
        for index, line in enumerate(lines)
        if (mark := FOOTNOTE_MARK.match(line))
    }
    current: _Line | None = None
    last = ""
    started = False
    for index, line in enumerate(lines):
        if not line:
            if current is not None:
                yield current
                current = None
            continue
        if _TABLE_RULE.match(line):
            continue
        cells = _cells(line)
        if (
            current is not None
            and not cells
            and not current.cells
            and _continues(current, last, line, width, _reference(line, index, notes))
        ):
            current.add(line)
            last = line
            continue
        if current is not None:
            yield current
        current, last = _Line(line, cells, title=not started), line
        started = True
    if current is not None:
        yield current


def _reference(line: str, index: int, notes: dict[str, int]) -> bool:
    """Whether a line opens with a footnote reference a wrap put there ('[1] In this ...').

    Footnotes close the document, so only the last line opening with '[n]' is footnote n.
    """
    mark = FOOTNOTE_MARK.match(line)
    return mark is not None and notes[mark.group(1)] != index


def _stands_alone(text: str) -> bool:
    """Headings and labels: a line after them never carries them on."""
    return bool(
        _MD_HEADING.match(text)
        or BACK_TO_TOP.search(text)
        or _LABEL.match(text)
        or is_section_name(text)
    )


def _continues(
    current: _Line, last: str, line: str, width: int | None, reference: bool = False
) -> bool:
    """Whether a line carries on the logical line before it rather than starting a new one.

    In a hard-wrapped text a line carries on when the one before it was full: its first word
    would not have fitted there; after a full line that ends a sentence, a short line without
    closing punctuation ('Martin Jones CBE') stands alone, and so does a quotation set after a
    colon ('... said:' then '“I wanted ...”'). Anywhere, a line starting in lower
    case carries on a line that does not end a sentence; the title only by a wrap.
    """
    if _stands_alone(current.first):
        return False
    ended = bool(_ENDS_SENTENCE.search(last))
    width = width or 0
    full = 0 < width < len(last) + 1 + len(line.split(" ", 1)[0])
    if _opens(line) and not reference:
        return full and _wrapped_into_place(current.first, line, ended)
    if current.title:
        return full and not ended
    if last.endswith(":") and line.startswith(_OPENING_QUOTES):
        return False
    if current.first.startswith(_OPENING_QUOTES) and last.endswith(("”", '"', "’", "'")):
        return False
    if full:
        return not ended or len(line) >= width * 0.7 or bool(_ENDS_SENTENCE.search(line))
    return line[0].islower() and not ended


def _wrapped_into_place(first: str, line: str, ended: bool) -> bool:
    """Whether a wrap, not the author, put an opening shape at the start of a line.

    After a full line that does not end a sentence, a number ('18. Eighteen', '1.2. Case'), a
    label ('YJS, said:') or a spaced dash ('– HM Inspectorate') is the wrap's doing, unless it
    is the next item of a numbered list. Headings, section names, footnotes and bullets other
    than dashes always open.
    """
    if _MD_HEADING.match(line) or BACK_TO_TOP.search(line) or is_section_name(line):
        return False
    if FOOTNOTE_MARK.match(line):
        return False
    if (number := _LIST_NUMBER.match(line)) is not None:
        return not ended and not _follows(_LIST_NUMBER.match(first), number)
    return not ended and not _HARD_BULLET.match(line)


def _follows(before: re.Match[str] | None, after: re.Match[str]) -> bool:
    """Whether a numbered mark is the one after the mark before it (a list or notes in order)."""
    return before is not None and int(after.group(1)) == int(before.group(1)) + 1


def read_text(text: str) -> Iterator[RawBlock]:
    """Blocks of a text copy: headings, paragraphs, list items, footnotes and tables."""
    logical = list(_logical_lines(text))
    table: list[tuple[str, ...]] = []
    first = True
    for index, line in enumerate(logical):
        if line.cells:
            table.append(line.cells)
            continue
        if table:
            yield RawBlock("table", rows=tuple(table))
            table = []
        between = 0 < index < len(logical) - 1 and bool(
            logical[index - 1].cells and logical[index + 1].cells
        )
        yield _block(line.text, first, between)
        first = False
    if table:
        yield RawBlock("table", rows=tuple(table))


def _block(line: str, first: bool, labels_rows: bool) -> RawBlock:
    """The block a logical line makes: heading, list item, footnote or paragraph."""
    if match := _MD_HEADING.match(line):
        return RawBlock("heading", match.group(2), level=len(match.group(1)))
    if BACK_TO_TOP.search(line):
        return RawBlock("heading", line, level=2)
    if first:
        return RawBlock("heading", line, level=1)
    if is_section_name(line) and not line.endswith(":") and not labels_rows:
        return RawBlock("heading", line, level=2)
    if match := _BULLET.match(line):
        return RawBlock("list_item", line[match.end() :])
    return RawBlock("paragraph", line)
