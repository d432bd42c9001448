"""Check a report against its framework's ratings rules, all held as data."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from extractor.frameworks import (
    Framework,
    Rulebook,
    StandardDefinition,
    frameworks,
    rulebook,
)
from extractor.vocabulary import vocabulary
from models import (
    Confidence,
    Evidence,
    Finding,
    InspectionReport,
    Rating,
    Severity,
    Standard,
)

SEVERITY: dict[Confidence, Severity] = {
    "CONFIRMED": "error",
    "CORROBORATED": "error",
    "LIKELY": "warning",
    "UNCERTAIN": "warning",
}
_QUOTES = re.compile(r"[\"'‘’“”]")


@dataclass(slots=True)
class Checker:
    """The report under check, its framework and rules, and the findings so far."""

    framework: Framework | None
    book: Rulebook
    report: InspectionReport
    findings: list[Finding] = field(default_factory=list)

    def add(
        self,
        code: str,
        message: str,
        evidence: list[Evidence],
        severity: Severity | None = None,
        confidence: Confidence | None = None,
    ) -> None:
        """Record a finding; its severity follows the rule's confidence in this framework.

        A rule held as data with a confidence of its own (an Ofsted relation) passes it.
        """
        known = self.book.rules[code]
        if confidence is None:
            confidence = self.framework.confidence_of(code) if self.framework else known.confidence
        self.findings.append(
            Finding(
                code=code,
                severity=severity or known.always or SEVERITY[confidence],
                message=message,
                rule=known.text,
                confidence=confidence,
                evidence=evidence,
            )
        )

    def definition(self, standard: Standard) -> StandardDefinition | None:
        """The framework's definition of a standard, if the framework has its code."""
        return self.framework.standard(standard.code) if self.framework else None


def check(report: InspectionReport) -> list[Finding]:
    """Every inconsistency between the report and the rules of its framework."""
    checker = Checker(frameworks().get(report.framework or ""), rulebook(), report)
    for rule in _ANY_FRAMEWORK:
        rule(checker)
    unrated = report.overall_rating is None and not report.standards
    if checker.framework is None and unrated and report.overall_rating_absent_reason:
        return checker.findings
    if checker.framework is None:
        checker.add(
            "framework-unknown",
            "The report's framework was not recognised, so only the rules every framework "
            "shares were checked.",
            [report.title.evidence] if report.title else [],
        )
        return checker.findings
    rules: tuple[Callable[[Checker], None], ...] = _FRAMEWORK_RULES
    if checker.framework.inspectorate == "ofsted":
        from extractor.check_ofsted import OFSTED_RULES  # imported when an Ofsted report turns up

        rules = OFSTED_RULES
    for rule in rules:
        rule(checker)
    return checker.findings


def _ratings(report: InspectionReport) -> Iterator[tuple[Standard | None, Rating, Evidence]]:
    """Every rating the record holds, read from the record as it is, no model made for each.

    Each is the standard it rates (None for the overall rating), its value and its evidence.
    """
    if report.overall_rating:
        yield None, report.overall_rating.value, report.overall_rating.evidence
    for statement in report.rating_statements:
        yield None, statement.rating, statement.evidence
    for standard in report.standards:
        for statement in standard.rating_statements:
            yield standard, statement.rating, statement.evidence


@lru_cache(maxsize=64)
def _standard_words(framework_id: str | None) -> frozenset[str]:
    """The rating words, their glosses and a framework's own words, once per framework."""
    words = set(vocabulary().ratings) | set(vocabulary().rating_glosses)
    framework = frameworks().get(framework_id or "")
    if framework is not None:
        words |= {w for group in framework.rating_words.values() for w in group}
    return frozenset(words)


def _rating_words(checker: Checker) -> None:
    """Warn about ratings written with a word that is not one of the four."""
    standard_words = _standard_words(checker.framework.id if checker.framework else None)
    seen: set[int] = set()
    for standard, value, evidence in _ratings(checker.report):
        word = " ".join(_QUOTES.sub("", evidence.text).lower().split())
        if word in standard_words or evidence.start in seen:
            continue
        seen.add(evidence.start)
        subject = f"{standard.code} {standard.name}" if standard else "the overall rating"
        checker.add(
            "rating-word",
            f"{subject} is written '{evidence.text}', which is not one of the "
            f"inspectorate's rating words; it was read as {value}.",
            [evidence],
        )


