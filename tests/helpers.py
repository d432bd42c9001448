"""Helpers the tests share: the facts projection of a record, and a walk over its evidence."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from models import Evidence

PROJECTION_DROPS = {"evidence", "source", "kind_reason"}


def facts(record: BaseModel) -> Any:
    """The record's values without their evidence: what a person reviews in an expected file."""
    return _strip(record.model_dump(mode="json"))


def _strip(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"value", "evidence"}:
            return _strip(value["value"])
        return {key: _strip(item) for key, item in value.items() if key not in PROJECTION_DROPS}
    if isinstance(value, list):
        return [_strip(item) for item in value]
    return value


def evidence_in(model: Any) -> Iterator[Evidence]:
    """Every Evidence object anywhere inside a record."""
    if isinstance(model, Evidence):
        yield model
    elif isinstance(model, BaseModel):
        for name in type(model).model_fields:
            yield from evidence_in(getattr(model, name))
    elif isinstance(model, list | tuple):
        for item in model:
            yield from evidence_in(item)


@dataclass
class Scores:
    """Right and scored counts per measure, and a line for every miss."""

    counts: dict[str, list[int]] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    def tally(self, measure: str, ok: bool, miss: str = "") -> None:
        """Count one scored item, remembering it when it is wrong."""
        right, scored = self.counts.setdefault(measure, [0, 0])
        self.counts[measure] = [right + ok, scored + 1]
        if not ok and miss:
            self.misses.append(f"{measure}: {miss}")

    def share(self, measure: str) -> float:
        """The share right for a measure (1.0 when nothing was scored)."""
        right, scored = self.counts.get(measure, [0, 0])
        return right / scored if scored else 1.0
