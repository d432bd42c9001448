"""Helpers the tests share: the facts projection of a record, and a walk over its evidence."""

from __future__ import annotations

from collections.abc import Iterator
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
