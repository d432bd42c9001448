"""Text fitted to a terminal's width, each value whole; light, as a batch's parent uses it."""

from __future__ import annotations

from collections.abc import Iterable


def hanging(head: str, pieces: Iterable[str], width: int, indent: int | None = None) -> list[str]:
    """Head then pieces on lines of at most `width`, continued under the first piece; none split.

    A piece wider than the room goes whole onto the next line, and so does one after a head with
    no room left: a value is never cut in two, and only one wider than the width itself (a long
    path) overflows. Continuation lines start under the first piece, or `indent` columns in, or
    4 when the head takes over half the width or a piece would not fit under it.
    """
    if indent is None:
        indent = len(head) if len(head) <= width // 2 else 4
    lines: list[str] = []
    line, fresh = head, not head.strip()
    for piece in pieces:
        joint = "" if fresh or line.endswith(" ") else " "
        if not fresh and len(line) + len(joint) + len(piece) > width:
            lines.append(line.rstrip())
            line, joint = " " * (indent if indent + len(piece) <= width else min(indent, 4)), ""
        line, fresh = f"{line}{joint}{piece}", False
    lines.append(line.rstrip())
    return lines
