"""Words that PDF extraction broke, rejoined from the vocabulary, the frameworks or the prose."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import accumulate, compress, repeat
from typing import NamedTuple

from ahocorasick_rs import BytesAhoCorasick, Implementation

from extractor.frameworks import frameworks, squash
from extractor.vocabulary import vocabulary

_FRAGMENT = re.compile(r"[A-Za-z]+")
_PUNCTUATION = "'‘’\"“”([{"
_OPENING = re.compile(r"([^A-Za-z\s]*)([A-Za-z]+)")
_CLOSING = re.compile(r"([A-Za-z]+)([^A-Za-z\s]*)")
_STRAIGHT = (("‘", "'"), ("’", "'"), ("“", '"'), ("”", '"'))
_LOWERS_TO_ASCII = ("\u0130", "\u212a")
"""The only characters outside ASCII whose lower case holds ASCII letters ('İ', 'K')."""
_CODE = re.compile(r"(?:[A-Z]\s?)?\d{1,2}(?:\.\d{1,2})*\.?\s+")
"""A standard's code before its name: '2.1 ', '2.1. ', 'V1 ', 'P 2.1 '."""
_JOINED = 5
"""Letters a word joined from a table's fragments has at least; shorter joins are guesses."""
NAME_LENGTH = 80
"""Longer text is prose, where two words that spell a name stay two words."""


@dataclass(frozen=True, slots=True)
class Lexicon:
    """What broken words are rejoined to: words, hyphenated words and whole names."""

    words: frozenset[str]
    starts: frozenset[str]
    pieces: frozenset[str]
    """Starts and words: what a word and the letters opening the next one must begin or spell."""
    standing: BytesAhoCorasick
    """Each start as a whole word before a space, after a space or an opening quote, in ASCII
    bytes; a DFA, which searches a document's text in two thirds of the time of the default."""
    hyphenated: dict[str, str]
    unhyphenated: re.Pattern[str]
    names: dict[str, str]


@cache
def lexicon() -> Lexicon:
    """The vocabulary's words to rejoin, and every framework's ratings, standards and domains.

    Names come whole too: a name broken in a table ('Partners hips and services') is respelled.
    """
    vocab = vocabulary()
    names = {
        phrase
        for framework in frameworks().values()
        for standard in framework.standards
        for phrase in (standard.name, standard.domain, *standard.aliases)
    } | set(vocab.ratings)
    words = set(vocab.rejoin)
    hyphenated: dict[str, str] = {}
    for name in names:
        for word in re.findall(r"[A-Za-z][A-Za-z-]*[A-Za-z]", name.lower()):
            if "-" in word:
                hyphenated[squash(word)] = word
            elif len(word) >= 5:
                words.add(word)
    starts = frozenset(word[:cut] for word in words for cut in range(1, len(word)))
    openers = " " + "".join(char for char in _PUNCTUATION if char.isascii())
    return Lexicon(
        words=frozenset(words),
        starts=starts,
        pieces=starts | words,
        standing=BytesAhoCorasick(
            [f"{opener}{start} ".encode() for start in starts for opener in openers],
            implementation=Implementation.DFA,
        ),
        hyphenated=hyphenated,
        unhyphenated=re.compile(r"\b(?:" + "|".join(sorted(hyphenated)) + r")\b", re.I),
        names={squash(name): name for name in names if len(squash(name)) >= 5},
    )


def rejoin_all(texts: list[str]) -> list[str]:
    """Each text with the words PDF extraction split rejoined ('Inadeq uate', 'i mprov ement').

    A cell or short line that is one name or rating however spaced is spelled as the name
    ('Out standing'); a word that lost its hyphens gets them back ('Outofcourt'); elsewhere a
    run of fragments is joined when it spells a known word and is not itself a run of known
    words. The texts are searched as one for a name that lost its hyphens and for the words a
    broken word may open: most texts hold neither, and one search costs less than one per text.
    """
    known = lexicon()
    if any(map("\n".join(texts).lower().__contains__, known.hyphenated)):
        texts = [_rehyphenate(text, known) for text in texts]
    out = list(texts)
    for index, candidates in _candidates(texts, known).items():
        out[index] = _rejoin(texts[index], candidates)
    return out


