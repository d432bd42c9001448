"""The `extractor` command: JSON and text output, schema, and one-line errors with exit code 2."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES, REPORTS, ROOT, loaded
from extractor.cli import app
from models import InspectionReport

BROKEN = FIXTURES / "broken"
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of one in-process run of the command."""
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


# --------------------------------------------------------------------------- extract


@pytest.mark.parametrize("suffix", [".txt", ".html", ".pdf"])
def test_extract_prints_the_record_as_json(suffix: str) -> None:
    """The default output is one JSON record a pipeline can parse, with kind and rating."""
    path = REPORTS / f"eastmoor-2025{suffix}"
    code, out, err = run("extract", str(path))
    assert (code, err) == (0, "")
    record = json.loads(out)
    assert record["kind"] == "inspection_report"
    assert record["overall_rating"]["value"] == "Good"
    assert record["score"]["value"] == 8 and record["score"]["max"] == 12
    assert record["source"]["path"] == str(path)
    assert record["source"]["format"] == {".txt": "text", ".html": "html", ".pdf": "pdf"}[suffix]


def test_extract_text_format_shows_the_ratings_table() -> None:
    """The summary a person checks at a glance lists each standard with rating and % Yes."""
    code, out, _ = run("extract", str(REPORTS / "blackpool-2025.txt"), "--format", "text")
    assert code == 0
    lines = [line.rstrip() for line in out.splitlines()]
    assert "Overall     Requires improvement   Score 6/12" in lines
    rows = [re.split(r"\s{2,}", line) for line in lines if re.match(r"^(?:\d\.\d|V1) ", line)]
    assert [(row[0], row[-2], row[-1]) for row in rows] == [
        ("2.1 Assessing", "Inadequate", "67, 47"),
        ("2.2 Planning", "Good", "87, 73"),
        ("2.3 Implementation and delivery", "Outstanding", "93, 80"),
        ("V1 Work with victims", "Requires improvement", "n/a, n/a"),
    ]
    assert "Recommendations  6 listed, 6 stated, 2 addressee(s)" in lines


def test_extract_text_format_of_another_document_says_so() -> None:
    """A document that is not a report says so in the summary, with its title."""
    path = FIXTURES / "other" / "bin-collections.txt"
    code, out, _ = run("extract", str(path), "-f", "text")
    assert code == 0
    words = " ".join(out.split())  # the summary wraps long lines at 100 columns
    assert words.startswith(
        f"{path}: not an inspection report (it does not give an inspection rating of a youth "
        "justice or probation service) Title Changes to bin collections over the spring bank "
        "holiday Quantities 2 Quotes 0"
    )


# --------------------------------------------------------------------------- unreadable inputs

UNREADABLE = [
    ("empty.txt", "is empty"),
    ("truncated.pdf", "is not a readable PDF (damaged or truncated)"),
    ("header-only.pdf", "is not a readable PDF (damaged or truncated)"),
    ("random.bin", "is binary data, not a PDF, HTML or text document"),
]


def assert_one_error_line(code: int, out: str, err: str, path: Path | str, reason: str) -> None:
    """Exit 2, nothing on stdout, and exactly one line 'extractor: PATH: reason' on stderr."""
    assert code == 2
    assert out == ""
    assert "Traceback" not in err
    assert err.splitlines() == [f"extractor: {path}: {reason}"]
    assert err.endswith("\n")


@pytest.mark.parametrize("command", ["extract", "text"])
@pytest.mark.parametrize(("name", "reason"), UNREADABLE)
def test_unreadable_input_gives_one_line_and_exit_2(command: str, name: str, reason: str) -> None:
    """A CI job sees which file failed and why in one line, never a traceback."""
    path = BROKEN / name
    assert_one_error_line(*run(command, str(path)), path, reason)


@pytest.mark.parametrize("command", ["extract", "text"])
def test_missing_file_gives_one_line_and_exit_2(command: str, tmp_path: Path) -> None:
    """A typo in a path is a plain 'no such file'."""
    path = tmp_path / "missing.pdf"
    assert_one_error_line(*run(command, str(path)), path, "no such file")


@pytest.mark.parametrize("command", ["extract", "text"])
def test_directory_gives_one_line_and_exit_2(command: str, tmp_path: Path) -> None:
    """A folder passed where a file belongs is named as a directory."""
    assert_one_error_line(*run(command, str(tmp_path)), tmp_path, "is a directory, not a file")


