"""Read PDFs with pypdfium2 (text, geometry, ruled tables); pdfplumber only for unruled tables."""

from __future__ import annotations

import re
from collections import Counter
from contextlib import closing
from dataclasses import replace
from functools import lru_cache
from itertools import pairwise, repeat
from operator import attrgetter
from threading import Lock

from extractor.document import BlockKind
from extractor.errors import InputError
from extractor.layout import FOOTNOTE_MARK, RawBlock
from extractor.readers.pdf_calls import pages as pdfium_pages
from extractor.readers.pdf_lines import BULLET, NUMBERED, Line, bullet, page_lines
from extractor.readers.pdf_tables import Table, plumber_tables, ruled_tables

_PAGE_NUMBER = re.compile(r"^\s*(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\s*$", re.I)
_LEADER_LINE = re.compile(r"(?:\.\s*){4,}\s*\d{1,4}\s*$|…{2,}\s*\d{1,4}\s*$")
_FOOTNOTE = re.compile(r"^\s*(\d{1,3})\s+\S")
_PERCENT_YES = re.compile(r"%\S?yes", re.I)
_PERCENT_END = re.compile(r"%(?<=\d%)$", re.M)
_SCORE = re.compile(r"score\d+/\d+", re.I)
_OVERALL = re.compile(r"overallrating", re.I)
_RATING_END = re.compile(r"rating$", re.I | re.M)
"""The hints of a table in a page's text, searched without spaces (a table's words are often
drawn as two runs: 'Ove rall rating'). Each runs only where a literal of it stands in the text
('%', '/', 'overallrat', 'rat'): a case-blind expression is otherwise tried at every character
of the page."""
PDFIUM = Lock()
"""Held while a read calls pdfium, which is not thread-safe: threads of one process (Dask's)
may read PDFs at once, and two in pdfium at a time can crash the process."""
_DIGITS = re.compile(r"\d+")
_TERMINAL = tuple('.!?:;"”’)')
_CONTENTS = re.compile(r"\s*(?:table of\s+)?contents\s*", re.I)
_ENTRY = re.compile(r"[^\d\s]\s*\d{1,3}\s*$")
"""A contents entry: a title and its page number, with or without a dotted leader."""
_STRAY = re.compile(r"[B-HJ-UW-Z]\s+(?=\d{1,2}\.\d{1,2}\b)")
"""A lone capital before a standard's code ('P 2.1 Assessment'), an icon's letter; 'V 1.1' is a
code, and 'A' and 'I' are words."""
_LABEL = 80
"""Characters a label or heading-like line has at most; a longer unfinished text is prose."""
_EDGE = 3.0
"""Points two tables' sides may differ by and still be one table continued over a page."""


class PdfError(InputError):
    """A PDF that pdfium cannot open, with the reason in plain words."""


def read_pdf(data: bytes, tables: bool = True) -> tuple[int, list[RawBlock]]:
    """The page count and the blocks of every page, running headers and footers removed.

    Tables drawn with ruling lines are read from pdfium's path objects; pdfplumber reads the
    layout of a page only when it plainly holds a table but draws no lines.
    """
    import pypdfium2 as pdfium  # imported here: a text or HTML input never needs it
    import pypdfium2.raw as pdfium_c

    with PDFIUM:  # pdfium is not thread-safe: one read at a time enters it
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as error:
            raise _pdfium_error(str(error)) from None
        pages: list[list[Line]] = []
        heights: list[float] = []
        lowered_pages: list[str] = []
        found: dict[int, list[Table]] = {}
        hinted: set[int] = set()  # pages that plainly hold a table, ruled or not
        unruled: set[int] = set()  # those that draw no lines, and the page after each
        try:
            with closing(pdfium_pages(pdf)) as opened:
                for number, (page, textpage) in enumerate(opened, start=1):
                    lines = page_lines(textpage)
                    pages.append(lines)
                    heights.append(pdfium_c.FPDF_GetPageHeightF(page))
                    text = "\n".join([line.text for line in lines]).replace(" ", "")
                    lowered = text.lower()
                    lowered_pages.append(lowered)
                    if tables and (
                        number - 1 in hinted
                        or found.get(number - 1)
                        or _may_hold_table(text, lowered)
                    ):
                        found[number] = ruled_tables(page, textpage, heights[-1])
                        if _surely_holds_table(text, lowered):
                            hinted.add(number)
                        if not found[number] and (
                            number in hinted or number - 1 in unruled & hinted
                        ):
                            unruled.add(number)
        except pdfium.PdfiumError as error:
            raise _pdfium_error(str(error)) from None
        finally:
            pdf.close()
    if not any(pages):
        raise PdfError("has no extractable text (a scanned PDF needs OCR first)")
    if unruled:
        found.update(plumber_tables(data, unruled))
    running = _running_lines(pages)
    blocks: list[RawBlock] = []
    body = _body_size(pages)
    margin = _margin(pages, body)
    for number, lines in enumerate(pages, start=1):
        dropped = _noise(lines, running, body)
        dropped.update(_contents(lines, lowered_pages[number - 1]))
        kept = [line for position, line in enumerate(lines) if position not in dropped]
        page_blocks = _page_blocks(kept, number, body, heights[number - 1], found.get(number, []))
        hanging = bool(kept) and kept[0].left > margin + 3 and kept[0].text[:1] not in "“\"'‘"
        continued = _continues(found.get(number - 1, []), found.get(number, []))
        blocks.extend(_carry_over(blocks, page_blocks, hanging, continued))
    return len(pages), [_without_stray_letter(block) for block in blocks]


