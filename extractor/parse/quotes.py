"""Direct speech and who said it: colon forms, attributions after the quote, 'Mr X added'."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from extractor.document import Block, Span
from extractor.parse.analysis import Analysis
from extractor.vocabulary import article_vocabulary
from models import GroundedText, Quote

_PAIRS = {"“": "”", '"': '"', "‘": "’", "'": "'"}
_ROLE_NOUNS = re.compile(
    r"\b(child|young person|parent|carer|mother|father|victim|practitioner|case manager|"
    r"manager|staff member|partner|magistrate|board member|police officer)s?\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Speaker:
    """Who said it, and in what role, each located in the text."""

    name: GroundedText | None
    role: GroundedText | None


def report_quotes(analysis: Analysis, blocks: list[Block]) -> Iterator[Quote]:
    """A report's quotations: quoted paragraphs after 'A parent commented:', speakers by role."""
    for index, block in enumerate(blocks):
        if block.kind not in ("paragraph", "list_item"):
            continue
        text = analysis.document.slice(block)
        opener = text[:1]
        if opener not in ("“", '"') or len(text) < 8:
            continue
        closer = text.rstrip(".,").rfind(_PAIRS[opener])
        if closer <= 0 or closer < len(text.rstrip(".,")) - 1:
            continue
        role = None
        if index > 0 and analysis.document.slice(blocks[index - 1]).rstrip().endswith(":"):
            intro = analysis.sentence_at(blocks[index - 1].end - 1)
            match = _ROLE_NOUNS.search(analysis.slice(intro.start, intro.end))
            if match:
                start = intro.start + match.start(1)
                evidence = analysis.evidence(start, start + len(match.group(1)))
                role = GroundedText(value=match.group(1).lower(), evidence=evidence)
        evidence = analysis.evidence(block.start + 1, block.start + closer)
        yield Quote(text=evidence.text, role=role, evidence=evidence)


def article_quotes(analysis: Analysis, blocks: list[Block]) -> Iterator[Quote]:
    """An article's direct speech with speaker and role; unattributed fragments are left out.

    A paragraph's quoted segments are one quote; a paragraph that is only a quote continues the
    speaker of the quote before it; 'she said' and 'Mr Jones added' resolve to the person named
    before (in the paragraph, or as an earlier speaker).
    """
    speakers: list[_Speaker] = []
    previous_quoted = False
    for index, block in enumerate(blocks):
        if block.kind not in ("paragraph", "list_item"):
            previous_quoted = False
            continue
        segments = _segments(analysis, block)
        if not segments:
            previous_quoted = False
            continue
        speaker = _attribution(analysis, block, segments, speakers)
        alone = _only_quote(analysis, block, segments)
        if speaker is None and alone and index > 0:
            speaker = _introduced(analysis, blocks[index - 1], speakers)
        if speaker is None and previous_quoted and speakers and alone:
            speaker = speakers[-1]
        previous_quoted = speaker is not None
        if speaker is None:
            continue
        speakers.append(speaker)
        evidence = analysis.evidence(segments[0].start, segments[-1].end)
        text = " ".join(analysis.slice(s.start, s.end).strip() for s in segments)
        yield Quote(text=text, speaker=speaker.name, role=speaker.role, evidence=evidence)


def speech_spans(analysis: Analysis, block: Block) -> list[Span]:
    """The stretches of a paragraph that are direct speech."""
    return [Span(segment.start, segment.end) for segment in _segments(analysis, block)]


def _segments(analysis: Analysis, block: Block) -> list[Span]:
    """Quoted stretches of at least four words; a rating in quotes ('Good') is not speech.

    Double quotes pair as written; single quotes count only at word edges, so apostrophes
    ("children's") do not open or close a quote.
    """
    text = analysis.document.slice(block)
    found: list[Span] = []
    for match in _QUOTED.finditer(text):
        inner = match.group("double") or match.group("single") or ""
        if len(inner.split()) >= 4:
            start = block.start + match.start("double" if match.group("double") else "single")
            found.append(Span(start, start + len(inner)))
    return found


