"""Property tests: consistent reports pass; change one value and the right rule catches it."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor import check, load_bytes, parse
from extractor.frameworks import Framework, frameworks, rulebook
from models import RATINGS, Finding, InspectionReport, Rating
from reportgen import ReportSpec, StandardSpec, achievable, render

FRAMEWORKS = sorted(
    k for k, f in frameworks().items() if f.inspectorate == "hmi_probation" and f.score_max
)
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def standard_specs(draw: st.DrawFn, framework: Framework, cases: int) -> tuple[StandardSpec, ...]:
    """A rating for every standard; case standards get percentages whose lowest fits the band."""
    book = rulebook()
    specs = []
    for definition in framework.standards:
        rating: Rating = draw(st.sampled_from(RATINGS))
        percents: tuple[int, ...] = ()
        if definition.basis == "case":
            low, high = book.band_range(rating)
            lowest = draw(st.sampled_from(achievable(cases, low, high)))
            count = max(len(definition.key_questions), 2)
            others = st.sampled_from(achievable(cases, lowest, 100))
            percents = (lowest, *draw(st.lists(others, min_size=count - 1, max_size=count - 1)))
            percents = tuple(draw(st.permutations(percents)))
        specs.append(StandardSpec(definition, rating, percents))
    return tuple(specs)


@st.composite
def report_specs(draw: st.DrawFn, framework_id: str | None = None) -> ReportSpec:
    """A report that obeys every rule of its framework."""
    framework = frameworks()[framework_id or draw(st.sampled_from(FRAMEWORKS))]
    cases = draw(st.integers(min_value=14, max_value=60))
    start = framework.fieldwork_from or "2019-01"
    year, month = int(start[:4]), int(start[5:7])
    return ReportSpec(
        framework=framework,
        standards=draw(standard_specs(framework, cases)),
        cases=cases,
        victim_cases=draw(st.integers(min_value=9, max_value=24)),
        recommendations=draw(st.integers(min_value=1, max_value=12)),
        fieldwork=(draw(st.integers(min_value=1, max_value=28)), month, year + (month > 6)),
    ).consistent()


def findings_of(spec: ReportSpec) -> tuple[InspectionReport, list[Finding]]:
    """Run the whole pipeline on the rendered report and check it."""
    record = parse(load_bytes(render(spec).encode(), "generated.txt"))
    assert isinstance(record, InspectionReport)
    return record, check(record)


def codes(findings: list[Finding], severity: str | None = None) -> set[str]:
    """The codes of the findings, of one severity if given."""
    return {f.code for f in findings if severity is None or f.severity == severity}


@pytest.mark.parametrize("framework_id", FRAMEWORKS)
@SETTINGS
@given(data=st.data())
def test_a_consistent_report_reads_back_and_passes(framework_id: str, data: st.DataObject) -> None:
    """Every framework: the generated report is read back exactly and breaks no rule."""
    spec = data.draw(report_specs(framework_id))
    record, findings = findings_of(spec)
    assert record.framework == framework_id
    assert [(s.code, s.rating.value if s.rating else None) for s in record.standards] == [
        (s.definition.code, s.rating) for s in spec.standards
    ]
    assert record.score is not None and record.score.value == spec.score
    assert findings == []


@SETTINGS
@given(spec=report_specs(), data=st.data())
def test_changing_a_standard_rating_breaks_the_score(spec: ReportSpec, data: st.DataObject) -> None:
    """Re-rate one scored standard everywhere: its points no longer add up to the score."""
    scored = [i for i, s in enumerate(spec.standards) if s.definition.scored]
    index = data.draw(st.sampled_from(scored))
    old = spec.standards[index]
    new_rating = data.draw(st.sampled_from([r for r in RATINGS if r != old.rating]))
    standards = list(spec.standards)
    standards[index] = replace(old, rating=new_rating)
    _, findings = findings_of(replace(spec, standards=tuple(standards)))
    assert "score-sum" in codes(findings)
    if old.definition.basis == "case":
        assert "case-band" in codes(findings)


@SETTINGS
@given(spec=report_specs(), data=st.data())
def test_a_table_rating_that_differs_from_its_section(
    spec: ReportSpec, data: st.DataObject
) -> None:
    """Re-rate a case standard in the ratings table only: the two statements disagree."""
    cased = [i for i, s in enumerate(spec.standards) if s.definition.basis != "qualitative"]
    if not cased:
        return
    index = data.draw(st.sampled_from(cased))
    old = spec.standards[index]
    table = data.draw(st.sampled_from([r for r in RATINGS if r != old.rating]))
    standards = list(spec.standards)
    standards[index] = replace(old, table_rating=table)
    _, findings = findings_of(replace(spec, standards=tuple(standards)))
    assert "standard-statements" in codes(findings, "error")


@SETTINGS
@given(spec=report_specs(), data=st.data())
def test_a_lowest_percentage_in_another_band(spec: ReportSpec, data: st.DataObject) -> None:
    """Move a case standard's lowest key question into another band: case-band says so."""
    cased = [i for i, s in enumerate(spec.standards) if s.percents]
    if not cased:
        return
    index = data.draw(st.sampled_from(cased))
    old = spec.standards[index]
    book = rulebook()
    low, high = book.band_range(old.rating)
    outside = [p for p in achievable(spec.cases, 0, 100) if not low <= p <= high]
    lowered = data.draw(st.sampled_from(outside))
    percents = (*(max(p, lowered) for p in old.percents[:-1]), lowered)
    standards = list(spec.standards)
    standards[index] = replace(old, percents=percents)
    _, findings = findings_of(replace(spec, standards=tuple(standards)))
    near_cut = any(
        cut - book.rounding_margin <= min(percents) <= cut for cut in book.case_bands.values()
    )
    expected = (
        "warning"
        if near_cut or spec.framework.confidence_of("case-band") in ("LIKELY", "UNCERTAIN")
        else "error"
    )
    assert "case-band" in codes(findings, expected)


