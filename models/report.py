"""The record of one inspection report."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from models.common import (
    Evidence,
    Finding,
    GroundedDate,
    GroundedInt,
    GroundedNumber,
    GroundedRating,
    GroundedText,
    Inspectorate,
    Quantity,
    Quote,
    Rating,
    Record,
    ServiceType,
    Source,
)


class Service(Record):
    """The inspected service: full name, short name ('Blackpool YJS'), area and type."""

    name: GroundedText | None = None
    short_name: GroundedText | None = None
    area: GroundedText | None = None
    type: ServiceType | None = None


class RatingStatement(Record):
    """One place where the document states a rating, so the checks can compare them."""

    rating: Rating
    section: str | None = None
    evidence: Evidence


class Score(Record):
    """The overall score as printed: 'Score 6/12'."""

    value: int
    max: int
    evidence: Evidence


class KeyQuestion(Record):
    """A key question of a standard and the share of inspected cases answered 'Yes'."""

    code: str | None = None
    question: str
    percent: GroundedNumber | None = None
    evidence: Evidence


class Standard(Record):
    """A rated standard: code, name, the domain it sits in, its rating and its key questions."""

    code: str
    name: str
    domain: str | None = None
    rating: GroundedRating | None = None
    rating_statements: list[RatingStatement] = Field(default_factory=list)
    key_questions: list[KeyQuestion] = Field(default_factory=list)
    scored: bool | None = Field(
        default=None,
        description="whether the framework counts it in the score (youth 4.1: rated, not scored); "
        "None when the framework is not known",
    )
    not_rated: GroundedText | None = Field(
        default=None, description="the words saying the standard was not rated, when it was not"
    )
    evidence: Evidence


class Recommendation(Record):
    """A recommendation and whom it is addressed to."""

    addressee: GroundedText | None = None
    text: str
    evidence: Evidence


class Point(Record):
    """A strength or an area for improvement, tied to the section it is listed under."""

    text: str
    section: str | None = None
    standard: str | None = Field(
        default=None,
        description="the code of the standard it is listed under, so that court and "
        "out-of-court standards of the same name (2.1 and 3.1 Assessment) stay apart",
    )
    evidence: Evidence


class CaseSamples(Record):
    """How much the inspectors looked at."""

    children_cases: GroundedInt | None = None
    victim_cases: GroundedInt | None = None
    interviews: GroundedInt | None = None


class Footnote(Record):
    """A footnote: its marker and its text."""

    label: str
    text: str
    evidence: Evidence


class Person(Record):
    """A named inspector or signatory and their role."""

    name: str
    role: GroundedText | None = None
    evidence: Evidence


class InspectionType(Record):
    """Whether an inspection was short or standard, told from its fieldwork days (never printed)."""

    value: Literal["short", "standard", "longer_than_standard"]
    reason: str
    evidence: Evidence


class InspectionReport(Record):
    """Everything an inspection report states, each value grounded in its text."""

    kind: Literal["inspection_report"] = "inspection_report"
    kind_reason: str
    source: Source
    inspectorate: Inspectorate | None = None
    framework: str | None = None
    framework_reason: str | None = Field(
        default=None, description="which clues in the document chose the framework, or why none"
    )
    title: GroundedText | None = None
    service: Service = Field(default_factory=Service)
    published: GroundedDate | None = None
    published_absent_reason: str | None = Field(
        default=None, description="why the report gives no publication date, when it gives none"
    )
    fieldwork_started: GroundedDate | None = None
    fieldwork_ended: GroundedDate | None = None
    inspection_type: InspectionType | None = None
    overall_rating: GroundedRating | None = None
    overall_rating_absent_reason: str | None = Field(
        default=None, description="why the report has no overall rating, when it is graded without"
    )
    rating_statements: list[RatingStatement] = Field(default_factory=list)
    score: Score | None = None
    standards: list[Standard] = Field(default_factory=list)
    recommendations: list[Recommendation] = Field(default_factory=list)
    recommendations_stated_count: GroundedInt | None = None
    strengths: list[Point] = Field(default_factory=list)
    areas_for_improvement: list[Point] = Field(default_factory=list)
    case_samples: CaseSamples = Field(default_factory=CaseSamples)
    quantities: list[Quantity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    footnotes: list[Footnote] = Field(default_factory=list)
    inspectors: list[Person] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
