"""Ratings and their history as real articles word them: each test an invented text of one shape."""

from __future__ import annotations

import pytest

from extractor import load_bytes, parse
from models import Article, OtherDocument


def read(text: str, name: str = "history.txt") -> Article | OtherDocument:
    """An invented article, read."""
    record = parse(load_bytes(text.encode(), name))
    assert isinstance(record, (Article, OtherDocument))
    return record


def article(text: str) -> Article:
    """An invented article that must be read as one."""
    record = read(text)
    assert isinstance(record, Article), record.kind_reason
    return record


def history(record: Article) -> list[tuple[str, int | None]]:
    """The previous ratings of an article, with their years."""
    return [(p.rating, p.year.value if p.year else None) for p in record.previous_ratings]


def test_ratings_counted_over_many_services_rate_none_of_them() -> None:
    """An annual report's 'three services 'Outstanding'' and 'clean sweep' are tallies."""
    record = read(
        "Inspectors publish their youth annual report\n\n"
        "Inspectors visited 24 youth offending services over the past year.\n\n"
        "The Inspectorate rated:\n\n"
        "- four services 'Outstanding'\n- eleven services 'Good'\n- seven services "
        "'Requires improvement'\n- two services 'Inadequate'.\n\n"
        "One service, Lowmoor Youth Offending Team, received a clean sweep of 'Outstanding' "
        "ratings.\n"
    )
    assert isinstance(record, OtherDocument)


def test_areas_that_required_improvement_describe_parts_and_overall_wins() -> None:
    """'areas that required improvement' describes parts; 'Overall, X was assessed as' rates."""
    record = article(
        "Fenmarsh youth offending service - strong leadership, mixed casework\n\n"
        "Inspectors found a mixed picture at Fenmarsh Youth Offending Service (YOS), with "
        "strong leadership alongside areas that required improvement. Overall, Fenmarsh was "
        "assessed as 'Good'.\n"
    )
    assert record.overall_rating is not None and record.overall_rating.value == "Good"


def test_an_inspectorate_named_before_the_rating_is_no_counted_standard() -> None:
    """'assessed by HM Inspectorate of Probation as 'Outstanding'' rates the service itself."""
    record = article(
        "Fenmarsh YOS - outstanding work across a large area\n\n"
        "Fenmarsh Youth Offending Service (YOS) has been assessed by HM Inspectorate of "
        "Probation as 'Outstanding', its highest grade.\n"
    )
    assert record.overall_rating is not None and record.overall_rating.value == "Outstanding"
    assert record.standard_ratings == []


def test_a_regional_probation_service_is_placed_by_in() -> None:
    """'Probation services in the Fenmarsh and Coldwater region' is a service of that area."""
    record = article(
        "Probation services in the Fenmarsh and Coldwater region rated 'Inadequate'\n\n"
        "Probation services in the Fenmarsh and Coldwater region have received an overall "
        "regional rating of 'Inadequate' by HM Inspectorate of Probation.\n"
    )
    assert [(s.area, s.type) for s in record.services] == [("Fenmarsh and Coldwater", "probation")]
    assert record.overall_rating is not None and record.overall_rating.value == "Inadequate"


def test_an_areas_crc_is_its_probation_service_and_an_unchanged_rating_is_previous() -> None:
    """The area's CRC is rated; 'has stayed the same' after 'last inspected in 2017' is history."""
    record = article(
        "Harlow Vale probation service still requires improvement\n\n"
        "A Harlow Vale probation service must do more, inspectors say.\n\n"
        "Inspectors visited Harlow Vale Community Rehabilitation Company (CRC) in the spring. "
        "They looked at ten aspects of the CRC's work and gave an overall rating of "
        "'Requires improvement'.\n\n"
        'Chief Inspector of Probation Roland Achterberg said: "We last inspected Harlow Vale '
        'CRC in May 2017. It is a pity that the overall rating has stayed the same."\n'
    )
    assert record.overall_rating is not None
    assert record.overall_rating.value == "Requires improvement"
    assert history(record) == [("Requires improvement", 2017)]


def test_without_a_date_a_rating_in_an_earlier_year_is_previous() -> None:
    """Undated article: 'an inspection in 2019, when ... rated' is history; 'since 2020' is not."""
    record = article(
        "Coldwater Youth Offending Service rated 'Good'\n\n"
        "Coldwater Youth Offending Service (YOS) has received an overall rating of 'Good'. "
        "This follows an inspection in 2019, when the service was given an overall rating of "
        "'Inadequate'. It is the first 'Good' rating given to the county since July 2020.\n"
    )
    assert record.overall_rating is not None and record.overall_rating.value == "Good"
    assert history(record) == [("Inadequate", 2019)]


