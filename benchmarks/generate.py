"""Inputs for the benchmarks: invented reports, rendered to PDF, cached in benchmarks/out/.

The generator writes invented reports as plain-text copies in the inspectorate's web layout;
fixtures/build.py renders them to PDF with fpdf2. The same settings give the same bytes, and
manifest.json records them, so the inputs are rebuilt only when the settings or the renderer
change.
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "benchmarks" / "out"
FOLDER, MANIFEST = OUT / "folder", OUT / "manifest.json"
ONE_PAGE = OUT / "one-page.txt"
RENDERERS = ("build.py", "textcopy.py", "render_pdf.py")
VERSION, SEED, BIG_PAGES, FILES = 5, 20251122, 50, 200

# ------------------------------------------------------------------------------ invented prose

PLACES = ["Ash", "Bram", "Cald", "Dun", "Elm", "Fern", "Glen", "Kes", "Mar", "Oak", "Thorn"]
SUFFIXES = ["ford", "ley", "wick", "bury", "field", "dale", "ham", "moor", "bridge", "gate"]
SUBJECTS = ["case managers", "practitioners", "the management team", "senior leaders"]
SUBJECTS += ["the health practitioner", "team managers", "the victim worker", "the board"]
VERBS = ["reviewed", "strengthened", "tracked", "shared", "prioritised", "recorded", "challenged"]
OBJECTS = ["information about the child's education", "the views of parents and carers"]
OBJECTS += ["the risks posed by exploitation", "contingency arrangements", "the needs of victims"]
OBJECTS += ["referrals to specialist services", "the quality of case records"]
OBJECTS += ["decisions about out-of-court disposals", "the diversity needs of each child"]
TAILS = [", so that plans reflected what mattered most to the child", " before the first review"]
TAILS += [", although the quality varied between teams", " when circumstances changed", "", ""]
OPENERS = ["Overall, ", "During fieldwork, ", "However, ", "As a result, ", "In interviews, ", ""]
JUDGEMENTS = ["this was a real strength", "more needed to be done", "the picture was mixed"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September"]
NUMBER_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine"]
SHAPES = [
    "In {few} of the {total} plans we read, {clause}.",
    "{share}.{digit} per cent of the children were girls, against {few} per cent in England.",
    "The service received {many} referrals between {day} {month} and {day} {month2} 2025.",
    "The rate of first-time entrants in {area} was {many} per 100,000 children aged 10 to 17.",
    "{word} children and {word2} parents spoke to us, and most felt that {judgement}.",
    "Although {clause}, {clause2}.",
    "{opener}{clause}.",
    "{opener}{clause}.",
]
RATINGS = ["Outstanding", "Good", "Requires improvement", "Inadequate"]
STANDARDS = [
    ("2.1", "Assessing", "Does assessing sufficiently analyse how to:"),
    ("2.2", "Planning", "Does planning focus sufficiently on how to:"),
    ("2.3", "Implementation and delivery", "Does the delivery of services:"),
]
QUESTIONS = ["achieve positive change for the child?", "keep the child and the community safe?"]
CHAPTERS = ["Leadership", "Staffing", "Partnerships", "Facilities", "Out-of-court", "Resettlement"]
SUBHEADS = ["What worked well", "What needs to improve", "Management oversight"]


def clause(rng: random.Random) -> str:
    """A subject, verb and object clause in lower case."""
    words = " ".join(rng.choice(bank) for bank in (SUBJECTS, VERBS, OBJECTS))
    return words + rng.choice(TAILS)


def paragraph(rng: random.Random, area: str) -> str:
    """Four to nine sentences, each a random shape with its blanks filled."""
    sentences = []
    for _ in range(rng.randint(4, 9)):
        total = rng.randint(8, 30)
        blanks = {
            "few": rng.randint(1, total), "total": total, "share": rng.randint(2, 90),
            "digit": rng.randint(0, 9), "many": rng.randint(20, 400), "day": rng.randint(1, 28),
            "month": rng.choice(MONTHS), "month2": rng.choice(MONTHS), "area": area,
            "word": rng.choice(NUMBER_WORDS), "word2": rng.choice(NUMBER_WORDS),
            "judgement": rng.choice(JUDGEMENTS), "opener": rng.choice(OPENERS),
            "clause": clause(rng), "clause2": clause(rng),
        }  # fmt: skip
        text = rng.choice(SHAPES).format(**blanks)
        sentences.append(text[0].upper() + text[1:])
    return " ".join(sentences)


# ------------------------------------------------------------------------------ reports


def band(points: int, limits: tuple[int, int, int]) -> str:
    """The rating for a percentage or score: Outstanding at limits[0] or more, and so on down."""
    return RATINGS[sum(points < limit for limit in limits)]


def make_report(seed: int, chapters: int, depth: int, extra: int = 0) -> str:
    """A consistent report as a text copy; depth is paragraphs per section, extra pads one."""
    rng = random.Random(seed)
    area = rng.choice(PLACES) + rng.choice(SUFFIXES)
    cases = rng.randint(12, 30)  # each percentage is some k of these cases, as in real reports
    hits = {code: [rng.randint(cases // 3, cases) for _ in QUESTIONS] for code, *_ in STANDARDS}
    percents = {code: [round(100 * k / cases) for k in some] for code, some in hits.items()}
    ratings = {code: band(min(values), (80, 65, 50)) for code, values in percents.items()}
    ratings["V1"] = rng.choice(RATINGS)
    score = sum(3 - RATINGS.index(rating) for rating in ratings.values())
    overall = band(score, (11, 7, 3))
    lines = [f"An inspection of youth justice work with children and victims in {area}"]

    def items(count: int) -> list[str]:
        return [f"- {clause(rng)}." for _ in range(count)]

    def narrative(paragraphs: int) -> None:
        for _ in range(paragraphs):
            lines.append(paragraph(rng, area))
            lines.extend(items(rng.randint(3, 5)) if rng.random() < 0.2 else [])

    lines.append("Foreword (Back to top)")
    narrative(1)
    lines.append(f"Overall, we have rated {area} YJS as ‘{overall}’.")
    lines.append("Ratings (Back to top)")
    lines.append(f"Fieldwork started {rng.choice(MONTHS[3:])} 2025 | Score {score}/12 |")
    lines += [f"Overall rating | {overall} |", "Work with children"]
    lines += [f"{code} {name} | {ratings[code]} |" for code, name, _ in STANDARDS]
    lines += ["Work with victims", f"V1 Work with victims | {ratings['V1']} |"]
    lines += ["Recommendations (Back to top)", f"{area} Youth Justice Service should:"]
    lines += items(rng.randint(4, 7))
    lines.append("Background (Back to top)")
    lines.append(f"We conducted {rng.randint(8, 30)} interviews with case managers.")
    narrative(depth + extra)
    for chapter in CHAPTERS[:chapters]:
        lines.append(f"{chapter} (Back to top)")
        narrative(depth)
        lines.append(rng.choice(SUBHEADS))
        narrative(max(1, depth // 2))
    lines.append("Domain two: Work with children (Back to top)")
    lines.append(f"We inspected {cases} cases of children supervised by the YJS.")
    for code, name, stem in STANDARDS:
        lines.append(f"{code} {name} | Rating |")
        lines.append(f"{name} is of high quality and keeps children safe. | {ratings[code]} |")
        lines.append(f"Our rating for {name.lower()} is based on these key questions:")
        lines.append(f"{stem} | % ‘Yes’ |")
        lines += [f"{q} | {p}% |" for q, p in zip(QUESTIONS, percents[code], strict=True)]
        narrative(depth)
    lines.append("Work with victims (Back to top)")
    lines.append(f"We also inspected {rng.randint(5, 15)} victim cases.")
    lines.append("Work with victims | Rating |")
    lines.append(f"Work with victims leads to greater safety for victims. | {ratings['V1']} |")
    lines += ["Strengths:", *items(rng.randint(3, 6))]
    lines += ["Areas for improvement:", *items(rng.randint(3, 6))]
    return "\n".join(lines) + "\n"


def render_pdf(text: str) -> bytes:
    """The PDF of a text copy, drawn by the fixtures' renderer (fixtures/build.py)."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    from fixtures import build

    report = build.parse(text)
    return build.render_pdf(report, build.meta_for("", report))


