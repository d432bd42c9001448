"""Turn the blocks a reader found into one normalised text with offsets, for every format."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from extractor.document import Block, BlockKind, Document, Page, Row, Span
from extractor.rejoin import (
    NAME_LENGTH,
    Cell,
    prose_words,
    rejoin_all,
    rejoin_from,
    table_cell,
)
from extractor.vocabulary import vocabulary
from models import Source

BACK_TO_TOP = re.compile(r"\s*\(?\s*back to top\s*\)?\s*$", re.IGNORECASE)
"""The link the inspectorate's pages put after each heading."""
REPORT_TITLE = re.compile(
    r"^\s*(?:an?\s+)?(?:joint\s+|thematic\s+)?inspection\s+of\b", re.IGNORECASE
)
"""A report's title names it: 'An inspection of ...', 'A joint (thematic) inspection of ...'."""
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\ufeff]")
"""Soft hyphens and zero-width characters: dropped, as no reader of the text sees them."""
_REPEATABLE = 40
"""A paragraph this long seen twice is a page repeating itself (a lead sentence, a caption)."""
_CELLS_KEPT = 2048
"""Distinct table cells whose cleaned text is kept: a corpus's ratings, standards and labels
(cells up to rejoin.NAME_LENGTH long)."""
_CAPTION_HINT = re.compile(r"(?:Photo|Image|Picture)(?: credit)?:")
FOOTNOTE_MARK = re.compile(r"^\[(\d{1,3})\]\s+(?=\S)")
LIST_MARK = "[-–*•‣⁃∙·◦\u2190-\u21ff\u25a0-\u25ff\u2700-\u27bf\ue000-\uf8ff]"
"""A list item's bullet: a dash or dot, an arrow, a geometric shape ('■', '◼', '▪'), a dingbat
('➢', '✓') or a symbol font's private-use glyph (Word's Symbol bullet reads U+F0B7)."""


@dataclass(slots=True)
class RawBlock:
    """A block as a reader found it, before normalisation.

    Not frozen: readers make one per block and never change it, and a frozen dataclass sets
    each field through object.__setattr__, which made making one three times as slow.
    """

    kind: BlockKind
    text: str = ""
    page: int | None = None
    level: int = 0
    rows: tuple[tuple[str, ...], ...] = ()
    label: str | None = None
    row_pages: tuple[int, ...] = ()
    """The page of each row of a table that runs over a page break; empty: all on ``page``."""


def clean(text: str) -> str:
    """One line of normalised text: single spaces, broken words whole, photo captions cut out."""
    return clean_all([text])[0]


def clean_all(texts: list[str]) -> list[str]:
    """Each text cleaned as `clean` cleans it, broken words looked for in all at once."""
    return rejoin_all(list(map(_tidy, texts)))


def _tidy(text: str) -> str:
    """A text with single spaces, no invisible characters and no photo caption."""
    if not text.isascii():  # the invisible characters are all outside ASCII
        text = _INVISIBLE.sub("", text)
    if not single_spaced(text):
        text = " ".join(text.split())
    if ":" in text and _CAPTION_HINT.search(text):  # a caption's hint ends in ':'
        text = vocabulary().caption.sub("", text).strip()
    return text


def single_spaced(text: str) -> bool:
    """Whether a text is already as splitting and joining it with single spaces would leave it.

    A printable text holds no white space but the ASCII space (str.split's others are all
    control, separator or non-breaking characters), so only its spaces need a look.
    """
    return text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "


def _cleaned_cell(text: str) -> Cell:
    """A table cell cleaned, with the pairs of its words that a document's prose may join."""
    return table_cell(clean(text))


_clean_cell = lru_cache(maxsize=_CELLS_KEPT)(_cleaned_cell)
"""A cell kept across documents: ratings, standards and labels recur in all."""


def heading_text(text: str) -> str:
    """A heading without the inspectorate's '(Back to top)' link."""
    return BACK_TO_TOP.sub("", text)