def _surely_holds_table(text: str, lowered: str) -> bool:
    """Whether a page's text, spaces removed, surely holds a table, drawn with lines or not.

    It names an overall rating, gives a score ('Score 3/4') or a percentage before 'yes'.
    """
    return bool(
        ("%" in text and _PERCENT_YES.search(text))
        or ("/" in text and _SCORE.search(text))
        or ("overallrat" in lowered and _OVERALL.search(text))
    )


def _may_hold_table(text: str, lowered: str) -> bool:
    """Whether a page's text, spaces removed, hints at a table; plain words first (faster).

    Besides the sure hints: a key-question header ending 'rating', or a row ending in a
    percentage (a key-question table that a page break split).
    """
    return ("%" in text or "rating" in lowered or "score" in lowered) and (
        _surely_holds_table(text, lowered)
        or bool("%" in text and _PERCENT_END.search(text))
        or bool("rat" in lowered and _RATING_END.search(text))
    )


def _pdfium_error(message: str) -> PdfError:
    """Pdfium's error in the words a user needs."""
    lowered = message.lower()
    if "password" in lowered or "security" in lowered:
        return PdfError("is an encrypted PDF that needs a password", kind="encrypted")
    if "format" in lowered or "file" in lowered:
        return PdfError("is not a readable PDF (damaged or truncated)")
    return PdfError(f"is not a readable PDF ({message})")


@lru_cache(maxsize=1024)
def _shape(text: str) -> str:
    """A line with digits masked, so 'Page 3' and 'Page 4' count as the same running line.

    Cached: a page's edge lines are shaped when running lines are counted and when dropped.
    """
    return _DIGITS.sub("#", text.strip().lower())


