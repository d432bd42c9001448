"""Tables of a batch: report and article rows in CSV and Parquet, from records or a JSONL."""

from __future__ import annotations

import csv
import json
import sys
from functools import cache
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES, REPORTS
from extractor import ExtractorError, check, extract, load_bytes, parse
from extractor.cli import app
from extractor.dataset import (
    ARTICLE_COLUMNS,
    REPORT_COLUMNS,
    AnyRecord,
    export_jsonl,
    natural_key,
    tables,
    write_tables,
)
from extractor.files import table_paths
from extractor.frameworks import frameworks, rulebook
from models import ErrorInfo, ErrorRecord, InspectionReport, Source
from reportgen import ReportSpec, StandardSpec, achievable, render

ARTICLES = FIXTURES / "articles"
INPUTS = [
    REPORTS / "blackpool-2025.pdf",
    ARTICLES / "002-blackpool-yjs-2025-local-news.txt",
    FIXTURES / "broken" / "random.bin",
    REPORTS / "eastmoor-2025.html",
    ARTICLES / "009-york-yjs-2022-nine-of-13.txt",
    ARTICLES / "017-christmas-bin-collections.html",
]
runner = CliRunner()


@cache
def _record(path: Path) -> AnyRecord:
    """A fixture's record as a batch writes it: the record, or an error record standing in."""
    try:
        return extract(path)
    except ExtractorError as error:
        return ErrorRecord(
            source=Source(path=str(path)), error=ErrorInfo(type=error.kind, message=error.reason)
        )


@cache
def _youth_2021() -> InspectionReport:
    """A generated report of the 13-standard youth framework, all standards Good."""
    framework, book = frameworks()["youth_2021_v2"], rulebook()
    standards = []
    for definition in framework.standards:
        percents: tuple[int, ...] = ()
        if definition.basis == "case":
            percents = (achievable(30, *book.band_range("Good"))[0],) * 2
        standards.append(StandardSpec(definition, "Good", percents))
    spec = ReportSpec(framework, tuple(standards), 30, 10, 3, (3, 6, 2022)).consistent()
    report = parse(load_bytes(render(spec).encode(), "northfield-2022.txt"))
    assert isinstance(report, InspectionReport)
    return report.model_copy(update={"findings": check(report)})


def _records() -> list[AnyRecord]:
    """The fixture inputs' records, in their order."""
    return [_record(path) for path in INPUTS]


