"""The README's library example runs as written, from the repository's root."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT


def test_the_readme_library_example_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every assertion in the README's Python block holds on the bundled fixtures."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Library\n") :]
    match = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert match is not None
    code = match.group(1)
    assert code.count("assert ") >= 6
    monkeypatch.chdir(ROOT)
    exec(compile(code, "README.md", "exec"), {"__name__": "readme_example"})
