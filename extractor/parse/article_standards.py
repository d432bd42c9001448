"""Read which standards an article's rating belongs to: named, coordinated, or a counted group."""

from __future__ import annotations

import re
from functools import cache

from extractor.document import Span
from extractor.frameworks import frameworks
from extractor.parse.analysis import Analysis, Fact
from extractor.parse.article_counts import small_count
from extractor.parse.article_services import Mention
from extractor.vocabulary import article_vocabulary
from models import Evidence

_SUBJECT_GAP = re.compile(
    r"(?:\s+(?:work|standard))?(?:\s+(?:with|for|on|to|in|at)\b[^,.;]{0,60}?)?(?:\s*,[^,]{0,80},)?"
    r"(?:\s*[–—]\s[^–—.;]{0,120}\s[–—])?"
    r"(?:\s*,?\s*(?:which|that))?"
    r"(?:\s+(?:was|were|is|are|has|have|had|remains|remained|stays)\b[^.;]{0,40}"
    r"|\s*[–—-]\s*(?:(?:were|was|all|each|both)\s+)*(?:rated|judged|graded)\b[^.;]{0,20})",
    re.IGNORECASE,
)
"""Between a standard's name and its rating: 'work was', ', which was separately rated as',
'in the region was very strong and rated', ' – how children are treated – was rated'."""
_SEPARATELY = re.compile(
    r"(?P<subject>\b(?:the\s+)?[\w’'-]+(?:\s+[\w’'-]+){0,10}?)\s+(?:was|were)\s+"
    r"(?:(?:also\s+)?[a-z]+\s+and\s+)?(?:separately\s+(?:rated|judged|graded)|"
    r"(?:rated|judged|graded)\s+separately)\s+(?:as\s+)?\W*$",
    re.IGNORECASE,
)
_COORDINATION = re.compile(
    r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+and\s+both\s+|\s*[–—-]\s*)\s*", re.IGNORECASE
)
_COUNTED = re.compile(
    r"^\s*in\s+(?:(?P<n>\w+)\s+(?:out\s+)?of\s+(?:the\s+)?\d+|the\s+remaining\s+\w+|all\s+\w+)"
    r"(?:\s+(?:key\s+)?(?:areas|standards|aspects|domains))?",
    re.IGNORECASE,
)
_COUNTED_SUBJECT = re.compile(
    r"(?P<subject>(?:\b\w+\s+(?:out\s+)?of\s+(?:the\s+)?\w+|\bthe\s+(?:remaining|other)\s+\w+|"
    r"\ball\s+\w+|\b\w+(?=\s+(?:key\s+)?(?:areas|standards)))"
    r"(?:\s+(?:key\s+)?(?:areas|standards|aspects|domains))?"
    r"(?:\s+(?:on|for|covering|about)\s+[a-z -]+?)?)"
    r"\s+(?:(?:were|was|are)\s+(?:\w+\s+)?(?:rated|judged|graded|found)\s+(?:as\s+|to\s+(?:be\s+)?)?"
    r"|as\s+)\W*$",
    re.IGNORECASE,
)


def standard_evidence(analysis: Analysis, rating: Fact, standard: Span) -> Evidence:
    """From a standard's name to its rating, with both quote marks when the rating is quoted."""
    start, end = rating.start, rating.end
    text = analysis.text
    if start > 0 and end < len(text) and text[start - 1] in "'‘\"“" and text[end] in "'’\"”":
        start, end = start - 1, end + 1
    return analysis.evidence(min(start, standard.start), max(end, standard.end))


@cache
def _standard_names() -> re.Pattern[str]:
    """Every name a standard goes by in articles, longest first, as one expression."""
    vocab = article_vocabulary()
    names = {
        name.lower()
        for framework in frameworks().values()
        for standard in framework.standards
        for name in (standard.name, *standard.aliases)
    } | set(vocab.standards)
    names |= {f"{prefix} {name}" for prefix in vocab.standard_prefixes for name in list(names)}
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)


