"""`extractor batch`: a line per input in input order, bounded workers, resumable, none lost."""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from batch_tasks import misbehave, started_at, which_worker
from conftest import FIXTURES, REPORTS
from extractor import extract_many
from extractor.batch import discover, run
from extractor.cli import app
from extractor.journal import Journal, read_previous
from extractor.options import Options
from extractor.pool import Pool
from extractor.progress import Tally
from models import ErrorRecord, InspectionReport

runner = CliRunner()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A small folder as an analyst has one: reports in three formats, articles, bad files."""
    root = tmp_path / "in"
    (root / "reports").mkdir(parents=True)
    (root / "articles").mkdir()
    for name in ("blackpool-2025.txt", "blackpool-2025.pdf", "eastmoor-2025.html"):
        shutil.copy(REPORTS / name, root / "reports" / name)
    for name in ("002-blackpool-yjs-2025-local-news.txt", "005-blackpool-yot-2018-inadequate.txt"):
        shutil.copy(FIXTURES / "articles" / name, root / "articles" / name)
    shutil.copy(FIXTURES / "broken" / "truncated.pdf", root / "truncated.pdf")
    (root / "notes.json").write_text("{}")  # data files inside folders are not inputs
    (root / "README.md").write_text("Rated Good in 2021; rated Inadequate in 2018.")
    (root / ".hidden.txt").write_text("Overall rating: Good")
    return root


def lines(path: Path) -> list[dict[str, object]]:
    """The JSON lines of a batch output."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def batch(*args: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of one `extractor batch` run in this process."""
    result = runner.invoke(app, ["batch", *args])
    return result.exit_code, result.stdout, result.stderr


def test_one_line_per_input_in_input_order(folder: Path, tmp_path: Path) -> None:
    """Every input gives a record or an error record, in the order the folder walk gives them."""
    out = tmp_path / "out.jsonl"
    code, stdout, _ = batch(str(folder), "-o", str(out), "--workers", "2")
    assert code == 0
    got = lines(out)
    assert [line["source"]["path"] for line in got] == [  # type: ignore[index]
        str(folder / "articles" / "002-blackpool-yjs-2025-local-news.txt"),
        str(folder / "articles" / "005-blackpool-yot-2018-inadequate.txt"),
        str(folder / "reports" / "blackpool-2025.pdf"),
        str(folder / "reports" / "blackpool-2025.txt"),
        str(folder / "reports" / "eastmoor-2025.html"),
        str(folder / "truncated.pdf"),
    ]
    assert [line["kind"] for line in got] == [
        "news_article",
        "news_article",
        "inspection_report",
        "inspection_report",
        "inspection_report",
        "error",
    ]
    assert got[2]["overall_rating"]["value"] == "Requires improvement"  # type: ignore[index]
    assert got[4]["score"]["value"] == 8  # type: ignore[index]
    assert got[5]["error"]["type"] == "unreadable"  # type: ignore[index]
    assert got[5]["source"]["sha256"]  # type: ignore[index]
    assert "6 input(s)" in stdout
    assert "kind:       inspection_report 3, news_article 2, error 1" in stdout
    assert "overall:    Requires improvement 3, Inadequate 1, Good 1" in stdout


def test_the_summary_fits_the_terminal_without_parting_a_count(
    folder: Path, tmp_path: Path
) -> None:
    """At 40 columns each line fits but a wider path, none ends in a space, no count is cut off."""
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["batch", str(folder), "-o", str(out)], env={"COLUMNS": "40"})
    assert result.exit_code == 0
    rows = result.stdout.splitlines()
    assert all(len(row) <= 40 or len(row.split()) == 1 for row in rows), rows
    assert all(row == row.rstrip() for row in rows), rows
    assert f"  {out}" in rows
    assert "  kind:       inspection_report 3," in rows
    assert "              news_article 2, error 1" in rows
    assert "  errors:     unreadable 1" in rows


def test_the_summary_keeps_long_counts_and_a_spaced_path_whole() -> None:
    """At 36 columns a long count stays by its word, and a path with spaces on one line."""
    tally = Tally(total=12345, done=12345)
    tally.kinds = Counter({"inspection_report": 10000, "news_article": 2345})
    tally.error_findings, tally.records_with_errors, tally.warning_findings = 12345, 6789, 34567
    rows = tally.summary("/tmp/my batch/run one.jsonl", 36).splitlines()
    assert all(len(row) <= 36 and row == row.rstrip() for row in rows), rows
    assert "  /tmp/my batch/run one.jsonl" in rows
    assert "              news_article 2345" in rows
    assert "  findings:   12345 error(s) in" in rows
    assert "              6789 record(s)," in rows


def test_two_runs_and_worker_counts_give_identical_files(folder: Path, tmp_path: Path) -> None:
    """Output order is input order, so runs differ in no byte, whatever the number of workers."""
    outputs = []
    for workers in ("1", "2", "2"):
        out = tmp_path / f"out-{len(outputs)}.jsonl"
        assert batch(str(folder), "-o", str(out), "-w", workers)[0] == 0
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]


