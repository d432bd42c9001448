"""Read an inspection report's facts from the document model: one pass per part of the record."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from extractor.document import Block, Document, Span
from extractor.frameworks import Framework, StandardDefinition, frameworks, normalise_code
from extractor.layout import REPORT_TITLE
from extractor.parse.analysis import Analysis, Fact
from extractor.parse.quotes import report_quotes
from extractor.parse.sections import Section, find_section, section_titles, sections
from extractor.parse.text_facts import counts, quantities
from extractor.vocabulary import vocabulary
from models import (
    CaseSamples,
    Footnote,
    GroundedDate,
    GroundedInt,
    GroundedNumber,
    GroundedRating,
    GroundedText,
    InspectionReport,
    KeyQuestion,
    Person,
    Point,
    RatingStatement,
    Recommendation,
    Score,
    Service,
    Source,
    Standard,
)

REPORT_QUANTITIES = ("PERCENT", "FRACTION", "PROPORTION", "RATE")
"""Reports state shares in figures; 'all staff' in a report is rarely a measured share."""
_CODE = re.compile(r"^\s*(?:[A-Z]\s+)?(?P<code>V\s?\d(?:\.\d)?|\d\.\d)\.?\s+(?P<name>\S.*?)\s*$")
_KQ_CODE = re.compile(r"^\s*(?P<code>V\s?\d\.\d|\d\.\d\.\d)\.?\s+(?P<question>\S.*)$")
_AREA = re.compile(
    r"\bin\s+(?P<area>[A-Z][\w'’&.-]*(?:(?:\s+(?:and|&|with|upon|on|under))?\s+[A-Z][\w'’&.-]*)*)"
    r"\s*(?:\(?\d{4}\)?)?\s*$"
)
"""The area a report's title ends with: 'in Blackpool', 'in Blackburn with Darwen'; anchored to
the title's end, so lower-case joining words cannot pull in words before the area."""
_OVERALL = re.compile(
    r"\boverall\b.*\b(?:rated|rating|judged|graded|given)\b|\b(?:rated|rating)\b.*\boverall\b",
    re.IGNORECASE,
)
_SEPARATE = re.compile(r"\bseparately\b", re.IGNORECASE)
_INSPECTOR = re.compile(
    r"\b(?:led by|lead inspector (?:was|is)?)\s*(?P<role>HM Inspector|HMI|Inspector)\s+"
    r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3})",
)
_SIGNATORY_ROLE = re.compile(
    r"^(?:HM |His Majesty’s |His Majesty's )?Chief Inspector of Probation$"
)
_PERSON_NAME = re.compile(
    r"^[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,3}(?:\s+(?:CBE|OBE|MBE|KC|QPM))?$"
)
_ADDRESSEE = re.compile(r"^(?P<addressee>.+?)\s+should:?\s*$")
_PUBLISHED = re.compile(r"^\s*(?:published|date of publication)\s*:?\s*", re.IGNORECASE)


@dataclass(slots=True)
class _StandardBuilder:
    """A standard as its parts turn up: the ratings-table row, its section, its key questions."""

    code: str
    name: str
    evidence: Span
    domain: str | None = None
    rating: Fact | None = None
    statements: list[tuple[Fact, str]] = field(default_factory=list)
    key_questions: list[KeyQuestion] = field(default_factory=list)


def looks_like_report(analysis: Analysis) -> str | None:
    """Why the document is an inspection report, or None when it is not one."""
    title = _title_block(analysis.document)
    ratings = _ratings_section(analysis.document)
    named = title is not None and REPORT_TITLE.match(analysis.document.slice(title)) is not None
    stated = ratings is not None and any(
        analysis.facts_in(block.start, block.end, "RATING")
        for block in ratings.blocks(analysis.document)
    )
    if named and stated:
        return "its title names an inspection and it has a ratings table"
    if stated:
        return "it has a ratings table with an overall rating"
    if named and _overall_statements(analysis, section_titles(analysis.document), ratings):
        return "its title names an inspection and it states an overall rating"
    return None


