"""Findings for people and CI: grouped text, JSON, SARIF 2.1.0 and GitHub annotations."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from extractor.check import check
from extractor.check_article import check_against
from extractor.document import Document
from extractor.errors import ExtractorError
from extractor.fit import hanging
from extractor.frameworks import rulebook
from extractor.load import decode, load
from extractor.options import Options
from extractor.parse import parse
from extractor.version import installed
from models import (
    Article,
    ErrorInfo,
    ErrorRecord,
    Evidence,
    Finding,
    InspectionReport,
    Source,
)

_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


@dataclass(frozen=True, slots=True)
class Location:
    """Where evidence sits in the input file: line and column (1-based), or a PDF page."""

    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None
    page: int | None = None


@dataclass(frozen=True, slots=True)
class Place:
    """One piece of a finding's evidence, in its file."""

    path: str
    location: Location


@dataclass(slots=True)
class Checked:
    """One input's outcome: its findings with their evidence located, or why it was unreadable."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    places: list[list[Place]] = field(default_factory=list)
    error: ErrorRecord | None = None

    @property
    def locations(self) -> list[Location]:
        """Where each finding is, in this input: its first evidence in this file."""
        return [
            next((p.location for p in places if p.path == self.path), Location())
            for places in self.places
        ]

    @property
    def errors(self) -> int:
        """How many error-level findings the input has."""
        return sum(1 for finding in self.findings if finding.severity == "error")

    @property
    def warnings(self) -> int:
        """How many warnings the input has."""
        return sum(1 for finding in self.findings if finding.severity == "warning")


Reference = tuple[Document, InspectionReport]
"""A report loaded once, that articles are checked against."""


def load_reference(path: str | Path, options: Options | None = None) -> Reference:
    """The report articles are compared with; ExtractorError when it is unreadable or no report."""
    document = load(path, options)
    record = parse(document, options)
    if not isinstance(record, InspectionReport):
        raise ExtractorError(path, f"is not an inspection report ({record.kind_reason})")
    return document, record


def check_file(
    path: str | Path, options: Options | None = None, against: Reference | None = None
) -> Checked:
    """Load, parse and check one file, locating each finding's evidence; never raises for bad input.

    A report is checked against its framework's rules; an article against the `against` report.
    """
    try:
        return _check_file(path, options, against)
    except ExtractorError as error:
        return Checked(str(path), error=error_record(path, error))
    except Exception as error:  # a bug must not stop the batch: record it like bad input
        return Checked(str(path), error=error_record(path, ExtractorError.internal(path, error)))


def _check_file(path: str | Path, options: Options | None, against: Reference | None) -> Checked:
    """check_file without the guard: raises ExtractorError for bad input."""
    document = load(path, options)
    record = parse(document, options)
    findings: list[Finding] = []
    if isinstance(record, InspectionReport):
        findings = check(record)
    elif isinstance(record, Article) and against is not None:
        findings = check_against(record, against[1])
    documents = {str(path): document}
    if against is not None:
        documents[against[0].source.path] = against[0]
    places = [
        [
            Place(
                evidence.path or str(path), locate(documents[evidence.path or str(path)], evidence)
            )
            for evidence in finding.evidence
        ]
        for finding in findings
    ]
    return Checked(str(path), findings, places)


def error_record(path: str | Path, error: ExtractorError) -> ErrorRecord:
    """The record that stands in for an input that could not be read."""
    return ErrorRecord(
        source=Source(path=str(path)), error=ErrorInfo(type=error.kind, message=error.reason)
    )


def locate(document: Document, evidence: Evidence) -> Location:
    """Line and column of evidence in the original file (text and HTML), or its page (PDF)."""
    if document.source.format == "pdf" or not evidence.text:
        return Location(page=evidence.page)
    try:
        source = _original(document.source.path, document.source.sha256)
    except (OSError, ValueError):
        return Location()
    offset = _find(source, document.text, evidence)
    if offset is None:
        return Location()
    return _line_column(source, offset, offset + len(evidence.text))


@lru_cache(maxsize=4)
def _original(path: str, sha256: str | None) -> str:
    """A file's decoded text, read once for all its findings (failures are not cached)."""
    data = Path(path).read_bytes()
    if sha256 is not None and hashlib.sha256(data).hexdigest() != sha256:
        raise ValueError(f"{path} changed after it was read")
    return decode(data)


def _find(source: str, text: str, evidence: Evidence) -> int | None:
    """The offset in the source of the evidence: with its line as context, else by occurrence."""
    line_start = text.rfind("\n", 0, evidence.start) + 1
    context = text[line_start : evidence.start]
    flexible = r"\s+".join(re.escape(word) for word in context.split())
    target = r"\s+".join(re.escape(word) for word in evidence.text.split())
    pattern = f"{flexible}(?:\\W*\\s*)({target})" if flexible else f"({target})"
    match = re.search(pattern, source)
    if match:
        return match.start(1)
    occurrence = text.count(evidence.text, 0, evidence.start)
    found = [m.start() for m in re.finditer(re.escape(evidence.text), source)]
    return found[occurrence] if occurrence < len(found) else (found[0] if found else None)


def _line_column(source: str, start: int, end: int) -> Location:
    """1-based line and column of a span of the source."""
    line = source.count("\n", 0, start) + 1
    column = start - (source.rfind("\n", 0, start) + 1) + 1
    end_line = source.count("\n", 0, end) + 1
    end_column = end - (source.rfind("\n", 0, end) + 1) + 1
    return Location(line=line, column=column, end_line=end_line, end_column=end_column)


