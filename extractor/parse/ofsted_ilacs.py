"""ILACS reports (2018 onwards): the judgement table, 'What needs to improve', section headings.

The section headings repeat the cover's grades (I6), so each judgement has two statements.
"""

from __future__ import annotations

import re

from extractor.document import Document
from extractor.frameworks import Framework, frameworks
from extractor.parse.ofsted import (
    Judgement,
    Kind,
    cover_end,
    dated_framework,
    family_frameworks,
    fieldwork,
    grounded_rating,
    inspection_type,
    items,
    judgement_definitions,
    lead_inspector,
    names,
    ofsted_data,
    pattern,
    standard_record,
    with_grades,
)
from models import (
    Evidence,
    GroundedRating,
    InspectionReport,
    RatingStatement,
    Recommendation,
    Service,
    Source,
)

FAMILY = "ofsted_ilacs"
_TABLE = "page 1 judgement table"


def read_ilacs(
    document: Document, kind: Kind, source: Source, forced: str | None
) -> InspectionReport:
    """Every part of an ILACS report record, each grade quoting the report's own words."""
    end = cover_end(document)
    header = pattern("judgement grade").search(document.text, 0, end)
    table_start = header.end() if header else 0
    judgements = _rows(document, table_start, end)
    overall = _overall(document, table_start, end)
    rows_end = max(
        [j.label.end for j in judgements.values()] + [overall.evidence.end if overall else 0]
    )
    _body_headings(document, rows_end, judgements)
    dates = fieldwork(document, 0, end)
    framework, reason = _framework(
        forced, dates.started.value if dates else None, judgements, overall
    )
    named = names(document, end)
    recommendations = [
        Recommendation(text=" ".join(evidence.text.split()), evidence=evidence)
        for evidence in _improve_items(document)
    ]
    lead = lead_inspector(document, 0, end)
    absent = None
    if overall is None and framework is not None and not framework.overall_judged:
        absent = framework.overall_absent_reason
    return InspectionReport(
        kind_reason=kind.reason,
        source=source,
        inspectorate="ofsted",
        framework=framework.id if framework else None,
        framework_reason=reason,
        title=named.title,
        service=Service(name=named.name, area=named.area, type="childrens_services"),
        published=None,
        published_absent_reason=framework.published_absent_reason if framework else None,
        fieldwork_started=dates.started if dates else None,
        fieldwork_ended=dates.ended if dates else None,
        inspection_type=inspection_type(dates),
        overall_rating=overall,
        overall_rating_absent_reason=absent,
        rating_statements=[
            RatingStatement(rating=overall.value, section=_TABLE, evidence=overall.evidence)
        ]
        if overall
        else [],
        standards=[standard_record(j, framework) for j in judgements.values()],
        recommendations=recommendations,
        inspectors=[lead] if lead else [],
    )


def _rows(document: Document, start: int, end: int) -> dict[str, Judgement]:
    """The table's judgement rows, keyed by label, never by position (I2, I4)."""
    found: dict[str, Judgement] = {}
    taken: list[tuple[int, int]] = []
    for code, definition in judgement_definitions(FAMILY).items():
        for label in definition.labels:
            row = with_grades(f"(?P<label>(?:the )?{label})[.:]? ?(?P<grade>GRADE)", FAMILY)
            match = row.search(document.text, start, end)
            if match is None or any(a < match.end() and match.start() < b for a, b in taken):
                continue
            grade = grounded_rating(document, *match.span("grade"), FAMILY)
            taken.append(match.span())
            found[code] = Judgement(
                code=code,
                label=document.evidence(*match.span("label")),
                grade=grade,
                statements=[(grade, _TABLE)] if grade else [],
            )
            break
    return dict(sorted(found.items(), key=lambda item: item[1].label.start))


