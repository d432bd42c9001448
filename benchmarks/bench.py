"""Speed and memory benchmarks for inspection-extractor, measured side by side in one run.

Targets (reference/product.md, "Design direction", and issue 10): a 50-page PDF report in under
0.5 s on one core; on the real Ofsted PDFs and on generated ones, throughput within 3x of
pypdfium2's raw text extraction of the same files and at least 10x faster than pdfplumber alone;
memory flat over thousands of files; `extractor --help` under 0.3 s and a one-page text `extract`
under 1 s, process start included.

Usage: python benchmarks/bench.py [--quick] [--regenerate] [--shared DIR]
Generated inputs are cached in benchmarks/out/ (generate.py); the real PDFs are read from
../shared/corpus/ofsted/pdfs/ (or DIR/corpus/ofsted/pdfs/) and skipped, with a message, when
absent. Each figure is one function in MEASUREMENTS; all of them fill one table. Results go to
benchmarks/out/results.json. Exit status 1 when a target fails.
"""

from __future__ import annotations

import argparse
import json
import operator
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # measure this checkout, whatever is installed

import pdfplumber  # noqa: E402
import pypdfium2 as pdfium  # noqa: E402
from generate import BIG_PAGES, FOLDER, OUT, inputs, one_page  # noqa: E402

from extractor import check, extract, load, parse  # noqa: E402
from extractor.nlp import pipeline  # noqa: E402
from extractor.options import Options  # noqa: E402
from extractor.parse.analysis import analyse  # noqa: E402
from extractor.pool import Pool, resident_mb  # noqa: E402
from extractor.readers.pdf import read_pdf  # noqa: E402
from models import InspectionReport  # noqa: E402

RESULTS = OUT / "results.json"
OFSTED = Path("corpus") / "ofsted" / "pdfs"
"""The real PDFs, under the shared folder (../shared unless --shared says otherwise)."""
TARGETS = {  # target name: (shown as, test, limit), from the product brief and issue 10
    "big_pdf_s": ("<", operator.lt, 0.5),
    "pdfium_over_extract": ("<=", operator.le, 3.0),
    "extract_over_pdfplumber": (">=", operator.ge, 10.0),
    "rss_growth_mb": ("<=", operator.le, 10.0),
    "help_s": ("<", operator.lt, 0.3),
    "pdfium_over_batch": ("<=", operator.le, 3.0),
    "batch_over_pdfplumber": (">=", operator.ge, 10.0),
    "two_workers_over_one": (">=", operator.ge, 1.8),
    "batch_rss_growth_mb": ("<=", operator.le, 10.0),
    "one_page_s": ("<", operator.lt, 1.0),
}


@dataclass
class Row:
    """One line of the table: a figure, its CPU and wall-clock readings, and what judges it."""

    figure: str
    cpu: str
    wall: str = ""
    value: float | None = None
    target: str = ""
    """A key of TARGETS; `value` is judged against it."""

    def result(self) -> tuple[str, str]:
        """The target as shown, and PASS, FAIL or info."""
        if not self.target or self.value is None:
            return "", "info"
        shown, test, limit = TARGETS[self.target]
        return f"{shown} {limit:g}", "PASS" if test(self.value, limit) else "FAIL"


@dataclass
class Bench:
    """What every measurement shares: the settings, the inputs and the figures for results.json."""

    quick: bool
    pages: dict[Path, int]
    shared: Path
    values: dict[str, Any] = field(default_factory=dict)


Measurement = Callable[[Bench], list[Row]]

# ------------------------------------------------------------------------------ timing


def timed(call: Callable[[], object]) -> tuple[float, float]:
    """Process CPU seconds and wall-clock seconds that one call takes."""
    cpu, wall = time.process_time(), time.perf_counter()
    call()
    return time.process_time() - cpu, time.perf_counter() - wall


@dataclass
class Pass:
    """One timed pass over some files."""

    files: int
    pages: int
    cpu: float
    wall: float

    def rate(self, wall: bool = False) -> str:
        """'17.5 files/s, 170 pages/s' on CPU time, or on the wall clock."""
        seconds = self.wall if wall else self.cpu
        return f"{self.files / seconds:.3g} files/s, {self.pages / seconds:,.0f} pages/s"

    def pages_per_s(self) -> float:
        """Pages per CPU second."""
        return self.pages / self.cpu


