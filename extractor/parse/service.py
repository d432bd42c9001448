"""The inspected service of a report: its area, full and short names, and kind, from the title.

A report's title ends with its subject: 'in Blackpool', 'in: Ashby PDU', 'in: Dunmore Community
Rehabilitation Company', ': Midshire region', 'of Wendlecote approved premises'. The subject's
words that are not service words (`vocabulary.toml` `[services]`) are the area; the full name is
the subject when it already holds a service's full name, else the first place the text writes the
area with one ('Ashby Probation Delivery Unit', 'Probation Service Midshire region'); the short
name is the area with an acronym or designation ('Ashby PDU', 'NPS Westmarch', 'Midshire region').
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from extractor.frameworks import Framework
from extractor.parse.analysis import Analysis
from extractor.vocabulary import vocabulary
from models import GroundedText, Service, ServiceType

_YEAR = r"\s*(?:[:–-]\s*)?(?:\(?\d{4}\)?)?\s*$"
_SUBJECT = (
    re.compile(rf"^.*(?:\bin\b\s*:?|:(?!\s*\(?\d{{4}}\)?\s*$))\s*(?P<subject>.*?){_YEAR}", re.I),
    re.compile(rf"\binspection of\s+(?P<subject>.*?){_YEAR}", re.IGNORECASE),
)
"""The title's subject: what follows its last 'in', 'in:' or ':', else what follows 'inspection
of'; a trailing year is not part of it."""
_WORD = r"[A-Z][\w'’&.-]*"
_AREA = re.compile(rf"{_WORD}(?:(?:\s+(?:and|&|with|upon|on|under))?\s+{_WORD})*")
"""Capitalised words, joined by the lower-case words place names use ('Blackburn with Darwen')."""


@cache
def _kinds() -> dict[str, ServiceType]:
    """Each service word (lower case) and the kind of service it names."""
    services = vocabulary().services
    kinds: dict[str, ServiceType] = {
        "youth": "youth",
        "probation": "probation",
        "predecessor": "probation",
    }
    return {
        word: kinds[kind] for kind, words in services.items() if kind in kinds for word in words
    }


def _alternation(words: list[str]) -> str:
    """Words as one regular-expression alternation, longest first, spaces as any whitespace."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in ordered)


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Full service names, acronyms (matched in capitals) and designations ('division')."""
    kinds = _kinds()
    names = _alternation([word for word in kinds if " " in word])
    acronyms = _alternation([word.upper() for word in kinds if " " not in word])
    designations = _alternation(list(vocabulary().service_designations))
    return (
        re.compile(rf"\b(?:{names})\b", re.IGNORECASE),
        re.compile(rf"\b(?:{acronyms})\b"),
        re.compile(rf"\b(?:{designations})\b", re.IGNORECASE),
    )


def read_service(
    analysis: Analysis, title: GroundedText | None, framework: Framework | None
) -> Service:
    """The service the report's title names, its names found where the text first uses them."""
    service_type = framework.service_type if framework else None
    subject = _subject(title)
    if subject is None:
        return Service(type=service_type)
    start, text = subject
    names, acronyms, designations = _patterns()
    if not _AREA.search(text):
        return _named_in_text(analysis, service_type)
    stripped = text
    for pattern in (names, acronyms, designations):
        stripped = pattern.sub(lambda match: " " * len(match.group()), stripped)
    found = _AREA.search(stripped)
    if found is None:
        return Service(type=service_type)
    area = analysis.grounded(start + found.start(), start + found.end())
    named = names.search(text)
    full = (
        analysis.grounded(start, start + len(text))
        if named
        else _grounded_form(analysis, area.value, "full")
    )
    short = _grounded_form(analysis, area.value, "acronym") or _grounded_form(
        analysis, area.value, "designation"
    )
    if service_type is None:
        words = " ".join(value.value for value in (full, short) if value) or text
        service_type = next((kind for word, kind in _kinds().items() if _names(word, words)), None)
    return Service(name=full, short_name=short, area=area, type=service_type)


def _named_in_text(analysis: Analysis, service_type: ServiceType | None) -> Service:
    """A title naming no place (a thematic inspection): the first service the text names."""
    names, _, _ = _patterns()
    for match in names.finditer(analysis.text):
        if match.group()[0].isupper():
            kind = service_type or _kinds().get(" ".join(match.group().lower().split()))
            return Service(name=analysis.grounded(match.start(), match.end()), type=kind)
    return Service(type=service_type)


