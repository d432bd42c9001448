"""SpaCy building blocks that avoid Python work per token: our English, the doc's text, sentences.

SpaCy's own versions rebuild `Doc.text` token by token, create a Python `Token` for every token
to find sentence starts, and reload the tokenizer's special cases when its infixes change.
"""

from __future__ import annotations

import sys
from importlib import import_module
from types import ModuleType
from typing import Any


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

from spacy.attrs import IS_PUNCT, ORTH  # noqa: E402
from spacy.lang.en import English as BaseEnglish  # noqa: E402
from spacy.lang.en import EnglishDefaults  # noqa: E402
from spacy.language import Language  # noqa: E402
from spacy.pipeline import Sentencizer  # noqa: E402
from spacy.strings import hash_string  # type: ignore[attr-defined]  # noqa: E402
from spacy.tokenizer import Tokenizer  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

_TEXT = "text"
"""Key of doc.user_data holding the text the doc was made from (Doc.text rebuilds it per token)."""


class _Defaults(EnglishDefaults):
    """English defaults plus square brackets as infixes, so 'Outcome 22[2]' splits off its mark.

    Set before the tokenizer is built: changing a built tokenizer's infixes reloads its special
    cases and compiles the expressions again, a tenth of a second at every start.
    """

    infixes = [*(EnglishDefaults.infixes or ()), r"\[", r"\]"]  # noqa: RUF012 (spaCy reads it)


class English(BaseEnglish):  # type: ignore[no-untyped-call]
    """The blank English language with our tokenizer defaults."""

    Defaults = _Defaults


def doc_text(doc: Doc) -> str:
    """A doc's text, kept by the pipeline's tokenizer; Doc.text would rebuild it token by token."""
    text = doc.user_data.get(_TEXT)
    return text if isinstance(text, str) else doc.text


class TextKeepingTokenizer:
    """The tokenizer, keeping each doc's text in doc.user_data for doc_text()."""

    def __init__(self, tokenizer: Tokenizer) -> None:
        """Wrap spaCy's tokenizer."""
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        """Tokenise, then keep the text (merging tokens later never changes it)."""
        doc: Doc = self.tokenizer(text)
        doc.user_data[_TEXT] = text
        return doc


class ArraySentencizer(Sentencizer):  # type: ignore[misc]
    """SpaCy's sentencizer, reading each token's text and punctuation flag from arrays.

    The same rule (a sentence starts at the first word after a sentence-final mark), without
    building a Python Token object per token.
    """

    def __init__(self, name: str) -> None:
        """The default sentence-final marks, as the hashes a doc's ORTH array holds."""
        super().__init__(name)
        self.marks = {hash_string(char) for char in self.punct_chars}

    def predict(self, docs: list[Doc]) -> list[list[bool]]:
        """Sentence starts of each doc."""
        marks = self.marks
        guesses = []
        for doc in docs:
            starts = [False] * len(doc)
            if starts:
                starts[0] = True
            seen = False
            for index, (orth, punct) in enumerate(doc.to_array([ORTH, IS_PUNCT]).tolist()):
                mark = orth in marks
                if seen and not punct and not mark:
                    starts[index], seen = True, False
                elif mark:
                    seen = True
            guesses.append(starts)
        return guesses


@Language.factory("array_sentencizer")
def make_array_sentencizer(nlp: Language, name: str) -> ArraySentencizer:
    """Register the array-reading sentencizer."""
    return ArraySentencizer(name)
