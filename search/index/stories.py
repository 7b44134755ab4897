"""Stories: which articles of one commit are copies of each other, worked out from the
fingerprints every article stored about itself.

Two articles are *alike* when their stored fingerprints (``search.analysis.fingerprint``)
agree in at least ``SAME_STORY_SLOTS`` of their slots and they are dated at most
``SAME_STORY_DAYS`` apart (or either is undated). A story is a connected group of alike
articles. Groups are a property of a whole commit (an article added, edited or deleted
by a later run changes the groups; a group id stored in an article would need its
group's other articles rewritten each time a bridge between two copies came or went),
so they are computed per commit from the stored fingerprints, and saved with that
commit's arrays (``search.index.arrays``) for a server to map.

Candidates come from bands of ``BAND_SLOTS`` slots: an article pair sharing no band agrees
in at most ``SLOTS - SLOTS / BAND_SLOTS`` slots, fewer than ``SAME_STORY_SLOTS``, so every
alike pair shares a band (the banding loses none) and only the candidates are compared.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import numpy as np
from whoosh.reading import IndexReader

from search.analysis.fingerprint import SLOTS
from search.index.schema import STORY_FINGERPRINT, UNDATED

log = logging.getLogger(__name__)

# Equal slots of 64 for two articles to be alike: an estimated Jaccard similarity of 0.6 of their
# three-word runs. On CLICK-ID, pairs from 0.5 to 0.6 were as often a follow-up or a template
# article of another day as a copy, and above 0.6 nearly always the same story (docs/stories.md).
SAME_STORY_SLOTS = 39
# Days apart two copies may be dated: syndication and republishing happen within a day; the daily
# template articles (a gold price, a weather warning) are alike across days and are not one story.
SAME_STORY_DAYS = 1
BAND_SLOTS = 2
# A band value shared by more articles than this yields no candidates (a bucket's pairs grow with
# the square of its size): the largest bucket of CLICK-ID holds 153 articles (a boilerplate run),
# so the limit only bounds the work a corpus of thousands of identical bodies could ask for.
_BUCKET_LIMIT = 2000
# A document in no story (no alike live article).
NO_STORY = -1

assert SLOTS - SLOTS // BAND_SLOTS < SAME_STORY_SLOTS, "the banding must find every alike pair"


def read_stories(reader: IndexReader, dates: np.ndarray, live: np.ndarray) -> np.ndarray:
    """Per document of ``reader`` the least document number of its story, ``NO_STORY`` for a
    document in none (``dates``: yyyymmdd per document, ``live``: not deleted)."""
    return story_groups(read_fingerprints(reader), day_numbers(dates), live)


def read_fingerprints(reader: IndexReader) -> np.ndarray:
    """Every document's signature as a row (all zero: the document has none), global document numbers."""
    rows = np.zeros((reader.doc_count_all(), SLOTS), dtype=np.uint32)
    for segment, offset in reader.leaf_readers():
        if not segment.has_column(STORY_FINGERPRINT):
            continue
        size = segment.doc_count_all()
        raw = b"".join(segment.column_reader(STORY_FINGERPRINT, translate=False))
        rows[offset:offset + size] = np.frombuffer(raw, dtype="<u4").reshape(size, SLOTS)
    return rows


