"""A service's rating history, gathered from reports and articles."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from models.common import Evidence, Inspectorate, Rating, Record, ServiceType


class RatingSource(Record):
    """One document stating a rating: which file, what kind, and how it states it."""

    path: str
    kind: str
    claim: Literal["report", "reported", "previous"]
    evidence: Evidence


class RatingEvent(Record):
    """A rating a service received in a year, with every document that says so."""

    year: int | None
    rating: Rating
    sources: list[RatingSource]
    conflict: bool = Field(default=False, description="another rating is stated for the same year")


class ServiceHistory(Record):
    """A service and the ratings it has received, oldest first."""

    inspectorate: Inspectorate | None
    area: str
    type: ServiceType | None
    name: str
    events: list[RatingEvent]
