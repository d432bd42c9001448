"""Where `batch` and `export` write: refused before any work when writing would fail or destroy."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import stat
import sys
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES, REPORTS
from extractor.cli import app
from extractor.files import PARQUET_EXTRA

runner = CliRunner()

ARTICLE = FIXTURES / "articles" / "002-blackpool-yjs-2025-local-news.txt"


def run(*args: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of one command run in this process."""
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """A folder of one report and one article."""
    root = tmp_path / "in"
    root.mkdir()
    shutil.copy(REPORTS / "blackpool-2025.txt", root / "report.txt")
    shutil.copy(ARTICLE, root / "article.txt")
    return root


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_out_that_is_a_named_pipe_is_refused_and_left_a_pipe(inputs: Path, tmp_path: Path) -> None:
    """Writing a batch 'into' a FIFO would replace it with a file: exit 2, the FIFO stays."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, _, stderr = run("batch", str(inputs), "-o", str(fifo))
    assert code == 2
    assert stderr == f"extractor: {fifo}: is a named pipe (FIFO), not a regular file\n"
    assert stat.S_ISFIFO(fifo.stat().st_mode)


@pytest.mark.parametrize(
    ("table", "reason"),
    [
        ("out.jsonl", "is given both OUT and --csv"),  # would overwrite the records
        ("nowhere/t.csv", "cannot be written (no folder {folder})"),  # else said after the batch
    ],
)
def test_a_bad_table_is_refused_before_any_work(
    table: str, reason: str, inputs: Path, tmp_path: Path
) -> None:
    """A --csv on OUT, or in a folder that is not there: exit 2 before any input is read."""
    out, csv = tmp_path / "out.jsonl", tmp_path / table
    code, stdout, stderr = run("batch", str(inputs), "-o", str(out), "--csv", str(csv))
    assert code == 2
    assert stderr == f"extractor: {csv}: {reason.format(folder=csv.parent)}\n"
    assert stdout == "" and not out.exists()


def test_out_through_a_symbolic_link_writes_the_file_it_points_to(
    inputs: Path, tmp_path: Path
) -> None:
    """The link stays a link; the file it points to gets the lines; messages name the link."""
    target, link = tmp_path / "real.jsonl", tmp_path / "link.jsonl"
    target.write_text("")
    link.symlink_to(target)
    code, stdout, _ = run("batch", str(inputs), "-o", str(link), "-w", "1")
    assert code == 0
    assert f"-> {link} in" in stdout and str(target) not in stdout
    assert link.is_symlink()
    kinds = [json.loads(line)["kind"] for line in target.read_text().splitlines()]
    assert kinds == ["news_article", "inspection_report"]


def _unblock(fifo: Path) -> None:
    """Open a FIFO's writing end, which lets a reader blocked in opening it go on to its end."""
    with contextlib.suppress(OSError):  # no reader waiting: nothing to let through
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_export_of_a_named_pipe_is_refused_unopened(tmp_path: Path) -> None:
    """Opening a FIFO to read it would block until a writer came: exit 2 at once."""
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    writer = threading.Timer(5, _unblock, [fifo])  # were it opened, the test would fail, not hang
    writer.daemon = True
    writer.start()
    code, _, stderr = run("export", str(fifo), "--csv", str(tmp_path / "t.csv"))
    writer.cancel()
    assert code == 2
    assert stderr == f"extractor: {fifo}: is a named pipe (FIFO), not a regular file\n"


@pytest.mark.parametrize("command", ["batch", "export"])
def test_an_output_that_is_an_input_is_refused_and_the_input_kept(
    command: str, inputs: Path, tmp_path: Path
) -> None:
    """`batch X -o X` would empty X before reading it; `export OUT --csv OUT` would overwrite it."""
    if command == "batch":
        victim, role = inputs / "report.txt", "OUT"
        args = ["batch", str(victim), "-o", str(victim)]
    else:
        victim, role = tmp_path / "out.jsonl", "--csv"
        assert run("batch", str(inputs), "-o", str(victim), "-w", "1")[0] == 0
        args = ["export", str(victim), "--csv", str(victim)]
    before = victim.read_bytes()
    code, _, stderr = run(*args)
    assert code == 2
    assert stderr == f"extractor: {victim}: is an input and also {role}: it would be overwritten\n"
    assert victim.read_bytes() == before


