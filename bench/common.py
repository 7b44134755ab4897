"""Shared helpers of the benchmark scripts: where the shared data lives, memory readings."""

from __future__ import annotations

import gzip
import resource
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CLICKID = SHARED / "corpus" / "clickid.jsonl.gz"


def require(path: Path, what: str) -> Path:
    """Exit with a clear message (status 2) when benchmark data is absent."""
    if not path.exists():
        sys.exit(f"{what} not found at {path}; pass its path explicitly")
    return path


def peak_rss_mb() -> float:
    """Peak resident memory of this process and its finished children, in MiB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def own_peak_rss_mb() -> float:
    """Peak resident memory of this process alone, in MiB: the kernel's high-water mark, which
    starts afresh at exec, where ``ru_maxrss`` keeps the larger size of the parent that forked."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return peak_rss_mb()


def head_of_corpus(corpus: Path, limit: int, out: Path) -> Path:
    """The first ``limit`` records of a JSONL(.gz) corpus as a plain JSONL file."""
    opener = gzip.open if corpus.suffix == ".gz" else open
    with opener(corpus, "rt", encoding="utf-8") as source, open(out, "w", encoding="utf-8") as target:
        for number, line in enumerate(source):
            if number >= limit:
                break
            target.write(line)
    return out
