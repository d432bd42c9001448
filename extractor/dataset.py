"""A folder's records as tables: one row per report, one per article, in CSV or Parquet.

Every input gives exactly one row: articles (news stories and press releases) in the articles
table, everything else (reports, other documents, inputs that could not be read) in the reports
table, with `kind` saying which. The columns are listed in docs/dataset.md.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from extractor.errors import ExtractorError
from extractor.files import PARQUET_EXTRA, refuse_special, table_paths
from models import (
    RECORD_ADAPTER,
    AnyRecord,
    Article,
    ErrorRecord,
    Finding,
    InspectionReport,
    OtherDocument,
    Source,
)

Value = str | int | float | None
Row = dict[str, Value]
ColumnType = Literal["string", "int", "float"]

SEPARATOR = "; "
"""Between the items of a list joined into one cell ('Good 2021; Inadequate 2018')."""


@dataclass(frozen=True)
class Column:
    """A column's name and the type of its values (every column may be empty)."""

    name: str
    type: ColumnType


SOURCE_COLUMNS = (
    Column("source", "string"),
    Column("sha256", "string"),
    Column("format", "string"),
    Column("pages", "int"),
    Column("size", "int"),
    Column("kind", "string"),
)
REPORT_COLUMNS = (
    *SOURCE_COLUMNS,
    Column("inspectorate", "string"),
    Column("framework", "string"),
    Column("service_name", "string"),
    Column("service_short_name", "string"),
    Column("service_area", "string"),
    Column("service_type", "string"),
    Column("title", "string"),
    Column("published", "string"),
    Column("fieldwork_started", "string"),
    Column("fieldwork_ended", "string"),
    Column("overall_rating", "string"),
    Column("score", "int"),
    Column("score_max", "int"),
    Column("standards_count", "int"),
    Column("standards_rated", "int"),
    Column("standards_not_rated", "string"),
    Column("recommendations_count", "int"),
    Column("recommendations_stated", "int"),
    Column("strengths_count", "int"),
    Column("areas_for_improvement_count", "int"),
    Column("children_cases", "int"),
    Column("victim_cases", "int"),
    Column("interviews", "int"),
    Column("quantities_count", "int"),
    Column("quotes_count", "int"),
    Column("footnotes_count", "int"),
    Column("inspectors_count", "int"),
    Column("finding_errors", "int"),
    Column("finding_warnings", "int"),
    Column("error_type", "string"),
    Column("error_message", "string"),
)
"""The reports table's leading columns; per-standard columns follow (see standard_columns)."""
ARTICLE_COLUMNS = (
    *SOURCE_COLUMNS,
    Column("headline", "string"),
    Column("outlet", "string"),
    Column("author", "string"),
    Column("published", "string"),
    Column("report_published", "string"),
    Column("services", "string"),
    Column("service_areas", "string"),
    Column("service_types", "string"),
    Column("overall_rating", "string"),
    Column("inspection_year", "int"),
    Column("score", "int"),
    Column("score_max", "int"),
    Column("previous_ratings", "string"),
    Column("standard_ratings", "string"),
    Column("inspectorates", "string"),
    Column("recommendations_count", "int"),
    Column("quantities_count", "int"),
    Column("quotes_count", "int"),
    Column("finding_errors", "int"),
    Column("finding_warnings", "int"),
)


@dataclass
class Table:
    """Rows and the columns they are written under, in order."""

    columns: list[Column]
    rows: list[Row]


@dataclass
class Exported:
    """What an export wrote: rows per kind, records replaced, lines it could not read, files."""

    reports: int = 0
    other: int = 0
    errors: int = 0
    articles: int = 0
    superseded: int = 0
    bad_lines: list[tuple[int, str]] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)


def standard_slug(code: str) -> str:
    """A standard code as it appears in column names: '2.1' -> '2_1', 'V1' -> 'V1'."""
    return re.sub(r"[^0-9A-Za-z]+", "_", code).strip("_")


def natural_key(code: str) -> tuple[tuple[str | int, ...], str]:
    """Order codes as people read them: 1.2 before 1.10, 4.1 before V1."""
    parts = re.split(r"(\d+)", code)
    return tuple(int(p) if i % 2 else p.lower() for i, p in enumerate(parts)), code


def _source(source: Source, kind: str) -> Row:
    """The columns every table starts with."""
    return {
        "source": source.path,
        "sha256": source.sha256,
        "format": source.format,
        "pages": source.pages,
        "size": source.size,
        "kind": kind,
    }


