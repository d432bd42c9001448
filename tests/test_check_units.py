"""The checks' arithmetic and wording, each against an independent reckoning."""

from __future__ import annotations

from fractions import Fraction

import pytest

from conftest import FIXTURES, REPORTS, record_of
from extractor import extract, load_bytes, parse
from extractor.check import check, nearest_percents, possible_percent
from extractor.check_article import _satisfies, check_against
from models import Article, GroundedNumber, InspectionReport


def achievable(percent: int, cases: int) -> bool:
    """Whether some k of d cases, d at most `cases`, is within half a point of the percentage."""
    return any(
        abs(Fraction(100 * k, d) - percent) <= Fraction(1, 2)
        for d in range(1, cases + 1)
        for k in range(d + 1)
    )


@pytest.mark.parametrize("cases", [1, 2, 3, 7, 11, 15, 18, 24])
def test_possible_percent_is_exactly_the_achievable_shares(cases: int) -> None:
    """Every whole percentage 0-100 against a brute-force count of the shares k/d."""
    got = [p for p in range(101) if possible_percent(p, cases)]
    assert got == [p for p in range(101) if achievable(p, cases)]


def test_nearest_percents_name_the_shares_either_side() -> None:
    """74% of at most 18 cases: 73% (11/15) below and 75% (3/4) above; at 100% only below."""
    assert nearest_percents(74, 18) == ["73% (11/15)", "75% (3/4)"]
    assert nearest_percents(72, 11) == ["71% (5/7)", "73% (8/11)"]
    assert nearest_percents(100, 3) == ["67% (2/3)"]
    assert nearest_percents(0.5, 3) == ["0% (0/3)", "33% (1/3)"]


@pytest.mark.parametrize(
    ("actual", "claimed", "qualifier", "fits"),
    [
        (47, 47.4, None, True),
        (47, 47.6, None, False),
        (47, 50, "less_than", True),
        (50, 50, "less_than", False),
        (51, 50, "more_than", True),
        (50, 50, "more_than", False),
        (45, 50, "nearly", True),
        (44, 50, "nearly", False),
        (50, 50, "just_under", True),
        (51, 50, "just_under", False),
        (45, 50, "just_under", True),
        (44, 50, "just_under", False),
        (55, 50, "just_over", True),
        (56, 50, "just_over", False),
        (49, 50, "just_over", False),
        (45, 50, "about", True),
        (56, 50, "about", False),
        (50, 50, "at_least", True),
        (49, 50, "at_least", False),
        (3, 50, "some_new_qualifier", True),
    ],
)
def test_an_articles_wording_fits_the_reports_percentage(
    actual: float, claimed: float, qualifier: str | None, fits: bool
) -> None:
    """Each qualifier at and around its edges ('less than half' fits 47%, not 50%)."""
    assert _satisfies(actual, claimed, qualifier) is fits


def test_the_victims_standard_is_checked_against_the_victim_cases() -> None:
    """72% is a share of 18 children's cases (13/18) but of no 11 victim cases: V1 is flagged."""
    record = record_of(REPORTS / "eastmoor-2025.txt")
    assert isinstance(record, InspectionReport)
    standards = []
    for standard in record.standards:
        questions = standard.key_questions
        if standard.code in ("2.1", "V1"):
            evidence = (standard.rating or questions[0]).evidence
            percent = GroundedNumber(value=72.0, evidence=evidence)
            questions = [questions[0].model_copy(update={"percent": percent}), *questions[1:]]
        standards.append(standard.model_copy(update={"key_questions": questions}))
    changed = record.model_copy(update={"standards": standards})
    samples = [f.message for f in check(changed) if f.code == "percent-sample"]
    assert len(samples) == 1 and samples[0].startswith("V1 ")
    assert "no share of 11 or fewer cases" in samples[0]


def test_an_unknown_frameworks_finding_says_what_was_not_checked() -> None:
    """The framework-unknown message, word for word."""
    record = extract(FIXTURES / "checks" / "framework-unknown.txt")
    assert isinstance(record, InspectionReport)
    [finding] = [f for f in check(record) if f.code == "framework-unknown"]
    assert finding.message == (
        "The report's framework was not recognised, so only the rules every framework shares "
        "were checked."
    )


def test_report_side_evidence_names_the_report() -> None:
    """An article's wrong count: the report's stated count is quoted with the report's path."""
    report = record_of(REPORTS / "blackpool-2025.txt")
    article = extract(FIXTURES / "checks" / "articles" / "article-recommendations.txt")
    assert isinstance(report, InspectionReport) and isinstance(article, Article)
    [finding] = check_against(article, report)
    assert finding.code == "article-recommendations"
    assert [e.path for e in finding.evidence] == [None, report.source.path]
    assert finding.evidence[1].text == "six recommendations"


def test_an_unknown_framework_matches_article_standards_by_printed_name() -> None:
    """Without a framework, an article's 'planning was rated Inadequate' meets the printed name."""
    report = record_of(REPORTS / "blackpool-2025.txt")
    assert isinstance(report, InspectionReport)
    unknown = report.model_copy(update={"framework": None})
    article = parse(
        load_bytes(
            b"Moorside Gazette\n\nBlackpool youth justice service rated\n\n12 November 2025\n\n"
            b"Blackpool Youth Justice Service was rated Requires improvement by inspectors in "
            b"2025. Planning was rated Inadequate.\n",
            "news.txt",
        )
    )
    assert isinstance(article, Article)
    assert [(c.standard, c.rating) for c in article.standard_ratings] == [
        ("Planning", "Inadequate")
    ]
    assert [f.code for f in check_against(article, unknown)] == ["article-standard"]
