"""Speech and who said it: quoted words, statements introduced by a line, reported words."""

from __future__ import annotations

import re
from collections.abc import Iterator

from extractor.document import Block, Span
from extractor.parse.analysis import Analysis
from extractor.parse.speakers import People, Speaker, people_in, said_by, speaker_in, speech_verbs
from extractor.vocabulary import article_vocabulary
from models import GroundedText, Quote

_PAIRS = {"“": "”", '"': '"', "‘": "’", "'": "'"}
_ROLE_NOUNS = re.compile(
    r"\b(child|young person|parent|carer|mother|father|victim|practitioner|case manager|"
    r"manager|staff member|partner|magistrate|board member|police officer)s?\b",
    re.IGNORECASE,
)


def report_quotes(analysis: Analysis, blocks: list[Block]) -> Iterator[Quote]:
    """A report's quotations: quoted paragraphs after 'A parent commented:', speakers by role."""
    whole = analysis.text
    for index, block in enumerate(blocks):
        if block.kind not in ("paragraph", "list_item"):
            continue
        if not whole.startswith(("“", '"'), block.start, block.end):
            continue  # known before copying the block's text
        text = analysis.document.slice(block)
        opener = text[:1]
        if len(text) < 8:
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
    """An article's speech with speaker and role; unattributed fragments are left out.

    A paragraph's quoted segments are one quote; a paragraph that is only a quote continues the
    speaker of the quote before it; the paragraph after 'X said:' or 'A statement from X:' is X's
    words, quoted or not. 'She said', 'Mr Jones added', 'the chief inspector said' resolve to the
    person named before. A paragraph without direct speech may report a named person's words
    ('Ms Khan said the plan had worked'): those are quotes marked `reported`.
    """
    people = People()
    previous_quoted = False
    for index, block in enumerate(blocks):
        if block.kind not in ("paragraph", "list_item"):
            previous_quoted = False
            continue
        intro = blocks[index - 1] if index > 0 else None
        segments = _segments(analysis, block)
        speaker = None
        if segments:
            speaker = _attribution(analysis, block, segments, people)
            alone = _only_quote(analysis, block, segments)
            if speaker is None and alone and intro is not None:
                speaker = _introduced(analysis, intro, people)
            if speaker is None and alone and previous_quoted:
                speaker = people.last_speaker
            if speaker is None:
                speaker = _said_with_fragment(analysis, block, segments, people)
        elif intro is not None and not previous_quoted:
            speaker = _introduced(analysis, intro, people)
            segments = [_unquoted(analysis, block)] if speaker else []
        previous_quoted = speaker is not None
        if speaker is not None:
            people.spoke(speaker)
            evidence = analysis.evidence(segments[0].start, segments[-1].end)
            text = " ".join(analysis.slice(s.start, s.end).strip() for s in segments)
            yield Quote(text=text, speaker=speaker.name, role=speaker.role, evidence=evidence)
            for sentence in analysis.sentences_in(block.start, block.end):
                _note_people(analysis, sentence, people)
        else:
            yield from _reported(analysis, block, people)


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
    analysis: Analysis, block: Block, segments: list[Span], people: People
) -> Speaker | None:
    """The speaker named around a paragraph's quotes: before them, or after the first quote.

    Before: 'X said:', 'ROLE NAME:', 'Dame Ann stressed the point:', 'X said "...'; after:
    '..., she added', '..., said Jane Hollins, Chief Inspector'.
    """
    verbs = speech_verbs()
    before_end = segments[0].start - 1
    before_text = analysis.slice(block.start, before_end)
    boundary = max(before_text.rfind(". "), before_text.rfind("? "), before_text.rfind("! "))
    start = block.start + (boundary + 2 if boundary >= 0 else 0)
    earlier = list(people_in(analysis, Span(block.start, start)))
    lead = analysis.slice(start, before_end).rstrip()
    if lead.endswith(":") or re.search(rf"\b(?:{verbs})\s*,?$", lead):
        speaker = speaker_in(analysis, Span(start, before_end), people, earlier)
        if speaker is not None:
            return speaker
    after_start = segments[0].end + 1
    after_end = segments[1].start - 1 if len(segments) > 1 else block.end
    after_text = analysis.slice(after_start, after_end)
    if re.match(rf"\W*(?:[\w.’'-]+\s+){{0,5}}?(?:{verbs})\b", after_text):
        sentence_end = re.search(r"[.!?](?:\s|$)", after_text)
        end = after_start + (sentence_end.start() if sentence_end else len(after_text))
        earlier += list(people_in(analysis, Span(start, before_end)))
        return speaker_in(analysis, Span(after_start, end), people, earlier)
    return None


def _introduced(analysis: Analysis, intro: Block, people: People) -> Speaker | None:
    """The speaker of a paragraph after a line ending 'told us:' or 'the following statement:'."""
    text = analysis.document.slice(intro).rstrip()
    if not text.endswith(":"):
        return None
    sentence = analysis.sentence_at(intro.end - 1)
    lead = analysis.slice(sentence.start, intro.end)
    cues = "|".join(re.escape(cue) for cue in article_vocabulary().statement_cues)
    if not re.search(rf"\b(?:{speech_verbs()}|{cues})\b", lead, re.IGNORECASE):
        return None
    speaker = speaker_in(analysis, Span(sentence.start, intro.end), people, [])
    if speaker is not None:
        return speaker
    first = re.match(r"[A-Z][a-z'’-]+(?=,|\s+(?:" + speech_verbs() + r")\b)", text)
    if first is None:
        return None
    start = intro.start + first.start()
    name = GroundedText(
        value=first.group(0), evidence=analysis.evidence(start, start + len(first.group(0)))
    )
    return Speaker(name, None)


def _unquoted(analysis: Analysis, block: Block) -> Span:
    """A paragraph of someone's words printed without quotation marks, less any stray mark."""
    text = analysis.document.slice(block)
    lead = len(text) - len(text.lstrip(" “\"‘'"))
    trail = len(text) - len(text.rstrip(" ”\"’'"))
    return Span(block.start + lead, block.end - trail)


def _said_with_fragment(
    analysis: Analysis, block: Block, segments: list[Span], people: People
) -> Speaker | None:
    """The speaker of quoted words inside a sentence naming them: 'Ann Bell said it was "..."'."""
    sentence = analysis.sentence_at(segments[0].start)
    said = said_by(analysis, Span(sentence.start, segments[0].start), people)
    return said[0] if said else None


def _reported(analysis: Analysis, block: Block, people: People) -> Iterator[Quote]:
    """Sentences that report a named person's words: 'She advised that the plan had worked'."""
    for sentence in analysis.sentences_in(block.start, block.end):
        said = said_by(analysis, sentence, people)
        _note_people(analysis, sentence, people)
        if said is None:
            continue
        speaker, words = said
        text = analysis.slice(words.start, words.end)
        if len(text.split()) < 3:
            continue
        people.spoke(speaker)
        yield Quote(
            text=text,
            speaker=speaker.name,
            role=speaker.role,
            reported=True,
            evidence=analysis.evidence(words.start, words.end),
        )


def _note_people(analysis: Analysis, sentence: Span, people: People) -> None:
    """Remember the people a sentence names with an honorific or a role, for 'she' and 'Mr X'."""
    for person in people_in(analysis, sentence):
        name, role = person.name, person.role
        beside = (
            name is not None
            and role is not None
            and (
                0 <= name.evidence.start - role.evidence.end < 3
                or 0 <= role.evidence.start - name.evidence.end < 3
            )
        )
        if person.honorific is not None or beside:
            people.note(people.resolve(person))