def _severities(findings: list[Finding]) -> Row:
    """How many error and warning findings the checks gave."""
    return {
        "finding_errors": sum(1 for f in findings if f.severity == "error"),
        "finding_warnings": sum(1 for f in findings if f.severity == "warning"),
    }


def _value(grounded: object) -> Value:
    """The value of a grounded field, or None when the field is absent."""
    value = getattr(grounded, "value", None)
    return value if isinstance(value, str | int | float) else None


def report_row(record: InspectionReport | OtherDocument | ErrorRecord) -> Row:
    """The reports-table row of a record that is not an article, per-standard columns included."""
    if isinstance(record, ErrorRecord):
        return {
            **_source(record.source, record.kind),
            "error_type": record.error.type,
            "error_message": record.error.message,
        }
    if isinstance(record, OtherDocument):
        return {
            **_source(record.source, record.kind),
            "title": _value(record.title),
            "published": _value(record.published),
            "quantities_count": len(record.quantities),
            "quotes_count": len(record.quotes),
            **_severities(record.findings),
        }
    service, samples = record.service, record.case_samples
    row: Row = {
        **_source(record.source, record.kind),
        "inspectorate": record.inspectorate,
        "framework": record.framework,
        "service_name": _value(service.name),
        "service_short_name": _value(service.short_name),
        "service_area": _value(service.area),
        "service_type": service.type,
        "title": _value(record.title),
        "published": _value(record.published),
        "fieldwork_started": _value(record.fieldwork_started),
        "fieldwork_ended": _value(record.fieldwork_ended),
        "overall_rating": _value(record.overall_rating),
        "score": record.score.value if record.score else None,
        "score_max": record.score.max if record.score else None,
        "standards_count": len(record.standards),
        "standards_rated": sum(1 for s in record.standards if s.rating is not None),
        "standards_not_rated": _joined(s.code for s in record.standards if s.not_rated),
        "recommendations_count": len(record.recommendations),
        "recommendations_stated": _value(record.recommendations_stated_count),
        "strengths_count": len(record.strengths),
        "areas_for_improvement_count": len(record.areas_for_improvement),
        "children_cases": _value(samples.children_cases),
        "victim_cases": _value(samples.victim_cases),
        "interviews": _value(samples.interviews),
        "quantities_count": len(record.quantities),
        "quotes_count": len(record.quotes),
        "footnotes_count": len(record.footnotes),
        "inspectors_count": len(record.inspectors),
        **_severities(record.findings),
    }
    for standard in record.standards:
        prefix = f"std_{standard_slug(standard.code)}"
        if f"{prefix}_rating" in row:
            continue  # a code printed twice: the first standard is the one the checks judge
        row[f"{prefix}_rating"] = _value(standard.rating)
        for number, question in enumerate(standard.key_questions, start=1):
            if question.percent is not None:
                row[f"{prefix}_kq{number}_pct"] = question.percent.value
    return row


def article_row(record: Article) -> Row:
    """The articles-table row of an article: lists joined with '; ' into one cell each."""
    previous = [
        f"{p.rating} {p.year.value}" if p.year else p.rating for p in record.previous_ratings
    ]
    return {
        **_source(record.source, record.kind),
        "headline": _value(record.headline),
        "outlet": _value(record.outlet),
        "author": _value(record.author),
        "published": _value(record.published),
        "report_published": _value(record.report_published),
        "services": _joined(s.name for s in record.services),
        "service_areas": _joined(dict.fromkeys(s.area for s in record.services if s.area)),
        "service_types": _joined(dict.fromkeys(s.type for s in record.services if s.type)),
        "overall_rating": _value(record.overall_rating),
        "inspection_year": _value(record.inspection_year),
        "score": record.score.value if record.score else None,
        "score_max": record.score.max if record.score else None,
        "previous_ratings": _joined(previous),
        "standard_ratings": _joined(f"{s.standard}: {s.rating}" for s in record.standard_ratings),
        "inspectorates": _joined(i.value for i in record.inspectorates),
        "recommendations_count": _value(record.recommendations_count),
        "quantities_count": len(record.quantities),
        "quotes_count": len(record.quotes),
        **_severities(record.findings),
    }


def _joined(items: Iterable[str]) -> str | None:
    """List items in one cell, or None for an empty list."""
    return SEPARATOR.join(items) or None


