"""Frameworks and ratings rules as data: data/rules.toml and one TOML file per framework."""

from __future__ import annotations

import re
import tomllib
from functools import cache, cached_property, lru_cache
from importlib.resources import files
from itertools import pairwise
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from models import RATINGS, Confidence, Inspectorate, Rating, ServiceType, Severity

_STRICT = ConfigDict(extra="forbid", frozen=True)


class StandardDefinition(BaseModel):
    """A standard as the framework defines it."""

    model_config = _STRICT

    code: str
    name: str
    aliases: tuple[str, ...] = ()
    domain: str
    basis: Literal["case", "qualitative", "mixed", "judgement"]
    scored: bool = True
    key_questions: tuple[str, ...] = ()
    labels: tuple[str, ...] = Field(
        default=(),
        description="how a report prints the judgement's label, as regular expressions in which "
        "a space stands for any whitespace (Ofsted covers wrap labels anywhere)",
    )
    heading_labels: tuple[str, ...] = Field(
        default=(),
        description="how the judgement's own section heading names it, where that differs from "
        "the cover label (SIF: 'The experiences and progress of children looked after ...')",
    )

    @cached_property
    def squashed_names(self) -> frozenset[str]:
        """Its name and aliases squashed, once: every report's printed names are compared."""
        return frozenset(squash(known) for known in (self.name, *self.aliases))

    def answers_to(self, name: str) -> bool:
        """Whether a name as printed ('Delivery', 'Partners hips and services') is this standard."""
        return squash(name) in self.squashed_names


class Bands(BaseModel):
    """Overall rating bands of the summed score: the inclusive range of each rating."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    inadequate: tuple[int, int] = Field(alias="Inadequate")
    requires_improvement: tuple[int, int] = Field(alias="Requires improvement")
    good: tuple[int, int] = Field(alias="Good")
    outstanding: tuple[int, int] = Field(alias="Outstanding")

    def ranges(self) -> dict[Rating, tuple[int, int]]:
        """Each rating's range, lowest rating first."""
        return {
            "Inadequate": self.inadequate,
            "Requires improvement": self.requires_improvement,
            "Good": self.good,
            "Outstanding": self.outstanding,
        }

    def band(self, score: int) -> Rating | None:
        """The rating a score falls in, or None when it falls in none."""
        return next((r for r, (low, high) in self.ranges().items() if low <= score <= high), None)


class Relation(BaseModel):
    """A measured relation between a report's overall grade and its judgements (Ofsted).

    `within`: lowest of `of` <= overall <= highest; `at_most_median`: overall <= the (upper)
    median of `of`; `at_most`: overall <= each of `of`; `any_forces`: one of `of` graded `grade`
    makes the overall `grade`; `forces_any`: an overall `grade` needs one of `of` graded `grade`;
    `forces_all_at_least`: an overall `grade` needs every one of `of` at `at_least` or better.
    """

    model_config = _STRICT

    id: str
    kind: Literal[
        "within", "at_most_median", "at_most", "any_forces", "forces_any", "forces_all_at_least"
    ]
    of: tuple[str, ...]
    grade: Rating | None = None
    at_least: Rating | None = None
    confidence: Confidence
    holds: str
    text: str


