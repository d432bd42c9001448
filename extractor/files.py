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
from dataclasses import dataclass
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


@dataclass(frozen=True, slots=True)
class Target:
    """A file a command writes, what it is for (named in errors), and how it is written."""

    path: Path
    role: str
    renamed: bool = False
    """Written beside and renamed over the old file (a batch's JSONL): its folder must be
    writable, not the old file. Otherwise it is opened and written in place (a table)."""


def check_targets(targets: Iterable[Target], inputs: Iterable[Path] = ()) -> None:
    """Refuse outputs that could not be written or would destroy data, before any work."""
    seen: dict[tuple[int, int] | Path, str] = {}
    for target in targets:
        path, role = target.path, target.role
        _writable(path, target.renamed)
        key = _identity(path)
        if key in seen:
            raise ExtractorError(path, f"is given both {seen[key]} and {role}")
        seen[key] = role
    for path in inputs:
        key = _identity(path)
        if key in seen:
            raise ExtractorError(path, f"is an input and also {seen[key]}: it would be overwritten")


def _writable(path: Path, renamed: bool) -> None:
    """Refuse a target that exists but is no regular file, or that cannot be written as it is.

    A file written in place needs write permission on itself once it exists; one renamed over
    the old needs it on its folder. The folder of a file named by a link is that of the file the
    link points to.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise ExtractorError(path, f"cannot be written ({error.strerror or error})") from None
    if info is not None:
        refuse_special(path, info.st_mode)
        if not renamed:
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
