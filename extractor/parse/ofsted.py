"""Ofsted children's services documents: tell the kinds apart from page 1, read what they share.

The family modules read what differs: `ofsted_ilacs` (the judgement table), `ofsted_sif` (the
cover sentence and numbered rows) and `ofsted_other` (ungraded documents). Everything here is
regular expressions over the normalised text, so every value is grounded where it is printed;
the patterns themselves are data (`data/ofsted.toml`, `data/frameworks/ofsted_*.toml`).
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from itertools import pairwise
from typing import Literal

from pydantic import BaseModel, ConfigDict

from extractor.document import Document
from extractor.frameworks import Framework, StandardDefinition, frameworks
from extractor.vocabulary import MONTHS
from models import (
    Evidence,
    GroundedDate,
    GroundedRating,
    GroundedText,
    InspectionType,
    Person,
    Rating,
    RatingStatement,
    Standard,
)

_STRICT = ConfigDict(extra="forbid", frozen=True)


class Kind(BaseModel):
    """One kind of Ofsted document and the page-1 markers that tell it."""

    model_config = _STRICT

    id: str
    record: Literal["inspection_report", "other"]
    family: str | None = None
    all: tuple[str, ...]
    any: tuple[str, ...] = ()
    none: tuple[str, ...] = ()
    reason: str


class Cover(BaseModel):
    """Where page 1 ends and how it prints dates, names and the authority."""

    model_config = _STRICT

    characters: int
    sif_row_pages: int
    inspection_dates: tuple[str, ...]
    report_published: str
    lead_inspector: str
    lead_inspector_role: str
    title: tuple[str, ...]
    area_prefixes: tuple[str, ...]
    area_suffixes: tuple[str, ...]


class IlacsData(BaseModel):
    """The ILACS list of what needs to improve, body headings and inspection length."""

    model_config = _STRICT

    improve_heading: str
    improve_end: str
    bullets: tuple[str, ...]
    body_heading_separator: str
    short_days: tuple[int, int]
    standard_days: tuple[int, int]


class SifData(BaseModel):
    """Where SIF reports list recommendations, strengths and weaknesses."""

    model_config = _STRICT

    recommendation_headings: tuple[str, ...]
    recommendation_end: tuple[str, ...]
    not_an_item: tuple[str, ...]
    bullets: tuple[str, ...]
    because_heading: str
    section_heading: str
    weakness_words: tuple[str, ...]


class SendOutcome(BaseModel):
    """One of the three area SEND outcomes and the words that state it."""

    model_config = _STRICT

    value: Literal["positive", "inconsistent", "systemic"]
    level: int
    pattern: str


class OfstedData(BaseModel):
    """Everything `data/ofsted.toml` holds."""

    model_config = _STRICT

    kinds: tuple[Kind, ...]
    cover: Cover
    ilacs: IlacsData
    sif: SifData
    send_outcomes: tuple[SendOutcome, ...]


@cache
def ofsted_data() -> OfstedData:
    """The Ofsted data file, read and validated once."""
    text = files("extractor").joinpath("data/ofsted.toml").read_text("utf-8")
    return OfstedData.model_validate(tomllib.loads(text))


@cache
def pattern(source: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """A data pattern compiled: a space is any whitespace (' ?' optional), ' either apostrophe."""
    spaced = source.replace(" ?", r"\s*").replace(" ", r"\s+").replace("'", "['’]")
    return re.compile(spaced, flags)


def cover_end(document: Document, pages: int = 1) -> int:
    """Where the first `pages` pages end (PDF), else the cover's usual length in characters."""
    if document.pages:
        return document.pages[min(pages, len(document.pages)) - 1].end
    return min(len(document.text), ofsted_data().cover.characters * pages)


def ofsted_kind(document: Document) -> Kind | None:
    """The kind of Ofsted document this is, from page 1 alone (C5), or None for any other."""
    page = document.text[: cover_end(document)]
    for kind in ofsted_data().kinds:
        if (
            all(pattern(p).search(page) for p in kind.all)
            and (not kind.any or any(pattern(p).search(page) for p in kind.any))
            and not any(pattern(p).search(page) for p in kind.none)
        ):
            return kind
    return None


