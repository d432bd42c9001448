"""The ways people really copy a report's text: each rewrite keeps every fact and changes the marks.

A source is a text copy of an inspectorate page: headings suffixed '(Back to top)', table rows
'cell | cell |', list items '- ', footnotes '[n] text' at the end. The rewrites read those
marks once, as a person would see them, and write the same report another way.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass

BACK_TO_TOP = " (Back to top)"
STRAIGHT = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})
_TERMINAL = tuple('.!?:;"”’)')


@dataclass(frozen=True)
class Line:
    """One logical line of the source: its kind and text (cells for a table row)."""

    kind: str
    text: str
    cells: tuple[str, ...] = ()


def lines_of(source: str) -> list[Line]:
    """The source's logical lines; a wrapped list item or paragraph is one line again."""
    found: list[Line] = []
    for number, raw in enumerate(source.splitlines()):
        text = raw.strip()
        if not text:
            continue
        previous = found[-1] if found else None
        if number == 0:
            found.append(Line("title", text))
        elif text.endswith(BACK_TO_TOP):
            found.append(Line("heading", text.removesuffix(BACK_TO_TOP)))
        elif text.endswith(" |") and " | " in text:
            cells = tuple(cell.strip() for cell in text.removesuffix(" |").split(" | "))
            found.append(Line("row", text, cells))
        elif text.startswith("- "):
            found.append(Line("item", text.removeprefix("- ")))
        elif re.match(r"\[\d+\] ", text):
            found.append(Line("footnote", text))
        elif (
            text[0].islower()
            and previous is not None
            and previous.kind in ("item", "paragraph")
            and not previous.text.endswith(_TERMINAL)
        ):
            found[-1] = Line(previous.kind, f"{previous.text} {text}")
        else:
            found.append(Line("paragraph", text))
    return found


def _plain_line(line: Line, back_to_top: bool = True) -> str:
    if line.kind == "heading":
        return line.text + (BACK_TO_TOP if back_to_top else "")
    if line.kind == "item":
        return f"- {line.text}"
    return line.text


def _tables(lines: list[Line]) -> list[list[Line]]:
    """Runs of consecutive table rows and single other lines, in order."""
    runs: list[list[Line]] = []
    for line in lines:
        if line.kind == "row" and runs and runs[-1][0].kind == "row":
            runs[-1].append(line)
        else:
            runs.append([line])
    return runs


def _render(lines: list[Line], row: Callable[[list[Line]], list[str]], back: bool) -> str:
    out: list[str] = []
    for run in _tables(lines):
        if run[0].kind == "row":
            out += row(run)
        else:
            out.append(_plain_line(run[0], back))
    return "\n".join(out) + "\n"


def crlf(source: str) -> str:
    """Windows line ends."""
    return source.replace("\r\n", "\n").replace("\n", "\r\n")


def straight_quotes(source: str) -> str:
    """Typewriter quotes instead of curly ones."""
    return source.translate(STRAIGHT)


def no_back_to_top(source: str) -> str:
    """Headings as bare lines, without the page's '(Back to top)' link."""
    return _render(lines_of(source), lambda run: [line.text for line in run], back=False)


def tab_tables(source: str) -> str:
    """Table rows with cells separated by tabs, as a spreadsheet or a browser copies them."""
    return _render(lines_of(source), lambda run: ["\t".join(line.cells) for line in run], True)


def markdown_tables(source: str) -> str:
    """Table rows as a Markdown table, with its rule under the first row."""

    def table(run: list[Line]) -> list[str]:
        rows = [f"| {' | '.join(line.cells)} |" for line in run]
        rule = "|" + "|".join("---" for _ in run[0].cells) + "|"
        return ["", rows[0], rule, *rows[1:], ""]

    return _render(lines_of(source), table, True)


def aligned_tables(source: str) -> str:
    """Table rows as columns padded with spaces, as a PDF viewer or a terminal copies them."""

    def table(run: list[Line]) -> list[str]:
        width = max(len(line.cells[0]) for line in run) + 3
        return ["".join(cell.ljust(width) for cell in line.cells).rstrip() for line in run]

    return _render(lines_of(source), table, True)


