"""Read an inspection report's facts from the document model: one pass per part of the record."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import compress, pairwise

from extractor.document import Block, Document, Span
from extractor.layout import REPORT_TITLE
from extractor.parse import lists
from extractor.parse.analysis import Analysis, Fact
from extractor.parse.detect import Clues, detect_framework
from extractor.parse.quotes import report_quotes
from extractor.parse.ratings import (
    grounded_rating,
    prose_statements,
    rating_statement,
    ratings_section,
    ratings_table,
    standard_record,
    standard_sections,
)
from extractor.parse.sections import Section, section_titles, sections
from extractor.parse.service import read_service
from extractor.parse.text_facts import counts, quantities
from extractor.vocabulary import MONTHS
from models import (
    Footnote,
    GroundedDate,
    GroundedText,
    InspectionReport,
    Person,
    Source,
)

REPORT_QUANTITIES = ("PERCENT", "FRACTION", "PROPORTION", "RATE")
"""Reports state shares in figures; 'all staff' in a report is rarely a measured share."""
_THEMATIC = re.compile(r"\bthematic\b", re.IGNORECASE)
"""A thematic inspection looks at one kind of work across services and rates none of them."""
THEMATIC_REASON = "a thematic inspection: it looks at one kind of work across services, rating none"
_OVERALL = re.compile(
    r"\boverall\b.*\b(?:rated|rating|judged|graded|given)\b|\b(?:rated|rating)\b.*\boverall\b",
    re.IGNORECASE,
)
_RATED_VERB = re.compile(r"\b(?:rated|judged|graded)\b", re.IGNORECASE)
_EARLIER = re.compile(r"\b(?:previous(?:ly)?|last|earlier|before|since|was|had been)\b", re.I)
"""Words that put a rating in the past: a service 'was rated' in its last inspection; a present
statement of this report's result is a headline ('X youth justice service rated 'Good'')."""
_SEPARATE = re.compile(r"\bseparately\b", re.IGNORECASE)
_INSPECTOR = re.compile(
    r"l(?<=\bl)(?:ed by|ead inspector (?:was|is)?)\s*(?P<role>HM Inspector|HMI|Inspector)\s+"
    r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3})",
)
"""'led by HMI ...' or 'lead inspector was ...' at a word's start. The 'l' comes before the word
boundary (checked behind it) so a search of the whole text skips from 'l' to 'l' instead of
trying the pattern at every character: the same matches, many times faster."""
_SIGNATORY_ROLE = re.compile(
    r"\s*(?:HM |His Majesty’s |His Majesty's )?Chief Inspector of Probation\s*"
)
"""The signatory's role as a whole block, spaces around it allowed: matched in place over the
block's stretch of the text, without copying and stripping every block to try it."""
_SIGNATORY_WORDS = "Chief Inspector of Probation"
"""Words every `_SIGNATORY_ROLE` holds: a block without them is not tried."""
_PERSON_NAME = re.compile(
    r"^[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,3}(?:\s+(?:CBE|OBE|MBE|KC|QPM))?$"
)
_FIELDWORK_START = re.compile(
    r"\b(?:beginning|starting|started|began|begun|from|commencing)\b(?:\s+on)?\s*$", re.I
)
"""The words before the first day of fieldwork: 'the week beginning', 'fieldwork began on'."""
_FIELDWORK_IN = re.compile(r"\bfieldwork\b.*\b(?:in|during)\s*$", re.I)
"""The words before the month of fieldwork: 'our fieldwork took place in'."""
_FIELDWORK_BETWEEN = re.compile(
    rf"\bfieldwork\b.*\b(?:between|from)\s+(?P<month>{'|'.join(MONTHS)})\s+(?:and|to)\s*$", re.I
)
"""A range of months: 'fieldwork took place between January and March 2023'."""
_PUBLISHED = re.compile(r"^\s*(?:published|date of publication)\s*:?\s*", re.IGNORECASE)
_CONTEXT = re.compile(r"background|context|participation|the service|local area", re.I)
"""Titles of the sections that describe the area and the people the service works with."""
_PUBLISHED_WITHIN = 40
"""Blocks from the top a publication date is looked for in."""


