"""The normalised document model every parser reads, whatever the input format was."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal, TypedDict

from models import Evidence, Source

_validate_evidence = Evidence.__pydantic_validator__.validate_python
"""Evidence validated by its model's own schema, without the keyword frame of BaseModel.__init__:
a document makes an evidence for every value, and that frame cost about as much as validating."""

BlockKind = Literal["heading", "paragraph", "list_item", "table", "footnote", "meta"]
"""A meta block holds a value an HTML page declares in its head (label: title, author,
published, site), verbatim, so values read from it are grounded like any other text."""


class EvidenceFields(TypedDict):
    """An evidence's fields as plain data, for a model that holds one to validate with itself."""

    page: int | None
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the normalised text, [start, end)."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Row:
    """A table row: its own span and the span of each cell."""

    span: Span
    cells: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Block:
    """A heading, paragraph, list item, table, footnote or meta line, located in the text."""

    kind: BlockKind
    start: int
    end: int
    page: int | None = None
    level: int = 0
    rows: tuple[Row, ...] = ()
    label: str | None = None


@dataclass(frozen=True, slots=True)
class Page:
    """A PDF page's stretch of the normalised text."""

    number: int
    start: int
    end: int


@dataclass(slots=True)
class Document:
    """One input as normalised text and the blocks that structure it."""

    text: str
    blocks: list[Block]
    source: Source
    pages: list[Page] = field(default_factory=list)
    _page_starts: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        """Index page starts once, since every evidence lookup needs them."""
        self._page_starts = [page.start for page in self.pages]

    def slice(self, span: Span | Block) -> str:
        """The text of a span or block."""
        return self.text[span.start : span.end]

    def page_at(self, offset: int) -> int | None:
        """The page number holding an offset, or None for formats without pages."""
        if not self.pages:
            return None
        return self.pages[max(bisect_right(self._page_starts, offset) - 1, 0)].number

    def evidence(self, start: int, end: int) -> Evidence:
        """Evidence for a span, trimmed of surrounding spaces so the quote reads cleanly."""
        return _validate_evidence(self.evidence_fields(start, end))  # type: ignore[no-any-return]

    def evidence_fields(self, start: int, end: int) -> EvidenceFields:
        """The fields of `evidence` for a span, unvalidated: for a model that nests them."""
        chunk = self.text[start:end]
        text = chunk.strip()
        if chunk:
            if len(text) != len(chunk):
                start += len(chunk) - len(chunk.lstrip())
            end = start + len(text)
        return {"page": self.page_at(start), "start": start, "end": end, "text": text}

    def meta(self, label: str) -> Block | None:
        """The meta block with this label, if the page declared it."""
        return next((b for b in self.blocks if b.kind == "meta" and b.label == label), None)

    def cells(self, block: Block) -> Iterator[list[str]]:
        """Each row of a table block as a list of cell texts."""
        for row in block.rows:
            yield [self.text[cell.start : cell.end] for cell in row.cells]