def _running_lines(pages: list[list[Line]]) -> set[str]:
    """Shapes of lines that recur at the top or bottom of many pages: headers and footers."""
    counts: Counter[str] = Counter()
    for lines in pages:
        edge = {_shape(line.text) for line in lines[:2] + lines[-2:]}
        counts.update(edge)
    threshold = max(3, len(pages) * 2 // 5)
    return {shape for shape, count in counts.items() if count >= threshold}


def _noise(lines: list[Line], running: set[str], body: float) -> set[int]:
    """Where a page's running headers, footers, page numbers and contents-page leaders stand.

    Headers, footers and page numbers are looked for in the first and last two lines; a running
    line set larger than the body text is the title it repeats, on the title page.
    """
    count = len(lines)
    edges = {*range(min(count, 2)), *range(max(count - 2, 0), count)}
    noise = {
        position
        for position in edges
        if _PAGE_NUMBER.match(text := lines[position].text)
        or (running and lines[position].size <= body + 1 and _shape(text) in running)
    }
    for position, line in enumerate(lines):  # a leader ends in a digit, after four dots or two '…'
        text = line.text
        if (
            text.rstrip()[-1:].isdecimal()
            and (text.count(".") >= 4 or text.count("…") >= 2)
            and _LEADER_LINE.search(text)
        ):
            noise.add(position)
    return noise


def _contents(lines: list[Line], lowered: str) -> range:
    """The entries of a contents list: the page-numbered lines after its heading.

    The heading stays (its page keeps a block); a wrapped title's first line may lie between
    two entries; leaders alone are caught line by line. Lowered is the page's text in lower
    case, its spaces dropped: one search of it rules out a heading on most pages.
    """
    if "content" not in lowered:
        return range(0)
    heading = next((i for i, line in enumerate(lines) if _CONTENTS.fullmatch(line.text)), None)
    if heading is None:
        return range(0)
    last, entries = heading, 0
    for index in range(heading + 1, len(lines)):
        if _ENTRY.search(lines[index].text):
            last, entries = index, entries + 1
        elif index - last > 1:
            break
    return range(heading + 1, last + 1) if entries >= 3 else range(0)


def _without_stray_letter(block: RawBlock) -> RawBlock:
    """A block or table row opening with a lone capital before a standard's code, without it."""
    if block.kind != "table":
        stray = _STRAY.match(block.text)
        return replace(block, text=block.text[stray.end() :]) if stray else block
    rows = tuple(
        (row[0][stray.end() :], *row[1:]) if row and (stray := _STRAY.match(row[0])) else row
        for row in block.rows
    )
    return replace(block, rows=rows) if rows != block.rows else block


def _continues(before: list[Table], after: list[Table]) -> bool:
    """Whether a page's first table has the sides of the last table on the page before."""
    if not before or not after:
        return False
    last, first = max(before, key=lambda t: t.bottom), min(after, key=lambda t: t.top)
    return abs(last.left - first.left) <= _EDGE and abs(last.right - first.right) <= _EDGE


def _body_size(pages: list[list[Line]]) -> float:
    """The font size most of the text is set in (the first counted, of sizes as common).

    Counted in a plain dict: a Counter's item assignment, a subclass's, takes twice as long.
    """
    sizes: dict[float, int] = {}
    for lines in pages:
        for line in lines:
            sizes[line.size] = sizes.get(line.size, 0) + len(line.text)
    return max(sizes, key=sizes.__getitem__) if sizes else 11.0


def _page_blocks(
    lines: list[Line], number: int, body: float, height: float, tables: list[Table]
) -> list[RawBlock]:
    """Group a page's lines into headings, paragraphs, list items, footnotes; place its tables."""
    pending = sorted(tables, key=lambda table: table.top)
    column_right = max(map(attrgetter("right"), lines), default=0.0)
    pitch = _line_pitch(lines, body)
    blocks: list[RawBlock] = []
    group: list[Line] = []
    kind: BlockKind = "paragraph"
    label: str | None = None

    def close() -> None:
        if group:
            level = _level(group[0], body) if kind == "heading" else 0
            blocks.append(RawBlock(kind, _join(group), page=number, level=level, label=label))
            group.clear()

    boxes = [(table.top - 1, table.bottom + 1, table.left - 2) for table in tables]
    for line in lines:
        while pending and pending[0].bottom <= height - line.top + 1:
            close()
            blocks.append(RawBlock("table", page=number, rows=pending.pop(0).rows))
        if boxes and _inside(line, boxes, height):
            continue
        line_kind, line_label = _line_kind(line, body, height)
        if not group or _starts_block(group, line, line_kind, kind, pitch, column_right, body):
            close()
            kind, label = line_kind, line_label
            if kind == "list_item":
                line = _retext(line, BULLET.sub("", line.text, count=1))
            elif kind == "footnote":
                line = _retext(line, line.text.split(None, 1)[1])
        group.append(line)
    close()
    blocks.extend(RawBlock("table", page=number, rows=table.rows) for table in pending)
    return blocks


def _carry_over(
    blocks: list[RawBlock], page: list[RawBlock], hanging: bool, continued: bool = False
) -> list[RawBlock]:
    """Join a paragraph, list item or table that runs over a page break back into one block.

    A table goes on when the page opens with a table of the same sides as the one that closed
    the page before; a header row drawn again at the top is read once.

    A paragraph carries on when it broke mid-sentence: the page opens lower-case, or the
    paragraph, longer than a label, stops at a comma or a word (a bracket closing '(SEND)'
    ends no sentence); a list item also when the page opens at
    the item's hanging indent, whatever the words ('... restorative work.' / 'Both had ...').
    """
    if not blocks or not page:
        return page
    last, first = blocks[-1], page[0]
    if continued and last.kind == first.kind == "table":
        rows = first.rows[1:] if first.rows[:1] == last.rows[:1] else first.rows
        pages = last.row_pages or (last.page or 0,) * len(last.rows)
        row_pages = pages + (first.page or 0,) * len(rows)
        blocks[-1] = replace(last, rows=last.rows + rows, row_pages=row_pages)
        return page[1:]
    tail = last.text.rstrip()
    ended = re.search(r"[.!?:;][\"”’)]*$", tail) is not None
    mid_sentence = not ended and (
        first.text[:1].islower()
        or tail.endswith(",")
        or (len(tail) > _LABEL and tail[-1].isalpha())
    )
    if (
        last.kind in ("paragraph", "list_item")
        and first.kind == "paragraph"
        and (mid_sentence or (last.kind == "list_item" and hanging))
    ):
        blocks[-1] = replace(last, text=_join_text(last.text, first.text))
        return page[1:]
    return page


def _margin(pages: list[list[Line]], body: float) -> float:
    """The left edge most body text starts at; a line set further in is indented."""
    lefts = Counter(round(line.left) for lines in pages for line in lines if line.size == body)
    return float(lefts.most_common(1)[0][0]) if lefts else 0.0


def _inside(line: Line, boxes: list[tuple[float, float, float]], height: float) -> bool:
    """Whether a line's middle lies inside a table's box: (top - 1, bottom + 1, left - 2) each."""
    middle = height - (line.top + line.bottom) / 2
    left = line.left
    for top, bottom, side in boxes:  # noqa: SIM110 (any() of a generator: 5x the time per line)
        if top <= middle <= bottom and left >= side:
            return True
    return False


def _retext(line: Line, text: str) -> Line:
    """A copy of a line with other text (a list item without its bullet), its box and type kept."""
    return Line(text, line.left, line.right, line.bottom, line.top, line.size, line.bold)


def _line_pitch(lines: list[Line], body: float) -> float:
    """The usual distance between consecutive body lines of one paragraph.

    The lower quartile of the gaps, not their median: on a page of short paragraphs as many
    gaps lie between paragraphs as within them.
    """
    most = body * 3
    gaps = sorted(
        [
            gap
            for upper, lower in pairwise(lines)
            if upper.size == lower.size == body and 0 < (gap := upper.bottom - lower.bottom) < most
        ]
    )
    return gaps[len(gaps) // 4] if gaps else body * 1.4


def _line_kind(line: Line, body: float, height: float) -> tuple[BlockKind, str | None]:
    """What a line would open if it started a block, judged by its text and its run's type.

    A bullet opens a list item whatever its size or font; a number does too unless the run
    after it is set as a heading ('2. Background'); a label ending in ':' is not a heading,
    but a title set large is, wherever it wraps ('An inspection of probation services in:').
    """
    large = line.size >= body + 3
    styled = (large or line.size >= body + 1.5 or line.bold) and len(line.text) < 120
    heading = styled and (large or not line.text.endswith(":"))
    if bullet(line.text) and not (heading and NUMBERED.match(line.text)):
        return "list_item", None
    if heading:
        return "heading", None
    if (
        line.size <= body - 1.5
        and line.bottom < height * 0.3
        and (note := _FOOTNOTE.match(line.text))
    ):
        return "footnote", note.group(1)
    return "paragraph", None


def _starts_block(
    group: list[Line],
    line: Line,
    line_kind: BlockKind,
    kind: BlockKind,
    pitch: float,
    column_right: float,
    body: float,
) -> bool:
    """Whether a line opens a new block rather than carrying on the one before.

    Besides kind, size and space: a line set left of a list item's bullet ends the item; a
    change of weight after a finished sentence, or to a label ('Strengths:', 'X should:'),
    starts a block; and a bold line of body size ('Martin Jones CBE' over its role) ends where
    the next line's first word would have fitted on it.
    """
    previous = group[-1]
    if line_kind in ("list_item", "footnote") or (line_kind != kind and kind != "list_item"):
        return True
    if line.text.startswith("[") and FOOTNOTE_MARK.match(line.text):
        return True
    if kind == "list_item" and (
        line_kind not in ("paragraph", "list_item") or line.left < group[0].left - 2
    ):
        return True
    if abs(line.size - previous.size) > 0.6:
        return True
    if previous.bottom - line.bottom > max(pitch, previous.size * 1.3) * 1.35:
        return True
    if line.bold != previous.bold and (_ended(previous) or line.text.endswith(":")):
        return True
    if kind == "heading" and line.size < body + 1.5 and _would_fit(previous, line, column_right):
        return True
    return previous.right < column_right - 40 and _ended(previous)


def _ended(line: Line) -> bool:
    """Whether a line ends a sentence: its last mark closes one."""
    return line.text.rstrip().endswith(_TERMINAL)


def _would_fit(previous: Line, line: Line, column_right: float) -> bool:
    """Whether a line's first word would have fitted at the end of the line before."""
    word = line.text.split(None, 1)[0]
    width = (line.right - line.left) / max(len(line.text), 1) * (len(word) + 1)
    return previous.right + width < column_right


def _join(lines: list[Line]) -> str:
    """The lines of one block as one string, joined at one go unless a line ends in a hyphen."""
    texts = [line.text for line in lines]
    if not any(map(str.endswith, texts[:-1], repeat("-"))):
        return " ".join([texts[0], *map(str.lstrip, texts[1:])])
    text = texts[0]
    for more in texts[1:]:
        text = _join_text(text, more)
    return text


def _join_text(text: str, more: str) -> str:
    """Two lines as one; a word hyphenated at the line end keeps its hyphen but loses the break."""
    if text.endswith("-") and len(text) > 1 and text[-2].isalpha():
        return text + more.lstrip()
    return f"{text} {more.lstrip()}"


def _level(line: Line, body: float) -> int:
    """Heading level from size: the larger the type, the higher the heading."""
    if line.size >= body + 8:
        return 1
    if line.size >= body + 3:
        return 2
    return 3
