"""Who speaks in an article: people named with roles; who 'she', 'Dame Ann', 'the chair' is."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from extractor.document import Span
from extractor.parse.analysis import Analysis
from extractor.vocabulary import article_vocabulary
from models import GroundedText


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who said it, and in what role, each located in the text, with the honorific written."""

    name: GroundedText | None
    role: GroundedText | None
    honorific: str | None = None

    @property
    def pronoun(self) -> str | None:
        """'he' or 'she' when the honorific says which ('Mr', 'Dame'), else None."""
        return article_vocabulary().honorific_pronouns.get(self.honorific or "")


@dataclass
class People:
    """The people an article has named so far, latest last, for the short references after them.

    `named` holds those with a name by each word of it (for 'Mr Jones'); `met` the latest ones,
    also those known by title alone ('The Head of Service reported ... He added'), for 'he'.
    """

    named: dict[str, list[Speaker]] = field(default_factory=dict)
    met: list[Speaker] = field(default_factory=list)
    last_speaker: Speaker | None = None

    def note(self, person: Speaker) -> None:
        """Remember a person the text names (a speaker or not), each name and role once."""
        self.met = [*self.met[-_RECENT:], person]
        if person.name is None:
            return
        for word in person.name.value.split():
            known = self.named.setdefault(word, [])
            if not any(_same(person, other) for other in known):
                known.append(person)

    def spoke(self, person: Speaker) -> None:
        """Remember who spoke last, for a speech that runs on over paragraphs."""
        self.note(person)
        self.last_speaker = person

    def pronoun(self, word: str, earlier: list[Speaker]) -> Speaker | None:
        """'He' or 'she' as the last person named who can be called so; 'they', the last speaker."""
        word = word.lower()
        if word not in ("he", "she"):
            return earlier[-1] if earlier else self.last_speaker
        persons = [p for p in earlier if p.honorific is not None or p.role is not None]
        for person in reversed([*self.met, *persons]):
            if person.pronoun in (None, word):
                return self.resolve(person)
        return None

    def resolve(self, person: Speaker) -> Speaker:
        """'Mr Jones' or 'Dame Ann' as the person of that name met before, in that person's role."""
        if person.name is None or (person.role is not None and " " in person.name.value):
            return person
        words = person.name.value.split()
        same = [
            known
            for known in self.named.get(words[0], [])
            if known.name and set(words) <= set(known.name.value.split())
        ]
        with_role = [known for known in same if known.role is not None]
        return (with_role or same or [person])[-1]

    def titled(self, title: GroundedText) -> Speaker:
        """'The chief inspector' as the person last met in that role, else a speaker by title."""
        wanted = _words(title.value)
        for known in reversed(self.met):
            if known.role is not None and wanted <= _words(known.role.value):
                return known
        return Speaker(None, title)


_RECENT = 50
"""How many people back 'she' or 'the chair' may reach: a reference is to someone recent."""


def _same(one: Speaker, other: Speaker) -> bool:
    """Whether two mentions give the same name and role."""
    return (one.name and one.name.value, one.role and one.role.value) == (
        other.name and other.name.value,
        other.role and other.role.value,
    )


def _words(text: str) -> set[str]:
    """The lower-case words of a title that carry its meaning."""
    return set(re.findall(r"[\w’'-]+", text.lower())) - {"the", "of", "for", "at", "hm", "and"}


@cache
def speech_verbs() -> str:
    """The verbs that attribute words to a speaker, quoted or reported, as one alternation."""
    vocab = article_vocabulary()
    return "|".join(sorted(vocab.quote_verbs | vocab.reporting_verbs, key=len, reverse=True))


def speaker_in(
    analysis: Analysis, span: Span, people: People, earlier: list[Speaker]
) -> Speaker | None:
    """The speaker an attribution names, resolved against the people named before.

    'Martin Jones, Chief Inspector, said', 'said Jane Hollins', 'she added', 'Dame Ann said',
    'the chief inspector added'.
    """
    vocab = article_vocabulary()
    text = analysis.slice(span.start, span.end)
    verbs = speech_verbs()
    pronouns = "|".join(vocab.pronouns)
    leading = re.match(
        rf"\W*(?:(?P<a>{pronouns})\s+(?:also\s+)?(?:{verbs})\b|(?:{verbs})\s+(?P<b>{pronouns})\b)",
        text,
        re.IGNORECASE,
    )
    if leading:
        return people.pronoun(leading.group("a") or leading.group("b"), earlier)
    found = list(people_in(analysis, span))
    verb = re.search(rf"\b(?:{verbs})\b", text)
    verb_at = span.start + (verb.start() if verb else len(text))
    before = [p for p in found if p.name and p.name.evidence.end <= verb_at]
    if before:
        return people.resolve(before[-1])
    inside = re.search(rf"\b(?P<p>{pronouns})\s+(?:also\s+)?(?:{verbs})\b", text, re.IGNORECASE)
    if inside:
        return people.pronoun(inside.group("p"), earlier)
    if found:
        return people.resolve(found[0])
    title = _title(analysis, span, text)
    return people.titled(title) if title else None


