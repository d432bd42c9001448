"""A doc's token attributes as numpy arrays, read once per doc for every component."""

from __future__ import annotations

import extractor.tokens  # noqa: F401  (first: it imports spaCy without its command line)

# isort: split
from typing import Any

import numpy
from numpy.typing import NDArray
from spacy.attrs import IDX, LENGTH, LOWER, SENT_START, SHAPE
from spacy.tokens import Doc

_COLUMNS = "columns"
"""Key of doc.user_data holding the doc's columns."""
_ATTRS: list[int | str] = [IDX, LENGTH, LOWER, SHAPE, SENT_START]
_HASHES = (LOWER, SHAPE)
"""The attributes whose values are string hashes (unsigned 64-bit); the others are signed."""

Columns = dict[int, NDArray[Any]]
"""One array per attribute: int64 offsets, lengths and sentence starts, uint64 hashes."""


def columns(doc: Doc) -> Columns:
    """The doc's tokens' IDX, LENGTH, LOWER, SHAPE and SENT_START, as one array per attribute.

    Read by one `to_array` for every component (a call costs about as much as a column) once
    sentences are set, and kept in doc.user_data until `forget_columns`. Arrays rather than
    lists: a list would make a Python int of every 64-bit hash; components select the few
    tokens they need with numpy and make Python values of those alone.
    """
    found: Columns | None = doc.user_data.get(_COLUMNS)
    if found is None:
        table = numpy.ascontiguousarray(doc.to_array(_ATTRS).reshape(len(doc), len(_ATTRS)).T)
        found = doc.user_data[_COLUMNS] = {
            int(attr): row if attr in _HASHES else row.view(numpy.int64)
            for attr, row in zip(_ATTRS, table, strict=True)
        }
    return found


def forget_columns(doc: Doc) -> None:
    """Drop the doc's columns once its tokens change (merged), so that they are read again."""
    doc.user_data.pop(_COLUMNS, None)