def parse_report(
    analysis: Analysis, source: Source, reason: str, framework_id: str | None = None
) -> InspectionReport:
    """Every part of the report record, each value with its evidence."""
    document = analysis.document
    titles = section_titles(document)
    title = _title(analysis)
    area = _area(analysis, title)
    ratings = _ratings_section(document)
    builders, score, fieldwork_month, table_statements = _ratings_table(analysis, ratings)
    _standard_sections(analysis, builders, titles, ratings)
    printed = {builder.code: builder.name for builder in builders.values()}
    fieldwork = _fieldwork(analysis, fieldwork_month)
    framework = _framework(title, printed, fieldwork, framework_id)
    statements = table_statements + _overall_statements(analysis, titles, ratings)
    overall = next(iter(table_statements or statements), None)
    stated_count, recommendations = _recommendations(analysis)
    strengths, areas = _points(analysis, titles, builders)
    context = _context_blocks(document)
    return InspectionReport(
        kind_reason=reason,
        source=source,
        inspectorate=framework.inspectorate if framework else "hmi_probation",
        framework=framework.id if framework else None,
        title=title,
        service=_service(analysis, area, framework),
        published=_published(analysis),
        fieldwork_started=fieldwork,
        overall_rating=_grounded_rating(analysis, overall[0]) if overall else None,
        rating_statements=[
            RatingStatement(rating=fact.value, section=section, evidence=analysis.evidence_of(fact))
            for fact, section in statements
        ],
        score=score,
        standards=[_standard(analysis, builder, framework) for builder in builders.values()],
        recommendations=recommendations,
        recommendations_stated_count=stated_count,
        strengths=strengths,
        areas_for_improvement=areas,
        case_samples=_case_samples(analysis),
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


def _title(analysis: Analysis) -> GroundedText | None:
    """The report's title."""
    block = _title_block(analysis.document)
    if block is None:
        return None
    return analysis.grounded(block.start, block.end)


def _area(analysis: Analysis, title: GroundedText | None) -> GroundedText | None:
    """The area the title names: '... victims in Blackpool' is Blackpool."""
    if title is None:
        return None
    match = _AREA.search(title.value)
    if match is None:
        return None
    start = title.evidence.start + match.start("area")
    return analysis.grounded(start, start + len(match.group("area")))


def _service(analysis: Analysis, area: GroundedText | None, framework: Framework | None) -> Service:
    """The service's full and short names, found where the text first uses them."""
    if area is None:
        return Service(type=framework.service_type if framework else None)
    name = re.escape(area.value)
    words = [word for kind in ("youth", "probation") for word in vocabulary().services[kind]]
    names = "|".join(re.escape(word) for word in words if " " in word)
    acronyms = "|".join(re.escape(word.upper()) for word in words if " " not in word)
    full = re.search(rf"\b{name}\s+(?:{names})\b", analysis.text, re.IGNORECASE)
    short = re.search(rf"\b{name}\s+(?:{acronyms})\b", analysis.text)

    def grounded(match: re.Match[str] | None) -> GroundedText | None:
        return analysis.grounded(match.start(), match.end()) if match else None

    service_type = framework.service_type if framework else None
    if service_type is None and full is not None:
        service_type = "probation" if "probation" in full.group().lower() else "youth"
    return Service(name=grounded(full), short_name=grounded(short), area=area, type=service_type)


def _ratings_section(document: Document) -> Section | None:
    """The section holding the ratings table ('Ratings', 'Summary of ratings')."""
    return find_section(document, r"^\s*(?:summary of\s+)?ratings?\s*$")


def _units(document: Document, blocks: list[Block]) -> list[tuple[Span, list[Span]]]:
    """Each table row with its cells, and each other block as a single cell."""
    found: list[tuple[Span, list[Span]]] = []
    for block in blocks:
        if block.rows:
            found.extend((row.span, list(row.cells)) for row in block.rows)
        elif block.kind != "heading":
            found.append((Span(block.start, block.end), [Span(block.start, block.end)]))
    return found


def _ratings_table(
    analysis: Analysis, section: Section | None
) -> tuple[dict[str, _StandardBuilder], Score | None, Fact | None, list[tuple[Fact, str]]]:
    """Standards, score, fieldwork month and the overall rating from the ratings table."""
    document = analysis.document
    builders: dict[str, _StandardBuilder] = {}
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
            if score is None and re.search(
                r"score\D{0,3}$", analysis.slice(span.start, fact.start), re.I
            ):
                score = Score(
                    value=fact.value[0],
                    max=fact.value[1],
                    evidence=analysis.evidence_of(fact),
                )
        for fact in analysis.facts_in(span.start, span.end, "DATE"):
            if re.search(r"fieldwork", analysis.slice(span.start, fact.start), re.I):
                fieldwork = fieldwork or fact
        if re.match(r"\s*overall rating", text, re.I) and ratings:
            statements.append((ratings[-1], section.title))
            continue
        first = analysis.slice(cells[0].start, cells[0].end)
        match = _CODE.match(first if len(cells) > 1 else _before(analysis, span, ratings))
        if match and ratings:
            code = normalise_code(match.group("code"))
            name_start = (cells[0].start if len(cells) > 1 else span.start) + match.start("name")
            name_end = name_start + len(match.group("name"))
            builder = builders.setdefault(
                code,
                _StandardBuilder(code, match.group("name"), Span(name_start, name_end), domain),
            )
            builder.rating = ratings[-1]
            builder.statements.append((ratings[-1], section.title))
        elif (
            len(cells) == 1 and not ratings and len(text) < 80 and not score_or_date(analysis, span)
        ):
            domain = (
                re.sub(r"^\s*(?:domain\s+\w+:\s*|\d\.?\s+)", "", text, flags=re.I).strip() or None
            )
    return builders, score, fieldwork, statements


def score_or_date(analysis: Analysis, span: Span) -> bool:
    """Whether a line holds a score or a date, so it is not a domain label."""
    return bool(analysis.facts_in(span.start, span.end, "SCORE", "DATE"))


def _before(analysis: Analysis, span: Span, ratings: list[Fact]) -> str:
    """A line's text before its last rating ('2.1 Assessing Inadequate' -> '2.1 Assessing')."""
    end = ratings[-1].start if ratings else span.end
    return analysis.slice(span.start, end).rstrip(" |")


def _standard_sections(
    analysis: Analysis,
    builders: dict[str, _StandardBuilder],
    titles: list[str | None],
    ratings_section: Section | None,
) -> None:
    """Add each standard's own section: its rating as restated there, and its key questions."""
    document = analysis.document
    skip = range(ratings_section.first, ratings_section.last) if ratings_section else range(0)
    current: _StandardBuilder | None = None
    stem: str | None = None
    for index, block in enumerate(document.blocks):
        if index in skip:
            continue
        if block.kind == "heading":
            stem = None
        for _, cells in _units(document, [block]):
            texts = [analysis.slice(cell.start, cell.end) for cell in cells]
            if len(cells) > 1 and re.fullmatch(r"ratings?", texts[-1].strip(), re.I):
                current = _section_standard(analysis, builders, cells[0])
                stem = None
                continue
            if current is None:
                continue
            if len(cells) > 1 and re.search(r"%\s*\S?\s*yes", texts[-1], re.I):
                stem = texts[0].rstrip(": ")
                continue
            percents = analysis.facts_in(cells[-1].start, cells[-1].end, "PERCENT")
            ratings = analysis.facts_in(
                cells[-1].start, cells[-1].end, "RATING", "RATING_NONSTANDARD"
            )
            if len(cells) > 1 and percents and stem is not None:
                current.key_questions.append(_key_question(analysis, stem, cells[0], percents[0]))
            elif len(cells) > 1 and ratings and not current.statements[1:]:
                current.statements.append((ratings[-1], titles[index] or current.name))
                if current.rating is None:
                    current.rating = ratings[-1]
            elif match := _KQ_CODE.match(texts[0]):
                evidence = analysis.evidence(cells[0].start + match.start("question"), cells[0].end)
                percent = percents[0] if len(cells) > 1 and percents else None
                current.key_questions.append(
                    KeyQuestion(
                        code=normalise_code(match.group("code")),
                        question=evidence.text,
                        percent=GroundedNumber(
                            value=float(percent.value),
                            evidence=analysis.evidence_of(percent),
                        )
                        if percent
                        else None,
                        evidence=evidence,
                    )
                )


def _section_standard(
    analysis: Analysis, builders: dict[str, _StandardBuilder], cell: Span
) -> _StandardBuilder | None:
    """The standard a section's table header names, by code ('2.1. Assessing') or by name."""
    text = analysis.slice(cell.start, cell.end)
    match = _CODE.match(text)
    if match:
        code = normalise_code(match.group("code"))
        if code not in builders:
            start = cell.start + match.start("name")
            builders[code] = _StandardBuilder(code, match.group("name"), Span(start, cell.end))
        return builders[code]
    for fact in analysis.facts_in(cell.start, cell.end, "STANDARD"):
        for builder in builders.values():
            if any(
                definition.code == builder.code and definition.answers_to(fact.value)
                for framework in frameworks().values()
                for definition in framework.standards
            ):
                return builder
    return None


_PARTIAL_STEM = re.compile(
    r"(?:does|do|is|are|was|were|has|have|how|to what extent)\b.*(?<!\?)", re.IGNORECASE
)
"""A stem that opens a question and leaves it for the rows to finish: 'Does assessing ... how to'.
A whole question (ending in '?'), an empty cell or a column label ('Key questions') is not joined
to the rows; a question mark inside the stem ('Does the delivery (and review?) of') does not end
it."""
_ASIDE_QUERY = re.compile(r"\s*\([^()]*\?\)")
"""A bracketed query in a stem ('(and review?)'): an editor's aside, not part of the question."""


def _key_question(analysis: Analysis, stem: str, cell: Span, percent: Fact) -> KeyQuestion:
    """A key question: the table's stem joined to the row's question, and the row's '% Yes'."""
    question = analysis.slice(cell.start, cell.end).strip()
    stem = stem.strip().rstrip(":").strip()
    joined = f"{stem} {question}" if _PARTIAL_STEM.fullmatch(stem) else question
    return KeyQuestion(
        question=_ASIDE_QUERY.sub("", joined),
        percent=GroundedNumber(value=float(percent.value), evidence=analysis.evidence_of(percent)),
        evidence=analysis.evidence_of(cell),
    )


def _grounded_rating(analysis: Analysis, fact: Fact) -> GroundedRating:
    """A rating fact as a record value."""
    return GroundedRating(value=fact.value, evidence=analysis.evidence_of(fact))


def _standard(
    analysis: Analysis, builder: _StandardBuilder, framework: Framework | None
) -> Standard:
    """The record of one standard; a printed name the framework knows gets its canonical form."""
    definition: StandardDefinition | None = framework.standard(builder.code) if framework else None
    known = definition is not None and definition.answers_to(builder.name)
    return Standard(
        code=builder.code,
        name=definition.name if definition and known else builder.name,
        domain=definition.domain if definition else builder.domain,
        rating=_grounded_rating(analysis, builder.rating) if builder.rating else None,
        rating_statements=[
            RatingStatement(rating=fact.value, section=section, evidence=analysis.evidence_of(fact))
            for fact, section in builder.statements
        ],
        key_questions=builder.key_questions,
        evidence=analysis.evidence(builder.evidence.start, builder.evidence.end),
    )


def _framework(
    title: GroundedText | None,
    printed: dict[str, str],
    fieldwork: GroundedDate | None,
    forced: str | None,
) -> Framework | None:
    """The framework the report was written under.

    Among frameworks whose dates fit the fieldwork, one the title names wins; ties go to the one
    whose standards' codes, then names, fit what the report prints.
    """
    known = {key: f for key, f in frameworks().items() if f.family == "hmi_probation"}
    if forced:
        return known.get(forced)
    started = fieldwork.value if fieldwork else None

    def dated(framework: Framework) -> bool:
        begins, ends = framework.fieldwork_from, framework.fieldwork_to
        return not started or (
            (not begins or started >= begins[: len(started)])
            and (not ends or started <= ends[: len(started)])
        )

    def fit(framework: Framework) -> tuple[bool, bool]:
        definitions = [framework.standard(code) for code in printed]
        codes = all(definition is not None for definition in definitions)
        names = codes and all(
            definition is not None and definition.answers_to(name)
            for definition, name in zip(definitions, printed.values(), strict=True)
        )
        return codes, names

    candidates = [f for f in known.values() if dated(f)]
    named = [f for f in candidates if title is not None and f.matches_title(title.value)]
    if named:
        return max(named, key=fit)
    fitting = [f for f in candidates if printed and all(fit(f))]
    return fitting[0] if len(fitting) == 1 else None


def _overall_statements(
    analysis: Analysis, titles: list[str | None], ratings_section: Section | None
) -> list[tuple[Fact, str]]:
    """Prose statements of the overall rating ('Overall, Blackpool YJS was rated as ...')."""
    document = analysis.document
    found: list[tuple[Fact, str]] = []
    for index, block in enumerate(document.blocks):
        if block.kind == "table" or (
            ratings_section and ratings_section.first <= index < ratings_section.last
        ):
            continue
        for sentence in analysis.sentences_in(block.start, block.end):
            text = analysis.slice(sentence.start, sentence.end)
            ratings = analysis.facts_in(sentence.start, sentence.end, "RATING")
            if ratings and _OVERALL.search(text) and not _SEPARATE.search(text):
                found.append((ratings[0], titles[index] or ""))
    return found


def _fieldwork(analysis: Analysis, month: Fact | None) -> GroundedDate | None:
    """When fieldwork started: the day the background gives, else the month the table gives."""
    for sentence in analysis.sentences:
        text = analysis.slice(sentence.start, sentence.end).lower()
        if "fieldwork" not in text:
            continue
        for fact in analysis.facts_in(sentence.start, sentence.end, "DATE"):
            day = len(fact.value) == 10
            agrees = month is None or fact.value.startswith(month.value)
            if (
                day
                and agrees
                and re.search(
                    r"\b(?:beginning|starting|started|from|commencing)\b",
                    analysis.slice(sentence.start, fact.start),
                    re.I,
                )
            ):
                return GroundedDate(value=fact.value, evidence=analysis.evidence_of(fact))
    if month is None:
        return None
    return GroundedDate(value=month.value, evidence=analysis.evidence_of(month))


def _published(analysis: Analysis) -> GroundedDate | None:
    """The publication date: a 'Published:' line, a title-page date, or the page's declared one."""
    for block in analysis.document.blocks[:40]:
        text = analysis.document.slice(block)
        dates = analysis.facts_in(block.start, block.end, "DATE")
        if not dates:
            continue
        title_page = block.page == 1 and len(text) < 80 and dates[-1].end == block.end
        if _PUBLISHED.match(text) or title_page:
            fact = dates[0] if _PUBLISHED.match(text) else dates[-1]
            return GroundedDate(value=fact.value, evidence=analysis.evidence_of(fact))
    return analysis.declared_date()


def _recommendations(analysis: Analysis) -> tuple[GroundedInt | None, list[Recommendation]]:
    """The stated number of recommendations and each recommendation with its addressee."""
    document = analysis.document
    section = find_section(document, r"^\s*recommendations?\s*$")
    found: list[Recommendation] = []
    stated: GroundedInt | None = None
    blocks = section.blocks(document) if section else []
    for fact in (
        analysis.facts_in(blocks[0].start, blocks[-1].end, "RECOMMENDATIONS") if blocks else []
    ):
        stated = GroundedInt(value=int(fact.value), evidence=analysis.evidence_of(fact))
        break
    addressee: GroundedText | None = None
    for block in blocks:
        text = document.slice(block)
        match = _ADDRESSEE.match(text)
        if block.kind != "list_item" and match:
            addressee = analysis.grounded(block.start, block.start + len(match.group("addressee")))
        elif block.kind == "list_item":
            evidence = analysis.evidence_of(block)
            found.append(Recommendation(addressee=addressee, text=evidence.text, evidence=evidence))
    return stated, found


def _points(
    analysis: Analysis, titles: list[str | None], builders: dict[str, _StandardBuilder]
) -> tuple[list[Point], list[Point]]:
    """Strengths and areas for improvement, each tied to the standard or section it sits under."""
    document = analysis.document
    strengths: list[Point] = []
    areas: list[Point] = []
    target: list[Point] | None = None
    section: str | None = None
    for index, block in enumerate(document.blocks):
        text = document.slice(block).strip().rstrip(":").strip().lower()
        if block.kind == "table":
            standard = _table_standard(analysis, block, builders)
            section = standard or section
            target = None
        elif text == "strengths":
            target = strengths
        elif text in ("areas for improvement", "areas for development"):
            target = areas
        elif block.kind == "list_item" and target is not None:
            evidence = analysis.evidence_of(block)
            target.append(
                Point(text=evidence.text, section=section or titles[index], evidence=evidence)
            )
        elif block.kind == "heading":
            target, section = None, None
        elif block.kind == "paragraph":
            target = None
    return strengths, areas


def _table_standard(
    analysis: Analysis, block: Block, builders: dict[str, _StandardBuilder]
) -> str | None:
    """The name of the standard a section table is headed by, if it is one."""
    if not block.rows:
        return None
    cells = block.rows[0].cells
    texts = [analysis.slice(cell.start, cell.end) for cell in cells]
    if len(cells) < 2 or not re.fullmatch(r"ratings?", texts[-1].strip(), re.I):
        return None
    found = _section_standard(analysis, builders, cells[0])
    return found.name if found else None


def _case_samples(analysis: Analysis) -> CaseSamples:
    """How many children's cases and victim cases were inspected, and how many interviews held."""

    def first(label: str) -> GroundedInt | None:
        for fact in analysis.facts:
            if fact.label == label:
                return GroundedInt(value=int(fact.value), evidence=analysis.evidence_of(fact))
        return None

    return CaseSamples(
        children_cases=first("CASES"),
        victim_cases=first("VICTIM_CASES"),
        interviews=first("INTERVIEWS"),
    )


def _context_blocks(document: Document) -> list[Block]:
    """Blocks of the sections that describe the area and the people the service works with."""
    return [
        block
        for section in sections(document)
        if re.search(
            r"background|context|participation|the service|local area", section.title, re.I
        )
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
    document = analysis.document
    people: list[Person] = []
    blocks = document.blocks
    for previous, block in pairwise(blocks):
        name = document.slice(previous).strip()
        title = document.slice(block).strip()
        if _SIGNATORY_ROLE.match(title) and _PERSON_NAME.match(name):
            people.append(
                Person(
                    name=name,
                    role=GroundedText(value=title, evidence=analysis.evidence_of(block)),
                    evidence=analysis.evidence_of(previous),
                )
            )
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
