"""The ratings table and each standard's own section: ratings, names and key questions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from itertools import compress
from typing import Any, cast

from extractor.document import Block, Document, Span
from extractor.frameworks import (
    Framework,
    StandardDefinition,
    frameworks,
    normalise_code,
    squash,
)
from extractor.parse.analysis import Analysis, Fact
from extractor.parse.sections import Section, find_section
from extractor.vocabulary import vocabulary
from models import GroundedRating, KeyQuestion, RatingStatement, Score, Standard

_CODE = re.compile(
    r"^\s*(?:[A-Z]\s+)?(?P<code>V\s?\d(?:\.\d)?|\d\.\d|\d{1,2}(?=\.?\s))\.?\s+(?P<name>\S.*?)\s*$"
)
"""A standard's code and name: '2.1 Assessing', 'V1 Work with victims', '3 Public protection' (an
approved premises' standards are numbered without a point); a stray letter before it is dropped."""
_MARKER = re.compile(r"\s*(?:\[\d{1,2}\]|\d{1,2})\s*$")
"""A footnote marker after a cell's words ('Not rated[2]', 'Not rated 2')."""
_KQ_CODE = re.compile(r"^\s*(?P<code>V\s?\d\.\d|\d\.\d\.\d)\.?\s+(?P<question>\S.*)$")
_RATING_COLUMN = re.compile(r"ratings?", re.IGNORECASE)
"""A table's last header cell naming its ratings column: the table belongs to one standard."""
_YES_COLUMN = re.compile(r"%\s*\S?\s*yes", re.IGNORECASE)
"""A '% Yes' column header: the rows below it are key questions with their percentages."""
_SCORE_BEFORE = re.compile(r"score\D{0,3}$", re.IGNORECASE)
_FIELDWORK = re.compile(r"fieldwork", re.IGNORECASE)
_OVERALL_ROW = re.compile(r"\s*overall rating", re.IGNORECASE)
_DOMAIN_NUMBER = re.compile(r"^\s*(?:domain\s+\w+:\s*|\d\.?\s+)", re.IGNORECASE)
_validate_key_question = KeyQuestion.__pydantic_validator__.validate_python
_validate_rating = GroundedRating.__pydantic_validator__.validate_python
_validate_statement = RatingStatement.__pydantic_validator__.validate_python
"""Key questions, ratings and rating statements validated by their model's own schema from a
dict, their evidence (and a question's percent) nested in it as plain fields: one validation for
each, without BaseModel.__init__'s keyword frame or a model made for each evidence first."""


@dataclass(slots=True)
class StandardBuilder:
    """A standard as its parts turn up: the ratings-table row, its section, its key questions."""

    code: str
    name: str
    evidence: Span
    domain: str | None = None
    rating: Fact | None = None
    statements: list[tuple[Fact, str]] = field(default_factory=list)
    key_questions: list[KeyQuestion] = field(default_factory=list)
    not_rated: Span | None = None


def ratings_section(parts: list[Section]) -> Section | None:
    """The section holding the ratings table ('Ratings', 'Summary of ratings')."""
    return find_section(parts, r"^\s*(?:summary of\s+)?ratings?\s*$")


def _units(document: Document, blocks: list[Block]) -> list[tuple[Span, list[Span]]]:
    """Each table row with its cells, and each other block as a single cell."""
    found: list[tuple[Span, list[Span]]] = []
    for block in blocks:
        if block.rows:
            found.extend((row.span, list(row.cells)) for row in block.rows)
        elif block.kind != "heading":
            span = Span(block.start, block.end)
            found.append((span, [span]))
    return found


