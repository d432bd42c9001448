"""Ofsted's rules as data: judgement relations, the judgement set, the improve list's size.

The relations between the overall grade and the judgements were measured over every real report
(ofsted-rules.md section 4); each carries the confidence measured.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from extractor.frameworks import Framework, Relation, frameworks
from models import RATINGS, Confidence, Evidence, InspectionReport, Rating, Severity, Standard

ORDER: dict[Rating, int] = {rating: 4 - index for index, rating in enumerate(RATINGS)}
"""Ordinal grades (C1): Inadequate 1, Requires improvement 2, Good 3, Outstanding 4."""


class Adds(Protocol):
    """The part of the checker these rules use: the report, its framework, and adding a finding."""

    report: InspectionReport
    framework: Framework | None

    def add(
        self,
        code: str,
        message: str,
        evidence: list[Evidence],
        severity: Severity | None = None,
        confidence: Confidence | None = None,
    ) -> None:
        """Record one finding."""


def _graded(report: InspectionReport) -> dict[str, Standard]:
    """The report's judgements that carry a grade, by code."""
    return {s.code: s for s in report.standards if s.rating is not None}


def _holds(relation: Relation, overall: Rating, grades: list[Rating]) -> bool:
    """Whether one relation holds between the overall grade and the grades it names."""
    value = ORDER[overall]
    ranks = sorted(ORDER[grade] for grade in grades)
    if relation.kind == "within":
        return ranks[0] <= value <= ranks[-1]
    if relation.kind == "at_most_median":
        return value <= ranks[len(ranks) // 2]
    if relation.kind == "at_most":
        return all(value <= rank for rank in ranks)
    if relation.kind == "any_forces":
        return relation.grade not in grades or overall == relation.grade
    if relation.kind == "forces_any":
        return overall != relation.grade or relation.grade in grades
    floor = ORDER[relation.at_least or "Inadequate"]
    return overall != relation.grade or all(rank >= floor for rank in ranks)


def relations(checker: Adds) -> None:
    """Each measured relation of the framework (R1-R8, S8-S12) at the confidence measured."""
    report, framework = checker.report, checker.framework
    if framework is None or report.overall_rating is None:
        return
    graded = _graded(report)
    overall = report.overall_rating
    for relation in framework.relations:
        named = [graded[code] for code in relation.of if code in graded]
        if len(named) < len(relation.of):
            continue
        grades = [s.rating.value for s in named if s.rating]
        if _holds(relation, overall.value, grades):
            continue
        shown = "; ".join(f"{s.name}: {s.rating.value}" for s in named if s.rating)
        checker.add(
            "judgement-relation",
            f"{relation.id} ({relation.confidence}, held in {relation.holds} real reports): "
            f"{relation.text} Here the overall grade is {overall.value}; {shown}.",
            [overall.evidence, *(s.rating.evidence for s in named if s.rating)],
            confidence=relation.confidence,
        )


def judgement_set(checker: Adds) -> None:
    """The judgements graded, and the overall grade's presence, fit the framework of the date."""
    report, framework = checker.report, checker.framework
    if framework is None:
        return
    expected = [d.code for d in framework.standards]
    printed = {s.code for s in report.standards}
    missing = [code for code in expected if code not in printed]
    extra = sorted(printed - set(expected))
    evidence = [s.evidence for s in report.standards]
    started = report.fieldwork_started.value if report.fieldwork_started else "an unknown date"
    if missing or extra:
        fits = [
            f.name
            for f in frameworks().values()
            if f.family == framework.family and {d.code for d in f.standards} == printed
        ]
        hint = f" The judgements printed are those of {fits[0]}." if fits else ""
        checker.add(
            "judgement-set",
            f"Fieldwork started {started}, so the report should grade "
            f"{', '.join(expected)} ({framework.name}); missing: {', '.join(missing) or 'none'}; "
            f"not in that framework: {', '.join(extra) or 'none'}.{hint}",
            evidence,
        )
    if framework.overall_judged and report.overall_rating is None:
        checker.add(
            "judgement-set",
            f"Fieldwork started {started}: {framework.name} gives an overall grade, and none "
            "was found.",
            evidence,
        )
    if not framework.overall_judged and report.overall_rating is not None:
        checker.add(
            "judgement-set",
            f"Fieldwork started {started}: {framework.name} gives no overall grade, but the report "
            f"states {report.overall_rating.value}.",
            [report.overall_rating.evidence],
        )


def improve_count(checker: Adds) -> None:
    """The 'What needs to improve' list is about as long as reports of that grade make it."""
    report, framework = checker.report, checker.framework
    if framework is None or report.overall_rating is None or not framework.improve_count:
        return
    span = framework.improve_count.get(report.overall_rating.value)
    count = len(report.recommendations)
    if span is None or span[0] <= count <= span[1]:
        return
    checker.add(
        "improve-count",
        f"The report lists {count} things that need to improve; reports graded "
        f"{report.overall_rating.value} list {span[0]}-{span[1]}.",
        [report.overall_rating.evidence, *(r.evidence for r in report.recommendations)],
    )


OFSTED_RULES: tuple[Callable[[Adds], None], ...] = (relations, judgement_set, improve_count)