def rated_standards(
    analysis: Analysis, sentence: Span, clause_start: int, fact: Fact, nearest: list[Mention]
) -> list[tuple[str, Span]]:
    """The standards (or counted standards) a rating belongs to; none when it is the service's.

    'Planning, implementation and delivery, and work with victims were each rated Good' rates
    three standards; 'rated outstanding in nine out of 13 key areas' rates a counted group.
    """
    after = analysis.slice(fact.end, sentence.end)
    counted = _COUNTED.match(re.sub(r"^[’'\"”]", "", after))
    if counted and counted.group(0).strip().lower() != "in":
        value = re.sub(r"^in\s+", "", counted.group(0).strip(), flags=re.IGNORECASE)
        start = fact.end + after.index(value)
        return [(value, Span(start, start + len(value)))]
    earlier = analysis.facts_in(sentence.start, fact.start, "RATING")
    begin = max([clause_start, *(m.end for m in nearest), *(f.end for f in earlier)])
    before = analysis.slice(begin, fact.start)
    counted_subject = _COUNTED_SUBJECT.search(before)
    if counted_subject and _counts(counted_subject.group("subject")):
        start = begin + counted_subject.start("subject")
        return [
            (counted_subject.group("subject"), Span(start, begin + counted_subject.end("subject")))
        ]
    found = list(_standard_names().finditer(before))
    if not found or not _SUBJECT_GAP.fullmatch(before[found[-1].end() :]):
        return _named_otherwise(analysis, sentence, fact, clause_start, begin)
    chosen = [found[-1]]
    for match in reversed(found[:-1]):
        between = before[match.end() : chosen[-1].start()]
        if not _COORDINATION.fullmatch(between):
            break
        chosen.append(match)
    return [
        (match.group(0), Span(begin + match.start(), begin + match.end()))
        for match in reversed(chosen)
    ]


def _named_otherwise(
    analysis: Analysis, sentence: Span, fact: Fact, clause_start: int, begin: int
) -> list[tuple[str, Span]]:
    """A standard named away from its rating, by its own name when the subject holds one.

    'X, which was separately rated as', 'X was also inspected and separately rated', 'rated the
    work in resettlement as', 'a 'Good' rating for leadership'.
    """
    names = _standard_names()
    after = analysis.slice(fact.end, sentence.end)
    rated_for = re.match(r"\W*\s*(?:rating|grade)\s+(?:for|in)\s+", after, re.IGNORECASE)
    named = names.match(after, rated_for.end()) if rated_for else None
    if named is not None:
        return [(named.group(0), Span(fact.end + named.start(), fact.end + named.end()))]
    clause = analysis.slice(clause_start, fact.start)
    active = re.search(
        r"\b(?:rated|judged|graded)\s+(?P<object>[^.;]{0,120}?)\s+as\s+\W*$", clause, re.IGNORECASE
    )
    inside = names.search(active.group("object")) if active is not None else None
    if active is not None and inside is not None:
        start = clause_start + active.start("object") + inside.start()
        return [(inside.group(0), Span(start, start + len(inside.group(0))))]
    before = analysis.slice(begin, fact.start)
    separately = _SEPARATELY.search(before)
    if separately is None:
        return []
    subject, start = separately.group("subject"), begin + separately.start("subject")
    within = names.search(subject)
    if subject.lower() in ("which", "that"):
        within = names.search(before[: separately.start("subject")])
        start = begin
    elif within is not None:
        start = begin + separately.start("subject")
    if within is not None:
        return [(within.group(0), Span(start + within.start(), start + within.end()))]
    return [(subject, Span(start, start + len(subject)))]


def _counts(group: str) -> bool:
    """Whether a counted group starts with a count ('nine of 13'), not 'Inspectorate of ...'."""
    first = group.split()[0].lower()
    return first in ("the", "all") or small_count(first) is not None
