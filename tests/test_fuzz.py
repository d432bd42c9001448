"""Fuzzing: random and mutated inputs give a record or an ExtractorError, never anything else.

FUZZ_EXAMPLES (default 1) multiplies every test's number of examples, for a longer local hunt.
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, REPORTS
from extractor import ExtractorError, Options, extract, load_bytes

SCALE = int(os.environ.get("FUZZ_EXAMPLES", "1"))
SEEDS = [
    REPORTS / "eastmoor-2025.pdf",
    REPORTS / "eastmoor-2025.html",
    REPORTS / "eastmoor-2025.txt",
    FIXTURES / "articles" / "001-blackpool-yjs-2025-press-release.html",
    FIXTURES / "articles" / "002-blackpool-yjs-2025-local-news.txt",
]
SEED_BYTES = {path.name: path.read_bytes() for path in SEEDS}
OPTIONS = Options(max_bytes=1_000_000)


def fuzzing(examples: int) -> settings:
    """Settings for a fuzz test: no deadline (spaCy's first call is slow), no example database."""
    return settings(
        max_examples=examples * SCALE,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def survives(data: bytes, whole: bool = True) -> None:
    """Loading (and, if whole, extracting) the bytes ends in a document or an ExtractorError."""
    try:
        if whole:
            extract(data, OPTIONS)
        else:
            load_bytes(data, "fuzz", OPTIONS)
    except ExtractorError as error:
        assert error.path in ("fuzz", "<bytes>")
        assert error.reason and "\n" not in error.reason


PREFIXES = st.sampled_from([b"", b"%PDF-1.7\n", b"<!DOCTYPE html><html><body>", b"\xef\xbb\xbf"])


@fuzzing(150)
@given(PREFIXES, st.binary(max_size=4096))
def test_random_bytes_load_or_fail_plainly(prefix: bytes, data: bytes) -> None:
    """Any bytes, behind any format's opening, load or raise ExtractorError."""
    survives(prefix + data, whole=False)


@fuzzing(40)
@given(st.text(max_size=2000), st.sampled_from(["utf-8", "utf-16", "cp1252"]))
def test_random_text_extracts_or_fails_plainly(text: str, encoding: str) -> None:
    """Any text, in any of the encodings read, goes through parsing or raises ExtractorError."""
    survives(text.encode(encoding, errors="replace"))


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A bundled fixture with bits flipped, bytes cut out, a tail cut off or another spliced in."""
    name = draw(st.sampled_from(sorted(SEED_BYTES)))
    data = bytearray(SEED_BYTES[name])
    for _ in range(draw(st.integers(1, 4))):
        if not data:
            break
        where = draw(st.integers(0, len(data) - 1))
        operation = draw(st.sampled_from(["flip", "cut", "truncate", "splice", "nul"]))
        if operation == "flip":
            data[where] ^= 1 << draw(st.integers(0, 7))
        elif operation == "cut":
            del data[where : where + draw(st.integers(1, 512))]
        elif operation == "truncate":
            del data[where:]
        elif operation == "nul":
            data[where:where] = b"\x00" * draw(st.integers(1, 8))
        else:
            other = SEED_BYTES[draw(st.sampled_from(sorted(SEED_BYTES)))]
            start = draw(st.integers(0, len(other) - 1))
            data[where:where] = other[start : start + draw(st.integers(1, 2048))]
    return bytes(data)


@fuzzing(60)
@given(mutated())
def test_mutated_fixtures_extract_or_fail_plainly(data: bytes) -> None:
    """Real documents damaged at random still give a record or one ExtractorError."""
    survives(data)


def test_the_seeds_are_the_formats_fuzzed() -> None:
    """The mutations start from one PDF, two HTML pages and two texts, all readable as they are."""
    formats = sorted(str(load_bytes(data, name).source.format) for name, data in SEED_BYTES.items())
    assert formats == ["html", "html", "pdf", "text", "text"]
    assert all(isinstance(path, Path) and path.exists() for path in SEEDS)
