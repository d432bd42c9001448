"""The spaCy pipeline: a blank English tokenizer plus our own rule components, built once."""

from __future__ import annotations

import re
import string
from functools import cache
from itertools import chain
from typing import Any

from extractor.tokens import English, Hashes, TextKeepingTokenizer, among, doc_text  # first: spaCy

# isort: split
import numpy
from numpy.typing import NDArray
from spacy.attrs import IDX, LENGTH, LOWER, NORM
from spacy.language import Language
from spacy.pipeline import SpanRuler
from spacy.strings import StringStore
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from extractor.columns import column, columns, first_characters, forget_columns, set_column
from extractor.fact_values import (
    COMPUTED,
    NAMED,
    QUANTITIES,
    computed_value,
    qualifier_end_ids,
    with_area,
    with_qualifier,
)
from extractor.patterns import NUMBER_NORM, fact_patterns
from extractor.ruler import InspectionPatterns, matches
from extractor.vocabulary import Vocabulary, number_value, vocabulary
from models import Qualifier

FACTS = "facts"
"""Key of every matched fact (the ruler's matches, then `found`): RATING, PERCENT, RATE, SCORE..."""

SAMPLES = "samples"
"""Key of the facts of sample sizes: CASES, VICTIM_CASES, INTERVIEWS."""
NUMBERS = "numbers"
"""Key of the facts of every single number token, in figures or words."""

Found = tuple[str, int, int, Any, Qualifier | None]
"""(label, start, end, value, qualifier) of one fact, at character offsets in its doc's text."""
_VALUES = "number_values"
"""Key of doc.user_data holding each number token's value, by token index."""
_FOUND = "found:"
"""Prefix of the doc.user_data keys holding each key's facts as plain values."""


def found(doc: Doc, key: str) -> list[Found]:
    """The facts a component listed under a key (FACTS, SAMPLES, NUMBERS), as plain values.

    Kept in doc.user_data: reading values back through span extensions (`span._.value`) builds
    Python objects for every span and every read.
    """
    facts: list[Found] = doc.user_data.get(_FOUND + key, [])
    return facts


def _number_values(doc: Doc) -> dict[int, float]:
    """Each number token's value, by token index."""
    values: dict[int, float] = doc.user_data.get(_VALUES, {})
    return values


@Language.factory("number_values")
def make_number_values(nlp: Language, name: str) -> NumberValues:
    """Register the component that reads numbers in figures and words."""
    return NumberValues(vocabulary(), nlp.vocab.strings)


