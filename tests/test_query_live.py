"""A long-running reader follows incremental updates and atomic rebuilds without a restart."""

from __future__ import annotations

import time

from search.index.builder import build_index
from search.index.store import current_generation
from search.query.live import LiveIndex


def doc_count(live: LiveIndex) -> int:
    return live.view().searcher.doc_count()


def test_reader_sees_updates_and_rebuilds(tmp_path, seeds_copy):
    root = tmp_path / "index"
    build_index(root, [seeds_copy], stemmer="light")
    live = LiveIndex(root)
    assert doc_count(live) == 5
    old_view = live.view()

    (seeds_copy / "tambahan.txt").write_text("Berita Tambahan\n\nGempa kecil terasa di pesisir selatan.",
                                             encoding="utf-8")
    build_index(root, [seeds_copy], stemmer="light")
    assert doc_count(live) == 6
    assert old_view.searcher.doc_count() == 5, "a searcher in use keeps working on its snapshot"

    generation = current_generation(root)
    build_index(root, [seeds_copy], stemmer="light", rebuild=True)
    assert current_generation(root) != generation
    assert live.view().generation == current_generation(root)
    assert doc_count(live) == 6


def test_index_remembers_its_stemmer(tmp_path, seeds_copy):
    root = tmp_path / "index"
    build_index(root, [seeds_copy], stemmer="light")
    assert LiveIndex(root).view().stemmer == "light"


def test_background_reader_keeps_answering_while_the_new_index_opens(tmp_path, seeds_copy):
    root = tmp_path / "index"
    build_index(root, [seeds_copy], stemmer="light")
    live = LiveIndex(root, background=True)
    first = live.view()
    (seeds_copy / "tambahan.txt").write_text("Berita Tambahan\n\nGempa kecil terasa di pesisir selatan.",
                                             encoding="utf-8")
    build_index(root, [seeds_copy], stemmer="light", rebuild=True)
    assert live.view() is first, "the old view answers until the new one is ready"
    deadline = time.monotonic() + 30
    while live.view().generation != current_generation(root):
        assert time.monotonic() < deadline, "the rebuilt index was never opened"
        time.sleep(0.05)
    assert doc_count(live) == 6