@SETTINGS
@given(spec=report_specs(), data=st.data())
def test_an_impossible_percentage_for_the_sample(spec: ReportSpec, data: st.DataObject) -> None:
    """A key-question percentage no share of the inspected cases gives is a warning."""
    cased = [i for i, s in enumerate(spec.standards) if s.percents]
    impossible = [p for p in range(1, 100) if p not in achievable(spec.cases, 0, 100)]
    if not cased or not impossible:
        return
    index = data.draw(st.sampled_from(cased))
    old = spec.standards[index]
    standards = list(spec.standards)
    standards[index] = replace(
        old, percents=(*old.percents[:-1], data.draw(st.sampled_from(impossible)))
    )
    _, findings = findings_of(replace(spec, standards=tuple(standards)))
    assert "percent-sample" in codes(findings, "warning")


@SETTINGS
@given(spec=report_specs(), delta=st.integers(min_value=1, max_value=5))
def test_a_wrong_score(spec: ReportSpec, delta: int) -> None:
    """A printed score that is not the sum of the points is caught."""
    assert spec.score is not None and spec.score_max is not None
    wrong = spec.score + delta if spec.score + delta <= spec.score_max else spec.score - delta
    _, findings = findings_of(replace(spec, score=wrong))
    assert "score-sum" in codes(findings)


@SETTINGS
@given(spec=report_specs(), data=st.data())
def test_a_wrong_maximum(spec: ReportSpec, data: st.DataObject) -> None:
    """A score out of the wrong maximum is caught."""
    assert spec.score is not None
    maxima = [m for m in (12, 15, 24, 27, 30, 36, 39) if m != spec.score_max and m >= spec.score]
    _, findings = findings_of(replace(spec, score_max=data.draw(st.sampled_from(maxima))))
    assert "score-max" in codes(findings)


@SETTINGS
@given(spec=report_specs(), data=st.data())
def test_an_overall_rating_outside_the_score_band(spec: ReportSpec, data: st.DataObject) -> None:
    """An overall rating (table and foreword alike) that is not the band of the score."""
    assert spec.overall is not None
    other = data.draw(st.sampled_from([r for r in RATINGS if r != spec.overall]))
    _, findings = findings_of(replace(spec, overall=other, foreword_overall=other))
    assert "overall-band" in codes(findings)


@SETTINGS
@given(spec=report_specs(), data=st.data())
def test_a_foreword_that_disagrees_with_the_table(spec: ReportSpec, data: st.DataObject) -> None:
    """The foreword stating another overall rating than the ratings table is an error."""
    assert spec.overall is not None
    other = data.draw(st.sampled_from([r for r in RATINGS if r != spec.overall]))
    _, findings = findings_of(replace(spec, foreword_overall=other))
    assert codes(findings, "error") >= {"rating-statements"}


@SETTINGS
@given(spec=report_specs(), delta=st.integers(min_value=1, max_value=3))
def test_a_wrong_recommendation_count(spec: ReportSpec, delta: int) -> None:
    """Saying n recommendations and listing another number is an error."""
    _, findings = findings_of(replace(spec, stated_recommendations=spec.recommendations + delta))
    assert codes(findings, "error") == {"recommendation-count"}


@SETTINGS
@given(spec=report_specs(), data=st.data())
def test_a_standard_printed_under_another_name(spec: ReportSpec, data: st.DataObject) -> None:
    """A code printed with a name the framework gives another standard."""
    index = data.draw(st.integers(min_value=0, max_value=len(spec.standards) - 1))
    old = spec.standards[index]
    others = [s.name for s in spec.framework.standards if not old.definition.answers_to(s.name)]
    standards = list(spec.standards)
    standards[index] = replace(old, printed_name=data.draw(st.sampled_from(others)))
    _, findings = findings_of(replace(spec, standards=tuple(standards)))
    assert "standard-name" in codes(findings)


@SETTINGS
@given(spec=report_specs(), data=st.data())
def test_a_missing_standard(spec: ReportSpec, data: st.DataObject) -> None:
    """Leaving a rated standard out of the report changes the count of rated standards."""
    if len(spec.standards) - 1 in spec.framework.rated_standards:
        return
    index = data.draw(st.integers(min_value=0, max_value=len(spec.standards) - 1))
    standards = spec.standards[:index] + spec.standards[index + 1 :]
    _, findings = findings_of(replace(spec, standards=standards))
    assert "rated-count" in codes(findings)


@SETTINGS
@given(spec=report_specs(), data=st.data(), word=st.sampled_from(["poor", "Insufficient"]))
def test_a_non_standard_rating_word(spec: ReportSpec, data: st.DataObject, word: str) -> None:
    """'poor' or 'Insufficient' standing for Inadequate is read, and flagged as a warning."""
    index = data.draw(st.integers(min_value=0, max_value=len(spec.standards) - 1))
    old = spec.standards[index]
    standards = list(spec.standards)
    standards[index] = replace(old, rating="Inadequate", table_rating=word)
    record, findings = findings_of(replace(spec, standards=tuple(standards)).consistent())
    assert "rating-word" in codes(findings, "warning")
    assert record.standards[index].rating is not None
    assert record.standards[index].rating.value == "Inadequate"