def _rehyphenate(text: str, known: Lexicon) -> str:
    """A text with the hyphens a name lost put back ('Outofcourt' as 'Out-of-court')."""
    if any(map(text.lower().__contains__, known.hyphenated)) and known.unhyphenated.search(text):
        return known.unhyphenated.sub(
            lambda m: _respell(m[0], known.hyphenated[m[0].lower()]), text
        )
    return text


def _rejoin(text: str, candidates: list[int]) -> str:
    """A short text that is one name, spelled as the name; else fragments joined at candidates."""
    if len(text) <= NAME_LENGTH and (named := _rejoin_name(text)) != text:
        return named
    words = text.split(" ")
    known = lexicon().words
    never = vocabulary().never_rejoin
    out: list[str] = []
    done = 0  # words before this index are in out, or were joined into a word there
    for i in candidates:
        if i < done or not words[i + 1][:1].isalpha():  # only letters join a fragment
            continue
        joined = _rejoin_at(words, i, known, never)
        if joined is not None:
            out += [*words[done:i], joined[0]]
            done = i + joined[1]
    return " ".join([*out, *words[done:]]) if out else text


def _candidates(texts: list[str], known: Lexicon) -> dict[int, list[int]]:
    """Per text (by index), the words that, with the letters opening the next, begin a lexicon word.

    Such a word, without its opening quotes, is one of the lexicon's starts, and with the next
    word's opening letters it begins or spells a lexicon word. The texts are searched as one,
    each after a space and on a line of its own, in one pass of an automaton for the starts
    that stand as whole words, as most words start none. The search reads the lower case in
    ASCII: curly quotes as straight ones, any other character outside ASCII as '?', neither a
    letter nor a quote. A text holding a character whose lower case is ASCII ('K', the Kelvin
    sign, lowers to 'k'; 'İ' to 'i' and a dot) is split into its words instead.
    """
    found: dict[int, list[int]] = {}
    plain: list[int] = []
    for index, text in enumerate(texts):
        if text.isascii() or not any(map(text.__contains__, _LOWERS_TO_ASCII)):
            plain.append(index)
        elif words := _split_candidates(text, known):
            found[index] = words
    if not plain:
        return found
    spaced = _in_ascii(" " + "\n ".join([texts[index] for index in plain]).lower())
    starts = list(accumulate([len(texts[index]) + 2 for index in plain], initial=0))
    standing: dict[int, set[int]] = {}
    ascii_bytes = spaced.encode()
    for _, start, end in known.standing.find_matches_as_indexes(ascii_bytes, overlapping=True):
        begin = start + 1  # the start's first letter, after its space or opening quote
        if spaced[start] != " ":  # after a quote or bracket, which may end a longer word
            word = spaced.rfind(" ", 0, begin) + 1
            if spaced[word:begin].strip(_PUNCTUATION):
                continue
        # a start before no letters is a candidate as it stands; before letters, only if they
        # carry it on to a lexicon word
        if spaced[end : end + 1].isalpha():  # the next word opens with letters (ASCII: a to z)
            opening = spaced[begin : end - 1]
            if opening + spaced[end] not in known.pieces:  # which hold each start of a word
                continue
            letters = _FRAGMENT.match(spaced, end)
            if letters is None or opening + letters.group() not in known.pieces:
                continue
        line = bisect_right(starts, start) - 1
        standing.setdefault(plain[line], set()).add(spaced.count(" ", starts[line], begin) - 1)
    found.update((index, sorted(numbers)) for index, numbers in standing.items())
    return found


def _in_ascii(text: str) -> str:
    """A text in ASCII, place for place: curly quotes straight, other characters '?'."""
    if text.isascii():
        return text
    for curly, straight in _STRAIGHT:
        text = text.replace(curly, straight)
    return text.encode("ascii", "replace").decode("ascii")


def _split_candidates(text: str, known: Lexicon) -> list[int]:
    """`_candidates` of one text found by splitting it into words and looking each up."""
    openings = list(map(str.lstrip, text.lower().split(" "), repeat(_PUNCTUATION)))
    starting = compress(range(len(openings) - 1), map(known.starts.__contains__, openings))
    after = text.split(" ")
    return [i for i in starting if _carries_on(openings[i], after[i + 1], known)]


def _carries_on(opening: str, after: str, known: Lexicon) -> bool:
    """Whether a word and the letters opening the next one begin or spell a lexicon word."""
    match = _FRAGMENT.match(after)
    return opening + (match.group().lower() if match else "") in known.pieces