def _title(analysis: Analysis, span: Span, text: str) -> GroundedText | None:
    """A speaker named by title alone: 'the chief inspector said', 'said the council leader'."""
    titles = "|".join(article_vocabulary().titles)
    match = re.search(
        rf"\b[Tt]he\s+(?P<title>(?:[\w’'-]+\s+){{0,3}}?(?:{titles})\b"
        rf"(?:(?:\s+(?:(?:of|for|and|the|&)\s+)*(?-i:[A-Z])[\w’'-]*){{1,6}}"
        rf"|\s+(?:of|for)\s+(?:the\s+)?[\w’'-]+(?:\s+[\w’'-]+){{0,2}}?)?)"
        rf"(?=\s*,?\s*(?:{speech_verbs()})\b|\s*[.,]?\s*$)",
        text,
        re.IGNORECASE,
    )
    if match is None:
        return None
    start = span.start + match.start("title")
    return analysis.grounded(start, start + len(match.group("title")))


def people_in(analysis: Analysis, span: Span) -> Iterator[Speaker]:
    """People named in a stretch of text, each with the role written next to the name.

    Capitalised words inside a role already read ('Cabinet Member for Community Safety') are
    part of that role, not another person.
    """
    vocab = article_vocabulary()
    text = analysis.slice(span.start, span.end)
    covered = 0
    for run in _CAPITALISED.finditer(text):
        if run.start() < covered:
            continue
        words = list(_WORD.finditer(run.group(0)))
        whole = len(words)
        honorific = None
        while words and (
            words[0].group(0).rstrip(".") in vocab.honorifics
            or words[0].group(0) in vocab.role_words
        ):
            if words[0].group(0).rstrip(".") in vocab.honorifics:
                honorific = words[0].group(0).rstrip(".")
            words = words[1:]
        while len(words) > 1 and _LETTERS.fullmatch(words[-1].group(0).rstrip(".")):
            words = words[:-1]
        if honorific is None and _in_title(text[: run.start()], run.group(0), whole - len(words)):
            words = words[1:] if len(words) >= 3 else []
        if (
            not words
            or (len(words) == 1 and honorific is None)
            or any(w.group(0) in vocab.role_words for w in words)
        ):
            continue
        start, end = run.start() + words[0].start(), run.start() + words[-1].end()
        if text[end - 1] == "." and not _INITIAL_LAST.search(text[start:end]):
            end -= 1
        name = text[start:end]
        grounded = GroundedText(
            value=name, evidence=analysis.evidence(span.start + start, span.start + end)
        )
        spoken = bool(_speech_verb().search(text[max(0, run.start() - _REACH) : run.start()]))
        role = _role(analysis, span, text, start, end, spoken)
        if role is not None and role.evidence.start > span.start + end:
            covered = role.evidence.end - span.start
        yield Speaker(grounded, role, honorific)


@cache
def _speech_verb() -> re.Pattern[str]:
    """A speech verb as a whole word, compiled once: every run of capitalised words asks."""
    return re.compile(rf"\b(?:{speech_verbs()})\b")


_WORD = re.compile(r"\S+")
_LETTERS = re.compile(r"[A-Z]{2,4}")
"""Capitals after a name: post-nominal letters ('Ann Lee QPM'), not part of the name."""
_INITIAL_LAST = re.compile(r"\b[A-Z]\.$")
"""A name ending in an initial keeps its full stop ('Ann B.')."""


@cache
def _honorifics() -> str:
    """The honorifics as one alternation."""
    return "|".join(re.escape(h) for h in sorted(article_vocabulary().honorifics))


