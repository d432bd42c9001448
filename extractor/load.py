"""Read an input: sniff its format from its bytes, hand it to its reader, return one Document."""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from pathlib import Path
from typing import BinaryIO

from extractor import layout
from extractor.document import Document
from extractor.errors import ExtractorError, InputError
from extractor.files import refuse_special
from extractor.options import Options
from extractor.readers.text import read_text
from models import Format, Source

Input = str | os.PathLike[str] | bytes | BinaryIO
"""What `load` and `extract` read: a path, the bytes of a file, or a binary file object."""

_PDF_START = re.compile(rb"^\s*%PDF-")
_HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAGS = re.compile(r"<(?:p|div|h[1-6]|table|ul|li|span|a)\b[^>]*>", re.IGNORECASE)
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w-]+)", re.IGNORECASE)
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
"""Control characters that are not white space (NUL among them): dropped from text."""
_NOT_TEXT = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffd]")
"""Control characters and decoding's replacement mark: what binary data decodes to."""
_BINARY_SHARE = 0.05
"""Text with more than this share of `_NOT_TEXT` characters is binary data, wherever they are."""
_CHUNK = 1 << 20
_BLANK = re.compile(rb"\s*")
"""Nothing but white space: matched without copying the data, as strip() would."""


def is_pdf(data: bytes) -> bool:
    """A PDF header at the start, or within pdfium's first 1,024 bytes of a file ending like one."""
    return bool(_PDF_START.match(data)) or (b"%PDF-" in data[:1024] and b"%%EOF" in data[-2048:])


def decode(data: bytes, declared: str | None = None) -> str:
    """Text from bytes: a byte-order mark, then the declared charset, UTF-8, Windows-1252."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if (unmarked := _utf16_without_bom(data)) is not None:
        return data.decode(unmarked, errors="replace")
    if declared:
        try:
            return data.decode(declared, errors="replace")
        except LookupError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a byte-order mark: half the bytes nearly all NUL, the other half not."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[::2].count(0) * 2 / len(data), data[1::2].count(0) * 2 / len(data)
    if odd >= 0.9 > even * 9:
        return "utf-16-le"
    if even >= 0.9 > odd * 9:
        return "utf-16-be"
    return None


def sniff(text: str) -> Format | None:
    """The format of decoded text, judged from its content; None when it is binary data.

    Binary is judged over the whole text, by the share of control characters (NUL among them)
    and undecodable bytes; where a stray NUL sits does not matter.
    """
    if len(_NOT_TEXT.findall(text)) > len(text) * _BINARY_SHARE:
        return None
    head = text[:4096]
    if _HTML_START.match(head) or len(_HTML_TAGS.findall(head)) >= 5:
        return "html"
    return "text"


def load(source: Input, options: Options | None = None) -> Document:
    """Read one input into the normalised document model, or raise ExtractorError saying why."""
    options = options or Options()
    data, name = read_input(source, options.max_bytes)
    return load_bytes(data, name, options)


def read_input(source: Input, limit: int) -> tuple[bytes, str]:
    """The bytes of an input and the name errors and records call it, never more than `limit`."""
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        _refuse_oversized("<bytes>", len(data), limit)
        return data, "<bytes>"
    if isinstance(source, str | os.PathLike):
        return read_file(Path(source), limit), str(source)
    if callable(getattr(source, "read", None)):
        name = _stream_name(source)
        return _bounded_read(source, name, limit), name
    raise TypeError(f"cannot read a {type(source).__name__}: give a path, bytes or a binary file")


def read_file(path: Path, limit: int) -> bytes:
    """A regular file's bytes; anything else (a FIFO, a device, a folder) is refused unopened."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise ExtractorError(path, "is a directory, not a file", kind="not_a_file")
        refuse_special(path, info.st_mode)
        _refuse_oversized(path, info.st_size, limit)
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        with open(os.open(path, flags), "rb") as file:
            refuse_special(path, os.fstat(file.fileno()).st_mode)
            return _bounded_read(file, path, limit)
    except FileNotFoundError:
        reason = "is a broken symbolic link" if path.is_symlink() else "no such file"
        raise ExtractorError(path, reason, kind="not_found") from None
    except PermissionError:
        raise ExtractorError(path, "permission denied") from None
    except ValueError:
        raise ExtractorError(path, "is not a valid path (it holds a NUL character)") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise ExtractorError(path, "is a symbolic link loop") from None
        raise ExtractorError(path, f"cannot be read ({error.strerror or error})") from None


