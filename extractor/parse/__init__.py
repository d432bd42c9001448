"""Parse a document into its record: decide what kind of document it is, then read that kind."""

from __future__ import annotations

from extractor.document import Document
from extractor.options import Options
from extractor.parse.analysis import analyse
from extractor.parse.ofsted import ofsted_kind
from extractor.parse.report import looks_like_report, parse_report
from models import Article, InspectionReport, OtherDocument


def parse(
    document: Document, options: Options | None = None
) -> InspectionReport | Article | OtherDocument:
    """The record of one document; reads only the document model, never the original format.

    Reports are read by family: an Ofsted document is told from its first page and read by its
    family's module (no language pipeline needed); anything else goes through the analysis. A
    family's module is imported when a document of that family turns up, so reading one file
    loads only what it needs.
    """
    options = options or Options()
    kind = ofsted_kind(document)
    if kind is not None and kind.family == "ofsted_ilacs":
        from extractor.parse.ofsted_ilacs import read_ilacs

        return read_ilacs(document, kind, document.source, options.framework)
    if kind is not None and kind.family == "ofsted_sif":
        from extractor.parse.ofsted_sif import read_sif

        return read_sif(document, kind, document.source, options.framework)
    if kind is not None:
        from extractor.parse.ofsted_other import read_other

        return read_other(document, kind, document.source)
    analysis = analyse(document)
    recognised = looks_like_report(analysis)
    if recognised is not None:
        return parse_report(analysis, document.source, recognised, options.framework)
    from extractor.parse.article import parse_article

    return parse_article(analysis, document.source)
