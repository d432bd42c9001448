"""Histories: one row per inspection whatever the copies, services named by their area."""

from __future__ import annotations

from conftest import REPORTS, record_of
from extractor import load_bytes, parse
from extractor.history import as_csv, as_text, histories
from models import Article, InspectionReport


def article(text: str, name: str = "news.txt") -> Article:
    """An article written for the test, parsed."""
    record = parse(load_bytes(text.encode(), name))
    assert isinstance(record, Article)
    return record


def report(name: str) -> InspectionReport:
    """A bundled report."""
    record = record_of(REPORTS / name)
    assert isinstance(record, InspectionReport)
    return record


EASTMOOR_2026 = """Moorside Gazette

Eastmoor Youth Justice Service rated Good by inspectors

12 February 2026

Eastmoor Youth Justice Service has been rated 'Good' by HM Inspectorate of Probation.
"""

MARCHLEY = """Marchley Post

Youth work in Marchley judged inadequate

3 May 2023

Marchley's youth justice service has been rated 'Inadequate' by HM Inspectorate of Probation.
"""


def test_the_copies_of_one_report_are_one_row() -> None:
    """Eastmoor's PDF (published January 2026) and its HTML and text copies: one 2025 row."""
    copies = [report(f"eastmoor-2025.{suffix}") for suffix in ("pdf", "html", "txt")]
    assert [c.published.value if c.published else None for c in copies] == ["2026-01", None, None]
    [history] = histories(copies)
    assert [(e.year, e.rating, len(e.sources)) for e in history.events] == [(2025, "Good", 3)]
    assert history.name == "Eastmoor Youth Justice Service"


def test_a_report_alone_goes_by_its_fieldwork_year() -> None:
    """The PDF by itself is the 2025 inspection too: fieldwork, not publication, dates it."""
    [history] = histories([report("eastmoor-2025.pdf")])
    assert [e.year for e in history.events] == [2025]


def test_an_article_dated_by_publication_joins_the_inspection() -> None:
    """An article of 2026 about the report of fieldwork 2025 is the same row, not a new one."""
    news = article(EASTMOOR_2026)
    assert news.inspection_year is not None and news.inspection_year.value == 2026
    [alone] = histories([news])
    assert [e.year for e in alone.events] == [2026]
    [history] = histories([report("eastmoor-2025.pdf"), news])
    assert [(e.year, [s.claim for s in e.sources]) for e in history.events] == [
        (2025, ["report", "reported"])
    ]


def test_the_year_after_fieldwork_belongs_to_the_inspection_unless_reported_itself() -> None:
    """Only the text copy (no publication date): 2026 still joins; not when 2026 has its report."""
    news = article(EASTMOOR_2026)
    [history] = histories([report("eastmoor-2025.txt"), news])
    assert [e.year for e in history.events] == [2025]
    text = (REPORTS / "eastmoor-2025.txt").read_text("utf-8").replace("2025", "2026")
    later = parse(load_bytes(text.encode(), "eastmoor-2026.txt"))
    [history] = histories([report("eastmoor-2025.txt"), later, news])
    assert [(e.year, [s.path for s in e.sources]) for e in history.events] == [
        (2025, [str(REPORTS / "eastmoor-2025.txt")]),
        (2026, ["eastmoor-2026.txt", "news.txt"]),
    ]


def test_a_service_is_named_by_its_area_when_no_proper_name_is_given() -> None:
    """A description ("Marchley's youth justice service") is no name: the timeline says Marchley."""
    news = article(MARCHLEY)
    assert [s.name for s in news.services] == ["Marchley's youth justice service"]
    [history] = histories([news])
    assert (history.name, history.area) == ("Marchley", "Marchley")
    proper = article(MARCHLEY.replace("Marchley's youth justice service", "Marchley YJS"))
    [history] = histories([news, proper])
    assert history.name == "Marchley YJS"


def test_a_report_names_the_service_over_any_article() -> None:
    """The report's printed name wins over a proper name an article gave first."""
    news = article(EASTMOOR_2026.replace("Eastmoor Youth Justice Service", "Eastmoor YJS"))
    [history] = histories([news, report("eastmoor-2025.txt")])
    assert history.name == "Eastmoor Youth Justice Service"


def test_an_undated_claim_never_reads_year_question_mark() -> None:
    """A rating with no year is listed as undated, after the dated rows, in every format."""
    news = article(MARCHLEY)
    assert news.overall_rating is not None
    undated = news.model_copy(update={"inspection_year": None, "published": None})
    found = histories([undated])
    assert [e.year for e in found[0].events] == [None]
    text = as_text(found)
    assert "year?" not in text
    assert text.splitlines()[1].startswith("  undated Inadequate ")
    assert (
        as_csv(found)
        .splitlines()[1]
        .startswith("hmi_probation,Marchley,youth,Marchley,,Inadequate,")
    )