def test_strict_fails_on_error_records_only_when_asked(folder: Path, tmp_path: Path) -> None:
    """Exit 0 when every input was processed; --strict makes an error record exit 1."""
    out = tmp_path / "out.jsonl"
    assert batch(str(folder), "-o", str(out), "--strict")[0] == 1
    clean = tmp_path / "clean"
    clean.mkdir()
    shutil.copy(REPORTS / "eastmoor-2025.txt", clean / "eastmoor.txt")
    assert batch(str(clean), "-o", str(out), "--strict")[0] == 0


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    """No inputs found, a missing or unwritable -o or a worker count below one is wrong usage."""
    (tmp_path / "empty").mkdir()
    code, _, err = batch(str(tmp_path / "empty"), "-o", str(tmp_path / "o.jsonl"))
    assert code == 2 and "no input files found" in err
    assert batch(str(tmp_path))[0] == 2
    assert batch(str(REPORTS), "-o", str(tmp_path / "o.jsonl"), "-w", "0")[0] == 2
    out = tmp_path / "no-folder" / "o.jsonl"
    code, _, err = batch(str(REPORTS), "-o", str(out))
    assert (code, err) == (2, f"extractor: {out}: cannot be written (no folder {out.parent})\n")


def test_hung_bloated_and_crashed_workers_are_replaced(tmp_path: Path) -> None:
    """Each misbehaving input gets its error record and the inputs after it are still read."""
    good = str(REPORTS / "eastmoor-2025.txt")
    names = ["x-hang", good, "x-bloat", good, "x-crash", good]
    options = Options(timeout_s=10, memory_limit_mb=600)
    started = time.monotonic()
    outcomes = list(run(names, options, workers=2, task=misbehave))
    assert time.monotonic() - started < 60
    assert [o.path for o in outcomes] == names
    assert [o.error_type for o in outcomes] == [
        "timeout",
        None,
        "memory",
        None,
        "crashed",
        None,
    ]
    assert [o.rating for o in outcomes[1::2]] == ["Good"] * 3
    assert "SIGSEGV" in json.loads(outcomes[4].line)["error"]["message"]


def test_workers_that_cannot_start_stop_the_batch_with_a_reason() -> None:
    """With a memory limit below what a worker holds to start, the pool gives up, saying so."""
    with pytest.raises(RuntimeError, match="worker processes in a row could not start"):
        list(run([str(REPORTS / "eastmoor-2025.txt")], Options(memory_limit_mb=1), workers=1))


def test_workers_are_renewed_after_so_many_inputs() -> None:
    """A worker retires after `worker_inputs` inputs and a fresh one reads the next, none lost."""
    names = [f"input-{index}" for index in range(7)]
    outcomes = list(run(names, Options(worker_inputs=3), workers=1, task=which_worker))
    assert [o.path for o in outcomes] == names
    pids = [o.line for o in outcomes]
    assert pids[0] == pids[2] != pids[3] == pids[5] != pids[6]


def test_a_worker_reads_on_while_the_caller_handles_an_outcome() -> None:
    """The next input is sent before an outcome is handed on, so a slow caller does not idle it."""
    handed_on = []
    with Pool(1, Options(), task=started_at) as pool:
        outcomes = []
        for _, outcome in pool.map(["first", "second"]):
            handed_on.append(time.monotonic())
            time.sleep(1.0)  # a caller writing, counting, drawing progress
            outcomes.append(outcome)
    first, second = (float(outcome.line) for outcome in outcomes)
    assert first < handed_on[0] and second < handed_on[0] + 1.0


def test_a_map_left_early_gives_a_later_map_none_of_its_outcomes() -> None:
    """An input still in flight when its map was left is not taken for the next map's input."""
    with Pool(1, Options(), task=started_at) as pool:
        for _ in pool.map(["first", "second", "third"]):
            break  # the caller stops reading: 'second' is already with the worker
        later = list(pool.map(["later"]))
    assert [(index, outcome.path) for index, outcome in later] == [(0, "later")]


def test_discover_walks_folders_and_takes_files_as_given(folder: Path) -> None:
    """Hidden files and data files are skipped in folders; a file given by name is always read."""
    found = discover([folder, folder / "notes.json"])
    assert folder / ".hidden.txt" not in found and folder / "README.md" not in found
    assert found.count(folder / "notes.json") == 1 and found[-1] == folder / "notes.json"
    assert len(found) == 7


def test_resume_completes_a_cut_off_run(folder: Path, tmp_path: Path) -> None:
    """A file left with a cut-off last line and missing inputs is completed without duplicates."""
    fresh = tmp_path / "fresh.jsonl"
    assert batch(str(folder), "-o", str(fresh))[0] == 0
    whole = fresh.read_bytes().splitlines(keepends=True)
    out = tmp_path / "out.jsonl"
    out.write_bytes(b"".join(whole[:3]) + whole[3][:40])  # killed mid-line
    code, stdout, _ = batch(str(folder), "-o", str(out), "--resume")
    assert code == 0
    assert "resumed:    3 kept from the earlier run" in stdout
    assert out.read_bytes() == fresh.read_bytes()


