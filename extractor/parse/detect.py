"""Which framework a report was written under, told from its content, with the reason.

Every clue comes from the document (title, the standards and names it prints, the score's
maximum, the fieldwork or publication date), never from the file name. Only the title, or
printed standards that all carry a framework's codes and names, point to a framework; among
those, the title outranks the printed names and the names outrank the dates, because reports
printed the old name of a renamed standard for some months after new standards began. One
contradicting clue (a misprinted maximum, a stray code) is left for the checks to report; two
mean the report is of some other kind, and it gets no framework: a missing framework is a
warning, a wrong one would make every check wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from extractor.frameworks import Framework, frameworks, normalise_code, squash, title_form


@dataclass(frozen=True, slots=True)
class Clues:
    """What the report itself says that tells frameworks apart."""

    title: str | None
    printed: dict[str, str]
    score_max: int | None
    fieldwork: str | None
    published: str | None


@dataclass(frozen=True, slots=True)
class Detection:
    """The framework found, or None, and the reason in words a reader can check."""

    framework: Framework | None
    reason: str


@dataclass(frozen=True, slots=True)
class _NormalisedClues:
    """The clues in the forms the frameworks are compared in, made once for all of them."""

    title: str | None
    """The title in its `title_form`."""
    printed: tuple[tuple[str, str, str], ...]
    """Each printed standard: its code as printed, as normalised, and its name squashed."""
    score_max: int | None
    when: str | None
    """The fieldwork date, else the publication date."""

    @classmethod
    def of(cls, clues: Clues) -> _NormalisedClues:
        """Normalise the title, the codes and the names once."""
        printed = clues.printed.items()
        return cls(
            title_form(clues.title) if clues.title is not None else None,
            tuple((code, normalise_code(code), squash(name)) for code, name in printed),
            clues.score_max,
            clues.fieldwork or clues.published,
        )


@dataclass(frozen=True, slots=True)
class _Fit:
    """How one framework fits the clues: what rules it out, and what points to it."""

    framework: Framework
    against: tuple[str, ...]
    titled: bool
    named: bool
    dated: bool

    @property
    def rank(self) -> tuple[bool, bool, bool, int]:
        """The title first, then the names, then the dates; fewer contradictions break ties."""
        return self.titled, self.named, self.dated, -len(self.against)


def detect_framework(clues: Clues, forced: str | None = None) -> Detection:
    """The framework the report was written under, with why."""
    known = _probation()
    if forced:
        return Detection(known.get(forced), f"given by the caller ({forced})")
    normalised = _NormalisedClues.of(clues)
    fits = [_fit(framework, normalised) for framework in known.values()]
    pointed = [fit for fit in fits if fit.titled or (fit.named and clues.printed)]
    if not pointed:
        return Detection(None, _none_reason(clues, fits))
    best = max(fit.rank for fit in pointed)
    chosen = [fit for fit in pointed if fit.rank == best]
    if len(chosen) > 1:
        ids = ", ".join(fit.framework.id for fit in chosen)
        return Detection(None, f"the report fits {ids} equally; nothing it prints tells them apart")
    if len(chosen[0].against) > 1:
        return Detection(None, f"not {chosen[0].framework.id}: {'; '.join(chosen[0].against)}")
    return Detection(chosen[0].framework, _reason(chosen[0], clues))


@cache
def _probation() -> dict[str, Framework]:
    """The frameworks of HM Inspectorate of Probation, by id: the ones detection chooses among."""
    return {key: f for key, f in frameworks().items() if f.family == "hmi_probation"}


def _fit(framework: Framework, clues: _NormalisedClues) -> _Fit:
    """Test one framework against every clue."""
    against: list[str] = []
    definitions = [
        (code, framework.standards_by_code.get(normalised), name)
        for code, normalised, name in clues.printed
    ]
    strangers = [code for code, definition, _ in definitions if definition is None]
    if strangers:
        against.append(f"it has no standard {', '.join(strangers)}")
    if (
        clues.score_max is not None
        and framework.score_max is not None
        and clues.score_max != framework.score_max
    ):
        against.append(f"it scores out of {framework.score_max}, not {clues.score_max}")
    named = all(  # each `answers_to` its name, squashed once for every framework
        definition is not None and name in definition.squashed_names
        for _, definition, name in definitions
    )
    dated = clues.when is None or framework.period_of(clues.when) == "within"
    if not dated:
        against.append(f"its period does not include {clues.when}")
    titled = clues.title is not None and framework.matches_title(clues.title)
    return _Fit(framework, tuple(against), titled, named, dated)


def _reason(fit: _Fit, clues: Clues) -> str:
    """Say which clues point to the chosen framework."""
    parts: list[str] = []
    if fit.titled:
        parts.append("the title names its kind of inspection")
    if clues.printed and fit.named:
        parts.append(f"its {len(clues.printed)} printed standards carry its codes and names")
    if clues.score_max is not None and fit.framework.score_max == clues.score_max:
        parts.append(f"the score is out of {clues.score_max}")
    when = clues.fieldwork or clues.published
    if when and fit.dated:
        kind = "fieldwork" if clues.fieldwork else "publication"
        parts.append(f"its {kind} date {when} falls in the framework's period")
    reason = f"{fit.framework.id}: " + "; ".join(parts)
    return f"{reason}; although {fit.against[0]}" if fit.against else reason


def _none_reason(clues: Clues, fits: list[_Fit]) -> str:
    """Say why no framework was chosen, naming what ruled out those the title points to."""
    titled = [fit for fit in fits if fit.titled]
    if not titled:
        what = "no framework's title" if clues.title else "no title"
        printed = " and no framework has the standards it prints" if clues.printed else ""
        return f"{what} matches the report{printed}"
    return "; ".join(f"not {fit.framework.id}: {'; '.join(fit.against)}" for fit in titled)
