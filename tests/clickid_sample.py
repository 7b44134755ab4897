"""Every n-th record of the shared CLICK-ID corpus, for tests that check a rule on real articles;
the calling test is skipped, saying why, when the corpus is absent."""

from __future__ import annotations

import gzip
import itertools
import json
from typing import Any

import pytest

from bench.common import CLICKID


def clickid_records(start: int, stop: int, step: int) -> list[dict[str, Any]]:
    """The records at lines ``start``, ``start + step``, ... before ``stop`` (counted from 0)."""
    if not CLICKID.exists():
        pytest.skip(f"CLICK-ID corpus not found at {CLICKID}")
    with gzip.open(CLICKID, "rt", encoding="utf-8") as corpus:
        return [json.loads(line) for line in itertools.islice(corpus, start, stop, step)]
