"""The fact patterns' ruler: a SpanRuler matching its token patterns over token arrays."""

from __future__ import annotations

from typing import Any, NamedTuple

from extractor.token_patterns import ArrayPatterns  # first: it imports spaCy without its CLI

# isort: split
from spacy.pipeline import SpanRuler
from spacy.tokens import Doc

_MATCHES = "matches:"
"""Prefix of the doc.user_data key holding the ruler's matches."""


class Match(NamedTuple):
    """One kept match: its tokens, its label and its pattern's id."""

    start: int
    end: int
    label: str
    pattern_id: str


def matches(doc: Doc, key: str) -> list[Match]:
    """The matches a ruler listed under its key, in the order of the doc."""
    found: list[Match] = doc.user_data.get(_MATCHES + key, [])
    return found


def first_longest(spans: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Of distinct (start, end, rank) spans, sorted, those spaCy's first-longest filter keeps.

    The filter tries the spans longest first, then by start, then by rank, and keeps each whose
    first and last tokens no span kept before holds. A span overlapping no other is kept
    whatever the order: those are found in one pass over the spans in the order of the doc,
    and only the others (mostly none) are tried in the filter's order.
    """
    kept: list[tuple[int, int, int]] = []
    crowded: list[tuple[int, int, int]] = []
    alone: tuple[int, int, int] | None = None  # the last span, overlapping none before it
    reach = 0  # the furthest end of the spans before
    for span in spans:
        if span[0] < reach:
            if alone is not None:
                crowded.append(alone)
                alone = None
            crowded.append(span)
        else:
            if alone is not None:
                kept.append(alone)
            alone = span
        if span[1] > reach:
            reach = span[1]
    if alone is not None:
        kept.append(alone)
    if crowded:
        taken: set[int] = set()
        for start, end, rank in sorted(crowded, key=_filter_order):
            if start not in taken and end - 1 not in taken:
                kept.append((start, end, rank))
                taken.update(range(start, end))
        kept.sort()
    return kept


def _filter_order(span: tuple[int, int, int]) -> tuple[int, int, int]:
    """The order in which the filter tries spans: longest first, then by start, then by rank."""
    start, end, rank = span
    return start - end, start, rank


class InspectionPatterns(SpanRuler):
    """A SpanRuler whose token patterns are matched over the doc's token arrays at once.

    A token pattern's tokens each test one attribute, and one of them listed words or shapes
    ('%', 'cent', a fraction word, a year's 'dddd'): `ArrayPatterns` looks for it only where
    that token passes, finding the same matches as the ruler's own Matcher, which tries every
    pattern at every token and builds a Python object per token. Run in a pipeline, the ruler
    lists the matches it keeps as plain values (`matches`) rather than as Spans in doc.spans.
    """

    def clear(self) -> None:
        """Reset all patterns, the array patterns with them."""
        super().clear()
        self.arrays = ArrayPatterns(self.nlp.vocab.strings)
        self.ids_by_key: dict[int, tuple[int, int]] = {}
        """Match key -> the (label, pattern id) string ids of its Spans."""
        self.ranks: dict[int, int] = {}
        """Match key -> its place in the order of (label id, pattern id, key), as Spans sort."""
        self.ranked: list[tuple[str, str]] = []
        """(label, pattern id) of each rank."""

    def remove(self, label: str) -> None:
        """Not supported: the array patterns would keep the removed patterns."""
        raise NotImplementedError("patterns are only added to this ruler; build a new one")

    def remove_by_id(self, pattern_id: str) -> None:
        """Not supported: the array patterns would keep the removed patterns."""
        raise NotImplementedError("patterns are only added to this ruler; build a new one")

    def add_patterns(self, patterns: list[dict[str, Any]]) -> None:
        """Add the patterns; each token pattern also to the array patterns."""
        super().add_patterns(patterns)
        strings = self.nlp.vocab.strings
        for item in patterns:
            if not isinstance(item["pattern"], str):
                label = repr((item["label"], item.get("id", "")))  # as the ruler's Matcher has it
                self.arrays.add(strings.add(label), item["pattern"])
        self.ids_by_key = {
            key: (strings.add(entry["label"]), strings.add(entry["id"]))
            for key, entry in self._match_label_id_map.items()
        }
        keys = sorted(self.ids_by_key, key=lambda key: (*self.ids_by_key[key], key))
        self.ranks = {key: rank for rank, key in enumerate(keys)}
        entries = [self._match_label_id_map[key] for key in keys]
        self.ranked = [(entry["label"], entry["id"]) for entry in entries]

    def __call__(self, doc: Doc) -> Doc:
        """List the matches under the ruler's key as plain values (`matches`): no Span is built.

        Of overlapping matches the first longest is kept, as spaCy's first_longest_spans_filter
        keeps it (`first_longest`), the Spans' order being their key's rank.
        """
        ranks, ranked = self.ranks, self.ranked
        found = self.phrase_matcher(doc) + self.arrays(doc)
        spans = sorted({(start, end, ranks[key]) for key, start, end in found if start != end})
        doc.user_data[_MATCHES + str(self.key)] = [
            Match(start, end, *ranked[rank]) for start, end, rank in first_longest(spans)
        ]
        return doc
