"""A report rewritten the ways people copy it gives the same facts as the report as published.

Every bundled text report (and the real seed report, when ../shared is there) is rewritten by
each function of tests/rewrites.py at test time: CRLF line ends, straight quotes, headings
without '(Back to top)', tab-separated, Markdown and space-aligned tables, extra blank lines,
hard wraps at several widths, a Markdown document, bare HTML, and all of these at once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from rewrites import REWRITES, STRAIGHT, lines_of

from conftest import REPORTS, SEED_REPORT, fixture_builder
from extractor import load_bytes, parse
from helpers import facts
from models import InspectionReport

SOURCES = sorted(REPORTS.glob("*.txt"))
NAMES = [path.stem for path in SOURCES] + ["seed"]
FACTS = {
    path.name.removesuffix(".facts.json"): json.loads(path.read_text("utf-8"))
    for path in REPORTS.glob("*.facts.json")
}
"""The hand-typed facts of the issue-7 fixtures, which give each report's key-question counts."""
MISSES: dict[tuple[str, str], str] = {}
"""Known parser misses on the issue-7 fixtures, strict: fixing one fails its entry here."""
TABLE_REWRITES = ("tab_tables", "markdown_tables", "aligned_tables")
"""Rewrites of table rows only: a report without a table (a thematic) has none to change."""


def expect_miss(request: pytest.FixtureRequest, variant: str, name: str) -> None:
    """Mark a known parser miss on an issue-7 fixture as a strict expected failure."""
    if (variant, name) in MISSES:
        request.applymarker(pytest.mark.xfail(reason=MISSES[variant, name], strict=True))


def source(name: str) -> Path:
    """The text of a bundled report, or the seed report (skipped when ../shared is absent)."""
    if name == "seed":
        if not SEED_REPORT.exists():
            pytest.skip("../shared/seeds is not available")
        return SEED_REPORT
    return REPORTS / f"{name}.txt"


@cache
def facts_of(text: str, name: str) -> Any:
    """The record's facts with typewriter quotes, so a rewrite's quotes compare equal."""
    record = parse(load_bytes(text.encode("utf-8"), name))
    assert isinstance(record, InspectionReport)
    return json.loads(json.dumps(facts(record), ensure_ascii=False).translate(STRAIGHT))


@pytest.mark.parametrize("name", NAMES)
def test_the_original_has_the_facts_the_rewrites_must_keep(
    name: str, request: pytest.FixtureRequest
) -> None:
    """Every family of fact the rewrites are compared on is there to lose in the original."""
    expect_miss(request, "original", name)
    got = facts_of(source(name).read_text("utf-8"), name)
    typed = FACTS.get(name, {"overall": True, "score": True, "points": [1, 1]})
    assert got["fieldwork_started"] and got["recommendations"]
    assert bool(got["overall_rating"]) == bool(typed["overall"])
    assert bool(got["score"]) == bool(typed["score"])
    measured = [[q for q in s["key_questions"] if q["percent"]] for s in got["standards"]]
    counts = [len(questions) for questions in measured if questions]
    want = [len(p) for p in FACTS[name]["percents"].values() if p] if name in FACTS else [2, 2, 2]
    assert counts == want
    assert all(q["percent"] for s in got["standards"][:3] for q in s["key_questions"])
    assert all(r["addressee"] for r in got["recommendations"])
    assert bool(got["strengths"]) == bool(typed["points"][0])
    assert bool(got["areas_for_improvement"]) == bool(typed["points"][1])
    assert got["quotes"] or name in FACTS
    assert got["case_samples"]["children_cases"] and got["footnotes"]


@pytest.mark.parametrize("rewrite", REWRITES, ids=list(REWRITES))
@pytest.mark.parametrize("name", NAMES)
def test_a_rewritten_report_gives_the_same_facts(
    name: str, rewrite: str, request: pytest.FixtureRequest
) -> None:
    """Ratings, score, standards and percentages, recommendations, points, samples, dates."""
    expect_miss(request, rewrite, name)
    text = source(name).read_text("utf-8")
    if rewrite in TABLE_REWRITES and not any(line.kind == "row" for line in lines_of(text)):
        pytest.skip(f"{name} prints no table for {rewrite} to rewrite")
    rewritten = REWRITES[rewrite](text)
    assert rewritten != text
    assert facts_of(rewritten, f"{name}.{rewrite}") == facts_of(text, name)


