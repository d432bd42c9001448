"""Write consistent inspection reports for any framework, in the inspectorate's text-copy layout.

The property tests draw a `ReportSpec` that obeys every rule of its framework, render it, break
one thing, and check that the rules check names what was broken.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache

from extractor.check import possible_percent
from extractor.frameworks import Framework, StandardDefinition, rulebook
from extractor.vocabulary import vocabulary
from models import Rating

AREA = "Northfield"
SERVICE = {"youth": "Northfield Youth Justice Service", "probation": "Northfield PDU"}
SHORT = {"youth": "Northfield YJS", "probation": "Northfield PDU"}
TITLES = {
    "youth_2018_v1": "youth offending services in Northfield",
    "youth_2021_v2": "youth justice services in Northfield",
    "youth_2025_iyjwcv": "youth justice work with children and victims in Northfield",
    "youth_2025_full": "youth justice services in Northfield",
    "probation_crc_2018": "probation services: Northfield Community Rehabilitation Company",
    "probation_nps_2018": "probation services: National Probation Service Northfield",
    "probation_pdu_2021": "probation services in Northfield",
    "probation_pdu_2023": "probation services in Northfield",
}
"""What follows 'An inspection of' in each framework's title."""
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
NUMBER_WORDS = {value: word for word, value in vocabulary().numbers.items() if value <= 20}


@dataclass(frozen=True)
class StandardSpec:
    """One standard's rating and, for case standards, its key-question percentages."""

    definition: StandardDefinition
    rating: Rating
    percents: tuple[int, ...] = ()
    printed_name: str | None = None
    table_rating: str | None = None

    @property
    def name(self) -> str:
        """The name as the report prints it."""
        return self.printed_name or self.definition.name


@dataclass(frozen=True)
class ReportSpec:
    """Everything a generated report states."""

    framework: Framework
    standards: tuple[StandardSpec, ...]
    cases: int
    victim_cases: int
    recommendations: int
    fieldwork: tuple[int, int, int]
    score: int | None = None
    score_max: int | None = None
    overall: Rating | None = None
    foreword_overall: str | None = None
    stated_recommendations: int | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def consistent(self) -> ReportSpec:
        """Fill in the score, its maximum and the overall rating as the framework's rules say."""
        points = rulebook().points
        scored = [s for s in self.standards if s.definition.scored]
        score = sum(points[s.rating] for s in scored)
        bands = self.framework.overall_bands
        overall = bands.band(score) if bands else None
        return replace(
            self,
            score=score,
            score_max=self.framework.score_max,
            overall=overall,
            foreword_overall=overall,
            stated_recommendations=self.recommendations,
        )


@cache
def achievable(cases: int, low: int, high: int) -> list[int]:
    """Whole percentages within [low, high] that some share of at most `cases` cases gives."""
    return [p for p in range(low, high + 1) if possible_percent(p, cases)]


def render(spec: ReportSpec) -> str:
    """The report as a text copy of an inspectorate page."""
    framework = spec.framework
    kind = framework.service_type
    day, month, year = spec.fieldwork
    lines = [
        f"An inspection of {TITLES[framework.id]}",
        "Foreword (Back to top)",
        f"This inspection looked at the work of {SERVICE[kind]}.",
    ]
    if spec.foreword_overall:
        lines.append(f"Overall, {SHORT[kind]} was rated as ‘{spec.foreword_overall}’.")
    lines += ["Martin Jones CBE", "HM Chief Inspector of Probation", "Ratings (Back to top)"]
    score = f" | Score {spec.score}/{spec.score_max}" if spec.score is not None else ""
    lines.append(f"Fieldwork started {MONTHS[month - 1]} {year}{score} |")
    if spec.overall:
        lines.append(f"Overall rating | {spec.overall} |")
    domain = None
    for standard in spec.standards:
        if standard.definition.domain != domain:
            domain = standard.definition.domain
            lines.append(domain)
        rating = standard.table_rating or standard.rating
        lines.append(f"{standard.definition.code} {standard.name} | {rating} |")
    lines += ["Recommendations (Back to top)"]
    stated = spec.stated_recommendations
    if stated is not None:
        lines.append(f"We have made {NUMBER_WORDS.get(stated, str(stated))} recommendations.")
    lines.append(f"{SERVICE[kind]} should:")
    lines += [
        f"- improve area number {index + 1} of its work" for index in range(spec.recommendations)
    ]
    lines += [
        "Background (Back to top)",
        f"We conducted fieldwork over a week, beginning {day:02d} {MONTHS[month - 1]} {year}.",
        "Case work (Back to top)",
        f"We took a detailed look at {spec.cases} cases supervised by the service.",
    ]
    for standard in spec.standards:
        lines += _section(standard, spec)
    lines += ["Strengths:", "- Staff knew the children they worked with well."]
    return "\n".join(lines) + "\n"


def _section(standard: StandardSpec, spec: ReportSpec) -> list[str]:
    """A case or victims standard's own section: its rating again and its key questions."""
    definition = standard.definition
    if definition.basis == "qualitative":
        return []
    lines = [
        f"{definition.code} {standard.name} | Rating |",
        f"The quality of {standard.name.lower()} work. | {standard.rating} |",
    ]
    if definition.basis == "mixed":
        lines.insert(0, f"We took a detailed look at {spec.victim_cases} victim cases.")
        lines += [
            f"V 1.{index} {question}"
            for index, question in enumerate(definition.key_questions, start=1)
        ]
        return lines
    lines.append(f"Does {standard.name.lower()} sufficiently analyse how to: | % ‘Yes’ |")
    questions = definition.key_questions or tuple(
        f"meet expectation {index}?" for index in range(1, len(standard.percents) + 1)
    )
    for question, percent in zip(questions, standard.percents, strict=False):
        lines.append(f"{question.rstrip('?')}? | {percent}% |")
    return lines
