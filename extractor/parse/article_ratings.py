"""Read the ratings an article states: of its subject or a standard, now or earlier, and when."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from extractor.document import Block, Span
from extractor.parse.analysis import Analysis, Fact
from extractor.parse.article_counts import YEAR, small_count
from extractor.parse.article_services import Mention, same_service
from extractor.parse.article_standards import rated_standards
from extractor.parse.quotes import speech_spans
from extractor.vocabulary import article_vocabulary
from models import GroundedInt, PreviousRating, Rating

_YEARS_AGO = re.compile(r"\b(\w+|\d+) years? ago\b|\blast year\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r",|;|\bbut\b|\band\b|\bwhile\b")


@dataclass(frozen=True, slots=True)
class Statement:
    """One rating the text gives, with what it is about and when."""

    fact: Fact
    rating: Rating
    previous: bool
    also_previous: bool
    year: GroundedInt | None
    standard: str | None = None
    standard_span: Span | None = None


def statements(
    analysis: Analysis,
    blocks: list[Block],
    mentions: list[Mention],
    subject: Mention | None,
    year: int | None,
) -> list[Statement]:
    """Every rating the text gives the subject or its standards, classified by time.

    Ratings inside direct speech are the speaker's words, not the article's claims. When the
    article's own year is unknown, a rating dated by a year after an undated one of the service
    ('This follows an inspection in 2019, when it was rated ...') is the earlier rating.
    """
    found: list[Statement] = []
    undated = False
    for block in blocks:
        speech = speech_spans(analysis, block)
        for sentence in analysis.sentences_in(block.start, block.end):
            for fact in analysis.facts_in(sentence.start, sentence.end, "RATING"):
                if any(span.start <= fact.start < span.end for span in speech):
                    continue
                if not _is_rating(analysis, sentence, fact):
                    continue
                for statement in _classify(analysis, sentence, fact, mentions, subject, year):
                    if year is None and not statement.previous and statement.standard is None:
                        clause = _clause_start(analysis, sentence, fact.start)
                        dated = _year(analysis, sentence, clause, fact, None)
                        if dated is not None and undated and _dated_in(analysis, dated):
                            statement = replace(statement, previous=True, year=dated)
                    undated = undated or (not statement.previous and statement.year is None)
                    found.append(statement)
    return found


def _dated_in(analysis: Analysis, year: GroundedInt) -> bool:
    """Whether a year dates an event ('in June 2019'), not 'since 2020' or 'published on ...'."""
    before = analysis.slice(max(0, year.evidence.start - 20), year.evidence.start)
    return bool(re.search(r"\bin\s+(?:[A-Z][a-z]+\s+)?$", before))


def _is_rating(analysis: Analysis, sentence: Span, fact: Fact) -> bool:
    """Whether a rating word gives a rating: not 'good practice', 'very good', or a hypothetical.

    Ofsted's 'requires improvement to be good' is another inspectorate's grade, not a rating.
    """
    words = article_vocabulary()
    before = analysis.slice(sentence.start, fact.start)
    after = analysis.slice(fact.end, sentence.end)
    if re.match(r"\W*to be good\b", after, re.IGNORECASE):
        return False
    quoted = before.rstrip()[-1:] in "'‘\"“" and after.lstrip()[:1] in "'’\"”"
    next_word = re.match(r"\W*?([A-Za-z][\w-]*)", after)
    if (
        not quoted
        and next_word
        and after[: next_word.start(1)].strip() == ""
        and next_word.group(1).lower() not in words.rating_cues_after
    ):
        return False
    previous_words = re.findall(r"[A-Za-z][\w-]*", before.lower())[-6:]
    if previous_words[-1:] and previous_words[-1] in words.intensifiers:
        return False
    if _of_many(before, after):
        return False
    if any(word in words.hypothetical for word in previous_words[-4:]):
        return False
    phrase = analysis.slice(fact.start, fact.end).lower()
    named = next_word is not None and next_word.group(1).lower() in ("rating", "grade", "mark")
    self_evident = named or phrase not in ("good", "outstanding", "inadequate")
    sentence_text = analysis.slice(sentence.start, sentence.end).lower()
    if "ofsted" in sentence_text and "probation" not in sentence_text:
        return False
    return quoted or self_evident or any(w in words.rating_cues_before for w in previous_words)


def _of_many(before: str, after: str) -> bool:
    """Whether a rating word is said of many things, not of one service.

    'three services 'Outstanding'', 'a clean sweep of 'Outstanding' ratings', 'areas that
    required improvement'.
    """
    plural = "|".join(article_vocabulary().many)
    if re.match(r"\W*(?:ratings|grades|judgements)\b", after, re.IGNORECASE):
        return True
    counted = re.search(rf"\b(\w+)\s+(?:{plural})\s*\W*$", before, re.IGNORECASE)
    if counted and small_count(counted.group(1)) is not None:
        return True
    return bool(
        re.search(rf"\b(?:{plural})\s+(?:that|which)\s+(?:\w+\s+)?\W*$", before, re.IGNORECASE)
    )


def _classify(
    analysis: Analysis,
    sentence: Span,
    fact: Fact,
    mentions: list[Mention],
    subject: Mention | None,
    year: int | None,
) -> list[Statement]:
    """What a rating is of (the subject, its standards, or another service) and when it was."""
    nearest = [m for m in mentions if sentence.start <= m.start < fact.start]
    if (
        nearest
        and subject is not None
        and not same_service(analysis, nearest[-1], subject, mentions)
        and (nearest[-1].area is not None or nearest[-1].type != subject.type)
    ):
        return []
    clause_start = _clause_start(analysis, sentence, fact.start)
    standards = rated_standards(analysis, sentence, clause_start, fact, nearest)
    previous, also = _when(analysis, sentence, clause_start, fact, year)
    when = _year(analysis, sentence, clause_start, fact, year) if previous or also else None
    if not standards:
        return [Statement(fact, fact.value, previous, also, when)]
    return [
        Statement(fact, fact.value, previous, also, when, name, span) for name, span in standards
    ]


def _clause_start(analysis: Analysis, sentence: Span, offset: int) -> int:
    """Where the clause holding an offset starts: after the last ';' or ', but' before it."""
    text = analysis.slice(sentence.start, offset)
    cut = max(text.rfind(";"), text.rfind(" but "), text.rfind(", while"))
    return sentence.start + cut + 1 if cut >= 0 else sentence.start


def _local(
    analysis: Analysis, sentence: Span, clause_start: int, fact: Fact, whole: bool = False
) -> tuple[str, str]:
    """The clause around a rating: before it, and after it (with `whole`, up to the next rating)."""
    before = analysis.slice(clause_start, fact.start)
    following = analysis.facts_in(fact.end, sentence.end, "RATING")
    after = analysis.slice(fact.end, following[0].start if following else sentence.end)
    boundaries = [m.start() for m in _CLAUSE_BREAK.finditer(after)]
    if boundaries and not whole:
        after = after[: boundaries[0]]
    elif following:
        after = after[: boundaries[-1] if boundaries else 0]
    return before, after


def _when(
    analysis: Analysis, sentence: Span, clause_start: int, fact: Fact, year: int | None
) -> tuple[bool, bool]:
    """(is the rating an earlier inspection's, does it also stand for an earlier one).

    'up from X' and a year before the article's make X earlier; 'remains X' and 'X for the
    second time' make X both the new rating and an earlier one, unless a past year says the
    whole statement is history.
    """
    words = article_vocabulary()
    before, after = _local(analysis, sentence, clause_start, fact)
    lowered = before.lower()
    context = f"{lowered} {after.lower()}"
    right_before = re.findall(r"[a-z]+", lowered)[-3:]
    years = [int(match) for match in YEAR.findall(f"{before} {after}")]
    past_year = (
        year is not None
        and bool(years)
        and max(years) < year
        and not re.search(r"\b(?:this|latest|new|current)\b", lowered)
    )
    if right_before[-1:] == ["from"] or right_before[-2:-1] == ["from"]:
        return True, False
    if any(cue.search(context) for cue in _whole_words(words.both)):
        return past_year, not past_year
    if right_before[-1:] == ["to"] and not past_year:
        return False, False
    if any(cue.search(context) for cue in _whole_words(words.previous)):
        return True, False
    return past_year, False


@cache
def _whole_words(cues: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """Each cue as a whole-word pattern, compiled once: every rating of every article asks."""
    return tuple(re.compile(rf"\b{re.escape(cue)}\b") for cue in cues)


def _year(
    analysis: Analysis, sentence: Span, clause_start: int, fact: Fact, year: int | None
) -> GroundedInt | None:
    """An earlier rating's year: the year (or 'three years ago') written nearest to it.

    A year that another rating of the sentence stands nearer to belongs to that rating.
    """
    ratings = analysis.facts_in(sentence.start, sentence.end, "RATING")
    text = analysis.slice(sentence.start, sentence.end)
    candidates: list[tuple[int, int, int]] = [
        (sentence.start + m.start(1), sentence.start + m.end(1), int(m.group(1)))
        for m in YEAR.finditer(text)
    ]
    if year is not None:
        for match in _YEARS_AGO.finditer(text):
            count = 1 if match.group(0).lower() == "last year" else small_count(match.group(1))
            if count:
                candidates.append(
                    (sentence.start + match.start(), sentence.start + match.end(), year - count)
                )

    def distance(start: int, end: int, rating: Fact) -> int:
        return max(rating.start - end, start - rating.end, 0)

    nearest = sorted(
        (distance(start, end, fact), start, end, value)
        for start, end, value in candidates
        if (year is None or value < year)
        and distance(start, end, fact) <= 80
        and all(distance(start, end, other) >= distance(start, end, fact) for other in ratings)
    )
    if not nearest:
        return None
    _, start, end, value = nearest[0]
    return GroundedInt(value=value, evidence=analysis.evidence(start, end))


def previous_ratings(analysis: Analysis, statements: list[Statement]) -> list[PreviousRating]:
    """Earlier ratings of the service, once each."""
    found: list[PreviousRating] = []
    seen: set[tuple[str, int | None]] = set()
    earlier = [s for s in statements if s.standard is None and (s.previous or s.also_previous)]
    dated = {s.rating for s in earlier if s.year is not None}
    for statement in earlier:
        key = (statement.rating, statement.year.value if statement.year else None)
        if key in seen or (statement.year is None and statement.rating in dated):
            continue
        seen.add(key)
        found.append(
            PreviousRating(
                rating=statement.rating,
                year=statement.year,
                evidence=analysis.evidence_of(statement.fact),
            )
        )
    return found


def unchanged_ratings(
    analysis: Analysis,
    blocks: list[Block],
    rating: Rating | None,
    statements: list[Statement],
    year: int | None,
) -> list[PreviousRating]:
    """The earlier rating a text says the new one equals: 'the rating has stayed the same'.

    Its year is the last inspection's, named in that sentence or the one before.
    """
    words = article_vocabulary()
    if rating is None or any(s.previous or s.also_previous for s in statements):
        return []
    before: Span | None = None
    for block in blocks:
        for sentence in analysis.sentences_in(block.start, block.end):
            lowered = analysis.slice(sentence.start, sentence.end).lower()
            cue = next((c for c in words.same if c in lowered), None)
            if cue is None or "rating" not in lowered:
                before = sentence
                continue
            when = None
            for span in (sentence, before):
                text = analysis.slice(span.start, span.end) if span else ""
                dated = [
                    m
                    for m in YEAR.finditer(text)
                    if (year is None or int(m.group(1)) < year)
                    and any(c in text.lower() for c in words.previous)
                ]
                if span is not None and dated:
                    start = span.start + dated[-1].start(1)
                    when = GroundedInt(
                        value=int(dated[-1].group(1)), evidence=analysis.evidence(start, start + 4)
                    )
                    break
            start = sentence.start + lowered.index(cue)
            evidence = analysis.evidence(start, start + len(cue))
            return [PreviousRating(rating=rating, year=when, evidence=evidence)]
    return []
