"""Check an article's claims against the report of the same service and inspection."""

from __future__ import annotations

import re

from extractor.check import Checker
from extractor.frameworks import frameworks, rulebook, squash
from extractor.history import service_key
from extractor.vocabulary import article_vocabulary
from models import Article, Evidence, Finding, InspectionReport, Standard


def check_against(article: Article, report: InspectionReport) -> list[Finding]:
    """What an article claims about an inspection, compared with that inspection's report.

    The two are compared only when they are about the same service (area and kind) and the same
    inspection (its year); an article about another inspection is history, not a contradiction.
    Report-side evidence carries the report's path.
    """
    checker = Checker(frameworks().get(report.framework or ""), rulebook(), report)
    area = report.service.area
    theirs = service_key(area.value, report.service.type) if area else None
    matched = [
        service
        for service in article.services
        if service.area and theirs and service_key(service.area, service.type) == theirs
    ]
    if not matched:
        names = ", ".join(service.name for service in article.services) or "no service"
        reported = report.service.name.value if report.service.name else "an unnamed service"
        checker.add(
            "article-unmatched",
            f"The article is about {names}; the report is about {reported}: nothing compared.",
            [service.evidence for service in article.services],
        )
        return checker.findings
    years = _report_years(report)
    year = article.inspection_year
    if year is not None and years and year.value not in years:
        checker.add(
            "article-earlier-inspection",
            f"The article reports the {year.value} inspection of {matched[0].name}; the report is "
            f"from {max(years)}, so its claims are history, not contradictions.",
            [year.evidence],
        )
        return checker.findings
    path = report.source.path
    for compare in (
        _compare_rating,
        _compare_score,
        _compare_count,
        _compare_standards,
        _compare_percentages,
    ):
        compare(checker, article, path)
    return checker.findings


def _report_years(report: InspectionReport) -> set[int]:
    """The years the report's inspection goes by: its publication and its fieldwork."""
    return {int(date.value[:4]) for date in (report.published, report.fieldwork_started) if date}


def _theirs(evidence: Evidence, path: str) -> Evidence:
    """Report-side evidence, marked with the report's path."""
    return evidence.model_copy(update={"path": path})


def _compare_rating(checker: Checker, article: Article, path: str) -> None:
    """The article's overall rating is the report's."""
    report = checker.report
    if article.overall_rating is None or report.overall_rating is None:
        return
    if article.overall_rating.value != report.overall_rating.value:
        checker.add(
            "article-rating",
            f"The article says the service was rated {article.overall_rating.value}; the report "
            f"rates it {report.overall_rating.value}.",
            [article.overall_rating.evidence, _theirs(report.overall_rating.evidence, path)],
        )


def _compare_score(checker: Checker, article: Article, path: str) -> None:
    """The article's score is the report's."""
    report = checker.report
    if article.score is None or report.score is None:
        return
    if (article.score.value, article.score.max) != (report.score.value, report.score.max):
        checker.add(
            "article-score",
            f"The article gives a score of {article.score.value}/{article.score.max}; the report "
            f"scores {report.score.value}/{report.score.max}.",
            [article.score.evidence, _theirs(report.score.evidence, path)],
        )


def _compare_count(checker: Checker, article: Article, path: str) -> None:
    """The article's number of recommendations is the report's."""
    report = checker.report
    claimed = article.recommendations_count
    stated = report.recommendations_stated_count
    actual = stated.value if stated else len(report.recommendations) or None
    if claimed is None or actual is None or claimed.value == actual:
        return
    evidence = [claimed.evidence]
    if stated:
        evidence.append(_theirs(stated.evidence, path))
    checker.add(
        "article-recommendations",
        f"The article says the inspectors made {claimed.value} recommendations; the report "
        f"makes {actual}.",
        evidence,
    )


def _standards_named(checker: Checker, name: str) -> list[Standard]:
    """The standards an article's name fits, allowing a domain prefix or plural ('assessments')."""
    prefixes = "|".join(re.escape(p) for p in article_vocabulary().standard_prefixes)
    plain = re.sub(rf"^(?:{prefixes})\s+", "", name.strip(), flags=re.IGNORECASE)
    forms = {name, plain, plain.removesuffix("s")}

    def answers(standard: Standard) -> bool:
        definition = checker.definition(standard)
        if definition is not None:
            return any(definition.answers_to(form) for form in forms)
        return any(squash(standard.name) == squash(form) for form in forms)

    return [standard for standard in checker.report.standards if answers(standard)]


def _compare_standards(checker: Checker, article: Article, path: str) -> None:
    """A standard's rating in the article is its rating in the report."""
    for claim in article.standard_ratings:
        rated = [
            (standard, standard.rating)
            for standard in _standards_named(checker, claim.standard)
            if standard.rating is not None
        ]
        if not rated or any(rating.value == claim.rating for _, rating in rated):
            continue
        given = " and ".join(f"{s.code} {s.name} {rating.value}" for s, rating in rated)
        checker.add(
            "article-standard",
            f"The article says {claim.standard} was rated {claim.rating}; "
            f"the report rates {given}.",
            [claim.evidence, *(_theirs(rating.evidence, path) for _, rating in rated)],
        )


def _compare_percentages(checker: Checker, article: Article, path: str) -> None:
    """A share the article gives for one standard's cases is one of its key questions' shares."""
    for quantity in article.quantities:
        if quantity.unit != "percent" or quantity.refers_to is None:
            continue
        named = {
            standard.code: standard
            for word in re.findall(r"[A-Za-z-]+(?:\s+and\s+delivery)?", quantity.refers_to.value)
            if len(fitting := _standards_named(checker, word)) == 1
            for standard in fitting
        }
        if len(named) != 1:
            continue
        standard = next(iter(named.values()))
        percents = [q.percent for q in standard.key_questions if q.percent is not None]
        if not percents or any(
            _satisfies(p.value, quantity.value, quantity.qualifier) for p in percents
        ):
            continue
        shown = ", ".join(f"{p.value:g}%" for p in percents)
        checker.add(
            "article-percentage",
            f"The article gives {quantity.text} for {standard.code} {standard.name}; the report's "
            f"key questions for it are {shown}.",
            [quantity.evidence, *(_theirs(p.evidence, path) for p in percents)],
        )


def _satisfies(actual: float, claimed: float, qualifier: str | None) -> bool:
    """Whether a report's percentage fits an article's wording of it ('less than half' fits 47)."""
    tests = {
        None: abs(actual - claimed) <= 0.5,
        "less_than": actual < claimed,
        "more_than": actual > claimed,
        "nearly": claimed - 5 <= actual <= claimed,
        "just_under": claimed - 5 <= actual <= claimed,
        "just_over": claimed <= actual <= claimed + 5,
        "about": abs(actual - claimed) <= 5,
        "at_least": actual >= claimed,
    }
    return tests.get(qualifier, True)
