"""The `extractor` command and its subcommands; bad input is one line on stderr, never a trace."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from typer import _click as click
from typer.core import TyperArgument, TyperCommand

from extractor.errors import ExtractorError
from extractor.options import MEMORY_LIMIT_MB, TIMEOUT_S, Options


class _Argument(TyperArgument):
    """An argument that help shows by its metavar alone, never by a raw type like list[Path]."""

    def display_type_rich(self, ctx: click.Context) -> str | None:
        """No type after the metavar."""
        return None

    def _usage_display_name(self) -> str:
        """PATH or PATH... in the usage line, as most commands write it."""
        return self.display_name_raw + ("..." if self.nargs != 1 else "")


class Command(TyperCommand):
    """A command whose help reads as words: metavars, no raw type names."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        """Build the command, then let its arguments show their metavars alone."""
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for param in self.params:
            if isinstance(param, TyperArgument):
                param.__class__ = _Argument


app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

EXIT_UNREADABLE = 2


def _version(value: bool) -> None:
    """Print the installed version and stop, before any command runs."""
    if value:
        from extractor.version import installed

        typer.echo(f"extractor {installed()}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Print the version and exit.", callback=_version, is_eager=True
        ),
    ] = False,
) -> None:
    """Grounded, validated records from inspection reports and the news about them."""


def one_of(*choices: str) -> Callable[[str], str]:
    """A callback refusing a value outside `choices`, naming them in plain words."""
    words = ", ".join(choices[:-1]) + f" or {choices[-1]}"

    def checked(value: str) -> str:
        if value not in choices:
            raise typer.BadParameter(f"{value!r} is not a format here; choose {words}.")
        return value

    return checked


def format_option(help: str, *choices: str) -> object:
    """The --format option of a command, taking one of `choices`."""
    return typer.Option(
        "--format", "-f", help=help, metavar="|".join(choices), callback=one_of(*choices)
    )


def _known_framework(value: str | None) -> str | None:
    """Refuse an unknown framework id as a usage error, before any input is read."""
    try:
        Options(framework=value)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None
    return value


FrameworkOption = Annotated[
    str | None,
    typer.Option(
        help="Framework id to use instead of detecting it.", callback=_known_framework, metavar="ID"
    ),
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


@app.command(cls=Command)
def extract(
    path: Annotated[
        Path, typer.Argument(help="A report or article: PDF, HTML or text.", metavar="PATH")
    ],
    output: Annotated[
        str, format_option("json (the record) or text (a summary).", "json", "text")
    ] = "json",
    framework: FrameworkOption = None,
) -> None:
    """Print the record of one document."""
    from extractor import export
    from extractor import extract as extract_record

    with reading(path):
        record = extract_record(path, Options(framework=framework))
    if output == "json":
        typer.echo(export.to_json(record))
    else:
        typer.echo(export.summary(record, terminal_width()), nl=False)


def at_least(floor: float) -> Callable[[float | None], float | None]:
    """An option check that says the floor in words, where click's own range reads 'x>=1'."""

    def check(value: float | None) -> float | None:
        """The value, or a usage error (exit 2) when it is below the floor."""
        if value is not None and value < floor:
            raise typer.BadParameter(f"{value:g} is below the least allowed, {floor:g}.")
        return value

    return check


def terminal_width() -> int:
    """The width of the terminal (or $COLUMNS), 100 when there is none."""
    import shutil

    return shutil.get_terminal_size((100, 24)).columns


