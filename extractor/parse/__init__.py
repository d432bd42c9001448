"""Parse a document into its record: decide what kind of document it is, then read that kind."""

from __future__ import annotations

from extractor.document import Document
from extractor.options import Options
from extractor.parse.analysis import analyse
from extractor.parse.article import parse_article
from extractor.parse.report import looks_like_report, parse_report
from models import Article, InspectionReport, OtherDocument


def parse(
    document: Document, options: Options | None = None
) -> InspectionReport | Article | OtherDocument:
    """The record of one document; reads only the document model, never the original format."""
    options = options or Options()
    analysis = analyse(document)
    reason = looks_like_report(analysis)
    if reason is not None:
        return parse_report(analysis, document.source, reason, options.framework)
    return parse_article(analysis, document.source)
