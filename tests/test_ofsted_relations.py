"""Ofsted's judgement relations, checked against the reference's own formulas on generated grades.

Each report is one of our fixtures with its grades redrawn; the oracle below is written straight
from ofsted-rules.md section 11 (`ilacs_rules`, SIF `rules`), apart from the checker's code.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from extractor import check, load_bytes, parse
from models import InspectionReport

OFSTED = FIXTURES / "ofsted"
RANK = {"I": 1, "RI": 2, "G": 3, "O": 4}
WORDS = {
    "I": "Inadequate",
    "RI": "Requires improvement to be good",
    "G": "Good",
    "O": "Outstanding",
}
GRADES = st.sampled_from(sorted(RANK))
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _median_up(grades: list[str]) -> int:
    """The middle rank; of four, the higher middle one (R2)."""
    ranks = sorted(RANK[g] for g in grades)
    return ranks[len(ranks) // 2]


def ilacs_broken(leaders: str, hp: str, care: str, leavers: str, overall: str) -> set[str]:
    """The ILACS relations these grades break, by the reference's expressions."""
    subs = [leaders, hp, care, leavers]
    o = RANK[overall]
    holds = {
        "R1": min(RANK[x] for x in subs) <= o <= max(RANK[x] for x in subs),
        "R2": o <= _median_up(subs),
        "R3": not any(x == "I" for x in (hp, care, leavers)) or overall == "I",
        "R4": overall != "I" or any(x == "I" for x in subs),
        "R5": overall != "O" or leaders == "O",
        "R6": overall != "O" or min(RANK[x] for x in subs) >= RANK["G"],
        "R7": o <= RANK[leaders],
        "R8": leaders != "I" or overall == "I",
    }
    return {rule for rule, held in holds.items() if not held}


def sif_broken(hp: str, la: str, lmg: str, overall: str) -> set[str]:
    """The SIF relations these grades break, by the reference's expressions."""
    key = [hp, la, lmg]
    o = RANK[overall]
    holds = {
        "S8a": not (hp == "I" or la == "I") or overall == "I",
        "S8b": overall != "I" or hp == "I" or la == "I",
        "S9": lmg != "I" or overall == "I",
        "S10": o <= RANK[lmg],
        "S11a": min(RANK[x] for x in key) <= o <= max(RANK[x] for x in key),
        "S11b": o <= _median_up(key),
        "S12": overall != "O" or lmg == "O",
    }
    return {rule for rule, held in holds.items() if not held}


def relations_found(text: str) -> set[str]:
    """The relation ids the checker reports for a generated report."""
    record = parse(load_bytes(text.encode(), "generated.txt"))
    assert isinstance(record, InspectionReport)
    ids = set()
    for finding in check(record):
        assert finding.code in ("judgement-relation", "improve-count", "rating-statements")
        if finding.code == "judgement-relation":
            ids.add(finding.message.split(" ")[0])
    return ids


def _regrade(text: str, label: str, grade: str) -> str:
    """The cover row and the section heading of one judgement, given a new grade."""
    cover = re.compile(
        rf"^({re.escape(label)}) (?:Outstanding|Good|Requires improvement to be good|Inadequate)$",
        re.M,
    )
    text = cover.sub(lambda m: f"{m.group(1)} {WORDS[grade]}", text)
    heading = re.compile(rf"^({re.escape(label)}): [a-z ]+$", re.M)
    return heading.sub(lambda m: f"{m.group(1)}: {WORDS[grade].lower()}", text)


@SETTINGS
@given(leaders=GRADES, hp=GRADES, care=GRADES, leavers=GRADES, overall=GRADES)
def test_ilacs_relations_follow_the_reference(
    leaders: str, hp: str, care: str, leavers: str, overall: str
) -> None:
    """R1-R8 fire exactly when the reference's expressions say they are broken."""
    text = (OFSTED / "ilacs-2024-kestrelford.txt").read_text("utf-8")
    for label, grade in (
        ("The impact of leaders on social work practice with children and families", leaders),
        ("The experiences and progress of children who need help and protection", hp),
        ("The experiences and progress of children in care", care),
        ("The experiences and progress of care leavers", leavers),
        ("Overall effectiveness", overall),
    ):
        text = _regrade(text, label, grade)
    assert relations_found(text) == ilacs_broken(leaders, hp, care, leavers, overall)


SIF_SENTENCE = {
    "I": "are inadequate",
    "RI": "require improvement to be good",
    "G": "are good",
    "O": "are outstanding",
}


@SETTINGS
@given(hp=GRADES, la=GRADES, lmg=GRADES, overall=GRADES)
def test_sif_relations_follow_the_reference(hp: str, la: str, lmg: str, overall: str) -> None:
    """S8-S12 fire exactly when the reference's expressions say they are broken."""
    text = (OFSTED / "sif-2016-eastbury.txt").read_text("utf-8")
    text = text.replace(
        "in Eastbury require improvement to be good", f"in Eastbury {SIF_SENTENCE[overall]}"
    )
    rows = {
        "1. Children who need help and protection": hp,
        "2. Children looked after and achieving permanence": la,
        "3. Leadership, management and governance": lmg,
    }
    for label, grade in rows.items():
        sif_word = "Requires improvement" if grade == "RI" else WORDS[grade]
        text = re.sub(rf"^{re.escape(label)} .*$", f"{label} {sif_word}", text, flags=re.M)
    text = re.sub(
        r"^The experiences and progress of children who need help and protection .*$",
        "The experiences and progress of children who need help and protection "
        + ("Requires improvement" if hp == "RI" else WORDS[hp]),
        text,
        flags=re.M,
    )
    assert relations_found(text) == sif_broken(hp, la, lmg, overall)
