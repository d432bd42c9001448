"""Ofsted documents that look like graded reports but are not graded on the four points.

Area SEND reports (a three-level outcome), focused and monitoring visit letters, joint targeted
area inspections, and the out-of-scope 2013 looked-after children inspections and standalone
LSCB reviews.
"""

from __future__ import annotations

from extractor.document import Document
from extractor.parse.ofsted import (
    Kind,
    cover_end,
    fieldwork,
    names,
    ofsted_data,
    pattern,
    published,
)
from models import OtherDocument, Outcome, Source

_SEND_SCALE = "area SEND outcome: 1 positive, 2 inconsistent, 3 widespread or systemic failings"


def read_other(document: Document, kind: Kind, source: Source) -> OtherDocument:
    """What an ungraded Ofsted document states: its kind, area, dates and SEND outcome."""
    end = cover_end(document)
    named = names(document, end)
    dates = fieldwork(document, 0, end)
    return OtherDocument(
        kind_reason=kind.reason,
        source=source,
        inspectorate="ofsted",
        document_type=kind.id,
        title=named.title,
        area=named.area,
        published=published(document, 0, end),
        fieldwork_started=dates.started if dates else None,
        fieldwork_ended=dates.ended if dates else None,
        outcome=_send_outcome(document, end) if kind.id == "ofsted_area_send" else None,
    )


def _send_outcome(document: Document, end: int) -> Outcome | None:
    """The outcome sentence under 'Inspection outcome' (§7.3), never a four-point grade."""
    heading = pattern("inspection outcome").search(document.text, 0, end)
    if heading is None:
        return None
    window = (heading.end(), min(heading.end() + 1500, len(document.text)))
    for outcome in ofsted_data().send_outcomes:
        match = pattern(outcome.pattern).search(document.text, *window)
        if match:
            return Outcome(
                value=outcome.value,
                level=outcome.level,
                scale=_SEND_SCALE,
                evidence=document.evidence(match.start(), match.end()),
            )
    return None
