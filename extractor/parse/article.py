"""Read what an article says about an inspection: who, which rating, when, and who said what."""

from __future__ import annotations

import re
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from typing import Literal

from extractor.document import Block, Span
from extractor.frameworks import frameworks
from extractor.parse.analysis import Analysis, Fact
from extractor.parse.quotes import article_quotes, speech_spans
from extractor.parse.text_facts import quantities
from extractor.vocabulary import MONTHS, article_vocabulary, vocabulary
from models import (
    Article,
    Evidence,
    GroundedDate,
    GroundedInt,
    GroundedRating,
    GroundedText,
    OtherDocument,
    PreviousRating,
    Rating,
    Score,
    ServiceMention,
    Source,
    StandardRating,
)

_YEAR = re.compile(r"\b(19[89]\d|20[0-4]\d)\b")
_YEARS_AGO = re.compile(r"\b(\w+|\d+) years? ago\b|\blast year\b", re.IGNORECASE)
_PERSON = r"[A-Z][a-z'’-]+\s+[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+(?=\s*(?:,|\||$)))?"
_SAYS_RELEASE = re.compile(r"(?:press|news) release\b", re.IGNORECASE)
_NOT_OUTLET = re.compile(r"skip to (?:main )?content|(?:press|news) release", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r",|;|\bbut\b|\band\b|\bwhile\b")
_SUBJECT_GAP = re.compile(
    r"(?:\s+(?:work|standard))?(?:\s+(?:with|for|on|to|in|at)\b[^,.;]{0,60}?)?(?:\s*,[^,]{0,80},)?"
    r"(?:\s*[–—]\s[^–—.;]{0,120}\s[–—])?"
    r"(?:\s*,?\s*(?:which|that))?"
    r"(?:\s+(?:was|were|is|are|has|have|had|remains|remained|stays)\b[^.;]{0,40}"
    r"|\s*[–—-]\s*(?:(?:were|was|all|each|both)\s+)*(?:rated|judged|graded)\b[^.;]{0,20})",
    re.IGNORECASE,
)
"""Between a standard's name and its rating: 'work was', ', which was separately rated as',
'in the region was very strong and rated', ' – how children are treated – was rated'."""
_SEPARATELY = re.compile(
    r"(?P<subject>\b(?:the\s+)?[\w’'-]+(?:\s+[\w’'-]+){0,10}?)\s+(?:was|were)\s+"
    r"(?:(?:also\s+)?[a-z]+\s+and\s+)?(?:separately\s+(?:rated|judged|graded)|"
    r"(?:rated|judged|graded)\s+separately)\s+(?:as\s+)?\W*$",
    re.IGNORECASE,
)
_COORDINATION = re.compile(
    r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+and\s+both\s+|\s*[–—-]\s*)\s*", re.IGNORECASE
)
_NOT_PUBLISHED = re.compile(r"(?:updated|held on|meeting|modified)\W*$", re.IGNORECASE)
_PUBLISHED_CUE = re.compile(r"(?:published|posted|date)\W*$", re.IGNORECASE)
_COUNTED = re.compile(
    r"^\s*in\s+(?:(?P<n>\w+)\s+(?:out\s+)?of\s+(?:the\s+)?\d+|the\s+remaining\s+\w+|all\s+\w+)"
    r"(?:\s+(?:key\s+)?(?:areas|standards|aspects|domains))?",
    re.IGNORECASE,
)
_COUNTED_SUBJECT = re.compile(
    r"(?P<subject>(?:\b\w+\s+(?:out\s+)?of\s+(?:the\s+)?\w+|\bthe\s+(?:remaining|other)\s+\w+|"
    r"\ball\s+\w+|\b\w+(?=\s+(?:key\s+)?(?:areas|standards)))"
    r"(?:\s+(?:key\s+)?(?:areas|standards|aspects|domains))?"
    r"(?:\s+(?:on|for|covering|about)\s+[a-z -]+?)?)"
    r"\s+(?:(?:were|was|are)\s+(?:\w+\s+)?(?:rated|judged|graded|found)\s+(?:as\s+|to\s+(?:be\s+)?)?"
    r"|as\s+)\W*$",
    re.IGNORECASE,
)
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


