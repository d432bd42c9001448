"""Rating histories: the ratings records give the same service, as one timeline per service."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Literal, cast

from models import (
    INSPECTORATE_OF,
    Article,
    Evidence,
    InspectionReport,
    Inspectorate,
    OtherDocument,
    Rating,
    RatingEvent,
    RatingSource,
    ServiceHistory,
    ServiceType,
)

ServiceKey = tuple[str, str | None, str | None]
INSPECTORATE_NAMES = {"hmi_probation": "HM Inspectorate of Probation", "ofsted": "Ofsted"}
"""How a timeline names each inspectorate id."""


def service_key(area: str, service_type: str | None, inspectorate: str | None = None) -> ServiceKey:
    """A service as histories group it: area (plain, lower case), kind and inspectorate.

    The area drops 'the' and "'s" and reads '&' as 'and'. An authority's children's services
    (Ofsted) and its youth justice service (HM Inspectorate of Probation) are two histories.
    """
    area_key = re.sub(r"\s*&\s*", " and ", _plain_area(area)).lower()
    return area_key, service_type, inspectorate or INSPECTORATE_OF.get(service_type or "")


def _plain_area(area: str) -> str:
    """An area as printed, without a leading 'the' or a trailing "'s": 'Stoke-on-Trent'."""
    return " ".join(re.sub(r"^the\s+|['’]s$", "", area.strip(), flags=re.IGNORECASE).split())


def _claims(
    record: InspectionReport | Article | OtherDocument,
) -> Iterable[tuple[ServiceKey, str, str, int | None, Rating, RatingSource]]:
    """Every dated rating a record gives a service: (key, area, name, year, rating, source)."""
    path = record.source.path
    if isinstance(record, InspectionReport):
        inspected = record.service
        if inspected.area is None or record.overall_rating is None:
            return
        dates = [d for d in (record.published, record.fieldwork_started) if d]
        year = int(dates[0].value[:4]) if dates else None
        name = inspected.name.value if inspected.name else inspected.area.value
        yield (
            service_key(inspected.area.value, inspected.type, record.inspectorate),
            inspected.area.value,
            name,
            year,
            record.overall_rating.value,
            RatingSource(
                path=path, kind=record.kind, claim="report", evidence=record.overall_rating.evidence
            ),
        )
    elif isinstance(record, Article):
        said: list[tuple[int | None, Rating, Literal["reported", "previous"], Evidence]] = []
        if (overall := record.overall_rating) is not None:
            year = record.inspection_year.value if record.inspection_year else None
            said.append((year, overall.value, "reported", overall.evidence))
        for previous in record.previous_ratings:
            year = previous.year.value if previous.year else None
            said.append((year, previous.rating, "previous", previous.evidence))
        for service in record.services:
            if service.area is None:
                continue
            key = service_key(service.area, service.type)
            for year, rating, claim, evidence in said:
                source = RatingSource(path=path, kind=record.kind, claim=claim, evidence=evidence)
                yield key, service.area, service.name, year, rating, source


def histories(
    records: Iterable[InspectionReport | Article | OtherDocument],
) -> list[ServiceHistory]:
    """One timeline per service, oldest first; a year given two ratings is marked a conflict."""
    names: dict[ServiceKey, str] = {}
    areas: dict[ServiceKey, str] = {}
    events: dict[ServiceKey, dict[tuple[int | None, Rating], list[RatingSource]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for record in records:
        for key, area, name, year, rating, source in _claims(record):
            if key not in names or (" " in name and name[0].isupper() and " " not in names[key]):
                names[key] = name
            events[key][(year, rating)].append(source)
            if key not in areas or source.claim == "report":
                areas[key] = _plain_area(area)
    found: list[ServiceHistory] = []
    for key in sorted(events, key=lambda k: tuple(part or "" for part in k)):
        per_year: dict[int | None, int] = defaultdict(int)
        for year, _ in events[key]:
            per_year[year] += 1
        timeline = [
            RatingEvent(
                year=year,
                rating=rating,
                sources=sources,
                conflict=year is not None and per_year[year] > 1,
            )
            for (year, rating), sources in sorted(
                events[key].items(), key=lambda item: (item[0][0] is None, item[0][0] or 0)
            )
        ]
        kind = cast(ServiceType | None, key[1])
        inspectorate = cast(Inspectorate | None, key[2])
        found.append(
            ServiceHistory(
                inspectorate=inspectorate,
                area=areas[key],
                type=kind,
                name=names[key],
                events=timeline,
            )
        )
    return found


def as_text(found: list[ServiceHistory]) -> str:
    """Each service, then its ratings by year with the documents that state them."""
    lines: list[str] = []
    for history in found:
        kind = history.type or "kind unknown"
        by = INSPECTORATE_NAMES.get(history.inspectorate or "", "inspectorate unknown")
        lines.append(f"{history.name} ({history.area}, {kind}, {by})")
        for event in history.events:
            year = str(event.year) if event.year else "year?"
            where = "; ".join(f"{s.path} ({s.claim})" for s in event.sources)
            flag = "  CONFLICT" if event.conflict else ""
            lines.append(f"  {year:<6} {event.rating:<21} {where}{flag}")
    return "\n".join(lines) + ("\n" if lines else "")


def as_json(found: list[ServiceHistory]) -> str:
    """The histories as JSON."""
    return (
        json.dumps([h.model_dump(mode="json") for h in found], indent=2, ensure_ascii=False) + "\n"
    )


def as_csv(found: list[ServiceHistory]) -> str:
    """One row per rating event: service, year, rating, how many sources and which."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    header = ["inspectorate", "area", "type", "service", "year", "rating", "conflict", "sources"]
    writer.writerow([*header, "claims"])
    for history in found:
        for event in history.events:
            writer.writerow(
                [
                    history.inspectorate or "",
                    history.area,
                    history.type or "",
                    history.name,
                    event.year or "",
                    event.rating,
                    "yes" if event.conflict else "",
                    ";".join(source.path for source in event.sources),
                    ";".join(source.claim for source in event.sources),
                ]
            )
    return buffer.getvalue()
