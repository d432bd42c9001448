"""The values of fact matches: scores, fractions, proportions and dates, and where a fact starts.

Read by the `fact_values` component (`extractor.nlp`) for each match the ruler keeps: a fact's
start is widened over a qualifier ('more than') or an area ('Conwy and Denbighshire' YJS).
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache, lru_cache
from typing import Any

from extractor.tokens import doc_text  # first: it imports spaCy without its command line

# isort: split
from spacy.attrs import IDX, LENGTH
from spacy.strings import hash_string  # type: ignore[attr-defined]
from spacy.tokens import Doc, Span

from extractor.columns import columns
from extractor.ruler import Match
from extractor.vocabulary import MONTHS, article_vocabulary, number_value, vocabulary
from models import Qualifier

QUANTITIES = {"PERCENT", "RATE", "FRACTION", "PROPORTION", "ALL"}
"""Labels of quantities: a qualifier just before one ('more than', 'nearly') is part of it."""
NAMED = {"RATING", "RATING_NONSTANDARD", "STANDARD", "INSPECTORATE", "SERVICE"}
"""Labels whose value is the id of the pattern that matched (the rating, the name)."""
COMPUTED = {"SCORE", "FRACTION", "PROPORTION", "ALL", "DATE"}
"""Labels whose value `computed_value` computes from the match's tokens. Any other label's value is
that of the number the match starts with (PERCENT, RATE, RECOMMENDATIONS)."""


def computed_value(doc: Doc, match: Match, values: dict[int, float]) -> Any:
    """The value of a match of a COMPUTED label, or None when the match is not one after all."""
    label, start, end = match.label, match.start, match.end
    if label == "SCORE":
        if end - start == 1:
            numbers = [float(part) for part in doc[start].text.split("/")]
        else:
            numbers = [values[i] for i in range(start, end) if i in values]
        value, maximum = int(numbers[0]), int(numbers[-1])
        if numbers[0] != value or not 0 <= value <= maximum or maximum < 4:
            return None
        return value, maximum
    if label == "FRACTION":
        return _fraction(doc[start:end])
    if label == "PROPORTION":
        numbers = [values[i] for i in range(start, end) if i in values]
        if len(numbers) != 2 or not numbers[1] or numbers[0] > numbers[1]:
            return None
        if not float(numbers[0]).is_integer():
            return None
        return round(100 * numbers[0] / numbers[1], 1)
    if label == "ALL":
        return 100.0
    return _iso_date(doc, start, end)  # DATE, the last of COMPUTED


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


_NOT_DIGIT = re.compile(r"\D")
"""What is dropped from a date's word to leave its number ('14th' is 14)."""


def _iso_date(doc: Doc, start: int, end: int) -> str | None:
    """'02 June 2025' is '2025-06-02', '14th Nov 2025' too; 'June 2025' is '2025-06'.

    The tokens' texts are sliced from the doc's text by its columns: no Token object is built.
    """
    read, text = columns(doc), doc_text(doc)
    firsts, lengths = read[IDX][start:end].tolist(), read[LENGTH][start:end].tolist()
    words = tuple(
        text[first : first + length] for first, length in zip(firsts, lengths, strict=True)
    )
    return _date_of(text[firsts[0] : firsts[-1] + lengths[-1]], words)


@lru_cache(maxsize=4096)
def _date_of(stretch: str, words: tuple[str, ...]) -> str | None:
    """The ISO date of a date's text and its tokens' texts, kept: reports repeat their dates."""
    if "/" in stretch:
        day_text, month_text, year_text = stretch.split("/")
        numbers, month = [day_text, year_text], int(month_text)
    else:
        month = next(MONTHS[word.lower()] for word in words if word.lower() in MONTHS)
        numbers = [_NOT_DIGIT.sub("", word) for word in words if word[:1].isdigit()]
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


def with_area(doc: Doc, first: int) -> int:
    """Where a service starts, widened over the area before it: 'Conwy and Denbighshire' YJS.

    `first` is the service's own first token ('Leeds' PDU starts at 'Leeds', not 'PDU').
    """
    words = article_vocabulary()
    start = first
    possessive = start > 0 and doc[start - 1].text in ("'s", "’s")
    end = start - possessive
    before = tuple(token.lower_ for token in doc[max(0, end - _longest_area_name()) : end])
    named = next((name for name in words.area_names if before[-len(name) :] == name), None)
    if named is not None:
        start -= len(named) + possessive
    while named is None and start > 0 and first - start < 8:
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
    while start < first and not doc[start].is_title:
        start += 1
    return start


@cache
def _longest_area_name() -> int:
    """How many words the longest area name has."""
    return max(len(name) for name in article_vocabulary().area_names)


def with_qualifier(doc: Doc, first: int) -> tuple[int, Qualifier | None]:
    """Where a quantity starts, widened over a qualifier just before it, and the qualifier.

    Qualifiers are 'more than', 'just over', 'nearly'...; `first` is the quantity's first token,
    after a qualifier's last word (`qualifier_end_ids`: the caller reads it from its column).
    """
    qualifiers = vocabulary().qualifiers
    for width in (3, 2, 1):
        start = first - width
        if start < 0:
            continue
        phrase = " ".join(token.lower_ for token in doc[start:first])
        if phrase in qualifiers:
            return start, qualifiers[phrase]
    return first, None


@cache
def qualifier_end_ids() -> frozenset[int]:
    """The qualifiers' last words as a doc's LOWER column holds them (their strings' hashes).

    A quantity after any other word has no qualifier.
    """
    return frozenset(hash_string(phrase.rsplit(" ", 1)[-1]) for phrase in vocabulary().qualifiers)
