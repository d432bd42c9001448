"""Read the services an article names, their areas, which one it is about, and its inspectorates."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.document import Block
from extractor.parse.analysis import Analysis
from extractor.vocabulary import article_vocabulary, vocabulary
from models import GroundedText, ServiceMention


@dataclass(frozen=True, slots=True)
class Mention:
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


def mentions(analysis: Analysis, blocks: list[Block]) -> list[Mention]:
    """Every service the text names, with its area where it gives one."""
    found: list[Mention] = []
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
        found.append(Mention(area or None, fact.value, fact.start, fact.end, proper))
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


def subject(analysis: Analysis, mentions: list[Mention], headline: Block | None) -> Mention | None:
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


def service(
    analysis: Analysis, mentions: list[Mention], subject: Mention, headline: Block | None
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


def same_service(
    analysis: Analysis, mention: Mention, subject: Mention, mentions: list[Mention]
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


def inspectorates(analysis: Analysis, blocks: list[Block]) -> list[GroundedText]:
    """The inspectorates the text names, each once, by their canonical names."""
    found: dict[str, GroundedText] = {}
    if not blocks:
        return []
    for fact in analysis.facts_in(blocks[0].start, blocks[-1].end, "INSPECTORATE"):
        found.setdefault(
            fact.value, GroundedText(value=fact.value, evidence=analysis.evidence_of(fact))
        )
    return list(found.values())
