"""A long-lived view of the index that follows rebuilds and updates without a restart."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from whoosh.scoring import BM25F
from whoosh.searching import Searcher

from search.analysis.analyzer import shared_stemmer
from search.config import TUNING
from search.entities.lookup import offer_saved_aliases
from search.index.arrays import arrays_for, saved_aliases_path
from search.index.schema import missing_fields
from search.index.store import (
    IndexMissingError,
    IndexOutdatedError,
    current_generation,
    open_generation,
    read_metadata,
    stems_path,
)
from search.query.expand.vocabulary import ArticleWords, NearestWords
from search.query.facets.counting import FacetIndex
from search.query.facets.stories import StoryGroups
from search.query.parse.compile import TEXT_FIELDS
from search.query.present.highlight import AnalysedTexts
from search.query.rank.bm25f import ScoringIndex

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IndexView:
    """A searcher plus everything built once per index version: what is needed to analyse
    queries the way the index was built, the facet arrays, the scorer's norms and postings,
    and the vocabulary. A rebuilt or updated index gets a new view, so nothing here outlives
    the index it describes (no module keeps a cache of an index of its own)."""

    searcher: Searcher
    stemmer: str
    generation: Path
    facets: FacetIndex
    scoring: ScoringIndex
    analysed: AnalysedTexts
    article_words: ArticleWords
    nearest_words: NearestWords
    stories: StoryGroups


class LiveIndex:
    """Hands out a searcher for the newest published index, reopening only when it changed.

    With ``background``, a changed index is opened in a thread while the previous view
    keeps answering: a server never makes a reader wait for facet arrays and vocabulary
    to be built. Without it (CLI, tests) the first call after a change opens it.
    """

    def __init__(self, root: Path, *, background: bool = False) -> None:
        self.root = root
        self.background = background
        self._lock = threading.Lock()
        self._reading = threading.Lock()
        self._view: IndexView | None = None
        self._opening: threading.Thread | None = None

    def view(self) -> IndexView:
        """The current view; raises ``IndexMissingError`` when no index has been built."""
        with self._lock:
            generation = current_generation(self.root)
            if generation is None:
                raise IndexMissingError(f"no index at {self.root}: run `telusur index` first")
            view = self._view
            if view is not None and view.generation == generation and view.searcher.up_to_date():
                return view
            if view is None or not self.background:
                # A fresh searcher rather than refresh(): refresh closes the old one,
                # which another thread may still be reading.
                self._view = self._open(generation)
                return self._view
            if self._opening is None:
                self._opening = threading.Thread(target=self._open_later, args=(generation,),
                                                 name="telusur-reopen", daemon=True)
                self._opening.start()
            return view

    @contextmanager
    def reading(self) -> Iterator[IndexView]:
        """The current view, for one thread at a time. Whoosh's segment readers seek and read
        file objects they share, so two threads searching one view read each other's bytes
        (``UnpicklingError`` in about one search in a thousand under ``bench/load_test.py``
        with threads); a server's threads take turns here, its processes search side by side."""
        with self._reading:
            yield self.view()

    def _open_later(self, generation: Path) -> None:
        try:
            fresh: IndexView | None = self._open(generation)
        except (IndexMissingError, OSError) as error:
            log.warning("index %s not opened yet, still serving the previous one: %s", generation, error)
            fresh = None
        with self._lock:
            if fresh is not None:
                self._view = fresh
            self._opening = None

    def _open(self, generation: Path) -> IndexView:
        """Open: the generation's saved arrays are mapped (or, for an index saved without them,
        computed: ``search.index.arrays``), facet columns, norms, the vocabulary, the stories
        and the analysis memories are built on them, once per index version, and the learnt
        stems are loaded, so no reader's query pays for them. The entity alias table is
        process-wide and read when a query first needs it, from the copy saved with the
        arrays when this code made it (milliseconds), else from the gazetteer."""
        metadata = read_metadata(generation)
        index = open_generation(generation)
        missing = missing_fields(index.schema)
        if missing:
            index.close()
            raise IndexOutdatedError(f"index at {generation} was built by an older version of Telusur "
                                     f"(missing fields: {', '.join(missing)}): run `telusur index` with its sources "
                                     f"to rebuild it")
        searcher = index.searcher(weighting=BM25F(B=TUNING.bm25_b, K1=TUNING.bm25_k1))
        reader = searcher.reader()
        arrays = arrays_for(generation, reader)
        scoring = ScoringIndex(searcher, tuple(TEXT_FIELDS), arrays.lengths)
        facets = FacetIndex.build(searcher, memory=scoring, arrays=arrays)
        view = IndexView(searcher, metadata["stemmer"], generation, facets, scoring,
                         AnalysedTexts(searcher.schema["body"].analyzer),
                         ArticleWords(reader, arrays.words, arrays.word_counts),
                         NearestWords(arrays.words, arrays.word_counts),
                         StoryGroups(arrays.stories))
        offer_saved_aliases(saved_aliases_path(generation, reader))
        shared_stemmer(view.stemmer).load(stems_path(generation))
        if searcher.doc_count_all():
            searcher.stored_fields(0)  # opens the stored-fields file, which the first hit would
        return view
