"""Pydantic records the extractor writes: one per input, each value grounded in its text."""

from typing import Annotated

from pydantic import Field, TypeAdapter

from models.article import Article, PreviousRating, ServiceMention, StandardRating
from models.common import (
    INSPECTORATE_OF,
    RATINGS,
    Confidence,
    ErrorInfo,
    ErrorRecord,
    Evidence,
    Finding,
    Format,
    Grounded,
    GroundedDate,
    GroundedInt,
    GroundedNumber,
    GroundedRating,
    GroundedText,
    Inspectorate,
    Qualifier,
    Quantity,
    Quote,
    Rating,
    ServiceType,
    Severity,
    Source,
    Unit,
)
from models.history import RatingEvent, RatingSource, ServiceHistory
from models.other import OtherDocument, Outcome
from models.report import (
    CaseSamples,
    Footnote,
    InspectionReport,
    InspectionType,
    KeyQuestion,
    Person,
    Point,
    RatingStatement,
    Recommendation,
    Score,
    Service,
    Standard,
)

AnyRecord = Annotated[
    InspectionReport | Article | OtherDocument | ErrorRecord,
    Field(discriminator="kind"),
]
RECORD_ADAPTER: TypeAdapter[InspectionReport | Article | OtherDocument | ErrorRecord] = TypeAdapter(
    AnyRecord
)

__all__ = [
    "INSPECTORATE_OF",
    "RATINGS",
    "RECORD_ADAPTER",
    "AnyRecord",
    "Article",
    "CaseSamples",
    "Confidence",
    "ErrorInfo",
    "ErrorRecord",
    "Evidence",
    "Finding",
    "Footnote",
    "Format",
    "Grounded",
    "GroundedDate",
    "GroundedInt",
    "GroundedNumber",
    "GroundedRating",
    "GroundedText",
    "InspectionReport",
    "InspectionType",
    "Inspectorate",
    "KeyQuestion",
    "OtherDocument",
    "Outcome",
    "Person",
    "Point",
    "PreviousRating",
    "Qualifier",
    "Quantity",
    "Quote",
    "Rating",
    "RatingEvent",
    "RatingSource",
    "RatingStatement",
    "Recommendation",
    "Score",
    "Service",
    "ServiceHistory",
    "ServiceMention",
    "ServiceType",
    "Severity",
    "Source",
    "Standard",
    "StandardRating",
    "Unit",
]