class NumberValues:
    """Give every number its value: '142,700' is 142700, 'Eighteen' 18, 'Seventy-five' 75.

    Numbers are found by regular expressions over the text (figures tried only where a token
    starts with a digit, number words only in the stretches holding a number word's token),
    and their NORM set to NUMBER_NORM, so the patterns match them on a native attribute (a
    custom extension would be read in Python for every token of every pattern).
    """

    def __init__(self, vocab: Vocabulary, strings: StringStore) -> None:
        """Compile the expressions for numbers in figures and in words, and list the words' ids.

        Each starts with what it matches first (a digit; a number word's first letter), so the
        engine skips fast to where a match can start. The two never match the same characters.
        Number words are looked for in an ASCII text's lowercase copy, without IGNORECASE: the
        same matches (lowercasing ASCII keeps every offset and word boundary), found faster.
        """
        numbers = {word.lower(): value for word, value in vocab.numbers.items()}
        self.word_ids = Hashes(strings.add(word) for word in numbers)
        words = "|".join(sorted(numbers, key=len, reverse=True))
        units = "|".join(word for word, value in numbers.items() if 1 <= value <= 9)
        initials = "".join(sorted({word[0] for word in numbers}))
        self.figures = re.compile(  # a first digit not after a letter, digit, point, comma or slash
            r"\d(?<![\w.,/]\d)(?:\d{0,2}(?:,\d{3})+|\d*)(?:\.\d+)?(?![\w/]|[.,]\d)"
        )
        word = rf"(?=[{initials}])\b(?:{words})(?:-(?:{units}))?\b"
        self.lower_words, self.words = re.compile(word), re.compile(word, re.IGNORECASE)
        self.norm = strings.add(NUMBER_NORM)

    def __call__(self, doc: Doc) -> Doc:
        """Merge hyphenated number words, mark numbers' NORM, list their values and facts.

        A number in figures that ends where the token it starts at ends is that token, as
        `_tokens_at` would find it; only number words and the other figures are looked up
        among the tokens (and, when one spans several, all are found again after merging:
        merging joins tokens, so a span at tokens' edges before is at their edges after).
        """
        text = doc_text(doc)
        whole: list[list[int]] = []
        others = self._words(doc)
        for token, start, end, token_end in self._figures_at_tokens(doc):
            if end == token_end:
                whole.append([token, token + 1, start, end])
            elif end > token_end:
                others.append((start, end))
        looked = _tokens_at(doc, sorted(others)) if others else []
        tokens = sorted(whole + looked) if looked else whole
        if any(end - start > 1 for start, end, _, _ in looked):
            with doc.retokenize() as retokenizer:  # it costs something even merging nothing
                for start, end, _, _ in tokens:
                    if end - start > 1:
                        retokenizer.merge(doc[start:end])
            forget_columns(doc)
            tokens = _tokens_at(doc, [(start, end) for _, _, start, end in tokens])
        values, facts = {}, []
        for index, _, start, end in tokens:
            word = text[start:end]
            value = _figure_value(word) if word[0].isdigit() else number_value(word)
            if value is None:
                continue
            values[index] = value
            facts.append(("NUMBER", start, end, value, None))
        if values:  # one array for all numbers' NORM: a Token object each would cost more
            norms = column(doc, NORM).copy()
            norms[numpy.fromiter(values, numpy.intp, len(values))] = self.norm
            set_column(doc, NORM, norms)
        doc.user_data[_VALUES] = values
        doc.user_data[_FOUND + NUMBERS] = facts
        return doc

    def _figures_at_tokens(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """(token, start, end, token's end) of each number in figures found at a token's start.

        A match starts at a digit after no word character, point, comma or slash, and holds only
        digits, commas and a point: none starts within another, so the matches a search of the
        whole text finds are those found where each can start. Only a token's first character
        is tried, when a digit or not ASCII (a digit of another script): a match starting
        within a token is of no token, and ignored.
        """
        text = doc_text(doc)
        read = columns(doc)
        starts = read[IDX]
        firsts = first_characters(doc)
        tried = numpy.flatnonzero(((firsts >= ord("0")) & (firsts <= ord("9"))) | (firsts > 127))
        match = self.figures.match
        at = starts[tried]
        return [
            (token, start, found.end(), token_end)
            for token, start, token_end in zip(
                tried.tolist(), at.tolist(), (at + read[LENGTH][tried]).tolist(), strict=True
            )
            if (found := match(text, start))
        ]

    def _words(self, doc: Doc) -> list[tuple[int, int]]:
        """The spans of the number words the expression finds in a doc's text.

        A match is letters and hyphens, so it lies within one run of word characters and
        hyphens, and a run's matches are those of a search of the run alone. Of an ASCII text,
        only the runs holding a number word's token are searched, in its lowercase copy: a
        match at tokens' edges starts with such a token, as the tokenizer never cuts a run of
        letters; others (or a non-ASCII text, searched whole) are of no token, and ignored.
        """
        text = doc_text(doc)
        if not text.isascii():
            return [match.span() for match in self.words.finditer(text)]
        read = columns(doc)
        lowered, spans, searched = text.lower(), [], 0
        for start in read[IDX][self.word_ids.find(read[LOWER])].tolist():
            if start < searched:
                continue  # in the run searched last
            first = start
            while first and (lowered[first - 1] in _RUN):
                first -= 1
            searched = _RUN_END.match(lowered, start).end()  # type: ignore[union-attr]
            spans += [match.span() for match in self.lower_words.finditer(lowered, first, searched)]
        return spans


def _figure_value(figures: str) -> float:
    """The value of a number in figures ('142,700', '6.8', digits of any script).

    What `number_value` finds for it, without its steps for words: a number in figures starts
    with a digit, as no number word does, and holds only digits, commas and a point.
    """
    return float(figures.replace(",", ""))


_RUN = frozenset(string.ascii_lowercase + string.digits + "_-")
"""The characters of a run in a lowercased ASCII text: word characters and hyphens."""
_RUN_END = re.compile(r"[\w-]*")


def _tokens_at(doc: Doc, spans: list[tuple[int, int]]) -> list[list[int]]:
    """[first token, end token, start, end] of each character span at token boundaries.

    What `doc.char_span` finds, by searching the tokens' offsets for all spans at once rather
    than building Spans; as lists, which numpy makes at once.
    """
    read = columns(doc)
    starts, lengths = read[IDX], read[LENGTH]
    if not len(starts) or not spans:
        return []
    flat = numpy.fromiter(chain.from_iterable(spans), numpy.int64, 2 * len(spans))
    begins, ends = flat.reshape(len(spans), 2).T
    first = numpy.searchsorted(starts, begins, side="left")
    last = numpy.searchsorted(starts, ends - 1, side="right") - 1
    first_at, last_at = numpy.minimum(first, len(starts) - 1), numpy.maximum(last, 0)
    whole = (
        (first < len(starts))
        & (starts[first_at] == begins)
        & (starts[last_at] + lengths[last_at] == ends)
    )
    found: list[list[int]] = numpy.stack([first, last + 1, begins, ends], axis=1)[whole].tolist()
    return found


@Language.factory("inspection_patterns")
def make_inspection_patterns(nlp: Language, name: str) -> SpanRuler:
    """A SpanRuler holding every fact pattern, keeping the longest of overlapping matches."""
    ruler = InspectionPatterns(
        nlp,
        name,
        spans_key=FACTS,
        phrase_matcher_attr="LOWER",
        validate=True,
    )
    ruler.add_patterns(fact_patterns(vocabulary()))
    return ruler


@Language.factory("sample_sizes")
def make_sample_sizes(nlp: Language, name: str) -> SampleSizes:
    """Register the component that reads how many cases and interviews were looked at."""
    return SampleSizes(vocabulary(), nlp)


class SampleSizes:
    """A number with what inspectors looked at: '15 cases', 'nine victim cases', 'the cases of 12'.

    Read from the numbers already found, so it costs nothing on text without numbers, and kept
    apart from the facts, so '15 cases' never hides 'six in 10' in '... six in 10 cases'.
    """

    def __init__(self, vocab: Vocabulary, nlp: Language) -> None:
        """Each sample kind's nouns as a doc's LOWER array holds them (word ids), longest first.

        Listed by their first word, and the prefixes by their last: only those can follow or
        come before a number.
        """
        labels = {"cases": "CASES", "victim_cases": "VICTIM_CASES", "interviews": "INTERVIEWS"}
        nouns = sorted(
            (
                ([token.lower for token in nlp.make_doc(noun)], labels[key])
                for key, nouns in vocab.sample_nouns.items()
                for noun in nouns
            ),
            key=lambda item: -len(item[0]),
        )
        self.nouns: dict[int, list[tuple[list[int], str]]] = {}
        for words, label in nouns:
            self.nouns.setdefault(words[0], []).append((words, label))
        self.prefixes: dict[int, list[tuple[list[int], str]]] = {}
        for key, prefixes in vocab.sample_prefixes.items():
            for phrase in prefixes:
                words = [token.lower for token in nlp.make_doc(phrase)]
                self.prefixes.setdefault(words[-1], []).append((words, labels[key]))
        self.noun_ids = numpy.array(sorted(self.nouns), numpy.uint64)
        self.prefix_ids = numpy.array(sorted(self.prefixes), numpy.uint64)

    def __call__(self, doc: Doc) -> Doc:
        """List the sample sizes' facts, valued by their number.

        Only numbers next to a noun's first word or a prefix's last are looked at closely.
        """
        facts = []
        values = _number_values(doc)
        if values:
            read = columns(doc)
            lower, idx, length = read[LOWER], read[IDX], read[LENGTH]
            at = numpy.fromiter(values, numpy.intp, len(values))
            after = lower[numpy.minimum(at + 1, len(lower) - 1)]
            near = among(after, self.noun_ids) | among(lower[at - 1], self.prefix_ids)
            for number in at[near].tolist():
                found = self._sample(lower, number)
                if found is not None:
                    first, end, label = found
                    last = int(idx[end - 1] + length[end - 1])
                    facts.append((label, int(idx[first]), last, values[number], None))
        doc.user_data[_FOUND + SAMPLES] = facts
        return doc

    def _sample(self, lower: NDArray[numpy.uint64], number: int) -> tuple[int, int, str] | None:
        """(first token, end token, label) of the sample a number is part of, if any."""
        after = number + 1
        for words, label in self.nouns.get(int(lower[after]), ()) if after < len(lower) else ():
            if lower[after : after + len(words)].tolist() == words:
                return number, after + len(words), label
        for words, label in self.prefixes.get(int(lower[number - 1]), ()) if number else ():
            first = number - len(words)
            if first >= 0 and lower[first:number].tolist() == words:
                return first, after, label
        return None


@Language.factory("fact_values")
def make_fact_values(nlp: Language, name: str) -> FactValues:
    """Register the component that turns matched spans into values."""
    return FactValues()


class FactValues:
    """Normalise each fact match to a value, and widen it over a qualifier before it."""

    def __call__(self, doc: Doc) -> Doc:
        """Value every fact match (and qualify quantities), dropping matches that are not facts.

        Matches are read as plain values; a Span is built only to read a fraction. The facts'
        character offsets are read from the columns for all facts at once.
        """
        labels, firsts, lasts, valued, qualifiers = [], [], [], [], []
        values = _number_values(doc)
        lower, qualifier_ends = columns(doc)[LOWER], qualifier_end_ids()
        for match in matches(doc, FACTS):
            label, start, end, pattern_id = match.label, match.start, match.end, match.pattern_id
            value: Any
            if label in NAMED:
                value = pattern_id
            elif label in COMPUTED:
                value = computed_value(doc, match, values)
            else:
                value = values.get(start)
            if value is None:
                continue
            qualifier = None
            if label in QUANTITIES and start and int(lower[start - 1]) in qualifier_ends:
                start, qualifier = with_qualifier(doc, start)
            elif label == "SERVICE":
                start = with_area(doc, start)
            labels.append(label)
            firsts.append(start)
            lasts.append(end - 1)
            valued.append(value)
            qualifiers.append(qualifier)
        facts: list[Found] = []
        if labels:
            read = columns(doc)
            starts = read[IDX][firsts].tolist()
            ends = (read[IDX][lasts] + read[LENGTH][lasts]).tolist()
            facts = list(zip(labels, starts, ends, valued, qualifiers, strict=True))
        doc.user_data[_FOUND + FACTS] = facts
        return doc


@cache
def pipeline() -> Language:
    """The pipeline, built once per process: tokenizer, sentences, numbers, patterns, values."""
    nlp = English()
    tokenizer = nlp.tokenizer
    assert isinstance(tokenizer, Tokenizer)
    nlp.tokenizer = TextKeepingTokenizer(tokenizer)
    nlp.add_pipe("array_sentencizer", name="sentencizer")
    nlp.add_pipe("number_values")
    nlp.add_pipe("inspection_patterns")
    nlp.add_pipe("sample_sizes")
    nlp.add_pipe("fact_values")
    return nlp
