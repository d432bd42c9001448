"""Read HTML: report pages by an lxml walk, other pages through trafilatura, metadata as meta."""

from __future__ import annotations

import re
from collections.abc import Iterator
from copy import deepcopy

from lxml import etree, html
from lxml.html import HtmlElement

from extractor.errors import InputError
from extractor.layout import BACK_TO_TOP, REPORT_TITLE, RawBlock

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
_INLINE = {"a", "abbr", "b", "bdi", "bdo", "big", "br", "cite", "code", "data", "del", "dfn", "em"}
_INLINE |= {"font", "i", "img", "ins", "kbd", "label", "mark", "nobr", "q", "s", "samp", "small"}
_INLINE |= {"span", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr"}
"""Tags inside a line of text: their words belong to the sentence around them."""


MAX_DEPTH = 2048
"""libxml2's nesting limit with huge_tree on (without it, 256: a deeper page lost its body)."""
_SHALLOW_DEPTH = 250
"""Pages nested no deeper than this are left to trafilatura's own parser."""


def parse_html(text: str) -> HtmlElement:
    """Parse decoded markup leniently, as deep as libxml2 allows; an XML prolog is dropped.

    A page nested deeper than libxml2 reads is refused rather than silently cut short.
    """
    parser = html.HTMLParser(huge_tree=True)
    try:
        root: HtmlElement = html.document_fromstring(
            _XML_PROLOG.sub("", text, count=1), parser=parser
        )
    except etree.ParserError:
        raise InputError("has no text to read") from None
    if any("Excessive depth" in entry.message for entry in parser.error_log):
        reason = f"is HTML nested more than {MAX_DEPTH:,} elements deep, too deep to read"
        raise InputError(reason, kind="too_deep")
    return root


def _deeper_than(root: HtmlElement, depth: int) -> bool:
    """Whether any element lies more than `depth` levels below the root (one XPath, in C)."""
    return bool(root.xpath("boolean(" + "/*" * (depth + 1) + ")"))


_META_NAMES = {
    "title": ("og:title", "twitter:title", "dc.title", "DC.title"),
    "author": ("author", "article:author", "dc.creator", "DC.creator", "parsely-author"),
    "published": (
        "article:published_time",
        "dc.date.issued",
        "DC.date.issued",
        "datePublished",
        "govuk:first-published-at",
        "dcterms.issued",
        "date",
        "pubdate",
    ),
    "site": ("og:site_name", "application-name"),
}


def meta_blocks(root: HtmlElement, shown: list[RawBlock]) -> Iterator[RawBlock]:
    """What the page's head declares (title, author, publication date, site), verbatim.

    A declared title the page already shows as a heading is not repeated.
    """
    headings = {" ".join(block.text.split()) for block in shown if block.kind == "heading"}
    for label, names in _META_NAMES.items():
        value = next(
            (
                str(found[0]).strip()
                for name in names
                for attr in ("property", "name", "itemprop")
                if (found := root.xpath(f'//meta[@{attr}="{name}"]/@content'))
                and str(found[0]).strip()
            ),
            None,
        )
        if value is None and label == "title":
            titles = root.xpath("//title/text()")
            value = str(titles[0]).strip() if titles else None
        if value and not (label == "title" and " ".join(value.split()) in headings):
            yield RawBlock("meta", value, label=label)


def is_report_page(root: HtmlElement) -> bool:
    """The inspectorate's report pages: '(Back to top)' headings or a title naming an inspection."""
    headings = [" ".join(h.itertext()) for h in root.iter("h1", "h2", "h3")]
    return any(BACK_TO_TOP.search(text) for text in headings) or any(
        REPORT_TITLE.match(text) for text in headings[:1]
    )


def read_article_html(text: str, root: HtmlElement) -> Iterator[RawBlock]:
    """An article's main text as trafilatura finds it, keeping headings, lists, tables, quotes.

    A page too deep for trafilatura's parser is handed over as the tree parsed here; one too
    deep for its recursion is walked like a report page instead.
    """
    import trafilatura  # slow to import, and only articles need it

    deep = _deeper_than(root, _SHALLOW_DEPTH)
    try:
        extracted = trafilatura.bare_extraction(
            deepcopy(root) if deep else text,
            include_tables=True,
            include_formatting=False,
            with_metadata=True,
        )
    except RecursionError:
        yield from read_report_html(root)
        return
    body = getattr(extracted, "body", None)
    blocks = list(_article_blocks(body)) if body is not None else []
    title = " ".join(str(getattr(extracted, "title", "") or "").split())
    if title and blocks and " ".join(blocks[0].text.split()) == title:
        blocks[0] = RawBlock("heading", blocks[0].text, level=1)
    elif title and not any(" ".join(b.text.split()) == title for b in blocks):
        blocks.insert(0, RawBlock("heading", title, level=1))
    yield from blocks
    yield from meta_blocks(root, blocks)


def _article_blocks(body: etree._Element) -> Iterator[RawBlock]:
    """Blocks from trafilatura's XML: head, p, list/item, table/row/cell, quote."""
    for element in body:
        tag = element.tag
        text = "".join(element.itertext())
        if tag == "head":
            rend = str(element.get("rend", "h2"))
            level = int(rend[1]) if rend[:1] == "h" and rend[1:].isdigit() else 2
            yield RawBlock("heading", text, level=level)
        elif tag == "list":
            for item in element.iter("item"):
                yield RawBlock("list_item", " ".join(item.itertext()))
        elif tag == "table":
            rows = tuple(
                tuple(" ".join(cell.itertext()) for cell in row.iter("cell"))
                for row in element.iter("row")
            )
            yield RawBlock("table", rows=rows)
        else:
            for line in text.split("\n"):
                yield RawBlock("paragraph", line)


def read_report_html(root: HtmlElement) -> Iterator[RawBlock]:
    """Blocks of the page's main content, with site chrome and banners left out."""
    title = [RawBlock("heading", " ".join(h.itertext())) for h in root.iter("h1")]
    head = list(meta_blocks(root, title))
    body = _main(root)
    for element in list(body.iter()):
        if not isinstance(element, HtmlElement) or element.getparent() is None:
            continue
        if element.tag in _DROP_TAGS or _NOISE_ATTR.search(
            f"{element.get('id', '')} {element.get('class', '')}"
        ):
            element.drop_tree()
    yield from _walk(body)
    yield from head


def _main(root: HtmlElement) -> HtmlElement:
    """The element holding the page's own content: <main>, then [role=main], <article>, <body>."""
    for path in ("//main", '//*[@role="main"]', "//article", '//*[@id="content"]', "//body"):
        found = root.xpath(path)
        if found:
            element: HtmlElement = found[0]
            return element
    return root


def _text(element: HtmlElement) -> str:
    """All text inside an element, each child spaced as `_piece` says."""
    return _joined(_inside(element))


def _joined(items: list[str | HtmlElement]) -> str:
    """Texts and elements as one string, expanded with a stack rather than recursion (any depth)."""
    pieces: list[str] = []
    todo = items[::-1]
    while todo:
        item = todo.pop()
        if isinstance(item, str):
            pieces.append(item)
        else:
            todo.extend(_piece(item)[::-1])
    return "".join(pieces)


def _inside(element: HtmlElement) -> list[str | HtmlElement]:
    """An element's own text, then each child followed by its tail."""
    items: list[str | HtmlElement] = [element.text or ""]
    for child in element:
        items += [child, child.tail or ""]
    return items


def _piece(child: object) -> list[str | HtmlElement]:
    """A child's part of the text: inline runs on, <br> and blocks spaced, comments none."""
    if not isinstance(child, HtmlElement):
        return []
    if child.tag == "br":
        return [" "]
    inner = _inside(child)
    return inner if child.tag in _INLINE else [" ", *inner, " "]


def _walk(root: HtmlElement) -> Iterator[RawBlock]:
    """Yield block elements depth-first, keeping runs of inline text as one paragraph.

    The containers being walked are kept on a stack, not in recursive calls, so a page nested
    as deep as libxml2 reads is walked whole.
    """
    stack: list[tuple[HtmlElement, Iterator[HtmlElement], list[str]]] = [
        (root, iter(root), [root.text or ""])
    ]
    while stack:
        element, children, run = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            yield from _loose(run)
            if stack:
                stack[-1][2][:] = [element.tail or ""]
            continue
        if not isinstance(child, HtmlElement) or child.tag in _INLINE:
            run += [_joined(_piece(child)), child.tail or ""]
            continue
        yield from _loose(run)
        run.clear()
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
            stack.append((child, iter(child), [child.text or ""]))
            continue
        run.append(child.tail or "")


def _loose(run: list[str]) -> Iterator[RawBlock]:
    """Text and inline elements between blocks, as one paragraph if there is any."""
    text = "".join(run)
    if text.strip():
        yield RawBlock("paragraph", text)


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
    """Each item of a list, its nested lists after it; items of a footnotes list are footnotes.

    Lists still to finish are kept on a stack, so nesting of any depth is read.
    """
    stack = [_items(element)]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        number, item, footnotes = entry
        if footnotes or _footnote_label(item) is not None:
            label = _footnote_label(item) or str(number)
            yield RawBlock("footnote", _text(item), label=label)
        else:
            nested = _nested_lists(item)
            yield RawBlock("list_item", _text(item))
            stack.extend(_items(child) for child in reversed(nested))


def _items(element: HtmlElement) -> Iterator[tuple[int, HtmlElement, bool]]:
    """A list's items, numbered, with whether the list is a footnotes list."""
    footnotes = "footnote" in element.get("class", "").lower()
    for number, item in enumerate(element.iterchildren("li"), start=1):
        yield number, item, footnotes


def _nested_lists(item: HtmlElement) -> list[HtmlElement]:
    """The lists nested in an item, taken out of it so that its own text stands alone."""
    nested = [
        child for child in item if isinstance(child, HtmlElement) and child.tag in ("ul", "ol")
    ]
    for child in nested:
        item.remove(child)
    return nested


def _list_item(item: HtmlElement) -> Iterator[RawBlock]:
    """A list item's own text, then any list nested in it."""
    nested = _nested_lists(item)
    yield RawBlock("list_item", _text(item))
    for child in nested:
        yield from _list(child)


def _table(element: HtmlElement) -> RawBlock:
    """A table as rows of cell texts, header rows included."""
    rows = tuple(
        tuple(_text(cell) for cell in row.iterchildren("th", "td")) for row in element.iter("tr")
    )
    return RawBlock("table", rows=rows)