def _in_title(before: str, run: str, stripped: int) -> bool:
    """Whether capitalised words name a thing or end a title rather than name a person.

    So they do after 'The', or after a capitalised word and 'of', 'for', 'and' ('Director of
    Operations Ann Lee'), unless a title word opened them ('Inspector of Probation Ann Lee').
    """
    return run.split()[0] in ("The", "A", "An") or (
        stripped == 0 and bool(_TITLE_JOINER.search(before))
    )


_TITLE_JOINER = re.compile(r"[A-Z][\w’'-]*\s+(?:of|for|at|and|&)\s+$")
"""A capitalised word and a small word that joins a title to what follows ('Director of ')."""


_CAPITALISED = re.compile(
    r"(?:[A-Z][a-z]{0,2}\.|[A-Z][\w’'-]*)(?:[ \t]+(?:[A-Z][a-z]{0,2}\.|[A-Z][\w’'-]*))*"
)
"""Capitalised words, with initials and short abbreviations ('P.', 'Dr.') but no full stop."""


def _role(
    analysis: Analysis,
    span: Span,
    text: str,
    name_start: int,
    name_end: int,
    spoken: bool,
) -> GroundedText | None:
    """The role written next to a name: between commas after it, else just before it.

    After the name, a role runs to the speech verb ('X, cabinet member, said'; 'X, Head of
    Service said'), or to the end when the verb came first ('said X, Chief Inspector').
    """
    after = text[name_end : name_end + _REACH]
    verbs = speech_verbs()
    if re.match(rf"\s*,\s*(?:{_honorifics()})\.?\s", after):
        after = ""
    whole = name_end + _REACH >= len(text)
    ending = rf"\s*(?:,\s*(?:{verbs})\b|[.]?$)" if spoken and whole else rf"\s*,\s*(?:{verbs})\b"
    role = (
        re.match(
            rf"\s*,(?!\s*(?:{verbs}|and|or)\b)\s*(?P<role>{_ROLE_PART}+?(?:,(?!\s*(?:{verbs})\b)\s*{_ROLE_PART}*?)*)"
            + ending,
            after,
        )
        or re.match(rf"\s*,\s*(?P<role>[A-Z][^,\"“”:;]*?)\s+(?:also\s+)?(?:{verbs})\b", after)
        or re.match(
            r"\s*,\s*(?P<role>(?:[A-Z]|(?:the|a|an)\s)[^,\"“”:;]*?),\s+(?:also\s+)?[a-z]+\b", after
        )
        or re.match(rf"\s*,\s*(?P<role>{_TITLE_WORDS})(?:\s*\([^)]*\))?\s+[a-z]+(?:ed|s)\b", after)
        or re.match(rf"\s+as\s+(?:the\s+)?(?P<role>{_TITLE_WORDS})", after)
    )
    if role:
        start = span.start + name_end + role.start("role")
        return analysis.grounded(start, start + len(role.group("role")))
    prefix = re.sub(rf"^.*\b(?:{verbs})\b\s*", "", text[max(0, name_start - _REACH) : name_start])
    prefix = re.sub(r"^(?:in a statement|speaking|also)\W*", "", prefix, flags=re.IGNORECASE)
    honorifics = "|".join(article_vocabulary().honorifics)
    prefix_text = re.sub(rf"\s*\b(?:{honorifics})\.?\s*$", "", prefix).strip(" ,")
    tail = re.search(rf"(?:^|(?<=\s))(?:(?i:the|a|an)\s+)?(?P<role>{_TITLE_WORDS})$", prefix_text)
    if tail is not None and re.match(rf"(?:{_honorifics()})\b", tail.group("role")):
        tail = None
    attributed = spoken or re.match(rf"\s*(?:,[^,]*)?,?\s*(?:also\s+)?(?:{verbs})\b", after)
    titled = len(prefix_text.split()) <= 6 and bool(
        _words(prefix_text) & article_vocabulary().titles
    )
    if tail is not None:
        prefix_text = tail.group("role")
    elif (
        not (attributed or titled)
        or "," in prefix_text
        or _CLAUSE.match(prefix_text)
        or re.search(rf"\b(?:{_honorifics()})\b", prefix_text)
    ):
        return None
    if not prefix_text:
        return None
    start = span.start + text.rindex(prefix_text, max(0, name_start - 2 * _REACH), name_start)
    return analysis.grounded(start, start + len(prefix_text))


