"""A story's fingerprint: a MinHash signature of the word shingles of an article's body.

Two articles that tell the same story in the same words (a wire story republished by
several outlets, one article under two URLs, a copy with a sentence changed) share most
of their runs of ``SHINGLE_WORDS`` words; the share of equal slots of their signatures
estimates the Jaccard similarity of those runs (Broder's MinHash). The signature
depends on the article's own body alone, so it is computed once at index time and can
never go stale when other articles come and go; which articles form one story is decided
per commit from the stored signatures (``search.index.stories``).

Hashing is deterministic (BLAKE2b of each word, multiply-shift per slot), never Python's
per-process ``hash``: a signature written by one run is compared with one written by
another.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np

from search.analysis.folding import strip_accents

# Words per shingle. Three-word runs still match across a rewritten sentence while common
# two-word phrases of Indonesian news (``kata dia``) stop making unrelated articles alike.
SHINGLE_WORDS = 3
# Slots of a signature: the standard error of the estimate is sqrt(J(1-J)/SLOTS), 0.06 at J=0.5.
SLOTS = 64
# Bodies with fewer words than this get no fingerprint: a short notice or a photo caption
# is alike across unrelated stories ("Simak video berikut ini").
MIN_WORDS = 40
# Bytes per stored signature: SLOTS unsigned 32-bit minima.
SIGNATURE_BYTES = SLOTS * 4

_WORD = re.compile(r"\w+")
# Fixed odd multipliers and offsets of the slots' hash functions (any seed would do; it must never change
# without bumping the pipeline version, or old and new signatures stop being comparable).
_SEEDED = np.random.default_rng(20261201)
_MULTIPLIERS = _SEEDED.integers(1, 2**63, size=SLOTS, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
_OFFSETS = _SEEDED.integers(0, 2**63, size=SLOTS, dtype=np.uint64)
_MIX = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F), np.uint64(0x165667B19E3779F9))


class _WordHashes(dict[str, int]):
    """A word's 64-bit hash (the first eight bytes of its BLAKE2b, little-endian), worked out
    on first sight: a body's words repeat, across the corpus most of them (CLICK-ID's 22k
    bodies have ~160k distinct words in ~8M), and hashing each occurrence was half of the
    fingerprint's 0.43 ms an article."""

    def __missing__(self, word: str) -> int:
        digest = hashlib.blake2b(word.encode("utf-8", "surrogatepass"), digest_size=8).digest()
        value = self[word] = int.from_bytes(digest, "little")
        return value


_word_hashes = _WordHashes()
# Words whose hash is remembered: a few tens of MB at most, then forgotten all at once.
_MAX_REMEMBERED_WORDS = 500_000


def story_words(body: str) -> list[str]:
    """The body's words as the fingerprint compares them: case and accents folded, punctuation dropped."""
    return _WORD.findall(strip_accents(body).casefold())


def shingle_hashes(words: list[str]) -> np.ndarray:
    """One 64-bit hash per run of ``SHINGLE_WORDS`` consecutive words, distinct, sorted."""
    if len(words) < SHINGLE_WORDS:
        return np.zeros(0, dtype=np.uint64)
    known = _word_hashes
    if len(known) > _MAX_REMEMBERED_WORDS:
        known.clear()
    word_hashes = np.fromiter((known[word] for word in words), dtype=np.uint64, count=len(words))
    runs = len(words) - SHINGLE_WORDS + 1
    combined = np.zeros(runs, dtype=np.uint64)
    for place in range(SHINGLE_WORDS):
        combined = (combined ^ word_hashes[place:place + runs]) * _MIX[place]  # wraps modulo 2**64
    return np.unique(combined)


def signature_of(hashes: np.ndarray) -> np.ndarray:
    """The MinHash signature of a set of shingle hashes: per slot, the least of its hash function's
    values (multiply-shift: the high 32 bits of ``a*x + b`` modulo 2**64)."""
    mixed = (hashes[:, None] * _MULTIPLIERS[None, :] + _OFFSETS[None, :]) >> np.uint64(32)
    return mixed.min(axis=0).astype(np.uint32)


def story_fingerprint(body: str) -> bytes | None:
    """The stored signature of ``body`` (``SIGNATURE_BYTES`` bytes), None for a body too short to tell
    a story apart."""
    words = story_words(body)
    if len(words) < MIN_WORDS:
        return None
    return signature_of(shingle_hashes(words)).astype("<u4").tobytes()


def signature_array(fingerprint: bytes) -> np.ndarray:
    """A stored fingerprint back into its ``SLOTS`` values."""
    return np.frombuffer(fingerprint, dtype="<u4")


def estimated_similarity(first: np.ndarray, second: np.ndarray) -> float:
    """The share of equal slots: the estimated Jaccard similarity of the two bodies' shingles."""
    return float(np.count_nonzero(first == second)) / SLOTS
