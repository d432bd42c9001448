"""The fixed vocabulary (ratings, numbers, qualifiers) loaded once from data/vocabulary.toml."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import cast, get_args

from models import RATINGS, Qualifier, Rating

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
"""Month names and their usual abbreviations, to their number."""


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Every word list the pipeline and the layout use, keyed the way they look words up."""

    ratings: dict[str, Rating]
    rating_glosses: dict[str, Rating]
    nonstandard_ratings: dict[str, Rating]
    not_rated: re.Pattern[str]
    numbers: dict[str, int]
    fractions: dict[str, float]
    denominators: tuple[str, ...]
    point_labels: dict[str, str]
    qualifiers: dict[str, Qualifier]
    all_of_nouns: frozenset[str]
    sample_nouns: dict[str, tuple[str, ...]]
    sample_prefixes: dict[str, tuple[str, ...]]
    services: dict[str, tuple[str, ...]]
    service_designations: tuple[str, ...]
    rejoin: frozenset[str]
    never_rejoin: frozenset[str]
    noise: re.Pattern[str]
    caption: re.Pattern[str]
    headings: re.Pattern[str]


def _phrases(table: dict[str, list[str]]) -> dict[str, Rating]:
    """Invert {canonical: [phrases]} into {phrase: canonical}, refusing unknown ratings."""
    inverted: dict[str, Rating] = {}
    for canonical, phrases in table.items():
        if canonical not in RATINGS:
            raise ValueError(f"vocabulary.toml: {canonical!r} is not one of {RATINGS}")
        inverted.update(dict.fromkeys(phrases, canonical))
    return inverted


@dataclass(frozen=True, slots=True)
class ArticleVocabulary:
    """How articles word what the article parser reads, from data/articles.toml."""

    inspectorates: dict[str, str]
    area_joiners: frozenset[str]
    area_hyphenated: frozenset[str]
    area_names: tuple[tuple[str, ...], ...]
    not_areas: frozenset[str]
    not_names: frozenset[str]
    intensifiers: frozenset[str]
    press_release_markers: re.Pattern[str]
    rating_cues_before: frozenset[str]
    rating_cues_after: frozenset[str]
    previous: tuple[str, ...]
    both: tuple[str, ...]
    hypothetical: frozenset[str]
    many: tuple[str, ...]
    same: tuple[str, ...]
    quote_verbs: frozenset[str]
    honorifics: frozenset[str]
    role_words: frozenset[str]
    pronouns: frozenset[str]
    reporting_verbs: frozenset[str]
    honorific_pronouns: dict[str, str]
    titles: frozenset[str]
    statement_cues: tuple[str, ...]
    standards: tuple[str, ...]
    standard_prefixes: tuple[str, ...]
    end_markers: re.Pattern[str]
    not_headline: re.Pattern[str]


def _alternatives(patterns: list[str]) -> re.Pattern[str]:
    """One case-insensitive regular expression that fully matches any of the patterns."""
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns), re.IGNORECASE)


