"""A doc's token attributes as numpy arrays, read once per doc for every component."""

from __future__ import annotations

import extractor.tokens  # first: it imports spaCy without its command line

# isort: split
from typing import TYPE_CHECKING, Any, cast

import numpy
from numpy.typing import NDArray
from spacy.attrs import IDX, LENGTH, LOWER, NORM, ORTH, SHAPE, SPACY
from spacy.tokens import Doc

if TYPE_CHECKING:
    from thinc.types import Ints2d

_COLUMNS = "columns"
"""Key of doc.user_data holding the doc's columns."""
_FIRSTS = "first_characters"
"""Key of doc.user_data holding the code point of each token's first character."""
_ATTRS: list[int | str] = [IDX, SPACY, LOWER, SHAPE]
"""The attributes read together; LENGTH is found from IDX and SPACY (see `columns`).

ORTH is not read: the sentencizer reads its marks from the text (`first_characters`), and the
patterns test texts without letters on LOWER (`token_patterns`)."""
_HASHES = (LOWER, SHAPE, ORTH, NORM)
"""The attributes whose values are string hashes (unsigned 64-bit); the others are signed."""

Columns = dict[int, NDArray[Any]]
"""One array per attribute: int64 offsets, lengths, flags and sentence starts, uint64 hashes."""


def columns(doc: Doc) -> Columns:
    """The doc's tokens' IDX, LENGTH, LOWER and SHAPE, as arrays, and those set.

    Read by one `to_array` for every component, the sentencizer and the joining of units
    included (a call costs about as much as a column, and a column a few milliseconds a
    report). LENGTH is not read but found: a token ends where the next starts, less the space
    after it (SPACY), as spaCy keeps its offsets; SPACY, an attribute of the token rather than
    of its lexeme, reads in half the time. Kept in doc.user_data with the columns set or read
    since (`column`): a component that sets an attribute sets its column too (`set_column`),
    one that merges tokens forgets them all (`forget_columns`). Arrays rather than lists: a
    list would make a Python int of every 64-bit hash; components select the few tokens they
    need with numpy and make Python values of those alone.
    """
    found: Columns | None = doc.user_data.get(_COLUMNS)
    if found is None:
        table = numpy.ascontiguousarray(doc.to_array(_ATTRS).reshape(len(doc), len(_ATTRS)).T)
        found = doc.user_data[_COLUMNS] = {
            int(attr): row if attr in _HASHES else row.view(numpy.int64)
            for attr, row in zip(_ATTRS, table, strict=True)
        }
        idx, spaces = found[IDX], found.pop(SPACY)
        lengths = numpy.empty_like(idx)
        lengths[:-1] = idx[1:] - idx[:-1] - spaces[:-1]
        if len(doc):
            lengths[-1] = len(doc[-1])
        found[LENGTH] = lengths
    return found


def column(doc: Doc, attr: int) -> NDArray[Any]:
    """One attribute's column: kept, or read alone and kept from then on.

    For the attributes `columns` does not read with the others: SENT_START, which the joining
    of units sets before the sentencizer reads it, NORM, which only numbers change, and any
    other a caller asks for (ORTH).
    """
    read = columns(doc)
    found = read.get(attr)
    if found is None:
        values = doc.to_array(attr)
        found = read[attr] = values if attr in _HASHES else values.view(numpy.int64)
    return found


def set_column(doc: Doc, attr: int, values: NDArray[Any]) -> None:
    """Set one attribute of every token, in the doc and as its column (int64, or uint64 hashes).

    A column not read before (NORM) is kept from then on, so a later component reads it free.
    """
    doc.from_array([attr], cast("Ints2d", values.astype(numpy.uint64).reshape(len(doc), 1)))
    columns(doc)[attr] = values


def first_characters(doc: Doc) -> NDArray[numpy.uint32]:
    """The code point of each token's first character, from the doc's text (`doc_text`).

    Where a component needs a character rather than a hash (a digit, a sentence-final mark),
    without reading a column of the doc; kept, and forgotten with the columns.
    """
    firsts: NDArray[numpy.uint32] | None = doc.user_data.get(_FIRSTS)
    if firsts is None:
        text = extractor.tokens.doc_text(doc)
        if text.isascii():
            codes = numpy.frombuffer(text.encode("ascii"), numpy.uint8)
        else:
            codes = numpy.frombuffer(text.encode("utf-32-le"), numpy.uint32)
        firsts = doc.user_data[_FIRSTS] = codes[columns(doc)[IDX]].astype(numpy.uint32)
    return firsts


def forget_columns(doc: Doc) -> None:
    """Drop the doc's columns once its tokens change (merged), so that they are read again."""
    doc.user_data.pop(_COLUMNS, None)
    doc.user_data.pop(_FIRSTS, None)
