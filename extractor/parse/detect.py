"""Which framework a report was written under, told from its content, with the reason."""

from __future__ import annotations

from extractor.frameworks import Framework, frameworks
from models import GroundedDate, GroundedText


def detect_framework(
    title: GroundedText | None,
    printed: dict[str, str],
    fieldwork: GroundedDate | None,
    forced: str | None,
) -> Framework | None:
    """The framework the report was written under.

    Among frameworks whose dates fit the fieldwork, one the title names wins; ties go to the one
    whose standards' codes, then names, fit what the report prints.
    """
    known = {key: f for key, f in frameworks().items() if f.family == "hmi_probation"}
    if forced:
        return known.get(forced)
    started = fieldwork.value if fieldwork else None

    def dated(framework: Framework) -> bool:
        begins, ends = framework.fieldwork_from, framework.fieldwork_to
        return not started or (
            (not begins or started >= begins[: len(started)])
            and (not ends or started <= ends[: len(started)])
        )

    def fit(framework: Framework) -> tuple[bool, bool]:
        definitions = [framework.standard(code) for code in printed]
        codes = all(definition is not None for definition in definitions)
        names = codes and all(
            definition is not None and definition.answers_to(name)
            for definition, name in zip(definitions, printed.values(), strict=True)
        )
        return codes, names

    candidates = [f for f in known.values() if dated(f)]
    named = [f for f in candidates if title is not None and f.matches_title(title.value)]
    if named:
        return max(named, key=fit)
    fitting = [f for f in candidates if printed and all(fit(f))]
    return fitting[0] if len(fitting) == 1 else None