@cache
def article_vocabulary() -> ArticleVocabulary:
    """Read the article vocabulary shipped with the package, once per process."""
    data = tomllib.loads(files("extractor").joinpath("data/articles.toml").read_text("utf-8"))
    return ArticleVocabulary(
        inspectorates={
            phrase: canonical
            for canonical, phrases in data["inspectorates"].items()
            for phrase in phrases
        },
        area_joiners=frozenset(data["areas"]["joiners"]),
        area_hyphenated=frozenset(data["areas"]["hyphenated"]),
        area_names=tuple(tuple(name.lower().split()) for name in data["areas"]["names"]),
        not_areas=frozenset(data["areas"]["not_areas"]),
        not_names=frozenset(data["bylines"]["not_names"]),
        intensifiers=frozenset(data["rating_cues"]["intensifiers"]),
        press_release_markers=_alternatives(data["article"]["press_release_markers"]),
        rating_cues_before=frozenset(data["rating_cues"]["before"]),
        rating_cues_after=frozenset(data["rating_cues"]["after"]),
        previous=tuple(data["time_cues"]["previous"]),
        both=tuple(data["time_cues"]["both"]),
        hypothetical=frozenset(data["time_cues"]["hypothetical"]),
        many=tuple(data["rating_cues"]["many"]),
        same=tuple(data["time_cues"]["same"]),
        quote_verbs=frozenset(data["quotes"]["verbs"]),
        honorifics=frozenset(data["quotes"]["honorifics"]),
        role_words=frozenset(data["quotes"]["role_words"]),
        pronouns=frozenset(data["quotes"]["pronouns"]),
        reporting_verbs=frozenset(data["quotes"]["reporting_verbs"]),
        honorific_pronouns={
            honorific: pronoun
            for pronoun, honorifics in data["quotes"]["pronoun_of"].items()
            for honorific in honorifics
        },
        titles=frozenset(data["quotes"]["titles"]),
        statement_cues=tuple(data["quotes"]["statement_cues"]),
        standards=tuple(data["standards"]["extra"]),
        standard_prefixes=tuple(data["standards"]["prefixes"]),
        end_markers=_alternatives(data["article"]["end_markers"]),
        not_headline=_alternatives(data["article"]["not_headline"]),
    )


def _qualifiers(table: dict[str, str]) -> dict[str, Qualifier]:
    """The qualifier table, refusing a qualifier the records do not know."""
    known = get_args(Qualifier)
    checked: dict[str, Qualifier] = {}
    for phrase, qualifier in table.items():
        if qualifier not in known:
            raise ValueError(f"vocabulary.toml: {qualifier!r} is not one of {known}")
        checked[phrase] = cast(Qualifier, qualifier)
    return checked


@cache
def vocabulary() -> Vocabulary:
    """Read the vocabulary file shipped with the package, once per process."""
    data = tomllib.loads(files("extractor").joinpath("data/vocabulary.toml").read_text("utf-8"))
    return Vocabulary(
        ratings=_phrases(data["ratings"]),
        rating_glosses=_phrases(data["ratings_glosses"]),
        nonstandard_ratings=_phrases(data["ratings_nonstandard"]),
        not_rated=_alternatives(data["ratings_absent"]["phrases"]),
        numbers=dict(data["numbers"]),
        fractions={word: float(share) for word, share in data["fractions"].items()},
        denominators=tuple(data["proportions"]["denominators"]),
        point_labels={label: kind for kind, labels in data["points"].items() for label in labels},
        qualifiers=_qualifiers(data["qualifiers"]),
        all_of_nouns=frozenset(data["all_of"]["nouns"]),
        sample_nouns={key: tuple(nouns) for key, nouns in data["sample_nouns"].items()},
        sample_prefixes={key: tuple(words) for key, words in data["sample_prefixes"].items()},
        services={kind: tuple(words) for kind, words in data["services"].items()},
        service_designations=tuple(data["service_designations"]["words"]),
        rejoin=frozenset(data["layout"]["rejoin"]),
        never_rejoin=frozenset(data["layout"]["never_rejoin"]),
        noise=_alternatives(data["layout"]["noise"]),
        caption=re.compile(data["layout"]["caption"]),
        headings=_alternatives(data["layout"]["headings"]),
    )


def number_value(word: str) -> float | None:
    """The value of a number in figures ('142,700', '6.8') or words ('Eighteen', 'Seventy-five').

    Most numbers are digits alone: those are read at once (no number word is digits).
    """
    if word.isdecimal():
        return float(word)
    text = word.lower().replace(",", "")
    words = vocabulary().numbers
    if "-" in text:
        parts = text.split("-")
        if len(parts) == 2 and all(part in words for part in parts):
            return float(words[parts[0]] + words[parts[1]])
        return None
    if text in words:
        return float(words[text])
    try:
        return float(text)
    except ValueError:
        return None
