"""Write records out: JSON for machines, a one-screen summary for people."""

from __future__ import annotations

import json
from io import StringIO

from rich.console import Console
from rich.table import Table

from models import RECORD_ADAPTER, Article, ErrorRecord, Finding, InspectionReport, OtherDocument

AnyRecord = InspectionReport | Article | OtherDocument | ErrorRecord


def to_json(record: AnyRecord, indent: int | None = 2) -> str:
    """The record as JSON, every field present so the shape never depends on the document."""
    return record.model_dump_json(indent=indent)


def schema() -> str:
    """The JSON Schema of every record the extractor writes."""
    return json.dumps(RECORD_ADAPTER.json_schema(), indent=2)


def summary(record: AnyRecord, width: int = 100) -> str:
    """A summary a person can check at a glance against the document."""
    buffer = StringIO()
    console = Console(file=buffer, width=width, color_system=None, highlight=False)
    if isinstance(record, InspectionReport):
        _report_summary(console, record)
    elif isinstance(record, Article):
        _article_summary(console, record)
    elif isinstance(record, OtherDocument):
        console.print(f"{record.source.path}: not an inspection report ({record.kind_reason})")
        if record.title:
            console.print(f"Title       {record.title.value}")
        if record.document_type:
            area = record.area.value if record.area else "-"
            console.print(
                f"Document    {record.document_type} ({record.inspectorate}), area {area}"
            )
        if record.outcome:
            outcome = record.outcome
            console.print(f"Outcome     {outcome.value} ({outcome.level}; {outcome.scale})")
        console.print(f"Quantities  {len(record.quantities)}   Quotes {len(record.quotes)}")
    else:
        console.print(f"{record.source.path}: {record.error.message}")
    return buffer.getvalue()


def _article_summary(console: Console, record: Article) -> None:
    """What the article claims, one line per kind of claim."""
    console.print(record.headline.value if record.headline else record.source.path, style="bold")
    console.print(f"Kind        {record.kind} ({record.kind_reason})")
    console.print(
        f"Outlet      {record.outlet.value if record.outlet else '-'}   "
        f"Author {record.author.value if record.author else '-'}   "
        f"Published {record.published.value if record.published else '-'}"
    )
    for service in record.services:
        console.print(
            f"Service     {service.name} ({service.area or 'area unknown'}, {service.type})"
        )
    year = record.inspection_year.value if record.inspection_year else "year unknown"
    rating = record.overall_rating.value if record.overall_rating else "-"
    score = f"   Score {record.score.value}/{record.score.max}" if record.score else ""
    console.print(f"Rating      {rating} (inspection {year}){score}")
    earlier = ", ".join(
        f"{p.rating} {p.year.value if p.year else '(year not given)'}"
        for p in record.previous_ratings
    )
    console.print(f"Previously  {earlier or '-'}")
    standards = "; ".join(f"{s.standard} {s.rating}" for s in record.standard_ratings)
    console.print(f"Standards   {standards or '-'}")
    console.print(f"Inspectorates {', '.join(i.value for i in record.inspectorates) or '-'}")
    count = record.recommendations_count
    console.print(
        f"Recommendations {count.value if count else '-'}   Quantities {len(record.quantities)}   "
        f"Quotes {len(record.quotes)}"
    )
    _findings_line(console, record.findings)


def _findings_line(console: Console, findings: list[Finding]) -> None:
    """How many errors and warnings the checks found."""
    errors = sum(1 for finding in findings if finding.severity == "error")
    warnings = sum(1 for finding in findings if finding.severity == "warning")
    console.print(f"Findings    {errors} error(s), {warnings} warning(s)")


def _report_summary(console: Console, record: InspectionReport) -> None:
    """Header lines, the ratings table with key questions, then the counts."""
    service = record.service
    names = [part.value for part in (service.name, service.short_name) if part]
    console.print(record.title.value if record.title else record.source.path, style="bold")
    console.print(f"Service     {' / '.join(names) or '-'} ({service.type or 'type unknown'})")
    console.print(
        f"Framework   {record.framework or 'not recognised'} ({record.inspectorate or '-'})"
    )
    fieldwork = record.fieldwork_started.value if record.fieldwork_started else "-"
    published = record.published.value if record.published else "-"
    console.print(f"Fieldwork   {fieldwork}   Published {published}")
    score = f"{record.score.value}/{record.score.max}" if record.score else "-"
    overall = record.overall_rating.value if record.overall_rating else "-"
    console.print(f"Overall     {overall}   Score {score}")
    for note in (record.overall_rating_absent_reason, record.published_absent_reason):
        if note:
            console.print(f"Note        {note}")
    if record.inspection_type:
        console.print(
            f"Inspection  {record.inspection_type.value} ({record.inspection_type.reason})"
        )

    table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold")
    table.add_column("Standard")
    table.add_column("Domain")
    table.add_column("Rating")
    table.add_column("Key questions (% Yes)")
    for standard in record.standards:
        percents = ", ".join(
            f"{question.percent.value:g}" if question.percent else "n/a"
            for question in standard.key_questions
        )
        table.add_row(
            f"{standard.code} {standard.name}",
            standard.domain or "-",
            standard.rating.value if standard.rating else "-",
            percents or "-",
        )
    console.print()
    console.print(table)
    console.print()

    stated = record.recommendations_stated_count
    addressees = {r.addressee.value for r in record.recommendations if r.addressee}
    console.print(
        f"Recommendations  {len(record.recommendations)} listed, "
        f"{stated.value if stated else 'no count'} stated, {len(addressees)} addressee(s)"
    )
    console.print(
        f"Strengths {len(record.strengths)}   Areas for improvement "
        f"{len(record.areas_for_improvement)}"
    )
    samples = record.case_samples
    console.print(
        "Cases inspected  "
        f"children {samples.children_cases.value if samples.children_cases else '-'}, "
        f"victims {samples.victim_cases.value if samples.victim_cases else '-'}, "
        f"interviews {samples.interviews.value if samples.interviews else '-'}"
    )
    console.print(
        f"Quantities {len(record.quantities)}   Quotes {len(record.quotes)}   "
        f"Footnotes {len(record.footnotes)}"
    )
    people = ", ".join(
        f"{person.name} ({person.role.value})" if person.role else person.name
        for person in record.inspectors
    )
    console.print(f"Inspectors  {people or '-'}")
    _findings_line(console, record.findings)
