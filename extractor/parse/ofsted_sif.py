"""SIF reports (2013-2018): the cover sentence and rows, recommendations, 'because' lists.

The 'is good because' and 'is not yet good because' lists are the report's strengths and
weaknesses.
"""

from __future__ import annotations

import re

from extractor.document import Block, Document
from extractor.frameworks import Framework, frameworks
from extractor.parse.ofsted import (
    Judgement,
    Kind,
    cover_end,
    dated_framework,
    family_frameworks,
    fieldwork,
    grade_regex,
    grounded_rating,
    judgement_definitions,
    lead_inspector,
    names,
    ofsted_data,
    pattern,
    published,
    standard_record,
    with_grades,
)
from models import (
    Evidence,
    GroundedRating,
    InspectionReport,
    Point,
    RatingStatement,
    Recommendation,
    Service,
    Source,
)

FAMILY = "ofsted_sif"
_BECAUSE = re.compile(r"\b(?:This|The|It)\b[^.]*?because:?$")
"""The sentence a 'because' label is, without short headings a PDF ran into it ('Contents')."""
_AUTHORITY = re.compile(r"local authority", re.IGNORECASE)
_COVER = "cover"


def read_sif(
    document: Document, kind: Kind, source: Source, forced: str | None
) -> InspectionReport:
    """Every part of a SIF report record, each grade quoting the report's own words."""
    end = cover_end(document)
    rows_end = cover_end(document, ofsted_data().cover.sif_row_pages)
    overall = _overall(document, end)
    judgements = _rows(document, rows_end)
    last_row = max((j.label.end for j in judgements.values()), default=rows_end)
    _section_headings(document, last_row, judgements)
    dates = fieldwork(document, 0, end)
    framework, reason = _framework(forced, dates.started.value if dates else None)
    named = names(document, end)
    lead = lead_inspector(document, 0, len(document.text))
    strengths, weaknesses = _because_lists(document)
    printed = published(document, 0, end)
    return InspectionReport(
        kind_reason=kind.reason,
        source=source,
        inspectorate="ofsted",
        framework=framework.id if framework else None,
        framework_reason=reason,
        title=named.title,
        service=Service(name=named.name, area=named.area, type="childrens_services"),
        published=printed,
        published_absent_reason=None
        if printed or framework is None
        else framework.published_absent_reason,
        fieldwork_started=dates.started if dates else None,
        fieldwork_ended=dates.ended if dates else None,
        overall_rating=overall,
        rating_statements=[
            RatingStatement(rating=grade.value, section=section, evidence=grade.evidence)
            for grade, section in ([(overall, _COVER)] if overall else []) + _restated(document)
        ],
        standards=[standard_record(j, framework) for j in judgements.values()],
        recommendations=[
            Recommendation(text=" ".join(evidence.text.split()), evidence=evidence)
            for evidence in _recommendations(document)
        ],
        strengths=strengths,
        areas_for_improvement=weaknesses,
        inspectors=[lead] if lead else [],
    )


def _overall(document: Document, end: int) -> GroundedRating | None:
    """The cover sentence: 'The overall judgement is ...', 'Children's services in X are ...'."""
    sources = dict.fromkeys(p for f in family_frameworks(FAMILY) for p in f.overall_patterns)
    for source in sources:
        match = with_grades(source, FAMILY).search(document.text, 0, end)
        if match:
            found = grounded_rating(document, *match.span("grade"), FAMILY)
            if found:
                return found
    return None


def _rows(document: Document, end: int) -> dict[str, Judgement]:
    """The five numbered rows, each followed by its grade or 'Not judged' (S1, S3)."""
    found: dict[str, Judgement] = {}
    for code, definition in judgement_definitions(FAMILY).items():
        for label in definition.labels:
            row = with_grades(f"(?P<label>{label})[.:]? ?(?P<grade>GRADE)", FAMILY)
            match = row.search(document.text, 0, end)
            if match is None:
                continue
            grade = grounded_rating(document, *match.span("grade"), FAMILY)
            found[code] = Judgement(
                code=code,
                label=document.evidence(*match.span("label")),
                grade=grade,
                statements=[(grade, _COVER)] if grade else [],
            )
            break
    return found