def family_frameworks(family: str) -> list[Framework]:
    """The frameworks of one report family, oldest first."""
    found = [f for f in frameworks().values() if f.family == family]
    return sorted(found, key=lambda f: f.fieldwork_from or "")


def dated_framework(family: str, started: str | None) -> Framework | None:
    """The framework of a family whose fieldwork dates hold the first day of fieldwork (§1)."""
    if started is None:
        return None
    return next((f for f in family_frameworks(family) if f.period_of(started) == "within"), None)


@cache
def grade_regex(family: str) -> re.Pattern[str]:
    """Every grade word of a family's frameworks, longest first, as one alternation."""
    words = {
        word
        for framework in family_frameworks(family)
        for group in (*framework.rating_words.values(), framework.not_judged_words)
        for word in group
    }
    alternation = "|".join(w.replace(" ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternation})\b", re.IGNORECASE)


def rating_of(word: str, family: str) -> Rating | None:
    """The four-point rating a grade word stands for (C3), None for 'not judged'."""
    plain = " ".join(word.lower().split())
    for framework in family_frameworks(family):
        for rating, words in framework.rating_words.items():
            if plain in words:
                return rating
    return None


@cache
def with_grades(source: str, family: str) -> re.Pattern[str]:
    """A framework pattern whose GRADE placeholder stands for the family's grade words."""
    return re.compile(
        pattern(source).pattern.replace("GRADE", grade_regex(family).pattern), re.IGNORECASE
    )


def grounded_rating(document: Document, start: int, end: int, family: str) -> GroundedRating | None:
    """A grade as printed, normalised to the four-point rating, quoting the report's words."""
    evidence = document.evidence(start, end)
    rating = rating_of(evidence.text, family)
    return GroundedRating(value=rating, evidence=evidence) if rating else None


def grounded(document: Document, start: int, end: int) -> GroundedText:
    """A stretch of text as a value that is exactly what its evidence quotes."""
    evidence = document.evidence(start, end)
    return GroundedText(value=evidence.text, evidence=evidence)


_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_RANGE = re.compile(
    rf"(?P<d1>{_DAY})(?:\s+(?P<m1>{_MONTH})\.?)?(?:\s+(?P<y1>\d{{4}}))?\s*(?:to|–|—|-|and)\s*"
    rf"(?P<d2>{_DAY})\s+(?P<m2>{_MONTH})\.?\s+(?P<y2>\d{{4}})\b",
    re.IGNORECASE,
)
_ONE_DATE = re.compile(rf"(?P<d2>{_DAY})\s+(?P<m2>{_MONTH})\.?\s+(?P<y2>\d{{4}})\b", re.IGNORECASE)
_NUMERIC_DATE = r"(?P<d{n}>\d{{1,2}})/(?P<m{n}>\d{{1,2}})/(?P<y{n}>\d{{4}})"
_NUMERIC = re.compile(
    rf"(?:{_NUMERIC_DATE.format(n=1)}\s*(?:to|–|—|-)\s*)?{_NUMERIC_DATE.format(n=2)}\b"
)
"""Dates some 2015 covers print as numbers: 'Inspection date: 1/06/2015 – 25/06/2015'."""


def _iso(day: str, month: str, year: str) -> str | None:
    """An ISO day from the parts a report prints, or None for an impossible date."""
    number = int(month) if month.isdigit() else MONTHS.get(month.lower(), 0)
    try:
        found = dt.date(int(year), number, int(re.sub(r"\D", "", day)))
    except ValueError:
        return None
    return found.isoformat()


@dataclass(frozen=True, slots=True)
class Fieldwork:
    """The inspection's first and last days (the first block of a split inspection)."""

    started: GroundedDate
    ended: GroundedDate

    def days(self) -> int:
        """Days from the first to the last day of fieldwork, both counted."""
        first = dt.date.fromisoformat(self.started.value)
        last = dt.date.fromisoformat(self.ended.value)
        return (last - first).days + 1


def fieldwork(document: Document, start: int, end: int) -> Fieldwork | None:
    """The dates after the cover's 'Inspection dates:' (M1, M2) or a letter's 'visit to ... on'.

    A range over the new year gives its year once ('30 December to 10 January 2020').
    """
    labels = (
        pattern(p).search(document.text, start, end) for p in ofsted_data().cover.inspection_dates
    )
    label = next((found for found in labels if found), None)
    if label is None:
        return None
    window = document.text[label.end() : min(label.end() + 120, len(document.text))]
    match = _RANGE.match(window) or _ONE_DATE.match(window) or _NUMERIC.match(window)
    if match is None:
        return None
    parts = match.groupdict()
    last = _iso(parts["d2"], parts["m2"], parts["y2"])
    first = _iso(
        parts.get("d1") or parts["d2"],
        parts.get("m1") or parts["m2"],
        parts.get("y1") or parts["y2"],
    )
    if first and last and first > last and not parts.get("y1"):
        first = _iso(parts["d1"], parts.get("m1") or parts["m2"], str(int(parts["y2"]) - 1))
    if first is None or last is None or first > last:
        return None
    evidence = document.evidence(label.end() + match.start(), label.end() + match.end())
    return Fieldwork(
        started=GroundedDate(value=first, evidence=evidence),
        ended=GroundedDate(value=last, evidence=evidence),
    )


def inspection_type(dates: Fieldwork | None) -> InspectionType | None:
    """Short or standard, from the fieldwork span, since reports never say (T3)."""
    if dates is None:
        return None
    days = dates.days()
    short, standard = ofsted_data().ilacs.short_days, ofsted_data().ilacs.standard_days
    if short[0] <= days <= short[1]:
        value: Literal["short", "standard", "longer_than_standard"] = "short"
    elif standard[0] <= days <= standard[1]:
        value = "standard"
    elif days > standard[1]:
        value = "longer_than_standard"
    else:
        return None
    reason = (
        f"fieldwork ran {days} days ({dates.started.value} to {dates.ended.value}); reports never "
        f"say short or standard, and a short inspection runs {short[0]}-{short[1]} days, a "
        f"standard one {standard[0]}-{standard[1]} (T3)"
    )
    return InspectionType(value=value, reason=reason, evidence=dates.started.evidence)


def published(document: Document, start: int, end: int) -> GroundedDate | None:
    """A 'Report published: 27 November 2015' line (SIF covers, M5)."""
    label = pattern(ofsted_data().cover.report_published).search(document.text, start, end)
    if label is None:
        return None
    match = _ONE_DATE.match(document.text, label.end()) or _NUMERIC.match(
        document.text, label.end()
    )
    if match is None:
        return None
    value = _iso(match["d2"], match["m2"], match["y2"])
    if value is None:
        return None
    return GroundedDate(value=value, evidence=document.evidence(match.start(), match.end()))


_NAME = re.compile(
    r"[A-Z][\w'’.-]*(?:[ \t]+(?!(?:His|Her)\s+Majesty|HMI\b|Team\b|Deputy\b|Senior\b)"
    r"(?:[A-Z][\w'’.-]*|de|van|von|da|le|la)){0,3}"
)
"""A name: up to four capitalised words, stopping at a role or the next list label (SIF team
lists can run 'Lead inspector: A B Team inspectors: ...' together on one line)."""


def lead_inspector(document: Document, start: int, end: int) -> Person | None:
    """The lead inspector's name after 'Lead inspector:' (ILACS cover M3, SIF team list M4)."""
    data = ofsted_data().cover
    label = pattern(data.lead_inspector).search(document.text, start, end)
    if label is None:
        return None
    name = _NAME.match(document.text, label.end())
    if name is None:
        return None
    evidence = document.evidence(name.start(), name.end())
    label_text = document.evidence(label.start(), label.end())
    return Person(
        name=evidence.text,
        role=GroundedText(value=label_text.text.rstrip(": "), evidence=_trim(document, label_text)),
        evidence=evidence,
    )


def _trim(document: Document, evidence: Evidence) -> Evidence:
    """Evidence without a trailing colon, so the role reads 'Lead inspector'."""
    end = evidence.end
    while end > evidence.start and document.text[end - 1] in ": \t\n":
        end -= 1
    return document.evidence(evidence.start, end)


@dataclass(frozen=True, slots=True)
class Named:
    """The cover's title, the service as it names it, and its area for histories.

    'Dorset local authority children's services' is in Dorset; 'Calderdale Metropolitan Borough
    Council' in Calderdale.
    """

    title: GroundedText | None
    name: GroundedText | None
    area: GroundedText | None


def names(document: Document, end: int) -> Named:
    """Title, authority and area from the cover's title forms (§3.2, §3.3, M7)."""
    data = ofsted_data().cover
    text = document.text
    title: GroundedText | None = None
    spans: tuple[tuple[int, int], tuple[int, int]] | None = None
    for source in data.title:
        match = pattern(source).search(text, 0, end)
        if match is None:
            continue
        line_end = text.find("\n", match.start(), match.end())
        title = title or grounded(
            document, match.start(), match.end() if line_end < 0 else line_end
        )
        if "name" in match.re.groupindex and match.group("name"):
            spans = (match.start("name"), match.end()), match.span("name")
            break
    first = document.blocks[0] if document.blocks else None
    if spans is None and first is not None and title and title.evidence.start >= first.end:
        spans = (first.start, first.end), (first.start, first.end)
    if spans is None:
        return Named(title, None, None)
    return Named(
        title, grounded(document, *spans[0]), _area(document, grounded(document, *spans[1]))
    )


def _area(document: Document, name: GroundedText) -> GroundedText:
    """The area inside an authority's name: 'London Borough of Barnet' is Barnet."""
    data = ofsted_data().cover
    start, end = name.evidence.start, name.evidence.end
    changed = True
    while changed:
        changed = False
        lowered = document.text[start:end].lower().replace("’", "'")
        for prefix in data.area_prefixes:
            if lowered.startswith(prefix) and end - start > len(prefix) + 2:
                start += len(prefix)
                changed = True
                break
        for suffix in data.area_suffixes:
            if lowered.endswith(suffix) and end - start > len(suffix) + 2:
                end -= len(suffix)
                changed = True
                break
    return grounded(document, start, end)


@dataclass(slots=True)
class Judgement:
    """A judgement as a report prints it: its label, its grade and where else it is stated."""

    code: str
    label: Evidence
    grade: GroundedRating | None
    statements: list[tuple[GroundedRating, str]]


def standard_record(judgement: Judgement, framework: Framework | None) -> Standard:
    """The record of one judgement; a printed label the framework knows gets its exact name."""
    definition = framework.standard(judgement.code) if framework else None
    printed = " ".join(judgement.label.text.split())
    known = definition is not None and definition.answers_to(printed)
    return Standard(
        code=judgement.code,
        name=definition.name if definition and known else printed,
        domain=definition.domain if definition else None,
        rating=judgement.grade,
        rating_statements=[
            RatingStatement(rating=grade.value, section=section, evidence=grade.evidence)
            for grade, section in judgement.statements
        ],
        evidence=judgement.label,
    )


def judgement_definitions(family: str) -> dict[str, StandardDefinition]:
    """Every judgement a family's frameworks define, by code (first definition wins)."""
    found: dict[str, StandardDefinition] = {}
    for framework in family_frameworks(family):
        for definition in framework.standards:
            found.setdefault(definition.code, definition)
    return found


def items(document: Document, start: int, end: int, bullets: tuple[str, ...]) -> list[Evidence]:
    """Bulleted items between two offsets, each with its wrapped lines joined (W4)."""
    marks = re.compile("|".join(re.escape(b) for b in bullets))
    found: list[tuple[int, int]] = []
    for block in document.blocks:
        if block.end <= start or block.start >= end:
            continue
        text = document.slice(block)
        stripped = text.lstrip()
        starts = [m.start() for m in marks.finditer(text)]
        if block.kind == "list_item" and not starts:
            found.append((block.start, block.end))
        elif starts and stripped[:1] in bullets:
            bounds = [*starts, len(text)]
            found.extend((block.start + a + 1, block.start + b) for a, b in pairwise(bounds))
        elif found and stripped[:1].islower():
            found[-1] = (found[-1][0], block.end)
    return [
        evidence
        for a, b in found
        if (evidence := document.evidence(max(a, start), min(b, end))).text.strip()
    ]
