"""The mechanisms that make extraction and start-up fast give the same answers as the slow way."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import types
from pathlib import Path
from typing import Any

import numpy
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from spacy.attrs import IDX, LOWER, NORM, ORTH, SENT_START, SHAPE, SPACY
from spacy.lang.en import English
from spacy.pipeline import Sentencizer, SpanRuler
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import filter_chain_spans

from extractor import extract, load_bytes, tokens
from extractor.columns import columns
from extractor.errors import ExtractorError
from extractor.export import summary
from extractor.frameworks import frameworks
from extractor.load import load
from extractor.nlp import FACTS, NUMBERS, _tokens_at, found, pipeline
from extractor.parse.analysis import _doc, _groups, _Joined, units
from extractor.ruler import InspectionPatterns, matches
from extractor.tokens import (
    SPECIAL_CASES,
    ArraySentencizer,
    TextKeepingTokenizer,
    among,
    doc_text,
)
from extractor.vocabulary import vocabulary

ROOT = Path(__file__).resolve().parent.parent

TEXTS = [
    "Leaders were clear. Staff felt supported! Was it enough? Yes.",
    "In 12 of the 20 cases (60%), plans were good... Others were not.",
    "e.g. the U.K. rate was 6.5 per cent. It rose to 7% in 2025. “Good.” Next",
    "",
    "No full stop at the end",
    "!!! ?? Start with marks. Then words.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_array_sentencizer_starts_sentences_where_spacy_does(text: str) -> None:
    """The array-reading sentencizer keeps spaCy's rule: same sentence starts on every text."""
    nlp = English()
    doc_spacy, doc_ours = nlp.make_doc(text), nlp.make_doc(text)
    Sentencizer()(doc_spacy)
    ArraySentencizer("sentencizer")(doc_ours)
    assert [t.is_sent_start for t in doc_ours] == [t.is_sent_start for t in doc_spacy]


_SENTENCE_WORDS = [
    ".",
    "!",
    "?",
    "...",
    "?!",
    ",",
    ";",
    "(",
    ")",
    "“",
    "”",
    "-",
    "a",
    "Yes",
    "U.K.",
]
_SENTENCE_WORDS += ["e.g.", "7", "。", "\n", "\n\n"]
_VOCAB = English().vocab


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_SENTENCE_WORDS), st.sampled_from([None, True, False]))))
def test_array_sentencizer_matches_spacy_on_any_token_sequence(
    tokens: list[tuple[str, bool | None]],
) -> None:
    """On any run of words and marks, with some starts set before it, the starts are spaCy's."""
    words = [word for word, _ in tokens]
    preset = [start for _, start in tokens]
    doc_spacy = Doc(_VOCAB, words=words, sent_starts=preset)
    doc_ours = Doc(_VOCAB, words=words, sent_starts=preset)
    Sentencizer()(doc_spacy)
    ArraySentencizer("sentencizer")(doc_ours)
    assert doc_ours.to_array([SENT_START]).tolist() == doc_spacy.to_array([SENT_START]).tolist()


_COLUMN_WORDS = [*_SENTENCE_WORDS, "twenty", "-", "one", "45", "%", "per", "cent", "of", "12"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_COLUMN_WORDS), max_size=30), st.booleans())
def test_the_columns_kept_through_the_pipeline_are_the_docs_attributes(
    words: list[str], joined: bool
) -> None:
    """Components set sentence starts, NORM and merged tokens; every column kept says the same.

    Read through the pipeline alone, or as a joined text whose unit starts `_doc` sets first.
    """
    nlp = pipeline()
    text = " ".join(words)
    if joined and text.strip():
        document = load_bytes(f"{text}\n\n{text}".encode(), "joined.txt")
        group = next(_groups(document), [])
        doc = nlp(_doc(nlp, _Joined.of(document, group))) if group else nlp(text)
    else:
        doc = nlp(text)
    kept = columns(doc)
    assert NORM in kept or not found(doc, NUMBERS)
    for attr, column in kept.items():
        assert column.astype(numpy.uint64).tolist() == doc.to_array(attr).tolist(), attr


_HASHES = st.integers(0, 2**64 - 1)


@settings(max_examples=200, deadline=None)
@given(st.lists(_HASHES, max_size=30), st.sets(_HASHES, max_size=6), st.data())
def test_among_finds_what_numpy_isin_finds(
    values: list[int], wanted: set[int], data: st.DataObject
) -> None:
    """The binary search over sorted hashes answers as `numpy.isin`, at either end of 64 bits."""
    values += data.draw(st.lists(st.sampled_from(sorted(wanted)), max_size=5)) if wanted else []
    array = numpy.array(values, dtype=numpy.uint64)
    sought = numpy.array(sorted(wanted), dtype=numpy.uint64)
    assert among(array, sought).tolist() == numpy.isin(array, sought).tolist()


