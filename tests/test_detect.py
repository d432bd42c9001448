"""Frameworks are told from what a report prints; a report that fits none gets none, and why."""

from __future__ import annotations

import pytest

from extractor.frameworks import frameworks
from extractor.parse.detect import Clues, detect_framework

YOUTH = "An inspection of youth offending services in Northmere"
PDU = "An inspection of probation services in: Ashby PDU"
COMMON_YOUTH = {"1.1": "Governance and leadership", "2.1": "Assessment", "3.1": "Assessment"}


def clues(
    title: str | None = YOUTH,
    printed: dict[str, str] | None = None,
    score_max: int | None = None,
    fieldwork: str | None = None,
    published: str | None = None,
) -> Clues:
    """Clues with defaults for what a test does not vary."""
    return Clues(title, printed or {}, score_max, fieldwork, published)


@pytest.mark.parametrize(
    ("fieldwork", "want"), [("2019-03-11", "youth_2018_v1"), ("2022-01", "youth_2021_v2")]
)
def test_dates_tell_the_youth_frameworks_apart_when_the_names_cannot(
    fieldwork: str, want: str
) -> None:
    """Standards both youth frameworks share leave the fieldwork date to decide."""
    found = detect_framework(clues(printed=COMMON_YOUTH, score_max=36, fieldwork=fieldwork))
    assert found.framework is not None and found.framework.id == want
    assert fieldwork in found.reason and "out of 36" in found.reason


def test_a_printed_name_outranks_the_date() -> None:
    """'Joint working' was printed for months after the 2021 standards began: v1 it is."""
    printed = {**COMMON_YOUTH, "3.4": "Joint working"}
    found = detect_framework(clues(printed=printed, score_max=36, fieldwork="2021-09-16"))
    assert found.framework is not None and found.framework.id == "youth_2018_v1"


def test_resettlement_means_the_2021_standards() -> None:
    """Only the 2021 standards have 4.1, whatever the date says."""
    printed = {**COMMON_YOUTH, "4.1": "Resettlement policy and provision"}
    found = detect_framework(clues(printed=printed, published="2021"))
    assert found.framework is not None and found.framework.id == "youth_2021_v2"


@pytest.mark.parametrize(
    ("score_max", "want"), [(27, "probation_pdu_2021"), (12, "probation_pdu_2023")]
)
def test_the_score_maximum_tells_the_pdu_frameworks_apart(score_max: int, want: str) -> None:
    """Both PDU frameworks share a title; the maximum printed rules one out."""
    found = detect_framework(clues(title=PDU, score_max=score_max))
    assert found.framework is not None and found.framework.id == want


def test_one_contradiction_is_left_for_the_checks_and_said() -> None:
    """A youth report misprinting its maximum is still a youth report; the checks flag the rest."""
    found = detect_framework(clues(printed=COMMON_YOUTH, score_max=30, fieldwork="2019-05"))
    assert found.framework is not None and found.framework.id == "youth_2018_v1"
    assert found.reason.endswith("although it scores out of 36, not 30")


def test_two_contradictions_mean_another_kind_of_report() -> None:
    """A youth title with a stray code and another maximum is not a youth report; says why."""
    printed = {**COMMON_YOUTH, "5.1": "Approved premises"}
    found = detect_framework(clues(printed=printed, score_max=15, fieldwork="2019-05"))
    assert found.framework is None
    assert found.reason == (
        "not youth_2018_v1: it has no standard 5.1; it scores out of 36, not 15"
    )


def test_an_unknown_kind_of_report_gets_no_framework() -> None:
    """Approved premises: no framework's title, and codes no framework has."""
    printed = {"1": "Leadership and governance", "2": "Staffing"}
    found = detect_framework(
        clues(title="An inspection of Wendlecote approved premises", printed=printed)
    )
    assert found.framework is None
    assert found.reason == (
        "no framework's title matches the report and no framework has the standards it prints"
    )


def test_standards_that_two_frameworks_share_choose_neither() -> None:
    """Without a title, CRC and NPS reports print the same 1.x and 2.x standards."""
    printed = {"1.1": "Leadership", "2.1": "Assessment"}
    found = detect_framework(clues(title=None, printed=printed, score_max=30))
    assert found.framework is None
    assert "probation_crc_2018" in found.reason and "probation_nps_2018" in found.reason


def test_the_division_specific_standards_choose_without_a_title() -> None:
    """3.1 'Unpaid work' is a CRC standard only."""
    printed = {"1.1": "Leadership", "3.1": "Unpaid work"}
    found = detect_framework(clues(title=None, printed=printed, score_max=30))
    assert found.framework is not None and found.framework.id == "probation_crc_2018"


def test_a_framework_given_by_the_caller_is_used_and_said() -> None:
    """The caller's choice wins, and the record says it was the caller's."""
    found = detect_framework(clues(), forced="youth_2021_v2")
    assert found.framework is frameworks()["youth_2021_v2"]
    assert found.reason == "given by the caller (youth_2021_v2)"
