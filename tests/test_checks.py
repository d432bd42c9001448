"""The ratings rules: each check fires on the fixture that breaks it and on nothing clean."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES, REPORTS, ROOT, SEED_REPORT, fixture_builder, loaded
from extractor import check, extract, load_bytes, parse
from extractor.cli import app
from extractor.frameworks import Framework, frameworks, rulebook
from helpers import evidence_in
from models import InspectionReport

CHECKS = FIXTURES / "checks"
EXPECTED: dict[str, list[list[str]]] = json.loads((CHECKS / "expected.json").read_text())
CLEAN = sorted(p for p in REPORTS.iterdir() if p.suffix in (".txt", ".html", ".pdf"))
runner = CliRunner()


def findings_of(path: Path) -> list[tuple[str, str]]:
    """(code, severity) of each finding of a file, in the order the checks report them."""
    record = loaded(path)[1]
    assert isinstance(record, InspectionReport)
    return [(finding.code, finding.severity) for finding in check(record)]


def test_every_rule_has_a_fixture_that_breaks_it() -> None:
    """The catalogue and the fixtures cover each other: one broken file per rule.

    Report rules break a report (fixtures/checks/*.txt); article rules break an article checked
    against the Blackpool report (fixtures/checks/articles/article-*.txt).
    """
    report_rules = {name.removesuffix(".txt") for name in EXPECTED}
    article_rules = {p.stem for p in (CHECKS / "articles").glob("article-*.txt")}
    assert report_rules | article_rules == set(rulebook().rules)
    assert not report_rules & article_rules
    assert {path.name for path in CHECKS.glob("*.txt")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_broken_fixture_gives_exactly_its_findings(name: str) -> None:
    """Each fixture breaks one rule and gives that finding, at its severity, and no other."""
    assert sorted(findings_of(CHECKS / name)) == sorted(tuple(pair) for pair in EXPECTED[name])


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_a_consistent_report_gives_no_finding(path: Path) -> None:
    """The bundled reports break no rule, in any format; a rated one in no framework says so."""
    facts = path.with_suffix(".facts.json")
    typed = json.loads(facts.read_text("utf-8")) if facts.exists() else {"framework": "known"}
    unknown = typed["framework"] is None and (typed["overall"] or typed["ratings"])
    assert [code for code, _ in findings_of(path)] == (["framework-unknown"] if unknown else [])


def test_the_seed_report_gives_no_finding(seed_report: Path) -> None:
    """The real 2025 Blackpool report is consistent with its framework's rules."""
    assert findings_of(SEED_REPORT) == []


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_finding_is_grounded_and_explained(name: str) -> None:
    """Each finding quotes the values involved, names its rule and its confidence."""
    document, record = loaded(CHECKS / name)
    assert isinstance(record, InspectionReport)
    for finding in check(record):
        rule = rulebook().rules[finding.code]
        assert finding.rule == rule.text
        assert finding.message.endswith(".")
        for evidence in evidence_in(finding):
            assert document.text[evidence.start : evidence.end] == evidence.text
        if finding.code != "framework-unknown":
            assert finding.evidence


def report_with(old: str, new: str) -> InspectionReport:
    """The Blackpool fixture with one line changed, parsed."""
    text = (REPORTS / "blackpool-2025.txt").read_text("utf-8")
    assert old in text
    record = parse(load_bytes(text.replace(old, new, 1).encode(), "changed.txt"))
    assert isinstance(record, InspectionReport)
    return record


def test_a_case_band_message_names_the_values() -> None:
    """The message says which standard, its rating, the lowest percentage and its band."""
    record = report_with("| 47% |", "| 57% |")
    [finding] = check(record)
    assert finding.message == (
        "2.1 Assessing is rated Inadequate, but its lowest key question, 57%, falls in the "
        "Requires improvement band, 50-64%."
    )
    assert (finding.severity, finding.confidence) == ("error", "CONFIRMED")
    assert [e.text for e in finding.evidence] == ["Inadequate", "57%"]


def test_a_percentage_at_a_band_edge_only_warns() -> None:
    """Rounding is uncertain: 50% for an Inadequate standard is a warning, not an error."""
    record = report_with("| 47% |", "| 50% |")
    assert [(f.code, f.severity) for f in check(record)] == [("case-band", "warning")]


def test_a_score_message_shows_the_arithmetic() -> None:
    """A wrong score's message lists each scored standard's points."""
    record = report_with("Score 6/12", "Score 5/12")
    messages = [f.message for f in check(record) if f.code == "score-sum"]
    assert messages == [
        "The score is 5/12, but the points of the scored standards add up to 6: 2.1 Inadequate 0 "
        "+ 2.2 Good 2 + 2.3 Outstanding 3 + V1 Requires improvement 1."
    ]


def test_extract_includes_the_findings() -> None:
    """`extract` returns the record with its findings attached."""
    record = extract(CHECKS / "score-sum.txt")
    assert isinstance(record, InspectionReport)
    assert [finding.code for finding in record.findings] == ["score-sum"]


def test_docs_list_every_check_and_framework() -> None:
    """docs/checks.md documents every code the checks can emit and every framework."""
    text = (ROOT / "docs" / "checks.md").read_text("utf-8")
    for code in rulebook().rules:
        assert f"| `{code}` |" in text
    for framework_id in frameworks():
        assert f"`{framework_id}`" in text


@pytest.mark.parametrize(
    "framework",
    [f for f in frameworks().values() if f.inspectorate == "hmi_probation" and f.score_max],
    ids=lambda f: f.id,
)
def test_overall_bands_follow_the_sixths_rule(framework: Framework) -> None:
    """Each scored framework's bands are 1/6, 1/2 and 5/6 of the maximum (section 0)."""
    assert framework.overall_bands is not None and framework.score_max is not None
    top = framework.score_max
    assert framework.overall_bands.ranges() == {
        "Inadequate": (0, top // 6),
        "Requires improvement": (top // 6 + 1, top // 2),
        "Good": (top // 2 + 1, 5 * top // 6),
        "Outstanding": (5 * top // 6 + 1, top),
    }


def test_youth_bands_are_the_confirmed_ones() -> None:
    """Youth /36: 18 is Requires improvement, 19 Good, 30 Good, 31 Outstanding (section 1.4)."""
    bands = frameworks()["youth_2021_v2"].overall_bands
    assert bands is not None
    assert [bands.band(score) for score in (6, 7, 18, 19, 30, 31)] == [
        "Inadequate",
        "Requires improvement",
        "Requires improvement",
        "Good",
        "Good",
        "Outstanding",
    ]
    assert frameworks()["youth_2021_v2"].confidence_of("overall-band") == "CONFIRMED"
    assert frameworks()["youth_2025_iyjwcv"].confidence_of("overall-band") == "UNCERTAIN"


def test_a_framework_whose_bands_leave_a_gap_is_refused() -> None:
    """Framework data is validated when loaded: bands must cover 0 to the maximum."""
    data: dict[str, Any] = frameworks()["youth_2025_iyjwcv"].model_dump(by_alias=True)
    data["overall_bands"]["Good"] = (8, 10)
    with pytest.raises(ValueError, match=r"do not cover 0\.\.12"):
        Framework.model_validate(data)


def run(*args: str) -> tuple[int, str, str]:
    """Run the CLI, returning exit code, stdout and stderr."""
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_check_exit_codes() -> None:
    """0 when clean or only warnings, 1 on any error, 2 when an input cannot be read."""
    assert run("check", str(REPORTS / "eastmoor-2025.txt"))[0] == 0
    assert run("check", str(CHECKS / "percent-sample.txt"))[0] == 0
    assert run("check", str(CHECKS / "score-sum.txt"))[0] == 1
    assert (
        run("check", str(REPORTS / "eastmoor-2025.txt"), str(FIXTURES / "broken" / "empty.txt"))[0]
        == 2
    )
    assert run("check")[0] == 2


def test_a_bug_on_one_input_does_not_stop_the_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    """An unexpected exception becomes that file's 'internal' error; the others are checked."""
    import extractor.findings

    real_parse = extractor.findings.parse

    def parse_or_fail(document: Any, options: Any = None) -> Any:
        if document.source.path.endswith("score-sum.txt"):
            raise KeyError("boom")
        return real_parse(document, options)

    monkeypatch.setattr(extractor.findings, "parse", parse_or_fail)
    bad, good = str(CHECKS / "score-sum.txt"), str(REPORTS / "eastmoor-2025.txt")
    code, out, err = run("check", bad, good, "--format", "json")
    assert code == 2
    assert err == f"extractor: {bad}: internal error, please report it (KeyError: 'boom')\n"
    failed, checked = json.loads(out)
    assert (failed["kind"], failed["source"]["path"], failed["error"]["type"]) == (
        "error",
        bad,
        "internal",
    )
    assert (checked["path"], checked["findings"]) == (good, [])


def test_check_text_groups_findings_by_file() -> None:
    """The default output names each file with its verdict, then a line per finding (wide)."""
    paths = [str(CHECKS / "score-sum.txt"), str(REPORTS / "eastmoor-2025.pdf")]
    result = runner.invoke(app, ["check", *paths], env={"COLUMNS": "300"})
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == f"{CHECKS / 'score-sum.txt'}: 1 error(s), 0 warning(s)"
    assert re.match(r"  error   score-sum +12:42 The score is 9/12, but", lines[1])
    assert lines[2] == f"{REPORTS / 'eastmoor-2025.pdf'}: 0 error(s), 0 warning(s)"
    assert lines[3] == "2 file(s) checked: 1 error(s), 0 warning(s), 0 unreadable"


def test_check_json_lists_findings_with_locations() -> None:
    """JSON output: one entry per input, findings with code, severity and a line and column."""
    _, out, _ = run("check", str(CHECKS / "rating-word.txt"), "--format", "json")
    [entry] = json.loads(out)
    [finding] = entry["findings"]
    assert (finding["code"], finding["severity"]) == ("rating-word", "warning")
    assert finding["location"] == {"line": 16, "column": 17, "end_line": 16, "end_column": 21}


def test_check_sarif_points_at_the_evidence() -> None:
    """SARIF 2.1.0: rules from the catalogue, results whose region is the evidence in the file."""
    path = CHECKS / "case-band.txt"
    code, out, _ = run("check", str(path), "--format", "sarif")
    assert code == 1
    log = json.loads(out)
    assert log["version"] == "2.1.0"
    [run_] = log["runs"]
    assert {rule["id"] for rule in run_["tool"]["driver"]["rules"]} == set(rulebook().rules)
    [result] = run_["results"]
    assert (result["ruleId"], result["level"]) == ("case-band", "error")
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == path.as_posix()
    region = location["region"]
    line = path.read_text("utf-8").splitlines()[region["startLine"] - 1]
    quoted = line[region["startColumn"] - 1 : region["endColumn"] - 1]
    assert quoted == region["snippet"]["text"] == "Outstanding"


def test_check_github_annotations() -> None:
    """GitHub workflow commands: level, file, line, column, title, escaped message."""
    _, out, _ = run("check", str(CHECKS / "percent-sample.txt"), "--format", "github")
    [line] = out.splitlines()
    assert line.startswith(
        f"::warning file={CHECKS / 'percent-sample.txt'},line=42,col=42,endLine=42,endColumn=45,"
        "title=percent-sample::2.1 "
    )
    assert "74%25" in line


def test_check_a_pdf_names_the_page(tmp_path: Path) -> None:
    """PDF findings have no line; SARIF and GitHub output say which page instead."""
    build = fixture_builder()
    report = build.parse((CHECKS / "score-sum.txt").read_text("utf-8"))
    pdf = tmp_path / "score-sum.pdf"
    pdf.write_bytes(build.render_pdf(report, build.META["eastmoor-2025"]))
    code, out, _ = run("check", str(pdf), "--format", "github")
    assert code == 1
    assert out == (
        f"::error file={pdf},title=score-sum::The score is 9/12, but the points of the scored "
        "standards add up to 8: 2.1 Good 2 + 2.2 Outstanding 3 + 2.3 Good 2 + V1 Requires "
        "improvement 1. (page 4)\n"
    )
    log = json.loads(run("check", str(pdf), "--format", "sarif")[1])
    [result] = log["runs"][0]["results"]
    assert result["locations"][0]["properties"] == {"page": 4}
    assert "region" not in result["locations"][0]["physicalLocation"]