def ratings_table(
    analysis: Analysis, section: Section | None
) -> tuple[dict[str, StandardBuilder], Score | None, Fact | None, list[tuple[Fact, str]]]:
    """Standards, score, fieldwork month and the overall rating from the ratings table."""
    document = analysis.document
    builders: dict[str, StandardBuilder] = {}
    score: Score | None = None
    fieldwork: Fact | None = None
    statements: list[tuple[Fact, str]] = []
    if section is None:
        return builders, score, fieldwork, statements
    domain: str | None = None
    for span, cells in _units(document, section.blocks(document)):
        text = analysis.slice(span.start, span.end)
        ratings = analysis.facts_in(span.start, span.end, "RATING", "RATING_NONSTANDARD")
        for fact in analysis.facts_in(span.start, span.end, "SCORE"):
            if score is None and _SCORE_BEFORE.search(analysis.slice(span.start, fact.start)):
                score = Score(
                    value=fact.value[0],
                    max=fact.value[1],
                    evidence=analysis.evidence_of(fact),
                )
        for fact in analysis.facts_in(span.start, span.end, "DATE"):
            if _FIELDWORK.search(analysis.slice(span.start, fact.start)):
                fieldwork = fieldwork or fact
        if _OVERALL_ROW.match(text) and ratings:
            statements.append((ratings[-1], section.title))
            continue
        first = analysis.slice(cells[0].start, cells[0].end)
        match = _CODE.match(first if len(cells) > 1 else _before(analysis, span, ratings))
        if match and len(cells) == 1 and match.group("code").isdigit():
            match = None  # a bare number opens sentences too ('3 standards were rated ...')
        absent = _not_rated(analysis, cells) if match and not ratings else None
        if match and (ratings or absent):
            code = normalise_code(match.group("code"))
            name_start = (cells[0].start if len(cells) > 1 else span.start) + match.start("name")
            name_end = name_start + len(match.group("name"))
            builder = builders.setdefault(
                code,
                StandardBuilder(code, match.group("name"), Span(name_start, name_end), domain),
            )
            if ratings:
                builder.rating = ratings[-1]
                builder.statements.append((ratings[-1], section.title))
            builder.not_rated = absent
        elif (
            len(cells) == 1 and not ratings and len(text) < 80 and not score_or_date(analysis, span)
        ):
            domain = _DOMAIN_NUMBER.sub("", text).strip() or None
    return builders, score, fieldwork, statements


def _not_rated(analysis: Analysis, cells: list[Span]) -> Span | None:
    """The cell of a ratings-table row that says its standard was not rated ('Not rated')."""
    if len(cells) < 2:
        return None
    last = cells[-1]
    text = analysis.slice(last.start, last.end)
    stripped = _MARKER.sub("", text).strip(" |*")
    if not vocabulary().not_rated.fullmatch(stripped):
        return None
    start = last.start + text.index(stripped)
    return Span(start, start + len(stripped))


def score_or_date(analysis: Analysis, span: Span) -> bool:
    """Whether a line holds a score or a date, so it is not a domain label."""
    return bool(analysis.facts_in(span.start, span.end, "SCORE", "DATE"))


def _before(analysis: Analysis, span: Span, ratings: list[Fact]) -> str:
    """A line's text before its last rating ('2.1 Assessing Inadequate' -> '2.1 Assessing')."""
    end = ratings[-1].start if ratings else span.end
    return analysis.slice(span.start, end).rstrip(" |")


def standard_sections(
    analysis: Analysis,
    builders: dict[str, StandardBuilder],
    titles: list[str | None],
    ratings_section: Section | None,
) -> None:
    """Add each standard's own section: its rating as restated there, and its key questions."""
    document = analysis.document
    skip = range(ratings_section.first, ratings_section.last) if ratings_section else range(0)
    current: StandardBuilder | None = None
    stem: str | None = None
    for index, block in enumerate(document.blocks):
        if index in skip:
            continue
        if block.kind == "heading":
            stem = None
        if not block.rows:
            if current is None or block.kind == "heading":
                continue  # a heading, or no section open: only a table header opens one
            if match := _KQ_CODE.match(document.slice(block)):  # a coded question, no figures
                current.key_questions.append(_coded_question(analysis, block, match, None))
            continue
        for row in block.rows:
            cells = row.cells
            texts = [analysis.slice(cell.start, cell.end) for cell in cells]
            paired = len(cells) > 1  # only a row of cells pairs a question or name with figures
            if paired and _RATING_COLUMN.fullmatch(texts[-1].strip()):
                current = _section_standard(analysis, builders, cells[0])
                stem = None
                continue
            if current is None:
                continue
            if paired and _YES_COLUMN.search(texts[-1]):
                stem = texts[0].rstrip(": ")
                continue
            last = cells[-1]
            percents = analysis.facts_in(last.start, last.end, "PERCENT") if paired else []
            if percents and stem is not None:
                current.key_questions.append(_key_question(analysis, stem, cells[0], percents[0]))
                continue  # a key question's row: its ratings are not looked for
            ratings = (
                analysis.facts_in(last.start, last.end, "RATING", "RATING_NONSTANDARD")
                if paired
                else []
            )
            if ratings and not current.statements[1:]:
                current.statements.append((ratings[-1], titles[index] or current.name))
                if current.rating is None:
                    current.rating = ratings[-1]
            elif match := _KQ_CODE.match(texts[0]):
                percent = percents[0] if percents else None
                current.key_questions.append(_coded_question(analysis, cells[0], match, percent))