def _overall(document: Document, start: int, end: int) -> GroundedRating | None:
    """The 'Overall effectiveness' row, the table's last (I5); absent after the 2026 reform."""
    sources = {p for f in family_frameworks(FAMILY) for p in f.overall_patterns}
    for source in sorted(sources):
        match = with_grades(source, FAMILY).search(document.text, start, end)
        if match:
            return grounded_rating(document, *match.span("grade"), FAMILY)
    return None


_LINE_START = "(?:\\n|\\.\\x20|\\)\\x20)"
"""What stands just before a section heading: a line's end, or a sentence a PDF ran it into.
Matched, not looked behind at, so a search jumps from one of these characters to the next
instead of trying the whole pattern at every character of the report."""


def _body_headings(document: Document, after: int, judgements: dict[str, Judgement]) -> None:
    """Add each judgement section heading's grade ('... help and protection: good', I6).

    A heading starts a line, or follows a sentence a PDF ran it into, and ends its line.
    """
    separator = ofsted_data().ilacs.body_heading_separator
    definitions = judgement_definitions(FAMILY)
    for code, judgement in judgements.items():
        for label in definitions[code].labels:
            heading = with_grades(
                f"{_LINE_START}(?P<heading>(?:the )?{label}{separator}(?P<grade>GRADE)"
                f"\\.?[ \\t]*(?:\\n|$))",
                FAMILY,
            )
            match = heading_after(heading, document.text, after)
            grade = grounded_rating(document, *match.span("grade"), FAMILY) if match else None
            if match and grade:
                section = document.text[match.start("heading") : match.start("grade")]
                judgement.statements.append((grade, " ".join(section.split()).rstrip(":")))
                break


def heading_after(heading: re.Pattern[str], text: str, after: int) -> re.Match[str] | None:
    """The first match of a heading pattern whose 'heading' group starts at or after `after`.

    What precedes a heading is at most two characters, so the search starts two before.
    """
    match = heading.search(text, max(after - 2, 0))
    while match is not None and match.start("heading") < after:
        match = heading.search(text, match.start() + 1)
    return match


def _improve_items(document: Document) -> list[Evidence]:
    """The bulleted items under 'What needs to improve', up to the first judgement section."""
    data = ofsted_data().ilacs
    heading = pattern(data.improve_heading, re.IGNORECASE | re.MULTILINE).search(document.text)
    if heading is None:
        return []
    ends = [
        found.start()
        for regex in (pattern(data.improve_end, re.IGNORECASE | re.MULTILINE), _any_body_heading())
        if (found := regex.search(document.text, heading.end()))
    ]
    return items(document, heading.end(), min(ends, default=len(document.text)), data.bullets)


def _any_body_heading() -> re.Pattern[str]:
    """A judgement section heading with its grade anywhere, even run into the line before it."""
    separator = ofsted_data().ilacs.body_heading_separator
    labels = "|".join(
        label
        for definition in judgement_definitions(FAMILY).values()
        for label in definition.labels
    )
    return with_grades(f"(?:the )?(?:{labels}){separator}(?:GRADE)\\b", FAMILY)


def _framework(
    forced: str | None,
    started: str | None,
    judgements: dict[str, Judgement],
    overall: GroundedRating | None,
) -> tuple[Framework | None, str]:
    """The framework by first day of fieldwork (§1); without a date, the one whose set fits."""
    known = frameworks()
    if forced and forced in known and known[forced].family == FAMILY:
        return known[forced], f"given by the caller ({forced})"
    dated = dated_framework(FAMILY, started)
    if dated is not None:
        return dated, f"{dated.id}: an ILACS report whose fieldwork began {started}"
    printed = set(judgements)
    fitting = [
        f
        for f in family_frameworks(FAMILY)
        if {d.code for d in f.standards} == printed and f.overall_judged == (overall is not None)
    ]
    if len(fitting) == 1:
        return fitting[0], f"{fitting[0].id}: no fieldwork date; only its judgements fit"
    return None, "no fieldwork date, and the judgements printed fit no single ILACS framework"
