"""Values built by their model's validator from a dict are the models `Model(**fields)` builds.

`Document.evidence`, the quantities of `text_facts` (their clause and evidence nested), and a
report's ratings, rating statements, key questions, points and recommendations (their evidence
nested) hand a dict to the model's own validator instead of calling the model, skipping
BaseModel.__init__'s keyword frame.
The records must be the same, field for field and in the fields counted as set, and still refuse
what the schema refuses.
"""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ValidationError

from conftest import REPORTS, loaded
from extractor.document import Block, Document, Page
from extractor.parse.analysis import analyse
from extractor.parse.text_facts import counts, quantities
from models import (
    Evidence,
    GroundedNumber,
    GroundedRating,
    GroundedText,
    InspectionReport,
    KeyQuestion,
    Point,
    Quantity,
    RatingStatement,
    Recommendation,
    Source,
)


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


def _built_as_by_keyword(model: BaseModel, fields_set: set[str]) -> None:
    """A model equals the one its keywords build, with the fields the parser gave it as set."""
    rebuilt = type(model)(**{name: getattr(model, name) for name in fields_set})
    assert model == rebuilt
    assert model.model_fields_set == rebuilt.model_fields_set == fields_set


@pytest.mark.parametrize("name", ["blackpool-2025", "eastmoor-2025"])
def test_report_parts_are_the_models_init_builds(name: str) -> None:
    """Ratings, rating statements, key questions, points and recommendations of a bundled report.

    Each is validated from a dict with its evidence nested; each equals the model its keywords
    build (the parser gave every field but a plain key question's code), with the same fields set.
    """
    record = loaded(REPORTS / f"{name}.txt")[1]
    assert isinstance(record, InspectionReport) and record.overall_rating is not None
    ratings = [record.overall_rating] + [s.rating for s in record.standards if s.rating]
    statements = record.rating_statements + [
        statement for standard in record.standards for statement in standard.rating_statements
    ]
    questions = [question for standard in record.standards for question in standard.key_questions]
    points = record.strengths + record.areas_for_improvement
    assert len(ratings) > 1 and statements and questions and points and record.recommendations
    for rating in ratings:
        assert type(rating) is GroundedRating
        _built_as_by_keyword(rating, {"value", "evidence"})
    for statement in statements:
        assert type(statement) is RatingStatement
        _built_as_by_keyword(statement, {"rating", "section", "evidence"})
    for question in questions:
        assert type(question) is KeyQuestion
        given = {"question", "percent", "evidence"} | ({"code"} if question.code else set())
        _built_as_by_keyword(question, given)
        if question.percent is not None:
            assert type(question.percent) is GroundedNumber
            _built_as_by_keyword(question.percent, {"value", "evidence"})
    for point in points:
        assert type(point) is Point
        _built_as_by_keyword(point, {"text", "section", "standard", "evidence"})
        assert point.text == point.evidence.text
    for recommendation in record.recommendations:
        assert type(recommendation) is Recommendation
        _built_as_by_keyword(recommendation, {"addressee", "text", "evidence"})
        assert recommendation.text == recommendation.evidence.text
