"""Parse a document into its record: decide what kind of document it is, then read that kind."""

from __future__ import annotations

from extractor.document import Document
from extractor.options import Options
from extractor.parse.analysis import analyse
from extractor.parse.report import looks_like_report, parse_report
from extractor.parse.text_facts import quantities, quotes
from models import GroundedText, InspectionReport, OtherDocument


def parse(document: Document, options: Options | None = None) -> InspectionReport | OtherDocument:
    """The record of one document; reads only the document model, never the original format."""
    options = options or Options()
    analysis = analyse(document)
    reason = looks_like_report(analysis)
    if reason is not None:
        return parse_report(analysis, document.source, reason, options.framework)
    title = next((block for block in document.blocks if block.kind == "heading"), None)
    evidence = analysis.evidence(title.start, title.end) if title else None
    return OtherDocument(
        kind_reason="it neither names an inspection nor states an overall rating",
        source=document.source,
        title=GroundedText(value=evidence.text, evidence=evidence) if evidence else None,
        quantities=quantities(analysis, document.blocks),
        quotes=list(quotes(analysis, document.blocks)),
    )
