"""Read an article's header: headline, dates, outlet, author, and whether it is a press release."""

from __future__ import annotations

import re
from contextlib import suppress
from datetime import date, timedelta
from typing import Literal

from extractor.document import Block
from extractor.parse.analysis import Analysis, Fact
from extractor.vocabulary import MONTHS, article_vocabulary
from models import GroundedDate, GroundedText

_PERSON = r"[A-Z][a-z'’-]+\s+[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+(?=\s*(?:,|\||$)))?"
_SAYS_RELEASE = re.compile(r"(?:press|news) release\b", re.IGNORECASE)
_NOT_OUTLET = re.compile(r"skip to (?:main )?content|(?:press|news) release", re.IGNORECASE)
_NOT_PUBLISHED = re.compile(r"(?:updated|held on|meeting|modified)\W*$", re.IGNORECASE)
_PUBLISHED_CUE = re.compile(r"(?:published|posted|date)\W*$", re.IGNORECASE)


def grounded_block(analysis: Analysis, block: Block, value: str | None = None) -> GroundedText:
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


def headline(analysis: Analysis, blocks: list[Block]) -> tuple[Block | None, int]:
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


def published(analysis: Analysis, header: list[Block]) -> GroundedDate | None:
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


def outlet(analysis: Analysis, header: list[Block]) -> GroundedText | None:
    """Who published it: the page's site name, else the masthead line above the headline.

    'Cyngor Sir Ddinbych | Denbighshire County Council' gives its last part; an inspectorate's
    masthead gives the inspectorate's canonical name.
    """
    document = analysis.document
    site = document.meta("site")
    if site is not None:
        return grounded_block(analysis, site)
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
        return grounded_block(analysis, block, text.title() if text.isupper() else text)
    return None


def outlet_for(
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


def author(analysis: Analysis, header: list[Block]) -> GroundedText | None:
    """The byline's name: 'By Kerry Ashworth', 'Words: Connor Blake', '11 May 2024 | Gwen Lee'."""
    document = analysis.document
    meta = document.meta("author")
    if meta is not None:
        return grounded_block(analysis, meta)
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


def report_published(
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


def kind(
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
