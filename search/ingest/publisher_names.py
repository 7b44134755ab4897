"""One name per publisher, so the source facet, its filter and every hit agree.

Sources name an outlet in many forms: CLICK-ID writes ``Kompas.com`` beside
``okezone.com``, datelines write ``KOMPAS.com`` or ``REPUBLIKA.CO.ID``, and links give
``https://www.kompas.com/...``. Any form of a host in ``data/publishers.tsv`` becomes
the name readers know the outlet by; any other host is kept as its lower-case host
without ``www.``; a name that is no host (``Rossiyskaya Gazeta``) is kept as written,
unless it is the table's name in another case. Every name maps to itself, so a name
can be passed through again (a filter taken from a facet value) without changing.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

_TABLE = Path(__file__).with_name("data") / "publishers.tsv"
_HOST = re.compile(r"(?:https?://)?(?:www\.)?(?P<host>[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})(?::\d+)?(?:/\S*)?",
                   re.IGNORECASE)


@lru_cache(maxsize=1)
def _names() -> tuple[dict[str, str], dict[str, str]]:
    """Host → name, and case-folded name → name, from the table."""
    by_host = {}
    for line in _TABLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            host, name = line.split("\t")
            by_host[host.strip().lower()] = name.strip()
    return by_host, {name.casefold(): name for name in by_host.values()}


def publisher_name(source: str) -> str:
    """The one name of the publisher ``source`` names (see the module docstring)."""
    written = " ".join(source.split())
    by_host, by_name = _names()
    host = _HOST.fullmatch(written)
    if host is None:
        return by_name.get(written.casefold(), written)
    labels = host["host"].lower().split(".")
    for first in range(len(labels) - 1):
        name = by_host.get(".".join(labels[first:]))
        if name:
            return name
    return ".".join(labels)
