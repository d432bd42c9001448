"""Documents that are not inspection reports come out as kind 'other', with grounded quantities."""

from __future__ import annotations

import datetime as dt

import pytest
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from conftest import FIXTURES, loaded
from extractor import load_bytes
from models import OtherDocument

OTHER = FIXTURES / "other"
NEWSLETTER = OTHER / "youth-club-newsletter.pdf"
NOT_A_REPORT = "it does not give an inspection rating of a youth justice or probation service"


def newsletter_pdf() -> bytes:
    """The youth-club newsletter PDF; `python tests/test_other.py` rewrites the fixture."""
    pdf = FPDF(format="A4")
    pdf.set_creation_date(dt.datetime(2025, 7, 1, 12, 0, tzinfo=dt.UTC))
    pdf.set_title("Riverside Youth Club newsletter")
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 20)
    title = "Riverside Youth Club newsletter: summer 2025"
    pdf.multi_cell(0, 10, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    sections = [
        (
            "Football tournament",
            [
                "Our under-14 team reached the final of the county cup on 21 June 2025. More "
                "than three quarters of the squad had never played in a tournament before, and "
                "they did the club proud.",
            ],
        ),
        (
            "Summer trips",
            [
                "Places on the canoeing weekend are limited to 24, and 60% of them have already "
                "gone. Please return permission slips by Friday 11 July.",
            ],
        ),
        (
            "A word from our volunteers",
            [
                "Priya, who runs the Tuesday art session, told us:",
                '"Seeing the younger members grow in confidence is the best part of my week."',
            ],
        ),
    ]
    for heading, paragraphs in sections:
        pdf.set_font("Helvetica", "B", 14)
        pdf.multi_cell(0, 8, heading, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font("Helvetica", "", 11)
        for text in paragraphs:
            pdf.multi_cell(0, 6, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(3)
    pdf.set_auto_page_break(auto=False)
    pdf.set_y(-15)
    pdf.set_font("Helvetica", "", 9)
    pdf.cell(0, 10, "Page 1 of 1", align="C")
    return bytes(pdf.output())


def other_record(name: str) -> OtherDocument:
    """The record of a fixture in fixtures/other, checked to be an OtherDocument."""
    record = loaded(OTHER / name)[1]
    assert isinstance(record, OtherDocument), type(record).__name__
    return record


def quantities_of(name: str) -> list[tuple[str, float, str, str | None]]:
    """(text, value, unit, qualifier) of each quantity found in a fixture."""
    return [(q.text, q.value, q.unit, q.qualifier) for q in other_record(name).quantities]


DOCUMENTS = {
    "bin-collections.txt": ("text", "Changes to bin collections over the spring bank holiday"),
    "recipe.html": ("html", "Lemon and thyme traybake"),
    "agenda.md": ("text", "Harbour Lane Residents' Association: agenda for the spring meeting"),
    "youth-club-newsletter.pdf": ("pdf", "Riverside Youth Club newsletter: summer 2025"),
}


def test_the_committed_newsletter_is_what_the_generator_makes() -> None:
    """The fixture PDF and its generator agree, so the fixture can be rebuilt and reviewed."""
    committed = loaded(NEWSLETTER)[0]
    fresh = load_bytes(newsletter_pdf(), "fresh.pdf")
    assert committed.text == fresh.text
    assert committed.source.pages == fresh.source.pages == 1
    assert "Page 1 of 1" not in committed.text


def test_every_other_fixture_is_covered() -> None:
    """Each file in fixtures/other is checked below; a new one must be added here."""
    assert sorted(path.name for path in OTHER.iterdir()) == sorted(DOCUMENTS)


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_other_document_kind_reason_and_title(name: str) -> None:
    """A notice, a recipe, an agenda and a newsletter are not reports, and say why."""
    record = other_record(name)
    fmt, title = DOCUMENTS[name]
    assert record.kind == "other"
    assert record.kind_reason == NOT_A_REPORT
    assert record.source.format == fmt
    assert record.title is not None and record.title.value == title
    assert record.title.evidence.start == 0 and record.title.evidence.text == title
    assert record.findings == []


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_quantities_of_other_documents_are_grounded(name: str) -> None:
    """Every quantity, and what it refers to, quotes the text at its own offsets."""
    document, record = loaded(OTHER / name)
    assert isinstance(record, OtherDocument)
    assert record.quantities
    for quantity in record.quantities:
        evidence = quantity.evidence
        assert document.text[evidence.start : evidence.end] == evidence.text == quantity.text
        assert evidence.page == (1 if document.source.format == "pdf" else None)
        assert quantity.refers_to is not None
        about = quantity.refers_to.evidence
        assert document.text[about.start : about.end] == about.text == quantity.refers_to.value
        assert about.start <= evidence.start and evidence.end <= about.end


def test_bin_notice_quantities() -> None:
    """The recycling share in figures and 'nearly half' with its qualifier; no dates or times."""
    got = quantities_of("bin-collections.txt")
    assert [(text.split()[:2], value, unit, qualifier) for text, value, unit, qualifier in got] == [
        (["46", "per"], 46.0, "percent", None),
        (["nearly", "half"], 50.0, "percent", "nearly"),
    ]
    refers = [
        q.refers_to.value for q in other_record("bin-collections.txt").quantities if q.refers_to
    ]
    assert (
        refers[0] == "Last year households across the borough recycled 46 per cent of their waste"
    )


def test_agenda_quantities() -> None:
    """A percentage and 'About two-thirds'; money in the table is not a share."""
    assert quantities_of("agenda.md") == [
        ("12%", 12.0, "percent", None),
        ("About two-thirds", 66.7, "percent", "about"),
    ]


def test_newsletter_quantities_and_quote() -> None:
    """'More than three quarters' and '60%' from the PDF, and the volunteer's words as a quote."""
    assert quantities_of("youth-club-newsletter.pdf") == [
        ("More than three quarters", 75.0, "percent", "more_than"),
        ("60%", 60.0, "percent", None),
    ]
    quotes = other_record("youth-club-newsletter.pdf").quotes
    assert [quote.text for quote in quotes] == [
        "Seeing the younger members grow in confidence is the best part of my week."
    ]
    assert quotes[0].evidence.page == 1


def test_recipe_page_furniture_is_not_in_the_text() -> None:
    """Cookie banner, skip link, navigation and newsletter footer are not the recipe."""
    text = loaded(OTHER / "recipe.html")[0].text
    for noise in ("cookies", "Accept all", "Skip to content", "Quick suppers", "newsletter"):
        assert noise not in text, noise
    assert text.startswith("Lemon and thyme traybake\nA soft sponge")


def test_recipe_shares() -> None:
    """'a quarter' and 'seven in ten' are shares stated in the recipe page."""
    got = quantities_of("recipe.html")
    assert ("a quarter", 25.0, "percent", None) in got
    assert ("seven in ten", 70.0, "percent", None) in got


def test_recipe_star_rating_is_not_a_share() -> None:
    """'gave it 4.8 out of 5' is a mean score, not a share of readers."""
    assert quantities_of("recipe.html") == [
        ("a quarter", 25.0, "percent", None),
        ("seven in ten", 70.0, "percent", None),
    ]


def test_other_fixtures_hold_no_copied_seed_text() -> None:
    """The fixtures are written for this project: none of their lines appear in the seeds."""
    seeds = FIXTURES.parent.parent / "shared" / "seeds"
    if not seeds.exists():
        pytest.skip("../shared/seeds is not available")
    seed_text = "\n".join(path.read_text("utf-8", errors="replace") for path in seeds.glob("*.txt"))
    for name in DOCUMENTS:
        for line in loaded(OTHER / name)[0].text.split("\n"):
            if len(line) > 40:
                assert line not in seed_text, (name, line)


if __name__ == "__main__":
    NEWSLETTER.write_bytes(newsletter_pdf())