def _rejoin_name(text: str) -> str:
    """A text that is one known name, spaced or hyphenated wrongly, spelled as the name.

    The name may follow a code and be followed by footnote marks: only its letters count.
    """
    code = _CODE.match(text)
    begin = code.end() if code else 0
    whole = lexicon().names.get(squash(text[begin:]))
    if whole is None:
        return text
    start = next(index for index in range(begin, len(text)) if text[index].isalpha())
    end = next(i for i in range(len(text) - 1, start - 1, -1) if text[i].isalpha()) + 1
    name = text[start:end]
    if name == whole or _breaks(name) == _breaks(whole):
        return text  # spaced as the name; a comma it lacks is no broken word
    return text[:start] + _respell(name, whole) + text[end:]


def _breaks(text: str) -> list[int]:
    """After how many letters a text breaks between words (a space or a hyphen)."""
    breaks: list[int] = []
    count = 0
    for char in text:
        if char.isalpha():
            count += 1
        elif char in " -" and (not breaks or breaks[-1] != count):
            breaks.append(count)
    return breaks


def _respell(broken: str, whole: str) -> str:
    """The letters of the broken text, in their own case, spaced and hyphenated as whole."""
    letters = iter(char for char in broken if char.isalpha())
    return "".join(next(letters, char) if char.isalpha() else char for char in whole)


def _rejoin_at(
    words: list[str], i: int, lexicon: frozenset[str], never: frozenset[str]
) -> tuple[str, int] | None:
    """The longest run of two or three fragments from words[i] that spells a lexicon word.

    The run may open with punctuation ('‘Inadeq uate’', '(Inadeq uate)') and close with it.
    """
    for size in (3, 2):
        run = words[i : i + size]
        if len(run) < size:
            continue
        first = _OPENING.fullmatch(run[0])
        last = _CLOSING.fullmatch(run[-1])
        middle = run[1:-1]
        if first is None or last is None or not all(_FRAGMENT.fullmatch(w) for w in middle):
            continue
        fragments = [first.group(2), *middle, last.group(1)]
        core = "".join(fragments)
        if core.lower() not in lexicon or " ".join(fragments).lower() in never:
            continue
        if all(fragment.lower() in lexicon for fragment in fragments):
            continue
        return first.group(1) + core + last.group(2), size
    return None


class Cell(NamedTuple):
    """A table cell's text cleaned, and where two of its fragments may join into a prose word."""

    text: str
    joins: tuple[tuple[int, str, str, str], ...]
    """Each pair of words (by the first's index) that are letters within punctuation, long
    enough joined: the two fragments' letters and both joined, in lower case."""


def table_cell(cleaned: str) -> Cell:
    """A cleaned table cell with the pairs of its words that a document's prose may join."""
    words = cleaned.split(" ")
    joins: list[tuple[int, str, str, str]] = []
    for index in range(len(words) - 1):
        first = _OPENING.fullmatch(words[index])
        last = _CLOSING.fullmatch(words[index + 1])
        if first and last:
            head, tail = first.group(2).lower(), last.group(1).lower()
            if len(head + tail) >= _JOINED:
                joins.append((index, head, tail, head + tail))
    return Cell(cleaned, tuple(joins))


def prose_words(texts: Iterable[str]) -> frozenset[str]:
    """The words of a document's prose, lower-cased: what its tables' broken words spell.

    Each distinct token is looked at once, and most are a plain word already.
    """
    tokens = set(" ".join(texts).lower().split())
    plain = {token for token in tokens if token.isascii() and token.isalpha()}
    return frozenset(plain.union(*map(_FRAGMENT.findall, tokens - plain)))


def rejoin_from(cell: Cell, prose: frozenset[str]) -> str:
    """A table cell with two fragments joined where they spell a word of the document's prose.

    Tables break words the vocabulary does not know ('Rehabilitati on', 'environme nt'); the
    same words stand whole in the prose around. Two prose words ('some times') stay two.
    """
    if not prose or not cell.joins:
        return cell.text
    words = cell.text.split(" ")
    out: list[str] = []
    done = 0  # words before this index are in out, or were joined into a word there
    for index, head, tail, joined in cell.joins:
        if index >= done and joined in prose and not (head in prose and tail in prose):
            out += [*words[done:index], words[index] + words[index + 1]]
            done = index + 2
    return " ".join([*out, *words[done:]]) if out else cell.text