def _rating_statements(checker: Checker) -> None:
    """The overall rating, and each standard's rating, must be stated the same way everywhere."""
    report = checker.report
    statements = report.rating_statements
    if len({statement.rating for statement in statements}) > 1:
        said = "; ".join(f"{s.rating} ({s.section or 'no section'})" for s in statements)
        checker.add(
            "rating-statements",
            f"The overall rating is stated differently: {said}.",
            [statement.evidence for statement in statements],
        )
    for standard in report.standards:
        if len({statement.rating for statement in standard.rating_statements}) > 1:
            said = "; ".join(
                f"{s.rating} ({s.section or 'no section'})" for s in standard.rating_statements
            )
            checker.add(
                "standard-statements",
                f"{standard.code} {standard.name} is rated differently: {said}.",
                [statement.evidence for statement in standard.rating_statements],
            )


def _standard_names(checker: Checker) -> None:
    """Each standard's code belongs to the framework and its printed name is that code's name."""
    assert checker.framework is not None
    for standard in checker.report.standards:
        definition = checker.definition(standard)
        printed = standard.evidence.text
        if definition is None:
            checker.add(
                "standard-unknown",
                f"{standard.code} {printed} is not a standard of {checker.framework.name}.",
                [standard.evidence],
            )
        elif not definition.answers_to(printed):
            checker.add(
                "standard-name",
                f"{standard.code} is printed as '{printed}', but in {checker.framework.name} "
                f"{standard.code} is '{definition.name}'.",
                [standard.evidence],
            )


def _framework_period(checker: Checker) -> None:
    """The fieldwork falls in the period of the framework whose standards the report prints."""
    framework, started = checker.framework, checker.report.fieldwork_started
    assert framework is not None
    if started is None:
        return
    where = framework.period_of(started.value)
    if where != "within":
        bound = framework.fieldwork_from if where == "before" else framework.fieldwork_to
        verb = "began" if where == "before" else "ended"
        checker.add(
            "framework-period",
            f"Fieldwork started {started.value}, {where} {framework.name} {verb} ({bound}).",
            [started.evidence],
        )


def _rated_count(checker: Checker) -> None:
    """The report rates as many standards as its framework has."""
    assert checker.framework is not None
    rated = [standard for standard in checker.report.standards if standard.rating]
    allowed = checker.framework.rated_standards
    if allowed and len(rated) not in allowed:
        expected = " or ".join(str(count) for count in allowed)
        checker.add(
            "rated-count",
            f"The report rates {len(rated)} standards; {checker.framework.name} rates {expected}.",
            [standard.rating.evidence for standard in rated if standard.rating],
        )


def _case_bands(checker: Checker) -> None:
    """A case standard's rating is the band of its lowest key question; victims' only loosely."""
    book = checker.book
    for standard in checker.report.standards:
        definition = checker.definition(standard)
        percents = [q.percent for q in standard.key_questions if q.percent is not None]
        if definition is None or definition.basis == "qualitative" or not percents:
            continue
        if standard.rating is None:
            continue
        lowest = min(percents, key=lambda percent: percent.value)
        band = book.case_band(lowest.value)
        if band == standard.rating.value:
            continue
        low, high = book.band_range(band)
        message = (
            f"{standard.code} {standard.name} is rated {standard.rating.value}, but its lowest "
            f"key question, {lowest.value:g}%, falls in the {band} band, {low}-{high}%."
        )
        evidence = [standard.rating.evidence, lowest.evidence]
        if definition.basis == "mixed":
            checker.add("victims-band", message, evidence)
            continue
        near_cut = any(
            cut - book.rounding_margin <= lowest.value <= cut for cut in book.case_bands.values()
        )
        checker.add("case-band", message, evidence, "warning" if near_cut else None)


def _points(checker: Checker) -> list[tuple[Standard, Rating]] | None:
    """The scored standards and their ratings, or None when one of them is missing or unrated."""
    assert checker.framework is not None
    by_code = {standard.code: standard for standard in checker.report.standards}
    scored: list[tuple[Standard, Rating]] = []
    for definition in checker.framework.standards:
        if not definition.scored:
            continue
        standard = by_code.get(definition.code)
        if standard is None or standard.rating is None:
            return None
        scored.append((standard, standard.rating.value))
    return scored


def _score(checker: Checker) -> None:
    """The score adds up, its maximum is the framework's, and the overall rating is its band."""
    framework = checker.framework
    score = checker.report.score
    assert framework is not None
    if score is None:
        return
    if framework.score_max is not None and score.max != framework.score_max:
        checker.add(
            "score-max",
            f"The score is out of {score.max}, but {framework.name} scores out of "
            f"{framework.score_max}.",
            [score.evidence],
        )
    scored = _points(checker)
    if scored is not None:
        total = sum(checker.book.points[rating] for _, rating in scored)
        if total != score.value:
            parts = " + ".join(
                f"{s.code} {rating} {checker.book.points[rating]}" for s, rating in scored
            )
            checker.add(
                "score-sum",
                f"The score is {score.value}/{score.max}, but the points of the scored "
                f"standards add up to {total}: {parts}.",
                [score.evidence, *(s.rating.evidence for s, _ in scored if s.rating)],
            )
    overall = checker.report.overall_rating
    bands = framework.overall_bands
    if overall is None or bands is None or score.max != framework.score_max:
        return
    band = bands.band(score.value)
    if band is not None and band != overall.value:
        low, high = bands.ranges()[band]
        checker.add(
            "overall-band",
            f"The overall rating is {overall.value}, but a score of {score.value}/{score.max} "
            f"falls in the {band} band, {low}-{high}.",
            [overall.evidence, score.evidence],
        )