def _coded_question(
    analysis: Analysis, cell: Span | Block, match: re.Match[str], percent: Fact | None
) -> KeyQuestion:
    """A key question printed with its code ('2.1.1 Does assessment ...') and its '% Yes'."""
    evidence = analysis.document.evidence_fields(cell.start + match.start("question"), cell.end)
    fields = {
        "code": normalise_code(match.group("code")),
        "question": evidence["text"],
        "percent": _percent(analysis, percent) if percent else None,
        "evidence": evidence,
    }
    return cast("KeyQuestion", _validate_key_question(fields))


def _section_standard(
    analysis: Analysis, builders: dict[str, StandardBuilder], cell: Span
) -> StandardBuilder | None:
    """The standard a section table's header names, by code or by a name only it has.

    'Assessment' alone names neither 2.1 nor 3.1, so neither gets the other's key questions.
    """
    text = analysis.slice(cell.start, cell.end)
    match = _CODE.match(text)
    if match:
        code = normalise_code(match.group("code"))
        if code not in builders:
            start = cell.start + match.start("name")
            builders[code] = StandardBuilder(code, match.group("name"), Span(start, cell.end))
        return builders[code]
    codes = _codes_by_name()
    named = {
        builder.code: builder
        for fact in analysis.facts_in(cell.start, cell.end, "STANDARD")
        for builder in builders.values()
        if builder.code in codes.get(squash(fact.value), ())
    }
    return next(iter(named.values())) if len(named) == 1 else None


@cache
def _codes_by_name() -> dict[str, frozenset[str]]:
    """Each standard's name and aliases, squashed, with the codes any framework gives it."""
    codes: dict[str, set[str]] = {}
    for framework in frameworks().values():
        for definition in framework.standards:
            for name in (definition.name, *definition.aliases):
                codes.setdefault(squash(name), set()).add(definition.code)
    return {name: frozenset(found) for name, found in codes.items()}


_PARTIAL_STEM = re.compile(
    r"(?:does|do|is|are|was|were|has|have|how|to what extent)\b.*(?<!\?)", re.IGNORECASE
)
"""A stem that opens a question and leaves it for the rows to finish: 'Does assessing ... how to'.
A whole question (ending in '?'), an empty cell or a column label ('Key questions') is not joined
to the rows; a question mark inside the stem ('Does the delivery (and review?) of') does not end
it."""
_ASIDE_QUERY = re.compile(r"\s*\([^()]*\?\)")
"""A bracketed query in a stem ('(and review?)'): an editor's aside, not part of the question.
Only a question holding '?)' can hold one: the others are not searched."""


def _key_question(analysis: Analysis, stem: str, cell: Span, percent: Fact) -> KeyQuestion:
    """A key question: the table's stem joined to the row's question, and the row's '% Yes'."""
    question = analysis.slice(cell.start, cell.end).strip()
    stem = stem.strip().rstrip(":").strip()
    joined = f"{stem} {question}" if _PARTIAL_STEM.fullmatch(stem) else question
    fields = {
        "question": _ASIDE_QUERY.sub("", joined) if "?)" in joined else joined,
        "percent": _percent(analysis, percent),
        "evidence": analysis.document.evidence_fields(cell.start, cell.end),
    }
    return cast("KeyQuestion", _validate_key_question(fields))


