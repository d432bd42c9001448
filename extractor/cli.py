"""The `extractor` command: extract, check, history, text and schema, each failing in one line."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from extractor import export
from extractor.errors import ExtractorError
from extractor.options import MEMORY_LIMIT_MB, TIMEOUT_S, Options

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Grounded, validated records from HM Inspectorate of Probation reports.",
)

EXIT_UNREADABLE = 2


class OutputFormat(StrEnum):
    """How `extract` prints its record."""

    json = "json"
    text = "text"


def _known_framework(value: str | None) -> str | None:
    """Refuse an unknown framework id as a usage error, before any input is read."""
    try:
        Options(framework=value)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None
    return value


FrameworkOption = Annotated[
    str | None,
    typer.Option(help="Framework id to use instead of detecting it.", callback=_known_framework),
]


def fail(path: str | Path, reason: str) -> NoReturn:
    """Say in one line which input failed and why, then stop with exit code 2."""
    typer.echo(f"extractor: {path}: {reason}", err=True)
    raise typer.Exit(EXIT_UNREADABLE)


@contextmanager
def reading(path: Path) -> Iterator[None]:
    """Turn bad input, or a bug met while reading it, into one line and exit code 2."""
    try:
        yield
    except ExtractorError as error:
        fail(error.path, error.reason)
    except Exception as error:  # a parser bug: still one line, never a traceback
        fail(path, ExtractorError.internal(path, error).reason)


@app.command()
def extract(
    path: Annotated[Path, typer.Argument(help="A report: PDF, HTML or text.")],
    output: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="json (the record) or text (a summary).")
    ] = OutputFormat.json,
    framework: FrameworkOption = None,
) -> None:
    """Print the record of one document."""
    from extractor import extract as extract_record

    with reading(path):
        record = extract_record(path, Options(framework=framework))
    if output is OutputFormat.json:
        typer.echo(export.to_json(record))
    else:
        typer.echo(export.summary(record), nl=False)


class CheckFormat(StrEnum):
    """How `check` reports its findings."""

    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"


@app.command()
def check(
    paths: Annotated[list[Path], typer.Argument(help="Reports to check.")],
    output: Annotated[
        CheckFormat,
        typer.Option("--format", "-f", help="text (grouped by file), json, sarif or github."),
    ] = CheckFormat.text,
    framework: FrameworkOption = None,
    against: Annotated[
        Path | None,
        typer.Option(help="A report to check articles against (same service and inspection)."),
    ] = None,
) -> None:
    """Check reports against the ratings rules, and articles against their report.

    Exit 0 when there is no error, 1 when there is one, 2 when an input cannot be read.
    """
    from extractor import findings

    options = Options(framework=framework)
    reference = None
    if against is not None:
        with reading(against):
            reference = findings.load_reference(against, options)
    results = [findings.check_file(path, options, reference) for path in paths]
    render = {
        CheckFormat.text: findings.as_text,
        CheckFormat.json: findings.as_json,
        CheckFormat.sarif: findings.as_sarif,
        CheckFormat.github: findings.as_github,
    }[output]
    typer.echo(render(results), nl=False)
    for result in results:
        if result.error is not None:
            typer.echo(f"extractor: {result.path}: {result.error.error.message}", err=True)
    if any(result.error is not None for result in results):
        raise typer.Exit(EXIT_UNREADABLE)
    if any(result.errors for result in results):
        raise typer.Exit(1)


class HistoryFormat(StrEnum):
    """How `history` prints the timelines."""

    text = "text"
    json = "json"
    csv = "csv"


@app.command()
def history(
    paths: Annotated[list[Path], typer.Argument(help="Reports and articles, or folders of them.")],
    output: Annotated[
        HistoryFormat, typer.Option("--format", "-f", help="text, json or csv.")
    ] = HistoryFormat.text,
) -> None:
    """Print each service's rating history from reports and articles, oldest first."""
    from extractor import extract as extract_record
    from extractor import history as timelines

    records = []
    unreadable = False
    for path in _files(paths):
        try:
            records.append(extract_record(path, Options(checks=False)))
        except Exception as error:  # bad input or a bug: either way the batch goes on
            if not isinstance(error, ExtractorError):
                error = ExtractorError.internal(path, error)
            typer.echo(f"extractor: {error.path}: {error.reason}", err=True)
            unreadable = True
    found = timelines.histories(records)
    render = {
        HistoryFormat.text: timelines.as_text,
        HistoryFormat.json: timelines.as_json,
        HistoryFormat.csv: timelines.as_csv,
    }[output]
    typer.echo(render(found), nl=False)
    if unreadable:
        raise typer.Exit(EXIT_UNREADABLE)


