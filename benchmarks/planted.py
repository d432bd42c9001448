"""Plant each bug the test suite once missed, one at a time, and say which tests now catch it.

Run from the repository root: `python benchmarks/planted.py [-k NAME]`. Each mutant replaces one
exact piece of source; the file is restored afterwards, whatever happens. A mutant whose source
no longer exists (the code moved on) is reported as `gone`, not as killed. Exit 1 if any survive.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Mutant:
    """One planted bug: where, what it replaces, and the tests expected to catch it."""

    name: str
    path: str
    old: str
    new: str
    tests: str


MUTANTS = [
    Mutant(
        "surname: earliest namesake",
        "extractor/parse/speakers.py",
        "return (with_role or same or [person])[-1]",
        "return (with_role or same or [person])[0]",
        "tests/test_mutants.py",
    ),
    Mutant(
        "surname: the speaker before",
        "extractor/parse/speakers.py",
        "return (with_role or same or [person])[-1]",
        "return (with_role or same or self.met[-1:] or [person])[-1]",
        "tests/test_mutants.py",
    ),
    Mutant(
        "pronoun: earliest person first",
        "extractor/parse/speakers.py",
        "for person in reversed([*self.met, *persons]):",
        "for person in [*self.met, *persons]:",
        "tests/test_mutants.py",
    ),
    Mutant(
        "pronoun: honorific ignored",
        "extractor/parse/speakers.py",
        "if person.pronoun in (None, word):",
        "if True:",
        "tests/test_mutants.py",
    ),
    Mutant(
        "pronoun: only the last speaker",
        "extractor/parse/speakers.py",
        "persons = [p for p in earlier if p.honorific is not None or p.role is not None]",
        "persons = []",
        "tests/test_mutants.py",
    ),
    Mutant(
        "speaker: farthest before the verb",
        "extractor/parse/speakers.py",
        "return people.resolve(before[-1])",
        "return people.resolve(before[0])",
        "tests/test_mutants.py",
    ),
    Mutant(
        "speaker: last after the verb",
        "extractor/parse/speakers.py",
        "return people.resolve(found[0])",
        "return people.resolve(found[-1])",
        "tests/test_mutants.py",
    ),
    Mutant(
        "quotes: three words",
        "extractor/parse/quotes.py",
        "if len(inner.split()) >= 4:",
        "if len(inner.split()) >= 3:",
        "tests/test_mutants.py",
    ),
    Mutant(
        "quotes: five words",
        "extractor/parse/quotes.py",
        "if len(inner.split()) >= 4:",
        "if len(inner.split()) > 4:",
        "tests/test_mutants.py",
    ),
    Mutant(
        "previous: 'from' ignored",
        "extractor/parse/article.py",
        'if right_before[-1:] == ["from"] or right_before[-2:-1] == ["from"]:',
        'if right_before[-1:] == ["frm"] or right_before[-2:-1] == ["frm"]:',
        "tests/test_mutants.py",
    ),
    Mutant(
        "previous: same year is past",
        "extractor/parse/article.py",
        "and max(years) < year\n",
        "and max(years) <= year\n",
        "tests/test_mutants.py",
    ),
    Mutant(
        "previous: later year is past",
        "extractor/parse/article.py",
        "and max(years) < year\n",
        "and max(years) != year\n",
        "tests/test_mutants.py",
    ),
    Mutant(
        "previous: undated repeat kept",
        "extractor/parse/article.py",
        "if key in seen or (statement.year is None and statement.rating in dated):",
        "if key in seen:",
        "tests/test_mutants.py",
    ),
    Mutant(
        "previous: repeats kept",
        "extractor/parse/article.py",
        "if key in seen or (statement.year is None and statement.rating in dated):",
        "if statement.year is None and statement.rating in dated:",
        "tests/test_mutants.py",
    ),
    Mutant(
        "pdf: no '•' bullets",
        "extractor/readers/pdf.py",
        r'_BULLET = re.compile(r"^\s*(?:[•●▪◦·\-–*]|',
        r'_BULLET = re.compile(r"^\s*(?:[\-–*]|',
        "tests/test_mutants.py",
    ),
    Mutant(
        "pdf: no numbered items",
        "extractor/readers/pdf.py",
        r"|\d{1,2}[.)]|\([a-z0-9]\))\s+",
        r"|\([a-z0-9]\))\s+",
        "tests/test_mutants.py",
    ),
    Mutant(
        "pdf: list items not carried over a page",
        "extractor/readers/pdf.py",
        'last.kind in ("paragraph", "list_item")\n        and first.kind == "paragraph"',
        'last.kind == "paragraph"\n        and first.kind == "paragraph"',
        "tests/test_mutants.py",
    ),
    Mutant(
        "key questions: stem kept past a heading",
        "extractor/parse/report.py",
        'if block.kind == "heading":\n            stem = None',
        'if block.kind == "heading":\n            pass',
        "tests/test_mutants.py",
    ),
    Mutant(
        "key questions: stem never joined",
        "extractor/parse/report.py",
        'joined = f"{stem} {question}" if _PARTIAL_STEM.fullmatch(stem.strip()) else question',
        "joined = question",
        "tests/test_mutants.py",
    ),
    Mutant(
        "band window: the cut itself is an error",
        "extractor/check.py",
        "cut - book.rounding_margin <= lowest.value <= cut",
        "cut - book.rounding_margin <= lowest.value < cut",
        "tests/test_mutants.py",
    ),
    Mutant(
        "band window: a point below is an error",
        "extractor/check.py",
        "cut - book.rounding_margin <= lowest.value <= cut",
        "cut - book.rounding_margin < lowest.value <= cut",
        "tests/test_mutants.py",
    ),
    Mutant(
        "band window: two points above warn",
        "extractor/check.py",
        "cut - book.rounding_margin <= lowest.value <= cut",
        "cut - book.rounding_margin <= lowest.value <= cut + 1",
        "tests/test_mutants.py",
    ),
    Mutant(
        "incomplete record: victims asked for percentages",
        "extractor/check.py",
        'and definition.basis == "case"',
        'and definition.basis != "qualitative"',
        "tests/test_incomplete_record.py",
    ),
    Mutant(
        "history: publication year first",
        "extractor/history.py",
        "dates = [d for d in (report.fieldwork_started, report.published) if d]",
        "dates = [d for d in (report.published, report.fieldwork_started) if d]",
        "tests/test_history.py",
    ),
    Mutant(
        "history: the year after fieldwork not joined",
        "extractor/history.py",
        "for other in (year + 1, published):",
        "for other in (published,):",
        "tests/test_history.py",
    ),
]


def run(mutant: Mutant) -> str:
    """Plant the mutant, run its tests, restore the file: 'killed', 'SURVIVED' or 'gone'."""
    path = ROOT / mutant.path
    original = path.read_text("utf-8")
    if original.count(mutant.old) != 1:
        return "gone"
    try:
        path.write_text(original.replace(mutant.old, mutant.new), "utf-8")
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", mutant.tests],
            cwd=ROOT,
            capture_output=True,
            check=False,
        )
    finally:
        path.write_text(original, "utf-8")
    return "killed" if result.returncode != 0 else "SURVIVED"


def main() -> int:
    """Run every planted mutant (or those whose name contains -k) and print a verdict each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-k", default="", help="only mutants whose name contains this")
    chosen = [m for m in MUTANTS if parser.parse_args().k in m.name]
    verdicts = {m.name: run(m) for m in chosen}
    for name, verdict in verdicts.items():
        print(f"{verdict:<9} {name}", flush=True)
    survived = [name for name, verdict in verdicts.items() if verdict != "killed"]
    print(f"{len(verdicts) - len(survived)}/{len(verdicts)} killed")
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main())