def _recommendation_count(checker: Checker) -> None:
    """The number of recommendations the report says it makes is the number it lists."""
    report = checker.report
    stated = report.recommendations_stated_count
    listed = len(report.recommendations)
    if stated is None or listed == 0 or stated.value == listed:
        return
    checker.add(
        "recommendation-count",
        f"The report says it makes {stated.value} recommendations ('{stated.evidence.text}') "
        f"but lists {listed}.",
        [stated.evidence, *(r.evidence for r in report.recommendations)],
    )


@lru_cache(maxsize=4096)
def possible_percent(percent: float, cases: int) -> bool:
    """Whether some k of d cases, d at most `cases`, rounds to this whole percentage.

    Either rounding of a half is accepted, as reports do not say which they use:
    p - 1/2 <= 100k/d <= p + 1/2, that is (2p - 1)d <= 200k <= (2p + 1)d, in integers.
    Kept per (percentage, sample): reports repeat both, and the search tries many shares.
    """
    if not float(percent).is_integer() or cases < 1:
        return True
    target = int(percent)
    return any(
        (2 * target - 1) * d <= 200 * k <= (2 * target + 1) * d
        for d in range(1, cases + 1)
        for k in (target * d // 100, target * d // 100 + 1)
        if k <= d
    )


def nearest_percents(percent: float, cases: int) -> list[str]:
    """The achievable percentages either side of one that is not, as 'k/d = p%'."""
    shares = sorted(
        {(_half_up(100 * k, d), k, d) for d in range(1, cases + 1) for k in range(d + 1)},
    )
    below = [share for share in shares if share[0] < percent]
    above = [share for share in shares if share[0] > percent]
    picks = ([max(below)] if below else []) + ([min(above)] if above else [])
    return [f"{value}% ({k}/{d})" for value, k, d in picks]


def _half_up(numerator: int, denominator: int) -> int:
    """The quotient rounded half up, as reports round percentages."""
    return (2 * numerator + denominator) // (2 * denominator)


def _percent_sample(checker: Checker) -> None:
    """Key-question percentages must be shares the inspected sample can give."""
    samples = checker.report.case_samples
    for standard in checker.report.standards:
        definition = checker.definition(standard)
        if definition is None or definition.basis == "qualitative":
            continue
        sample = samples.victim_cases if definition.basis == "mixed" else samples.children_cases
        if sample is None:
            continue
        for question in standard.key_questions:
            if question.percent is None or possible_percent(question.percent.value, sample.value):
                continue
            nearest = " and ".join(nearest_percents(question.percent.value, sample.value))
            checker.add(
                "percent-sample",
                f"{standard.code} '{question.question}' is {question.percent.value:g}%, which no "
                f"share of {sample.value} or fewer cases gives (nearest: {nearest}).",
                [question.percent.evidence, sample.evidence],
            )


def _incomplete_record(checker: Checker) -> None:
    """A report whose ratings table was read but whose findings were not cannot be checked whole."""
    report = checker.report
    rated = [standard for standard in report.standards if standard.rating]
    if report.overall_rating is None or not rated or report.inspectorate == "ofsted":
        return
    missing = [
        part
        for part, items in (
            ("recommendations", report.recommendations),
            ("strengths", report.strengths),
        )
        if not items
    ]
    unread = [
        standard.code
        for standard in rated
        if (definition := checker.definition(standard)) is not None
        and definition.basis == "case"
        and all(question.percent is None for question in standard.key_questions)
    ]
    if unread:
        missing.append(f"key-question percentages of {', '.join(unread)}")
    if missing:
        checker.add(
            "incomplete-record",
            f"The ratings table was read, but not these: {'; '.join(missing)}; the checks that "
            "need them were not done.",
            [report.overall_rating.evidence],
        )


_ANY_FRAMEWORK: tuple[Callable[[Checker], None], ...] = (
    _rating_words,
    _rating_statements,
    _recommendation_count,
    _incomplete_record,
)
_FRAMEWORK_RULES: tuple[Callable[[Checker], None], ...] = (
    _standard_names,
    _framework_period,
    _rated_count,
    _case_bands,
    _score,
    _percent_sample,
)
