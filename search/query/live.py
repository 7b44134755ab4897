"""A long-lived view of the index that follows rebuilds and updates without a restart."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from whoosh.scoring import BM25F
from whoosh.searching import Searcher

from search.config import BM25_B, BM25_K1
from search.analysis.analyzer import shared_stemmer
from search.entities.lookup import named_entities
from search.query.compile import TEXT_FIELDS
from search.query.facets import FacetIndex
from search.query.scoring import ScoringIndex
from search.query.spelling import vocabulary
from search.index.store import IndexMissingError, current_generation, open_generation, read_metadata, stems_path


@dataclass(frozen=True)
class IndexView:
    """A searcher plus what is needed to analyse queries the way the index was built."""

    searcher: Searcher
    stemmer: str
    generation: Path
    facets: FacetIndex
    scoring: ScoringIndex


class LiveIndex:
    """Hands out a searcher for the newest published index, reopening only when it changed."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._lock = threading.Lock()
        self._view: IndexView | None = None

    def view(self) -> IndexView:
        """The current view; raises ``IndexMissingError`` when no index has been built."""
        with self._lock:
            generation = current_generation(self.root)
            if generation is None:
                raise IndexMissingError(f"no index at {self.root}: run `telusur index` first")
            view = self._view
            if view is None or view.generation != generation or not view.searcher.up_to_date():
                # A fresh searcher rather than refresh(): refresh closes the old one,
                # which another thread may still be reading.
                view = self._open(generation)
            self._view = view
            return view

    def _open(self, generation: Path) -> IndexView:
        """Open and warm up: facet arrays, the spelling vocabulary and the entity aliases are
        built here, once per index version, so no reader's query pays for them."""
        metadata = read_metadata(generation)
        searcher = open_generation(generation).searcher(weighting=BM25F(B=BM25_B, K1=BM25_K1))
        view = IndexView(searcher, metadata["stemmer"], generation, FacetIndex.build(searcher),
                         ScoringIndex(searcher, tuple(TEXT_FIELDS)))
        vocabulary(searcher.reader())
        named_entities([])
        shared_stemmer(view.stemmer).load(stems_path(generation))
        if searcher.doc_count_all():
            searcher.stored_fields(0)
        return view
