"""Which files an index run reads: the paths given, walked, and what is never read.

Only regular files are read. A named pipe, socket or device in a source folder is
reported and skipped (reading a FIFO would block the run, holding the write lock,
forever). Symbolic links are not followed out of the paths given unless the operator
asks (``--follow-links``): a link to a file inside them is the same article as its
target, which is read in its own right; a link out of them is reported, and so is a
link to a directory. File names that are not valid UTF-8 are read all the same and
named with their odd bytes escaped (``\\xff``), so the name can be stored and printed.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from search.errors import TelusurError
from search.ingest.errors import SourceError
from search.ingest.model import IngestProblem

log = logging.getLogger(__name__)

TEXT_SUFFIX = ".txt"
JSONL_SUFFIX = ".jsonl"
GZIP_JSONL_SUFFIX = ".jsonl.gz"
SUPPORTED_SUFFIXES = (TEXT_SUFFIX, JSONL_SUFFIX, GZIP_JSONL_SUFFIX)
FOLLOW_LINKS_HINT = "use --follow-links to index it"

_KINDS = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a directory"))


@dataclass(frozen=True)
class SourceFile:
    """A file to read: ``path`` to open it, ``origin`` to name it in the index and in reports."""

    path: Path
    origin: str


def display_path(path: Path | str) -> str:
    """The path as text that can be stored and printed: bytes that are not UTF-8 as ``\\xNN``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def is_supported(name: str) -> bool:
    return name.lower().endswith(SUPPORTED_SUFFIXES)


def is_text_file(path: Path) -> bool:
    return path.name.lower().endswith(TEXT_SUFFIX)


def is_gzip(path: Path) -> bool:
    return path.name.lower().endswith(GZIP_JSONL_SUFFIX)


class NotRegularFileError(TelusurError, OSError):
    """The path is something other than a regular file; it is never read."""


def file_kind(mode: int) -> str:
    """What a non-regular file is, in words."""
    return next((kind for test, kind in _KINDS if test(mode)), "not a regular file")


def open_regular(path: Path) -> BinaryIO:
    """Open for reading without ever blocking: a FIFO swapped in after the walk is refused,
    not waited on."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFileError(f"{file_kind(mode)}, not a regular file")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def find_sources(paths: Sequence[Path], *, follow_links: bool = False) -> tuple[list[SourceFile], list[IngestProblem]]:
    """The files to read under ``paths``, in a stable order, and the ones refused with why.

    Raises :class:`SourceError`, before anything is read, for a named path that is
    missing or a named file of an unsupported type.
    """
    roots = [Path(os.path.realpath(path)) for path in paths]
    files: list[SourceFile] = []
    problems: list[IngestProblem] = []
    for path in paths:
        if not os.path.lexists(path):
            raise SourceError(f"{display_path(path)}: no such file or directory")
        if path.is_dir():
            found = _walk(path, roots, follow_links, problems)
            if not found:
                log.warning("no %s files under %s", "/".join(SUPPORTED_SUFFIXES), display_path(path))
            files.extend(found)
        elif not is_supported(path.name):
            raise SourceError(f"{display_path(path)}: unsupported file type (expected {', '.join(SUPPORTED_SUFFIXES)})")
        else:
            _add_file(path, roots, follow_links, files, problems, named=True)
    return files, problems


def _walk(top: Path, roots: list[Path], follow_links: bool, problems: list[IngestProblem]) -> list[SourceFile]:
    found: list[SourceFile] = []
    visited: set[str] = set()
    for directory, subdirectories, names in os.walk(top, followlinks=follow_links, onerror=_warn_unwalkable):
        real = os.path.realpath(directory)
        if real in visited:
            subdirectories[:] = []
            continue
        visited.add(real)
        for name in list(subdirectories):
            linked = Path(directory) / name
            if linked.is_symlink() and not follow_links:
                problems.append(IngestProblem(display_path(linked), None,
                                              f"link to the directory {display_path(os.path.realpath(linked))}, "
                                              "not followed (use --follow-links to index what it holds)"))
        for name in names:
            if is_supported(name):
                _add_file(Path(directory) / name, roots, follow_links, found, problems, named=False)
    return sorted(found, key=lambda source: source.path.relative_to(top).parts)


def _add_file(path: Path, roots: list[Path], follow_links: bool, files: list[SourceFile],
              problems: list[IngestProblem], *, named: bool) -> None:
    """Decide one file: read it, skip it as its link target's twin, or refuse it with a reason."""
    origin = display_path(path)
    if path.is_symlink() and not named:
        target = Path(os.path.realpath(path))
        if not target.exists():
            problems.append(IngestProblem(origin, None, f"broken link to {display_path(target)}"))
            return
        if _inside(target, roots):
            if is_supported(target.name):
                log.info("%s links to %s, which is read in its own place", origin, display_path(target))
                return
        elif not follow_links:
            problems.append(IngestProblem(origin, None, f"link to {display_path(target)}, outside the paths "
                                                        f"given; not indexed ({FOLLOW_LINKS_HINT})"))
            return
    try:
        mode = path.stat().st_mode
    except OSError as error:
        problems.append(IngestProblem(origin, None, f"cannot read: {error.strerror or error}"))
        return
    if not stat.S_ISREG(mode):
        problems.append(IngestProblem(origin, None, f"{file_kind(mode)}, not a regular file; not read"))
        return
    files.append(SourceFile(path, origin))


def _inside(target: Path, roots: list[Path]) -> bool:
    return any(target == root or root in target.parents for root in roots)


def _warn_unwalkable(error: OSError) -> None:
    log.warning("cannot list %s: %s", display_path(error.filename or "?"), error.strerror or error)
