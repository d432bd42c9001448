"""The record of a news story, press release or council page about an inspection."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from models.common import (
    Evidence,
    Finding,
    GroundedDate,
    GroundedInt,
    GroundedRating,
    GroundedText,
    Quantity,
    Quote,
    Rating,
    Record,
    ServiceType,
    Source,
)
from models.report import Score


class ServiceMention(Record):
    """A service the text is about: 'Blackpool Youth Justice Service', area Blackpool, youth."""

    name: str
    area: str | None = None
    type: ServiceType | None = None
    evidence: Evidence


class PreviousRating(Record):
    """A rating the same service was given at an earlier inspection, and that inspection's year."""

    rating: Rating
    year: GroundedInt | None = None
    evidence: Evidence


class StandardRating(Record):
    """A rating the text gives one standard or a counted group of them ('nine out of 13 areas')."""

    standard: str
    rating: Rating
    evidence: Evidence


class Article(Record):
    """What an article says about an inspection, each claim grounded in its text."""

    kind: Literal["news_article", "press_release"]
    kind_reason: str
    source: Source
    headline: GroundedText | None = None
    outlet: GroundedText | None = None
    author: GroundedText | None = None
    published: GroundedDate | None = None
    report_published: GroundedDate | None = Field(
        default=None, description="when the report the article is about came out, if it says"
    )
    services: list[ServiceMention] = Field(default_factory=list)
    overall_rating: GroundedRating | None = None
    inspection_year: GroundedInt | None = None
    score: Score | None = None
    previous_ratings: list[PreviousRating] = Field(default_factory=list)
    standard_ratings: list[StandardRating] = Field(default_factory=list)
    inspectorates: list[GroundedText] = Field(default_factory=list)
    recommendations_count: GroundedInt | None = None
    quantities: list[Quantity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