@dataclass(frozen=True, slots=True)
class Recognised:
    """Why a document is an inspection report, with the title and sections found on the way.

    `parse_report` reads the report from them, rather than finding them a second time.
    """

    reason: str
    title: Block | None
    parts: list[Section]
    ratings: Section | None
    """The section holding the ratings table."""


def looks_like_report(analysis: Analysis) -> Recognised | None:
    """Why the document is an inspection report, or None when it is not one."""
    title = _title_block(analysis.document)
    parts = sections(analysis.document)
    ratings = ratings_section(parts)
    reason = _reason(analysis, title, ratings)
    return Recognised(reason, title, parts, ratings) if reason is not None else None


def _reason(analysis: Analysis, title: Block | None, ratings: Section | None) -> str | None:
    """Why the document is an inspection report, from its title and its ratings section."""
    named = title is not None and REPORT_TITLE.match(analysis.document.slice(title)) is not None
    stated = ratings is not None and any(
        analysis.facts_in(block.start, block.end, "RATING")
        for block in ratings.blocks(analysis.document)
    )
    if named and stated:
        return "its title names an inspection and it has a ratings table"
    if stated:
        return "it has a ratings table with an overall rating"
    if named and _overall_statements(
        analysis, section_titles(analysis.document), ratings, analysis.blocks_holding("RATING")
    ):
        return "its title names an inspection and it states an overall rating"
    if named and title is not None and _THEMATIC.search(analysis.document.slice(title)):
        return "its title names a thematic inspection, which rates no service"
    return None


def parse_report(
    analysis: Analysis, source: Source, recognised: Recognised, framework_id: str | None = None
) -> InspectionReport:
    """Every part of the report record, each value with its evidence."""
    document = analysis.document
    titles = section_titles(document)
    parts = recognised.parts
    block = recognised.title
    title = analysis.grounded(block.start, block.end) if block is not None else None
    ratings = recognised.ratings
    builders, score, fieldwork_month, table_statements = ratings_table(analysis, ratings)
    standard_sections(analysis, builders, titles, ratings)
    fieldwork = _fieldwork(analysis, fieldwork_month)
    published = _published(analysis)
    clues = Clues(
        title=title.value if title else None,
        printed={builder.code: builder.name for builder in builders.values()},
        score_max=score.max if score else None,
        fieldwork=fieldwork.value if fieldwork else None,
        published=published.value if published else None,
    )
    detection = detect_framework(clues, framework_id)
    framework = detection.framework
    thematic = title is not None and _THEMATIC.search(title.value) is not None
    rated = analysis.blocks_holding("RATING")
    statements = table_statements + _overall_statements(analysis, titles, ratings, rated)
    if framework is not None:
        prose_statements(analysis, builders, framework, titles, ratings, rated)
    overall = next(iter(table_statements or statements), None)
    stated_count, recommendations = lists.recommendations(analysis, parts)
    strengths, areas = lists.points(analysis, titles, builders)
    context = _context_blocks(document, parts)
    return InspectionReport(
        kind_reason=recognised.reason,
        source=source,
        inspectorate=framework.inspectorate if framework else "hmi_probation",
        framework=framework.id if framework else None,
        framework_reason=THEMATIC_REASON if thematic and not framework else detection.reason,
        title=title,
        service=read_service(analysis, title, framework),
        published=published,
        fieldwork_started=fieldwork,
        overall_rating=grounded_rating(analysis, overall[0]) if overall else None,
        overall_rating_absent_reason=THEMATIC_REASON if thematic and not overall else None,
        rating_statements=[
            rating_statement(analysis, fact, section) for fact, section in statements
        ],
        score=score,
        standards=[standard_record(analysis, builder, framework) for builder in builders.values()],
        recommendations=recommendations,
        recommendations_stated_count=stated_count,
        strengths=strengths,
        areas_for_improvement=areas,
        case_samples=lists.case_samples(analysis),
        quantities=sorted(
            quantities(analysis, document.blocks, REPORT_QUANTITIES) + counts(analysis, context),
            key=lambda quantity: quantity.evidence.start,
        ),
        quotes=list(report_quotes(analysis, document.blocks)),
        footnotes=_footnotes(analysis),
        inspectors=_inspectors(analysis),
    )