@pytest.mark.parametrize(("command", "function"), [("extract", "extract"), ("text", "load")])
def test_a_bug_gives_one_line_and_exit_2(
    command: str, function: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An exception nobody expected still ends in one line naming the file, not a traceback."""
    import extractor

    def broken(*_: object) -> None:
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(extractor, function, broken)
    path = str(REPORTS / "eastmoor-2025.txt")
    code, out, err = run(command, path)
    assert (code, out) == (2, "")
    assert err == f"extractor: {path}: internal error, please report it (RuntimeError: boom)\n"


def test_an_html_page_without_content_gives_exit_2() -> None:
    """An empty page is as unreadable as an empty file."""
    code, out, err = run("extract", str(BROKEN / "empty-page.html"))
    assert (code, out) == (2, "")
    assert err.startswith(f"extractor: {BROKEN / 'empty-page.html'}: ")
    assert len(err.splitlines()) == 1


# --------------------------------------------------------------------------- usage errors


@pytest.mark.parametrize(
    "args",
    [
        ["extract"],
        ["extract", str(REPORTS / "eastmoor-2025.txt"), "--format", "xml"],
        ["no-such-command"],
        ["extract", str(REPORTS / "eastmoor-2025.txt"), "--no-such-option"],
    ],
    ids=["missing-path", "bad-format", "unknown-command", "unknown-option"],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    """Wrong usage exits 2 with a usage message, as the product contract says."""
    code, out, err = run(*args)
    assert code == 2
    assert out == ""
    assert "Usage:" in err
    assert "Traceback" not in err


def test_an_unknown_framework_is_a_usage_error() -> None:
    """Asking for a framework that does not exist is wrong usage, not a silent fallback."""
    code, out, err = run("extract", str(REPORTS / "eastmoor-2025.txt"), "--framework", "nope")
    assert code == 2
    assert out == ""
    assert "'nope'" in err and "youth_2025_iyjwcv" in err


def test_a_known_framework_option_is_used() -> None:
    """--framework with a real id gives that framework on the record."""
    code, out, _ = run(
        "extract", str(REPORTS / "eastmoor-2025.txt"), "--framework", "youth_2025_iyjwcv"
    )
    assert code == 0
    assert json.loads(out)["framework"] == "youth_2025_iyjwcv"


# --------------------------------------------------------------------------- schema and text


def test_schema_prints_the_json_schema_of_every_record() -> None:
    """Consumers validate against the schema; it names the records and the evidence shape."""
    code, out, _ = run("schema")
    assert code == 0
    schema = json.loads(out)
    assert {"InspectionReport", "Article", "OtherDocument", "ErrorRecord", "Evidence"} <= set(
        schema["$defs"]
    )
    assert schema["discriminator"]["propertyName"] == "kind"
    assert set(schema["discriminator"]["mapping"]) == {
        "inspection_report",
        "news_article",
        "press_release",
        "other",
        "error",
    }
    evidence = schema["$defs"]["Evidence"]
    assert set(evidence["properties"]) == {"page", "start", "end", "text", "path"}
    assert set(evidence["required"]) == {"start", "end", "text"}


@pytest.mark.parametrize("suffix", [".txt", ".html", ".pdf"])
def test_text_prints_the_normalised_text(suffix: str) -> None:
    """`extractor text` prints exactly the text every evidence offset points into."""
    path = REPORTS / f"blackpool-2025{suffix}"
    code, out, _ = run("text", str(path))
    assert code == 0
    document, record = loaded(path)
    assert out == document.text + "\n"
    assert isinstance(record, InspectionReport) and record.score is not None
    evidence = record.score.evidence
    assert out[evidence.start : evidence.end] == evidence.text


# --------------------------------------------------------------------------- installed script


def console_script() -> Path:
    """The `extractor` script installed next to this interpreter."""
    script = Path(sys.executable).with_name("extractor")
    assert script.exists(), f"the console script is not installed at {script}"
    return script


def test_installed_console_script_extracts_a_report() -> None:
    """The entry point in pyproject works as a real process, not only through CliRunner."""
    done = subprocess.run(
        [str(console_script()), "extract", "fixtures/reports/eastmoor-2025.txt"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    record = json.loads(done.stdout)
    assert record["kind"] == "inspection_report"
    assert record["overall_rating"]["value"] == "Good"
    assert record["service"]["name"]["value"] == "Eastmoor Youth Justice Service"


def test_installed_console_script_reports_an_unreadable_file_in_one_line() -> None:
    """A real process on a damaged PDF prints one line and exits 2, with no traceback."""
    done = subprocess.run(
        [str(console_script()), "extract", "fixtures/broken/truncated.pdf"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert_one_error_line(
        done.returncode,
        done.stdout,
        done.stderr,
        "fixtures/broken/truncated.pdf",
        "is not a readable PDF (damaged or truncated)",
    )


# --------------------------------------------------------------------------- polish


def test_version_names_the_installed_package() -> None:
    """--version prints the version pip installed and exits 0."""
    from importlib.metadata import version

    code, out, _ = run("--version")
    assert (code, out) == (0, f"extractor {version('inspection-extractor')}\n")


@pytest.mark.parametrize("command", ["extract", "check", "batch", "history", "export", "text"])
def test_help_shows_no_raw_type_names(command: str) -> None:
    """Help names values by metavars (PATH, OUT, N), never by Python types like <list[Path]>."""
    code, out, _ = run(command, "--help")
    assert code == 0
    assert not re.search(r"<\w+(?:\[\w+\])?>", out), out
    assert not re.search(r"\bx[<>]=?", out), out  # click's range notation, '[x>=1]'
    assert "PATH" in out or "OUT.jsonl" in out


def test_an_option_below_its_floor_is_refused_in_words() -> None:
    """--workers 0 is a usage error that names the least value allowed."""
    code, _, err = run("batch", str(REPORTS), "-o", "unused.jsonl", "--workers", "0")
    assert code == 2
    assert "0 is below the least allowed, 1." in err


def test_hanging_lines_wrap_between_pieces_and_never_cut_one() -> None:
    """Pieces go on under the first; one too wide for that goes in 4; only the too wide spill."""
    from extractor.fit import hanging

    words = ["rated", "Outstanding,", "but", "its", "lowest", "key", "question", "falls", "lower"]
    assert hanging("  error x ", words, 32) == [
        "  error x rated Outstanding, but",
        "          its lowest key",
        "          question falls lower",
    ]
    assert hanging("head: ", ["a" * 26, "b"], 30) == ["head:", "    " + "a" * 26, "      b"]
    assert hanging("h ", ["c" * 40], 30) == ["h", "  " + "c" * 40]


@pytest.mark.parametrize("width", [100, 60, 40])
def test_check_and_history_text_fit_the_width(width: int) -> None:
    """Each line fits unless it is one value wider than the terminal; none ends in spaces."""
    checks = sorted(str(path) for path in (FIXTURES / "checks").glob("*.txt"))
    for args in (["check", *checks], ["history", str(FIXTURES / "reports")]):
        result = runner.invoke(app, args, env={"COLUMNS": str(width)})
        lines = result.stdout.splitlines()
        assert len(lines) > 10, args
        for line in lines:
            assert line == line.rstrip()
            assert len(line) <= width or len(line.split()) == 1 or line.endswith(":"), line


def test_a_wrong_format_lists_the_choices_in_words() -> None:
    """An unknown --format names the choices as a person would, and is a usage error."""
    code, _, err = run("check", str(REPORTS / "eastmoor-2025.txt"), "--format", "xml")
    assert code == 2
    assert "'xml' is not a format here; choose text, json, sarif or github." in err


@pytest.mark.parametrize("width", [100, 72, 50, 40])
def test_text_summary_fits_the_width_without_cutting_a_value(width: int) -> None:
    """Every line fits, none ends in spaces, and each rating and score stays on one line."""
    record = loaded(REPORTS / "blackpool-2025.txt")[1]
    assert isinstance(record, InspectionReport)
    from extractor.export import summary

    out = summary(record, width)
    lines = out.splitlines()
    assert all(len(line) <= width and line == line.rstrip() for line in lines)
    for value in ("Requires improvement", "Score 6/12", "Inadequate", "67, 47", "n/a, n/a"):
        assert any(value in line for line in lines), out
    assert " ".join(out.split()).count("Blackpool Youth Justice Service") == 1
