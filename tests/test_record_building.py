"""Values built by their model's validator from a dict are the models `Model(**fields)` builds.

`Document.evidence` and the quantities of `text_facts` (their clause nested) hand a dict to the
model's own validator instead of calling the model, skipping BaseModel.__init__'s keyword frame.
The records must be the same, field for field and in the fields counted as set, and still refuse
what the schema refuses.
"""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from extractor.document import Block, Document, Page
from extractor.parse.analysis import analyse
from extractor.parse.text_facts import counts, quantities
from models import Evidence, GroundedText, Quantity, Source


def _document(text: str) -> Document:
    """One paragraph per line, on one page."""
    blocks, offset = [], 0
    for line in text.split("\n"):
        blocks.append(Block("paragraph", offset, offset + len(line), page=1))
        offset += len(line) + 1
    return Document(text, blocks, Source(path="built.txt"), [Page(1, 0, len(text))])


def test_evidence_is_the_model_init_builds() -> None:
    """Trimmed, paged, equal to Evidence(...), with the same fields set."""
    document = _document("  Eighteen per cent of children  ")
    evidence = document.evidence(0, 33)
    expected = Evidence(page=1, start=2, end=31, text="Eighteen per cent of children")
    assert type(evidence) is Evidence
    assert evidence == expected
    assert evidence.model_fields_set == expected.model_fields_set


def test_evidence_still_validated() -> None:
    """A negative offset is refused as the schema says (start >= 0)."""
    document = _document("some text")
    with pytest.raises(ValidationError):
        document.evidence(-3, 2)


def test_quantities_are_the_models_init_builds() -> None:
    """Each quantity and its clause equal their models built by keyword, fields set included."""
    document = _document(
        "Eighteen per cent of children had a plan, compared with 40% nationally.\n"
        "The service worked with 31 children and 12 families in 2024."
    )
    analysis = analyse(document)
    found = quantities(analysis, document.blocks) + counts(analysis, document.blocks)
    assert [q.text for q in found] == ["Eighteen per cent", "40%", "31", "12"]
    assert found[0].value == 18.0
    assert found[0].refers_to is not None
    assert found[0].refers_to.value == "Eighteen per cent of children had a plan"
    for quantity in found:
        rebuilt = Quantity(**dict(quantity))
        assert type(quantity) is Quantity
        assert quantity == rebuilt
        assert quantity.model_fields_set == rebuilt.model_fields_set
        clause = quantity.refers_to
        if clause is not None:
            assert type(clause) is GroundedText
            assert clause == GroundedText(value=clause.value, evidence=clause.evidence)
            assert clause.model_fields_set == {"value", "evidence"}