@dataclass(frozen=True, slots=True)
class _Mention:
    """A service named in the text."""

    area: str | None
    type: str
    start: int
    end: int
    proper: bool

    @property
    def key(self) -> tuple[str | None, str]:
        """What identifies the service: its area and kind."""
        return (self.area.lower() if self.area else None, self.type)


@dataclass(frozen=True, slots=True)
class _Statement:
    """One rating the text gives, with what it is about and when."""

    fact: Fact
    rating: Rating
    previous: bool
    also_previous: bool
    year: GroundedInt | None
    standard: str | None = None
    standard_span: Span | None = None


def _body_blocks(analysis: Analysis) -> list[Block]:
    """The article's own blocks: page metadata left out, and nothing after 'ENDS' and the like."""
    markers = article_vocabulary().end_markers
    blocks: list[Block] = []
    for block in analysis.document.blocks:
        if block.kind == "meta":
            continue
        if blocks and markers.fullmatch(analysis.document.slice(block).strip()):
            break
        blocks.append(block)
    return blocks


def parse_article(analysis: Analysis, source: Source) -> Article | OtherDocument:
    """An Article when the text rates a youth justice or probation service, else OtherDocument."""
    document = analysis.document
    blocks = _body_blocks(analysis)
    headline_block, header_end = _headline(analysis, blocks)
    headline = _grounded(analysis, headline_block) if headline_block else None
    published = _published(analysis, blocks[: max(header_end + 3, 8)])
    outlet = _outlet(analysis, blocks[:header_end])
    author = _author(analysis, blocks[: max(header_end + 3, 8)])
    mentions = _mentions(analysis, blocks)
    subject = _subject(analysis, mentions, headline_block)
    body = [b for i, b in enumerate(blocks) if b is headline_block or i > header_end]
    year = int(published.value[:4]) if published else None
    statements = list(_statements(analysis, body, mentions, subject, year))
    current = [s for s in statements if not s.previous and s.standard is None]
    recommendations = _recommendations(analysis, body, year)
    rated = subject is not None and (bool(statements) or recommendations is not None)
    inspectorates = _inspectorates(analysis, blocks)
    found_quantities = quantities(analysis, body)
    found_quotes = list(article_quotes(analysis, body))
    if not rated:
        return OtherDocument(
            kind_reason="it does not give an inspection rating of a youth justice or probation "
            "service",
            source=source,
            title=headline,
            outlet=outlet,
            author=author,
            published=published,
            inspectorates=inspectorates,
            quantities=found_quantities,
            quotes=found_quotes,
        )
    kind, reason = _kind(analysis, document.blocks, outlet)
    report_published = _report_published(analysis, body, published)
    dated = report_published or published
    inspection_year = (
        GroundedInt(value=int(dated.value[:4]), evidence=dated.evidence) if dated else None
    )
    return Article(
        kind=kind,
        kind_reason=reason,
        source=source,
        headline=headline,
        outlet=_outlet_for(kind, outlet, analysis, blocks),
        author=author,
        published=published,
        report_published=report_published,
        services=[_service(analysis, mentions, subject, headline_block)] if subject else [],
        overall_rating=GroundedRating(
            value=current[0].rating, evidence=analysis.evidence_of(current[0].fact)
        )
        if current
        else None,
        inspection_year=inspection_year,
        score=_score(analysis, body),
        previous_ratings=_previous(analysis, statements)
        + _unchanged(analysis, body, current[0].rating if current else None, statements, year),
        standard_ratings=[
            StandardRating(
                standard=s.standard,
                rating=s.rating,
                evidence=_standard_evidence(analysis, s.fact, s.standard_span),
            )
            for s in statements
            if s.standard is not None and s.standard_span is not None and not s.previous
        ],
        inspectorates=inspectorates,
        recommendations_count=recommendations,
        quantities=found_quantities,
        quotes=found_quotes,
    )


