"""SpaCy building blocks that avoid Python work per token: English, text, sentences, `Hashes`.

SpaCy's own versions rebuild `Doc.text` token by token, create a Python `Token` for every token
to find sentence starts, reload the tokenizer's special cases when its infixes change, and add
all 1,347 English special cases when the tokenizer is built (a tenth of a second at every start).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from importlib import import_module
from threading import Lock
from types import ModuleType
from typing import Any
from unicodedata import category

import numpy
from ahocorasick_rs import AhoCorasick
from numpy.typing import NDArray


def _info(*args: Any, **kwargs: Any) -> Any:
    """spacy.info, importing spaCy's command line only when it is called."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def _import_spacy_without_its_command_line() -> None:
    """Import spaCy without `spacy.cli`, which its package imports for `spacy.info` alone.

    The command line pulls in weasel, requests, httpx, jinja2 and every `spacy` command: about
    0.3 s of a one-page `extract`, used by nothing here. While spaCy's package runs, the two
    modules it reads (`spacy.cli`, `spacy.cli.info`) are stand-ins, removed as soon as it is
    loaded: `spacy.info` then imports the real command line when called, and `import spacy.cli`
    loads it as usual. A spaCy whose package needs more of its command line is imported whole.
    """
    if "spacy" in sys.modules:
        return
    cli, info = ModuleType("spacy.cli"), ModuleType("spacy.cli.info")
    cli.__path__ = []
    info.info = _info  # type: ignore[attr-defined]
    stand_ins = {"spacy.cli": cli, "spacy.cli.info": info}
    sys.modules.update(stand_ins)
    try:
        import_module("spacy")
    except ImportError:
        pass  # imported whole below, once the stand-ins are gone
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    import_module("spacy")  # loaded already, or imported whole now


_import_spacy_without_its_command_line()

from spacy.attrs import IDX, LENGTH, SENT_START  # noqa: E402
from spacy.lang.en import English as BaseEnglish  # noqa: E402
from spacy.lang.en import EnglishDefaults  # noqa: E402
from spacy.language import Language  # noqa: E402
from spacy.pipeline import Sentencizer  # noqa: E402
from spacy.tokenizer import Tokenizer  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

import extractor.columns  # noqa: E402  (it imports this module first: read when called)

_TEXT = "text"
"""Key of doc.user_data holding the text the doc was made from (Doc.text rebuilds it per token)."""


SPECIAL_CASES = EnglishDefaults.tokenizer_exceptions
"""English's special cases ("don't" -> do + n't, "a.m.", ":-)"), which TextKeepingTokenizer adds."""


class _Defaults(EnglishDefaults):
    """English defaults plus square brackets as infixes, so 'Outcome 22[2]' splits off its mark.

    Set before the tokenizer is built: changing a built tokenizer's infixes reloads its special
    cases and compiles the expressions again. The tokenizer starts with no special cases:
    TextKeepingTokenizer adds each of SPECIAL_CASES when a text first needs it.
    """

    infixes = [*(EnglishDefaults.infixes or ()), r"\[", r"\]"]  # noqa: RUF012 (spaCy reads it)
    tokenizer_exceptions = {}  # noqa: RUF012 (spaCy reads it)


class English(BaseEnglish):  # type: ignore[no-untyped-call]
    """The blank English language with our tokenizer defaults."""

    Defaults = _Defaults


def doc_text(doc: Doc) -> str:
    """A doc's text, kept by the pipeline's tokenizer; Doc.text would rebuild it token by token."""
    text = doc.user_data.get(_TEXT)
    return text if isinstance(text, str) else doc.text