def extra_blank_lines(source: str) -> str:
    """A blank line between every two lines, and two around headings."""
    out: list[str] = []
    for line in lines_of(source):
        text = _plain_line(line)
        out += ["", "", text, ""] if line.kind == "heading" else [text, ""]
    return "\n".join(out)


def hard_wrapped(width: int, blank_between: bool = False) -> Callable[[str], str]:
    """Every line but table rows broken at a width, as a PDF viewer or a mail client copies it."""

    def rewrite(source: str) -> str:
        out: list[str] = []
        for line in lines_of(source):
            text = _plain_line(line)
            out += [text] if line.kind == "row" else textwrap.wrap(text, width)
            if blank_between:
                out.append("")
        return "\n".join(out) + "\n"

    rewrite.__name__ = f"wrapped_{width}" + ("_blank" if blank_between else "")
    return rewrite


def markdown(source: str) -> str:
    """A Markdown document: '#' headings, '-' items, pipe tables, blank lines between blocks."""
    out: list[str] = []
    for run in _tables(lines_of(source)):
        line = run[0]
        if line.kind == "row":
            rows = [f"| {' | '.join(row.cells)} |" for row in run]
            out += [rows[0], "|" + "|".join("---" for _ in line.cells) + "|", *rows[1:], ""]
        elif line.kind == "title":
            out += [f"# {line.text}", ""]
        elif line.kind == "heading":
            out += [f"## {line.text}", ""]
        elif line.kind == "item":
            out.append(f"- {line.text}")
        else:
            out += ["", line.text, ""]
    return "\n".join(out) + "\n"


def plain_html(source: str) -> str:
    """The page as bare HTML: h1, h2, p, ul, table, with no classes, ids or site furniture."""
    out = ["<html><body>"]
    in_list = False
    for run in _tables(lines_of(source)):
        line = run[0]
        if in_list and line.kind != "item":
            out.append("</ul>")
            in_list = False
        text = html.escape(line.text, quote=False)
        if line.kind == "row":
            out.append("<table>")
            for row in run:
                cells = "".join(f"<td>{html.escape(cell, quote=False)}</td>" for cell in row.cells)
                out.append(f"<tr>{cells}</tr>")
            out.append("</table>")
        elif line.kind == "title":
            out.append(f"<h1>{text}</h1>")
        elif line.kind == "heading":
            out.append(f"<h2>{text}</h2>")
        elif line.kind == "item":
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{text}</li>")
        else:
            out.append(f"<p>{text}</p>")
    out.append("</ul></body></html>" if in_list else "</body></html>")
    return "\n".join(out) + "\n"


def as_pasted(source: str) -> str:
    """All at once, as a report is often pasted: no links, tabs, wrapped at 80, CRLF, straight."""
    out: list[str] = []
    for line in lines_of(source):
        if line.kind == "row":
            out.append("\t".join(line.cells))
        else:
            out += textwrap.wrap(_plain_line(line, back_to_top=False), 80)
    return crlf(straight_quotes("\n".join(out) + "\n"))


REWRITES: dict[str, Callable[[str], str]] = {
    "crlf": crlf,
    "straight_quotes": straight_quotes,
    "no_back_to_top": no_back_to_top,
    "tab_tables": tab_tables,
    "markdown_tables": markdown_tables,
    "aligned_tables": aligned_tables,
    "extra_blank_lines": extra_blank_lines,
    "wrapped_60": hard_wrapped(60),
    "wrapped_72": hard_wrapped(72),
    "wrapped_80": hard_wrapped(80),
    "wrapped_100": hard_wrapped(100),
    "wrapped_120": hard_wrapped(120),
    "wrapped_80_blank": hard_wrapped(80, blank_between=True),
    "markdown": markdown,
    "plain_html": plain_html,
    "as_pasted": as_pasted,
}
