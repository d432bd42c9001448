"""A batch's start: workers forked ready from one server, a parent that loads only what it runs."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest

from batch_tasks import pipeline_origin
from conftest import REPORTS
from extractor.batch import run
from extractor.options import Options
from extractor.outcome import process
from extractor.pool import _serve

ROOT = Path(__file__).resolve().parent.parent


def test_every_worker_and_replacement_starts_with_the_pipeline_its_server_built() -> None:
    """The fork server builds the pipeline once; each worker forked from it finds it built."""
    names = [f"input-{index}" for index in range(6)]
    outcomes = list(run(names, Options(worker_inputs=1), workers=2, task=pipeline_origin))
    assert [o.path for o in outcomes] == names
    origins = [json.loads(o.line) for o in outcomes]
    assert len({origin["worker"] for origin in origins}) == 6  # each input a fresh worker
    assert len({origin["forked_by"] for origin in origins}) == 1  # all from one server
    for origin in origins:
        assert origin["built_by"] == origin["forked_by"] != origin["worker"]
        assert origin["pending_special_cases"] == 0


def test_a_worker_over_its_memory_limit_before_any_input_is_a_failed_start() -> None:
    """A limit below what a ready worker holds stops the batch, naming the memory it held."""
    with pytest.raises(RuntimeError, match=r"held \d+ MB before its first input, over the 1 MB"):
        list(run([str(REPORTS / "eastmoor-2025.txt")], Options(memory_limit_mb=1), workers=1))


def _in_a_new_process(code: str) -> str:
    """What a fresh interpreter prints running `code` (a fork server of its own included)."""
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests")])},
    )
    return result.stdout


@pytest.mark.parametrize(
    ("inputs", "web"),
    [
        ([REPORTS / "blackpool-2025.pdf"], False),
        ([REPORTS / "blackpool-2025.pdf", REPORTS / "eastmoor-2025.html"], True),
    ],
)
def test_web_page_readers_are_preloaded_only_for_inputs_that_may_be_web_pages(
    inputs: list[Path], web: bool
) -> None:
    """A batch of PDFs leaves trafilatura and lxml to a worker that meets a web page after all."""
    code = (
        "from extractor.batch import run; from batch_tasks import loaded_modules\n"
        f"for outcome in run({[str(path) for path in inputs]!r}, task=loaded_modules):\n"
        "    print(outcome.line)"
    )
    loaded = [json.loads(line) for line in _in_a_new_process(code).splitlines()]
    assert len(loaded) == len(inputs)
    for names in loaded:
        assert {"pypdfium2", "extractor.nlp"} <= set(names)
        assert ("trafilatura" in names) is web and ("extractor.readers.html" in names) is web


def test_the_parent_of_a_batch_loads_neither_the_models_nor_the_readers() -> None:
    """The command's own process walks, starts workers and writes lines: it never parses."""
    code = (
        "import sys, tempfile\n"
        "from extractor.cli import app\n"
        "with tempfile.TemporaryDirectory() as folder:\n"
        f"    app(['batch', {str(REPORTS / 'blackpool-2025.pdf')!r}, '-o', folder + '/o.jsonl'],"
        " standalone_mode=False)\n"
        "heavy = ('models', 'spacy', 'pypdfium2', 'extractor.parse', 'extractor.load')\n"
        "print('parent loaded:', *[name for name in heavy if name in sys.modules])"
    )
    assert _in_a_new_process(code).splitlines()[-1] == "parent loaded:"


def test_a_worker_whose_batch_has_gone_stops_quietly() -> None:
    """A worker forked after its batch was interrupted finds the pipe closed and exits cleanly."""
    context = multiprocessing.get_context("forkserver")
    ours, theirs = context.Pipe()
    ours.close()  # the batch is gone before the worker says it is ready
    worker = context.Process(target=_serve, args=(theirs, Options(), process), daemon=True)
    worker.start()
    theirs.close()
    worker.join(timeout=60)
    assert worker.exitcode == 0


def test_a_batch_run_as_a_module_gets_no_warning_from_its_workers(tmp_path: Path) -> None:
    """`python -m extractor.cli batch`: every worker runs the command's module again, unwarned.

    Had the fork server imported the module already, each worker would warn that it found it
    loaded before running it.
    """
    command = [sys.executable, "-m", "extractor.cli", "batch", str(REPORTS / "eastmoor-2025.txt")]
    result = subprocess.run(
        [*command, "-o", str(tmp_path / "out.jsonl"), "-w", "2"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0
    assert "Warning" not in result.stderr


def test_workers_that_die_before_they_are_ready_stop_the_batch_with_their_exit_code() -> None:
    """A pipeline that cannot be built: the batch stops, saying how the last worker ended.

    Its exit code, read once the worker is reaped, rather than a code not yet known ('None').
    """
    code = (
        "import extractor.batch as batch\n"
        "import extractor.pool as pool\n"
        "pool.PRELOADED.insert(0, 'batch_broken')\n"
        "try:\n"
        f"    list(batch.run([{str(REPORTS / 'eastmoor-2025.txt')!r}], workers=1))\n"
        "except RuntimeError as error:\n"
        "    print(error)\n"
    )
    assert _in_a_new_process(code).splitlines()[-1] == (
        "6 worker processes in a row could not start (the last exited with code 1)"
    )


def test_an_output_that_cannot_be_written_starts_no_fork_server(tmp_path: Path) -> None:
    """The usage error comes before the server: nothing is left loading after the exit."""
    output = tmp_path / "missing-folder" / "out.jsonl"
    code = (
        "import multiprocessing.forkserver as server\n"
        "from typer.testing import CliRunner\n"
        "from extractor.cli import app\n"
        f"result = CliRunner().invoke(app, ['batch', {str(REPORTS)!r}, '-o', {str(output)!r}])\n"
        "print(result.exit_code, server._forkserver._forkserver_pid)\n"
    )
    assert _in_a_new_process(code).split() == ["2", "None"]
