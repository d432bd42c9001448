"""Which paths are read and written: regular files only, outputs checked before any work.

Reading /dev/zero never ends and opening a FIFO blocks, so only regular files are read. A batch
or an export writes its JSONL and tables over whatever is at those paths, so each must be a
regular file or nothing yet, in a folder that can take it, and none may be an input (writing it
would destroy that input before it is read) or another output; this is checked before a long
batch starts, not found at its end. Light on imports: a batch's parent process uses it.
"""

from __future__ import annotations

import importlib.util
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from extractor.errors import ExtractorError

_KINDS = {
    stat.S_IFDIR: "a directory",
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}
PARQUET_EXTRA = "pip install 'inspection-extractor[parquet]'"
"""How to get pyarrow, which Parquet tables need and a plain install leaves out."""


def refuse_special(path: str | Path, mode: int) -> None:
    """Refuse what is not a regular file (a device, a FIFO, a folder), whatever its name."""
    if not stat.S_ISREG(mode):
        what = _KINDS.get(stat.S_IFMT(mode), "a special file")
        raise ExtractorError(path, f"is {what}, not a regular file", kind="not_a_file")


def table_paths(path: Path) -> tuple[Path, Path]:
    """Where the two tables go: OUT.csv and OUT.articles.csv (likewise for .parquet)."""
    return path, path.with_name(f"{path.stem}.articles{path.suffix}")


def check_parquet(path: Path) -> None:
    """Refuse a Parquet table before any work when pyarrow, which writes it, is not installed."""
    if importlib.util.find_spec("pyarrow") is None:
        raise ExtractorError(path, f"Parquet needs pyarrow: {PARQUET_EXTRA}")


def check_targets(targets: Iterable[tuple[Path, str]], inputs: Iterable[Path] = ()) -> None:
    """Refuse outputs (path, what it is for) that could not be written or would destroy data."""
    seen: dict[tuple[int, int] | Path, str] = {}
    for path, role in targets:
        _writable(path)
        key = _identity(path)
        if key in seen:
            raise ExtractorError(path, f"is given both {seen[key]} and {role}")
        seen[key] = role
    for path in inputs:
        key = _identity(path)
        if key in seen:
            raise ExtractorError(path, f"is an input and also {seen[key]}: it would be overwritten")


def _writable(path: Path) -> None:
    """Refuse a target that exists but is no regular file, or whose folder cannot take it.

    The folder of a new file named by a dangling link is that of the file the link points to.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise ExtractorError(path, f"cannot be written ({error.strerror or error})") from None
    if info is not None:
        refuse_special(path, info.st_mode)
        if not os.access(path, os.W_OK):
            raise ExtractorError(path, "cannot be written (permission denied)")
        return
    folder = (path.resolve() if path.is_symlink() else path).parent
    if not folder.is_dir():
        raise ExtractorError(path, f"cannot be written (no folder {folder})")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExtractorError(path, f"cannot be written (the folder {folder} is not writable)")


def _identity(path: Path) -> tuple[int, int] | Path:
    """The same for two names of one file: its device and inode, or its resolved path if new."""
    try:
        info = path.stat()
    except OSError:
        return path.resolve()
    return (info.st_dev, info.st_ino) if stat.S_ISREG(info.st_mode) else path.resolve()