def _standard_evidence(analysis: Analysis, rating: Fact, standard: Span) -> Evidence:
    """From a standard's name to its rating, with both quote marks when the rating is quoted."""
    start, end = rating.start, rating.end
    text = analysis.text
    if start > 0 and end < len(text) and text[start - 1] in "'‘\"“" and text[end] in "'’\"”":
        start, end = start - 1, end + 1
    return analysis.evidence(min(start, standard.start), max(end, standard.end))


def _grounded(analysis: Analysis, block: Block, value: str | None = None) -> GroundedText:
    """A block's text as a grounded value."""
    evidence = analysis.evidence_of(block)
    return GroundedText(value=value or evidence.text, evidence=evidence)


def _header_lines(analysis: Analysis, blocks: list[Block]) -> list[tuple[int, Block]]:
    """The short lines at the top that could be an outlet or a headline, with their positions."""
    not_headline = article_vocabulary().not_headline
    found: list[tuple[int, Block]] = []
    for index, block in enumerate(blocks[:10]):
        text = analysis.document.slice(block).strip()
        words = text.split()
        if block.kind in ("table", "list_item") or not_headline.fullmatch(text):
            continue
        if len(words) > 25 or (text.endswith(".") and len(words) > 6):
            break
        dated = analysis.facts_in(block.start, block.end, "DATE")
        if (dated and len(words) < 8) or _BYLINES[0].match(text) or len(words) < 2:
            continue
        found.append((index, block))
    return found


def _title_case(text: str) -> bool:
    """A masthead rather than a headline: every word capitalised, or the whole line in capitals."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’]*", text) if w.lower() not in _SMALL_WORDS]
    return bool(words) and (text.isupper() or all(w[0].isupper() for w in words))


_SMALL_WORDS = {"and", "of", "the", "for", "in", "on", "a", "an", "to", "&"}


def _headline(analysis: Analysis, blocks: list[Block]) -> tuple[Block | None, int]:
    """The headline and its position: a masthead line above it is the outlet, not the headline."""
    lines = _header_lines(analysis, blocks)
    if len(lines) >= 2:
        first_text = analysis.document.slice(lines[0][1])
        if _title_case(first_text) and len(first_text.split()) <= 6:
            lines = lines[1:]
    long_enough = [line for line in lines if len(analysis.document.slice(line[1]).split()) >= 3]
    if long_enough:
        return long_enough[0][1], long_enough[0][0]
    title = analysis.document.meta("title")
    if title is not None:
        return title, -1
    return (blocks[0], 0) if blocks else (None, -1)


def _published(analysis: Analysis, header: list[Block]) -> GroundedDate | None:
    """The publication date: the page's declared date, else the first date of the header."""
    declared = analysis.declared_date()
    if declared is not None:
        return declared
    candidates: list[tuple[bool, Fact]] = []
    for block in header:
        for fact in analysis.facts_in(block.start, block.end, "DATE"):
            before = analysis.slice(block.start, fact.start)
            if len(fact.value) == 10 and not _NOT_PUBLISHED.search(before):
                candidates.append((not _PUBLISHED_CUE.search(before), fact))
    if not candidates:
        return None
    fact = min(candidates, key=lambda candidate: (candidate[0], candidate[1].start))[1]
    return GroundedDate(value=fact.value, evidence=analysis.evidence_of(fact))


