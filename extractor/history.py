"""Rating histories: the ratings records give the same service, as one timeline per service."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Literal, cast

from extractor.fit import hanging
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


def _inspection_year(report: InspectionReport) -> int | None:
    """The year an inspection goes by in a timeline: fieldwork, else publication.

    Every copy of a report (PDF, HTML page, text) prints when fieldwork started, while only some
    print when it was published, so the fieldwork year keeps the copies of one inspection together.
    """
    dates = [d for d in (report.fieldwork_started, report.published) if d]
    return int(dates[0].value[:4]) if dates else None


YearAliases = dict[ServiceKey, dict[int, int]]


def _year_aliases(records: list[InspectionReport | Article | OtherDocument]) -> YearAliases:
    """For each service, the years its reported inspections are also called by, and their year.

    A report's inspection is dated by its fieldwork; articles date it by publication, which
    follows fieldwork within months: its publication year, or else the year after fieldwork,
    is the same inspection unless a report dates another inspection to that year.
    """
    inspected: dict[ServiceKey, dict[int, int | None]] = defaultdict(dict)
    for record in records:
        if not isinstance(record, InspectionReport) or record.service.area is None:
            continue
        year = _inspection_year(record)
        if year is None or record.fieldwork_started is None:
            continue
        published = int(record.published.value[:4]) if record.published else None
        key = service_key(record.service.area.value, record.service.type, record.inspectorate)
        if inspected[key].get(year) is None:
            inspected[key][year] = published
    aliases: YearAliases = defaultdict(dict)
    for key, years in inspected.items():
        for year, published in sorted(years.items()):
            for other in (year + 1, published):
                if other is not None and other not in years:
                    aliases[key].setdefault(other, year)
            aliases[key][year] = year
    return aliases


def _name_rank(name: str, area: str, claim: str) -> int:
    """How well a name names a service: a report's, a proper name, else only its area (0)."""
    if claim == "report":
        return 2
    rest = re.sub(rf"^(?:the\s+)?{re.escape(area)}(?:['’]s)?\s*", "", name, flags=re.IGNORECASE)
    words = [word for word in rest.split() if word.lower() not in {"and", "of", "for", "the"}]
    return 1 if words and all(word[0].isupper() for word in words) else 0


def _claims(
    record: InspectionReport | Article | OtherDocument,
) -> Iterable[tuple[ServiceKey, str, str, int | None, Rating, RatingSource]]:
    """Every dated rating a record gives a service: (key, area, name, year, rating, source)."""
    path = record.source.path
    if isinstance(record, InspectionReport):
        inspected = record.service
        if inspected.area is None or record.overall_rating is None:
            return
        year = _inspection_year(record)
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
    ranks: dict[ServiceKey, int] = {}
    kept = list(records)
    aliases = _year_aliases(kept)
    for record in kept:
        for key, area, name, said, rating, source in _claims(record):
            rank = _name_rank(name, _plain_area(area), source.claim)
            if rank > ranks.get(key, -1):
                names[key] = name if rank else _plain_area(area)
                ranks[key] = rank
            year = aliases[key].get(said, said) if said is not None else None
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


def as_text(found: list[ServiceHistory], width: int = 100) -> str:
    """Each service, then its ratings by year with the documents that state them, to `width`.

    A path is never split over two lines (one wider than the terminal stands alone on its
    line); a long list of documents goes on under the first.
    """
    lines: list[str] = []
    for history in found:
        kind = history.type or "kind unknown"
        by = INSPECTORATE_NAMES.get(history.inspectorate or "", "inspectorate unknown")
        lines += hanging("", f"{history.name} ({history.area}, {kind}, {by})".split(), width, 4)
        for event in history.events:
            year = str(event.year) if event.year else "undated"
            pieces = [part for s in event.sources for part in (s.path, f"({s.claim});")]
            pieces[-1] = pieces[-1].rstrip(";")
            pieces += ["CONFLICT"] if event.conflict else []
            lines += hanging(f"  {year:<7} {event.rating:<21} ", pieces, width)
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