def _section_headings(document: Document, after: int, judgements: dict[str, Judgement]) -> None:
    """Add the grade each judgement's own section heading restates, for standard-statements."""
    definitions = judgement_definitions(FAMILY)
    source = ofsted_data().sif.section_heading
    for code, judgement in judgements.items():
        labels = "|".join(definitions[code].heading_labels)
        if not labels:
            continue
        heading = with_grades(source.replace("LABEL", labels), FAMILY)
        for block in document.blocks:
            if block.start < after or block.end - block.start > 200 or block.kind == "list_item":
                continue
            text = document.slice(block)
            match = heading.match(text)
            grade = (
                grounded_rating(
                    document,
                    block.start + match.start("grade"),
                    block.start + match.end("grade"),
                    FAMILY,
                )
                if match
                else None
            )
            if grade:
                judgement.statements.append((grade, " ".join(text.split())))
                break


def _framework(forced: str | None, started: str | None) -> tuple[Framework | None, str]:
    """The SIF framework: forced, else by fieldwork date, else the family's only one."""
    known = frameworks()
    if forced and forced in known and known[forced].family == FAMILY:
        return known[forced], f"given by the caller ({forced})"
    dated = dated_framework(FAMILY, started)
    if dated is not None:
        return dated, f"{dated.id}: a SIF report whose fieldwork began {started}"
    family = family_frameworks(FAMILY)
    if len(family) == 1:
        return family[0], f"{family[0].id}: a SIF report, and SIF has one framework"
    return None, "a SIF report with no fieldwork date"


def _label_of(document: Document, block: Block, sources: tuple[str, ...]) -> bool:
    """Whether a heading, or a short line standing as one, is wholly one of the patterns."""
    text = " ".join(document.slice(block).split()).rstrip(":")
    if block.kind != "heading" and len(text) > 80:
        return False
    return any(pattern(f"(?:{source})").fullmatch(text) for source in sources)


def _recommendations(document: Document) -> list[Evidence]:
    """The items of the first recommendations section, its priority and improvement parts too."""
    data = ofsted_data().sif
    skip = re.compile("|".join(data.not_an_item), re.IGNORECASE)
    found: list[tuple[int, int]] = []
    inside = False
    for block in document.blocks:
        if _label_of(document, block, data.recommendation_headings):
            inside = True
            continue
        if not inside:
            continue
        if block.kind == "heading" or _label_of(document, block, data.recommendation_end):
            if found or _label_of(document, block, data.recommendation_end):
                break
            continue
        text = document.slice(block).lstrip()
        if skip.search(text):
            continue
        if block.kind == "list_item" or re.match(r"\d{1,3}\.\s", text):
            found.append((block.start, block.end))
        elif text[:1] in data.bullets:
            found.append((block.end - len(text) + 1, block.end))
        elif found and text[:1].islower():
            found[-1] = (found[-1][0], block.end)
    return [document.evidence(a, b) for a, b in found]


def _because_lists(document: Document) -> tuple[list[Point], list[Point]]:
    """Strengths ('... is good because') and weaknesses ('... is not yet good because')."""
    data = ofsted_data().sif
    because = pattern(data.because_heading, re.IGNORECASE | re.MULTILINE)
    weak = re.compile("|".join(data.weakness_words), re.IGNORECASE)
    strengths: list[Point] = []
    weaknesses: list[Point] = []
    target: list[Point] | None = None
    section: str | None = None
    for block in document.blocks:
        text = document.slice(block)
        opens = because.match(text.strip()) is not None
        if block.kind == "heading" or opens:
            target, section = None, None
            if opens:
                said = _BECAUSE.search(" ".join(text.split()))
                section = said.group() if said else " ".join(text.split())
                target = weaknesses if weak.search(text) else strengths
        elif block.kind == "list_item" and target is not None:
            evidence = document.evidence(block.start, block.end)
            target.append(
                Point(text=" ".join(evidence.text.split()), section=section, evidence=evidence)
            )
        elif block.kind == "paragraph" and target is not None and not text.lstrip()[:1].islower():
            target = None
    return strengths, weaknesses


def _restated(document: Document) -> list[tuple[GroundedRating, str]]:
    """The overall grade as the summary restates it ('The local authority is good because').

    Never the LSCB's grade, nor the grade of a 'not yet outstanding because'.
    """
    because = pattern(ofsted_data().sif.because_heading, re.IGNORECASE | re.MULTILINE)
    found: list[tuple[GroundedRating, str]] = []
    for block in document.blocks:
        text = document.slice(block)
        authority = _AUTHORITY.search(text)
        if authority is None or not because.match(text.strip()):
            continue
        grade = grade_regex(FAMILY).search(text, authority.end())
        if grade is None or re.search(r"not yet", text[: grade.start()], re.IGNORECASE):
            continue
        rating = grounded_rating(
            document, block.start + grade.start(), block.start + grade.end(), FAMILY
        )
        said = _BECAUSE.search(" ".join(text.split()))
        if rating:
            found.append((rating, said.group() if said else " ".join(text.split())))
    return found