def _outlet(analysis: Analysis, header: list[Block]) -> GroundedText | None:
    """Who published it: the page's site name, else the masthead line above the headline.

    'Cyngor Sir Ddinbych | Denbighshire County Council' gives its last part; an inspectorate's
    masthead gives the inspectorate's canonical name.
    """
    document = analysis.document
    site = document.meta("site")
    if site is not None:
        return _grounded(analysis, site)
    for block in header:
        text = document.slice(block).strip()
        if _NOT_OUTLET.fullmatch(text) or analysis.facts_in(block.start, block.end, "DATE"):
            continue
        if _BYLINES[0].match(text):
            continue
        named = analysis.facts_in(block.start, block.end, "INSPECTORATE")
        if named and named[0].start == block.start:
            return GroundedText(value=named[0].value, evidence=analysis.evidence_of(named[0]))
        if "|" in text:
            part = text.rsplit("|", 1)[1].strip()
            if len(part.split()) < 2:
                continue
            start = block.start + text.rindex(part)
            return analysis.grounded(start, start + len(part))
        if len(text.split()) < 2 or article_vocabulary().not_headline.fullmatch(text):
            continue
        if not _title_case(text) or len(text.split()) > 6:
            return None
        return _grounded(analysis, block, text.title() if text.isupper() else text)
    return None


def _outlet_for(
    kind: str, outlet: GroundedText | None, analysis: Analysis, blocks: list[Block]
) -> GroundedText | None:
    """A press release's outlet is the inspectorate, named where the page names itself."""
    if kind != "press_release" or (outlet and "inspectorate" in outlet.value.lower()):
        return outlet
    for fact in analysis.facts_in(blocks[0].start, blocks[-1].end, "INSPECTORATE"):
        if fact.value == "HM Inspectorate of Probation":
            return GroundedText(value=fact.value, evidence=analysis.evidence_of(fact))
    return outlet


_BYLINES = (
    re.compile(rf"^(?:by|words:|reporter:|written by)\s+(?P<name>{_PERSON})", re.IGNORECASE),
    re.compile(rf"\bby\s+(?P<name>{_PERSON})\s*(?:,|\||$)", re.IGNORECASE),
    re.compile(rf"\|\s*(?P<name>{_PERSON})\s*$"),
    re.compile(rf"^(?P<name>{_PERSON})\s*(?:,\s*[A-Z][\w ]+)?$"),
)


def _author(analysis: Analysis, header: list[Block]) -> GroundedText | None:
    """The byline's name: 'By Kerry Ashworth', 'Words: Connor Blake', '11 May 2024 | Gwen Lee'."""
    document = analysis.document
    meta = document.meta("author")
    if meta is not None:
        return _grounded(analysis, meta)
    for block in header[1:]:
        text = document.slice(block).strip()
        if len(text) > 90 or text.endswith("."):
            continue
        for pattern in _BYLINES:
            match = pattern.search(text)
            if match and not _not_a_person(match.group("name")):
                start = block.start + match.start("name")
                return analysis.grounded(start, start + len(match.group("name")))
    return None


def _not_a_person(name: str) -> bool:
    """Capitalised words that name a place or an organisation, not a writer."""
    return any(word in article_vocabulary().not_names for word in name.split())


def _mentions(analysis: Analysis, blocks: list[Block]) -> list[_Mention]:
    """Every service the text names, with its area where it gives one."""
    found: list[_Mention] = []
    if not blocks:
        return found
    types = vocabulary().services
    for fact in analysis.facts_in(blocks[0].start, blocks[-1].end, "SERVICE"):
        text = analysis.slice(fact.start, fact.end)
        phrase = max(
            (p for p in types[fact.value] if text.lower().endswith(p.replace(" 's", "'s"))),
            key=len,
            default="",
        )
        area = text[: len(text) - len(phrase)].strip()
        area = re.sub(r"^(?:the|a|an)\s+", "", area, flags=re.IGNORECASE)
        area = re.sub(r"['’]s$", "", area).strip()
        if area.split(" ")[0] in article_vocabulary().not_areas:
            area = ""
        printed = text[len(text) - len(phrase) :]
        proper = printed[:1].isupper() and " " in printed
        if not area:
            area = _area_after(analysis, fact.end)
            proper = False
        found.append(_Mention(area or None, fact.value, fact.start, fact.end, proper))
    return found


