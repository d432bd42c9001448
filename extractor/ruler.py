"""The fact patterns' ruler: a SpanRuler running each token pattern only where it can match."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection, Iterator, Mapping
from typing import Any, NamedTuple

from extractor.columns import columns  # first: it imports spaCy without its command line

# isort: split
import numpy
from numpy.typing import NDArray
from spacy.attrs import LOWER, SHAPE
from spacy.matcher import Matcher
from spacy.pipeline import SpanRuler
from spacy.tokens import Doc, Span

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


Listed = tuple[int, frozenset[int]]
"""(attribute, values) a token always matching one of a pattern token's listed words has."""


class _Keyed:
    """Token patterns sharing a key token: their Matcher, and what a match around a key needs."""

    def __init__(self, matcher: Matcher) -> None:
        """No patterns yet: they reach nothing and need nothing."""
        self.matcher = matcher
        self.before = self.after = 0
        self.needs: list[list[Listed]] = []
        """Per pattern, its listed tokens: a match holds a token of each."""

    def may_match(self, held: Mapping[int, Collection[int]]) -> bool:
        """Whether tokens with these values (by attribute) hold all one pattern's listed tokens."""
        for needs in self.needs:
            for attr, values in needs:
                if values.isdisjoint(held[attr]):
                    break
            else:
                return True
        return False


