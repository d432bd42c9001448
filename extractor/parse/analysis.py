"""Run the spaCy pipeline over a document's blocks and rows and index what it found by offset."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from extractor.columns import column, columns, set_column  # first: it imports spaCy, not its CLI

# isort: split
import numpy
from numpy.typing import NDArray
from spacy.attrs import IDX, LENGTH, SENT_START

from extractor.document import Block, Document, Span
from extractor.nlp import FACTS, NUMBERS, SAMPLES, found, pipeline
from extractor.tokens import doc_text
from models import Evidence, GroundedDate, GroundedText, Qualifier

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

_ISO_DAY = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})")


@dataclass(slots=True, unsafe_hash=True)
class Fact:
    """One matched fact with its value, at absolute offsets in the document's text.

    Never changed once made, but not frozen: a document holds hundreds, and a frozen dataclass
    builds three times slower (a NamedTuple twice, and reads its fields slower). Hashed on its
    fields as a frozen one is.
    """

    label: str
    start: int
    end: int
    value: Any
    qualifier: Qualifier | None = None


_NONE: tuple[list[int], list[Fact]] = ([], [])
"""The index of a label no fact has."""


@dataclass(slots=True)
class Analysis:
    """A document together with the facts and sentences the pipeline found in it."""

    document: Document
    facts: list[Fact]
    sentences: list[Span]
    _fact_starts: list[int] = field(init=False, repr=False)
    _by_label: dict[str, tuple[list[int], list[Fact]]] = field(init=False, repr=False)
    _sentence_starts: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        """Sort and index once, by label too; every lookup afterwards is a bisection.

        Facts are sorted by start, and at one start the longest first: sorted by end, longest
        first, then (the sort being stable) by start.
        """
        self.facts.sort(key=attrgetter("end"), reverse=True)
        self.facts.sort(key=attrgetter("start"))
        self.sentences.sort(key=attrgetter("start"))
        self._fact_starts = [fact.start for fact in self.facts]
        by_label: dict[str, list[Fact]] = {}
        for fact in self.facts:
            by_label.setdefault(fact.label, []).append(fact)
        self._by_label = {
            label: ([fact.start for fact in facts], facts) for label, facts in by_label.items()
        }
        self._sentence_starts = [sentence.start for sentence in self.sentences]

    @property
    def text(self) -> str:
        """The document's normalised text."""
        return self.document.text

    def facts_in(self, start: int, end: int, *labels: str) -> list[Fact]:
        """Facts lying wholly within [start, end), optionally of the given labels only.

        Most lookups ask for one label: they bisect that label's facts alone.
        """
        if len(labels) == 1:
            starts, facts = self._by_label.get(labels[0], _NONE)
            first = bisect_left(starts, start)
            last = bisect_left(starts, end, lo=first)
            return [fact for fact in facts[first:last] if fact.end <= end]
        first = bisect_left(self._fact_starts, start)
        last = bisect_left(self._fact_starts, end, lo=first)
        return [
            fact
            for fact in self.facts[first:last]
            if fact.end <= end and (not labels or fact.label in labels)
        ]

    def blocks_holding(self, label: str) -> list[bool]:
        """For each block, whether a fact of the label lies wholly within it (as `facts_in` finds).

        One bisection per block over the label's facts, without a list of them per block: parsers
        ask this of every block to skip those without a rating or a date.
        """
        starts, facts = self._by_label.get(label, _NONE)
        found: list[bool] = []
        for block in self.document.blocks:
            index = bisect_left(starts, block.start)
            while index < len(facts) and facts[index].start < block.end < facts[index].end:
                index += 1
            found.append(index < len(facts) and facts[index].start < block.end)
        return found

    def facts_of(self, label: str) -> list[Fact]:
        """Every fact of one label, in the order of the text."""
        return list(self._by_label.get(label, _NONE)[1])

    def sentence_at(self, offset: int) -> Span:
        """The sentence holding an offset."""
        index = max(bisect_right(self._sentence_starts, offset) - 1, 0)
        return self.sentences[index]

    def sentences_in(self, start: int, end: int) -> Iterator[Span]:
        """Sentences starting within [start, end), found by bisection without copying the list."""
        first = bisect_left(self._sentence_starts, start)
        last = bisect_left(self._sentence_starts, end, lo=first)
        for index in range(first, last):
            yield self.sentences[index]

    def declared_date(self) -> GroundedDate | None:
        """The publication date an HTML page declares in its head ('2025-08-20T00:01:00')."""
        meta = self.document.meta("published")
        match = _ISO_DAY.match(self.document.slice(meta)) if meta is not None else None
        if meta is None or match is None:
            return None
        start = meta.start + match.start(1)
        return GroundedDate(value=match.group(1), evidence=self.evidence(start, start + 10))

    def evidence(self, start: int, end: int) -> Evidence:
        """Evidence for a span of the text."""
        return self.document.evidence(start, end)

    def evidence_of(self, located: Fact | Span | Block) -> Evidence:
        """Evidence for a fact, span or block, quoting exactly its stretch of the text."""
        return self.document.evidence(located.start, located.end)

    def grounded(self, start: int, end: int) -> GroundedText:
        """A stretch of the text as a value, the value being exactly what its evidence quotes."""
        evidence = self.document.evidence(start, end)
        return GroundedText(value=evidence.text, evidence=evidence)

    def slice(self, start: int, end: int) -> str:
        """The text between two offsets."""
        return self.document.text[start:end]


