"""CPU time of reading PDFs (pdfium, tables, layout: `load`), to compare two checkouts.

Reads the bundled report PDFs and a sample of 30 of the Ofsted PDFs in ../shared (every n-th
by path), each `--runs` times, and prints the sum over the files of each file's best time.
Run it from each checkout in turn, several times over, and compare the smallest sums:

    PYTHONPATH=. python benchmarks/pdf_reading.py --runs 3
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from extractor import load

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "ofsted" / "pdfs"
SAMPLE = 30


def groups() -> dict[str, list[Path]]:
    """The bundled report PDFs and, when ../shared is there, the corpus sample."""
    found = {"fixtures": sorted((REPO / "fixtures" / "reports").glob("*.pdf"))}
    corpus = sorted(CORPUS.rglob("*.pdf"))
    if corpus:
        found["corpus30"] = corpus[:: max(1, len(corpus) // SAMPLE)][:SAMPLE]
    return found


def main() -> None:
    """Time every group and print the sums of the best times, in CPU seconds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    paths = groups()
    for path in paths["fixtures"]:
        load(path)  # imports, vocabulary and frameworks, once
    best: dict[Path, float] = {}
    for _ in range(runs):
        for path in (path for group in paths.values() for path in group):
            start = time.process_time()
            load(path)
            spent = time.process_time() - start
            best[path] = min(best.get(path, spent), spent)
    sums = {name: round(sum(best[path] for path in group), 4) for name, group in paths.items()}
    print(json.dumps(sums))


if __name__ == "__main__":
    main()