def _csv_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """The header and the rows of a CSV file."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def test_a_report_row_holds_the_report_values(tmp_path: Path) -> None:
    """Blackpool's row: rating, score, every standard's rating and percentages as expected."""
    write_tables(_records(), csv=tmp_path / "out.csv")
    _, rows = _csv_rows(tmp_path / "out.csv")
    row = next(r for r in rows if r["source"].endswith("blackpool-2025.pdf"))
    assert row["kind"] == "inspection_report"
    assert row["inspectorate"] == "hmi_probation"
    assert row["framework"] == "youth_2025_iyjwcv"
    assert (row["service_area"], row["service_short_name"]) == ("Blackpool", "Blackpool YJS")
    assert (row["overall_rating"], row["score"], row["score_max"]) == (
        "Requires improvement",
        "6",
        "12",
    )
    assert row["std_2_1_rating"] == "Inadequate"
    assert (row["std_2_1_kq1_pct"], row["std_2_1_kq2_pct"]) == ("67.0", "47.0")
    expected = json.loads((REPORTS / "blackpool-2025.expected.json").read_text("utf-8"))
    for standard in expected["standards"]:
        slug = standard["code"].replace(".", "_")
        assert row[f"std_{slug}_rating"] == standard["rating"]
        for number, question in enumerate(standard["key_questions"], start=1):
            if question["percent"] is not None:
                assert row[f"std_{slug}_kq{number}_pct"] == str(question["percent"])
    assert "std_V1_kq1_pct" not in row  # V1's key questions give no percentage
    counts = ("recommendations_count", "strengths_count", "areas_for_improvement_count")
    assert [row[c] for c in counts] == [
        str(len(expected[c.removesuffix("_count")])) for c in counts
    ]
    assert (row["children_cases"], row["victim_cases"]) == ("15", "9")
    assert (row["finding_errors"], row["finding_warnings"], row["error_type"]) == ("0", "0", "")


def test_every_input_has_one_row_and_errors_are_kept(tmp_path: Path) -> None:
    """Reports, other documents and unreadable inputs in OUT.csv; articles in OUT.articles.csv."""
    done = write_tables(_records(), csv=tmp_path / "out.csv")
    assert (done.reports, done.other, done.errors, done.articles) == (2, 1, 1, 2)
    assert done.written == [tmp_path / "out.csv", tmp_path / "out.articles.csv"]
    _, reports = _csv_rows(tmp_path / "out.csv")
    _, articles = _csv_rows(tmp_path / "out.articles.csv")
    assert [Path(r["source"]).name for r in reports] == [
        "blackpool-2025.pdf",
        "random.bin",
        "eastmoor-2025.html",
        "017-christmas-bin-collections.html",
    ]
    assert [r["kind"] for r in reports] == [
        "inspection_report",
        "error",
        "inspection_report",
        "other",
    ]
    error = reports[1]
    assert error["error_type"] == "binary" and "binary" in error["error_message"]
    assert error["overall_rating"] == error["recommendations_count"] == ""
    other = reports[3]
    assert other["title"] == "Christmas and New Year bin collections"
    assert other["recommendations_count"] == ""  # not a report: empty, not zero
    assert len(articles) == 2


def test_an_article_row_joins_its_lists(tmp_path: Path) -> None:
    """Previous ratings, standard ratings and inspectorates are '; '-joined in one cell each."""
    write_tables(_records(), csv=tmp_path / "out.csv")
    header, rows = _csv_rows(tmp_path / "out.articles.csv")
    assert header == [column.name for column in ARTICLE_COLUMNS]
    local, york = rows
    assert local["kind"] == "news_article"
    assert (local["outlet"], local["author"]) == ("Fylde Coast Echo", "Kerry Ashworth")
    assert (local["overall_rating"], local["inspection_year"]) == ("Requires improvement", "2025")
    assert (local["score"], local["score_max"], local["recommendations_count"]) == ("6", "12", "6")
    assert local["previous_ratings"] == "Good 2021; Inadequate 2018"
    assert local["standard_ratings"] == (
        "Planning: Good; implementation and delivery: Outstanding; assessing: Inadequate"
    )
    assert (local["service_areas"], local["service_types"]) == ("Blackpool", "youth")
    assert local["inspectorates"] == "HM Inspectorate of Probation"
    assert york["standard_ratings"] == (
        "nine out of 13 key areas: Outstanding; the remaining four: Good"
    )
    assert york["score"] == york["previous_ratings"] == ""


def test_standard_columns_are_the_union_in_natural_order(tmp_path: Path) -> None:
    """Two frameworks' standards share one set of columns, 1.1 to 4.1 then V1, in any order."""
    records = [*_records(), _youth_2021()]
    names = [column.name for column in tables(records).reports.columns]
    assert names[: len(REPORT_COLUMNS)] == [column.name for column in REPORT_COLUMNS]
    ratings = [name for name in names if name.endswith("_rating") and name.startswith("std_")]
    codes = [f"{domain}_{n}" for domain in (1, 2, 3) for n in (1, 2, 3, 4)] + ["4_1", "V1"]
    assert ratings == [f"std_{code}_rating" for code in codes]
    at = names.index("std_2_1_rating")
    assert names[at : at + 4] == [
        "std_2_1_rating",
        "std_2_1_kq1_pct",
        "std_2_1_kq2_pct",
        "std_2_2_rating",
    ]
    assert [c.name for c in tables(records[::-1]).reports.columns] == names
    write_tables(records, csv=tmp_path / "out.csv")
    _, rows = _csv_rows(tmp_path / "out.csv")
    generated = rows[-1]
    assert (generated["framework"], generated["std_1_1_rating"]) == ("youth_2021_v2", "Good")
    assert generated["std_V1_rating"] == ""  # not a standard of its framework
    blackpool = rows[0]
    assert blackpool["std_1_1_rating"] == blackpool["std_4_1_rating"] == ""


