"""Units read many to a doc give exactly what one doc per unit gives: no unit reaches another."""

from __future__ import annotations

from pathlib import Path

from spacy.lang.en import English
from spacy.pipeline import Sentencizer

from extractor.document import Block, Document, Row, Span
from extractor.errors import ExtractorError
from extractor.load import load
from extractor.nlp import FACTS, NUMBERS, SAMPLES, found, pipeline
from extractor.parse.analysis import (
    Analysis,
    Fact,
    _doc,
    _groups,
    _Joined,
    _sentences,
    analyse,
    units,
)
from extractor.patterns import fact_patterns
from extractor.vocabulary import article_vocabulary, vocabulary
from models import Source

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def one_doc_per_unit(document: Document) -> Analysis:
    """The analysis as it was made before units were joined: each unit a doc of its own."""
    nlp = pipeline()
    facts: list[Fact] = []
    sentences: list[Span] = []
    for first, last in units(document):
        doc = nlp(document.text[first:last])
        sentences += _sentences(doc, _Joined.of(document, [(first, last)]))
        for key in (FACTS, SAMPLES, NUMBERS):
            facts += [
                Fact(label, first + start, first + end, value, qualifier)
                for label, start, end, value, qualifier in found(doc, key)
            ]
    return Analysis(document, facts, sentences)


def test_joined_units_give_the_facts_and_sentences_of_one_doc_per_unit() -> None:
    """Same facts (label, offsets, value, qualifier) and sentences, in the same order.

    On every fixture, and when the corpus is present every article and one Ofsted report in
    ten (their PDFs are long). Were no sentence set to start at each unit's first token, nearly
    every document would differ.
    """
    paths = [path for path in sorted((ROOT / "fixtures").rglob("*")) if path.is_file()]
    paths += sorted(path for path in (CORPUS / "articles").rglob("*") if path.is_file())
    paths += sorted(path for path in (CORPUS / "ofsted").rglob("*.pdf"))[::10]
    read = facts = sentences = 0
    for path in paths:
        try:
            document = load(path)
        except ExtractorError:
            continue
        joined, alone = analyse(document), one_doc_per_unit(document)
        assert joined.facts == alone.facts, path
        assert joined.sentences == alone.sentences, path
        read += 1
        facts += len(alone.facts)
        sentences += len(alone.sentences)
    assert read > 150
    assert facts > 10_000
    assert sentences > 10_000


PARTS = [
    "Overall rating",  # no full stop: the next unit's words would run on in its sentence
    "The service was found to require",
    "improvement. Staff knew that more than",
    "50% of plans were late, and six",
    "in 10 were not reviewed. We read 15",
    "cases. In the cases of",
    "12 children, half",
    "an hour was spent with staff in Leeds",
    "PDU on visits in June",
    "2025.",
    "(A mark begins this unit.) Then words!",
]
"""Units whose joins would make facts were they one text (with a space between them)."""


def _document(parts: list[str], rows: int = 0) -> Document:
    """Parts as one paragraph each, the last `rows` of them a table's rows, a line apart."""
    text = "\n".join(parts)
    spans, offset = [], 0
    for part in parts:
        spans.append(Span(offset, offset + len(part)))
        offset += len(part) + 1
    cut = len(parts) - rows
    blocks = [Block("paragraph", span.start, span.end) for span in spans[:cut]]
    if rows:
        cells = tuple(Row(span, (span,)) for span in spans[cut:])
        blocks.append(Block("table", spans[cut].start, spans[-1].end, rows=cells))
    return Document(text, blocks, Source(path="built.txt"))


def _facts(analysis: Analysis) -> set[tuple[str, str, str | None]]:
    """(label, quoted text, qualifier) of each fact."""
    text = analysis.text
    return {(fact.label, text[fact.start : fact.end], fact.qualifier) for fact in analysis.facts}


def test_nothing_the_pipeline_finds_reaches_from_one_unit_into_the_next() -> None:
    """No sentence, rating, share, sample, qualifier, 'half' context, area or date crosses."""
    document = _document(PARTS, rows=4)
    analysis = analyse(document)
    assert analysis.facts == one_doc_per_unit(document).facts
    assert analysis.sentences == one_doc_per_unit(document).sentences
    assert [document.slice(sentence) for sentence in analysis.sentences[:3]] == [
        "Overall rating",
        "The service was found to require",
        "improvement.",
    ]
    facts = _facts(analysis)
    assert ("PERCENT", "50%", None) in facts
    assert ("FRACTION", "half", None) in facts
    assert ("SERVICE", "PDU", None) in facts
    assert not {label for label, _, _ in facts} & {"RATING", "PROPORTION", "CASES", "DATE"}
    one_text = " ".join(PARTS)
    whole = _facts(analyse(_document([one_text])))
    assert {
        ("RATING", "require improvement", None),
        ("PERCENT", "more than 50%", "more_than"),
        ("PROPORTION", "six in 10", None),
        ("CASES", "15 cases", None),
        ("CASES", "cases of 12", None),
        ("SERVICE", "Leeds PDU", None),
        ("DATE", "June 2025", None),
    } <= whole
    assert not {fact for fact in whole if fact[0] == "FRACTION"}  # 'half an hour'


def test_units_with_whitespace_at_an_end_are_read_alone() -> None:
    """The tokenizer would join a unit's whitespace end and the separator into one token."""
    parts = ["  Two spaces begin it.", "It ends on a line break.\n", "", "Inside a  unit is fine."]
    document = _document([*PARTS[:2], *parts, PARTS[2]], rows=3)
    texts = [_Joined.of(document, group).text for group in _groups(document)]
    assert texts == [parts[0], parts[1], "\n\n".join([*PARTS[:2], parts[3], PARTS[2]])]
    assert analyse(document).facts == one_doc_per_unit(document).facts
    assert analyse(document).sentences == one_doc_per_unit(document).sentences


def test_a_joined_doc_has_each_units_sentence_starts() -> None:
    """A unit's first token starts a sentence, its separator none, the rest as spaCy would."""
    parts = ["Yes.", "(Marks first.) Then words", "!!! ?? Marks. Then", "? No stop", "A."]
    document = _document(parts)
    joined = _Joined.of(document, next(_groups(document)))
    doc = _doc(pipeline(), joined)
    pipeline().get_pipe("sentencizer")(doc)
    want: list[bool | None] = []
    for part in parts:
        alone = Sentencizer()(English().make_doc(part))
        want += [False] + [token.is_sent_start for token in alone]
    assert [token.is_sent_start for token in doc] == want[1:]


def test_no_phrase_or_word_list_holds_a_whitespace_token() -> None:
    """Part of why nothing reaches across the separator, a whitespace token, between units."""
    vocab = vocabulary()
    phrases = [item["pattern"] for item in fact_patterns(vocab)]
    phrases = [phrase for phrase in phrases if isinstance(phrase, str)]
    phrases += [*vocab.qualifiers, *(" ".join(name) for name in article_vocabulary().area_names)]
    for words in (*vocab.sample_nouns.values(), *vocab.sample_prefixes.values()):
        phrases += words
    docs = [pipeline().make_doc(phrase) for phrase in phrases]
    assert len(docs) > 100
    assert all(len(doc) and not any(token.is_space for token in doc) for doc in docs)
