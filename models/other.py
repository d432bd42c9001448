"""The record of a document that is neither a report nor an article about one."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from models.common import (
    Finding,
    GroundedDate,
    GroundedText,
    Quantity,
    Quote,
    Record,
    Source,
)


class OtherDocument(Record):
    """Whatever could be found in a document that is not about an inspection rating."""

    kind: Literal["other"] = "other"
    kind_reason: str
    source: Source
    title: GroundedText | None = None
    outlet: GroundedText | None = None
    author: GroundedText | None = None
    published: GroundedDate | None = None
    inspectorates: list[GroundedText] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