SPECIAL_CASE_TEXTS = [
    "It's 9 a.m. and we can't wait; Mr. Lee's team (e.g. Dr. Shah) didn't.",
    "Don't  stop:\tthey'll've gone\xa0by 10pm, won't they? :) :-( o_O",
    "> :(k",  # spaCy's matcher finds '>:(' across the space, and it then hides ':('
    "'s n't 'll 'em ''",
]


@pytest.mark.parametrize("stale_limit", [10**9, 0])
def test_special_cases_added_as_texts_need_them_give_the_tokens_of_all_of_them(
    stale_limit: int,
) -> None:
    """A tokenizer adding English's special cases as its texts hold them tokenises as spaCy does.

    The reference has all 1,347 cases from the start; ours adds them one text after another,
    so each text is read with the cases of the texts before it as well as its own, its finder
    built again over the pending cases as soon as it finds one added already (limit 0), or never.
    """
    reference = tokens.English().tokenizer
    reference.rules = SPECIAL_CASES
    ours = TextKeepingTokenizer(tokens.English().tokenizer, stale_limit)
    fixtures = sorted((ROOT / "fixtures").rglob("*.txt"))
    assert len(fixtures) > 40
    texts = [*SPECIAL_CASE_TEXTS, *TEXTS]
    texts += [path.read_text("utf-8", "replace") for path in fixtures]
    attrs = [ORTH, NORM, IDX, SPACY]
    for text in texts:
        assert ours(text).to_array(attrs).tolist() == reference(text).to_array(attrs).tolist()
    assert 0 < len(ours.pending) < len(SPECIAL_CASES)
    ours("It's 9 a.m.")
    stale = sorted(ours.finder.find_matches_as_strings("It's9a.m.", overlapping=True))
    assert stale == ([] if stale_limit == 0 else ["'", "'s", "9a.m.", "It's", "a.", "a.m.", "m."])


class _SlowTokenizer(Tokenizer):  # type: ignore[misc]
    """spaCy's tokenizer, holding each special case back until the test lets it be added."""

    def add_special_case(self, string: str, substrings: Any) -> None:
        """Wait for the test's signal, then add the case."""
        if string == "Okla.":
            self.may_add.wait(timeout=10)
        super().add_special_case(string, substrings)


def test_a_thread_never_tokenises_while_another_adds_the_case_it_needs() -> None:
    """Two threads needing the same special case: the second waits until the first has added it.

    Dask may run the per-document function in threads that share one pipeline.
    """
    english = tokens.English()
    base = english.tokenizer
    slow = _SlowTokenizer(
        english.vocab, base.rules, base.prefix_search, base.suffix_search, base.infix_finditer
    )
    slow.may_add = threading.Event()
    ours = TextKeepingTokenizer(slow)
    results: dict[str, list[str]] = {}

    def read(name: str) -> None:
        results[name] = [token.text for token in ours("Tulsa, Okla. was named")]

    first = threading.Thread(target=read, args=("first",))
    first.start()
    time.sleep(0.2)  # the first thread is adding 'Okla.' and holds it back
    second = threading.Thread(target=read, args=("second",))
    second.start()
    second.join(timeout=0.5)
    assert second.is_alive(), "the second thread tokenised while the case was being added"
    slow.may_add.set()
    first.join(timeout=10)
    second.join(timeout=10)
    assert results["first"] == results["second"] == ["Tulsa", ",", "Okla.", "was", "named"]


def test_a_text_adds_only_the_special_cases_it_holds() -> None:
    """Building the tokenizer adds none but the space; a text adds the cases in it, spaces aside."""
    ours = TextKeepingTokenizer(tokens.English().tokenizer)
    assert list(ours.tokenizer.rules) == [" "]
    ours("It's 9 a .m.")
    assert sorted(ours.tokenizer.rules) == [
        " ", "'", "'s", "9a.m.", "It's", "a.", "a.m.", "m."
    ]  # fmt: skip
    ours.add_all_special_cases()
    assert len(ours.tokenizer.rules) == len(SPECIAL_CASES) == 1347
    assert not ours.pending


