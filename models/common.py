"""Parts every record shares: where a value came from, and what the checks found."""

from __future__ import annotations

import re
from typing import Annotated, Generic, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

Rating = Literal["Outstanding", "Good", "Requires improvement", "Inadequate"]
RATINGS: tuple[Rating, ...] = ("Outstanding", "Good", "Requires improvement", "Inadequate")

Inspectorate = Literal["hmi_probation", "ofsted"]
"""Who inspects: HM Inspectorate of Probation (youth justice and probation services) or Ofsted
(local authority children's services)."""
ServiceType = Literal["youth", "probation", "childrens_services"]
INSPECTORATE_OF: dict[str, Inspectorate] = {
    "youth": "hmi_probation",
    "probation": "hmi_probation",
    "childrens_services": "ofsted",
}
"""The inspectorate that inspects each kind of service."""

Severity = Literal["error", "warning", "info"]
Confidence = Literal["CONFIRMED", "CORROBORATED", "LIKELY", "UNCERTAIN"]
Format = Literal["pdf", "html", "text"]
Unit = Literal["percent", "per_100000", "count"]
Qualifier = Literal[
    "more_than", "less_than", "nearly", "just_over", "just_under", "about", "at_least"
]

_PARTIAL_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _partial_date(value: str) -> str:
    """Keep a date only as precise as the document states it (2025, 2025-06 or 2025-06-02)."""
    if not _PARTIAL_DATE.fullmatch(value):
        raise ValueError(f"not an ISO date of year, month or day precision: {value!r}")
    return value


IsoDate = Annotated[str, AfterValidator(_partial_date)]

T = TypeVar("T")


class Record(BaseModel):
    """Base of every model: plain data, unknown fields refused, no surprises when pickled."""

    model_config = ConfigDict(extra="forbid")


class Evidence(Record):
    """Where a value was read: its page (PDF only) and its span in the normalised text."""

    page: int | None = Field(default=None, description="1-based page number, for PDF sources")
    start: int = Field(ge=0, description="start offset in the normalised text")
    end: int = Field(ge=0, description="end offset (exclusive) in the normalised text")
    text: str = Field(description="the normalised text between start and end")
    path: str | None = Field(
        default=None,
        description="the other input this evidence is in, when a finding compares two documents",
    )


class Grounded(Record, Generic[T]):
    """A value read from one place in the text, with that place."""

    value: T
    evidence: Evidence


class GroundedText(Grounded[str]):
    """A piece of text read from the document."""


class GroundedInt(Grounded[int]):
    """A whole number read from the document ('six', '15')."""


class GroundedNumber(Grounded[float]):
    """A number read from the document ('67%', '31.6 per cent')."""


class GroundedRating(Grounded[Rating]):
    """A rating read from the document, normalised to the inspectorate's four words."""


class GroundedDate(Grounded[IsoDate]):
    """A date read from the document, as precise as the document states it."""


class Source(Record):
    """The input file a record was made from."""

    path: str
    sha256: str | None = None
    format: Format | None = None
    pages: int | None = Field(default=None, description="page count, for PDF sources")
    size: int | None = Field(default=None, description="size in bytes")


class Finding(Record):
    """One inconsistency the checks found, with the rule it broke and the values involved."""

    code: str
    severity: Severity
    message: str
    rule: str
    confidence: Confidence
    evidence: list[Evidence] = Field(default_factory=list)


class Quantity(Record):
    """A number the text states, normalised: 'Eighteen per cent' is 18 percent."""

    value: float
    unit: Unit
    qualifier: str | None = Field(
        default=None,
        description="more_than, less_than, nearly, just_over, just_under, about, at_least",
    )
    text: str
    refers_to: GroundedText | None = None
    evidence: Evidence


class Quote(Record):
    """Words a person said, with who said it where the text says so."""

    text: str
    speaker: GroundedText | None = None
    role: GroundedText | None = None
    reported: bool = Field(
        default=False,
        description="the text reports the words ('she said the plan had worked') without quoting",
    )
    evidence: Evidence


class ErrorInfo(Record):
    """Why an input could not be read."""

    type: str
    message: str


class ErrorRecord(Record):
    """Stands in for an input that could not be read, so that nothing is silently dropped."""

    kind: Literal["error"] = "error"
    source: Source
    error: ErrorInfo
