"""CPU time per page of extract() on the real Ofsted PDFs against the generated probation PDFs.

Issue 8 asks that reading an Ofsted report cost no more per page than a probation report. The
probation PDFs are the benchmark's own (benchmarks/out/folder, made by `bench.py`); the Ofsted
ones are ../shared/corpus/ofsted (read where they lie, never copied).

Usage: python benchmarks/ofsted_pages.py [--files N]
Exit status 1 when an Ofsted page costs more than a probation page; 2 when an input is missing.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import pypdfium2 as pdfium

from extractor import ExtractorError, extract
from extractor.nlp import pipeline

REPO = Path(__file__).resolve().parent.parent
PROBATION = REPO / "benchmarks" / "out" / "folder"
SHARED = Path(os.environ.get("EXTRACTOR_SHARED", REPO.parent / "shared"))
OFSTED = SHARED / "corpus" / "ofsted" / "pdfs"


def per_page(files: list[Path]) -> tuple[int, int, float]:
    """Files read, pages and CPU seconds of extract() over them; inputs not PDFs are skipped."""
    pages, seconds, read = 0, 0.0, 0
    for path in files:
        try:
            count = len(pdfium.PdfDocument(path))
        except pdfium.PdfiumError:
            continue
        started = time.process_time()
        try:
            extract(path)
        except ExtractorError:
            continue
        seconds += time.process_time() - started
        pages += count
        read += 1
    return read, pages, seconds


def main() -> int:
    """Print both costs per page and compare them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=60, help="probation PDFs to read")
    args = parser.parse_args()
    probation = sorted(PROBATION.glob("*.pdf"))[: args.files]
    ofsted = sorted(OFSTED.glob("*/*/*.pdf"))
    if not probation or not ofsted:
        print(
            "run benchmarks/bench.py first, and put ../shared next to the project", file=sys.stderr
        )
        return 2
    pipeline()
    extract(probation[0])
    costs = {}
    for name, files in (("probation (generated)", probation), ("ofsted (real corpus)", ofsted)):
        read, pages, seconds = per_page(files)
        costs[name] = seconds / pages
        print(
            f"{name:<22} {read:>4} files {pages:>5} pages {1000 * seconds / pages:6.2f} ms/page CPU"
        )
    cheaper = costs["ofsted (real corpus)"] <= costs["probation (generated)"]
    print("Ofsted page no dearer than a probation page:", "PASS" if cheaper else "FAIL")
    return 0 if cheaper else 1


if __name__ == "__main__":
    sys.exit(main())