def test_each_token_pattern_variant_is_anchored_at_its_last_listed_token() -> None:
    """A pattern's variants, anchors and reach come from the pattern, not from a guess.

    'a - third' starts 2 tokens before its fraction word, 'a third' 1; 'six out of a possible
    of 12' 6 before its maximum, 'six out of 12' 3; 'per cent' is anchored by 'cent', a date
    by its year. A maximum, digits alone, is tested on LOWER, as its own lowercase.
    """
    ruler = pipeline().get_pipe("inspection_patterns")
    assert isinstance(ruler, InspectionPatterns)
    strings = ruler.nlp.vocab.strings

    def reach(attr: int, *words: str) -> list[tuple[int, int]]:
        variants = ruler.arrays.anchored[attr, frozenset(strings[word] for word in words)]
        return sorted({(first, last) for _, first, last, _ in variants})

    assert reach(LOWER, *vocabulary().fractions) == [(-2, 1), (-1, 1)]
    maxima = {str(f.score_max) for f in frameworks().values() if f.score_max}
    assert reach(LOWER, *maxima) == [(-6, 1), (-5, 1), (-4, 1), (-3, 1)]
    assert reach(LOWER, "cent") == [(-2, 1)]
    assert reach(SHAPE, "dddd") == [(-3, 1), (-2, 1), (-1, 1)]
    assert len(ruler.arrays.anchored) == 14
    assert sum(len(variants) for variants in ruler.arrays.anchored.values()) == 41


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        ([{"NORM": "<number>"}, {"IS_ALPHA": True}], "no token matching only listed words"),
        ([{"LOWER": "all"}, {"LOWER": "of", "OP": "+"}], "its reach is unbounded"),
        ([{"LOWER": "rating", "OP": "?"}], "no token matching only listed words"),
        ([{"LOWER": {"REGEX": "^per"}}], "tests what arrays do not match"),
        ([{"LOWER": "per", "IS_ALPHA": True}], "tests what arrays do not match"),
    ],
)
def test_a_token_pattern_without_a_key_is_refused(
    pattern: list[dict[str, Any]], reason: str
) -> None:
    """A pattern the arrays could miss or mismatch must fail loudly when the pipeline is built."""
    ruler = InspectionPatterns(English(), "test")
    with pytest.raises(ValueError, match=reason):
        ruler.add_patterns([{"label": "X", "pattern": pattern}])


PATTERN_TEXTS = [
    "In 67% of cases, 31.6 per cent, 12 percent and 9 pc; 276 per 100,000 children.",
    "About two-thirds, a quarter, an eighth, 3 fifths and half of them; half an hour.",
    "Seven in ten, six-in-10, one in five, Seven-out-of-ten and 2 out of 5 agreed.",
    "All staff and all cases; it made 6 recommendations, 1 recommendation, 4 key recommendations.",
    "On 14th Nov 2025, 02 June 2025, June 3, 2025, 04/03/2025 and in July 2024.",
    "Scored 6/12 and 25/36; six out of a possible of 12, 7 out of the maximum 24 and 9 out of 30.",
]


def _units_before_the_patterns() -> list[Doc]:
    """Docs through the pipeline up to the patterns, of texts holding every kind of pattern.

    The short texts above, and every unit of the fixtures' texts and of the corpus's articles
    when present.
    """
    nlp = pipeline()
    names = {".txt", ".html", ".md"}
    paths = [path for path in sorted((ROOT / "fixtures").rglob("*")) if path.suffix in names]
    articles = ROOT.parent / "shared" / "corpus" / "articles" / "docs"
    paths += sorted(articles.glob("*"))[:100] if articles.exists() else []
    texts = list(PATTERN_TEXTS)
    for path in paths:
        try:
            document = load(path)
        except ExtractorError:
            continue
        texts += [document.text[start:end] for start, end in units(document)]
    before = nlp.pipe_names.index("inspection_patterns")
    docs = []
    for text in texts:
        doc = nlp.make_doc(text)
        for _, component in nlp.pipeline[:before]:
            doc = component(doc)
        docs.append(doc)
    return docs


_PATTERN_WORDS = ["6", "twelve", "per", "cent", "%", "percent", "100,000", "-", "in", "out", "of"]
_PATTERN_WORDS += ["a", "the", "possible", "third", "thirds", "half", "all", "staff", "ten", "10"]
_PATTERN_WORDS += ["June", "14th", "2025", ",", "6/12", "04/03/2025", "key", "recommendations"]
_PATTERN_WORDS += ["12", "36", "Good", "requires", "improvement", ".", "Leeds", "YOT"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PATTERN_WORDS), max_size=30))
def test_the_array_patterns_find_what_spacys_matcher_finds_in_any_word_sequence(
    words: list[str],
) -> None:
    """On any run of the patterns' own words, in any order, the matches kept are spaCy's ruler's."""
    nlp = pipeline()
    ruler = nlp.get_pipe("inspection_patterns")
    assert isinstance(ruler, InspectionPatterns)
    doc = nlp.make_doc(" ".join(words))
    for _, component in nlp.pipeline[: nlp.pipe_names.index("inspection_patterns")]:
        doc = component(doc)
    longest = filter_chain_spans(SpanRuler.match(ruler, doc))
    ours = [tuple(match) for match in matches(ruler(doc), "facts")]
    assert ours == [(s.start, s.end, s.label_, s.id_) for s in longest]