def test_minutes_counting_recommendations_are_about_the_inspection() -> None:
    """Minutes that state no rating but count the inspection's recommendations are an article."""
    record = article(
        "Agenda item\n\nInspection of youth justice services in Saltby - progress report\n\n"
        "Minutes:\n\nThe Director of Children's Services introduced the item. The service had "
        "considered each of the six recommendations made by the Inspectorate and an action "
        "plan was in place.\n"
    )
    assert [(s.area, s.type) for s in record.services] == [("Saltby", "youth")]
    assert record.overall_rating is None
    assert record.recommendations_count is not None and record.recommendations_count.value == 6


def test_a_youth_justice_and_prevention_service_is_a_youth_service() -> None:
    """'X Youth Justice and Prevention Service (YJPS)' names a youth justice service."""
    record = article(
        "Inspectors rate Saltby Youth Justice and Prevention Service 'Inadequate'\n\n"
        "Saltby Youth Justice and Prevention Service (YJPS) has received an overall rating of "
        "'Inadequate' following an inspection by HM Inspectorate of Probation.\n"
    )
    assert [(s.name, s.type) for s in record.services] == [
        ("Saltby Youth Justice and Prevention Service", "youth")
    ]
    assert record.overall_rating is not None and record.overall_rating.value == "Inadequate"


def standards(body: str) -> list[tuple[str, str]]:
    """The standard ratings of an invented Saltby YOS article with the given body."""
    record = article(
        "Saltby Youth Offending Service rated 'Good'\n\n"
        "Saltby Youth Offending Service (YOS) has received an overall rating of 'Good' following "
        "an inspection by HM Inspectorate of Probation.\n\n" + body
    )
    assert record.overall_rating is not None and record.overall_rating.value == "Good"
    return [(s.standard.lower(), s.rating) for s in record.standard_ratings]


def test_a_standard_named_before_which_or_apart_from_its_rating() -> None:
    """'X, which was separately rated as', 'X was also ... separately rated', 'X – aside – was'."""
    assert standards(
        "We also inspected the quality of resettlement policy and provision for children "
        "leaving custody, which was separately rated as 'Outstanding'.\n"
    ) == [("resettlement policy and provision", "Outstanding")]
    assert standards(
        "The quality of resettlement policy and provision was also inspected and separately "
        "rated as 'Requires improvement'.\n"
    ) == [("resettlement policy and provision", "Requires improvement")]
    assert standards(
        "Inspectors liked how the service manages resettlement – the whole custody "
        "experience, release included – which was rated separately as 'Outstanding'.\n"
    ) == [("resettlement", "Outstanding")]
    assert standards(
        "Every aspect of court disposals – how children are supervised after sentence – was "
        "rated Outstanding.\n"
    ) == [("court disposals", "Outstanding")]


def test_a_standard_as_the_object_or_after_rating_for() -> None:
    """'separately rated the YOS' work in resettlement (...) as 'X'' and 'a 'X' rating for'."""
    assert standards(
        "The inspection separately rated the YOS' work in resettlement (children leaving "
        "custody) as 'Inadequate'.\n"
    ) == [("resettlement", "Inadequate")]
    assert standards("Inspectors awarded a 'Good' rating for leadership.\n") == [
        ("leadership", "Good")
    ]


PHRASED = [
    (
        "The service was last inspected in 2021, when it was rated as 'Requires improvement'.",
        [("Requires improvement", 2021)],
    ),
    ("It comes after receiving an 'Inadequate' rating in 2020.", [("Inadequate", 2020)]),
    (
        "It was previously rated 'Requires improvement' in a report published in March 2022.",
        [("Requires improvement", 2022)],
    ),
    (
        "The rating is up from 'Requires improvement' three years ago.",
        [("Requires improvement", 2022)],
    ),
    ("The service has improved its rating to 'Good' from 'Inadequate'.", [("Inadequate", None)]),
    ("Since the last inspection in 2019, much has changed.", []),
    ("This was the first inspection since the service was established.", []),
]
"""How texts word an earlier rating (../shared/reference/phrasing.md), with what each gives."""


@pytest.mark.parametrize(("sentence", "wanted"), PHRASED, ids=[s[:40] for s, _ in PHRASED])
def test_previous_ratings_as_texts_word_them(
    sentence: str, wanted: list[tuple[str, int | None]]
) -> None:
    """Each wording gives its earlier rating and year, and a year alone gives none."""
    record = article(
        "Saltby Youth Justice Service rated 'Good'\n\nPublished 4 March 2025\n\n"
        "Saltby Youth Justice Service has been rated 'Good' by HM Inspectorate of Probation.\n\n"
        + sentence
        + "\n"
    )
    assert record.overall_rating is not None and record.overall_rating.value == "Good"
    assert history(record) == wanted
