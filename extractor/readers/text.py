"""Read plain-text and Markdown copies of reports and articles into blocks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from extractor.layout import BACK_TO_TOP, FOOTNOTE_MARK, RawBlock

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^\s*(?:[-*•–·▪●]|\d{1,2}[.)])\s+(?=\S)")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_EMPHASIS = re.compile(r"(\*\*|__)(\S(?:.*?\S)?)\1")
_ENDS_SENTENCE = re.compile(r"[.!?:;\"”’)\]]\s*$")


def _is_table_row(line: str) -> bool:
    """'cell | cell |' or '| cell | cell |'; 'News | Wales' on its own is a breadcrumb."""
    stripped = line.strip()
    return "|" in stripped[1:-1] and (stripped.endswith("|") or stripped.startswith("|"))


def _cells(line: str) -> tuple[str, ...]:
    """The cells of a table row, without the empty edges the pipes leave."""
    parts = [part.strip() for part in line.strip().split("|")]
    if parts and not parts[0]:
        parts = parts[1:]
    if parts and not parts[-1]:
        parts = parts[:-1]
    return tuple(parts)


def _structural(line: str) -> bool:
    """Lines that always start a block of their own."""
    return bool(
        _MD_HEADING.match(line)
        or BACK_TO_TOP.search(line)
        or _BULLET.match(line)
        or FOOTNOTE_MARK.match(line)
        or _is_table_row(line)
    )


def _plain(line: str) -> str:
    """A line without Markdown's bold and code markers: '**Date:**' reads 'Date:'."""
    return _EMPHASIS.sub(r"\2", line).replace("`", "")


def read_text(text: str) -> Iterator[RawBlock]:
    """Blocks of a text copy: one per line, or per blank-line paragraph when the text is wrapped.

    Copies of the inspectorate's pages put each paragraph on one line; wrapped copies separate
    paragraphs by blank lines. A line continues the one before when the blank-line style is in
    use and the line before was wrapped (it runs to near the usual width), or when it starts in
    lower case after a line that does not end a sentence.
    """
    lines = [_plain(line) for line in text.splitlines()]
    wrapped = sum(1 for line in lines if not line.strip()) * 10 >= len(lines) > 0
    lengths = sorted(len(line.strip()) for line in lines if line.strip())
    width = lengths[len(lengths) * 9 // 10] if lengths else 0
    previous = ""
    table: list[tuple[str, ...]] = []
    current: RawBlock | None = None
    more: list[str] = []
    first = True

    for line in lines:
        stripped = line.strip()
        if table and not (stripped and _is_table_row(stripped)):
            yield RawBlock("table", rows=tuple(table))
            table = []
        if not stripped:
            if current is not None:
                yield _joined(current, more)
                current = None
            continue
        was, previous = previous, stripped
        if (
            current is not None
            and not _structural(stripped)
            and _continues(current, was, stripped, wrapped and len(was) * 5 >= width * 3)
        ):
            more.append(stripped)
            continue
        if current is not None:
            yield _joined(current, more)
            current = None
        if _TABLE_RULE.match(stripped):
            continue
        if _is_table_row(stripped) and not _MD_HEADING.match(stripped):
            table.append(_cells(stripped))
            continue
        current, first, more = _start_block(stripped, first), False, []
    if table:
        yield RawBlock("table", rows=tuple(table))
    if current is not None:
        yield _joined(current, more)


def _joined(block: RawBlock, more: list[str]) -> RawBlock:
    """A block with the lines that carry it on, joined once (line by line would be quadratic)."""
    return replace(block, text=" ".join([block.text, *more])) if more else block


def _continues(current: RawBlock, before: str, line: str, wrapped: bool) -> bool:
    """Whether a line carries on the block before it (whose last line is `before`)."""
    if current.kind == "heading":
        return False
    if wrapped:
        return True
    return line[0].islower() and not _ENDS_SENTENCE.search(before)


def _start_block(line: str, first: bool) -> RawBlock:
    """The block a line opens: heading, list item, footnote or paragraph."""
    if match := _MD_HEADING.match(line):
        return RawBlock("heading", match.group(2), level=len(match.group(1)))
    if BACK_TO_TOP.search(line):
        return RawBlock("heading", line, level=2)
    if first:
        return RawBlock("heading", line, level=1)
    if match := _BULLET.match(line):
        return RawBlock("list_item", line[match.end() :])
    return RawBlock("paragraph", line)