def as_text(results: list[Checked], width: int = 100) -> str:
    """Findings grouped by file, each wrapped to `width` under its message, with verdicts."""
    lines: list[str] = []
    for result in results:
        if result.error is not None:
            words = f"cannot be read: {result.error.error.message}".split()
            lines += hanging(f"{result.path}:", words, width, indent=4)
            continue
        verdict = [f"{result.errors} error(s),", f"{result.warnings} warning(s)"]
        lines += hanging(f"{result.path}:", verdict, width, indent=4)
        for finding, location in zip(result.findings, result.locations, strict=True):
            head = f"  {finding.severity:<7} {finding.code:<26} {_where(location)}"
            if len(head) > width // 2:  # a narrow terminal: the message keeps the room
                head = f"  {finding.severity} {finding.code} {_where(location)}"
            lines += hanging(head, finding.message.split(), width)
    errors = sum(result.errors for result in results)
    unreadable = sum(1 for result in results if result.error is not None)
    total = (
        f"{len(results)} file(s) checked: {errors} error(s), "
        f"{sum(result.warnings for result in results)} warning(s), {unreadable} unreadable"
    )
    lines += hanging("", total.split(), width, indent=4)
    return "\n".join(lines) + "\n"


def _where(location: Location) -> str:
    """'12:5 ' or 'p.4 ' or nothing."""
    if location.line is not None:
        return f"{location.line}:{location.column} "
    if location.page is not None:
        return f"p.{location.page} "
    return ""


def as_json(results: list[Checked]) -> str:
    """Every input with its findings (or its error), as JSON."""
    payload = [
        result.error.model_dump(mode="json")
        if result.error is not None
        else {
            "path": result.path,
            "errors": result.errors,
            "warnings": result.warnings,
            "findings": [
                {**finding.model_dump(mode="json"), "location": _location_json(location)}
                for finding, location in zip(result.findings, result.locations, strict=True)
            ],
        }
        for result in results
    ]
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _location_json(location: Location) -> dict[str, int]:
    """A location as JSON, without the parts it lacks."""
    return {key: value for key, value in asdict(location).items() if value is not None}


def as_sarif(results: list[Checked]) -> str:
    """A SARIF 2.1.0 log: one run, the rule catalogue, one result per finding."""
    rules = [
        {
            "id": rule.code,
            "shortDescription": {"text": rule.text},
            "fullDescription": {"text": f"{rule.text} (ratings-rules.md: {rule.source})"},
            "properties": {"confidence": rule.confidence},
        }
        for rule in rulebook().rules.values()
    ]
    sarif_results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for result in results:
        if result.error is not None:
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": f"{result.path}: {result.error.error.message}"},
                    "locations": [_physical(result.path, Location())],
                }
            )
            continue
        for finding, location, places in zip(
            result.findings, result.locations, result.places, strict=True
        ):
            related = [
                {"id": index, **_physical(place.path, place.location, evidence)}
                for index, (place, evidence) in enumerate(
                    zip(places, finding.evidence, strict=True)
                )
                if place.path != result.path
            ]
            sarif_results.append(
                {
                    "ruleId": finding.code,
                    "level": _SARIF_LEVEL[finding.severity],
                    "message": {"text": finding.message},
                    "locations": [_physical(result.path, location, _own(finding))],
                    **({"relatedLocations": related} if related else {}),
                    "properties": {"confidence": finding.confidence},
                }
            )
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "inspection-extractor",
                        "version": installed(),
                        "rules": rules,
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": not notifications,
                        "toolExecutionNotifications": notifications,
                    }
                ],
                "results": sarif_results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _own(finding: Finding) -> Evidence | None:
    """A finding's first evidence in the input it was found in."""
    return next((evidence for evidence in finding.evidence if evidence.path is None), None)


def _physical(path: str, location: Location, evidence: Evidence | None = None) -> dict[str, Any]:
    """A SARIF location: the file, and the region of the evidence when known."""
    physical: dict[str, Any] = {"artifactLocation": {"uri": Path(path).as_posix()}}
    if location.line is not None:
        region: dict[str, Any] = {
            "startLine": location.line,
            "startColumn": location.column,
            "endLine": location.end_line,
            "endColumn": location.end_column,
        }
        if evidence is not None:
            region["snippet"] = {"text": evidence.text}
        physical["region"] = region
    located: dict[str, Any] = {"physicalLocation": physical}
    if location.page is not None:
        located["properties"] = {"page": location.page}
    return located


def as_github(results: list[Checked]) -> str:
    """GitHub Actions workflow commands, one annotation per finding or unreadable input."""
    lines: list[str] = []
    for result in results:
        if result.error is not None:
            where = _escape_property(result.path)
            lines.append(f"::error file={where}::{_escape(result.error.error.message)}")
            continue
        for finding, location in zip(result.findings, result.locations, strict=True):
            properties = [f"file={_escape_property(result.path)}"]
            if location.line is not None:
                properties += [f"line={location.line}", f"col={location.column}"]
                if location.end_line is not None:
                    properties += [
                        f"endLine={location.end_line}",
                        f"endColumn={location.end_column}",
                    ]
            properties.append(f"title={_escape_property(finding.code)}")
            page = f" (page {location.page})" if location.page is not None else ""
            lines.append(
                f"::{_GITHUB_LEVEL[finding.severity]} {','.join(properties)}::"
                f"{_escape(finding.message + page)}"
            )
    return "\n".join(lines) + ("\n" if lines else "")


def _escape(text: str) -> str:
    """Escape a workflow command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """Escape a workflow command's property value."""
    return _escape(text).replace(":", "%3A").replace(",", "%2C")
