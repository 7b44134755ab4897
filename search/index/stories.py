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
    whose days are ``days`` (-1: undated), as 32-bit document numbers (``read_stories``)."""
    pairs = _candidate_pairs(rows, np.flatnonzero(live & rows.any(axis=1)))
    first, second = pairs[:, 0], pairs[:, 1]
    equal = (rows[first] == rows[second]).sum(axis=1)
    close = (days[first] < 0) | (days[second] < 0) | (np.abs(days[first] - days[second]) <= SAME_STORY_DAYS)
    return _components(len(live), pairs[(equal >= SAME_STORY_SLOTS) & close])


def _candidate_pairs(rows: np.ndarray, documents: np.ndarray) -> np.ndarray:
    """(first, second) document pairs sharing a band, first < second, without repeats.

    Per band, the documents sorted by band value put each bucket in one run; a document and
    the one ``gap`` places on are in one bucket exactly when their values are equal, so the
    pairs come from one vectorised comparison per gap, up to the largest bucket's size."""
    found = []
    for band in range(SLOTS // BAND_SLOTS):
        part = rows[documents, band * BAND_SLOTS:(band + 1) * BAND_SLOTS]
        keys = (part[:, 0].astype(np.uint64) << np.uint64(32)) | part[:, 1].astype(np.uint64)
        order = np.argsort(keys)
        keys, members = keys[order], documents[order]
        starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
        sizes = np.diff(np.concatenate((starts, [len(keys)])))
        if sizes.size and sizes.max() > _BUCKET_LIMIT:
            log.warning("stories: %d articles share one band value, not compared by it", int(sizes.max()))
        shared = np.repeat((sizes > 1) & (sizes <= _BUCKET_LIMIT), sizes)
        keys, members = keys[shared], members[shared]
        for gap in range(1, len(keys)):
            same = keys[gap:] == keys[:-gap]
            if not same.any():
                break
            found.append(np.stack((members[:-gap][same], members[gap:][same]), axis=1))
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    pairs = np.sort(np.concatenate(found), axis=1)
    span = np.int64(rows.shape[0])
    codes = np.unique(pairs[:, 0] * span + pairs[:, 1])
    return np.stack((codes // span, codes % span), axis=1)


def _components(doc_count: int, edges: np.ndarray) -> np.ndarray:
    """Per document the least document number of its connected group, ``NO_STORY`` for a document in none."""
    parent = list(range(doc_count))

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for first, second in edges.tolist():
        a, b = root(first), root(second)
        if a != b:
            parent[max(a, b)] = min(a, b)
    story = np.full(doc_count, NO_STORY, dtype=np.int32)
    linked = np.unique(edges)
    story[linked] = [root(node) for node in linked.tolist()]
    return story
