"""Score the extractor on the real Ofsted PDFs in ../shared/corpus/ofsted against gold.csv.

Run as a script for the figures and every miss:
    python tests/ofsted_scoring.py [--limit N] [--misses]
The corpus is read where it lies (../shared, or $EXTRACTOR_SHARED) and never copied into the
project. Grades are compared on the four-point scale ('Requires improvement to be good' is
'Requires improvement').
"""

from __future__ import annotations

import csv
import os
import re
import sys
import time
from pathlib import Path

from extractor import ExtractorError, extract
from helpers import Scores
from models import RATINGS, InspectionReport, OtherDocument, Rating

SHARED = Path(os.environ.get("EXTRACTOR_SHARED", Path(__file__).resolve().parents[2] / "shared"))
"""The shared reference folder beside the project (EXTRACTOR_SHARED names another place)."""
CORPUS = SHARED / "corpus" / "ofsted"
JUDGEMENTS = {
    "leaders": ("leaders",),
    "help_and_protection": ("help_protection",),
    "in_care": ("in_care", "in_care_and_care_leavers"),
    "care_leavers": ("care_leavers",),
}
"""gold.csv's judgement columns and the judgement codes that answer them."""
KINDS = {
    "ofsted_ilacs": ("inspection_report", "ofsted_ilacs"),
    "ofsted_sif": ("inspection_report", "ofsted_sif"),
    "ofsted_send_area": ("other", "ofsted_area_send"),
    "ofsted_other": ("other", "ofsted_lac_2013|ofsted_lscb_review"),
}
"""What each gold kind must be read as: the record kind and its framework or document type."""


def four_point(word: str) -> Rating | None:
    """A gold grade on the records' four-point scale."""
    plain = re.sub(r"\s+", " ", word).strip().lower()
    plain = re.sub(r"^requires? improvement( to be good)?$", "requires improvement", plain)
    return next((rating for rating in RATINGS if rating.lower() == plain), None)


def _day(gold: str) -> str | None:
    """A gold dd/mm/yyyy date as ISO."""
    match = re.fullmatch(r"(\d{2})/(\d{2})/(\d{4})", gold.strip())
    return f"{match[3]}-{match[2]}-{match[1]}" if match else None


def _plain(name: str) -> str:
    """A name without case or spaces: the gold's 'Thomson -Jones' is the cover's 'Thomson-Jones'."""
    return re.sub(r"\s+", "", name).lower()


def rows(limit: int | None = None) -> list[dict[str, str]]:
    """gold.csv's rows (all, or the first `limit`)."""
    with (CORPUS / "gold.csv").open(encoding="utf-8") as handle:
        found = list(csv.DictReader(handle))
    return found[:limit] if limit else found


def score(limit: int | None = None) -> Scores:
    """Every measure over the corpus (or its first `limit` rows)."""
    scores = Scores()
    for gold in rows(limit):
        path = CORPUS / "pdfs" / gold["file"]
        name = gold["file"]
        try:
            record: InspectionReport | OtherDocument | None = _record(path)
            crashed = ""
        except ExtractorError as error:
            record, crashed = None, f"refused: {error.reason}"
        except Exception as error:  # a crash is scored, never raised
            record, crashed = None, f"crash: {type(error).__name__}: {error}"
        scores.tally("no crash", not crashed.startswith("crash"), f"{name} {crashed}")
        if gold["kind"] == "not_a_pdf":
            scores.tally(
                "read as the right kind",
                record is None or record.kind == "other",
                f"{name} read as {record.kind if record else crashed}",
            )
            continue
        _score_kind(scores, gold, record, name)
        overall = (
            record.overall_rating.value
            if isinstance(record, InspectionReport) and record.overall_rating
            else None
        )
        if gold["overall"].startswith("none") or gold["kind"] == "ofsted_send_area":
            scores.tally("ungraded given no overall", overall is None, f"{name} given {overall}")
        elif gold["kind"] in ("ofsted_ilacs", "ofsted_sif"):
            want = four_point(gold["overall"])
            scores.tally("overall", overall == want, f"{name} want {want} got {overall}")
        if isinstance(record, InspectionReport):
            errors = [f.code for f in record.findings if f.severity == "error"]
            scores.tally("reports the checks pass", not errors, f"{name} errors {errors}")
        if isinstance(record, InspectionReport) and gold["kind"] == "ofsted_ilacs":
            _score_ilacs(scores, gold, record, name)
    return scores


def _record(path: Path) -> InspectionReport | OtherDocument:
    """The record of one corpus file (an article record counts as 'other')."""
    record = extract(path)
    if isinstance(record, InspectionReport | OtherDocument):
        return record
    return OtherDocument(kind_reason=f"read as {record.kind}", source=record.source)


def _score_kind(
    scores: Scores, gold: dict[str, str], record: InspectionReport | OtherDocument | None, name: str
) -> None:
    """Whether the file was read as the kind of document it is."""
    kind, what = KINDS[gold["kind"]]
    got_kind = record.kind if record else "error"
    got_what = ""
    if isinstance(record, InspectionReport):
        got_what = (record.framework or "").rsplit("_", 1)[0]
    elif isinstance(record, OtherDocument):
        got_what = record.document_type or ""
    ok = got_kind == kind and re.fullmatch(what, got_what) is not None
    scores.tally("read as the right kind", ok, f"{name} read as {got_kind} {got_what}")


def _score_ilacs(scores: Scores, gold: dict[str, str], record: InspectionReport, name: str) -> None:
    """Judgements, dates, lead inspector and inspection type of an ILACS report."""
    graded = {s.code: s.rating.value if s.rating else None for s in record.standards}
    for column, codes in JUDGEMENTS.items():
        if not gold[column]:
            continue
        want = four_point(gold[column])
        got = next((graded[c] for c in codes if c in graded), None)
        miss = f"{name} {column} want {want} got {got}"
        scores.tally("judgements", got == want, miss)
        scores.tally(f"judgement {column}", got == want, miss)
    for column, got_date in (
        ("inspection_start", record.fieldwork_started),
        ("inspection_end", record.fieldwork_ended),
    ):
        if want_day := _day(gold[column]):
            got_day = got_date.value if got_date else None
            scores.tally(
                "inspection dates",
                got_day == want_day,
                f"{name} {column} want {want_day} got {got_day}",
            )
    if gold["lead_inspector"]:
        lead = next((p.name for p in record.inspectors), None)
        ok = lead is not None and _plain(lead) == _plain(gold["lead_inspector"])
        scores.tally("lead inspector", ok, f"{name} want {gold['lead_inspector']} got {lead}")
    if gold["inspection_type"]:
        got_type = record.inspection_type.value if record.inspection_type else None
        want_type = {
            "inspection duration longer than standard framework": "longer_than_standard"
        }.get(gold["inspection_type"], gold["inspection_type"])
        scores.tally(
            "inspection type", got_type == want_type, f"{name} want {want_type} got {got_type}"
        )


def main(argv: list[str]) -> int:
    """Print each measure as right/scored = share, then the misses when asked."""
    if not CORPUS.exists():
        print(f"{CORPUS} is not available", file=sys.stderr)
        return 2
    limit = int(argv[argv.index("--limit") + 1]) if "--limit" in argv else None
    started = time.perf_counter()
    scores = score(limit)
    print(f"corpus/ofsted ({time.perf_counter() - started:.0f} s):")
    for measure, (right, scored) in scores.counts.items():
        print(f"  {measure}: {right}/{scored} = {right / scored:.3f}")
    if "--misses" in argv:
        print("\n".join(scores.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