def median_pass(
    runs: int, paths: Sequence[Path], pages: dict[Path, int], call: Callable[[Path], object]
) -> Pass:
    """Call once per path, one after another, in `runs` passes; the median pass by CPU time."""
    return paired_passes(runs, paths, pages, call)[0]


def paired_passes(
    runs: int, paths: Sequence[Path], pages: dict[Path, int], *calls: Callable[[Path], object]
) -> list[Pass]:
    """`runs` passes of each call over the paths, taken in turn; each call's median pass by CPU.

    Taking them in turn makes a ratio of two calls compare passes that met the same load on a
    shared machine, not a quiet minute with a busy one.
    """
    passes: list[list[Pass]] = [[] for _ in calls]
    total = sum(pages.get(path, 0) for path in paths)
    for _ in range(runs):
        for call, done in zip(calls, passes, strict=True):
            cpu, wall = timed(partial(each, call, paths))
            done.append(Pass(len(paths), total, cpu, wall))
    return [sorted(done, key=lambda one: one.cpu)[runs // 2] for done in passes]


def each(call: Callable[[Path], object], paths: Sequence[Path]) -> None:
    """Call once per path, one after another."""
    for path in paths:
        call(path)


def pdfium_text(path: Path) -> None:
    """Raw text of every page with pypdfium2, the floor that (b) measures."""
    pdf = pdfium.PdfDocument(path)
    for page in pdf:
        page.get_textpage().get_text_range()
    pdf.close()


def plumber_text(path: Path) -> None:
    """Text of every page with pdfplumber alone, what (c) measures."""
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()


def spread(paths: Sequence[Path], count: int) -> list[Path]:
    """About `count` paths spread evenly over the list, so a sample is not just the first ones."""
    step = max(1, len(paths) // count)
    return list(paths[::step][:count])


# ------------------------------------------------------------------------------ measurements


def pipeline_build(bench: Bench) -> list[Row]:
    """Building the spaCy pipeline, once per process; then one warm-up extraction per kind."""
    cpu, wall = timed(pipeline)
    generated = sorted(path for path in bench.pages if path.parent == FOLDER)
    for path in (OUT / "big.pdf", generated[0], generated[0].with_suffix(".txt")):
        extract(path)
    plumber_text(generated[0])
    return [Row("pipeline() build, once per process (s)", f"{cpu:.2f}", f"{wall:.2f}")]


def big_pdf(bench: Bench) -> list[Row]:
    """extract() of the 50-page PDF, median and p90 of several runs."""
    big, runs = OUT / "big.pdf", 5 if bench.quick else 20
    print(f"{runs} x extract({big.name})", file=sys.stderr)
    times = [timed(lambda: extract(big)) for _ in range(runs)]
    cpus = [cpu for cpu, _ in times]
    bench.values["big_pdf_cpu_s"] = cpus
    median = statistics.median(cpus)
    p90 = statistics.quantiles(cpus, n=10, method="inclusive")[-1]
    wall = statistics.median(wall for _, wall in times)
    label = f"extract {bench.pages[big]}-page PDF"
    return [
        Row(f"{label}, median (s)", f"{median:.3f}", f"{wall:.3f}", median, "big_pdf_s"),
        Row(f"{label}, p90 (s)", f"{p90:.3f}"),
    ]


def corpus(bench: Bench, name: str, files: list[Path], passes: int, sample: int) -> list[Row]:
    """(a) extract, (b) raw pypdfium2 text and (c) pdfplumber on the same files, and the ratios."""
    print(f"{name}: {passes} x extract() and raw pypdfium2 text, in turn", file=sys.stderr)
    ours, raw = paired_passes(passes, files, bench.pages, extract, pdfium_text)
    print(f"{name}: pdfplumber on {sample} files", file=sys.stderr)
    plumber = median_pass(1, spread(files, sample), bench.pages, plumber_text)
    vs_pdfium = raw.pages_per_s() / ours.pages_per_s()
    vs_plumber = ours.pages_per_s() / plumber.pages_per_s()
    bench.values[name] = {
        "files": [str(path) for path in files],
        "extract": vars(ours),
        "pypdfium2": vars(raw),
        "pdfplumber": vars(plumber),
    }
    bench.values[name] |= {"pdfium_over_extract": vs_pdfium, "extract_over_pdfplumber": vs_plumber}
    return [
        Row(
            f"{name} (a) extract, {ours.files} PDFs, {ours.pages:,} pages",
            ours.rate(),
            ours.rate(wall=True),
        ),
        Row(f"{name} (b) pypdfium2 raw text, same PDFs", raw.rate(), raw.rate(wall=True)),
        Row(
            f"{name} (c) pdfplumber, {plumber.files} files, per page",
            plumber.rate(),
            plumber.rate(wall=True),
        ),
        Row(
            f"{name} (b)/(a) extract slower than pdfium",
            f"{vs_pdfium:.2f}x",
            "",
            vs_pdfium,
            "pdfium_over_extract",
        ),
        Row(
            f"{name} (a)/(c) faster than pdfplumber",
            f"{vs_plumber:.1f}x",
            "",
            vs_plumber,
            "extract_over_pdfplumber",
        ),
    ]


def generated(bench: Bench) -> list[Row]:
    """The generated folder: 200 reports of 6 to 12 pages (50 with --quick)."""
    files = sorted(path for path in bench.pages if path.parent == FOLDER)
    if bench.quick:
        return corpus(bench, "generated", files[:50], 3, 8)
    return corpus(bench, "generated", files, 5, 30)


def ofsted(bench: Bench) -> list[Row]:
    """The real Ofsted PDFs next to the project (40 of them with --quick), when they are there."""
    folder = bench.shared / OFSTED
    if not folder.is_dir():
        print(f"ofsted: {folder} is absent; the real-PDF figures are skipped", file=sys.stderr)
        return [Row(f"ofsted: {folder} absent, skipped", "")]
    found = sorted(folder.rglob("*.pdf"))
    files = [path for path in found if path.read_bytes()[:5] == b"%PDF-"]
    bench.values["ofsted_not_pdf"] = [str(path) for path in found if path not in files]
    for path in files:
        pdf = pdfium.PdfDocument(path)
        bench.pages[path] = len(pdf)
        pdf.close()
    if bench.quick:
        return corpus(bench, "ofsted", spread(files, 40), 1, 4)
    return corpus(bench, "ofsted", files, 3, 10)


def memory(bench: Bench) -> list[Row]:
    """Resident memory of this process over 5,000 extract() calls (1,000 with --quick).

    The calls cycle through an interleaved mix of 150 generated PDFs, their text copies and 50
    Ofsted PDFs (fewer than 500 inputs, so the first 500 calls see each of them); growth is
    measured as for `batch_memory`: the peak over the last 500 calls minus the peak over calls
    500 to 1,000.
    """
    total = 1000 if bench.quick else 5000
    pdfs = sorted(path for path in bench.pages if path.parent == FOLDER)[:150]
    real = spread([Path(path) for path in bench.values.get("ofsted", {}).get("files", [])], 50)
    mix = [path for pdf in pdfs for path in (pdf, pdf.with_suffix(".txt"))]
    cycle = interleave(mix, real) if real else mix
    print(f"memory: {total} extract() calls in this process", file=sys.stderr)
    samples: list[tuple[int, float]] = []
    for done in range(1, total + 1):
        extract(cycle[done % len(cycle)])
        if done % 50 == 0:
            samples.append((done, resident_mb(os.getpid())))
    before, after = peaks(samples, total)
    growth = after - before
    bench.values["rss_mb"] = samples
    return [
        Row(
            f"RSS growth, one process, {total:,} extract() calls",
            f"{growth:+.1f} MB",
            f"{before:.0f} -> {after:.0f} MB",
            growth,
            "rss_growth_mb",
        )
    ]


def peaks(samples: list[tuple[int, float]], total: int) -> tuple[float, float]:
    """The peak MB over calls 500 to 1,000 (every input read once by then) and over the last 500."""
    window = [mb for done, mb in samples if 500 < done <= 1000]
    last = [mb for done, mb in samples if done > total - 500]
    return max(window), max(last)


def interleave(many: list[Path], few: list[Path]) -> list[Path]:
    """`few` spread evenly among `many`."""
    step = max(1, len(many) // len(few))
    out: list[Path] = []
    for index, path in enumerate(many):
        out.append(path)
        if index % step == step - 1 and index // step < len(few):
            out.append(few[index // step])
    return out


def text_copies(bench: Bench) -> list[Row]:
    """extract() over the generated PDFs' text copies."""
    files = sorted(path for path in bench.pages if path.parent == FOLDER)[
        : 50 if bench.quick else None
    ]
    texts = [path.with_suffix(".txt") for path in files]
    size = sum(path.stat().st_size for path in texts)
    copies = median_pass(1, texts, {}, extract)
    speed = f"{copies.files / copies.cpu:.3g} files/s, {size / copies.cpu / 1e6:.2f} MB/s"
    bench.values["text_copies"] = vars(copies)
    return [Row(f"extract, {len(texts)} text copies", speed)]


def startup(bench: Bench) -> list[Row]:
    """`extractor --help` and a one-page text `extract`, each a new process; median of several."""
    runs = 5 if bench.quick else 10
    page = one_page()
    rows = []
    for label, args, target in (
        ("extractor --help", ["--help"], "help_s"),
        (
            "extractor extract one-page.txt --format text",
            ["extract", str(page), "-f", "text"],
            "one_page_s",
        ),
    ):
        cpus, walls = [], []
        for _ in range(runs):
            cpu, wall = command(args)
            cpus.append(cpu)
            walls.append(wall)
        cpu, wall = statistics.median(cpus), statistics.median(walls)
        bench.values[target] = {"cpu_s": cpus, "wall_s": walls}
        rows.append(Row(f"{label}, median of {runs} (s)", f"{cpu:.3f}", f"{wall:.3f}", cpu, target))
    return rows


def command(args: list[str]) -> tuple[float, float]:
    """CPU seconds (user and system) and wall-clock seconds of one `extractor` process."""
    script = "import sys; sys.argv[0] = 'extractor'; from extractor.cli import main; main()"
    env = os.environ | {
        "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])
    }
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", script, *args],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,  # a batch's progress lines; shown by the error if it fails
    )
    wall = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, wall


def stages(bench: Bench) -> list[Row]:
    """Median CPU seconds of each stage of extract() on the 50-page PDF."""
    path, runs = OUT / "big.pdf", 3 if bench.quick else 5
    data, document = path.read_bytes(), load(path)
    record = parse(document)
    assert isinstance(record, InspectionReport), f"{path} must read as an inspection report"
    calls: dict[str, Callable[[], object]] = {
        "load (read_pdf + layout)": lambda: load(path),
        "  of which read_pdf (pdfium text + tables)": lambda: read_pdf(data),
        "parse (analyse + report parsers)": lambda: parse(document),
        "  of which analyse (spaCy over the blocks)": lambda: analyse(document),
        "check (rules on the record)": lambda: check(record),
    }
    found = {name: statistics.median(timed(c)[0] for _ in range(runs)) for name, c in calls.items()}
    bench.values["stages_median_cpu_s"] = found
    return [Row(f"stage of big.pdf: {name.strip()}", f"{cpu:.3f}") for name, cpu in found.items()]


def batch_scaling(bench: Bench) -> list[Row]:
    """`batch`'s start, and its throughput with one worker and with two, on every corpus.

    Throughput is a rate: a pool is started and has read the corpus (`batch_pass`), then is
    timed over it (median of 5 passes, 1 with --quick), so a fixed start is not spread over
    however many files a corpus happens to have; its first pass is shown too. The start is its
    own figure: the command over one one-page text in a new process, what a user waits for
    before the first record. Wall clock on both cores; raw pypdfium2 is timed in turn with the
    pool's passes (`batch_pass`), their ratio the median of each pass's over the raw pass just
    before it, and (c) is the corpus's pdfplumber wall-clock rate.
    """
    rows = []
    passes = 1 if bench.quick else 5
    with all_cores():
        for workers in (1, 2):
            starts = [batch_start(workers) for _ in range(passes)]
            bench.values[f"batch_start_s_{workers}"] = starts
            figure = f"batch start, {workers} worker(s): a one-page text, median (s)"
            rows.append(Row(figure, "", f"{statistics.median(starts):.2f}"))
        for name in ("generated", "ofsted"):
            if name not in bench.values:
                continue
            files = [Path(path) for path in bench.values[name]["files"]]
            pages = sum(bench.pages[path] for path in files)
            print(f"{name}: batch over {len(files)} PDFs with 1 and 2 workers", file=sys.stderr)
            single, double = (batch_pass(files, workers, passes) for workers in (1, 2))
            assert single.raw is not None and single.over_raw is not None
            walls, raw_wall = {1: single.warm, 2: double.warm}, single.raw
            plumber = bench.values[name]["pdfplumber"]
            one = pages / walls[1]
            vs_pdfium = single.over_raw
            vs_plumber = one / (plumber["pages"] / plumber["wall"])
            scaling = walls[1] / walls[2]
            bench.values[name] |= {
                "batch_wall_s": walls,
                "batch_first_pass_wall_s": {1: single.first, 2: double.first},
                "pypdfium2_wall_s_beside_batch": raw_wall,
                "pdfium_over_batch": vs_pdfium,
                "batch_over_pdfplumber": vs_plumber,
                "two_workers_over_one": scaling,
            }
            rows += [
                Row(
                    f"{name} batch throughput, 1 worker",
                    "",
                    f"{len(files) / walls[1]:.3g} files/s, {one:,.0f} pages/s",
                ),
                Row(
                    f"{name} batch throughput, 2 workers",
                    "",
                    f"{len(files) / walls[2]:.3g} files/s, {pages / walls[2]:,.0f} pages/s",
                ),
                Row(
                    f"{name} batch first pass (new words), 1 / 2 workers",
                    "",
                    f"{pages / single.first:,.0f} / {pages / double.first:,.0f} pages/s",
                ),
                Row(
                    f"{name} (b)/batch 1 worker, wall",
                    "",
                    f"{vs_pdfium:.2f}x",
                    vs_pdfium,
                    "pdfium_over_batch",
                ),
                Row(
                    f"{name} batch 1 worker/(c), wall",
                    "",
                    f"{vs_plumber:.1f}x",
                    vs_plumber,
                    "batch_over_pdfplumber",
                ),
                Row(
                    f"{name} batch 2 workers/1 worker",
                    "",
                    f"{scaling:.2f}x",
                    scaling,
                    "two_workers_over_one",
                ),
            ]
    return rows


def batch_start(workers: int) -> float:
    """Wall seconds of `extractor batch` over one one-page text in a new process: its start.

    A new process, because a pool's fork server lives as long as the process that started it,
    so a second pool in this one would start without importing anything.
    """
    out = OUT / "start.jsonl"
    wall = command(["batch", str(one_page()), "-o", str(out), "-w", str(workers)])[1]
    out.unlink()
    return wall


@dataclass
class PoolPasses:
    """Wall seconds of a started pool's passes over a corpus, and of raw pypdfium2 beside them."""

    first: float
    """The first pass, each worker having read 2 files: every word new to the workers."""
    warm: float
    """The median of the passes after the workers had read the corpus, as `extract`'s median is."""
    raw: float | None
    """Raw pypdfium2's median, one pass before each warm pass (one worker only)."""
    over_raw: float | None
    """The median over warm passes of each one's time over the raw pass just before it.

    A pass and the raw pass before it met the same load on the shared machine; a ratio of two
    medians could set a quiet minute's raw pass against a busy minute's pool pass.
    """


def batch_pass(files: list[Path], workers: int, passes: int) -> PoolPasses:
    """A pool's passes over every file: the first one, then `passes` warm ones.

    Each worker reads 2 files, then the pool reads the corpus `workers` times untimed but the
    first, so that every worker has met its words (spaCy learns each new word once per
    process), as `extract`'s passes in this process have. Workers are not retired meanwhile:
    a retirement (every 500 inputs in a batch) costs a fork and relearning the common words,
    which the first pass shows. With one worker, a raw pass precedes each warm pass, so that
    their ratio compares passes that met the same load on a shared machine.
    """
    names = [str(path) for path in files]
    reads = (2 + workers + passes) * len(files)
    with Pool(workers, Options(worker_inputs=reads)) as pool:
        list(pool.map(names[: 2 * workers]))
        first = timed(lambda: list(pool.map(names)))[1]
        for _ in range(workers - 1):
            list(pool.map(names))
        ours, raw = [], []
        for _ in range(passes):
            if workers == 1:
                raw.append(timed(partial(each, pdfium_text, files))[1])
            started = time.perf_counter()
            outcomes = [outcome for _, outcome in pool.map(names)]
            ours.append(time.perf_counter() - started)
            assert all(outcome.kind != "error" for outcome in outcomes), "an input failed"
    if not raw:
        return PoolPasses(first, statistics.median(ours), None, None)
    ratios = [mine / floor for mine, floor in zip(ours, raw, strict=True)]
    return PoolPasses(
        first, statistics.median(ours), statistics.median(raw), statistics.median(ratios)
    )


def batch_memory(bench: Bench) -> list[Row]:
    """Resident memory of a batch (parent and workers) over 5,000 inputs (1,000 with --quick).

    The inputs cycle through the generated PDFs and their text copies. Growth is the peak over
    the last 500 inputs minus the peak over inputs 500 to 1,000 (the first 500 warm up).
    """
    total = 1000 if bench.quick else 5000
    files = sorted(path for path in bench.pages if path.parent == FOLDER)
    cycle = [path for pdf in files for path in (pdf, pdf.with_suffix(".txt"))]
    paths = [str(cycle[index % len(cycle)]) for index in range(total)]
    print(f"batch memory: {total} inputs, 2 workers", file=sys.stderr)
    samples: list[tuple[int, float]] = []
    with all_cores(), Pool(2, Options()) as pool:
        for done, _ in enumerate(pool.map(paths), start=1):
            if done % 50 == 0:
                pids = [worker.process.pid for worker in pool.workers]
                samples.append((done, sum(map(resident_mb, [os.getpid(), *pids]))))
    before, after = peaks(samples, total)
    growth = after - before
    bench.values["batch_rss_mb"] = samples
    return [
        Row(
            f"batch RSS growth (parent + 2 workers), {total:,} inputs",
            "",
            f"{growth:+.1f} MB ({before:.0f} -> {after:.0f} MB)",
            growth,
            "batch_rss_growth_mb",
        )
    ]


@contextmanager
def all_cores() -> Iterator[None]:
    """Lift the one-core pinning for a figure that measures several processes."""
    pinned = os.sched_getaffinity(0)
    os.sched_setaffinity(0, range(os.cpu_count() or 1))
    try:
        yield
    finally:
        os.sched_setaffinity(0, pinned)


MEASUREMENTS: list[Measurement] = [
    pipeline_build,
    big_pdf,
    generated,
    ofsted,
    memory,
    text_copies,
    startup,
    stages,
    batch_scaling,
    batch_memory,
]
"""Every figure, in the order measured; a new figure is one more function here."""

# ------------------------------------------------------------------------------ report


def commit() -> str:
    """The commit of the checkout that extractor was imported from, and whether it was edited."""
    root = Path(sys.modules["extractor"].__file__ or "").resolve().parent.parent
    git = ["git", "--no-optional-locks", "-C", str(root)]  # read-only git
    head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    diff = [*git, "diff", "--quiet", "HEAD", "--", "extractor", "models"]
    changed = subprocess.run(diff, capture_output=True)
    return f"{head.stdout.strip()}{' + local changes' if changed.returncode else ''} ({root})"


def main() -> int:
    """Generate or reuse the inputs, run every measurement, print the table, write results."""
    parser = argparse.ArgumentParser(description="Speed and memory benchmarks (README.md).")
    parser.add_argument("--quick", action="store_true", help="fewer runs and files")
    parser.add_argument("--regenerate", action="store_true", help="rebuild benchmarks/out first")
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="shared folder")
    args = parser.parse_args()
    core = sorted(os.sched_getaffinity(0))[-1]
    os.sched_setaffinity(0, {core})  # one core: nothing below runs in parallel
    bench = Bench(args.quick, inputs(args.regenerate), args.shared)
    assert bench.pages[OUT / "big.pdf"] == BIG_PAGES
    rows = [row for measure in MEASUREMENTS for row in measure(bench)]

    table = [("figure", "CPU time", "wall clock", "target", "result")]
    table += [(row.figure, row.cpu, row.wall, *row.result()) for row in rows]
    bench.values |= {"commit": commit(), "quick": args.quick, "table": table}
    RESULTS.write_text(json.dumps(bench.values, indent=1, default=str))
    widths = [max(len(line[i]) for line in table) for i in range(5)]
    print(f"\ncommit {bench.values['commit']}; one core (CPU {core}); judged on CPU time")
    for line in table:
        print("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)))
    failed = [line[0] for line in table if line[4] == "FAIL"]
    print(f"\nFAIL: {'; '.join(failed)}" if failed else "\nall targets met")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
