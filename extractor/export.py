"""Write records out: JSON for machines, a one-screen summary for people."""

from __future__ import annotations

import json
import textwrap

from models import (
    RECORD_ADAPTER,
    AnyRecord,
    Article,
    Finding,
    InspectionReport,
    OtherDocument,
    Standard,
)


def to_json(record: AnyRecord, indent: int | None = 2) -> str:
    """The record as JSON, every field present so the shape never depends on the document."""
    return record.model_dump_json(indent=indent)


def schema() -> str:
    """The JSON Schema of every record the extractor writes."""
    return json.dumps(RECORD_ADAPTER.json_schema(), indent=2)


def summary(record: AnyRecord, width: int = 100) -> str:
    """A summary a person can check at a glance, fitted to `width` columns without a value cut."""
    lines = Lines(width)
    if isinstance(record, InspectionReport):
        _report_summary(lines, record)
    elif isinstance(record, Article):
        _article_summary(lines, record)
    elif isinstance(record, OtherDocument):
        lines.text(f"{record.source.path}: not an inspection report ({record.kind_reason})")
        if record.title:
            lines.row("Title", record.title.value)
        if record.document_type:
            area = record.area.value if record.area else "-"
            lines.row("Document", f"{record.document_type} ({record.inspectorate})", f"area {area}")
        if record.outcome:
            outcome = record.outcome
            lines.row("Outcome", f"{outcome.value} ({outcome.level}; {outcome.scale})")
        lines.row("Quantities", f"{len(record.quantities)}", f"Quotes {len(record.quotes)}")
    else:
        lines.text(f"{record.source.path}: {record.error.message}")
    return lines.render()


LABEL = 12
"""The width of the label column of a summary ('Overall     ')."""

GAP = "   "
"""What separates two values on one summary line."""


class Lines:
    """Summary lines fitted to a width: values wrap whole onto the next line, never split."""

    def __init__(self, width: int) -> None:
        """Start an empty summary `width` columns wide (at least 40)."""
        self.width = max(width, 40)
        self.lines: list[str] = []

    def text(self, words: str) -> None:
        """Free text (a title, a reason), wrapped between words."""
        self.lines.extend(textwrap.wrap(words, self.width, break_long_words=False) or [""])

    def row(self, label: str, *values: str, sep: str = GAP) -> None:
        """A labelled line of values; one that does not fit goes whole onto an indented line."""
        line = label.ljust(LABEL) if len(label) < LABEL else f"{label}  "
        started = False
        for value in values:
            for piece in textwrap.wrap(value, self.width - LABEL, break_long_words=False) or [""]:
                joint = sep if started else ""
                if line.strip() and len(line) + len(joint) + len(piece) > self.width:
                    self.lines.append(line)
                    line, joint = " " * LABEL, ""
                line, started = f"{line}{joint}{piece}", True
        self.lines.append(line)

    def table(
        self, header: list[str], rows: list[list[str]], optional: int, tags: list[str]
    ) -> None:
        """Aligned columns if they fit, else without column `optional`, else one block per row.

        In a block, each cell after the first is prefixed by its tag ('% Yes 67, 47').
        """
        for keep in (range(len(header)), [i for i in range(len(header)) if i != optional]):
            cells = [[row[i] for i in keep] for row in [header, *rows]]
            widths = [max(len(row[i]) for row in cells) for i in range(len(keep))]
            if sum(widths) + 2 * (len(widths) - 1) <= self.width:
                self.lines.extend(
                    "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True))
                    for row in cells
                )
                return
        for row in rows:
            self.text(row[0])
            self.row("", *(f"{tag}{cell}" for tag, cell in zip(tags, row[1:], strict=True)))

    def blank(self) -> None:
        """An empty line between parts."""
        self.lines.append("")

    def render(self) -> str:
        """The summary, each line without trailing spaces."""
        return "".join(line.rstrip() + "\n" for line in self.lines)