def _title_block(document: Document) -> Block | None:
    """The title: a block naming an inspection near the top, else the first heading."""
    head = document.blocks[:12]
    named = next(
        (
            b
            for b in head
            if b.kind in ("heading", "paragraph") and REPORT_TITLE.match(document.slice(b))
        ),
        None,
    )
    return named or next((b for b in head if b.kind == "heading"), None)


def _overall_statements(
    analysis: Analysis,
    titles: list[str | None],
    ratings_section: Section | None,
    rated: list[bool],
) -> list[tuple[Fact, str]]:
    """Prose statements of the overall rating ('Overall, Blackpool YJS was rated as ...').

    Only the blocks `rated` marks as holding a rating (`Analysis.blocks_holding`) are read.
    """
    blocks = analysis.document.blocks
    found: list[tuple[Fact, str]] = []
    for index in compress(range(len(blocks)), rated):
        block = blocks[index]
        if block.kind == "table" or (
            ratings_section and ratings_section.first <= index < ratings_section.last
        ):
            continue
        for sentence in analysis.sentences_in(block.start, block.end):
            text = analysis.slice(sentence.start, sentence.end)
            ratings = analysis.facts_in(sentence.start, sentence.end, "RATING")
            if not ratings or _SEPARATE.search(text):
                continue
            if _OVERALL.search(text) or _service_rated(analysis, sentence, ratings):
                found.append((ratings[0], titles[index] or ""))
    return found


def _service_rated(analysis: Analysis, sentence: Span, ratings: list[Fact]) -> bool:
    """Whether a headline rates a service now ('Eastmoor youth justice service rated ...').

    The service comes before the verb, one rating, no date, nothing putting it in the past: an
    earlier inspection's rating ('was rated ... in 2019') is not this report's.
    """
    text = analysis.slice(sentence.start, sentence.end)
    verb = _RATED_VERB.search(text)
    if len(ratings) != 1 or verb is None or _EARLIER.search(text):
        return False
    before = sentence.start + verb.start()
    return bool(analysis.facts_in(sentence.start, before, "SERVICE")) and not analysis.facts_in(
        sentence.start, sentence.end, "DATE"
    )


def _fieldwork(analysis: Analysis, month: Fact | None) -> GroundedDate | None:
    """When fieldwork started: the day the text gives, else the table's month, else the prose's."""
    said: Fact | None = None
    for sentence in _sentences_saying(analysis, "fieldwork"):
        for fact in analysis.facts_in(sentence.start, sentence.end, "DATE"):
            agrees = month is None or fact.value.startswith(month.value)
            before = analysis.slice(sentence.start, fact.start)
            if len(fact.value) == 10 and agrees and _FIELDWORK_START.search(before):
                return GroundedDate(value=fact.value, evidence=analysis.evidence_of(fact))
            if len(fact.value) == 7 and said is None and _FIELDWORK_IN.search(before):
                said = fact
            ranged = _FIELDWORK_BETWEEN.search(before)
            if len(fact.value) == 7 and month is None and ranged:
                return _range_start(analysis, fact, ranged, sentence.start)
    found = month or said
    if found is None:
        return None
    return GroundedDate(value=found.value, evidence=analysis.evidence_of(found))