def test_the_array_patterns_find_what_one_matcher_over_the_whole_doc_finds() -> None:
    """The ruler finds what spaCy's SpanRuler finds running every pattern at every token.

    And keeps the first longest of overlapping matches, as spaCy's filter does with Spans. On
    every unit of the fixtures' texts (and of the corpus's articles when present).
    """
    ruler = pipeline().get_pipe("inspection_patterns")
    assert isinstance(ruler, InspectionPatterns)
    found = kept = 0
    for doc in _units_before_the_patterns():
        spacys = SpanRuler.match(ruler, doc)
        longest = [(s.start, s.end, s.label_, s.id_) for s in filter_chain_spans(spacys)]
        assert [tuple(match) for match in matches(ruler(doc), "facts")] == longest
        found, kept = found + len(spacys), kept + len(longest)
    assert found > kept > 1000


@pytest.mark.parametrize("text", [*TEXTS, "  twenty-one  3 ,4\n\n5.5% x7 [2]Outcome 22[2]"])
def test_token_ranges_of_character_spans_are_spacys(text: str) -> None:
    """Number spans are found on tokens where `doc.char_span` finds them, and nowhere else."""
    doc = pipeline().make_doc(text)
    spans = [(start, end) for start in range(len(text)) for end in range(start + 1, len(text) + 1)]
    want = []
    for start, end in spans:
        span = doc.char_span(start, end)
        if span is not None:
            want.append([span.start, span.end, start, end])
    assert _tokens_at(doc, spans) == want


def test_number_words_are_found_alike_in_ascii_texts_and_others() -> None:
    """ASCII texts are searched lowercased, others with IGNORECASE: the same numbers either way."""
    nlp = pipeline()
    text = "Twenty-one of FIFTY cases, sixty-Five per cent; ten, Seven-two and 3 NINE-teen."
    numbers = found(nlp(text), NUMBERS)
    assert numbers == found(nlp(text + " Café"), NUMBERS)
    assert [(text[start:end], value) for _, start, end, value, _ in numbers] == [
        ("Twenty-one", 21),
        ("FIFTY", 50),
        ("sixty-Five", 65),
        ("ten", 10),
        ("Seven-two", 9),
        ("3", 3),
        ("NINE", 9),
    ]


_NUMBER_TEXT_PIECES = [
    *("one", "Seven", "TWENTY", "seventy", "five", "ten", "often", "none", "x", "s", "teen"),
    *("-", "--", "_", "'", "'s", ".", ",", "/", "5", "km", "www.", ".com", "(", ")", " ", "\n"),
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_NUMBER_TEXT_PIECES), max_size=25))
@example(["x", ".", "seventy", "-", "five"])  # the match inside a token takes 'five' with it
@example(["x", "_", "seventy", "-", "five"])
@example(["www.", "TWENTY", "-", "one", " ", "often", "-", "one"])
@example(["five", "-", "Seven", "-", "one", "'s"])
def test_number_words_searched_by_runs_are_those_searched_in_the_whole_text(
    pieces: list[str],
) -> None:
    """Searching only the runs holding a number word token finds the tokens a whole search finds.

    Runs of letters, digits, underscores and hyphens, glued in every way ('x.seventy-five',
    'often-one', 'twenty-fiveish', '5ten', 'one's'), where a match may start inside a token.
    """
    nlp = pipeline()
    numbers = nlp.get_pipe("number_values")
    text = "".join(pieces)
    doc = nlp.make_doc(text)
    whole = [match.span() for match in numbers.lower_words.finditer(text.lower())]
    assert _tokens_at(doc, numbers._words(doc)) == _tokens_at(doc, whole)


def test_matches_far_from_the_start_of_a_long_block_are_found() -> None:
    """Windows around anchors deep in a block still find the facts there."""
    nlp = pipeline()
    filler = "Leaders spoke with staff about plans and progress. " * 40
    doc = nlp(filler + "Six out of a possible 12 were met in June 2025, and a third were late.")
    text = doc_text(doc)
    facts = {(label, text[start:end]) for label, start, end, _, _ in found(doc, FACTS)}
    assert ("SCORE", "Six out of a possible 12") in facts
    assert ("DATE", "June 2025") in facts
    assert ("FRACTION", "a third") in facts


