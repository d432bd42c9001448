"""The report's lists: recommendations with their addressees, strengths, areas for improvement."""

from __future__ import annotations

import re
from typing import cast

from extractor.document import Document
from extractor.parse.analysis import Analysis
from extractor.parse.ratings import StandardBuilder, table_standard
from extractor.parse.sections import Section, find_section
from extractor.vocabulary import vocabulary
from models import CaseSamples, GroundedInt, GroundedText, Point, Recommendation

_JOINED = re.compile(r"\s*(?:,\s*)?and\s+")
"""What joins the parts of one sample: '24 court disposals and 12 out-of-court disposals'."""
_LABEL = re.compile(r"(?![^.:;!?]*[.:;!?])\s*[A-Z][^.:;!?]{0,58}[^.:;!?\s]\s*")
"""A short line without closing punctuation: a subheading set as a bold paragraph ('Leadership').

It opens by looking ahead for any of that punctuation, which no label holds: a sentence fails
there at once, not after trying every length of its words."""
_LABEL_LONGEST = 60
"""Characters a _LABEL line holds between its surrounding spaces at most (1 + 58 + 1)."""
_ADDRESSEE = re.compile(r"^(?P<addressee>.+?)\s+should:?\s*$")
_validate_point = Point.__pydantic_validator__.validate_python
_validate_recommendation = Recommendation.__pydantic_validator__.validate_python
"""Points and recommendations validated by their model's own schema from a dict, their evidence
nested in it as plain fields: one validation for each list item, without BaseModel.__init__'s
keyword frame or a model made for its evidence first."""


def recommendations(
    analysis: Analysis, parts: list[Section]
) -> tuple[GroundedInt | None, list[Recommendation]]:
    """The stated number of recommendations and each recommendation with its addressee."""
    document = analysis.document
    section = find_section(parts, r"^\s*recommendations?\s*$")
    found: list[Recommendation] = []
    stated: GroundedInt | None = None
    blocks = section.blocks(document) if section else []
    for fact in (
        analysis.facts_in(blocks[0].start, blocks[-1].end, "RECOMMENDATIONS") if blocks else []
    ):
        stated = GroundedInt(value=int(fact.value), evidence=analysis.evidence_of(fact))
        break
    addressee: GroundedText | None = None
    for block in blocks:
        match = _ADDRESSEE.match(document.slice(block)) if block.kind != "list_item" else None
        if match:
            addressee = analysis.grounded(block.start, block.start + len(match.group("addressee")))
        elif block.kind == "list_item":
            evidence = document.evidence_fields(block.start, block.end)
            fields = {"addressee": addressee, "text": evidence["text"], "evidence": evidence}
            found.append(cast("Recommendation", _validate_recommendation(fields)))
    return stated, found


def points(
    analysis: Analysis, titles: list[str | None], builders: dict[str, StandardBuilder]
) -> tuple[list[Point], list[Point]]:
    """Strengths and areas for improvement, each tied to the standard or section it sits under."""
    document = analysis.document
    strengths: list[Point] = []
    areas: list[Point] = []
    target: list[Point] | None = None
    section: str | None = None
    standard: str | None = None
    labels = vocabulary().point_labels
    longest = max(map(len, labels), default=0)  # lower-casing never shortens a text
    for index, block in enumerate(document.blocks):
        stripped = document.slice(block).strip()
        key = stripped.rstrip(":").strip()
        label = labels.get(key.lower()) if len(key) <= longest else None
        if block.kind == "table":
            found = table_standard(analysis, block, builders)
            section, standard = (found.name, found.code) if found else (section, standard)
            target = None
        elif label == "strengths":
            target = strengths
        elif label == "areas":
            target = areas
        elif block.kind == "list_item" and target is not None:
            evidence = document.evidence_fields(block.start, block.end)
            fields = {
                "text": evidence["text"],
                "section": section or titles[index],
                "standard": standard,
                "evidence": evidence,
            }
            target.append(cast("Point", _validate_point(fields)))
        elif block.kind == "heading":
            target, section, standard = None, None, None
        elif block.kind == "paragraph":
            target = None
            short = len(stripped) <= _LABEL_LONGEST
            if (
                short
                and _LABEL.fullmatch(document.slice(block))
                and _labels_points(document, index + 1)
            ):
                section, standard = stripped, None
    return strengths, areas


def _labels_points(document: Document, index: int) -> bool:
    """Whether the block at index opens a list of strengths or areas for improvement."""
    if index >= len(document.blocks):
        return False
    text = document.slice(document.blocks[index]).strip().rstrip(":").strip().lower()
    return text in vocabulary().point_labels


def case_samples(analysis: Analysis) -> CaseSamples:
    """How many children's cases and victim cases were inspected, and how many interviews held.

    A sample given in parts joined by 'and' ('24 court disposals and 12 out-of-court disposals')
    is their sum, grounded on both.
    """

    def first(label: str) -> GroundedInt | None:
        facts = analysis.facts_of(label)
        if not facts:
            return None
        parts = [facts[0]]
        for fact in facts[1:]:
            if not _JOINED.fullmatch(analysis.slice(parts[-1].end, fact.start)):
                break
            parts.append(fact)
        total = sum(int(part.value) for part in parts)
        return GroundedInt(value=total, evidence=analysis.evidence(parts[0].start, parts[-1].end))

    return CaseSamples(
        children_cases=first("CASES"),
        victim_cases=first("VICTIM_CASES"),
        interviews=first("INTERVIEWS"),
    )