def standard_columns(rows: Iterable[Row]) -> list[Column]:
    """The per-standard columns the rows use: each code's rating, then its key questions."""
    questions: dict[str, set[int]] = {}
    for row in rows:
        for name in row:
            if match := re.fullmatch(r"std_(.+)_rating", name):
                questions.setdefault(match.group(1), set())
            elif match := re.fullmatch(r"std_(.+)_kq(\d+)_pct", name):
                questions.setdefault(match.group(1), set()).add(int(match.group(2)))
    columns: list[Column] = []
    for slug in sorted(questions, key=natural_key):
        columns.append(Column(f"std_{slug}_rating", "string"))
        columns += [Column(f"std_{slug}_kq{n}_pct", "float") for n in sorted(questions[slug])]
    return columns


@dataclass
class Tables:
    """A batch's two tables, and how many records a later one for the same file replaced."""

    reports: Table
    articles: Table
    superseded: int


def tables(records: Iterable[AnyRecord]) -> Tables:
    """One row per input file, in the order first seen; a later record of a file replaces it.

    A resumed batch may append a second record for a file (an input retried after an error):
    the last one is the one that counts.
    """
    rows: dict[str, tuple[bool, Row]] = {}
    superseded = 0
    for record in records:
        path = record.source.path
        superseded += path in rows
        if isinstance(record, Article):
            rows[path] = (True, article_row(record))
        else:
            rows[path] = (False, report_row(record))
    reports = [row for is_article, row in rows.values() if not is_article]
    articles = [row for is_article, row in rows.values() if is_article]
    columns = [*REPORT_COLUMNS, *standard_columns(reports)]
    return Tables(
        Table(columns, reports), Table(list(ARTICLE_COLUMNS), articles), superseded=superseded
    )


def write_csv(table: Table, path: Path) -> None:
    """The table as UTF-8 CSV with a header row; an empty cell is a missing value."""
    try:
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow([column.name for column in table.columns])
            for row in table.rows:
                writer.writerow(
                    ["" if (v := row.get(c.name)) is None else v for c in table.columns]
                )
    except OSError as error:
        raise ExtractorError(path, f"cannot write: {error.strerror or error}") from None


def write_parquet(table: Table, path: Path) -> None:
    """The table as Parquet: strings, 64-bit integers and doubles, every column nullable."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ExtractorError(path, f"Parquet needs pyarrow: {PARQUET_EXTRA}") from None
    types = {"string": pa.string(), "int": pa.int64(), "float": pa.float64()}
    schema = pa.schema([pa.field(c.name, types[c.type]) for c in table.columns])
    data = {c.name: [row.get(c.name) for row in table.rows] for c in table.columns}
    try:
        pq.write_table(pa.Table.from_pydict(data, schema=schema), path)
    except OSError as error:
        raise ExtractorError(path, f"cannot write: {error}") from None


def write_tables(
    records: Iterable[AnyRecord], csv: Path | None = None, parquet: Path | None = None
) -> Exported:
    """Write the records' two tables as CSV and/or Parquet, each beside its articles file."""
    both = tables(records)
    kinds = [row["kind"] for row in both.reports.rows]
    counts = Exported(
        reports=kinds.count("inspection_report"),
        other=kinds.count("other"),
        errors=kinds.count("error"),
        articles=len(both.articles.rows),
        superseded=both.superseded,
    )
    for target, write in ((csv, write_csv), (parquet, write_parquet)):
        if target is None:
            continue
        for table, path in zip((both.reports, both.articles), table_paths(target), strict=True):
            write(table, path)
            counts.written.append(path)
    return counts


def read_jsonl(path: Path, bad_lines: list[tuple[int, str]]) -> Iterator[AnyRecord]:
    """The records of a JSONL file, one per line; a line that is not one is added to bad_lines."""
    try:
        refuse_special(path, path.stat().st_mode)  # opening a FIFO would block
        handle = path.open("rb")
    except OSError as error:
        raise ExtractorError(path, f"cannot read: {error.strerror or error}") from None
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                yield RECORD_ADAPTER.validate_json(line)
            except ValidationError as error:
                first = error.errors()[0]
                where = ".".join(str(part) for part in first["loc"])
                bad_lines.append((number, f"{first['msg']}{f' at {where}' if where else ''}"))


def export_jsonl(
    jsonl_path: Path, csv: Path | None = None, parquet: Path | None = None
) -> Exported:
    """Convert a batch's JSONL into the tables without extracting again."""
    bad_lines: list[tuple[int, str]] = []
    counts = write_tables(read_jsonl(jsonl_path, bad_lines), csv=csv, parquet=parquet)
    counts.bad_lines = bad_lines
    return counts