def test_importing_the_package_loads_no_heavy_library() -> None:
    """`import extractor` (and so `extractor --help`) must not pay for spaCy, pydantic or pdfium."""
    heavy = ["spacy", "pydantic", "pypdfium2", "trafilatura", "lxml", "rich", "pdfplumber"]
    code = f"import sys, extractor; print([m for m in {heavy!r} if m in sys.modules])"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == "[]"


def test_public_names_stay_functions_after_their_modules_load() -> None:
    """Loading extractor.check, extractor.load or extractor.parse never hides the functions."""
    import extractor.check
    import extractor.load
    import extractor.parse.analysis  # noqa: F401
    from extractor import Document, check, extract, load, load_bytes, parse

    for function in (check, extract, load, load_bytes, parse):
        assert not isinstance(function, types.ModuleType)
        assert callable(function)
    assert Document.__name__ == "Document"


def test_reading_a_text_file_loads_neither_spacy_command_line_nor_other_formats_readers() -> None:
    """A one-page text `extract` pays for what it uses: no spacy.cli, pdfium, lxml or Ofsted rules.

    spaCy's command line still loads on demand: `spacy.info()` and `import spacy.cli` work.
    """
    code = (
        "import sys\n"
        "from extractor import extract\n"
        "extract(sys.argv[1])\n"
        "unused = ('spacy.cli', 'weasel', 'requests', 'pypdfium2', 'lxml',"
        " 'extractor.check_ofsted')\n"
        "print(sorted(m for m in unused if m in sys.modules))\n"
        "import spacy, spacy.cli\n"
        "print(spacy.info()['spacy_version'] == spacy.__version__, callable(spacy.cli.info))\n"
    )
    text = ROOT / "fixtures" / "reports" / "eastmoor-2025.txt"
    result = subprocess.run(
        [sys.executable, "-c", code, str(text)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    assert result.stdout.split("\n")[:2] == ["[]", "True True"]


def test_the_command_line_exits_without_walking_its_objects_and_keeps_output_and_status() -> None:
    """`main()` freezes the garbage collector when a command ends, so exit is quick.

    The output and exit status are the command's: a summary printed in full, and status 2
    with the one-line reason for an input that cannot be read.
    """
    code = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print('frozen', gc.get_freeze_count() > 0, file=sys.stderr))\n"
        "sys.argv[0] = 'extractor'\n"
        "from extractor.cli import main\n"
        "main()\n"
    )
    text = ROOT / "fixtures" / "reports" / "eastmoor-2025.txt"
    missing = ROOT / "fixtures" / "no-such-report.txt"
    runs = [
        subprocess.run(
            [sys.executable, "-c", code, "extract", str(path), "-f", "text"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=os.environ | {"COLUMNS": "100"},
        )
        for path in (text, missing)
    ]
    assert [run.returncode for run in runs] == [0, 2]
    assert runs[0].stdout == summary(extract(text), 100)
    assert runs[0].stderr == "frozen True\n"
    assert runs[1].stderr == f"extractor: {missing}: no such file\nfrozen True\n"


def test_a_worker_freezes_what_exists_and_collects_young_objects_less_often() -> None:
    """A worker's warm-up sets the collector; the library's pipeline alone leaves it as it was.

    A cycle made after the freeze is still collected.
    """
    code = (
        "import gc\n"
        "from extractor.nlp import pipeline\n"
        "from extractor.pool import _YOUNG_OBJECTS, warm\n"
        "before = gc.get_threshold()\n"
        "pipeline()\n"
        "print(gc.get_threshold() == before, gc.get_freeze_count() == 0)\n"
        "warm()\n"
        "class Node: pass\n"
        "node = Node(); node.itself = node; del node\n"
        "print(before[0], gc.get_threshold() == (_YOUNG_OBJECTS, *before[1:]))\n"
        "print(gc.get_freeze_count() > 10_000, gc.collect() > 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.split("\n")[:3] == ["True True", "700 True", "True True"]


def test_the_fact_ruler_refuses_to_remove_patterns_its_matchers_by_key_would_keep() -> None:
    ruler = pipeline().get_pipe("inspection_patterns")
    with pytest.raises(NotImplementedError):
        ruler.remove("PERCENT")
    with pytest.raises(NotImplementedError):
        ruler.remove_by_id("Good")
