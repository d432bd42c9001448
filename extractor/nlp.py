"""The spaCy pipeline: a blank English tokenizer plus our own rule components, built once."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from datetime import date
from functools import cache
from typing import Any

from extractor.tokens import English, TextKeepingTokenizer, doc_text  # first: it imports spaCy

# isort: split
from spacy.attrs import IDX, LENGTH, LOWER
from spacy.language import Language
from spacy.pipeline import SpanRuler
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.util import registry

from extractor.columns import columns, forget_columns
from extractor.patterns import NUMBER_NORM, fact_patterns
from extractor.ruler import InspectionPatterns
from extractor.vocabulary import MONTHS, Vocabulary, article_vocabulary, number_value, vocabulary
from models import Qualifier

FACTS = "facts"
"""Key of doc.spans holding every matched fact: RATING, PERCENT, RATE, SCORE, FRACTION..."""

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
    return NumberValues(vocabulary())


class NumberValues:
    """Give every number its value: '142,700' is 142700, 'Eighteen' 18, 'Seventy-five' 75.

    Numbers are found by regular expressions over the text rather than token by token, and
    their NORM set to NUMBER_NORM, so the patterns match them on a native attribute (a custom
    extension would be read in Python for every token of every pattern).
    """

    def __init__(self, vocab: Vocabulary) -> None:
        """Compile the expressions for numbers in figures and in words.

        Each starts with what it matches first (a digit; a number word's first letter), so the
        engine skips fast to where a match can start. The two never match the same characters.
        Number words are looked for in an ASCII text's lowercase copy, without IGNORECASE: the
        same matches (lowercasing ASCII keeps every offset and word boundary), found faster.
        """
        numbers = {word.lower(): value for word, value in vocab.numbers.items()}
        words = "|".join(sorted(numbers, key=len, reverse=True))
        units = "|".join(word for word, value in numbers.items() if 1 <= value <= 9)
        initials = "".join(sorted({word[0] for word in numbers}))
        self.figures = re.compile(  # a first digit not after a letter, digit, point, comma or slash
            r"\d(?<![\w.,/]\d)(?:\d{0,2}(?:,\d{3})+|\d*)(?:\.\d+)?(?![\w/]|[.,]\d)"
        )
        word = rf"(?=[{initials}])\b(?:{words})(?:-(?:{units}))?\b"
        self.lower_words, self.words = re.compile(word), re.compile(word, re.IGNORECASE)

    def __call__(self, doc: Doc) -> Doc:
        """Merge hyphenated number words, mark numbers' NORM, list their values and facts."""
        text = doc_text(doc)
        found = sorted(
            [match.span() for match in self.figures.finditer(text)]
            + [match.span() for match in self._words(text)]
        )
        tokens = _tokens_at(doc, found) if found else []
        if any(end - start > 1 for start, end, _, _ in tokens):
            with doc.retokenize() as retokenizer:  # it costs something even merging nothing
                for start, end, _, _ in tokens:
                    if end - start > 1:
                        retokenizer.merge(doc[start:end])
            forget_columns(doc)
            tokens = _tokens_at(doc, found)
        values, facts = {}, []
        for index, _, start, end in tokens:
            value = number_value(text[start:end])
            if value is None:
                continue
            doc[index].norm_ = NUMBER_NORM
            values[index] = value
            facts.append(("NUMBER", start, end, value, None))
        doc.user_data[_VALUES] = values
        doc.user_data[_FOUND + NUMBERS] = facts
        return doc

    def _words(self, text: str) -> Iterator[re.Match[str]]:
        """The number words of a text, searched in its lowercase copy when it is ASCII."""
        if text.isascii():
            return self.lower_words.finditer(text.lower())
        return self.words.finditer(text)


def _tokens_at(doc: Doc, spans: list[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    """(first token, end token, start, end) of each character span at token boundaries.

    What `doc.char_span` finds, by bisecting the tokens' offsets rather than building Spans.
    """
    read = columns(doc)
    starts, lengths = read[IDX], read[LENGTH]
    found = []
    for start, end in spans:
        first, last = bisect_left(starts, start), bisect_right(starts, end - 1) - 1
        if first < len(starts) and starts[first] == start and starts[last] + lengths[last] == end:
            found.append((first, last + 1, start, end))
    return found


@Language.factory("inspection_patterns")
def make_inspection_patterns(nlp: Language, name: str) -> SpanRuler:
    """A SpanRuler holding every fact pattern, keeping the longest of overlapping matches."""
    ruler = InspectionPatterns(
        nlp,
        name,
        spans_key=FACTS,
        phrase_matcher_attr="LOWER",
        spans_filter=registry.misc.get("spacy.first_longest_spans_filter.v1")(),
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

    def __call__(self, doc: Doc) -> Doc:
        """List the sample sizes' facts, valued by their number."""
        facts = []
        values = _number_values(doc)
        read = columns(doc) if values else {}
        for start, value in values.items():
            found = self._sample(read[LOWER], start)
            if found is not None:
                first, end, label = found
                last = read[IDX][end - 1] + read[LENGTH][end - 1]
                facts.append((label, read[IDX][first], last, value, None))
        doc.user_data[_FOUND + SAMPLES] = facts
        return doc

    def _sample(self, lower: list[int], number: int) -> tuple[int, int, str] | None:
        """(first token, end token, label) of the sample a number is part of, if any."""
        after = number + 1
        for words, label in self.nouns.get(lower[after], ()) if after < len(lower) else ():
            if lower[after : after + len(words)] == words:
                return number, after + len(words), label
        for words, label in self.prefixes.get(lower[number - 1], ()) if number else ():
            first = number - len(words)
            if first >= 0 and lower[first:number] == words:
                return first, after, label
        return None


@Language.factory("fact_values")
def make_fact_values(nlp: Language, name: str) -> FactValues:
    """Register the component that turns matched spans into values."""
    return FactValues()


class FactValues:
    """Normalise each fact span to a value, and widen it over a qualifier before it."""

    def __call__(self, doc: Doc) -> Doc:
        """Value every fact span (and qualify quantities), dropping matches that are not facts."""
        matched = doc.spans[FACTS]
        if not matched:
            doc.user_data[_FOUND + FACTS] = []
            return doc
        spans, facts = [], []
        values = _number_values(doc)
        for span in matched:
            value = _value(span, values)
            if value is None:
                continue
            qualifier = None
            if span.label_ in _QUANTITIES:
                span, qualifier = _with_qualifier(span)
            elif span.label_ == "SERVICE":
                span = _with_area(span)
            spans.append(span)
            facts.append((span.label_, span.start_char, span.end_char, value, qualifier))
        doc.spans[FACTS] = spans
        doc.user_data[_FOUND + FACTS] = facts
        return doc


_QUANTITIES = {"PERCENT", "RATE", "FRACTION", "PROPORTION", "ALL"}


def _value(span: Span, values: dict[int, float]) -> Any:
    """The normalised value of one fact span, or None when the match is not one after all."""
    label = span.label_
    if label in ("RATING", "RATING_NONSTANDARD", "STANDARD", "INSPECTORATE", "SERVICE"):
        return span.id_
    if label == "SCORE":
        if len(span) == 1:
            numbers = [float(part) for part in span.text.split("/")]
        else:
            numbers = [values[i] for i in range(span.start, span.end) if i in values]
        value, maximum = int(numbers[0]), int(numbers[-1])
        if numbers[0] != value or not 0 <= value <= maximum or maximum < 4:
            return None
        return value, maximum
    if label == "FRACTION":
        return _fraction(span)
    if label == "PROPORTION":
        numbers = [values[i] for i in range(span.start, span.end) if i in values]
        if len(numbers) != 2 or not numbers[1] or numbers[0] > numbers[1]:
            return None
        if not float(numbers[0]).is_integer():
            return None
        return round(100 * numbers[0] / numbers[1], 1)
    if label == "ALL":
        return 100.0
    if label == "DATE":
        return _iso_date(span)
    return values.get(span.start)


def _fraction(span: Span) -> float | None:
    """'two-thirds' is 66.7, 'a quarter' 25, 'half of' 50."""
    vocab = vocabulary()
    words = [token.lower_ for token in span if token.text != "-"]
    if words == ["half"]:
        return 50.0 if _lone_half(span) else None
    numerator = 1.0 if words[0] in ("a", "an") else number_value(words[0])
    share = vocab.fractions.get(words[-1])
    if numerator is None or share is None or numerator * share > 100:
        return None
    if words[-1] in ("half", "halves") and numerator != 1:
        return None
    return round(numerator * share, 1)


def _lone_half(span: Span) -> bool:
    """'half' is a share unless it is part of 'half an hour', 'first half', 'half-term'."""
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    return before not in _NOT_HALF_BEFORE and after not in _NOT_HALF_AFTER


_NOT_HALF_BEFORE = {"a", "an", "one", "first", "second", "other", "latter", "former", "and", "in"}
_NOT_HALF_AFTER = {"a", "an", "-", "hour", "hours", "day", "days", "term", "year", "time", "way"}


def _iso_date(span: Span) -> str | None:
    """'02 June 2025' is '2025-06-02', '14th Nov 2025' too; 'June 2025' is '2025-06'."""
    if "/" in span.text:
        day_text, month_text, year_text = span.text.split("/")
        numbers, month = [day_text, year_text], int(month_text)
    else:
        month = next(MONTHS[token.lower_] for token in span if token.lower_ in MONTHS)
        numbers = [re.sub(r"\D", "", token.text) for token in span if token.text[:1].isdigit()]
    year = int(numbers[-1])
    if not 1990 <= year <= 2100:
        return None
    if len(numbers) == 1:
        return f"{year:04d}-{month:02d}"
    day = int(numbers[0])
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _with_area(span: Span) -> Span:
    """A service widened over the area before it: 'Conwy and Denbighshire' YJS, 'Leeds' PDU."""
    doc = span.doc
    words = article_vocabulary()
    start = span.start
    possessive = start > 0 and doc[start - 1].text in ("'s", "’s")
    end = start - possessive
    longest = max(len(name) for name in words.area_names)
    before = tuple(token.lower_ for token in doc[max(0, end - longest) : end])
    named = next((name for name in words.area_names if before[-len(name) :] == name), None)
    if named is not None:
        start -= len(named) + possessive
    while named is None and start > 0 and span.start - start < 8:
        token = doc[start - 1]
        previous = doc[start - 2] if start > 1 else None
        joins = (
            token.lower_ in words.area_joiners
            and previous is not None
            and (previous.is_title or previous.lower_ in words.area_hyphenated)
        )
        hyphenated = (
            token.lower_ in words.area_hyphenated
            and previous is not None
            and previous.text == "-"
            and doc[start].text == "-"
        )
        if token.is_title or token.text in ("'s", "’s") or joins or hyphenated:
            start -= 1
        else:
            break
    while start < span.start and not doc[start].is_title:
        start += 1
    if start == span.start:
        return span
    return Span(doc, start, span.end, label=span.label_, span_id=span.id_)


def _with_qualifier(span: Span) -> tuple[Span, Qualifier | None]:
    """The span widened over a qualifier just before it ('more than', 'just over', 'nearly')."""
    doc = span.doc
    if not span.start or doc[span.start - 1].lower_ not in _qualifier_ends():
        return span, None
    qualifiers = vocabulary().qualifiers
    for width in (3, 2, 1):
        start = span.start - width
        if start < 0:
            continue
        phrase = " ".join(token.lower_ for token in doc[start : span.start])
        if phrase in qualifiers:
            widened = Span(doc, start, span.end, label=span.label_, span_id=span.id_)
            return widened, qualifiers[phrase]
    return span, None


@cache
def _qualifier_ends() -> frozenset[str]:
    """The last words of the qualifiers: a span after any other word has no qualifier."""
    return frozenset(phrase.rsplit(" ", 1)[-1] for phrase in vocabulary().qualifiers)


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