_AREA_AFTER = re.compile(
    r"\s+in\s+(?:the\s+)?(?P<area>[A-Z][\w’'-]*(?:(?:\s*,\s*|\s+and\s+|\s*&\s*|\s+)[A-Z][\w’'-]*)*)"
)


def _area_after(analysis: Analysis, end: int) -> str:
    """The area named after a service: 'Probation services in Kent and Sussex'; not 'in England'."""
    match = _AREA_AFTER.match(analysis.slice(end, end + 80))
    if match is None or match.group("area").split()[0] in article_vocabulary().not_areas:
        return ""
    return match.group("area")


def _subject(
    analysis: Analysis, mentions: list[_Mention], headline: Block | None
) -> _Mention | None:
    """The service the article is about: the one its headline names, else the first named."""
    candidates = [m for m in mentions if m.type in ("youth", "probation") and m.area]
    if not candidates:
        return None
    if headline is not None:
        in_headline = [m for m in candidates if headline.start <= m.start < headline.end]
        if in_headline:
            return in_headline[0]
        words = analysis.document.slice(headline).lower()
        youth = re.search(r"\byouth|\bchildren", words)
        adult = re.search(r"\bprobation|\bpdu\b", words)
        wanted = "probation" if adult and (not youth or adult.start() < youth.start()) else "youth"
        typed = [m for m in candidates if m.type == wanted]
        if typed:
            return typed[0]
    return candidates[0]


def _service(
    analysis: Analysis, mentions: list[_Mention], subject: _Mention, headline: Block | None
) -> ServiceMention:
    """The subject under its proper name if the text gives one, else as the body first puts it."""
    same = [m for m in mentions if m.key == subject.key]
    in_body = [m for m in same if headline is None or not headline.start <= m.start < headline.end]
    best = next((m for m in same if m.proper), (in_body or same)[0])
    start = best.start
    leading = re.match(r"(?:the|a|an)\s+", analysis.slice(best.start, best.end), re.IGNORECASE)
    if leading:
        start += leading.end()
    evidence = analysis.evidence(start, best.end)
    return ServiceMention(
        name=evidence.text,
        area=subject.area,
        type="probation" if subject.type == "probation" else "youth",
        evidence=evidence,
    )


def _report_published(
    analysis: Analysis, blocks: list[Block], published: GroundedDate | None
) -> GroundedDate | None:
    """When the report came out: 'published on 10 December 2024', 'published yesterday'.

    Relative dates ('today (4 March)', 'yesterday') are resolved against the article's own date.
    """
    for block in blocks:
        for sentence in analysis.sentences_in(block.start, block.end):
            text = analysis.slice(sentence.start, sentence.end)
            if not re.search(r"\b(?:report|inspection)\b", text, re.IGNORECASE):
                continue
            for fact in analysis.facts_in(sentence.start, sentence.end, "DATE"):
                before = analysis.slice(sentence.start, fact.start)
                if len(fact.value) == 10 and re.search(r"\bpublished\b(?:\s+on)?\s*$", before):
                    return GroundedDate(value=fact.value, evidence=analysis.evidence_of(fact))
            relative = _RELATIVE.search(text)
            if relative and published is not None and len(published.value) == 10:
                day = _relative_day(relative, date.fromisoformat(published.value))
                start = sentence.start + relative.start("word")
                evidence = analysis.evidence(start, sentence.start + relative.end())
                return GroundedDate(value=day.isoformat(), evidence=evidence)
    return None


def _relative_day(relative: re.Match[str], published: date) -> date:
    """The day 'today (4 March)' or 'yesterday' means for an article dated `published`.

    A day in brackets names the year nearest the article's date unless it gives one; a day that
    does not exist ('31 February') is ignored for the article's own date.
    """
    if relative.group("word").lower() == "yesterday":
        return published - timedelta(days=1)
    if not relative.group("day"):
        return published
    month, day = MONTHS[relative.group("month").lower()], int(relative.group("day"))
    years = [int(relative.group("year"))] if relative.group("year") else [published.year]
    if not relative.group("year"):
        years += [published.year - 1, published.year + 1]
    days = []
    for year in years:
        with suppress(ValueError):
            days.append(date(year, month, day))
    return min(days, key=lambda d: abs(d - published), default=published)


