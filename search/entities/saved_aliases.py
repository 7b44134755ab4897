"""The alias table of query lookup saved as a file, so a new serving process reads it in
milliseconds instead of building the gazetteer it comes from.

The table stays derived: the shipped lists and the code that reads them are its one
source of truth. A saved copy names the code and data it was computed from (a digest of
the ``search`` package's modules and data files, the interpreter, its Unicode tables and
pycountry's release) and is read only by a process whose own digest is the same, i.e.
exactly when computing it afresh would give the same table. Anything else (no file, a
damaged one, another release or a list edited since) and the table is computed.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import unicodedata
from functools import cache
from pathlib import Path

import pycountry

log = logging.getLogger(__name__)

ALIASES_NAME = "aliases.json"
# The files whose bytes a table may depend on: every module of the package and its data lists.
_SOURCE_SUFFIXES = frozenset({".py", ".tsv", ".txt", ".json"})
_PACKAGE = Path(__file__).resolve().parents[1]

AliasTable = dict[str, tuple[str, str]]


@cache
def source_digest() -> str:
    """What a table computed by this process depends on, as one hex digest (a few ms: about
    1.6 MB of modules and lists are read once per process)."""
    digest = hashlib.sha256()
    for part in (sys.version, unicodedata.unidata_version, getattr(pycountry, "__version__", "")):
        digest.update(part.encode() + b"\0")
    for path in sorted(_source_files()):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _source_files() -> list[Path]:
    """The package's modules and lists (a walk that skips ``__pycache__``: a tenth of ``rglob``'s time)."""
    found = []
    for folder, subfolders, names in os.walk(_PACKAGE):
        subfolders[:] = [name for name in subfolders if name != "__pycache__"]
        found += [Path(folder, name) for name in names if Path(name).suffix in _SOURCE_SUFFIXES]
    return found


def write_aliases(path: Path, table: AliasTable) -> None:
    """Save ``table`` (folded alias → (facet, canonical value)) with this process's digest;
    the file appears whole or not at all."""
    staging = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    staging.write_text(json.dumps({"digest": source_digest(), "aliases": table}, ensure_ascii=False),
                       encoding="utf-8")
    os.replace(staging, path)


def read_aliases(path: Path) -> AliasTable | None:
    """The table saved at ``path`` when it was computed from this process's code and data, else None."""
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
        if saved["digest"] != source_digest():
            log.info("saved alias table %s was computed from other code or lists: computing it", path)
            return None
        return {alias: (facet, canonical) for alias, (facet, canonical) in saved["aliases"].items()}
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as error:
        log.warning("saved alias table %s not read (%r): computing it", path, error)
        return None
