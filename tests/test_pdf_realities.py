"""PDF realities: each one drawn into a generated PDF gives the same facts as the text copy.

Every test renders the Blackpool text copy with fixtures/render_pdf.py, plain (no split words,
a wide rating column, no stray letter, no table broken over a page) but for the one reality
it is about, checks that the reality is really in the PDF's own text, and that the record
read from the PDF equals the record of the text copy. The word-repair function is tested on
its own at the end, with the words it must leave alone.
"""

from __future__ import annotations

import dataclasses
import json
from functools import cache
from typing import Any

import pypdfium2 as pdfium
import pytest

from conftest import REPORTS, fixture_builder
from extractor import Document, load_bytes, parse
from extractor.layout import clean
from extractor.rejoin import rejoin_all
from helpers import evidence_in, facts

NAME = "blackpool-2025"
PLAIN = {
    "split_words": False,
    "rating_width": 50.0,
    "stray_letter": None,
    "ratings_break": None,
    "question_break": None,
}
PDF_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-"})


def text_copy() -> str:
    """The Blackpool report's plain-text copy."""
    return (REPORTS / f"{NAME}.txt").read_text("utf-8")


@cache
def rendered(text: str, changes: str) -> tuple[bytes, Document]:
    """A text copy drawn as a PDF, plain but for the changes (JSON), and its document."""
    build = fixture_builder()
    report = build.parse(text)
    meta = dataclasses.replace(build.meta_for(NAME, report), **(PLAIN | json.loads(changes)))
    data = bytes(build.render_pdf(report, meta))
    return data, load_bytes(data, f"{NAME}.pdf")


def pages(data: bytes) -> list[str]:
    """The text pdfium gives for each page, before the reader sees it."""
    return [page.get_textpage().get_text_range() for page in pdfium.PdfDocument(data)]


def comparable(record: Any) -> Any:
    """A record's facts with straight quotes and no publication month (the PDF alone has it)."""
    data = json.loads(json.dumps(facts(record), ensure_ascii=False).translate(PDF_QUOTES))
    data.pop("published")
    return data


def assert_same_facts(text: str, document: Document) -> None:
    """The PDF's record equals the text copy's, and every value is grounded in the PDF text."""
    record = parse(document)
    assert comparable(record) == comparable(parse(load_bytes(text.encode(), f"{NAME}.txt")))
    for evidence in evidence_in(record):
        assert document.text[evidence.start : evidence.end] == evidence.text


def table_rows(document: Document) -> list[list[str]]:
    """Every table's rows as their joined cell texts, one list per table."""
    return [
        [" | ".join(cells) for cells in document.cells(block)]
        for block in document.blocks
        if block.kind == "table"
    ]


def test_the_plain_rendering_gives_the_text_copy_facts() -> None:
    """The control: with no reality drawn, the PDF already reads as its text copy."""
    data, document = rendered(text_copy(), "{}")
    assert "Inadeq uate" not in "".join(pages(data))
    assert_same_facts(text_copy(), document)


def test_words_split_into_two_runs_are_rejoined() -> None:
    """Names, domains and ratings in tables drawn as two runs read whole, as in the text."""
    data, document = rendered(text_copy(), '{"split_words": true}')
    raw = "".join(pages(data))
    for broken in ("Inadeq uate", "Implementati on", "chi ldren", "Work with vic tims"):
        assert broken in raw
    assert "2.3 Implementation and delivery | Outstanding" in document.text
    assert "Work with children\n" in document.text
    assert_same_facts(text_copy(), document)


def test_a_rating_wrapped_in_a_narrow_column_reads_as_one() -> None:
    """'Requires' and 'improvement' on two lines of one cell are one rating."""
    data, document = rendered(text_copy(), '{"rating_width": 30.0}')
    assert "Requires\r\nimprovement" in "".join(pages(data))
    assert "Overall rating | Requires improvement" in document.text
    assert "Requires\nimprovement" not in document.text
    assert_same_facts(text_copy(), document)