_RELATIVE = re.compile(
    r"\bpublished\s+(?P<word>today|yesterday)"
    rf"(?:\s*\((?P<day>\d{{1,2}})\s+(?P<month>{'|'.join(MONTHS)})(?:\s+(?P<year>\d{{4}}))?\))?",
    re.IGNORECASE,
)


ArticleKind = Literal["news_article", "press_release"]


def _kind(
    analysis: Analysis, blocks: list[Block], outlet: GroundedText | None
) -> tuple[ArticleKind, str]:
    """Press release or news article, with the reason."""
    document = analysis.document
    texts = [document.slice(block).strip() for block in blocks]
    markers = article_vocabulary().press_release_markers
    if any(markers.fullmatch(text) for text in texts):
        return "press_release", "it ends with 'ENDS' / 'Notes to editors'"
    if any(_SAYS_RELEASE.match(text) for text in texts[:6]):
        return "press_release", "it says it is a press release"
    if outlet is not None and "inspectorate of probation" in outlet.value.lower():
        return "press_release", "the inspectorate published it"
    return "news_article", "it reports an inspection rating of a service"


def _statements(
    analysis: Analysis,
    blocks: list[Block],
    mentions: list[_Mention],
    subject: _Mention | None,
    year: int | None,
) -> list[_Statement]:
    """Every rating the text gives the subject or its standards, classified by time.

    Ratings inside direct speech are the speaker's words, not the article's claims. When the
    article's own year is unknown, a rating dated by a year after an undated one of the service
    ('This follows an inspection in 2019, when it was rated ...') is the earlier rating.
    """
    found: list[_Statement] = []
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
    if counted and _count(counted.group(1)) is not None:
        return True
    return bool(
        re.search(rf"\b(?:{plural})\s+(?:that|which)\s+(?:\w+\s+)?\W*$", before, re.IGNORECASE)
    )


def _classify(
    analysis: Analysis,
    sentence: Span,
    fact: Fact,
    mentions: list[_Mention],
    subject: _Mention | None,
    year: int | None,
) -> list[_Statement]:
    """What a rating is of (the subject, its standards, or another service) and when it was."""
    nearest = [m for m in mentions if sentence.start <= m.start < fact.start]
    if (
        nearest
        and subject is not None
        and not _same_service(analysis, nearest[-1], subject, mentions)
        and (nearest[-1].area is not None or nearest[-1].type != subject.type)
    ):
        return []
    clause_start = _clause_start(analysis, sentence, fact.start)
    standards = _standard(analysis, sentence, clause_start, fact, nearest)
    previous, also = _when(analysis, sentence, clause_start, fact, year)
    when = _year(analysis, sentence, clause_start, fact, year) if previous or also else None
    if not standards:
        return [_Statement(fact, fact.value, previous, also, when)]
    return [
        _Statement(fact, fact.value, previous, also, when, name, span) for name, span in standards
    ]


def _same_service(
    analysis: Analysis, mention: _Mention, subject: _Mention, mentions: list[_Mention]
) -> bool:
    """Whether a mention is the subject: the same area and kind, or that area's CRC.

    An area's Community Rehabilitation Company is the subject when the subject is the area's
    'probation service' (not a PDU); 'the CRC' is the CRC last named with its area.
    """
    if mention.key == subject.key:
        return True
    generic = "probation service" in analysis.slice(subject.start, subject.end).lower()
    if not (generic and mention.type == "predecessor" and subject.type == "probation"):
        return False
    named = [
        m.area
        for m in mentions
        if m.type == mention.type and m.area is not None and m.start <= mention.start
    ]
    area = mention.area or (named[-1] if named else None)
    return (area or "").lower() == (subject.area or "").lower()