def test_natural_order_of_codes() -> None:
    """Numbers compare as numbers; lettered codes after the numbered ones."""
    codes = ["V10", "10_1", "V2", "1_10", "2_1", "1_2", "V1"]
    assert sorted(codes, key=natural_key) == ["1_2", "1_10", "2_1", "10_1", "V1", "V2", "V10"]


def test_parquet_has_the_csv_columns_with_types(tmp_path: Path) -> None:
    """Same columns as the CSV; integers as int64, percentages as double, gaps as nulls."""
    pq = pytest.importorskip("pyarrow.parquet")
    write_tables(_records(), csv=tmp_path / "out.csv", parquet=tmp_path / "out.parquet")
    for csv_path, parquet_path in zip(
        table_paths(tmp_path / "out.csv"), table_paths(tmp_path / "out.parquet"), strict=True
    ):
        header, rows = _csv_rows(csv_path)
        table = pq.read_table(parquet_path)
        assert table.column_names == header
        as_text = [
            {k: "" if v is None else str(v) for k, v in row.items()} for row in table.to_pylist()
        ]
        assert as_text == rows
    table = pq.read_table(tmp_path / "out.parquet")
    types = {field.name: str(field.type) for field in table.schema}
    assert (types["score"], types["std_2_1_kq1_pct"], types["kind"]) == (
        "int64",
        "double",
        "string",
    )
    blackpool, error = table.to_pylist()[:2]
    assert (blackpool["score"], blackpool["std_2_1_kq2_pct"]) == (6, 47.0)
    assert (error["kind"], error["score"]) == ("error", None)
    articles = pq.read_table(tmp_path / "out.articles.parquet")
    assert articles.column("inspection_year").to_pylist() == [2025, 2022]