def _files(paths: list[Path]) -> list[Path]:
    """The given files and the documents inside the given folders, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and not p.name.startswith(".")
                    and not p.name.endswith(".json")
                    and p.suffix != ".md"
                )
            )
        else:
            found.append(path)
    return found


@app.command()
def batch(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Files, and folders to walk recursively.", metavar="PATH..."),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="The JSONL file to write, one line per input.", metavar="OUT"
        ),
    ],
    csv: Annotated[
        Path | None,
        typer.Option(help="Also write reports to this CSV, articles to NAME.articles.csv."),
    ] = None,
    parquet: Annotated[
        Path | None,
        typer.Option(help="Also write Parquet: reports here, articles to NAME.articles.parquet."),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            "-w",
            min=1,
            help="Worker processes. [default: the cores available]",
            metavar="N",
            show_default=False,
        ),
    ] = None,
    resume: Annotated[
        bool, typer.Option(help="Skip inputs already in OUT (same path and content).")
    ] = False,
    strict: Annotated[
        bool,
        typer.Option(help="Exit 1 when an input gave an error record or an error-level finding."),
    ] = False,
    timeout: Annotated[
        float, typer.Option(help="Seconds allowed for one input.", metavar="SECONDS", min=0.1)
    ] = TIMEOUT_S,
    memory_limit: Annotated[
        int, typer.Option(help="Memory allowed for one worker, in MB.", metavar="MB", min=64)
    ] = MEMORY_LIMIT_MB,
    framework: FrameworkOption = None,
) -> None:
    """Read every input into OUT (JSONL), in input order, then print a summary.

    Exit 0 when every input was processed (error records included); with --strict, 1 when an
    input gave an error record or an error-level finding; 2 on wrong usage.
    """
    from extractor.batch import Outcome, default_workers, discover, file_sha256, run
    from extractor.journal import Journal, read_previous
    from extractor.progress import Progress, Tally
    from models import RECORD_ADAPTER

    options = Options(framework=framework, timeout_s=timeout, memory_limit_mb=memory_limit)
    inputs = discover(paths)
    if not inputs:
        fail(" ".join(map(str, paths)), "no input files found")
    tally = Tally(total=len(inputs))
    previous = read_previous(output) if resume else None
    keys = [(str(path), file_sha256(path)) for path in inputs] if previous else []
    todo = inputs
    if previous is not None:
        todo = [path for path, key in zip(inputs, keys, strict=True) if key not in previous.lines]
        for key in keys:
            if key in previous.lines:
                tally.add(Outcome.of(RECORD_ADAPTER.validate_json(previous.lines[key])), kept=True)
    try:
        with Journal(output, previous) as journal, Progress(tally) as progress:
            for outcome in run(todo, options, workers or default_workers()):
                journal.write(outcome.line)
                tally.add(outcome)
                progress.update()
            journal.finish(keys)
    except KeyboardInterrupt:
        typer.echo(
            f"extractor: interrupted after {tally.done} of {tally.total} input(s); "
            f"{output} holds whole lines only, and --resume completes it",
            err=True,
        )
        raise typer.Exit(130) from None
    typer.echo(tally.summary(str(output)), nl=False)
    if (csv or parquet) and not _write_tables(output, csv, parquet):
        raise typer.Exit(EXIT_UNREADABLE)
    if strict and (tally.errors or tally.error_findings):
        raise typer.Exit(1)


@app.command()
def text(path: Annotated[Path, typer.Argument(help="A report: PDF, HTML or text.")]) -> None:
    """Print the normalised text that every evidence offset points into."""
    from extractor import load

    with reading(path):
        document = load(path)
    typer.echo(document.text)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the records."""
    typer.echo(export.schema())


@app.command("export")
def export_tables(
    jsonl: Annotated[Path, typer.Argument(help="A batch's JSONL, one record per line.")],
    csv: Annotated[
        Path | None, typer.Option(help="Reports to this CSV, articles to NAME.articles.csv.")
    ] = None,
    parquet: Annotated[
        Path | None,
        typer.Option(help="Reports to this Parquet file, articles to NAME.articles.parquet."),
    ] = None,
) -> None:
    """Write a batch's JSONL as tables (CSV, Parquet) without extracting again.

    Exit 2 when a line of the JSONL is not a record (it is left out and named on stderr).
    """
    if csv is None and parquet is None:
        raise typer.BadParameter("give --csv, --parquet or both")
    if not _write_tables(jsonl, csv, parquet):
        raise typer.Exit(EXIT_UNREADABLE)


def _write_tables(jsonl: Path, csv: Path | None, parquet: Path | None) -> bool:
    """Write a JSONL's records as tables and say where; False when a line was not a record."""
    from extractor import dataset

    try:
        done = dataset.export_jsonl(jsonl, csv=csv, parquet=parquet)
    except ExtractorError as error:
        fail(error.path, error.reason)
    for number, reason in done.bad_lines:
        typer.echo(f"extractor: {jsonl}:{number}: not a record ({reason})", err=True)
    replaced = f", {done.superseded} replaced by a later line" if done.superseded else ""
    typer.echo(
        f"{done.reports} report(s), {done.other} other, {done.errors} error(s), "
        f"{done.articles} article(s){replaced} -> {', '.join(str(p) for p in done.written)}"
    )
    return not done.bad_lines


def main() -> None:
    """Entry point that never shows a traceback for a closed pipe."""
    try:
        app()
    except BrokenPipeError:
        sys.stderr.close()


if __name__ == "__main__":
    main()