def _sentences_saying(analysis: Analysis, word: str) -> list[Span]:
    """The sentences whose lower-case text holds a word, in order, found from where the word is.

    Lower-casing keeps offsets unless some letter lower-cases to two; then each sentence is read.
    """
    lowered = analysis.text.lower()
    if len(lowered) != len(analysis.text):
        return [s for s in analysis.sentences if word in analysis.slice(s.start, s.end).lower()]
    found: list[Span] = []
    at = lowered.find(word)
    while at >= 0:
        sentence = analysis.sentence_at(at)
        within = sentence.start <= at and at + len(word) <= sentence.end
        if within and (not found or found[-1] is not sentence):
            found.append(sentence)
        at = lowered.find(word, at + 1)
    return found


def _range_start(analysis: Analysis, end: Fact, match: re.Match[str], offset: int) -> GroundedDate:
    """The first month of 'between January and March 2023', in the year the range ends or before."""
    first = MONTHS[match.group("month").lower()]
    year, last = int(end.value[:4]), int(end.value[5:7])
    start = f"{year - (first > last)}-{first:02d}"
    evidence = analysis.evidence(offset + match.start("month"), end.end)
    return GroundedDate(value=start, evidence=evidence)


def _published(analysis: Analysis) -> GroundedDate | None:
    """The publication date: a 'Published:' line, a title-page date, or the page's declared one."""
    for block in analysis.document.blocks[:_PUBLISHED_WITHIN]:
        dates = analysis.facts_in(block.start, block.end, "DATE")
        if not dates:
            continue
        text = analysis.document.slice(block)
        title_page = block.page == 1 and len(text) < 80 and dates[-1].end == block.end
        if _PUBLISHED.match(text) or title_page:
            fact = dates[0] if _PUBLISHED.match(text) else dates[-1]
            return GroundedDate(value=fact.value, evidence=analysis.evidence_of(fact))
    return analysis.declared_date()


def _context_blocks(document: Document, parts: list[Section]) -> list[Block]:
    """Blocks of the sections that describe the area and the people the service works with."""
    return [
        block
        for section in parts
        if _CONTEXT.search(section.title)
        for block in section.blocks(document)
    ]


def _footnotes(analysis: Analysis) -> list[Footnote]:
    """The document's footnotes with their markers."""
    return [
        Footnote(label=block.label or "", text=evidence.text, evidence=evidence)
        for block in analysis.document.blocks
        if block.kind == "footnote"
        for evidence in [analysis.evidence_of(block)]
    ]


def _inspectors(analysis: Analysis) -> list[Person]:
    """The signatory of the foreword and the inspector who led the inspection."""
    people: list[Person] = []
    if _SIGNATORY_WORDS in analysis.text:  # few reports have a foreword: one look at C speed
        people += _signatories(analysis)
    for match in _INSPECTOR.finditer(analysis.text):
        role = analysis.evidence(match.start("role"), match.end("role"))
        people.append(
            Person(
                name=match.group("name"),
                role=GroundedText(value=role.text, evidence=role),
                evidence=analysis.evidence(match.start("name"), match.end("name")),
            )
        )
    return people


def _signatories(analysis: Analysis) -> list[Person]:
    """Who signed the foreword: a name in the block just before their role as a block of its own."""
    document = analysis.document
    people: list[Person] = []
    for previous, block in pairwise(document.blocks):
        if document.text.find(_SIGNATORY_WORDS, block.start, block.end) < 0:
            continue  # looked for at C speed before the pattern is tried
        if not _SIGNATORY_ROLE.fullmatch(document.text, block.start, block.end):
            continue
        title = document.slice(block).strip()
        name = document.slice(previous).strip()
        if _PERSON_NAME.match(name):
            people.append(
                Person(
                    name=name,
                    role=GroundedText(value=title, evidence=analysis.evidence_of(block)),
                    evidence=analysis.evidence_of(previous),
                )
            )
    return people