def day_numbers(dates: np.ndarray) -> np.ndarray:
    """yyyymmdd numbers to days since 1970 (``UNDATED`` stays undated: -1)."""
    dated = dates != UNDATED
    safe = np.where(dated, dates, 19700101).astype(np.int64)
    days = (((safe // 10000) - 1970).astype("M8[Y]").astype("M8[M]") + (safe // 100 % 100 - 1).astype("m8[M]")
            ).astype("M8[D]") + (safe % 100 - 1).astype("m8[D]")
    return np.where(dated, days.astype(np.int64), -1)


def story_groups(rows: np.ndarray, days: np.ndarray, live: np.ndarray) -> np.ndarray:
    """The stories of the live documents whose signatures are ``rows`` (all zero: none) and
    whose days are ``days`` (-1: undated), as 32-bit document numbers (``read_stories``).

    Candidate pairs are compared as they are found and joined at once, and a pair whose two
    documents are already in one story is not compared: a story of many exact copies costs
    one comparison per copy and band instead of one per pair of copies, and memory stays a
    few arrays of the documents' size (CLICK-ID ×50, every article 50 times: the list of all
    candidate pairs outgrew 23 GB)."""
    least = np.arange(len(live), dtype=np.int64)
    for first, second in _candidate_pairs(rows, np.flatnonzero(live & rows.any(axis=1)), least):
        for start in range(0, len(first), _COMPARED_AT_ONCE):
            a, b = first[start:start + _COMPARED_AT_ONCE], second[start:start + _COMPARED_AT_ONCE]
            equal = (rows[a] == rows[b]).sum(axis=1)
            close = (days[a] < 0) | (days[b] < 0) | (np.abs(days[a] - days[b]) <= SAME_STORY_DAYS)
            alike = (equal >= SAME_STORY_SLOTS) & close
            _join(least, a[alike], b[alike])
    sizes = np.bincount(least, minlength=len(live))
    return np.where(sizes[least] > 1, least, NO_STORY).astype(np.int32)


# Candidate pairs compared in one numpy step: 65,536 pairs × 64 slots × 4 bytes × 2 rows ≈ 34 MB.
_COMPARED_AT_ONCE = 65_536


def _candidate_pairs(rows: np.ndarray, documents: np.ndarray, least: np.ndarray) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Batches of (first, second) document pairs sharing a band whose documents are not yet in
    one story by ``least`` (which the caller updates between batches).

    Per band, the documents sorted by band value put each bucket in one run; a document and
    the one ``gap`` places on are in one bucket exactly when their values are equal, so the
    pairs come from one vectorised comparison per gap, up to the largest bucket's size, over
    the documents whose bucket still has a member that far on."""
    for band in range(SLOTS // BAND_SLOTS):
        part = rows[documents, band * BAND_SLOTS:(band + 1) * BAND_SLOTS]
        keys = (part[:, 0].astype(np.uint64) << np.uint64(32)) | part[:, 1].astype(np.uint64)
        order = np.argsort(keys, kind="stable")
        keys, members = keys[order], documents[order]
        starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
        sizes = np.diff(np.concatenate((starts, [len(keys)])))
        if sizes.size and sizes.max() > _BUCKET_LIMIT:
            log.warning("stories: %d articles share one band value, not compared by it", int(sizes.max()))
        compared = (sizes > 1) & (sizes <= _BUCKET_LIMIT)
        members = members[np.repeat(compared, sizes)]
        sizes = sizes[compared]
        # per member: how many members of its bucket follow it
        following = np.repeat(np.cumsum(sizes), sizes) - 1 - np.arange(len(members))
        ahead = np.flatnonzero(following > 0)
        for gap in range(1, int(sizes.max(initial=1))):
            ahead = ahead[following[ahead] >= gap]
            first, second = members[ahead], members[ahead + gap]
            apart = least[first] != least[second]
            yield first[apart], second[apart]


def _join(least: np.ndarray, first: np.ndarray, second: np.ndarray) -> None:
    """Join the stories of each pair (``first[i]``, ``second[i]``) in ``least``, the least
    document of each document's story so far (kept exact: ``least[least] == least``).

    Each round hangs every story an unjoined pair touches, but its least, under the least
    story that pair meets, then points every document straight at its new least; a round
    leaves fewer stories than it found, and the rounds stop when every pair shares one."""
    while first.size:
        a, b = least[first], least[second]
        apart = a != b
        if not apart.any():
            return
        first, second, a, b = first[apart], second[apart], a[apart], b[apart]
        np.minimum.at(least, np.maximum(a, b), np.minimum(a, b))
        while True:
            pointed = least[least]
            if np.array_equal(pointed, least):
                break
            least[:] = pointed