_CLAUSE = re.compile(
    r"(?:that|and|but|or|with|to|as|if|when|while|because|in|at|on|during|after|following|"
    r"from|speaking|responding)\b",
    re.IGNORECASE,
)
"""Words that open a clause or a phrase, never a title written before a name."""
_ROLE_PART = r"(?:(?![.!?]\s)[^,\"“”])"
"""A character of a role between commas: never a quote mark or a sentence's end."""
_TITLE_WORDS = (
    r"[A-Z][\w’'-]*(?:\s+(?:(?:of|for|and|at|the|on|&)\s+)*"
    r"(?!(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Councillor|Dame|Sir)\b)[A-Z][\w’'-]*)*"
)
"""A title written in capitals, with the small words between them: 'Head of the PDU'."""


def said_by(analysis: Analysis, sentence: Span, people: People) -> tuple[Speaker, Span] | None:
    """Who a sentence says said something, and where the words are.

    'Ms Khan, Head of Service, said the plan had worked', 'she advised that ...', 'the chair
    noted ...', or '..., said Dame Ann Bell, Chief Inspector.' after the words. A passive ('was
    described as') says nobody.
    """
    text = analysis.slice(sentence.start, sentence.end)
    verbs = "|".join(sorted(article_vocabulary().reporting_verbs, key=len, reverse=True))
    for verb in re.finditer(rf"\b(?:{verbs})\b(?!\s*[:“\"‘])", text):
        if re.search(r"\b(?:was|were|is|are|be|been|being)\s+$", text[: verb.start()]):
            continue
        head = Span(
            max(sentence.start, sentence.start + verb.start() - _REACH),
            sentence.start + verb.start(),
        )
        person = _subject(analysis, head, people)
        if person is None:
            continue
        words = re.match(r"\s*,?\s*(?:that\s+)?", text[verb.end() :])
        start = sentence.start + verb.end() + (words.end() if words else 0)
        end = sentence.start + len(text.rstrip(" ."))
        return (person, Span(start, end)) if start < end else None
    inverted = re.search(rf",\s*(?:{verbs})\s+(?=[A-Z])", text)
    if inverted is not None:
        after = sentence.start + inverted.end()
        named = list(people_in(analysis, Span(sentence.start + inverted.start(), sentence.end)))
        opening = _honorific(analysis.slice(after, sentence.end))
        if named and named[0].name and named[0].name.evidence.start == after + opening:
            return people.resolve(named[0]), Span(sentence.start, sentence.start + inverted.start())
    return None


_REACH = 300
"""How far before a speech verb its subject may start, so long sentences cost no more than short."""


def _honorific(text: str) -> int:
    """How many characters of honorific ('Dame ', 'Cllr ') open a name."""
    match = re.match(rf"(?:(?:{_honorifics()})\.?\s+)*", text)
    return match.end() if match else 0


def _subject(analysis: Analysis, head: Span, people: People) -> Speaker | None:
    """The person who is the subject just before a speech verb, if any.

    A name (with its role between commas), 'he' or 'she', or 'the head of service'; nothing
    when other words come between the subject and the verb.
    """
    text = analysis.slice(head.start, head.end)
    pronoun = re.search(r"(?:^|[,;]\s*|\band\s+|\s)(?P<p>[Hh]e|[Ss]he)\s+(?:also\s+)?$", text)
    if pronoun is not None:
        earlier = list(people_in(analysis, Span(head.start, head.start + pronoun.start("p"))))
        return people.pronoun(pronoun.group("p"), earlier)
    verb = re.match(r"\S+", analysis.slice(head.end, head.end + 30))
    found = [
        person
        for person in people_in(analysis, Span(head.start, head.end + (verb.end() if verb else 0)))
        if person.name is not None and person.name.evidence.end <= head.end
    ]
    if found:
        last = found[-1]
        assert last.name is not None
        end = last.name.evidence.end
        if last.role is not None and last.role.evidence.start >= end:
            end = last.role.evidence.end
        if re.fullmatch(r"[\s,]*(?:\([^)]*\)\s*)?(?:also\s+)?", analysis.slice(end, head.end)):
            return people.resolve(last)
        return None
    if not re.search(r"(?:^|[,;]\s*)\W*the\s+[\w’' -]+?\s+(?:also\s+)?$", text, re.IGNORECASE):
        return None
    title = _title(analysis, head, text)
    return people.titled(title) if title is not None else None
