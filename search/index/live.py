"""A long-lived view of the index that follows rebuilds and updates without a restart."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from whoosh.searching import Searcher

from search.index.store import IndexMissingError, current_generation, open_generation, read_metadata


@dataclass(frozen=True)
class IndexView:
    """A searcher plus what is needed to analyse queries the way the index was built."""

    searcher: Searcher
    stemmer: str
    generation: Path


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
            if view is None or view.generation != generation:
                view = self._open(generation)
            elif not view.searcher.up_to_date():
                view = IndexView(view.searcher.refresh(), view.stemmer, generation)
            self._view = view
            return view

    def _open(self, generation: Path) -> IndexView:
        metadata = read_metadata(generation)
        return IndexView(open_generation(generation).searcher(), metadata["stemmer"], generation)
