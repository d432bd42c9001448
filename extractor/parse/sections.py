"""Which section each block belongs to, from the document's headings."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.document import Block, Document


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and the blocks under it, up to the next heading of the same or a higher level."""

    title: str
    first: int
    last: int

    def blocks(self, document: Document) -> list[Block]:
        """The blocks under the heading, the heading itself excluded."""
        return document.blocks[self.first : self.last]


def sections(document: Document) -> list[Section]:
    """Every section under a heading below the title, in document order."""
    blocks = document.blocks
    headings = [
        index for index, block in enumerate(blocks) if block.kind == "heading" and index > 0
    ]
    ends = dict.fromkeys(headings, len(blocks))
    open_headings: list[int] = []  # their levels rise from the bottom up
    for index in headings:
        while open_headings and blocks[open_headings[-1]].level >= blocks[index].level:
            ends[open_headings.pop()] = index
        open_headings.append(index)
    return [Section(document.slice(blocks[index]), index + 1, ends[index]) for index in headings]


def find_section(parts: list[Section], pattern: str) -> Section | None:
    """The first of a document's sections whose title matches a regular expression, any case.

    It takes the `sections` a parser built once, as it looks for several.
    """
    regex = re.compile(pattern, re.IGNORECASE)
    return next((section for section in parts if regex.search(section.title)), None)


def section_titles(document: Document) -> list[str | None]:
    """For each block, the title of the nearest heading above it (None before the first)."""
    titles: list[str | None] = []
    current: str | None = None
    for index, block in enumerate(document.blocks):
        titles.append(current)
        if block.kind == "heading" and index > 0:
            current = document.slice(block)
    return titles
