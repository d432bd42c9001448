"""The record of a document that is neither a report nor an article about one."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from models.common import (
    Evidence,
    Finding,
    GroundedDate,
    GroundedText,
    Inspectorate,
    Quantity,
    Quote,
    Record,
    Source,
)


class Outcome(Record):
    """An inspection outcome on a scale of its own, never the four-point rating.

    Area SEND inspections end in one of three outcomes: 1 positive, 2 inconsistent, 3 systemic
    failings (the level as Ofsted's dataset numbers them).
    """

    value: Literal["positive", "inconsistent", "systemic"]
    level: int
    scale: str
    evidence: Evidence


class OtherDocument(Record):
    """Whatever could be found in a document that is not about an inspection rating."""

    kind: Literal["other"] = "other"
    kind_reason: str
    source: Source
    inspectorate: Inspectorate | None = None
    document_type: str | None = Field(
        default=None,
        description="what an inspectorate's ungraded document is: ofsted_area_send, "
        "ofsted_focused_visit, ofsted_monitoring_visit, ofsted_jtai, ofsted_lac_2013, "
        "ofsted_lscb_review",
    )
    title: GroundedText | None = None
    area: GroundedText | None = None
    fieldwork_started: GroundedDate | None = None
    fieldwork_ended: GroundedDate | None = None
    outcome: Outcome | None = None
    outlet: GroundedText | None = None
    author: GroundedText | None = None
    published: GroundedDate | None = None
    inspectorates: list[GroundedText] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