_QUOTED = re.compile(
    r"[“\"](?P<double>[^“”\"]+)(?:[”\"]|$)"
    r"|(?:(?<=^)|(?<=[\s:(]))[‘'](?P<single>(?:[^‘’']|[’'](?=[a-z]))+?)[’'](?=[\s.,;:!?)]|$)"
)


def _only_quote(analysis: Analysis, block: Block, segments: list[Span]) -> bool:
    """Whether the paragraph is nothing but quotation."""
    outside = analysis.slice(block.start, segments[0].start) + analysis.slice(
        segments[-1].end, block.end
    )
    return len(re.sub(r"[\W_]+", "", outside)) == 0


def _attribution(
    analysis: Analysis, block: Block, segments: list[Span], speakers: list[_Speaker]
) -> _Speaker | None:
    """The speaker named around a paragraph's quotes: before a colon, or after the first quote."""
    verbs = _verbs()
    before_end = segments[0].start - 1
    before_text = analysis.slice(block.start, before_end)
    earlier = _named_before(analysis, Span(block.start, before_end))
    if re.search(
        rf"\b(?:{verbs})(?:\s+(?:him|her|them|us|me|reporters|the \w+))?\s*:\s*$", before_text
    ):
        boundary = max(before_text.rfind(". "), before_text.rfind("? "), before_text.rfind("! "))
        start = block.start + (boundary + 2 if boundary >= 0 else 0)
        return _speaker(analysis, Span(start, before_end), speakers, earlier)
    after_start = segments[0].end + 1
    after_end = segments[1].start - 1 if len(segments) > 1 else block.end
    after_text = analysis.slice(after_start, after_end)
    if re.match(rf"\W*(?:[\w.’'-]+\s+){{0,5}}?(?:{verbs})\b", after_text):
        sentence_end = re.search(r"[.!?](?:\s|$)", after_text)
        end = after_start + (sentence_end.start() if sentence_end else len(after_text))
        return _speaker(analysis, Span(after_start, end), speakers, earlier)
    return None


def _introduced(analysis: Analysis, intro: Block, speakers: list[_Speaker]) -> _Speaker | None:
    """The speaker of a quote set on its own line, from the line before that ends 'told us:'."""
    text = analysis.document.slice(intro).rstrip()
    if not re.search(rf"\b(?:{_verbs()})(?:\s+\w+)?\s*:$", text):
        return None
    sentence = analysis.sentence_at(intro.end - 1)
    speaker = _speaker(analysis, Span(sentence.start, intro.end), speakers, None)
    if speaker is not None:
        return speaker
    first = re.match(r"[A-Z][a-z'’-]+(?=,|\s+(?:" + _verbs() + r")\b)", text)
    if first is None:
        return None
    start = intro.start + first.start()
    name = GroundedText(
        value=first.group(0), evidence=analysis.evidence(start, start + len(first.group(0)))
    )
    return _Speaker(name, None)


@cache
def _verbs() -> str:
    """The speech verbs as one alternation, built once."""
    return "|".join(sorted(article_vocabulary().quote_verbs))


def _named_before(analysis: Analysis, span: Span) -> _Speaker | None:
    """A person the paragraph names before its quote ('Council leader Ruth Osei told ...')."""
    people = list(_people(analysis, span))
    return people[-1] if people else None