_LONGEST = 100_000
"""Characters the pipeline reads at once: spaCy refuses a text over its max_length (1,000,000)."""
_LONGEST_SENTENCE = 2_000
"""Characters in a sentence; real ones are far shorter (the fixtures' longest: 360)."""
_SEPARATOR = "\n\n"
"""Put between the units of one doc: a token of its own that no pattern or word list holds."""


def units(document: Document) -> Iterator[tuple[int, int]]:
    """(start, end) of each stretch the pipeline reads as if alone: each block, each table row.

    A stretch of over _LONGEST characters is read in pieces. Plain offsets: no Span is built.
    """
    for block in document.blocks:
        spans = [row.span for row in block.rows] if block.rows else [block]
        for span in spans:
            if span.end - span.start > _LONGEST:
                yield from _pieces(document.text, span.start, span.end)
            else:
                yield span.start, span.end


def _pieces(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """A stretch in pieces of at most _LONGEST characters, cut after a full stop or at a space."""
    while end - start > _LONGEST:
        limit = start + _LONGEST
        cut = text.rfind(". ", start, limit) + 1 or text.rfind(" ", start, limit)
        cut = cut if cut > start else limit
        yield start, cut
        start = cut
        while start < end and text[start] == " ":
            start += 1
    yield start, end


@dataclass(frozen=True, slots=True)
class _Joined:
    """Units joined by _SEPARATOR into one text, where each starts in it, and its shift back."""

    text: str
    starts: NDArray[numpy.int64]
    """Where each unit starts in the joined text."""
    moves: NDArray[numpy.int64]
    """What turns an offset in each unit into one in the document."""

    @classmethod
    def of(cls, document: Document, bounds: list[tuple[int, int]]) -> _Joined:
        """The units' texts joined, in the order given ((start, end) of each)."""
        text = document.text
        firsts, ends = numpy.array(bounds, dtype=numpy.int64).reshape(len(bounds), 2).T
        starts = numpy.zeros(len(bounds), dtype=numpy.int64)  # after the units and separators
        numpy.cumsum(ends[:-1] - firsts[:-1] + len(_SEPARATOR), out=starts[1:])
        joined = _SEPARATOR.join([text[start:end] for start, end in bounds])
        return cls(joined, starts, firsts - starts)

    def shifts(self, offsets: list[int]) -> list[int]:
        """What turns each offset in the joined text into one in the document: its unit's shift.

        Found for all offsets at once, by one search of the units' starts.
        """
        units = numpy.searchsorted(self.starts, offsets, side="right") - 1
        shifts: list[int] = self.moves[units].tolist()
        return shifts


def _groups(document: Document) -> Iterator[list[tuple[int, int]]]:
    """The units' (start, end) in runs that join into texts of at most _LONGEST characters.

    A unit with whitespace at an end is read alone: the tokenizer would make one token of that
    whitespace and the separator. An empty unit holds nothing to read.
    """
    text = document.text
    group: list[tuple[int, int]] = []
    length = 0
    for start, end in units(document):
        size = end - start
        if not size:
            continue
        if text[start].isspace() or text[end - 1].isspace():
            yield [(start, end)]
            continue
        if group and length + len(_SEPARATOR) + size > _LONGEST:
            yield group
            group, length = [], 0
        length += (len(_SEPARATOR) if group else 0) + size
        group.append((start, end))
    if group:
        yield group


def _doc(nlp: Language, joined: _Joined) -> Doc:
    """The joined text's doc, in which each unit reads as if it were alone.

    The tokenizer splits at whitespace before anything else, so a unit's tokens are those of
    its text alone, and the separator between two units is one token, which none of English's
    special cases holds. A sentence is set to start at each unit's first token and not at a
    separator: the sentencizer keeps starts set before it (as spaCy's does), and a separator,
    being neither punctuation nor a sentence-final mark, leaves it reading on as from a doc's
    first token. Nothing else reaches across a separator: the number expressions see a newline
    at a unit's ends as they see a text's ends (and find the same numbers in ASCII and other
    texts), and no pattern, sample noun, qualifier, area name or word around 'half' holds a
    whitespace token.
    """
    doc = nlp.make_doc(joined.text)
    firsts = numpy.searchsorted(columns(doc)[IDX], joined.starts[1:])
    starts = numpy.zeros(len(doc), dtype=numpy.int64)
    starts[firsts - 1] = -1  # the separator before each unit
    starts[firsts] = 1
    set_column(doc, SENT_START, starts)
    return doc


def analyse(document: Document) -> Analysis:
    """Run the pipeline over the document's units and gather its findings.

    Units are read many to a doc (`_doc`): the same facts and sentences as one doc per unit,
    without a doc's fixed cost for each unit.
    """
    nlp = pipeline()
    facts: list[Fact] = []
    sentences: list[Span] = []
    joins = (_Joined.of(document, group) for group in _groups(document))
    docs = ((_doc(nlp, joined), joined) for joined in joins)
    for doc, joined in nlp.pipe(docs, as_tuples=True):
        sentences.extend(_sentences(doc, joined))
        listed = [fact for key in (FACTS, SAMPLES, NUMBERS) for fact in found(doc, key)]
        shifts = joined.shifts([start for _, start, _, _, _ in listed])
        facts += [
            Fact(label, start + shift, end + shift, value, qualifier)
            for (label, start, end, value, qualifier), shift in zip(listed, shifts, strict=True)
        ]
    return Analysis(document, facts, sentences)


def _sentences(doc: Doc, joined: _Joined) -> list[Span]:
    """Sentence spans from the sentencizer's starts, read as arrays rather than token by token.

    A sentence ends where its last token ends, less any whitespace there (a whitespace token):
    only such an end is stripped. A 'sentence' longer than _LONGEST_SENTENCE (text without full
    stops) is cut at spaces: the parsers' work per fact grows with its sentence, and would grow
    with the whole text. A sentence ends within its unit: the next unit starts one, and the
    separator is whitespace.
    """
    if not len(doc):
        return []
    read = columns(doc)
    idx = read[IDX]
    firsts = column(doc, SENT_START) == 1
    firsts[0] = True
    lasts = numpy.append(numpy.flatnonzero(firsts)[1:], len(doc)) - 1
    starts = idx[firsts].tolist()
    ends = (idx[lasts] + read[LENGTH][lasts]).tolist()
    text = doc_text(doc)
    found: list[Span] = []
    for start, end, offset in zip(starts, ends, joined.shifts(starts), strict=True):
        stop = start + len(text[start:end].rstrip()) if text[end - 1].isspace() else end
        while stop - start > _LONGEST_SENTENCE:
            space = text.rfind(" ", start + 1, start + _LONGEST_SENTENCE)
            cut = space if space > start else start + _LONGEST_SENTENCE
            found.append(Span(offset + start, offset + cut))
            start = cut + 1 if space > start else cut
        found.append(Span(offset + start, offset + stop))
    return found
