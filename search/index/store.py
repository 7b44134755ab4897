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
import time
from pathlib import Path

import whoosh.index
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
    """Open one generation. Whoosh pickles the schema with the analyzer classes named by
    module path, so an index written before a module moved names one that is gone: that
    is reported as outdated (``telusur index`` then rebuilds it), never as a traceback."""
    try:
        return whoosh.index.open_dir(str(generation))
    except (OSError, whoosh.index.IndexError) as error:
        raise IndexMissingError(f"index at {generation} cannot be opened: {error}") from error
    except (ImportError, AttributeError) as error:
        raise IndexOutdatedError(f"index at {generation} was built by an older version of Telusur ({error}): "
                                 f"run `telusur index --rebuild` with its sources") from error


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