@app.command(cls=Command)
def check(
    paths: Annotated[
        list[Path], typer.Argument(help="Reports and articles to check.", metavar="PATH")
    ],
    output: Annotated[
        str,
        format_option(
            "text (grouped by file), json, sarif or github.", "text", "json", "sarif", "github"
        ),
    ] = "text",
    framework: FrameworkOption = None,
    against: Annotated[
        Path | None,
        typer.Option(
            help="A report to check articles against (same service and inspection).",
            metavar="REPORT",
        ),
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
    if output == "text":
        typer.echo(findings.as_text(results, terminal_width()), nl=False)
    else:
        render = {
            "json": findings.as_json,
            "sarif": findings.as_sarif,
            "github": findings.as_github,
        }
        typer.echo(render[output](results), nl=False)
    for result in results:
        if result.error is not None:
            typer.echo(f"extractor: {result.path}: {result.error.error.message}", err=True)
    if any(result.error is not None for result in results):
        raise typer.Exit(EXIT_UNREADABLE)
    if any(result.errors for result in results):
        raise typer.Exit(1)


@app.command(cls=Command)
def history(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Reports and articles, or folders of them.", metavar="PATH"),
    ],
    output: Annotated[str, format_option("text, json or csv.", "text", "json", "csv")] = "text",
) -> None:
    """Print each service's rating history from reports and articles, oldest first."""
    from extractor import extract as extract_record
    from extractor import history as timelines
    from extractor.batch import discover

    records = []
    unreadable = False
    for path in discover(paths):
        try:
            records.append(extract_record(path, Options(checks=False)))
        except Exception as error:  # bad input or a bug: either way the batch goes on
            if not isinstance(error, ExtractorError):
                error = ExtractorError.internal(path, error)
            typer.echo(f"extractor: {error.path}: {error.reason}", err=True)
            unreadable = True
    found = timelines.histories(records)
    if output == "text":
        typer.echo(timelines.as_text(found, terminal_width()), nl=False)
    else:
        typer.echo({"json": timelines.as_json, "csv": timelines.as_csv}[output](found), nl=False)
    if unreadable:
        raise typer.Exit(EXIT_UNREADABLE)


@app.command(cls=Command)
def batch(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Files, and folders to walk recursively.", metavar="PATH"),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="The JSONL file to write, one line per input.", metavar="OUT"
        ),
    ],
    csv: Annotated[
        Path | None,
        typer.Option(
            help="Also write reports to this CSV, articles to NAME.articles.csv.", metavar="CSV"
        ),
    ] = None,
    parquet: Annotated[
        Path | None,
        typer.Option(
            help="Also write Parquet: reports here, articles to NAME.articles.parquet.",
            metavar="PARQUET",
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            "-w",
            callback=at_least(1),
            help="Worker processes, at least 1. [default: the cores available]",
            metavar="N",
            show_default=False,
        ),
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Skip inputs already in OUT (same path and content).")
    ] = False,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict", help="Exit 1 when an input gave an error record or an error-level finding."
        ),
    ] = False,
    timeout: Annotated[
        float,
        typer.Option(
            help="Seconds allowed for one input, at least 0.1.",
            metavar="SECONDS",
            callback=at_least(0.1),
        ),
    ] = TIMEOUT_S,
    memory_limit: Annotated[
        int,
        typer.Option(
            help="Memory allowed for one worker, in MB, at least 64.",
            metavar="MB",
            callback=at_least(64),
        ),
    ] = MEMORY_LIMIT_MB,
    framework: FrameworkOption = None,
) -> None:
    """Read every input into OUT (JSONL), in input order, then print a summary.

    Exit 0 when every input was processed (error records included); with --strict, 1 when an
    input gave an error record or an error-level finding; 2 on wrong usage.
    """
    from extractor.batch import default_workers, discover, run
    from extractor.outcome import Outcome, file_sha256
    from extractor.pool import start_fork_server

    options = Options(framework=framework, timeout_s=timeout, memory_limit_mb=memory_limit)
    inputs = discover(paths)
    if not inputs:
        fail(" ".join(map(str, paths)), "no input files found")
    _check_targets(output, csv, parquet, inputs)
    written = output.resolve() if output.is_symlink() else output  # the file; the link stays
    from extractor.journal import Journal, read_previous
    from extractor.progress import Progress, Tally

    tally = Tally(total=len(inputs))
    previous = read_previous(written) if resume else None
    keys = [(str(path), file_sha256(path)) for path in inputs] if previous else []
    todo = inputs
    if previous is not None:
        from models import RECORD_ADAPTER

        todo = [path for path, key in zip(inputs, keys, strict=True) if key not in previous.lines]
        for key in keys:
            if key in previous.lines:
                tally.add(Outcome.of(RECORD_ADAPTER.validate_json(previous.lines[key])), kept=True)
    try:
        journal = Journal(written, previous)
    except OSError as error:
        fail(output, f"cannot be written ({error.strerror or error})")
    if todo:  # the workers' server loads on another core while this process goes on
        start_fork_server(str(path) for path in todo)
    try:
        with journal, Progress(tally) as progress:
            for outcome in run(todo, options, workers or default_workers()):
                journal.write(outcome.line)
                tally.add(outcome)
                progress.update()
            journal.finish(keys)
    except RuntimeError as error:  # no worker process could start: nothing can be read
        typer.echo(f"extractor: batch: {error}", err=True)
        raise typer.Exit(EXIT_UNREADABLE) from None
    except KeyboardInterrupt:
        typer.echo(
            f"extractor: interrupted after {tally.done} of {tally.total} input(s); "
            f"{output} holds whole lines only, and --resume completes it",
            err=True,
        )
        raise typer.Exit(130) from None
    typer.echo(tally.summary(str(output), terminal_width()), nl=False)
    if (csv or parquet) and not _write_tables(output, csv, parquet):
        raise typer.Exit(EXIT_UNREADABLE)
    if strict and (tally.errors or tally.error_findings):
        raise typer.Exit(1)