class InspectionPatterns(SpanRuler):
    """A SpanRuler whose token patterns each run only around their own key token.

    A token pattern's listed tokens always match one of a few words or shapes ('%', 'cent', a
    fraction word, a year's 'dddd'); its key is the last of them. Every match holds its key and
    reaches no further before and after it than the pattern has tokens, so patterns sharing a
    key share a Matcher, run only on the stretches around that key's tokens that hold all the
    listed tokens of one of them: the same matches as the ruler's own Matcher, which tries every
    pattern at every token of the doc. Run in a pipeline, it lists the matches it keeps as plain
    values (`matches`) rather than as Spans in doc.spans.
    """

    def clear(self) -> None:
        """Reset all patterns, the Matchers by key with them."""
        super().clear()
        self.keyed: dict[Listed, _Keyed] = {}
        self.keys: dict[int, dict[int, list[Listed]]] = {}
        """Attribute -> value -> the keys a token with that value is."""
        self.wanted: dict[int, NDArray[numpy.uint64]] = {}
        """Attribute -> every value a pattern's listed token may have, as a doc's column has it."""
        self.key_values: dict[int, NDArray[numpy.uint64]] = {}
        """Attribute -> the values of its keys' tokens, as a doc's column has them."""
        self.ids_by_key: dict[int, tuple[int, int]] = {}
        """Match key -> the (label, pattern id) string ids of its Spans."""

    def remove(self, label: str) -> None:
        """Not supported: the Matchers by key would keep the removed patterns."""
        raise NotImplementedError("patterns are only added to this ruler; build a new one")

    def remove_by_id(self, pattern_id: str) -> None:
        """Not supported: the Matchers by key would keep the removed patterns."""
        raise NotImplementedError("patterns are only added to this ruler; build a new one")

    def add_patterns(self, patterns: list[dict[str, Any]]) -> None:
        """Add the patterns; each token pattern also to the Matcher of its key."""
        super().add_patterns(patterns)
        for item in patterns:
            tokens = item["pattern"]
            if isinstance(tokens, str):
                continue
            if any(token.get("OP") not in (None, "?") for token in tokens):
                raise ValueError(f"token pattern {item} repeats a token: its reach is unbounded")
            listed = {i: self._listed(token) for i, token in enumerate(tokens)}
            needs = {i: found for i, found in listed.items() if found is not None}
            if not needs:
                raise ValueError(f"token pattern {item} has no token matching only listed words")
            index = max(needs)
            keyed = self.keyed.get(needs[index])
            if keyed is None:
                keyed = self.keyed[needs[index]] = _Keyed(self._matcher())
                attr, values = needs[index]
                for value in values:
                    self.keys.setdefault(attr, {}).setdefault(value, []).append(needs[index])
            for attr, _ in needs.values():  # every attribute a pattern needs is read
                self.keys.setdefault(attr, {})
            label = repr((item["label"], item.get("id", "")))  # as the ruler's own Matcher has it
            keyed.matcher.add(label, [tokens])
            keyed.before = max(keyed.before, index)
            keyed.after = max(keyed.after, len(tokens) - index)
            keyed.needs.append(list(needs.values()))
        self.wanted = {
            attr: numpy.array(sorted(wanted), dtype=numpy.uint64)
            for attr, wanted in self._wanted().items()
        }
        self.key_values = {
            attr: numpy.array(sorted(by_value), dtype=numpy.uint64)
            for attr, by_value in self.keys.items()
        }
        strings = self.nlp.vocab.strings
        self.ids_by_key = {
            key: (strings.add(entry["label"]), strings.add(entry["id"]))
            for key, entry in self._match_label_id_map.items()
        }

    def _wanted(self) -> dict[int, set[int]]:
        """Every value a pattern's listed token may have, by attribute."""
        wanted: dict[int, set[int]] = {attr: set() for attr in self.keys}
        for keyed in self.keyed.values():
            for needs in keyed.needs:
                for attr, values in needs:
                    wanted[attr] |= values
        return wanted

    def _matcher(self) -> Matcher:
        """A Matcher like the ruler's own."""
        return Matcher(
            self.nlp.vocab, validate=self.validate, fuzzy_compare=self.matcher_fuzzy_compare
        )

    def _listed(self, token: dict[str, Any]) -> Listed | None:
        """The attribute and values of a doc's token matching a pattern token's listed words.

        None for a pattern token that is optional or matches what no list names (a number).
        A token whose ORTH or TEXT is listed has the lowercase of it as its LOWER.
        """
        if token.get("OP") is not None:
            return None
        for name, attr in (("LOWER", LOWER), ("ORTH", LOWER), ("TEXT", LOWER), ("SHAPE", SHAPE)):
            value = token.get(name)
            words = value.get("IN") if isinstance(value, dict) and len(value) == 1 else [value]
            if isinstance(words, list) and all(isinstance(word, str) for word in words):
                lowered = (word if name in ("LOWER", "SHAPE") else word.lower() for word in words)
                return attr, frozenset(self.nlp.vocab.strings.add(word) for word in lowered)
        return None

    def __call__(self, doc: Doc) -> Doc:
        """List the matches under the ruler's key as plain values (`matches`): no Span is built.

        Of overlapping matches the first longest is kept, as spaCy's first_longest_spans_filter
        keeps it.
        """
        kept: list[Match] = []
        taken: set[int] = set()
        found = self._matches(doc)
        by_length = sorted(found, key=lambda match: (match[1] - match[0], -match[0]), reverse=True)
        for start, end, _, _, key in by_length:
            if start not in taken and end - 1 not in taken:
                entry = self._match_label_id_map[key]
                kept.append(Match(start, end, entry["label"], entry["id"]))
                taken.update(range(start, end))
        kept.sort(key=lambda match: match.start)
        doc.user_data[_MATCHES + str(self.key)] = kept
        return doc

    def match(self, doc: Doc) -> list[Span]:
        """The distinct matches as Spans, in the Spans' order, as the SpanRuler has them."""
        return [
            Span(doc, start, end, label=label, span_id=pattern_id)
            for start, end, label, pattern_id, _ in self._matches(doc)
        ]

    def _matches(self, doc: Doc) -> list[tuple[int, int, int, int, int]]:
        """(start, end, label id, pattern id, match key) of every distinct match, in Span order.

        The phrase matches, and each key's token matches in the stretches around it.
        """
        matches = list(self.phrase_matcher(doc))
        for keyed, start, end in self._windows(doc):
            matches += [(key, start + s, start + e) for key, s, e in keyed.matcher(doc[start:end])]
        ids = self.ids_by_key
        return sorted({(start, end, *ids[key], key) for key, start, end in matches if start != end})

    def _windows(self, doc: Doc) -> Iterator[tuple[_Keyed, int, int]]:
        """Token ranges around each key a match can span, overlapping ones merged.

        The tokens of listed words are found with numpy in each attribute's column, and only
        they are read in Python. A key's Matcher runs only when the doc holds all the listed
        tokens of at least one of its patterns.
        """
        read = columns(doc)
        found: dict[Listed, list[int]] = {}
        listed: dict[int, tuple[list[int], list[int]]] = {}
        for attr, wanted in self.wanted.items():
            column = read[attr]
            at = numpy.flatnonzero(numpy.isin(column, wanted))
            values = column[at]
            listed[attr] = at.tolist(), values.tolist()
            keys = numpy.isin(values, self.key_values[attr])
            by_value = self.keys[attr]
            for index, value in zip(at[keys].tolist(), values[keys].tolist(), strict=True):
                for key in by_value[value]:
                    found.setdefault(key, []).append(index)
        held = {attr: set(values) for attr, (_, values) in listed.items()} if found else {}
        for key, indices in found.items():
            keyed = self.keyed[key]
            if not keyed.may_match(held):
                continue
            windows: list[tuple[int, int]] = []
            for index in indices:
                start, end = max(0, index - keyed.before), min(len(doc), index + keyed.after)
                if windows and start <= windows[-1][1]:
                    windows[-1] = (windows[-1][0], end)
                else:
                    windows.append((start, end))
            for start, end in windows:
                within = {
                    attr: values[bisect_left(positions, start) : bisect_left(positions, end)]
                    for attr, (positions, values) in listed.items()
                }
                if keyed.may_match(within):
                    yield keyed, start, end
