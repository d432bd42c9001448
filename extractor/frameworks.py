"""Inspection frameworks as data: one TOML file each under data/frameworks/, validated on load."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib.resources import files
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from models import Confidence, Rating


class StandardDefinition(BaseModel):
    """A standard as the framework defines it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str
    name: str
    aliases: tuple[str, ...] = ()
    domain: str
    basis: Literal["case", "qualitative", "mixed"]
    scored: bool = True
    key_questions: tuple[str, ...] = ()

    def answers_to(self, name: str) -> bool:
        """Whether a name as printed ('Delivery', 'Partners hips and services') is this standard."""
        wanted = _squash(name)
        return any(_squash(known) == wanted for known in (self.name, *self.aliases))


class Bands(BaseModel):
    """Overall rating bands of the summed score, with how sure we are of them."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    confidence: Confidence
    inadequate: tuple[int, int] = Field(alias="Inadequate")
    requires_improvement: tuple[int, int] = Field(alias="Requires improvement")
    good: tuple[int, int] = Field(alias="Good")
    outstanding: tuple[int, int] = Field(alias="Outstanding")

    def band(self, score: int) -> Rating | None:
        """The rating a score falls in."""
        for rating, (low, high) in (
            ("Inadequate", self.inadequate),
            ("Requires improvement", self.requires_improvement),
            ("Good", self.good),
            ("Outstanding", self.outstanding),
        ):
            if low <= score <= high:
                return rating  # type: ignore[return-value]
        return None


class Framework(BaseModel):
    """One inspection framework: its standards, scoring and how to recognise its reports."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    name: str
    inspectorate: str
    service_type: Literal["youth", "probation"]
    fieldwork_from: str | None = None
    fieldwork_to: str | None = None
    title_patterns: tuple[str, ...] = ()
    score_max: int | None = None
    score_max_confidence: Confidence | None = None
    rated_standards: int | None = None
    rated_standards_confidence: Confidence | None = None
    standards: tuple[StandardDefinition, ...]
    overall_bands: Bands | None = None

    def standard(self, code: str) -> StandardDefinition | None:
        """The standard with this code ('2.1', 'V1'), if the framework has it."""
        wanted = normalise_code(code)
        return next((s for s in self.standards if s.code == wanted), None)

    def standard_named(self, name: str) -> StandardDefinition | None:
        """The standard printed under this name, when only one standard answers to it."""
        matches = [standard for standard in self.standards if standard.answers_to(name)]
        return matches[0] if len(matches) == 1 else None

    def matches_title(self, title: str) -> bool:
        """Whether a report title names this framework's kind of inspection."""
        lowered = " ".join(title.lower().split())
        return any(pattern in lowered for pattern in self.title_patterns)


def _squash(text: str) -> str:
    """Letters only, lower case: 'Out-of-court' and 'Outofcourt' compare equal."""
    return re.sub(r"[^a-z]", "", text.lower())


def normalise_code(code: str) -> str:
    """'2.1.', 'V 1', 'P2.1' -> '2.1', 'V1': the code as the framework data writes it."""
    code = re.sub(r"\s+", "", code).rstrip(".")
    return re.sub(r"^[A-UW-Z](?=\d)", "", code)


@cache
def frameworks() -> dict[str, Framework]:
    """Every framework shipped in data/frameworks, by id."""
    folder = files("extractor").joinpath("data/frameworks")
    loaded = [
        Framework.model_validate(tomllib.loads(entry.read_text("utf-8")))
        for entry in sorted(folder.iterdir(), key=lambda entry: entry.name)
        if entry.name.endswith(".toml")
    ]
    return {framework.id: framework for framework in loaded}
