"""Read the numbers an article states: counts in words or figures, years, recommendations, score."""

from __future__ import annotations

import re

from extractor.document import Block
from extractor.frameworks import frameworks
from extractor.parse.analysis import Analysis
from extractor.vocabulary import number_value
from models import GroundedInt, Score

YEAR = re.compile(r"\b(19[89]\d|20[0-4]\d)\b")
_ADDRESSED = re.compile(
    r"\s*(?:are\s+|were\s+|is\s+)?(?:to|for|aimed at|directed at|addressed to)\b", re.IGNORECASE
)
_PART = re.compile(
    r"(?:,|\band|\bwith)\s+(?:a\s+)?(?:further\s+|more\s+)?(\w+)\s+(?:more\s+|further\s+|others?\s+)?"
    r"(?:going\s+|addressed\s+)?(?:to|for|aimed at|directed at)\b",
    re.IGNORECASE,
)
_ELIDED_COUNT = re.compile(
    r"\b(?:made|makes|make|issued|set out|sets out)\s+(\w+)\s*[.;]", re.IGNORECASE
)


def small_count(word: str) -> int | None:
    """A small count written in figures or words."""
    value = number_value(word)
    return int(value) if value is not None else None


def recommendations(
    analysis: Analysis, blocks: list[Block], year: int | None
) -> GroundedInt | None:
    """How many recommendations this inspection made.

    A count followed by its addressee ('three to the YJS and one to the police') is a part, and
    the parts are added up; a count followed by its breakdown is already the total. A count for an
    earlier year is skipped, and 'This time the inspectors have made six.' then gives the count.
    """
    skipped = False
    for block in blocks:
        for sentence in analysis.sentences_in(block.start, block.end):
            text = analysis.slice(sentence.start, sentence.end)
            facts = analysis.facts_in(sentence.start, sentence.end, "RECOMMENDATIONS")
            if skipped and not facts:
                elided = _ELIDED_COUNT.search(text)
                value = small_count(elided.group(1)) if elided else None
                if elided and value:
                    start = sentence.start + elided.start(1)
                    return GroundedInt(
                        value=value, evidence=analysis.evidence(start, start + len(elided.group(1)))
                    )
            if not facts:
                continue
            fact = facts[0]
            years = [int(y) for y in YEAR.findall(text)]
            if year is not None and years and max(years) < year:
                skipped = True
                continue
            total, end = int(fact.value), fact.end
            after = analysis.slice(fact.end, sentence.end)
            if _ADDRESSED.match(after):
                for part in _PART.finditer(after):
                    more = small_count(part.group(1))
                    if more:
                        total += more
                        end = fact.end + part.end(1)
            return GroundedInt(value=total, evidence=analysis.evidence(fact.start, end))
    return None


def score(analysis: Analysis, blocks: list[Block]) -> Score | None:
    """The score the article gives: '6/12', 'six out of 12', '3 out of a possible 27'."""
    maxima = {framework.score_max for framework in frameworks().values()}
    for block in blocks:
        for fact in analysis.facts_in(block.start, block.end, "SCORE"):
            value, maximum = fact.value
            if maximum in maxima:
                return Score(value=value, max=maximum, evidence=analysis.evidence_of(fact))
    return None