def test_resume_rereads_changed_inputs_and_machine_failures(folder: Path, tmp_path: Path) -> None:
    """An input whose content changed, or that timed out before, is read again on resume."""
    out = tmp_path / "out.jsonl"
    assert batch(str(folder), "-o", str(out))[0] == 0
    got = lines(out)
    got[0]["kind"], got[0]["error"] = "error", {"type": "timeout", "message": "not read in 1 s"}
    out.write_text("".join(json.dumps(line) + "\n" for line in got))
    changed = folder / "reports" / "blackpool-2025.txt"
    changed.write_text(changed.read_text().replace("Requires improvement", "Good"))
    previous = read_previous(out)
    assert previous.dropped == 1 and len(previous.lines) == 5
    code, stdout, _ = batch(str(folder), "-o", str(out), "--resume")
    assert code == 0 and "resumed:    4 kept from the earlier run" in stdout
    again = lines(out)
    assert len(again) == 6  # the old reading of the changed file is gone: one line an input
    assert again[0]["kind"] == "news_article"
    assert again[3]["overall_rating"]["value"] == "Good"  # type: ignore[index]
    assert [line["source"]["path"] for line in again] == [line["source"]["path"] for line in got]


def test_a_resumed_journal_keeps_an_input_changed_while_it_was_read(tmp_path: Path) -> None:
    """An input rewritten between its hashing and its reading keeps its new line, not none."""

    def line(path: str, digest: str) -> str:
        return json.dumps({"kind": "other", "source": {"path": path, "sha256": digest}})

    out = tmp_path / "out.jsonl"
    out.write_text(f"{line('a', '1')}\n{line('b', '1')}\n{line('c', '1')}\n")
    journal = Journal(out, read_previous(out))
    journal.write(line("b", "3"))  # the batch hashed b as 2 before its worker read it as 3
    journal.finish([("b", "2"), ("a", "1")])
    assert out.read_text().splitlines() == [line("b", "3"), line("a", "1"), line("c", "1")]


@pytest.mark.skipif(sys.platform != "linux", reason="kill -9 of a process group")
def test_kill_9_leaves_whole_lines_and_resume_completes(tmp_path: Path) -> None:
    """A batch killed at any moment leaves whole lines; --resume then gives the full file."""
    folder = tmp_path / "many"
    folder.mkdir()
    for index in range(30):
        shutil.copy(REPORTS / "eastmoor-2025.txt", folder / f"{index:02}.txt")
    fresh, out = tmp_path / "fresh.jsonl", tmp_path / "out.jsonl"
    assert batch(str(folder), "-o", str(fresh), "-w", "2")[0] == 0
    command = [sys.executable, "-m", "extractor.cli", "batch", str(folder), "-o", str(out)]
    child = subprocess.Popen(command, start_new_session=True, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not out.exists() or out.stat().st_size < 20_000):
        time.sleep(0.05)
    os.killpg(child.pid, signal.SIGKILL)
    child.wait()
    cut = out.read_bytes()
    assert 0 < cut.count(b"\n") < 30
    assert all(json.loads(line) for line in cut.splitlines()[: cut.count(b"\n")])
    assert batch(str(folder), "-o", str(out), "--resume", "-w", "2")[0] == 0
    assert out.read_bytes() == fresh.read_bytes()


def test_plain_progress_and_summary_when_stderr_is_not_a_terminal(
    folder: Path, tmp_path: Path
) -> None:
    """A log gets plain progress lines; the summary names the output and counts errors by type."""
    out = tmp_path / "out.jsonl"
    result = subprocess.run(
        [sys.executable, "-m", "extractor.cli", "batch", str(folder), "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stderr.splitlines()[-1].startswith("batch: 6/6 done, 1 error(s), ")
    assert f"6 input(s) -> {out}" in result.stdout
    assert "errors:     unreadable 1" in result.stdout


def test_extract_many_yields_records_in_input_order(folder: Path) -> None:
    """The library iterator gives the same records and error records as the command."""
    records = list(extract_many([folder], workers=2))
    assert len(records) == 6
    assert isinstance(records[2], InspectionReport) and records[2].score is not None
    assert records[2].score.value == 6
    assert isinstance(records[-1], ErrorRecord)


def test_batch_writes_the_tables_of_every_line(folder: Path, tmp_path: Path) -> None:
    """--csv gives a reports table (errors kept as rows) and an articles table from OUT."""
    out, table = tmp_path / "out.jsonl", tmp_path / "out.csv"
    code, stdout, _ = batch(str(folder), "-o", str(out), "--csv", str(table))
    assert code == 0
    assert f"-> {table}, {tmp_path / 'out.articles.csv'}" in stdout
    reports = list(csv.DictReader(table.open(encoding="utf-8")))
    assert [row["kind"] for row in reports] == ["inspection_report"] * 3 + ["error"]
    assert reports[0]["overall_rating"] == "Requires improvement" and reports[0]["score"] == "6"
    assert reports[0]["std_2_1_rating"] == "Inadequate"
    articles = list(csv.DictReader((tmp_path / "out.articles.csv").open(encoding="utf-8")))
    assert len(articles) == 2 and articles[1]["overall_rating"] == "Inadequate"