class _Builder:
    """Appends blocks to the normalised text and records where each one landed."""

    def __init__(self, prose: frozenset[str] = frozenset()) -> None:
        self.prose = prose
        self.parts: list[str] = []
        self.length = 0
        self.blocks: list[Block] = []
        self.paragraphs: set[str] = set()
        self.cells: dict[str, str] = {}  # each cell text as cleaned: ratings recur in every table
        self.places: list[tuple[int | None, int, int]] = []  # (page, start, end) of each part

    def _append(self, text: str) -> int:
        if self.parts:
            self.parts.append("\n")
            self.length += 1
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start

    def add(self, raw: RawBlock, text: str) -> None:
        """A block other than a table, with its text cleaned."""
        kind, label = raw.kind, raw.label
        marker = FOOTNOTE_MARK.match(text) if kind != "heading" else None
        if marker:
            kind, label, text = "footnote", marker.group(1), text[marker.end() :]
        if not text or vocabulary().noise.fullmatch(text):
            return
        if kind == "paragraph" and len(text) >= _REPEATABLE:
            if text in self.paragraphs:
                return
            self.paragraphs.add(text)
        start = self._append(text)
        self.blocks.append(Block(kind, start, start + len(text), raw.page, raw.level, label=label))
        self.places.append((raw.page, start, start + len(text)))

    def _cell(self, text: str) -> str:
        """A table cell's text cleaned, once per distinct text in the document.

        A label-sized cell is kept across documents too; a longer one is prose, which no other
        document repeats, and would only hold memory there.
        """
        if text not in self.cells:
            cleaned = _clean_cell(text) if len(text) <= NAME_LENGTH else _cleaned_cell(text)
            self.cells[text] = rejoin_from(cleaned, self.prose)
        return self.cells[text]

    def add_table(self, raw: RawBlock) -> None:
        """A table block, each distinct cell cleaned and joined from the prose once."""
        rows: list[Row] = []
        for index, raw_row in enumerate(raw.rows):
            cells = [self._cell(cell) for cell in raw_row]
            while cells and not cells[-1]:
                cells.pop()
            if not any(cells):
                continue
            start = self._append(" | ".join(cells))
            spans: list[Span] = []
            offset = start
            for cell in cells:
                spans.append(Span(offset, offset + len(cell)))
                offset += len(cell) + 3
            rows.append(Row(Span(start, self.length), tuple(spans)))
            page = raw.row_pages[index] if raw.row_pages else raw.page
            self.places.append((page, start, self.length))
        if rows:
            self.blocks.append(
                Block("table", rows[0].span.start, rows[-1].span.end, raw.page, rows=tuple(rows))
            )


def build(raw_blocks: Iterable[RawBlock], source: Source) -> Document:
    """Normalise the reader's blocks into a Document; pages follow the blocks' page numbers."""
    raws = list(raw_blocks)
    builder = _Builder(
        prose_words(raw.text for raw in raws if raw.kind != "table")
        if any(raw.kind == "table" for raw in raws)
        else frozenset()
    )
    cleaned = iter(
        clean_all(
            [
                heading_text(raw.text) if raw.kind == "heading" else raw.text
                for raw in raws
                if raw.kind != "table"
            ]
        )
    )
    for raw in raws:
        if raw.kind == "table":
            builder.add_table(raw)
        else:
            builder.add(raw, next(cleaned))
    text = "".join(builder.parts)
    return Document(
        text=text,
        blocks=builder.blocks,
        source=source,
        pages=_pages(builder.places, source.pages),
    )


def _pages(places: list[tuple[int | None, int, int]], count: int | None) -> list[Page]:
    """Page spans from the first and last block (or table row) on each page, for PDF sources."""
    if not count:
        return []
    firsts: dict[int, int] = {}
    lasts: dict[int, int] = {}
    for page, start, end in places:
        if page is not None:
            firsts.setdefault(page, start)
            lasts[page] = end
    return [Page(number, firsts[number], lasts[number]) for number in sorted(firsts)]
