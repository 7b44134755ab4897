"""Stories: the articles of one index version that are copies of each other, and a search's
matches folded to one article per story.

Two articles are *alike* when their stored fingerprints (``search.analysis.fingerprint``)
agree in at least ``SAME_STORY_SLOTS`` of their slots and they are dated at most
``SAME_STORY_DAYS`` apart (or either is undated). A story is a connected group of alike
articles. Groups are worked out here, once per index version, from what every article
stored about itself: an article added, edited or deleted by a later run changes the
groups of the next version and no stored value goes stale (a group id written at index
time would need its group's other articles rewritten each time a bridge between two
copies came or went).

Candidates come from bands of ``BAND_SLOTS`` slots: an article pair sharing no band agrees
in at most ``SLOTS - SLOTS / BAND_SLOTS`` slots, fewer than ``SAME_STORY_SLOTS``, so every
alike pair shares a band (the banding loses none) and only the candidates are compared.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

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

assert SLOTS - SLOTS // BAND_SLOTS < SAME_STORY_SLOTS, "the banding must find every alike pair"


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
    """Per document the least document number of its connected group, -1 for a document in none."""
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
    story = np.full(doc_count, -1, dtype=np.int64)
    linked = np.unique(edges)
    story[linked] = [root(node) for node in linked.tolist()]
    return story


@dataclass(frozen=True)
class Folded:
    """A search's matches folded to stories: ``kept`` holds each story's first article in the
    search's order (and every article in no story); ``copies`` gives a kept article's other matches."""

    kept: np.ndarray
    stories: int
    story: np.ndarray
    # The matching articles that are in a story, by story then in the search's order.
    members: np.ndarray
    member_story: np.ndarray

    def copies(self, docnum: int) -> list[int]:
        """The other matching articles of ``docnum``'s story, in the search's order."""
        group = self.story[docnum]
        if group < 0:
            return []
        first, last = np.searchsorted(self.member_story, [group, group + 1])
        return [int(other) for other in self.members[first:last] if other != docnum]


class StoryGroups:
    """Which live documents of an index version are one story (``story[docnum]``: the least
    document number of its group, -1 when the article has no copy)."""

    def __init__(self, story: np.ndarray) -> None:
        self.story = story
        self.story.flags.writeable = False
        self.grouped = self.story >= 0

    @classmethod
    def build(cls, reader: IndexReader, dates: np.ndarray, live: np.ndarray) -> StoryGroups:
        """The stories of the live documents of ``reader`` (``dates``: yyyymmdd per document)."""
        started = time.perf_counter()
        groups = cls.of(read_fingerprints(reader), day_numbers(dates), live)
        log.info("stories: %d articles in %d groups, in %.2f s", int(groups.grouped.sum()),
                 len(np.unique(groups.story[groups.grouped])), time.perf_counter() - started)
        return groups

    @classmethod
    def of(cls, rows: np.ndarray, days: np.ndarray, live: np.ndarray) -> StoryGroups:
        """The stories of the live documents whose signatures are ``rows`` (all zero: none) and
        whose days are ``days`` (-1: undated)."""
        pairs = _candidate_pairs(rows, np.flatnonzero(live & rows.any(axis=1)))
        first, second = pairs[:, 0], pairs[:, 1]
        equal = (rows[first] == rows[second]).sum(axis=1)
        close = (days[first] < 0) | (days[second] < 0) | (np.abs(days[first] - days[second]) <= SAME_STORY_DAYS)
        return cls(_components(len(live), pairs[(equal >= SAME_STORY_SLOTS) & close]))

    def fold(self, matched: np.ndarray, rank: np.ndarray) -> Folded:
        """``matched`` with each story's best article kept: the highest ``rank``, ties by the
        lower document number (the order every listing of a search breaks ties in)."""
        members = np.flatnonzero(matched & self.grouped)
        group_of = self.story[members]
        order = np.lexsort((members, -rank[members], group_of))
        members, group_of = members[order], group_of[order]
        first = np.concatenate(([True], group_of[1:] != group_of[:-1]))[:len(members)]
        kept = matched.copy()
        kept[members[~first]] = False
        return Folded(kept, int(np.count_nonzero(kept)), self.story, members, group_of)
