"""SpaCy building blocks that avoid Python work per token: our English, the doc's text, sentences.

SpaCy's own versions rebuild `Doc.text` token by token, create a Python `Token` for every token
to find sentence starts, and reload the tokenizer's special cases when its infixes change.
"""

from __future__ import annotations

from spacy.attrs import IS_PUNCT, ORTH
from spacy.lang.en import English as BaseEnglish
from spacy.lang.en import EnglishDefaults
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.strings import hash_string  # type: ignore[attr-defined]
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

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
