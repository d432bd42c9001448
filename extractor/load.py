"""Read a file: sniff its format from its bytes, hand it to its reader, return one Document."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from extractor import layout
from extractor.document import Document
from extractor.errors import ExtractorError
from extractor.options import Options
from extractor.readers.html import is_report_page, parse_html, read_article_html, read_report_html
from extractor.readers.pdf import PdfError, read_pdf
from extractor.readers.text import read_text
from models import Format, Source

_PDF_START = re.compile(rb"^\s*%PDF-")
_HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAGS = re.compile(r"<(?:p|div|h[1-6]|table|ul|li|span|a)\b[^>]*>", re.IGNORECASE)
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w-]+)", re.IGNORECASE)
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def is_pdf(data: bytes) -> bool:
    """A PDF header at the start, or within pdfium's first 1,024 bytes of a file ending like one."""
    return bool(_PDF_START.match(data)) or (b"%PDF-" in data[:1024] and b"%%EOF" in data[-2048:])


def decode(data: bytes, declared: str | None = None) -> str:
    """Text from bytes: a byte-order mark, then the declared charset, UTF-8, Windows-1252."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if declared:
        try:
            return data.decode(declared, errors="replace")
        except LookupError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def sniff(text: str) -> Format | None:
    """The format of decoded text, judged from its content; None when it is not a document."""
    head = text[:4096]
    if _HTML_START.match(head) or len(_HTML_TAGS.findall(head)) >= 5:
        return "html"
    controls = sum(1 for char in head if ord(char) < 32 and char not in "\t\n\f\r")
    return None if "\x00" in head or controls > len(head) // 20 else "text"


def load(path: str | Path, options: Options | None = None) -> Document:
    """Read one file into the normalised document model, or raise ExtractorError saying why."""
    options = options or Options()
    path = Path(path)
    try:
        if path.is_dir():
            raise ExtractorError(path, "is a directory, not a file")
        _refuse_oversized(path, path.stat().st_size, options)
        data = path.read_bytes()
    except FileNotFoundError:
        raise ExtractorError(path, "no such file") from None
    except PermissionError:
        raise ExtractorError(path, "permission denied") from None
    except OSError as error:
        raise ExtractorError(path, f"cannot be read ({error.strerror or error})") from None
    return load_bytes(data, str(path), options)


def _refuse_oversized(name: str | Path, size: int, options: Options) -> None:
    """Stop before an input larger than the limit exhausts memory in a batch."""
    if size > options.max_bytes:
        raise ExtractorError(name, f"is {size:,} bytes, over the limit of {options.max_bytes:,}")


def load_bytes(data: bytes, name: str, options: Options | None = None) -> Document:
    """Read bytes already in memory; name is what errors and records call the input."""
    options = options or Options()
    _refuse_oversized(name, len(data), options)
    if not data.strip():
        raise ExtractorError(name, "is empty")
    source = Source(path=name, sha256=hashlib.sha256(data).hexdigest(), size=len(data))
    if is_pdf(data):
        try:
            pages, blocks = read_pdf(data, tables=options.pdf_tables)
        except PdfError as error:
            raise ExtractorError(name, str(error)) from None
        document = layout.build(blocks, source.model_copy(update={"format": "pdf", "pages": pages}))
    else:
        charset = _CHARSET.search(data[:4096])
        text = decode(data, charset.group(1).decode("ascii") if charset else None)
        fmt = sniff(text)
        if fmt is None:
            raise ExtractorError(name, "is binary data, not a PDF, HTML or text document")
        source = source.model_copy(update={"format": fmt})
        if fmt == "html":
            root = parse_html(text)
            reader = (
                read_report_html(root) if is_report_page(root) else read_article_html(text, root)
            )
            document = layout.build(reader, source)
        else:
            document = layout.build(read_text(text), source)
    if not document.blocks:
        raise ExtractorError(name, "has no text to read")
    return document
