"""Score the extractor on the real articles in ../shared/corpus/articles against gold.json.

Run as a script for the figures and every miss:
    python tests/corpus_articles.py [--misses] [ID ...]
The texts are read where they lie (../shared, or $EXTRACTOR_SHARED) and never copied into the
project. Overall, previous, recommendation, percentage and speaker figures are counted as
../shared/tools/corpus_scores.py counts them, so the two agree; roles and standard ratings are
scored here only.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from typing import Any

from extractor import ExtractorError, extract
from helpers import Scores
from models import RATINGS, Article, InspectionReport, OtherDocument

SHARED = Path(os.environ.get("EXTRACTOR_SHARED", Path(__file__).resolve().parents[2] / "shared"))
"""The shared reference folder beside the project (EXTRACTOR_SHARED names another place)."""
CORPUS = SHARED / "corpus" / "articles"
_NOT_ROLE_WORDS = {"hm", "his", "her", "majesty", "majestys", "s", "the", "of", "at", "and"}
"""Words two wordings of one role may differ by ('HM Chief Inspector' is 'Chief Inspector')."""


def four_point(word: str | None) -> str | None:
    """A rating on the four-point scale, whatever its case or Ofsted wording."""
    plain = re.sub(r"\s+", " ", word or "").strip().lower()
    plain = re.sub(r"^requires? improvement( to be good)?$", "requires improvement", plain)
    return next((rating for rating in RATINGS if rating.lower() == plain), word or None)


def _words(text: str | None) -> set[str]:
    """The words of a name or role that carry its meaning, lower-cased."""
    plain = re.sub(r"[’'](?=s\b)", "", (text or "").lower())
    return set(re.findall(r"[a-z]+", plain)) - _NOT_ROLE_WORDS


def same_role(want: str, got: str | None) -> bool:
    """Whether a role is the one the gold gives: one wording's words hold the other's."""
    wanted, found = _words(want), _words(got)
    if not wanted:
        return not found
    return bool(found) and (wanted <= found or found <= wanted)


def same_standard(want: str, got: str) -> bool:
    """Whether a standard's name is the gold's: one name's words hold the other's."""
    wanted, found = _words(want), _words(got)
    return bool(wanted and found) and (wanted <= found or found <= wanted)


def entries(ids: list[str] | None = None) -> list[dict[str, Any]]:
    """The gold entries, all or those whose id is given."""
    gold: list[dict[str, Any]] = json.loads((CORPUS / "gold.json").read_text(encoding="utf-8"))
    return [entry for entry in gold if not ids or entry["id"] in ids]


Read = InspectionReport | Article | OtherDocument
"""A record of a text: report openings are read as reports, the rest as articles."""


def read(path: Path) -> Read | None:
    """The record of one text; an error is a miss for every field, never a crash."""
    try:
        return extract(path)
    except ExtractorError:
        return None


def _standards(record: Read | None) -> list[tuple[str, str]]:
    """The standards a record rates, by name."""
    if isinstance(record, Article):
        return [(s.standard, s.rating) for s in record.standard_ratings]
    if isinstance(record, InspectionReport):
        return [(s.name, s.rating.value) for s in record.standards if s.rating]
    return []


def _count(record: Read | None) -> int | None:
    """The number of recommendations a record says were made."""
    if isinstance(record, Article) and record.recommendations_count:
        return record.recommendations_count.value
    if isinstance(record, InspectionReport) and record.recommendations_stated_count:
        return record.recommendations_stated_count.value
    return None


def score(entry: dict[str, Any], record: Read | None, scores: Scores) -> None:
    """Tally one text's fields against its gold facts."""
    gold, name = entry["gold"], entry["id"]
    article = record if isinstance(record, Article) else None
    scores.tally("errors (fewer is better)", record is None, "")
    accepted = {
        gold["overall_rating"],
        *gold.get("acceptable_alternatives", {}).get("overall_rating", []),
    }
    overall = None if isinstance(record, OtherDocument) or record is None else record.overall_rating
    got = four_point(overall.value) if overall else None
    scores.tally(
        "overall rating", got in accepted, f"{name} want {gold['overall_rating']} got {got}"
    )
    previous = [
        (four_point(p.rating), p.year.value if p.year else None)
        for p in (article.previous_ratings if article else [])
    ]
    if gold["previous_rating"]:
        wanted = (gold["previous_rating"], gold["previous_year"])
        scores.tally(
            "previous rating",
            any(r == wanted[0] and wanted[1] in (None, y) for r, y in previous),
            f"{name} want {wanted} got {previous}",
        )
    else:
        scores.tally(
            "invented previous rating (fewer is better)",
            any(r in RATINGS for r, _ in previous),
            "",
        )
        if previous:
            scores.misses.append(f"invented previous rating: {name} got {previous}")
    count = _count(record)
    if gold["recommendations_count"] is not None:
        scores.tally(
            "recommendation count",
            count == gold["recommendations_count"],
            f"{name} want {gold['recommendations_count']} got {count}",
        )
    values = {round(q.value, 1) for q in (record.quantities if record else [])}
    for percentage in gold["percentages"]:
        if isinstance(percentage.get("value"), (int, float)):
            wanted_value = round(float(percentage["value"]), 1)
            scores.tally(
                "percentages", wanted_value in values, f"{name} want {wanted_value} in {values}"
            )
    quotes = record.quotes if record else []
    said = [
        (q.speaker.value if q.speaker else "", q.role.value if q.role else None) for q in quotes
    ]
    speakers = " | ".join(re.sub(r"\s+", " ", s).lower() for s, _ in said)
    for person in gold["people_quoted"]:
        last = (person["name"].lower().split() or [""])[-1]
        found = bool(last) and last in speakers
        scores.tally("people quoted", found, f"{name} {person['name']} not among {said}")
        roles = [role for speaker, role in said if last and last in speaker.lower()]
        scores.tally(
            "role of people quoted",
            any(same_role(person["role"], role) for role in roles),
            f"{name} {person['name']} want role {person['role']!r} got {roles}",
        )
    standards = _standards(record)
    for standard, rating in gold["standard_ratings"].items():
        scores.tally(
            "standard ratings",
            any(r == rating and same_standard(standard, s) for s, r in standards),
            f"{name} want {standard}: {rating} got {standards}",
        )
    for standard, rating in standards:
        invented = not any(
            r == rating and same_standard(s, standard) for s, r in gold["standard_ratings"].items()
        )
        scores.tally(
            "invented standard ratings (fewer is better)",
            invented,
            "",
        )
        if invented:
            scores.misses.append(f"invented standard rating: {name} {standard}: {rating}")


def run(ids: list[str] | None = None) -> Scores:
    """Every (or the named) corpus text read and scored."""
    scores = Scores()
    for entry in entries(ids):
        score(entry, read(CORPUS / entry["file"]), scores)
    return scores


def main(args: list[str]) -> None:
    """Print the per-measure figures and, with --misses, each miss."""
    if not CORPUS.exists():
        sys.exit(f"{CORPUS} is not available")
    scores = run([a for a in args if not a.startswith("--")] or None)
    for measure, (right, scored) in scores.counts.items():
        print(f"{measure:<46} {right}/{scored} = {right / scored:.3f}")
    if "--misses" in args:
        print("\n".join(sorted(scores.misses)))


if __name__ == "__main__":
    main(sys.argv[1:])