def smallest(low: int, high: int, enough: Callable[[int], bool]) -> int:
    """The smallest number in low..high that is enough (by bisection)."""
    while low < high:
        middle = (low + high) // 2
        low, high = (low, middle) if enough(middle) else (middle + 1, high)
    return low


def big_report() -> str:
    """The report of BIG_PAGES pages: sections as deep as fit, then paragraphs added."""

    def pages(depth: int, extra: int) -> int:
        return len(pdfium.PdfDocument(render_pdf(make_report(SEED, 6, depth, extra))))

    depth = smallest(1, 40, lambda depth: pages(depth + 1, 0) > BIG_PAGES)
    return make_report(SEED, 6, depth, smallest(0, 30, lambda n: pages(depth, n) >= BIG_PAGES))


def inputs(regenerate: bool) -> dict[Path, int]:
    """Pages per input PDF; writes the inputs and their manifest unless the manifest fits."""
    renderer = hashlib.sha256(
        b"".join((REPO / "fixtures" / name).read_bytes() for name in RENDERERS)
    ).hexdigest()[:12]
    settings = {"version": VERSION, "seed": SEED, "renderer": renderer}
    manifest = json.loads(MANIFEST.read_text()) if MANIFEST.exists() else {}
    if manifest.get("settings") != settings or regenerate:
        print("generating the inputs (once, about a minute)", file=sys.stderr)
        FOLDER.mkdir(parents=True, exist_ok=True)
        rng = random.Random(SEED)
        texts = {"big": big_report()}
        for index in range(FILES):
            chapters, depth = rng.randint(0, 2), rng.randint(1, 4)
            texts[f"folder/{index:03d}"] = make_report(SEED + 1 + index, chapters, depth)
        manifest = {"settings": settings, "pages": {}}
        for stem, text in texts.items():
            data = render_pdf(text)
            (OUT / f"{stem}.pdf").write_bytes(data)
            (OUT / f"{stem}.txt").write_text(text, encoding="utf-8")
            manifest["pages"][f"{stem}.pdf"] = len(pdfium.PdfDocument(data))
        MANIFEST.write_text(json.dumps(manifest, indent=1))
    return {OUT / name: count for name, count in manifest["pages"].items()}


def one_page() -> Path:
    """A one-page text copy (title, ratings table, recommendations), for the start-up figure."""
    text = make_report(SEED, 0, 1)
    ONE_PAGE.parent.mkdir(parents=True, exist_ok=True)
    ONE_PAGE.write_text(text[: text.index("Background (Back to top)")], encoding="utf-8")
    return ONE_PAGE
