"""Read what an article says about an inspection: who, which rating, when, and who said what.

The parts are read by their own modules (header, services, ratings, standards, counts); this one
decides which blocks are the article and puts the parts together into its record.
"""

from __future__ import annotations

from extractor.document import Block
from extractor.parse import (
    article_counts,
    article_header,
    article_ratings,
    article_services,
    article_standards,
)
from extractor.parse.analysis import Analysis
from extractor.parse.quotes import article_quotes
from extractor.parse.text_facts import quantities
from extractor.vocabulary import article_vocabulary
from models import Article, GroundedInt, GroundedRating, OtherDocument, Source, StandardRating


def _body_blocks(analysis: Analysis) -> list[Block]:
    """The article's own blocks: page metadata left out, and nothing after 'ENDS' and the like."""
    markers = article_vocabulary().end_markers
    blocks: list[Block] = []
    for block in analysis.document.blocks:
        if block.kind == "meta":
            continue
        if blocks and markers.fullmatch(analysis.document.slice(block).strip()):
            break
        blocks.append(block)
    return blocks


def parse_article(analysis: Analysis, source: Source) -> Article | OtherDocument:
    """An Article when the text rates a youth justice or probation service, else OtherDocument."""
    document = analysis.document
    blocks = _body_blocks(analysis)
    headline_block, header_end = article_header.headline(analysis, blocks)
    headline = article_header.grounded_block(analysis, headline_block) if headline_block else None
    published = article_header.published(analysis, blocks[: max(header_end + 3, 8)])
    outlet = article_header.outlet(analysis, blocks[:header_end])
    author = article_header.author(analysis, blocks[: max(header_end + 3, 8)])
    mentions = article_services.mentions(analysis, blocks)
    subject = article_services.subject(analysis, mentions, headline_block)
    body = [b for i, b in enumerate(blocks) if b is headline_block or i > header_end]
    year = int(published.value[:4]) if published else None
    statements = list(article_ratings.statements(analysis, body, mentions, subject, year))
    current = [s for s in statements if not s.previous and s.standard is None]
    recommendations = article_counts.recommendations(analysis, body, year)
    rated = subject is not None and (bool(statements) or recommendations is not None)
    inspectorates = article_services.inspectorates(analysis, blocks)
    found_quantities = quantities(analysis, body)
    found_quotes = list(article_quotes(analysis, body))
    if not rated:
        return OtherDocument(
            kind_reason="it does not give an inspection rating of a youth justice or probation "
            "service",
            source=source,
            title=headline,
            outlet=outlet,
            author=author,
            published=published,
            inspectorates=inspectorates,
            quantities=found_quantities,
            quotes=found_quotes,
        )
    kind, reason = article_header.kind(analysis, document.blocks, outlet)
    report_published = article_header.report_published(analysis, body, published)
    dated = report_published or published
    inspection_year = (
        GroundedInt(value=int(dated.value[:4]), evidence=dated.evidence) if dated else None
    )
    return Article(
        kind=kind,
        kind_reason=reason,
        source=source,
        headline=headline,
        outlet=article_header.outlet_for(kind, outlet, analysis, blocks),
        author=author,
        published=published,
        report_published=report_published,
        services=[article_services.service(analysis, mentions, subject, headline_block)]
        if subject
        else [],
        overall_rating=GroundedRating(
            value=current[0].rating, evidence=analysis.evidence_of(current[0].fact)
        )
        if current
        else None,
        inspection_year=inspection_year,
        score=article_counts.score(analysis, body),
        previous_ratings=article_ratings.previous_ratings(analysis, statements)
        + article_ratings.unchanged_ratings(
            analysis, body, current[0].rating if current else None, statements, year
        ),
        standard_ratings=[
            StandardRating(
                standard=s.standard,
                rating=s.rating,
                evidence=article_standards.standard_evidence(analysis, s.fact, s.standard_span),
            )
            for s in statements
            if s.standard is not None and s.standard_span is not None and not s.previous
        ],
        inspectorates=inspectorates,
        recommendations_count=recommendations,
        quantities=found_quantities,
        quotes=found_quotes,
    )