CHANGES: dict[str, Callable[[str], bool]] = {
    "no_back_to_top": lambda text: "Back to top" not in text,
    "tab_tables": lambda text: " | " not in text and "\t" in text,
    "aligned_tables": lambda text: " | " not in text,
    "wrapped_72": lambda text: all(len(row) <= 72 for row in text.splitlines() if "|" not in row),
    "plain_html": lambda text: "class=" not in text and "Back to top" not in text,
    "as_pasted": lambda text: "\r\n" in text and "’" not in text and "Back to top" not in text,
}


@pytest.mark.parametrize("rewrite", CHANGES)
def test_each_rewrite_really_drops_the_marks(rewrite: str) -> None:
    """The rewrites remove the marks the parsers used to rely on, so the comparison means it."""
    text = (REPORTS / "blackpool-2025.txt").read_text("utf-8")
    assert CHANGES[rewrite](REWRITES[rewrite](text))


def test_the_logical_lines_rejoin_the_copy_s_one_wrapped_item() -> None:
    """The rewrites start from whole lines: the fixture's item wrapped onto a second line is one."""
    lines = lines_of((REPORTS / "blackpool-2025.txt").read_text("utf-8"))
    items = [line.text for line in lines if line.kind == "item"]
    assert len(items) == 6 + 18 + 12
    assert items[0].endswith("communities safe is consistently of high quality")


PDF_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-"})
PDF_LAYOUTS: dict[str, dict[str, Any]] = {
    "symbol_bullets_larger": {"bullet": ("Symbol", "\xb7", 14)},
    "symbol_bullets_item_over_page": {"bullet": ("Symbol", "\xb7", 14), "broken_item": 30},
    "dingbat_squares_numbered": {"bullet": ("ZapfDingbats", "n", 13), "numbered": True},
    "diamonds_item_over_page": {"bullet": ("ZapfDingbats", "u", 11.5), "broken_item": 14},
    "dashes_numbered_item_over_page": {"numbered": True, "broken_item": 0},
}
"""List layouts PDF generators produce: a symbol-font bullet set larger than the text, numbered
recommendations, hanging indents, and an item that starts at a page's foot and ends overleaf
(in Blackpool's item 30 the page breaks before a capital: '... of the' / 'Probation Service')."""


@cache
def pdf_facts(name: str, layout: str) -> Any:
    """The facts of a report rendered as a PDF in a list layout, quotes made straight.

    The seed report is rendered in memory from ../shared, like the bundled text copies.
    """
    build = fixture_builder()
    report = build.parse(source(name).read_text("utf-8"))
    meta = replace(build.meta_for(name, report), **PDF_LAYOUTS.get(layout, {}))
    record = parse(load_bytes(build.render_pdf(report, meta), f"{name}.{layout}.pdf"))
    assert isinstance(record, InspectionReport)
    return json.loads(json.dumps(facts(record), ensure_ascii=False).translate(PDF_QUOTES))


@pytest.mark.parametrize("layout", PDF_LAYOUTS)
@pytest.mark.parametrize("name", NAMES)
def test_a_pdf_in_another_list_layout_gives_the_same_facts(
    name: str, layout: str, request: pytest.FixtureRequest
) -> None:
    """Bullets in another size or font, numbers and items broken over pages are list items."""
    expect_miss(request, layout, name)
    want = pdf_facts(name, "as the fixture builder sets it")
    got = pdf_facts(name, layout)
    assert got["recommendations"] and (got["strengths"] or not want["strengths"])
    assert got == want


@pytest.mark.parametrize("name", [path.stem for path in SOURCES])
def test_the_inspectorate_page_without_its_classes_gives_the_same_facts(name: str) -> None:
    """No class or id attributes (so no footnote ids, no cookie-banner class) and no links."""
    page = (REPORTS / f"{name}.html").read_text("utf-8")
    bare = re.sub(r'\s(?:class|id)="[^"]*"', "", page)
    bare = re.sub(r'\s*<a href="#top">\(Back to top\)</a>', "", bare)
    assert "class=" not in bare and "Back to top" not in bare and "<li>[1] " in bare
    assert facts_of(bare, f"{name}.bare.html") == facts_of(page, f"{name}.html")