def _clause_start(analysis: Analysis, sentence: Span, offset: int) -> int:
    """Where the clause holding an offset starts: after the last ';' or ', but' before it."""
    text = analysis.slice(sentence.start, offset)
    cut = max(text.rfind(";"), text.rfind(" but "), text.rfind(", while"))
    return sentence.start + cut + 1 if cut >= 0 else sentence.start


@cache
def _standard_names() -> re.Pattern[str]:
    """Every name a standard goes by in articles, longest first, as one expression."""
    vocab = article_vocabulary()
    names = {
        name.lower()
        for framework in frameworks().values()
        for standard in framework.standards
        for name in (standard.name, *standard.aliases)
    } | set(vocab.standards)
    names |= {f"{prefix} {name}" for prefix in vocab.standard_prefixes for name in list(names)}
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)


def _standard(
    analysis: Analysis, sentence: Span, clause_start: int, fact: Fact, nearest: list[_Mention]
) -> list[tuple[str, Span]]:
    """The standards (or counted standards) a rating belongs to; none when it is the service's.

    'Planning, implementation and delivery, and work with victims were each rated Good' rates
    three standards; 'rated outstanding in nine out of 13 key areas' rates a counted group.
    """
    after = analysis.slice(fact.end, sentence.end)
    counted = _COUNTED.match(re.sub(r"^[’'\"”]", "", after))
    if counted and counted.group(0).strip().lower() != "in":
        value = re.sub(r"^in\s+", "", counted.group(0).strip(), flags=re.IGNORECASE)
        start = fact.end + after.index(value)
        return [(value, Span(start, start + len(value)))]
    earlier = analysis.facts_in(sentence.start, fact.start, "RATING")
    begin = max([clause_start, *(m.end for m in nearest), *(f.end for f in earlier)])
    before = analysis.slice(begin, fact.start)
    counted_subject = _COUNTED_SUBJECT.search(before)
    if counted_subject and _counts(counted_subject.group("subject")):
        start = begin + counted_subject.start("subject")
        return [
            (counted_subject.group("subject"), Span(start, begin + counted_subject.end("subject")))
        ]
    found = list(_standard_names().finditer(before))
    if not found or not _SUBJECT_GAP.fullmatch(before[found[-1].end() :]):
        return _named_otherwise(analysis, sentence, fact, clause_start, begin)
    chosen = [found[-1]]
    for match in reversed(found[:-1]):
        between = before[match.end() : chosen[-1].start()]
        if not _COORDINATION.fullmatch(between):
            break
        chosen.append(match)
    return [
        (match.group(0), Span(begin + match.start(), begin + match.end()))
        for match in reversed(chosen)
    ]


def _named_otherwise(
    analysis: Analysis, sentence: Span, fact: Fact, clause_start: int, begin: int
) -> list[tuple[str, Span]]:
    """A standard named away from its rating, by its own name when the subject holds one.

    'X, which was separately rated as', 'X was also inspected and separately rated', 'rated the
    work in resettlement as', 'a 'Good' rating for leadership'.
    """
    names = _standard_names()
    after = analysis.slice(fact.end, sentence.end)
    rated_for = re.match(r"\W*\s*(?:rating|grade)\s+(?:for|in)\s+", after, re.IGNORECASE)
    named = names.match(after, rated_for.end()) if rated_for else None
    if named is not None:
        return [(named.group(0), Span(fact.end + named.start(), fact.end + named.end()))]
    clause = analysis.slice(clause_start, fact.start)
    active = re.search(
        r"\b(?:rated|judged|graded)\s+(?P<object>[^.;]{0,120}?)\s+as\s+\W*$", clause, re.IGNORECASE
    )
    inside = names.search(active.group("object")) if active is not None else None
    if active is not None and inside is not None:
        start = clause_start + active.start("object") + inside.start()
        return [(inside.group(0), Span(start, start + len(inside.group(0))))]
    before = analysis.slice(begin, fact.start)
    separately = _SEPARATELY.search(before)
    if separately is None:
        return []
    subject, start = separately.group("subject"), begin + separately.start("subject")
    within = names.search(subject)
    if subject.lower() in ("which", "that"):
        within = names.search(before[: separately.start("subject")])
        start = begin
    elif within is not None:
        start = begin + separately.start("subject")
    if within is not None:
        return [(within.group(0), Span(start + within.start(), start + within.end()))]
    return [(subject, Span(start, start + len(subject)))]