def _article_summary(lines: Lines, record: Article) -> None:
    """What the article claims, one line per kind of claim."""
    lines.text(record.headline.value if record.headline else record.source.path)
    lines.row("Kind", f"{record.kind} ({record.kind_reason})")
    lines.row(
        "Outlet",
        record.outlet.value if record.outlet else "-",
        f"Author {record.author.value if record.author else '-'}",
        f"Published {record.published.value if record.published else '-'}",
    )
    for service in record.services:
        lines.row("Service", f"{service.name} ({service.area or 'area unknown'}, {service.type})")
    year = record.inspection_year.value if record.inspection_year else "year unknown"
    rating = record.overall_rating.value if record.overall_rating else "-"
    score = [f"Score {record.score.value}/{record.score.max}"] if record.score else []
    lines.row("Rating", f"{rating} (inspection {year})", *score)
    earlier = [
        f"{p.rating} {p.year.value if p.year else '(year not given)'}"
        for p in record.previous_ratings
    ]
    lines.row("Previously", *(earlier or ["-"]), sep=", ")
    standards = [f"{s.standard} {s.rating}" for s in record.standard_ratings]
    lines.row("Standards", *(standards or ["-"]), sep="; ")
    lines.row("Inspectorates", *([i.value for i in record.inspectorates] or ["-"]), sep=", ")
    count = record.recommendations_count
    lines.row(
        "Recommendations",
        f"{count.value if count else '-'}",
        f"Quantities {len(record.quantities)}",
        f"Quotes {len(record.quotes)}",
    )
    _findings_line(lines, record.findings)


def _findings_line(lines: Lines, findings: list[Finding]) -> None:
    """How many errors and warnings the checks found."""
    errors = sum(1 for finding in findings if finding.severity == "error")
    warnings = sum(1 for finding in findings if finding.severity == "warning")
    lines.row("Findings", f"{errors} error(s), {warnings} warning(s)")


def _report_summary(lines: Lines, record: InspectionReport) -> None:
    """Header lines, the ratings table with key questions, then the counts."""
    service = record.service
    names = [part.value for part in (service.name, service.short_name) if part]
    lines.text(record.title.value if record.title else record.source.path)
    lines.row("Service", f"{' / '.join(names) or '-'} ({service.type or 'type unknown'})")
    framework = record.framework or "not recognised"
    lines.row("Framework", f"{framework} ({record.inspectorate or 'inspectorate unknown'})")
    lines.row(
        "Fieldwork",
        record.fieldwork_started.value if record.fieldwork_started else "-",
        f"Published {record.published.value if record.published else '-'}",
    )
    lines.row(
        "Overall",
        record.overall_rating.value if record.overall_rating else "-",
        f"Score {record.score.value}/{record.score.max}" if record.score else "Score -",
    )
    for note in (record.overall_rating_absent_reason, record.published_absent_reason):
        if note:
            lines.row("Note", note)
    if record.inspection_type:
        lines.row("Inspection", f"{record.inspection_type.value} ({record.inspection_type.reason})")
    rows = [
        [
            f"{standard.code} {standard.name}",
            standard.domain or "-",
            _standard_rating(standard),
            ", ".join(
                f"{question.percent.value:g}" if question.percent else "n/a"
                for question in standard.key_questions
            )
            or "-",
        ]
        for standard in record.standards
    ]
    lines.blank()
    header = ["Standard", "Domain", "Rating", "Key questions (% Yes)"]
    lines.table(header, rows, optional=1, tags=["", "", "% Yes "])
    lines.blank()
    stated = record.recommendations_stated_count
    addressees = {r.addressee.value for r in record.recommendations if r.addressee}
    lines.row(
        "Recommendations",
        f"{len(record.recommendations)} listed, "
        f"{stated.value if stated else 'no count'} stated, {len(addressees)} addressee(s)",
    )
    lines.row(
        "Strengths",
        f"{len(record.strengths)}",
        f"Areas for improvement {len(record.areas_for_improvement)}",
    )
    samples = record.case_samples
    lines.row(
        "Cases inspected",
        f"children {samples.children_cases.value if samples.children_cases else '-'}",
        f"victims {samples.victim_cases.value if samples.victim_cases else '-'}",
        f"interviews {samples.interviews.value if samples.interviews else '-'}",
        sep=", ",
    )
    lines.row(
        "Quantities",
        f"{len(record.quantities)}",
        f"Quotes {len(record.quotes)}",
        f"Footnotes {len(record.footnotes)}",
    )
    people = [
        f"{person.name} ({person.role.value})" if person.role else person.name
        for person in record.inspectors
    ]
    lines.row("Inspectors", *(people or ["-"]), sep=", ")
    _findings_line(lines, record.findings)


def _standard_rating(standard: Standard) -> str:
    """A standard's rating as the summary shows it: 'Good (not scored)', 'Not rated', '-'."""
    if standard.rating is None:
        return "Not rated" if standard.not_rated else "-"
    return (
        f"{standard.rating.value} (not scored)"
        if standard.scored is False
        else standard.rating.value
    )
