"""A doc's token attributes as plain lists, read once per doc for every component."""

from __future__ import annotations

import extractor.tokens  # noqa: F401  (first: it imports spaCy without its command line)

# isort: split
from spacy.attrs import IDX, LENGTH, LOWER, SENT_START, SHAPE
from spacy.tokens import Doc

_COLUMNS = "columns"
"""Key of doc.user_data holding the doc's columns."""
_ATTRS: list[int | str] = [IDX, LENGTH, LOWER, SHAPE, SENT_START]


def columns(doc: Doc) -> dict[int, list[int]]:
    """The doc's tokens' IDX, LENGTH, LOWER, SHAPE and SENT_START, as one list per attribute.

    Read by one `to_array` for every component (a call costs about as much as a column) once
    sentences are set, and kept in doc.user_data until `forget_columns`.
    """
    found: dict[int, list[int]] | None = doc.user_data.get(_COLUMNS)
    if found is None:
        found = doc.user_data[_COLUMNS] = dict(
            zip(_ATTRS, doc.to_array(_ATTRS).T.tolist(), strict=True)
        )
    return found


def forget_columns(doc: Doc) -> None:
    """Drop the doc's columns once its tokens change (merged), so that they are read again."""
    doc.user_data.pop(_COLUMNS, None)