def _counts(group: str) -> bool:
    """Whether a counted group starts with a count ('nine of 13'), not 'Inspectorate of ...'."""
    first = group.split()[0].lower()
    return first in ("the", "all") or _count(first) is not None


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
    years = [int(match) for match in _YEAR.findall(f"{before} {after}")]
    past_year = (
        year is not None
        and bool(years)
        and max(years) < year
        and not re.search(r"\b(?:this|latest|new|current)\b", lowered)
    )
    if right_before[-1:] == ["from"] or right_before[-2:-1] == ["from"]:
        return True, False
    if any(re.search(rf"\b{re.escape(cue)}\b", context) for cue in words.both):
        return past_year, not past_year
    if right_before[-1:] == ["to"] and not past_year:
        return False, False
    if any(re.search(rf"\b{re.escape(cue)}\b", context) for cue in words.previous):
        return True, False
    return past_year, False


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
        for m in _YEAR.finditer(text)
    ]
    if year is not None:
        for match in _YEARS_AGO.finditer(text):
            count = 1 if match.group(0).lower() == "last year" else _count(match.group(1))
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


def _count(word: str) -> int | None:
    """A small count written in figures or words."""
    from extractor.vocabulary import number_value

    value = number_value(word)
    return int(value) if value is not None else None


def _previous(analysis: Analysis, statements: list[_Statement]) -> list[PreviousRating]:
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


def _unchanged(
    analysis: Analysis,
    blocks: list[Block],
    rating: Rating | None,
    statements: list[_Statement],
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
                    for m in _YEAR.finditer(text)
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


def _inspectorates(analysis: Analysis, blocks: list[Block]) -> list[GroundedText]:
    """The inspectorates the text names, each once, by their canonical names."""
    found: dict[str, GroundedText] = {}
    if not blocks:
        return []
    for fact in analysis.facts_in(blocks[0].start, blocks[-1].end, "INSPECTORATE"):
        found.setdefault(
            fact.value, GroundedText(value=fact.value, evidence=analysis.evidence_of(fact))
        )
    return list(found.values())


def _recommendations(
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
                value = _count(elided.group(1)) if elided else None
                if elided and value:
                    start = sentence.start + elided.start(1)
                    return GroundedInt(
                        value=value, evidence=analysis.evidence(start, start + len(elided.group(1)))
                    )
            if not facts:
                continue
            fact = facts[0]
            years = [int(y) for y in _YEAR.findall(text)]
            if year is not None and years and max(years) < year:
                skipped = True
                continue
            total, end = int(fact.value), fact.end
            after = analysis.slice(fact.end, sentence.end)
            if _ADDRESSED.match(after):
                for part in _PART.finditer(after):
                    more = _count(part.group(1))
                    if more:
                        total += more
                        end = fact.end + part.end(1)
            return GroundedInt(value=total, evidence=analysis.evidence(fact.start, end))
    return None


def _score(analysis: Analysis, blocks: list[Block]) -> Score | None:
    """The score the article gives: '6/12', 'six out of 12', '3 out of a possible 27'."""
    maxima = {framework.score_max for framework in frameworks().values()}
    for block in blocks:
        for fact in analysis.facts_in(block.start, block.end, "SCORE"):
            value, maximum = fact.value
            if maximum in maxima:
                return Score(value=value, max=maximum, evidence=analysis.evidence_of(fact))
    return None
