"""Compare checkouts side by side on a shared machine: the same figures, interleaved, medians.

Usage: python benchmarks/compare.py [--rounds 5] [--files 200] CHECKOUT [CHECKOUT...]
e.g.   git worktree add /tmp/before HEAD~3 && python benchmarks/compare.py /tmp/before .

Each round measures every checkout once, one after the other, so a change in the machine's load
falls on all of them alike. Two figures, each judged on CPU time (what contention inflates
least) with the wall clock alongside:
* a one-page text `extract` in a new process (user and system time of the child), as bench.py's
  start-up figure runs it;
* `batch` with one worker over the generated PDFs: the worker's CPU time per page (from
  /proc/PID/stat, Linux only), next to pypdfium2's raw text on the same files in this process.
The generated inputs come from benchmarks/out/ (bench.py or generate.py makes them).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ONE_PAGE = HERE / "out" / "one-page.txt"
FOLDER = HERE / "out" / "folder"
WORKER = """
import os, sys, time
from extractor.pool import Pool
from extractor.options import Options

def cpu(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

if __name__ == "__main__":
    files = sys.argv[1:]
    with Pool(1, Options()) as pool:
        list(pool.map(files[:1]))
        pid = pool.workers[0].process.pid
        before, wall = cpu(pid), time.perf_counter()
        done = list(pool.map(files))
        print(cpu(pid) - before, time.perf_counter() - wall, len(done))
"""


def one_page(checkout: Path) -> tuple[float, float]:
    """CPU and wall seconds of `extractor extract one-page.txt -f text` run from a checkout."""
    script = "import sys; sys.argv[0] = 'extractor'; from extractor.cli import main; main()"
    before, wall = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", script, "extract", str(ONE_PAGE), "-f", "text"],
        env=os.environ | {"PYTHONPATH": str(checkout)},
        cwd=checkout,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, wall


def batch_worker(checkout: Path, files: list[Path]) -> tuple[float, float]:
    """The one batch worker's CPU seconds, and the batch's wall seconds, over the files."""
    result = subprocess.run(
        [sys.executable, "-c", WORKER, *map(str, files)],
        env=os.environ | {"PYTHONPATH": str(checkout)},
        cwd=checkout,
        check=True,
        capture_output=True,
        text=True,
    )
    cpu, wall, done = result.stdout.split()
    assert int(done) == len(files), f"{checkout}: {done} of {len(files)} inputs came back"
    return float(cpu), float(wall)


def pdfium_raw(files: list[Path]) -> tuple[float, float]:
    """CPU and wall seconds of pypdfium2's raw text of every page, the floor (b) measures."""
    import pypdfium2 as pdfium

    cpu, wall = time.process_time(), time.perf_counter()
    for path in files:
        pdf = pdfium.PdfDocument(path)
        for page in pdf:
            page.get_textpage().get_text_range()
        pdf.close()
    return time.process_time() - cpu, time.perf_counter() - wall


def main() -> None:
    """Measure every checkout once per round, then print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("checkouts", nargs="+", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--files", type=int, default=200, help="generated PDFs in the batch")
    args = parser.parse_args()
    import pypdfium2 as pdfium

    files = sorted(FOLDER.glob("*.pdf"))[: args.files]
    pages = 0
    for path in files:
        pdf = pdfium.PdfDocument(path)
        pages += len(pdf)
        pdf.close()
    found: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for number in range(1, args.rounds + 1):
        print(f"round {number} of {args.rounds}; load {os.getloadavg()[0]:.1f}", file=sys.stderr)
        found["pypdfium2 raw text, ms/page"].append(pdfium_raw(files))
        for checkout in args.checkouts:
            found[f"{checkout}: one-page extract, s"].append(one_page(checkout.resolve()))
            found[f"{checkout}: batch worker, ms/page"].append(
                batch_worker(checkout.resolve(), files)
            )
    print(f"{len(files)} generated PDFs, {pages:,} pages; medians of {args.rounds} rounds")
    for figure, runs in found.items():
        scale = 1000 / pages if "ms/page" in figure else 1
        cpu = statistics.median(run[0] for run in runs) * scale
        wall = statistics.median(run[1] for run in runs) * scale
        print(f"{figure:60} CPU {cpu:7.3f}  wall {wall:7.3f}")


if __name__ == "__main__":
    main()