def test_running_header_and_footer_are_dropped() -> None:
    """The title over every page and 'Page n of m' under it are read nowhere in the body."""
    header = "Blackpool youth justice inspection"
    data, document = rendered(
        text_copy(), json.dumps({"running_header": header, "footer": "Page {page} of {nb}"})
    )
    raw = pages(data)
    count = len(raw)
    for number, page in enumerate(raw[1:], start=2):
        lines = page.split("\r\n")
        assert lines[0] == header
        assert f"Page {number} of {count}" in lines  # last, but on the contents page
    assert header not in document.text
    assert "Page " not in document.text
    assert_same_facts(text_copy(), document)


def test_a_running_title_stays_on_the_title_page() -> None:
    """A title short enough for one line runs over every page too; its title-page copy stays."""
    text = text_copy().replace(text_copy().split("\n", 1)[0], "An inspection of Blackpool YJS", 1)
    data, document = rendered(text, "{}")
    raw = pages(data)
    assert all(page.startswith("An inspection of Blackpool YJS\r\n") for page in raw)
    assert document.text.count("An inspection of Blackpool YJS") == 1
    assert document.text.startswith("An inspection of Blackpool YJS\n")
    assert_same_facts(text, document)


@pytest.mark.parametrize("leaders", [True, False], ids=["dotted-leaders", "flush-numbers"])
def test_a_contents_page_is_not_content(leaders: bool) -> None:
    """Contents entries, with dotted leaders or with page numbers flush right, are dropped."""
    data, document = rendered(text_copy(), json.dumps({"contents_leaders": leaders}))
    lines = pages(data)[1].split("\r\n")
    entry = lines[lines.index("Contents") + 1]
    assert entry.startswith("Foreword ") and entry.endswith(" 3")
    assert ("....." in entry) == leaders
    second = next(page for page in document.pages if page.number == 2)
    assert document.text[second.start : second.end] == "Contents"
    assert_same_facts(text_copy(), document)


def test_a_stray_letter_before_a_standard_code_is_dropped() -> None:
    """'R 2.1 Assessing' (an icon's letter) reads '2.1 Assessing'; 'V 1.1' keeps its V."""
    data, document = rendered(text_copy(), '{"stray_letter": "R"}')
    assert "R 2.1 Assessing" in "".join(pages(data))
    assert "R 2.1" not in document.text
    assert "\n2.1 Assessing | Inadequate\n" in document.text
    assert "V 1.1 Is work with victims" in document.text
    assert_same_facts(text_copy(), document)


def test_a_ratings_table_broken_over_a_page_is_one_table() -> None:
    """Rows of the ratings table after a page break join the rows before it."""
    data, document = rendered(text_copy(), '{"ratings_break": 4}')
    raw = pages(data)
    broken = next(i for i, page in enumerate(raw) if "Overall rating" in page and "Score" in page)
    assert "2.2 Planning" not in raw[broken]
    assert raw[broken + 1].split("\r\n")[1].startswith("2.2 Planning")
    ratings = next(rows for rows in table_rows(document) if "Overall rating" in rows[1])
    assert ratings[3:] == [
        "2.1 Assessing | Inadequate",
        "2.2 Planning | Good",
        "2.3 Implementation and delivery | Outstanding",
        "Work with victims",
        "V1 Work with victims | Requires improvement",
    ]
    page = document.page_at
    assert page(document.text.index("2.1 Assessing | ")) == broken + 1
    assert page(document.text.index("2.2 Planning | ")) == broken + 2  # evidence says overleaf
    assert_same_facts(text_copy(), document)


def test_a_key_question_table_continued_with_its_header_is_one_table() -> None:
    """The header row drawn again over the continued rows is read once."""
    data, document = rendered(text_copy(), '{"question_break": 0}')
    header = "Does assessing sufficiently analyse how to: % 'Yes'"
    assert sum(page.count(header) for page in pages(data)) == 2
    assert [rows for rows in table_rows(document) if rows[0].startswith("Does assessing")] == [
        [
            "Does assessing sufficiently analyse how to: | % 'Yes'",
            "achieve positive change for the child? | 67%",
            "keep the child and the community safe? | 47%",
        ]
    ]
    assert_same_facts(text_copy(), document)