def _stream_name(stream: object) -> str:
    """What a file object calls itself (an open file's path), else '<stream>'."""
    name = getattr(stream, "name", None)
    if isinstance(name, bytes):
        name = os.fsdecode(name)
    return name if isinstance(name, str) and name else "<stream>"


def _bounded_read(stream: BinaryIO, name: str | Path, limit: int) -> bytes:
    """At most limit + 1 bytes, so a stream that never ends or a file that grows still stops."""
    chunks: list[bytes] = []
    size = 0
    try:
        while size <= limit:
            chunk = stream.read(min(_CHUNK, limit + 1 - size))
            if not chunk:
                break
            if not isinstance(chunk, bytes | bytearray):
                raise TypeError("the file object must be opened in binary mode ('rb')")
            chunks.append(bytes(chunk))
            size += len(chunk)
    except OSError as error:
        raise ExtractorError(name, f"cannot be read ({error.strerror or error})") from None
    if size > limit:
        raise ExtractorError(name, f"is over the limit of {limit:,} bytes", kind="too_large")
    return b"".join(chunks)


def _refuse_oversized(name: str | Path, size: int, limit: int) -> None:
    """Stop before an input larger than the limit exhausts memory in a batch."""
    if size > limit:
        raise ExtractorError(
            name, f"is {size:,} bytes, over the limit of {limit:,}", kind="too_large"
        )


def load_bytes(data: bytes, name: str, options: Options | None = None) -> Document:
    """Read bytes already in memory; name is what errors and records call the input."""
    options = options or Options()
    _refuse_oversized(name, len(data), options.max_bytes)
    if _BLANK.fullmatch(data):
        raise ExtractorError(name, "is empty")
    source = Source(path=name, sha256=hashlib.sha256(data).hexdigest(), size=len(data))
    try:
        document = _read(data, name, source, options)
    except InputError as error:
        raise ExtractorError(name, error.reason, kind=error.kind) from None
    except RecursionError:
        raise ExtractorError(name, "is nested too deeply to read", kind="too_deep") from None
    if not document.blocks:
        raise ExtractorError(name, "has no text to read")
    return document


def _read(data: bytes, name: str, source: Source, options: Options) -> Document:
    """The document of bytes in whichever format they turn out to be."""
    if is_pdf(data):
        from extractor.readers.pdf import read_pdf  # imported by the format that needs it

        pages, blocks = read_pdf(data, tables=options.pdf_tables)
        return layout.build(blocks, source.model_copy(update={"format": "pdf", "pages": pages}))
    if len(data) > options.max_text_bytes:
        limit = options.max_text_bytes
        reason = f"is {len(data):,} bytes, over the limit of {limit:,} for a text or HTML document"
        raise InputError(reason, kind="too_large")
    charset = _CHARSET.search(data[:4096])
    text = decode(data, charset.group(1).decode("ascii", "replace") if charset else None)
    fmt = sniff(text)
    if fmt is None:
        raise InputError("is binary data, not a PDF, HTML or text document", kind="binary")
    text = _CONTROLS.sub("", text)
    source = source.model_copy(update={"format": fmt})
    if fmt == "html":
        from extractor.readers.html import (
            is_report_page,
            parse_html,
            read_article_html,
            read_report_html,
        )

        root = parse_html(text)
        reader = read_report_html(root) if is_report_page(root) else read_article_html(text, root)
        return layout.build(reader, source)
    return layout.build(read_text(text), source)
