"""Stems remembered across processes: what indexing computed, queries need not recompute.

A dictionary stemmer takes a fraction of a millisecond per new word; an article page
or a page of snippets meets hundreds of words. Indexing has already stemmed every
word of the corpus, so the index keeps that table and every reader loads it.
"""

from __future__ import annotations

import itertools
import logging
from pathlib import Path

from search.analysis.stemmers import Stemmer

log = logging.getLogger(__name__)

# Beyond this many words (a hostile stream of made-up words) new stems are not kept.
MAX_REMEMBERED = 2_000_000
_SEPARATOR = "\t"


class RememberingStemmer:
    """A stemmer with an unbounded-until-capped memo that can be saved and preloaded."""

    def __init__(self, stemmer: Stemmer) -> None:
        self.name = stemmer.name
        self._stem = stemmer.stem
        self._known: dict[str, str] = {}

    def stem(self, word: str) -> str:
        found = self._known.get(word)
        if found is None:
            found = self._stem(word)
            if len(self._known) < MAX_REMEMBERED:
                self._known[word] = found
        return found

    def __len__(self) -> int:
        return len(self._known)

    def learned_since(self, size: int) -> list[tuple[str, str]]:
        """The words first stemmed since this memory held ``size`` of them, in the order they
        were met: an index worker sends them with its document, so the writer's table
        (:meth:`learn`) grows in the order one process stemming every document would grow it."""
        newest_first = itertools.islice(reversed(self._known.items()), len(self._known) - size)
        return list(newest_first)[::-1]

    def learn(self, stems: list[tuple[str, str]]) -> None:
        """Remember stems another process computed; a word already known keeps its place."""
        known = self._known
        for word, stem in stems:
            if word not in known and len(known) < MAX_REMEMBERED:
                known[word] = stem

    def save(self, path: Path) -> None:
        """Write the table of stems this process has computed (words that change only)."""
        with open(path, "w", encoding="utf-8") as out:
            for word, stem in self._known.items():
                if word != stem:
                    out.write(f"{word}{_SEPARATOR}{stem}\n")

    def load(self, path: Path) -> None:
        """Remember a saved table; a missing or damaged file only costs speed."""
        try:
            with open(path, encoding="utf-8") as table:
                for line in table:
                    word, _, stem = line.rstrip("\n").partition(_SEPARATOR)
                    if stem and len(self._known) < MAX_REMEMBERED:
                        self._known.setdefault(word, stem)
        except (OSError, UnicodeDecodeError) as error:
            log.warning("stem table %s not loaded: %s", path, error)
