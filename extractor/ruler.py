"""The fact patterns' ruler: a SpanRuler running each token pattern only where it can match."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from typing import Any

from extractor.columns import columns  # first: it imports spaCy without its command line

# isort: split
from spacy.attrs import LOWER, SHAPE
from spacy.matcher import Matcher
from spacy.pipeline import SpanRuler
from spacy.tokens import Doc, Span

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
    pattern at every token of the doc.
    """

    def clear(self) -> None:
        """Reset all patterns, the Matchers by key with them."""
        super().clear()
        self.keyed: dict[Listed, _Keyed] = {}
        self.keys: dict[int, dict[int, list[Listed]]] = {}
        """Attribute -> value -> the keys a token with that value is."""

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

    def match(self, doc: Doc) -> list[Span]:
        """The phrase matches, and each key's token matches in the stretches around it."""
        matches = list(self.phrase_matcher(doc))
        for keyed, start, end in self._windows(doc):
            matches += [(key, start + s, start + e) for key, s, e in keyed.matcher(doc[start:end])]
        labels = self._match_label_id_map
        spans = {
            Span(doc, start, end, label=labels[key]["label"], span_id=labels[key]["id"])
            for key, start, end in matches
            if start != end
        }
        return sorted(spans)

    def _windows(self, doc: Doc) -> Iterator[tuple[_Keyed, int, int]]:
        """Token ranges around each key a match can span, overlapping ones merged.

        Every key's tokens are found in one pass over each attribute's column. A key's Matcher
        runs only when the doc holds all the listed tokens of at least one of its patterns.
        """
        read = columns(doc)
        found: dict[Listed, list[int]] = {}
        for attr, by_value in self.keys.items():
            column = read[attr]
            for index in [i for i, value in enumerate(column) if value in by_value]:
                for key in by_value[column[index]]:
                    found.setdefault(key, []).append(index)
        held = {attr: set(read[attr]) for attr in self.keys} if found else {}
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
                if keyed.may_match({attr: read[attr][start:end] for attr in self.keys}):
                    yield keyed, start, end