class Framework(BaseModel):
    """One inspection framework: its standards, scoring and how to recognise its reports."""

    model_config = _STRICT

    id: str
    name: str
    inspectorate: Inspectorate
    family: Literal["hmi_probation", "ofsted_ilacs", "ofsted_sif"] = "hmi_probation"
    service_type: ServiceType
    fieldwork_from: str | None = None
    fieldwork_to: str | None = None
    title_patterns: tuple[str, ...] = ()
    score_max: int | None = None
    rated_standards: tuple[int, ...] = ()
    confidence: dict[str, Confidence] = Field(default_factory=dict)
    standards: tuple[StandardDefinition, ...]
    overall_bands: Bands | None = None
    overall_judged: bool = Field(
        default=True, description="whether reports give an overall grade (ILACS from 2026: no)"
    )
    overall_absent_reason: str | None = Field(
        default=None, description="what a record says when the framework gives no overall grade"
    )
    overall_patterns: tuple[str, ...] = Field(
        default=(),
        description="where an Ofsted report states its overall grade; GRADE stands for the grade "
        "words, a space for any whitespace",
    )
    rating_words: dict[Rating, tuple[str, ...]] = Field(
        default_factory=dict, description="each rating's printed words, lower case (C3)"
    )
    not_judged_words: tuple[str, ...] = Field(
        default=(), description="words for a judgement left ungraded (SIF 'Not judged', S3)"
    )
    published_absent_reason: str | None = Field(
        default=None, description="why the framework's reports do not print a publication date"
    )
    relations: tuple[Relation, ...] = ()
    improve_count: dict[Rating, tuple[int, int]] = Field(
        default_factory=dict,
        description="the number of 'What needs to improve' items seen for each overall grade",
    )

    @model_validator(mode="after")
    def _consistent(self) -> Framework:
        """Refuse data that contradicts itself: bands must tile 0..max, codes must be unique."""
        codes = [standard.code for standard in self.standards]
        if len(codes) != len(set(codes)):
            raise ValueError(f"{self.id}: duplicate standard codes")
        if self.overall_bands and self.score_max is not None:
            ranges = list(self.overall_bands.ranges().values())
            tiles = (
                ranges[0][0] == 0
                and ranges[-1][1] == self.score_max
                and all(low == previous[1] + 1 for previous, (low, _) in pairwise(ranges))
            )
            if not tiles:
                raise ValueError(f"{self.id}: overall bands do not cover 0..{self.score_max}")
        unknown = set(self.confidence) - set(rulebook().rules)
        if unknown:
            raise ValueError(f"{self.id}: confidence given for unknown rules {sorted(unknown)}")
        strangers = {code for r in self.relations for code in r.of} - set(codes)
        if strangers:
            raise ValueError(f"{self.id}: relations name unknown judgements {sorted(strangers)}")
        return self

    @cached_property
    def standards_by_code(self) -> dict[str, StandardDefinition]:
        """The standards by code, indexed once: parsers and checks look one up many times."""
        return {standard.code: standard for standard in self.standards}

    @cached_property
    def standard_names(self) -> tuple[dict[str, str], re.Pattern[str] | None]:
        """Names of exactly one standard, lower case, to its code, and a pattern finding them.

        A name is a standard's name, an alias, or a domain holding one standard alone. Built once
        per framework, not once per report.
        """
        found: dict[str, set[str]] = {}
        domains: dict[str, set[str]] = {}
        for definition in self.standards:
            for name in (definition.name, *definition.aliases):
                found.setdefault(name.lower(), set()).add(definition.code)
            domains.setdefault(definition.domain.lower(), set()).add(definition.code)
        for domain, codes in domains.items():
            found.setdefault(domain, set()).update(codes)
        names = {name: codes.pop() for name, codes in found.items() if len(codes) == 1}
        if not names:
            return names, None
        return names, re.compile(rf"\b(?:{'|'.join(map(re.escape, names))})\b", re.IGNORECASE)

    def standard(self, code: str) -> StandardDefinition | None:
        """The standard with this code ('2.1', 'V1'), if the framework has it."""
        return self.standards_by_code.get(normalise_code(code))

    def period_of(self, when: str) -> Literal["before", "within", "after"]:
        """Where an ISO date (a day, month or year) falls against the fieldwork period."""
        begins, ends = self.fieldwork_from, self.fieldwork_to
        if begins and when < begins[: len(when)]:
            return "before"
        if ends and when > ends[: len(when)]:
            return "after"
        return "within"

    def matches_title(self, title: str) -> bool:
        """Whether a report title, in its `title_form`, names this framework's kind of inspection.

        The caller puts the title in that form once for all the frameworks it tries.
        """
        return any(pattern in title for pattern in self.title_patterns)

    def confidence_of(self, rule: str) -> Confidence:
        """How sure we are of a rule in this framework; the rulebook's default otherwise."""
        return self.confidence.get(rule, rulebook().rules[rule].confidence)


class Rule(BaseModel):
    """One check: its stable code, what it asserts, where that comes from, how sure we are."""

    model_config = _STRICT

    code: str
    confidence: Confidence
    source: str
    text: str
    always: Severity | None = None


class Rulebook(BaseModel):
    """The rules common to every framework: points, case bands and the catalogue of checks."""

    model_config = _STRICT

    points: dict[Rating, int]
    case_bands: dict[Rating, int]
    rounding_margin: int
    rules: dict[str, Rule]

    def case_band(self, percent: float) -> Rating:
        """The rating band of a case percentage ('Yes' share of inspected cases)."""
        band: Rating = "Inadequate"
        for rating in RATINGS[::-1]:
            if rating in self.case_bands and percent >= self.case_bands[rating]:
                band = rating
        return band

    def band_range(self, rating: Rating) -> tuple[int, int]:
        """The whole percentages a case band covers: Requires improvement is (50, 64)."""
        lows = sorted([0, *self.case_bands.values()])
        low = self.case_bands.get(rating, 0)
        higher = [value for value in lows if value > low]
        return low, (higher[0] - 1 if higher else 100)


_NOT_LETTER = re.compile(r"[^a-z]")
_SPACE = re.compile(r"\s+")
_PREFIX = re.compile(r"^[A-UW-Z](?=\d)")
_NAMES_KEPT = 4096
"""Squashed names and codes remembered: a report prints its few over and over."""


@lru_cache(maxsize=_NAMES_KEPT)
def squash(text: str) -> str:
    """Letters only, lower case: 'Out-of-court' and 'Outofcourt' compare equal."""
    return _NOT_LETTER.sub("", text.lower())


@lru_cache(maxsize=_NAMES_KEPT)
def normalise_code(code: str) -> str:
    """'2.1.', 'V 1', 'P2.1' -> '2.1', 'V1': the code as the framework data writes it."""
    code = _SPACE.sub("", code).rstrip(".")
    return _PREFIX.sub("", code)


def title_form(title: str) -> str:
    """A title as `Framework.title_patterns` are written: lower case, single spaces, trimmed."""
    return " ".join(title.lower().split())


def _read(path: str) -> dict[str, Any]:
    """A TOML file shipped in the package's data folder."""
    return tomllib.loads(files("extractor").joinpath(path).read_text("utf-8"))


@cache
def rulebook() -> Rulebook:
    """The common rules and the check catalogue, read once."""
    data = _read("data/rules.toml")
    bands = dict(data["case_bands"])
    margin = int(bands.pop("rounding_margin"))
    return Rulebook(
        points=data["points"],
        case_bands=bands,
        rounding_margin=margin,
        rules={rule["code"]: Rule.model_validate(rule) for rule in data["rules"]},
    )


@cache
def frameworks() -> dict[str, Framework]:
    """Every framework shipped in data/frameworks, by id."""
    folder = files("extractor").joinpath("data/frameworks")
    names = sorted(entry.name for entry in folder.iterdir() if entry.name.endswith(".toml"))
    loaded = [Framework.model_validate(_read(f"data/frameworks/{name}")) for name in names]
    return {framework.id: framework for framework in loaded}
