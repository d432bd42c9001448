"""Token patterns matched over a doc's attribute arrays at once, rather than token by token."""

from __future__ import annotations

from extractor.columns import column  # first: it imports spaCy without its command line

# isort: split
from itertools import product
from typing import Any

import numpy
from numpy.typing import NDArray
from spacy.attrs import IS_ALPHA, LOWER, NORM, ORTH, SHAPE
from spacy.strings import StringStore
from spacy.tokens import Doc

from extractor.tokens import Hashes, among

Test = tuple[int, frozenset[int]]
"""(attribute, values): a doc's token passes when its attribute has one of the values."""
_Variant = tuple[int, int, int, list[tuple[int, int, NDArray[numpy.uint64]]]]
"""(match key, first and end token from the anchor, (offset, attribute, values) of each test)."""

_ATTRS = {
    "ORTH": ORTH,
    "TEXT": ORTH,
    "LOWER": LOWER,
    "SHAPE": SHAPE,
    "NORM": NORM,
    "IS_ALPHA": IS_ALPHA,
}
"""The pattern keys a test reads, and the attribute each reads (a token's TEXT is its ORTH)."""
_LISTED = (ORTH, LOWER, SHAPE)
"""Attributes of listed words and shapes: a test of one of them passes at few of a doc's tokens."""


def _caseless(text: str) -> bool:
    """Whether a text is ASCII without letters ('%', '100,000'): it is its own lowercase.

    No character lowercases to one of these, so a token's LOWER is such a text exactly when
    its ORTH is, and a test of such texts reads the LOWER column, which the doc reads anyway.
    """
    return text.isascii() and not any(char.isalpha() for char in text)


class ArrayPatterns:
    """Token patterns whose tokens each test one attribute, and at most are optional ('?').

    A pattern matches what each of its variants (with and without each optional token)
    matches, as spaCy's Matcher finds it. A variant is looked for only where its anchor, its
    last token testing listed words or shapes, passes: its other tests are checked at all
    those places at once with numpy, tests of listed words first (they rule out the most),
    over one array per attribute, read from the doc only when a test needs it.
    """

    def __init__(self, strings: StringStore) -> None:
        """No patterns yet."""
        self.strings = strings
        self.anchored: dict[Test, list[_Variant]] = {}
        """Per anchor's test, the variants anchored by it."""
        self.listed: dict[int, Hashes] = {}
        """Per listed attribute, every value an anchor of that attribute passes."""
        self.passing: dict[Test, NDArray[numpy.bool_]] = {}
        """Per anchor's test, whether it passes each of its attribute's listed values (sorted)."""

    def add(self, key: int, pattern: list[dict[str, Any]]) -> None:
        """Add a pattern's variants under its match key; refuse one that arrays cannot match."""
        if any(token.get("OP") not in (None, "?") for token in pattern):
            raise ValueError(f"token pattern {pattern} repeats a token: its reach is unbounded")
        tests = [self._test(token, pattern) for token in pattern]
        optional = [i for i, token in enumerate(pattern) if token.get("OP") == "?"]
        for kept in product((True, False), repeat=len(optional)):
            dropped = {i for i, keep in zip(optional, kept, strict=True) if not keep}
            variant = [test for i, test in enumerate(tests) if i not in dropped]
            anchors = [i for i, (attr, _) in enumerate(variant) if attr in _LISTED]
            if not anchors:
                raise ValueError(f"token pattern {pattern} has no token matching only listed words")
            anchor = anchors[-1]
            others = sorted(
                (attr not in _LISTED, index, attr, numpy.array(sorted(values), numpy.uint64))
                for index, (attr, values) in enumerate(variant)
                if index != anchor
            )
            checks = [(index - anchor, attr, values) for _, index, attr, values in others]
            first, last = -anchor, len(variant) - anchor
            self.anchored.setdefault(variant[anchor], []).append((key, first, last, checks))
        listed: dict[int, set[int]] = {}
        for attr, values in self.anchored:
            listed.setdefault(attr, set()).update(values)
        self.listed = {attr: Hashes(values) for attr, values in listed.items()}
        self.passing = {
            (attr, values): among(
                self.listed[attr].sorted, numpy.array(sorted(values), numpy.uint64)
            )
            for attr, values in self.anchored
        }

    def _test(self, token: dict[str, Any], pattern: list[dict[str, Any]]) -> Test:
        """The test of one pattern token: one attribute, one value or a list ('IN')."""
        tested = [(name, value) for name, value in token.items() if name != "OP"]
        if len(tested) != 1 or tested[0][0] not in _ATTRS:
            raise ValueError(f"token pattern {pattern} tests what arrays do not match: {token}")
        name, value = tested[0]
        if name == "IS_ALPHA" and isinstance(value, bool):
            return IS_ALPHA, frozenset([int(value)])
        words = value.get("IN") if isinstance(value, dict) and list(value) == ["IN"] else [value]
        if name == "IS_ALPHA" or not isinstance(words, list):
            raise ValueError(f"token pattern {pattern} tests what arrays do not match: {token}")
        if not all(isinstance(word, str) for word in words):
            raise ValueError(f"token pattern {pattern} tests what arrays do not match: {token}")
        attr = LOWER if _ATTRS[name] == ORTH and all(map(_caseless, words)) else _ATTRS[name]
        return attr, frozenset(self.strings.add(word) for word in words)

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(match key, start, end) of every variant's match in the doc."""
        if not self.anchored or not len(doc):
            return []
        read: dict[int, NDArray[numpy.uint64]] = {}

        def values_of(attr: int) -> NDArray[numpy.uint64]:
            """The doc's column of one attribute (`extractor.columns`), unsigned as hashes are."""
            if attr not in read:
                read[attr] = column(doc, attr).astype(numpy.uint64, copy=False)
            return read[attr]

        listed = {}  # per attribute, where its listed values stand and which value each is
        for attr, values in self.listed.items():
            at = values.find(values_of(attr))
            listed[attr] = at, numpy.searchsorted(values.sorted, values_of(attr)[at])
        found: list[tuple[int, int, int]] = []
        length = len(doc)
        for test, variants in self.anchored.items():
            positions, ranks = listed[test[0]]
            at = positions[self.passing[test][ranks]]
            if not len(at):
                continue
            lowest, highest = int(at[0]), int(at[-1])
            for key, first, last, checks in variants:
                places = at  # ascending: only the first and last can reach past the doc's ends
                if lowest + first < 0 or highest + last > length:
                    places = at[(at + first >= 0) & (at + last <= length)]
                for offset, tested, passing in checks:
                    if not len(places):
                        break
                    values_at = values_of(tested)[places + offset]
                    places = places[among(values_at, passing)]
                found += [(key, start + first, start + last) for start in places.tolist()]
        return found
