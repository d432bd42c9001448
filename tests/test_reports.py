"""The bundled reports come out as their reviewed expected records, from text, HTML and PDF."""

from __future__ import annotations

import json
from typing import Any

import pypdfium2 as pdfium
import pytest

from conftest import REPORTS, fixture_builder, loaded
from extractor import load_bytes, parse
from helpers import facts
from models import InspectionReport

NAMES = sorted(path.name.removesuffix(".expected.json") for path in REPORTS.glob("*.expected.json"))
PDF_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-"})
TITLE_PAGE_DATES = {"blackpool-2025": "2025-11", "eastmoor-2025": "2026-01"}


def expected(name: str) -> dict[str, Any]:
    """The reviewed expected facts of a bundled report."""
    data: dict[str, Any] = json.loads((REPORTS / f"{name}.expected.json").read_text("utf-8"))
    return data


def test_every_report_fixture_has_all_three_formats() -> None:
    """Each expected file belongs to a text copy, an HTML page and a PDF of the same report."""
    assert NAMES == ["blackpool-2025", "eastmoor-2025"]
    for name in NAMES:
        for suffix in (".txt", ".html", ".pdf"):
            assert (REPORTS / f"{name}{suffix}").exists()


@pytest.mark.parametrize("name", NAMES)
def test_text_copy_gives_the_expected_record(name: str) -> None:
    """The text copy yields exactly the reviewed facts."""
    assert facts(loaded(REPORTS / f"{name}.txt")[1]) == expected(name)


@pytest.mark.parametrize("name", NAMES)
def test_html_page_gives_the_same_facts(name: str) -> None:
    """The inspectorate-style HTML page yields the same facts as the text copy."""
    assert facts(loaded(REPORTS / f"{name}.html")[1]) == expected(name)


@pytest.mark.parametrize("name", NAMES)
def test_pdf_gives_the_same_facts(name: str) -> None:
    """The PDF yields the same facts, with straight quotes and its title-page publication month."""
    record = loaded(REPORTS / f"{name}.pdf")[1]
    want = json.loads(json.dumps(expected(name), ensure_ascii=False).translate(PDF_QUOTES))
    want["published"] = TITLE_PAGE_DATES[name]
    got = json.loads(json.dumps(facts(record), ensure_ascii=False).translate(PDF_QUOTES))
    assert got == want


@pytest.mark.parametrize("suffix", [".txt", ".html", ".pdf"])
def test_blackpool_headline_figures(suffix: str) -> None:
    """The figures an analyst checks first, read straight from the record."""
    record = loaded(REPORTS / f"blackpool-2025{suffix}")[1]
    assert isinstance(record, InspectionReport)
    assert (
        record.overall_rating is not None and record.overall_rating.value == "Requires improvement"
    )
    assert record.score is not None and (record.score.value, record.score.max) == (6, 12)
    assert [(s.code, s.rating.value if s.rating else None) for s in record.standards] == [
        ("2.1", "Inadequate"),
        ("2.2", "Good"),
        ("2.3", "Outstanding"),
        ("V1", "Requires improvement"),
    ]
    assert [q.percent.value for q in record.standards[0].key_questions if q.percent] == [67, 47]
    assert len(record.recommendations) == 6
    assert record.recommendations_stated_count is not None
    assert record.recommendations_stated_count.value == 6
    assert (len(record.strengths), len(record.areas_for_improvement)) == (18, 12)


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("Does assessing sufficiently analyse:", "Does assessing sufficiently analyse {row}"),
        ("Is assessing good enough?", "{row}"),
        (
            "Does assessing (and review?) sufficiently analyse how to:",
            "Does assessing sufficiently analyse how to {row}",
        ),
        ("Key questions", "{row}"),
        ("Indicator", "{row}"),
        ("", "{row}"),
    ],
)
def test_key_questions_join_a_partial_stem_only(stem: str, expected: str) -> None:
    """A stem that is half a question is joined to each row; a whole question or label is not."""
    page = (REPORTS / "blackpool-2025.html").read_text(encoding="utf-8")
    page = page.replace("Does assessing sufficiently analyse how to:", stem)
    record = parse(load_bytes(page.encode(), "stems.html"))
    assert isinstance(record, InspectionReport)
    rows = ["achieve positive change for the child?", "keep the child and the community safe?"]
    assert [q.question for q in record.standards[0].key_questions] == [
        expected.format(row=row) for row in rows
    ]


def test_pdf_evidence_carries_page_numbers() -> None:
    """Every PDF value says which page it is on; the ratings table is on page 4, the team on 11."""
    record = loaded(REPORTS / "blackpool-2025.pdf")[1]
    assert isinstance(record, InspectionReport)
    assert record.score is not None and record.score.evidence.page == 4
    assert record.standards[0].rating is not None
    assert record.standards[0].rating.evidence.page == 4
    assert record.inspectors[-1].evidence.page == 11


def test_pdf_rejoins_the_broken_rating_word() -> None:
    """pypdfium2 reads 'Inadeq uate' in the Blackpool PDF; the record still says Inadequate."""
    document, record = loaded(REPORTS / "blackpool-2025.pdf")
    assert isinstance(record, InspectionReport)
    assert "Inadeq uate" not in document.text
    assert record.standards[0].rating is not None
    assert record.standards[0].rating.evidence.text == "Inadequate"


@pytest.mark.parametrize("name", NAMES)
def test_committed_html_and_pdf_are_what_build_py_renders(name: str) -> None:
    """The HTML and PDF fixtures are rebuilt from the text copy by fixtures/build.py, unedited."""
    build = fixture_builder()
    report = build.parse((REPORTS / f"{name}.txt").read_text("utf-8"))
    html = build.render_html(report)
    assert html == (REPORTS / f"{name}.html").read_text("utf-8")
    rendered = pdfium.PdfDocument(build.render_pdf(report, build.meta_for(name, report)))
    committed = pdfium.PdfDocument(REPORTS / f"{name}.pdf")
    assert [page.get_textpage().get_text_range() for page in rendered] == [
        page.get_textpage().get_text_range() for page in committed
    ]
