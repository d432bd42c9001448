"""The token patterns of the facts the pipeline finds, built from the vocabulary and frameworks.

Every token pattern holds a token matching only listed words or shapes ('%', 'cent', a fraction
word, a year's 'dddd'), so the ruler that runs them (`ruler.InspectionPatterns`) only looks
for a pattern where the last of those is. A number token carries NUMBER_NORM as its NORM, set by the
`number_values` component, so patterns match numbers on a native attribute.
"""

from __future__ import annotations

from typing import Any

from extractor.frameworks import frameworks
from extractor.vocabulary import MONTHS, Vocabulary, article_vocabulary, vocabulary

NUMBER_NORM = "<number>"
_NUM: dict[str, Any] = {"NORM": NUMBER_NORM}


def fact_patterns(vocab: Vocabulary) -> list[dict[str, Any]]:
    """Every fact pattern: ratings, quantities, dates and scores, and who is named."""
    return (
        _rating_patterns(vocab)
        + _quantity_patterns(vocab)
        + _date_and_score_patterns()
        + _who_patterns()
    )


def _score_maxima() -> list[str]:
    """The maxima a score is printed out of: every framework's, from the data ('6/12', '25/36')."""
    return sorted({str(f.score_max) for f in frameworks().values() if f.score_max}, key=int)


def _rating_patterns(vocab: Vocabulary) -> list[dict[str, Any]]:
    """Rating words, glosses ('the lowest rating') and words standing in for ratings."""
    return [
        {"label": "RATING", "pattern": phrase, "id": rating}
        for phrase, rating in (vocab.ratings | vocab.rating_glosses).items()
    ] + [
        {"label": "RATING_NONSTANDARD", "pattern": phrase, "id": rating}
        for phrase, rating in vocab.nonstandard_ratings.items()
    ]


def _quantity_patterns(vocab: Vocabulary) -> list[dict[str, Any]]:
    """Shares, rates and recommendation counts: '67%', 'two-thirds', 'seven in ten', 'six ...'."""
    hyphen: dict[str, Any] = {"ORTH": "-", "OP": "?"}
    denominators: dict[str, Any] = {"LOWER": {"IN": list(vocab.denominators)}}
    return [
        {"label": "PERCENT", "pattern": [_NUM, {"ORTH": "%"}]},
        {"label": "PERCENT", "pattern": [_NUM, {"LOWER": "per"}, {"LOWER": "cent"}]},
        {"label": "PERCENT", "pattern": [_NUM, {"LOWER": {"IN": ["percent", "pc"]}}]},
        {
            "label": "RATE",
            "pattern": [_NUM, {"LOWER": "per"}, {"TEXT": {"IN": ["100,000", "100000"]}}],
        },
        *(
            {
                "label": "FRACTION",
                "pattern": [first, hyphen, {"LOWER": {"IN": sorted(vocab.fractions)}}],
            }
            for first in (_NUM, {"LOWER": "a"}, {"LOWER": "an"})
        ),
        {"label": "FRACTION", "pattern": [{"LOWER": "half"}]},
        {"label": "PROPORTION", "pattern": [_NUM, hyphen, {"LOWER": "in"}, hyphen, denominators]},
        {
            "label": "PROPORTION",
            "pattern": [
                _NUM,
                hyphen,
                {"LOWER": "out"},
                hyphen,
                {"LOWER": "of"},
                hyphen,
                denominators,
            ],
        },
        {
            "label": "ALL",
            "pattern": [{"LOWER": "all"}, {"LOWER": {"IN": sorted(vocab.all_of_nouns)}}],
        },
        {
            "label": "RECOMMENDATIONS",
            "pattern": [_NUM, {"LOWER": {"IN": ["recommendations", "recommendation"]}}],
        },
        {
            "label": "RECOMMENDATIONS",
            "pattern": [_NUM, {"IS_ALPHA": True, "OP": "?"}, {"LOWER": "recommendations"}],
        },
    ]


def _date_and_score_patterns() -> list[dict[str, Any]]:
    """Dates ('14th Nov 2025', '04/03/2025', 'June 2025') and scores ('6/12', 'six out of 12')."""
    months: dict[str, Any] = {"LOWER": {"IN": list(MONTHS)}}
    year: dict[str, Any] = {"SHAPE": "dddd"}
    day: dict[str, Any] = {"SHAPE": {"IN": ["d", "dd", "dxx", "ddxx"]}}
    out_of: list[dict[str, Any]] = [
        {"LOWER": "out"},
        {"LOWER": "of"},
        {"LOWER": {"IN": ["a", "the"]}, "OP": "?"},
        {"LOWER": {"IN": ["possible", "total", "maximum"]}, "OP": "?"},
        {"LOWER": "of", "OP": "?"},
    ]
    return [
        {"label": "DATE", "pattern": [day, months, {"ORTH": ",", "OP": "?"}, year]},
        {
            "label": "DATE",
            "pattern": [{"SHAPE": {"IN": ["d/d/dddd", "d/dd/dddd", "dd/d/dddd", "dd/dd/dddd"]}}],
        },
        {"label": "DATE", "pattern": [months, {"SHAPE": {"IN": ["d", "dd"]}}, {"ORTH": ","}, year]},
        {"label": "DATE", "pattern": [months, year]},
        {"label": "SCORE", "pattern": [{"SHAPE": {"IN": ["d/d", "d/dd", "dd/dd"]}}]},
        {"label": "SCORE", "pattern": [_NUM, *out_of, {"TEXT": {"IN": _score_maxima()}}]},
    ]


def _who_patterns() -> list[dict[str, Any]]:
    """Inspectorates by any of their names, services ('Leeds PDU') and standards' names."""
    articles = article_vocabulary()
    patterns: list[dict[str, Any]] = [
        {"label": "INSPECTORATE", "pattern": phrase, "id": canonical}
        for phrase, canonical in articles.inspectorates.items()
    ]
    patterns += [
        {"label": "SERVICE", "pattern": phrase, "id": kind}
        for kind, phrases in vocabulary().services.items()
        for phrase in phrases
    ]
    names = {
        name
        for framework in frameworks().values()
        for standard in framework.standards
        for name in (standard.name, *standard.aliases)
    }
    patterns += [{"label": "STANDARD", "pattern": name, "id": name} for name in sorted(names)]
    return patterns
