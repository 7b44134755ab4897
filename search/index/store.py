"""Where an index lives on disk, and how a rebuilt one replaces it atomically.

An index root holds generation directories (each a complete Whoosh index) and a
``CURRENT`` file naming the live one. Replacing ``CURRENT`` with ``os.replace`` is
atomic, so a reader sees the old index or the new one, never a half-built one, even
if the builder is killed midway. The previous generation is kept so searchers still
open on it can finish.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
import time
from array import array
from pathlib import Path
from typing import Any

import whoosh.index
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile
from whoosh.index import Index

from search.errors import TelusurError

METADATA_NAME = "telusur.json"
STEMS_NAME = "stems.tsv"
POINTER_NAME = "CURRENT"
PREVIOUS_NAME = "PREVIOUS"
GENERATION_PREFIX = "gen-"

log = logging.getLogger(__name__)


class IndexMissingError(TelusurError, FileNotFoundError):
    """There is no usable index at the given root."""


class IndexOutdatedError(IndexMissingError):
    """The index was written by a version of Telusur whose analysis this one cannot load."""


def current_generation(root: Path) -> Path | None:
    """The live generation directory, or None when the root holds no published index."""
    return _read_pointer(root / POINTER_NAME)


def _read_pointer(pointer: Path) -> Path | None:
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise IndexMissingError(f"cannot read index pointer {pointer}: {error}") from error
    if not name or "/" in name or not name.startswith(GENERATION_PREFIX):
        raise IndexMissingError(f"index pointer {pointer} is corrupt: {name!r}")
    return pointer.parent / name


def _write_pointer(pointer: Path, generation: Path) -> None:
    staging = pointer.with_name(f"{pointer.name}.{os.getpid()}.tmp")
    with open(staging, "w", encoding="utf-8") as handle:
        handle.write(generation.name)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(staging, pointer)


def open_index(root: Path) -> Index:
    """Open the live index for reading; a clear error when there is none."""
    generation = current_generation(root)
    if generation is None:
        raise IndexMissingError(f"no index at {root}: run `telusur index` first")
    return open_generation(generation)


def open_generation(generation: Path) -> Index:
    """Open one generation, its files read at offsets (:class:`ReadAtStorage`). Whoosh
    pickles the schema with the analyzer classes named by module path, so an index written
    before a module moved names one that is gone: that is reported as outdated (``telusur
    index`` then rebuilds it), never as a traceback."""
    try:
        return ReadAtStorage(str(generation)).open_index()
    except (OSError, whoosh.index.IndexError) as error:
        raise IndexMissingError(f"index at {generation} cannot be opened: {error}") from error
    except (ImportError, AttributeError) as error:
        raise IndexOutdatedError(f"index at {generation} was built by an older version of Telusur ({error}): "
                                 f"run `telusur index --rebuild` with its sources") from error


class ReadAtStorage(FileStorage):
    """A Whoosh file storage whose files are read at an offset (``os.pread``), never copied whole.

    Stock Whoosh maps a segment with ``mmap``, then hands each part of it out as a
    ``BufferFile``, which copies the part into a ``BytesIO``: postings, the term index and
    the stored fields were a private copy of nearly the whole index in every serving
    process (114 MB of 118 at 22k, 431 of 444 at 110k, ``bench/memory.py``). Reading a
    part at its offset copies only the bytes a search asks for; the kernel's page cache
    keeps the file once for every process, as it does for SQLite. (Mapping the file
    without the copy was the other way: every page a search touched then stayed in the
    process's resident memory, 96 MB of the 118 after the 250-request mix at 22k.)
    ``supports_mmap`` is off so that Whoosh's compound file asks this
    file for its parts (``subset``) instead of mapping the segment."""

    supports_mmap = False

    def open_file(self, name: str, **kwargs: Any) -> StructFile:
        descriptor = _Descriptor(self._fpath(name))
        return ReadAtFile(descriptor, 0, os.fstat(descriptor.number).st_size, name=name,
                          onclose=kwargs.get("onclose"))


class _Descriptor:
    """A file opened for reading, closed when the last part reading it is gone."""

    def __init__(self, path: str) -> None:
        self.number = os.open(path, os.O_RDONLY)

    def __del__(self) -> None:
        if hasattr(self, "number"):  # not when opening failed
            os.close(self.number)


class ReadAtFile(StructFile):
    """Whoosh's ``StructFile`` over ``length`` bytes of a file from ``start``, every read
    positional; its parts (``subset``) share the descriptor."""

    def __init__(self, descriptor: _Descriptor, start: int, length: int, name: str | None = None,
                 onclose: Any = None) -> None:
        self._descriptor = descriptor
        self._start = start
        self._length = length
        self._name = name
        self.file = _ReadAtReader(self)
        self.onclose = onclose
        self.is_real = False
        self.is_closed = False

    def subset(self, position: int, length: int, name: str | None = None) -> ReadAtFile:
        return ReadAtFile(self._descriptor, self._start + position, length, name=name or self._name)

    def get(self, position: int, length: int) -> bytes:
        length = max(0, min(length, self._length - position))
        return os.pread(self._descriptor.number, length, self._start + position) if length else b""

    def get_array(self, position: int, typecode: str, length: int) -> array:
        found = array(typecode)
        found.frombytes(self.get(position, length * found.itemsize))
        if sys.byteorder == "little":
            found.byteswap()
        return found


class _ReadAtReader:
    """The reading half of a binary file over a :class:`ReadAtFile`: what ``StructFile``
    and ``pickle.load`` call."""

    _LINE_CHUNK = 4096

    def __init__(self, part: ReadAtFile) -> None:
        self._part = part
        self._position = 0
        self.closed = False

    def read(self, size: int | None = -1) -> bytes:
        remaining = self._part._length - self._position
        wanted = remaining if size is None or size < 0 else min(size, remaining)
        found = self._part.get(self._position, wanted)
        self._position += len(found)
        return found

    def readline(self, size: int | None = -1) -> bytes:
        limit = self._part._length if size is None or size < 0 else min(self._position + size, self._part._length)
        end = self._position
        while end < limit:
            chunk = self._part.get(end, min(self._LINE_CHUNK, limit - end))
            found = chunk.find(b"\n")
            if found >= 0:
                end += found + 1
                break
            end += len(chunk)
        return self.read(end - self._position)

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        base = {os.SEEK_SET: 0, os.SEEK_CUR: self._position, os.SEEK_END: self._part._length}[whence]
        self._position = max(0, base + offset)
        return self._position

    def tell(self) -> int:
        return self._position

    def close(self) -> None:
        self.closed = True


def new_generation(root: Path) -> Path:
    """A fresh, empty directory to build a complete index in before publishing it."""
    root.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    path = root / f"{GENERATION_PREFIX}{stamp}-{os.getpid()}-{time.monotonic_ns() % 1_000_000:06d}"
    path.mkdir()
    return path


def write_metadata(generation: Path, metadata: dict[str, str]) -> None:
    """Record how a generation was built (e.g. its stemmer) so queries analyse text the same way."""
    (generation / METADATA_NAME).write_text(json.dumps(metadata, indent=2), encoding="utf-8")


def stems_path(generation: Path) -> Path:
    """The generation's table of the stems its indexing computed (see ``stem_memory``)."""
    return generation / STEMS_NAME


def read_metadata(generation: Path) -> dict[str, str]:
    try:
        return json.loads((generation / METADATA_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise IndexMissingError(f"index metadata {generation / METADATA_NAME} is unreadable: {error}") from error


def publish(root: Path, generation: Path) -> None:
    """Make ``generation`` the live index in one atomic step, then drop stale generations."""
    previous = current_generation(root)
    if previous is not None:
        _write_pointer(root / PREVIOUS_NAME, previous)
    _write_pointer(root / POINTER_NAME, generation)
    _fsync_dir(root)
    remove_stale_generations(root)


def remove_stale_generations(root: Path) -> list[Path]:
    """Delete generations that are neither current nor previous: old or killed builds.

    Callers hold the write lock, so no other builder is filling one of them; the
    previous generation stays because searchers may still have it open. Returns the
    generations removed.
    """
    keep = {path.name for path in (current_generation(root), _read_pointer(root / PREVIOUS_NAME)) if path}
    removed = []
    for path in sorted(root.glob(f"{GENERATION_PREFIX}*")):
        if path.name not in keep and path.is_dir():
            log.info("removing stale index generation %s", path)
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
