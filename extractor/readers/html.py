"""Read the inspectorate's HTML report pages into headings, paragraphs, lists, tables, footnotes."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import html
from lxml.html import HtmlElement

from extractor.document import Metadata
from extractor.layout import RawBlock

_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "footer",
    "aside",
    "form",
    "button",
    "iframe",
    "svg",
    "select",
    "input",
    "label",
    "dialog",
)
_NOISE_ATTR = re.compile(
    r"cookie|consent|skip|breadcrumb|share|social|newsletter|advert|ad-slot|promo|related|"
    r"licen[cs]e|subscribe|paywall|print|site-header|masthead|gem-c-layout-header",
    re.IGNORECASE,
)
_XML_PROLOG = re.compile(r"^\s*<\?xml[^>]*\?>")
_FOOTNOTE_ID = re.compile(r"^(?:fn|footnote)[-:_]?(\d+)$", re.IGNORECASE)
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
_PARAGRAPHS = {"p", "blockquote", "dd", "dt", "figcaption", "address", "pre", "caption"}
_CONTAINERS = {
    "div",
    "section",
    "article",
    "main",
    "body",
    "span",
    "header",
    "figure",
    "details",
    "summary",
    "dl",
    "center",
    "font",
    "a",
    "strong",
    "em",
    "b",
    "i",
    "small",
}


def parse_html(text: str) -> HtmlElement:
    """Parse decoded markup leniently; an XML prolog is dropped, as lxml refuses it in text."""
    root: HtmlElement = html.document_fromstring(_XML_PROLOG.sub("", text, count=1))
    return root


def metadata(root: HtmlElement) -> Metadata:
    """What the page's head declares: title, author, publication date, site, address."""

    def meta(*names: str) -> str | None:
        for name in names:
            for attr in ("property", "name", "itemprop"):
                found = root.xpath(f'//meta[@{attr}="{name}"]/@content')
                if found and str(found[0]).strip():
                    return str(found[0]).strip()
        return None

    title = meta("og:title", "twitter:title", "dc.title", "DC.title")
    if title is None:
        titles = root.xpath("//title/text()")
        title = str(titles[0]).strip() if titles else None
    canonical = root.xpath('//link[@rel="canonical"]/@href')
    return Metadata(
        title=title or None,
        author=meta("author", "article:author", "dc.creator", "DC.creator"),
        published=meta(
            "article:published_time",
            "dc.date.issued",
            "DC.date.issued",
            "datePublished",
            "govuk:first-published-at",
            "dcterms.issued",
            "date",
        ),
        site=meta("og:site_name", "application-name"),
        url=str(canonical[0]) if canonical else meta("og:url"),
    )


def read_report_html(root: HtmlElement) -> Iterator[RawBlock]:
    """Blocks of the page's main content, with site chrome and banners left out."""
    body = _main(root)
    for element in list(body.iter()):
        if not isinstance(element, HtmlElement) or element.getparent() is None:
            continue
        if element.tag in _DROP_TAGS or _NOISE_ATTR.search(
            f"{element.get('id', '')} {element.get('class', '')}"
        ):
            element.drop_tree()
    yield from _walk(body)


def _main(root: HtmlElement) -> HtmlElement:
    """The element holding the page's own content: <main>, then [role=main], <article>, <body>."""
    for path in ("//main", '//*[@role="main"]', "//article", '//*[@id="content"]', "//body"):
        found = root.xpath(path)
        if found:
            element: HtmlElement = found[0]
            return element
    return root


def _text(element: HtmlElement) -> str:
    """All text inside an element, with line breaks as spaces."""
    return " ".join(element.itertext())


def _walk(element: HtmlElement) -> Iterator[RawBlock]:
    """Depth-first: each block-level element becomes one block; loose text becomes paragraphs."""
    if element.text and element.text.strip() and element.tag in _CONTAINERS:
        yield RawBlock("paragraph", element.text)
    for child in element:
        if not isinstance(child, HtmlElement):
            continue
        tag = child.tag
        if tag in _HEADINGS:
            yield RawBlock("heading", _text(child), level=_HEADINGS[tag])
        elif tag in _PARAGRAPHS:
            yield _paragraph(child)
        elif tag in ("ul", "ol"):
            yield from _list(child)
        elif tag == "table":
            yield _table(child)
        elif tag == "li":
            yield from _list_item(child)
        else:
            yield from _walk(child)
        if child.tail and child.tail.strip() and element.tag in _CONTAINERS:
            yield RawBlock("paragraph", child.tail)


def _paragraph(element: HtmlElement) -> RawBlock:
    """A paragraph, or a footnote when the page marks it as one."""
    label = _footnote_label(element)
    if label is not None:
        return RawBlock("footnote", _text(element), label=label)
    return RawBlock("paragraph", _text(element))


def _footnote_label(element: HtmlElement) -> str | None:
    """The footnote number of an element with id 'fn3' / 'footnote-3', if it is one."""
    match = _FOOTNOTE_ID.match(element.get("id", ""))
    return match.group(1) if match else None


def _list(element: HtmlElement) -> Iterator[RawBlock]:
    """Each item of a list; items of a footnotes list become footnotes."""
    footnotes = "footnote" in element.get("class", "").lower()
    for number, item in enumerate(element.iterchildren("li"), start=1):
        if footnotes or _footnote_label(item) is not None:
            label = _footnote_label(item) or str(number)
            yield RawBlock("footnote", _text(item), label=label)
        else:
            yield from _list_item(item)


def _list_item(item: HtmlElement) -> Iterator[RawBlock]:
    """A list item's own text, then any list nested in it."""
    nested = [
        child for child in item if isinstance(child, HtmlElement) and child.tag in ("ul", "ol")
    ]
    for child in nested:
        item.remove(child)
    yield RawBlock("list_item", _text(item))
    for child in nested:
        yield from _list(child)


def _table(element: HtmlElement) -> RawBlock:
    """A table as rows of cell texts, header rows included."""
    rows = tuple(
        tuple(_text(cell) for cell in row.iterchildren("th", "td")) for row in element.iter("tr")
    )
    return RawBlock("table", rows=rows)