class TextKeepingTokenizer:
    """The tokenizer, keeping each doc's text in doc.user_data for doc_text().

    It adds a special case only when a text first holds the case's string: a special case can
    change the tokens of a text only where its string stands, whole within a stretch of text or
    as tokens with single spaces between them (which spaCy's matcher of special cases also
    finds), so the text with its spaces removed holds the string of every case that can apply.
    The tokens are those of a tokenizer built with all of them (spaCy flushes its cache at each
    addition), without adding the 1,347 cases at every start, most of which no report holds.
    While cases are pending, texts are tokenised one thread at a time: no thread reads the
    tokenizer while another adds a case.
    """

    def __init__(self, tokenizer: Tokenizer, stale_limit: int = 10_000) -> None:
        """Wrap spaCy's tokenizer; cases of a string with a space in it are added at once.

        `stale_limit`: how many matches of cases added already the finder may return before it
        is built again over the pending cases alone (a build costs about as much as reading
        that many matches: 'a.', "'s", ':)' stand in most texts and are added first).
        """
        self.tokenizer = tokenizer
        self.adding = Lock()
        self.pending = dict(SPECIAL_CASES)
        for string in [string for string in self.pending if " " in string]:
            self.tokenizer.add_special_case(string, self.pending.pop(string))
        self.finder = AhoCorasick(self.pending)
        self.stale, self.stale_limit = 0, stale_limit

    def __call__(self, text: str) -> Doc:
        """Add the special cases the text needs, tokenise, then keep the text.

        Merging tokens later never changes the text.
        """
        if self.pending:  # one thread at a time while the cases change (Dask may run threads)
            with self.adding:
                self.add_special_cases(text)
                doc: Doc = self.tokenizer(text)
        else:
            doc = self.tokenizer(text)
        doc.user_data[_TEXT] = text
        return doc

    def add_special_cases(self, text: str) -> None:
        """Add the pending special cases whose strings the text holds, spaces aside.

        The finder is built again over the pending cases once it has found `stale_limit`
        matches of cases added before.
        """
        squeezed = text.replace(" ", "")
        for string in self.finder.find_matches_as_strings(squeezed, overlapping=True):
            substrings = self.pending.get(string)
            if substrings is None:  # added already
                self.stale += 1
            else:  # pending until added: another thread waits for it
                self.tokenizer.add_special_case(string, substrings)
                del self.pending[string]
        if self.stale > self.stale_limit and self.pending:
            self.finder = AhoCorasick(self.pending)
            self.stale = 0

    def add_all_special_cases(self) -> None:
        """Add every pending case now, for a process that will read many texts and scan none."""
        with self.adding:
            for string, substrings in self.pending.items():
                self.tokenizer.add_special_case(string, substrings)
            self.pending.clear()


class ArraySentencizer(Sentencizer):  # type: ignore[misc]
    """SpaCy's sentencizer, computed over whole arrays of token attributes at once.

    The same rule (a sentence starts at the first word after a sentence-final mark), without
    building a Python Token object, or even a Python int, per token.
    """

    def __init__(self, name: str) -> None:
        """The default sentence-final marks, as code points (all are one character long)."""
        super().__init__(name)
        if any(len(char) != 1 for char in self.punct_chars):
            raise ValueError("the array sentencizer reads marks of one character only")
        self.marks = numpy.array(sorted(ord(char) for char in self.punct_chars), numpy.uint64)

    def predict(self, docs: list[Doc]) -> list[NDArray[numpy.bool_]]:
        """Sentence starts of each doc, from its columns (`extractor.columns`)."""
        return [self.starts(doc) for doc in docs]

    def starts(self, doc: Doc) -> NDArray[numpy.bool_]:
        """Where sentences start in a doc, from its LENGTH column and its tokens' characters.

        SpaCy's loop, restated: a token that is neither punctuation nor a mark starts a sentence
        when a mark stands between it and the previous such token (or the doc's start); the
        first token starts one too. A mark is one character: only tokens of one character are
        looked up among them, by that character. From the end of each run of marks, the
        tokens after it are walked at once, step by step, over punctuation to the first word
        (or to the next mark, whose run walks on): only the tokens walked over are asked
        whether they are punctuation, mostly one after each sentence, rather than every token.
        """
        length = extractor.columns.columns(doc)[LENGTH]
        short = numpy.flatnonzero(length == 1)
        mark = numpy.zeros(len(length), dtype=numpy.bool_)
        characters = extractor.columns.first_characters(doc)[short].astype(numpy.uint64)
        mark[short] = among(characters, self.marks)
        starts = numpy.zeros(len(length), dtype=numpy.bool_)
        starts[:1] = True
        walked = numpy.flatnonzero(mark[:-1] & ~mark[1:]) + 1
        while len(walked):
            punct = _punctuation(doc, walked)
            starts[walked[~punct]] = True
            walked = walked[punct] + 1
            walked = walked[walked < len(length)]
            walked = walked[~mark[walked]]
        return starts

    def set_annotations(self, docs: list[Doc], starts: list[NDArray[numpy.bool_]]) -> None:
        """Set the starts on the tokens no earlier component set (on all, to overwrite)."""
        for doc, found in zip(docs, starts, strict=True):
            current = extractor.columns.column(doc, SENT_START).copy()
            unset = slice(None) if self.overwrite else current == 0
            current[unset] = numpy.where(found[unset], 1, -1)
            extractor.columns.set_column(doc, SENT_START, current)