def test_resume_keeps_the_lines_of_inputs_not_given_again(inputs: Path, tmp_path: Path) -> None:
    """A resumed batch over part of a folder keeps the other inputs' lines, after its own."""
    out = tmp_path / "out.jsonl"
    assert run("batch", str(inputs), "-o", str(out), "-w", "1")[0] == 0
    report = str(inputs / "report.txt")
    code, _, _ = run("batch", report, "-o", str(out), "--resume", "-w", "1")
    assert code == 0
    paths = [json.loads(line)["source"]["path"] for line in out.read_text().splitlines()]
    assert paths == [report, str(inputs / "article.txt")]


def test_parquet_without_pyarrow_is_refused_before_any_work(
    inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without pyarrow a batch's --parquet would fail only after the whole extraction."""
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # what `import pyarrow` meets uninstalled
    out, table = tmp_path / "out.jsonl", tmp_path / "t.parquet"
    code, stdout, stderr = run("batch", str(inputs), "-o", str(out), "--parquet", str(table))
    assert code == 2
    assert stderr == f"extractor: {table}: Parquet needs pyarrow: {PARQUET_EXTRA}\n"
    assert stdout == "" and not out.exists()


def test_export_without_pyarrow_writes_no_table(
    inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Export with --csv and --parquet would write the CSV, then fail on the Parquet."""
    out, csv, table = tmp_path / "out.jsonl", tmp_path / "t.csv", tmp_path / "t.parquet"
    assert run("batch", str(inputs), "-o", str(out), "-w", "1")[0] == 0
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    code, _, stderr = run("export", str(out), "--csv", str(csv), "--parquet", str(table))
    assert code == 2
    assert stderr == f"extractor: {table}: Parquet needs pyarrow: {PARQUET_EXTRA}\n"
    assert not csv.exists()


def test_a_table_through_a_link_into_a_missing_folder_is_refused_before_any_work(
    inputs: Path, tmp_path: Path
) -> None:
    """A --csv link to a file in no folder would fail only when the table is written, at the end."""
    out, link, nowhere = tmp_path / "out.jsonl", tmp_path / "t.csv", tmp_path / "nowhere"
    link.symlink_to(nowhere / "t.csv")
    code, stdout, stderr = run("batch", str(inputs), "-o", str(out), "--csv", str(link))
    assert code == 2
    assert stderr == f"extractor: {link}: cannot be written (no folder {nowhere})\n"
    assert stdout == "" and not out.exists()


def test_a_read_only_out_in_a_writable_folder_is_replaced_but_a_table_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """OUT is renamed over, so its folder must be writable; a table is written in place.

    The tests may run as root, for whom every file is writable: permission is asked of a
    stand-in for `os.access` that denies the old files alone.
    """
    from extractor import files

    old_out, old_csv = tmp_path / "out.jsonl", tmp_path / "t.csv"
    old_out.write_text("")
    old_csv.write_text("")
    monkeypatch.setattr(files.os, "access", lambda path, mode: Path(path) not in (old_out, old_csv))
    files.check_targets([files.Target(old_out, "OUT", renamed=True)])
    with pytest.raises(files.ExtractorError, match="permission denied"):
        files.check_targets([files.Target(old_csv, "--csv")])
    new_out = tmp_path / "new" / "out.jsonl"
    new_out.parent.mkdir()
    monkeypatch.setattr(files.os, "access", lambda path, mode: Path(path) != new_out.parent)
    with pytest.raises(files.ExtractorError, match="is not writable"):
        files.check_targets([files.Target(new_out, "OUT", renamed=True)])