@pytest.mark.parametrize("name", ["blackpool-2025", "eastmoor-2025"])
def test_tables_drawn_without_rules_are_read_from_their_columns(name: str) -> None:
    """Tables set as bare text in columns, every other reality drawn too, read as the text.

    The prose around a table stays prose; a rating wrapped in its narrow column, a label row
    and a table broken over a page (its header row left at the foot) are one table.
    """
    build = fixture_builder()
    text = (REPORTS / f"{name}.txt").read_text("utf-8")
    report = build.parse(text)
    meta = dataclasses.replace(build.meta_for(name, report), ruled=False)
    data = bytes(build.render_pdf(report, meta))
    document = load_bytes(data, f"{name}.pdf")
    raw = "".join(pages(data))
    assert "Requires\r\nimprovem ent" in raw
    ratings = next(rows for rows in table_rows(document) if "Overall rating" in rows[1])
    assert len(ratings) == 8 and ratings[-1].startswith("V1 Work with victims | ")
    record = parse(document)
    want = parse(load_bytes(text.encode(), f"{name}.txt"))
    assert comparable(record) == comparable(want)


def test_the_committed_fixture_carries_every_reality() -> None:
    """The defaults draw all the realities at once, and the committed PDF is that drawing."""
    raw = pages((REPORTS / f"{NAME}.pdf").read_bytes())
    joined = "".join(raw)
    for reality in ("Inadeq uate", "Requires\r\nimprovem ent", "P 2.1 Asse ssing", "........ 3"):
        assert reality in joined
    title = text_copy().split("\n", 1)[0]
    assert all(page.startswith(title + "\r\n") for page in raw[1:])
    assert all(str(number) in page.split("\r\n") for number, page in enumerate(raw[1:], 2))
    assert any(page.split("\r\n")[1].startswith("2.2 Pla nning") for page in raw)


# --------------------------------------------------------------------------- word repair


@pytest.mark.parametrize(
    ("broken", "whole"),
    [
        ("Inadeq uate", "Inadequate"),
        ("Requires i mprovement", "Requires improvement"),
        ("Requires i mprov ement", "Requires improvement"),
        ("Partners hips and services", "Partnerships and services"),
        ("Outofcourt disposal policy and provision", "Out-of-court disposal policy and provision"),
        (
            "3.4 Outofcourt disposal policy and provision",
            "3.4 Out-of-court disposal policy and provision",
        ),
        ("1.3 Partners hips and services[2]", "1.3 Partnerships and services[2]"),
        ("2.3 Implementati on and delivery", "2.3 Implementation and delivery"),
        ("Work with chi ldren", "Work with children"),
        ("Out standing", "Outstanding"),
        ("In adequate", "Inadequate"),
        ("‘Inadeq uate’", "‘Inadequate’"),
        ("Court dis posals", "Court disposals"),
        ("Resettle ment policy and provision", "Resettlement policy and provision"),
    ],
)
def test_split_words_and_names_are_repaired(broken: str, whole: str) -> None:
    """Fragments that spell a rating, a standard's or a domain's name are joined."""
    assert rejoin_all([broken])[0] == whole
    assert clean(broken) == whole


@pytest.mark.parametrize(
    "text",
    [
        "Good Staff",
        "2.2 Planning Good",
        "Staff were in adequate numbers to meet demand.",
        "The team was out standing in the rain when the inspectors arrived at the office.",
        "Leaders looked over all the plans with the partners.",
        "Requires improvement",
        "Out-of-court disposal policy and provision",
        "in formation",
        "A 2.1 per cent rise",
        "Leadership management and governance",
        "3.4 Out of court disposal policy and provision",
    ],
)
def test_real_words_are_not_glued(text: str) -> None:
    """Two real words that spell a known word stay two in prose.

    A name spaced as the name keeps the punctuation it is printed with.
    """
    assert rejoin_all([text])[0] == text