def _subject(title: GroundedText | None) -> tuple[int, str] | None:
    """Where the title's subject starts, and its text."""
    if title is None:
        return None
    for pattern in _SUBJECT:
        match = pattern.search(title.value)
        if match is not None and match.group("subject"):
            return title.evidence.start + match.start("subject"), match.group("subject")
    return None


_Form = tuple[re.Pattern[str] | None, re.Pattern[str]]
"""A way an area is written: what must end just before it (or None), and what must follow it."""
_REACH = 200
"""Characters a service's name written before an area spans at most, spaces included."""


@cache
def _forms() -> dict[str, tuple[_Form, ...]]:
    """The ways an area is written with a service's names, each compiled once per process.

    'full': the area before a full name ('Ashby Probation Delivery Unit'), or after one and
    before a designation ('Probation Service Midshire region'); 'acronym': an acronym after or
    before it ('Ashby PDU', 'NPS Westmarch'), matched in capitals; 'designation': a designation
    after it ('Midshire region').
    """
    names, acronyms, designations = _patterns()
    ignore = re.IGNORECASE
    return {
        "full": (
            (None, re.compile(rf"\s+(?:{names.pattern})", ignore)),
            (
                re.compile(rf"(?:{names.pattern})\s+\Z", ignore),
                re.compile(rf"\s+(?:{designations.pattern})", ignore),
            ),
        ),
        "acronym": (
            (None, re.compile(rf"\s+(?:{acronyms.pattern})")),
            (re.compile(rf"(?:{acronyms.pattern})\s+\Z"), re.compile(r"\b")),
        ),
        "designation": ((None, re.compile(rf"\s+(?:{designations.pattern})", ignore)),),
    }


def first_form(text: str, area: str, form: str) -> tuple[int, int] | None:
    """Where the text first writes the area in one of a form's ways: its start and end.

    The same as searching one pattern of the area between the names, but the long alternations
    of names are compiled once rather than once per area: each place the area is written is
    checked for a name ending just before it and for what follows it.
    """
    ways = _forms()[form]
    best: tuple[int, int, int] | None = None  # start, which way, end
    for found in _places(text, area, 0 if form == "acronym" else re.IGNORECASE):
        if best is not None and found.start() - _REACH > best[0]:
            break
        for way, (before, after) in enumerate(ways):
            following = after.match(text, found.end())
            if following is None:
                continue
            start = found.start()
            if before is not None:
                preceding = before.search(text, max(0, start - _REACH), start)
                if preceding is None:
                    continue
                start = preceding.start()
            best = min(best or (start, way, following.end()), (start, way, following.end()))
    return (best[0], best[2]) if best else None


def _places(text: str, area: str, flags: int) -> Iterator[re.Match[str]]:
    r"""Each place the text writes the area at a word's edge, in order, overlapping ones too.

    The places a search for `\b` and the area finds, one after another from just past the last.
    The area alone is searched for, which the regular-expression engine skips to at C speed by
    its first letter, and each place found is kept if a word boundary is where it starts; a
    pattern opening with `\b` is tried at every character of the text instead.
    """
    place = re.compile(re.escape(area), flags)
    found = place.search(text)
    while found is not None:
        if _word_boundary(text, found.start()):
            yield found
        found = place.search(text, found.start() + 1)


def _word_boundary(text: str, at: int) -> bool:
    r"""Whether `\b` holds at an offset: a word character on one side of it and not the other.

    A word character is what `\w` matches in a text pattern: a letter, digit or number of any
    script, or '_'; a text's ends count as no word character, and an empty text has no boundary.
    """
    if not text:
        return False
    before = at > 0 and (text[at - 1].isalnum() or text[at - 1] == "_")
    after = at < len(text) and (text[at].isalnum() or text[at] == "_")
    return before != after


def _grounded_form(analysis: Analysis, area: str, form: str) -> GroundedText | None:
    """The first place the text writes the area in one of a form's ways, grounded."""
    found = first_form(analysis.text, area, form)
    return analysis.grounded(*found) if found else None


def _names(word: str, text: str) -> bool:
    """Whether a text holds a service word as a whole word."""
    return re.search(rf"\b{re.escape(word)}\b", text, re.IGNORECASE) is not None
