"""Quantities any document can state in prose, shared by every parser."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import cast

from extractor.document import Block, EvidenceFields
from extractor.parse.analysis import Analysis, Fact
from extractor.vocabulary import MONTHS
from models import Quantity, Unit

QUANTITY_UNITS: dict[str, Unit] = {
    "PERCENT": "percent",
    "FRACTION": "percent",
    "PROPORTION": "percent",
    "ALL": "percent",
    "RATE": "per_100000",
}
_validate_quantity = Quantity.__pydantic_validator__.validate_python
"""Quantities validated by their model's own schema from a dict, their clause and evidence nested
in it as plain fields: one validation for each, without the keyword frame of BaseModel.__init__
or a model made for each evidence first."""
_LIST_BOUNDARY = re.compile(
    r"[;:!?.,\s](?:(?<=[;:!?])\s*|(?<=\.)(?!\d)\s*"
    r"|(?<=,)\s+(?:compared (?:to|with)|against)\s+|(?<=\s)\s*(?:compared (?:to|with)|against)\s+)"
)
"""Item ends in a sentence that lists with semicolons: ';', ':', '!', '?', a full stop not
before a digit, or 'compared with' and 'against' (a comma before them included).

Like `_CLAUSE_BOUNDARY`, it opens with the class of the characters its ends start with, then
tells the ends apart by that character (looking back at it): a search skips at C speed to the
next such character instead of trying every alternative at every character of the sentence."""
_CLAUSE_BOUNDARY = re.compile(
    r"[;:!?.,\s](?:(?<=[;:!?])\s*|(?<=\.)(?!\d)\s*"
    r"|(?<=,)(?!\d)(?!\s*\w+(?:\s+\w+)?\s+(?:and|or)\b)\s*"
    r"|(?<=\s)\s*(?:compared (?:to|with)|against|while|whereas)\s+)"
)
"""Clause ends: ';', ':', '!', '?', a full stop not before a digit, a comma (unless it separates
items of a list: 'speech, language or'), or 'compared with', 'against', 'while', 'whereas'
between spaces."""
_LEADING_JOINERS = re.compile(
    r"\s*(?:which|that|and|but|of whom|where|although|so|while|whereas|against|"
    r"compared (?:to|with))\b\s*",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(19|20)\d\d$")
_AGE_BEFORE = re.compile(r"(?:\b(?:age[ds]?|age of|under|over|to|between)|-)\s*$", re.IGNORECASE)
"""A word before a number that makes it an age or a bound ('aged 12', 'under 18', 'between')."""
_AGE_WORD_LONGEST = len("between")
"""Characters of the longest `_AGE_BEFORE` word: a match ends where the text's trailing spaces
start, so it starts at most this far before, and the search starts there, not at every character."""
_RANGE_AFTER = re.compile(r"\s*(?:to|-|–)\s*\d")
"""The rest of a range ('12 to 15', '12-15'): the number is one end of it, not a count."""
_CAPITALISED = re.compile(r"\s*([A-Z][a-z]+)\b")
_LOWER_WORD = re.compile(r"\s+[a-z]")
_COUNT_NOUNS = re.compile(
    r"^\s*(?:children|child|young people|residents|people|victims|staff|practitioners|"
    r"parents|families|cases|girls|boys|adults|offenders|interviews|subject|on|in|are|were|"
    r"of them)\b",
    re.IGNORECASE,
)


def quantities(
    analysis: Analysis, blocks: Iterable[Block], labels: Iterable[str] = QUANTITY_UNITS
) -> list[Quantity]:
    """Shares and rates stated in prose ('Eighteen per cent', 'two-thirds', '276 per 100,000')."""
    found: list[Quantity] = []
    wanted = tuple(labels)
    for block in blocks:
        if block.kind == "table":
            continue
        for fact in analysis.facts_in(block.start, block.end, *wanted):
            found.append(_quantity(analysis, fact, QUANTITY_UNITS[fact.label], fact.qualifier))
    return found


def _quantity(analysis: Analysis, fact: Fact, unit: Unit, qualifier: str | None) -> Quantity:
    """A number fact as a quantity of a unit, with the clause it is about."""
    clause = _clause(analysis, fact)
    fields = {
        "value": float(fact.value),
        "unit": unit,
        "qualifier": qualifier,
        "text": analysis.text[fact.start : fact.end],
        "refers_to": {"value": clause["text"], "evidence": clause} if clause is not None else None,
        "evidence": analysis.document.evidence_fields(fact.start, fact.end),
    }
    return cast("Quantity", _validate_quantity(fields))


def counts(analysis: Analysis, blocks: Iterable[Block]) -> list[Quantity]:
    """Counts of people and cases in context paragraphs ('142,700 residents', '31 children')."""
    found: list[Quantity] = []
    for block in blocks:
        if block.kind not in ("paragraph", "list_item"):
            continue
        numbers = analysis.facts_in(block.start, block.end, "NUMBER")
        if not numbers:
            continue
        taken = [
            (fact.start, fact.end)
            for fact in analysis.facts_in(block.start, block.end)
            if fact.label not in ("NUMBER", "RATING", "STANDARD")
        ]
        for fact in numbers:
            if any(start <= fact.start < end for start, end in taken) or not _is_count(
                analysis, fact
            ):
                continue
            found.append(_quantity(analysis, fact, "count", None))
    return found


def _is_count(analysis: Analysis, fact: Fact) -> bool:
    """A number that counts people or cases: not a year, an age, a date, a code or a footnote."""
    if fact.value < 1 or not float(fact.value).is_integer():
        return False
    whole = analysis.text
    text = whole[fact.start : fact.end]
    before = whole[max(fact.start - 20, 0) : fact.start]
    after = whole[fact.end : fact.end + 25]
    if (
        _YEAR.match(text)
        or before.endswith(("[", "/", "Outcome "))
        or after.startswith(("/", "]", "."))
    ):
        return False
    age_from = max(len(before.rstrip()) - _AGE_WORD_LONGEST, 0)
    if _AGE_BEFORE.search(before, age_from) or _RANGE_AFTER.match(after):
        return False
    following = _CAPITALISED.match(after)
    if following and following.group(1).lower() in MONTHS:
        return False
    if (
        text.lower() == "one"
        and not whole[analysis.sentence_at(fact.start).start : fact.start].strip()
    ):
        return False
    return bool(_COUNT_NOUNS.match(after)) if text[0].isalpha() else bool(_LOWER_WORD.match(after))


def _clause(analysis: Analysis, fact: Fact) -> EvidenceFields | None:
    """What a number is about: the clause of its sentence that holds it, unless only the number.

    Its evidence's fields, validated with the quantity that holds them.
    """
    sentence = analysis.sentence_at(fact.start)
    text = analysis.text
    listing = text.find(";", sentence.start, sentence.end) >= 0
    boundary = _LIST_BOUNDARY if listing else _CLAUSE_BOUNDARY
    start = sentence.start
    for match in boundary.finditer(text, sentence.start, fact.start):
        start = match.end()
    after = boundary.search(text, fact.end, sentence.end)
    end = after.start() if after else sentence.end
    lead = _LEADING_JOINERS.match(text, start, end)
    clause = analysis.document.evidence_fields(lead.end() if lead else start, end)
    return None if clause["text"] == text[fact.start : fact.end] else clause