def test_parquet_without_pyarrow_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No pyarrow: one clear error naming the optional extra, and no file written."""
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(ExtractorError, match=r"inspection-extractor\[parquet\]"):
        write_tables(_records(), parquet=tmp_path / "out.parquet")
    assert not (tmp_path / "out.parquet").exists()


def _jsonl(path: Path, records: list[AnyRecord]) -> None:
    """Records one per line, as a batch writes them."""
    path.write_text("".join(record.model_dump_json() + "\n" for record in records), "utf-8")


def test_export_of_a_jsonl_equals_the_tables_of_its_records(tmp_path: Path) -> None:
    """Converting a JSONL gives byte for byte the CSV written straight from the records."""
    records = [*_records(), _youth_2021()]
    write_tables(records, csv=tmp_path / "direct.csv")
    _jsonl(tmp_path / "out.jsonl", records)
    done = export_jsonl(tmp_path / "out.jsonl", csv=tmp_path / "again.csv")
    assert (done.reports, done.other, done.errors, done.articles, done.bad_lines) == (
        3,
        1,
        1,
        2,
        [],
    )
    for name in ("direct.csv", "direct.articles.csv"):
        again = name.replace("direct", "again")
        assert (tmp_path / name).read_bytes() == (tmp_path / again).read_bytes()


def test_a_later_record_of_the_same_file_replaces_the_earlier(tmp_path: Path) -> None:
    """A resumed batch retried a file that failed: its report replaces the error, in place."""
    report = _record(REPORTS / "blackpool-2025.pdf")
    failed = ErrorRecord(
        source=report.source, error=ErrorInfo(type="internal", message="internal error")
    )
    records = [failed, *_records()[1:], report]
    _jsonl(tmp_path / "out.jsonl", records)
    done = export_jsonl(tmp_path / "out.jsonl", csv=tmp_path / "out.csv")
    assert (done.superseded, done.reports, done.errors) == (1, 2, 1)
    _, rows = _csv_rows(tmp_path / "out.csv")
    assert (rows[0]["source"], rows[0]["kind"]) == (report.source.path, "inspection_report")
    assert len(rows) == 4


def test_a_truncated_last_line_is_reported_and_the_rest_exported(tmp_path: Path) -> None:
    """A batch killed mid-write leaves half a line: it is counted, named, and nothing else lost."""
    records = _records()
    _jsonl(tmp_path / "out.jsonl", records)
    whole = (tmp_path / "out.jsonl").read_text("utf-8")
    cut = records[0].model_dump_json()[:200]
    (tmp_path / "out.jsonl").write_text(whole + "\n" + cut, "utf-8")
    done = export_jsonl(tmp_path / "out.jsonl", csv=tmp_path / "out.csv")
    assert [number for number, _ in done.bad_lines] == [len(records) + 2]
    assert "EOF" in done.bad_lines[0][1]
    assert (done.reports, done.other, done.errors, done.articles) == (2, 1, 1, 2)

    result = runner.invoke(
        app, ["export", str(tmp_path / "out.jsonl"), "--csv", str(tmp_path / "b.csv")]
    )
    assert result.exit_code == 2
    assert result.stderr.startswith(f"extractor: {tmp_path / 'out.jsonl'}:{len(records) + 2}: ")
    assert result.stdout.startswith("2 report(s), 1 other, 1 error(s), 2 article(s) -> ")


def test_export_command_writes_both_formats(tmp_path: Path) -> None:
    """`extractor export` writes four files and exits 0 on a whole JSONL."""
    pytest.importorskip("pyarrow")
    _jsonl(tmp_path / "out.jsonl", _records())
    result = runner.invoke(
        app,
        [
            "export",
            str(tmp_path / "out.jsonl"),
            "--csv",
            str(tmp_path / "t.csv"),
            "--parquet",
            str(tmp_path / "t.parquet"),
        ],
    )
    assert (result.exit_code, result.stderr) == (0, "")
    names = ["t.articles.csv", "t.articles.parquet", "t.csv", "t.parquet"]
    assert sorted(path.name for path in tmp_path.glob("t.*")) == names


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.jsonl", "--csv", "x.csv"], "extractor: missing.jsonl: cannot read"),
        (["out.jsonl"], "give --csv, --parquet or both"),
        (
            ["out.jsonl", "--csv", "no/such/dir/x.csv"],
            "extractor: no/such/dir/x.csv: cannot be written (no folder no/such/dir)",
        ),
    ],
)
def test_export_command_fails_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    """A missing JSONL, no output asked for, an output folder that is not there: exit 2."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out.jsonl").write_text("", "utf-8")
    result = runner.invoke(app, ["export", *args])
    assert result.exit_code == 2
    assert message in result.stderr


def test_an_empty_batch_still_writes_the_headers(tmp_path: Path) -> None:
    """No records: both files hold the fixed header, so a pipeline reading them does not break."""
    (tmp_path / "out.jsonl").write_text("\n", "utf-8")
    done = export_jsonl(tmp_path / "out.jsonl", csv=tmp_path / "out.csv")
    assert (done.reports, done.articles, done.bad_lines) == (0, 0, [])
    header, rows = _csv_rows(tmp_path / "out.csv")
    assert (header, rows) == ([column.name for column in REPORT_COLUMNS], [])


def test_a_report_row_holds_both_fieldwork_dates(tmp_path: Path) -> None:
    """An Ofsted report prints when its fieldwork started and ended: the row has both."""
    report = FIXTURES / "ofsted" / "ilacs-2024-kestrelford.txt"
    record = extract(report)
    write_tables([record], csv=tmp_path / "out.csv")
    _, rows = _csv_rows(tmp_path / "out.csv")
    expected = json.loads(report.with_suffix(".expected.json").read_text("utf-8"))
    assert (rows[0]["fieldwork_started"], rows[0]["fieldwork_ended"]) == (
        expected["fieldwork_started"],
        expected["fieldwork_ended"],
    )
