"""Read a file: sniff its format from its bytes, hand it to its reader, return one Document."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from extractor import layout
from extractor.document import Document
from extractor.errors import ExtractorError
from extractor.options import Options
from extractor.readers.html import metadata, parse_html, read_report_html
from extractor.readers.pdf import PdfError, read_pdf
from extractor.readers.text import read_text
from models import Format, Source

_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_TAGS = re.compile(rb"<(p|div|h[1-6]|table|ul|li|span|a)\b[^>]*>", re.I)


def sniff(data: bytes) -> Format | None:
    """The format the bytes are in, judged from content; None when they are not a document."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if _HTML_START.match(head) or len(_HTML_TAGS.findall(head)) >= 5:
        return "html"
    if b"\x00" in head:
        return None
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13))
    return None if controls > len(head) // 20 else "text"


def decode(data: bytes) -> str:
    """Text from bytes: UTF-8 (with or without BOM) first, Windows-1252 for older copies."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def load(path: str | Path, options: Options | None = None) -> Document:
    """Read one file into the normalised document model, or raise ExtractorError saying why."""
    options = options or Options()
    path = Path(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise ExtractorError(path, "is a directory, not a file")
        if size > options.max_bytes:
            raise ExtractorError(
                path, f"is {size:,} bytes, over the limit of {options.max_bytes:,}"
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise ExtractorError(path, "no such file") from None
    except PermissionError:
        raise ExtractorError(path, "permission denied") from None
    except IsADirectoryError:
        raise ExtractorError(path, "is a directory, not a file") from None
    except OSError as error:
        raise ExtractorError(path, f"cannot be read ({error.strerror or error})") from None
    return load_bytes(data, str(path), options)


def load_bytes(data: bytes, name: str, options: Options | None = None) -> Document:
    """Read bytes already in memory; name is what errors and records call the input."""
    options = options or Options()
    if not data.strip():
        raise ExtractorError(name, "is empty")
    fmt = sniff(data)
    if fmt is None:
        raise ExtractorError(name, "is binary data, not a PDF, HTML or text document")
    source = Source(path=name, sha256=hashlib.sha256(data).hexdigest(), format=fmt, size=len(data))
    if fmt == "pdf":
        try:
            pages, blocks = read_pdf(data, tables=options.pdf_tables)
        except PdfError as error:
            raise ExtractorError(name, str(error)) from None
        return layout.build(blocks, source.model_copy(update={"pages": pages}))
    if fmt == "html":
        root = parse_html(data)
        return layout.build(read_report_html(root), source, metadata(root))
    return layout.build(read_text(decode(data)), source)