def _punctuation(doc: Doc, tokens: NDArray[numpy.intp]) -> NDArray[numpy.bool_]:
    """Whether each of some tokens is punctuation (IS_PUNCT), asked of these tokens alone.

    Punctuation is made of punctuation characters only: a token whose first character is
    none (an ASCII letter, digit, space or symbol) is not. The others' lexemes are asked.
    """
    text, read = doc_text(doc), extractor.columns.columns(doc)
    codes = extractor.columns.first_characters(doc)[tokens]
    maybe = numpy.flatnonzero(_ASCII_PUNCTUATION[numpy.minimum(codes, 128)])
    found = numpy.zeros(len(tokens), dtype=numpy.bool_)
    if len(maybe):
        firsts = read[IDX][tokens[maybe]]
        ends = (firsts + read[LENGTH][tokens[maybe]]).tolist()
        words = [text[first:end] for first, end in zip(firsts.tolist(), ends, strict=True)]
        found[maybe] = [doc.vocab[word].is_punct for word in words]
    return found


_ASCII_PUNCTUATION = numpy.array(
    [category(chr(code)).startswith("P") for code in range(128)] + [True]
)
"""Per ASCII code point, whether it is a punctuation character; last, True for any other."""


def among(values: NDArray[numpy.uint64], wanted: NDArray[numpy.uint64]) -> NDArray[numpy.bool_]:
    """Which values are among the wanted ones (sorted): `numpy.isin`, by a binary search each."""
    if not len(wanted):
        found: NDArray[numpy.bool_] = numpy.zeros(len(values), dtype=numpy.bool_)
    elif len(wanted) == 1:
        found = values == wanted[0]
    else:
        at = numpy.searchsorted(wanted, values)
        found = wanted[numpy.minimum(at, len(wanted) - 1)] == values
    return found


_LOW_BITS = 12
"""The low bits of a hash that `Hashes` looks up first: a table of 4,096 flags."""


class Hashes:
    """A set of string hashes, found in a doc's column by a table of their low bits first.

    `among` costs a binary search per token; a lookup in the table (one flag per value of the
    hashes' lowest `_LOW_BITS` bits) rules out nearly every token a set of a few dozen words
    does not hold, and leaves the rest to the search.
    """

    def __init__(self, hashes: Iterable[int]) -> None:
        """The hashes, sorted, and the table of their low bits."""
        self.sorted = numpy.array(sorted(set(hashes)), numpy.uint64)
        self.mask = numpy.uint64((1 << _LOW_BITS) - 1)
        self.table = numpy.zeros(1 << _LOW_BITS, dtype=numpy.bool_)
        self.table[self.sorted & self.mask] = True

    def find(self, values: NDArray[numpy.uint64]) -> NDArray[numpy.intp]:
        """The indexes, ascending, of the values that are among the hashes."""
        maybe = numpy.flatnonzero(self.table[values & self.mask])
        found: NDArray[numpy.intp] = maybe[among(values[maybe], self.sorted)]
        return found


@Language.factory("array_sentencizer")
def make_array_sentencizer(nlp: Language, name: str) -> ArraySentencizer:
    """Register the array-reading sentencizer."""
    return ArraySentencizer(name)
