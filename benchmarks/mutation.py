"""Mutation testing of the parsers and the checks with mutmut, on a seeded sample of mutants.

Not part of CI: it takes tens of minutes. Run from the repository root with the test extras and
mutmut installed (`pip install mutmut`):

    python benchmarks/mutation.py --sample 200 --children 2
    python benchmarks/mutation.py --again benchmarks/out/mutation.json  # its survivors, again

The repository's tracked files are copied to a work folder (`--work`, default a temporary one)
with a `setup.cfg` for mutmut, so the project itself is never touched. mutmut makes every mutant
of extractor/parse/*.py and extractor/check.py, maps each function to the tests that run it (the
fast subset below), then runs a seeded random sample of mutants, each against only the tests
that cover it. Each mutant runs in a process forked from a server that has only collected the
tests, and the copy's tests parse anew in every test, so no cached parse hides a mutant. The
kill rate per file and overall is printed and written to benchmarks/out/mutation.json. A mutant
no test reaches counts as survived.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = ["extractor/parse/*.py", "extractor/check.py"]
TESTS = [
    "tests/test_mutants.py",
    "tests/test_incomplete_record.py",
    "tests/test_history.py",
    "tests/test_checks.py",
    "tests/test_reports.py",
    "tests/test_articles.py",
    "tests/test_seed.py",
    "tests/test_grounding.py",
    "tests/test_check_units.py",
    "tests/test_fixture_review.py",
    "tests/test_ofsted.py",
    "tests/test_ofsted_relations.py",
]
"""The fast tests that exercise the parsers and checks (the property tests are left out)."""
FRESH_PARSES = """

@pytest.fixture(autouse=True)
def _fresh_parses() -> None:
    \"\"\"Parse anew in every test, so mutmut sees every test that runs each parser.\"\"\"
    loaded.cache_clear()
"""
"""Added to the copy's conftest: with records cached across tests, mutmut would map a parser only
to the first test that parsed each file, and run only that test against the parser's mutants."""
KILLED = {"killed", "timeout", "caught by type check", "segfault"}
_RESULT = re.compile(r"^\s*(?P<name>[\w.]+__mutmut_\d+): (?P<status>.+)$")


def _config(tests: list[str]) -> str:
    """The setup.cfg section for mutmut: what to mutate, what to copy, which tests to run."""

    def listed(key: str, values: list[str]) -> str:
        return f"{key}=\n" + "".join(f"    {value}\n" for value in values)

    return (
        "[mutmut]\nsource_paths=extractor/\n"
        + listed("only_mutate", TARGETS)
        + listed("also_copy", ["models/", "fixtures/", "docs/", "README.md"])
        + listed("pytest_add_cli_args", ["-p", "no:cacheprovider", "-q", "-x"])
        + listed("pytest_add_cli_args_test_selection", tests)
        + "process_isolation=forkserver\nforkserver_warmup=collect\n"
    )


def _prepare(work: Path, tests: list[str], shared: Path) -> Path:
    """A copy of the tracked files, with the shared corpus beside it when the project has one."""
    repo = work / "repo"
    if repo.exists():
        shutil.rmtree(repo)
    repo.mkdir(parents=True)
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.split(b"\0")
    for name in filter(None, (item.decode() for item in tracked)):
        source, target = ROOT / name, repo / name
        if source.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    if shared.is_dir():
        (repo / "shared").symlink_to(shared)
    (repo / "setup.cfg").write_text(_config(tests), "utf-8")
    with (repo / "tests" / "conftest.py").open("a", encoding="utf-8") as conftest:
        conftest.write(FRESH_PARSES)
    return repo


def _mutmut(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run mutmut in the work copy."""
    command = [str(Path(sys.executable).with_name("mutmut")), *args]
    return subprocess.run(command, cwd=repo, capture_output=True, text=True, check=False)


def _statuses(repo: Path) -> dict[str, str]:
    """Every mutant's name and status, as mutmut records them."""
    found = {}
    for line in _mutmut(repo, "results", "--all", "true").stdout.splitlines():
        if match := _RESULT.match(line):
            found[match.group("name")] = match.group("status").strip()
    return found


def _module(name: str) -> str:
    """The module a mutant belongs to: 'extractor.parse.quotes.x__segments__mutmut_3' -> ..."""
    return name.split(".x")[0] if ".x" in name else name.rsplit(".", 1)[0]


def main() -> int:
    """Generate, sample, run, and report the kill rate per module and overall."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=200, help="mutants to run (0: all)")
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--children", type=int, default=2)
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--tests", nargs="*", default=TESTS)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="seeds")
    parser.add_argument(
        "--again", type=Path, default=None, help="a mutation.json: run its survivors again"
    )
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="extractor-mutation-"))
    repo = _prepare(work, args.tests, args.shared.resolve())
    print(f"work copy: {repo}", flush=True)
    _mutmut(repo, "run", "generate-only-no-such-mutant*", "--max-children", str(args.children))
    every = sorted(_statuses(repo))
    if not every:
        print("mutmut made no mutants; see its output in the work copy", file=sys.stderr)
        return 2
    if args.again:
        wanted = set(json.loads(args.again.read_text("utf-8"))["survivors"])
        chosen = [name for name in every if name in wanted]
    elif args.sample <= 0:
        chosen = every
    else:
        chosen = random.Random(args.seed).sample(every, args.sample)
    print(f"{len(every)} mutants; running {len(chosen)}", flush=True)
    run = _mutmut(repo, "run", *chosen, "--max-children", str(args.children))
    (work / "mutmut-run.log").write_text(run.stdout + run.stderr, "utf-8")
    statuses = _statuses(repo)
    per_module: dict[str, Counter[str]] = defaultdict(Counter)
    for name in chosen:
        per_module[_module(name)][statuses.get(name, "not checked")] += 1
    report: dict[str, dict[str, object]] = {}
    all_killed = all_total = 0
    for module, counts in sorted(per_module.items()):
        total = sum(counts.values())
        killed = sum(count for status, count in counts.items() if status in KILLED)
        report[module] = {"killed": killed, "total": total, "statuses": dict(counts)}
        print(f"{module:<32} {killed:>4}/{total:<4} {killed / total:6.1%}  {dict(counts)}")
        all_killed, all_total = all_killed + killed, all_total + total
    killed, total = all_killed, all_total
    print(f"{'all':<32} {killed:>4}/{total:<4} {killed / total:6.1%}")
    survivors = sorted(name for name in chosen if statuses.get(name) not in KILLED)
    out = ROOT / "benchmarks" / "out"
    out.mkdir(exist_ok=True)
    result_file = "mutation-again.json" if args.again else "mutation.json"
    summary = {"mutants": len(every), "sample": len(chosen), "seed": args.seed, "tests": args.tests}
    (out / result_file).write_text(
        json.dumps({**summary, "modules": report, "survivors": survivors}, indent=2) + "\n",
        "utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