@app.command(cls=Command)
def text(
    path: Annotated[
        Path, typer.Argument(help="A report or article: PDF, HTML or text.", metavar="PATH")
    ],
) -> None:
    """Print the normalised text that every evidence offset points into."""
    from extractor import load

    with reading(path):
        document = load(path)
    typer.echo(document.text)


@app.command(cls=Command)
def schema() -> None:
    """Print the JSON Schema of the records."""
    from extractor import export

    typer.echo(export.schema())


@app.command("export", cls=Command)
def export_tables(
    jsonl: Annotated[
        Path, typer.Argument(help="A batch's JSONL, one record per line.", metavar="OUT.jsonl")
    ],
    csv: Annotated[
        Path | None,
        typer.Option(help="Reports to this CSV, articles to NAME.articles.csv.", metavar="CSV"),
    ] = None,
    parquet: Annotated[
        Path | None,
        typer.Option(
            help="Reports to this Parquet file, articles to NAME.articles.parquet.",
            metavar="PARQUET",
        ),
    ] = None,
) -> None:
    """Write a batch's JSONL as tables (CSV, Parquet) without extracting again.

    Exit 2 when a line of the JSONL is not a record (it is left out and named on stderr).
    """
    if csv is None and parquet is None:
        raise typer.BadParameter("give --csv, --parquet or both")
    _check_targets(None, csv, parquet, [jsonl])
    if not _write_tables(jsonl, csv, parquet):
        raise typer.Exit(EXIT_UNREADABLE)


def _check_targets(
    output: Path | None, csv: Path | None, parquet: Path | None, inputs: list[Path]
) -> None:
    """Exit 2 before any work if an output could not be written or would destroy data."""
    from extractor.files import Target, check_parquet, check_targets, table_paths

    targets = [Target(output, "OUT", renamed=True)] if output is not None else []
    for path, role in ((csv, "--csv"), (parquet, "--parquet")):
        if path is not None:
            reports, articles = table_paths(path)
            targets += [Target(reports, role), Target(articles, f"{role}'s articles table")]
    try:
        check_targets(targets, inputs)
        if parquet is not None:
            check_parquet(parquet)
    except ExtractorError as error:
        fail(error.path, error.reason)


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
    # Nothing here does linear algebra, but numpy's OpenBLAS starts a thread per core on import:
    # a tenth of a second of a one-page `extract`, and of every batch worker's start.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    try:
        app()
    except BrokenPipeError:
        sys.stderr.close()
    finally:
        # The interpreter's last garbage collection would walk every object spaCy and pydantic
        # made (0.08 s of a one-page `extract`); frozen, they are freed with the process. Files
        # are closed by then, and stdout and stderr flushed at exit as always.
        gc.freeze()


if __name__ == "__main__":
    main()