def _percent(analysis: Analysis, fact: Fact) -> dict[str, Any]:
    """A key question's '% Yes' as the fields of its value, validated with the question."""
    return {
        "value": float(fact.value),
        "evidence": analysis.document.evidence_fields(fact.start, fact.end),
    }


def grounded_rating(analysis: Analysis, fact: Fact) -> GroundedRating:
    """A rating fact as a record value."""
    fields = {
        "value": fact.value,
        "evidence": analysis.document.evidence_fields(fact.start, fact.end),
    }
    return cast("GroundedRating", _validate_rating(fields))


def rating_statement(analysis: Analysis, fact: Fact, section: str) -> RatingStatement:
    """Where a rating is stated, in the section it is under."""
    fields = {
        "rating": fact.value,
        "section": section,
        "evidence": analysis.document.evidence_fields(fact.start, fact.end),
    }
    return cast("RatingStatement", _validate_statement(fields))


def standard_record(
    analysis: Analysis, builder: StandardBuilder, framework: Framework | None
) -> Standard:
    """The record of one standard; a printed name the framework knows gets its canonical form."""
    definition: StandardDefinition | None = framework.standard(builder.code) if framework else None
    known = definition is not None and definition.answers_to(builder.name)
    return Standard(
        code=builder.code,
        name=definition.name if definition and known else builder.name,
        domain=definition.domain if definition else builder.domain,
        rating=grounded_rating(analysis, builder.rating) if builder.rating else None,
        rating_statements=[
            rating_statement(analysis, fact, section) for fact, section in builder.statements
        ],
        key_questions=builder.key_questions,
        scored=definition.scored if definition else None,
        not_rated=analysis.grounded(builder.not_rated.start, builder.not_rated.end)
        if builder.not_rated
        else None,
        evidence=analysis.evidence(builder.evidence.start, builder.evidence.end),
    )


def table_standard(
    analysis: Analysis, block: Block, builders: dict[str, StandardBuilder]
) -> StandardBuilder | None:
    """The standard a section table is headed by ('2.1 Assessment | Rating'), if it is one."""
    if not block.rows:
        return None
    cells = block.rows[0].cells
    texts = [analysis.slice(cell.start, cell.end) for cell in cells]
    if len(cells) < 2 or not _RATING_COLUMN.fullmatch(texts[-1].strip()):
        return None
    return _section_standard(analysis, builders, cells[0])


_RATED = re.compile(r"\b(?:rated|rating|judged)\b", re.IGNORECASE)


def prose_statements(
    analysis: Analysis,
    builders: dict[str, StandardBuilder],
    framework: Framework,
    titles: list[str | None],
    ratings_section: Section | None,
    rated: list[bool],
) -> None:
    """Add each prose sentence rating one standard to that standard's statements.

    The standard is named before the verb, by its name, an alias, or a domain that holds it alone
    ('Resettlement, which we rate separately, was rated as ...' is 4.1); a name two standards
    share (2.1 and 3.1 Assessment) names neither, and a service named first is what is rated.
    Only the blocks `rated` marks (`Analysis.blocks_holding('RATING')`, found once for every
    reader of prose ratings) are read.
    """
    names, pattern = framework.standard_names
    if pattern is None:
        return
    skip = range(ratings_section.first, ratings_section.last) if ratings_section else range(0)
    blocks = analysis.document.blocks
    for index in compress(range(len(blocks)), rated):
        block = blocks[index]
        if block.kind in ("table", "heading") or index in skip:
            continue
        for sentence in analysis.sentences_in(block.start, block.end):
            text = analysis.slice(sentence.start, sentence.end)
            ratings = analysis.facts_in(sentence.start, sentence.end, "RATING")
            verb = _RATED.search(text)
            if len(ratings) != 1 or verb is None:
                continue
            subject = text[: verb.start()]
            named = {names[match.group().lower()] for match in pattern.finditer(subject)}
            services = analysis.facts_in(sentence.start, sentence.start + verb.start(), "SERVICE")
            if len(named) != 1 or services:
                continue
            builder = builders.get(named.pop())
            if builder is not None and builder.rating is not None:
                builder.statements.append((ratings[0], titles[index] or ""))