def _speaker(
    analysis: Analysis,
    span: Span,
    speakers: list[_Speaker],
    earlier: _Speaker | None,
) -> _Speaker | None:
    """Name and role in 'Martin Jones, Chief Inspector, said', 'said Jane Hollins', 'she added'."""
    vocab = article_vocabulary()
    text = analysis.slice(span.start, span.end)
    pronouns = "|".join(vocab.pronouns)
    if re.match(
        rf"\W*(?:(?:{pronouns})\s+(?:{_verbs()})\b|(?:{_verbs()})\s+(?:{pronouns})\b)",
        text,
        re.IGNORECASE,
    ):
        person = earlier or (speakers[-1] if speakers else None)
        return _resolved(person, speakers) if person else None
    people = list(_people(analysis, span))
    if not people:
        return None
    verb = re.search(rf"\b(?:{_verbs()})\b", text)
    verb_at = span.start + (verb.start() if verb else len(text))
    before = [p for p in people if p.name and p.name.evidence.end <= verb_at]
    person = before[-1] if before else people[0]
    return _resolved(person, speakers)


def _resolved(person: _Speaker, speakers: list[_Speaker]) -> _Speaker | None:
    """A person named by surname alone ('Mr Jones') as the earlier speaker of that surname."""
    if person.name is None or " " in person.name.value:
        return person
    known = [s for s in speakers if s.name and s.name.value.split()[-1] == person.name.value]
    return known[-1] if known else None


def _people(analysis: Analysis, span: Span) -> Iterator[_Speaker]:
    """People named in a stretch of text, each with the role written next to the name."""
    vocab = article_vocabulary()
    text = analysis.slice(span.start, span.end)
    for run in _CAPITALISED.finditer(text):
        words = run.group(0).split()
        start = run.start()
        honorific = False
        while words and (
            words[0].rstrip(".") in vocab.honorifics or words[0] in article_vocabulary().role_words
        ):
            honorific = honorific or words[0].rstrip(".") in vocab.honorifics
            start += len(words[0]) + 1
            words = words[1:]
        if (
            not words
            or (len(words) == 1 and not honorific)
            or any(w in article_vocabulary().role_words for w in words)
        ):
            continue
        name = " ".join(words)
        name_start = span.start + start
        grounded = GroundedText(
            value=name, evidence=analysis.evidence(name_start, name_start + len(name))
        )
        spoken = bool(re.search(rf"\b(?:{_verbs()})\b", text[: run.start()]))
        yield _Speaker(grounded, _role(analysis, span, text, start, start + len(name), spoken))


_CAPITALISED = re.compile(r"[A-Z][\w’'-]*\.?(?:\s+[A-Z][\w’'-]*\.?)*")


def _role(
    analysis: Analysis,
    span: Span,
    text: str,
    name_start: int,
    name_end: int,
    spoken: bool,
) -> GroundedText | None:
    """The role written next to a name: between commas after it, else just before it.

    After the name, a role runs to the speech verb ('X, cabinet member, said'), or to the end
    when the verb came first ('said X, Chief Inspector of Probation').
    """
    after = text[name_end:]
    verbs = _verbs()
    ending = rf"\s*(?:,\s*(?:{verbs})\b|[.]?$)" if spoken else rf"\s*,\s*(?:{verbs})\b"
    role = re.match(
        rf"\s*,(?!\s*(?:{verbs})\b)\s*(?P<role>[^,\"“”]+?(?:,(?!\s*(?:{verbs})\b)\s*[a-z][^,\"“”]*?)*)"
        + ending,
        after,
    )
    if role:
        start = span.start + name_end + role.start("role")
        return analysis.grounded(start, start + len(role.group("role")))
    prefix = re.sub(rf"^.*\b(?:{verbs})\b\s*", "", text[:name_start])
    prefix = re.sub(r"^(?:in a statement|speaking|also)\W*", "", prefix, flags=re.IGNORECASE)
    honorifics = "|".join(article_vocabulary().honorifics)
    prefix_text = re.sub(rf"\s*\b(?:{honorifics})\.?\s*$", "", prefix).strip(" ,")
    if not prefix_text:
        before = text[:name_start].rstrip()
        comma_role = re.search(r"(?P<role>[^,.;:\"“”]+),\s*$", before)
        if comma_role is None:
            return None
        prefix_text = comma_role.group("role").strip()
    start = span.start + text.rindex(prefix_text, 0, name_start)
    return analysis.grounded(start, start + len(prefix_text))
