"""Arrays saved with a generation, and the index files read through memory maps.

A generation opens the same with saved arrays and without them (an index built before
they were saved, or changed outside ``telusur index``): the answers are identical, only
where the arrays come from differs. ``tests/test_index_states.py`` compares the saved
arrays with freshly computed ones after random runs of adds, edits and deletions.
"""

from __future__ import annotations

import json
import logging
import shutil

import numpy as np
import whoosh.index

from search.entities.saved_aliases import ALIASES_NAME
from search.index.arrays import ARRAYS_PREFIX, MANIFEST_NAME, compute_arrays, load_arrays
from search.index.builder import build_index
from search.index.store import ReadAtStorage, current_generation, open_generation
from search.query import search
from search.query.live import LiveIndex
from search.query.request import SearchRequest

REQUESTS = [SearchRequest(query=""), SearchRequest(query="banjir"), SearchRequest(query="presiden jokowi"),
            SearchRequest(query='"kerja sama"'), SearchRequest(query="pemerintah", sort="newest"),
            SearchRequest(query="", filters={"language": ("id",)}), SearchRequest(query="gemppa")]


def answers(root) -> list[dict]:
    """Every request's whole answer but its time."""
    view = LiveIndex(root).view()
    return [{key: value for key, value in search(view, request).as_json().items() if key != "took_ms"}
            for request in REQUESTS]


def test_build_saves_the_arrays_of_its_commit(tmp_path, seeds_copy):
    root = tmp_path / "index"
    build_index(root, [seeds_copy], stemmer="light")
    generation = current_generation(root)
    with open_generation(generation).reader() as reader:
        folders = sorted(generation.glob(f"{ARRAYS_PREFIX}*"))
        assert [folder.name for folder in folders] == [f"{ARRAYS_PREFIX}{reader.generation()}"]
        saved = load_arrays(generation, reader)
        assert saved is not None
        assert np.array_equal(saved.live, compute_arrays(reader).live)
        assert isinstance(saved.dates, np.memmap), "saved arrays are mapped, not read into memory"

    (seeds_copy / "tambahan.txt").write_text("Berita Tambahan\n\nBanjir kecil di pesisir selatan.", encoding="utf-8")
    build_index(root, [seeds_copy], stemmer="light")
    with open_generation(generation).reader() as reader:
        assert [folder.name for folder in generation.glob(f"{ARRAYS_PREFIX}*")] == [
            f"{ARRAYS_PREFIX}{reader.generation()}"], "an update saves its commit's arrays and drops the old ones"
        assert load_arrays(generation, reader).live.sum() == 6


def test_a_generation_without_saved_arrays_answers_the_same(tmp_path, seeds_copy, caplog):
    root = tmp_path / "index"
    build_index(root, [seeds_copy], stemmer="light")
    with_arrays = answers(root)
    for folder in current_generation(root).glob(f"{ARRAYS_PREFIX}*"):
        shutil.rmtree(folder)
    with caplog.at_level(logging.INFO, logger="search.index.arrays"):
        assert answers(root) == with_arrays
    assert "no saved arrays" in caplog.text

    report = build_index(root, [seeds_copy], stemmer="light")  # nothing changed: the arrays are saved all the same
    assert report.unchanged == 5 and report.added == report.updated == 0
    with open_generation(current_generation(root)).reader() as reader:
        assert load_arrays(current_generation(root), reader) is not None
    assert answers(root) == with_arrays


def test_arrays_saved_before_the_stories_answer_the_same(tmp_path, seeds_copy, caplog):
    first = sorted(seeds_copy.glob("*.txt"))[0]
    (seeds_copy / "salinan.txt").write_bytes(first.read_bytes())  # one story in two articles
    root = tmp_path / "index"
    build_index(root, [seeds_copy], stemmer="light")
    with_stories = answers(root)
    assert with_stories[0]["stories"] == with_stories[0]["total"] - 1
    generation = current_generation(root)
    (folder,) = generation.glob(f"{ARRAYS_PREFIX}*")
    saved = np.load(folder / "stories.npy")
    assert isinstance(LiveIndex(root).view().stories.story, np.memmap), "the saved stories are mapped"
    # The folder as the first format wrote it: no stories, no alias table.
    (folder / "stories.npy").unlink()
    (folder / ALIASES_NAME).unlink()
    manifest = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    (folder / MANIFEST_NAME).write_text(json.dumps({**manifest, "format": 1}), encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="search.index.arrays"):
        assert answers(root) == with_stories
    assert "saved without stories: computed them" in caplog.text
    with open_generation(generation).reader() as reader:
        assert np.array_equal(load_arrays(generation, reader).stories, saved)

    build_index(root, [seeds_copy], stemmer="light")  # nothing changed: saved again, in the current format
    (folder,) = generation.glob(f"{ARRAYS_PREFIX}*")
    assert np.array_equal(np.load(folder / "stories.npy"), saved) and (folder / ALIASES_NAME).is_file()
    assert answers(root) == with_stories


def test_arrays_of_another_commit_or_format_are_not_read(tmp_path, seeds_copy):
    root = tmp_path / "index"
    build_index(root, [seeds_copy], stemmer="light")
    generation = current_generation(root)
    whoosh.index.open_dir(str(generation)).optimize()  # a new Whoosh commit the builder did not see
    with open_generation(generation).reader() as reader:
        assert load_arrays(generation, reader) is None
    build_index(root, [seeds_copy], stemmer="light")  # the next run saves them again
    with open_generation(generation).reader() as reader:
        folder = generation / f"{ARRAYS_PREFIX}{reader.generation()}"
        assert load_arrays(generation, reader) is not None
        manifest = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
        (folder / MANIFEST_NAME).write_text(json.dumps({**manifest, "format": -1}), encoding="utf-8")
        assert load_arrays(generation, reader) is None


def test_files_read_at_offsets_read_what_whoosh_reads(tmp_path, seeds_copy):
    root = tmp_path / "index"
    build_index(root, [seeds_copy], stemmer="light")
    (seeds_copy / "tambahan.txt").write_text("Berita Tambahan\n\nBanjir kecil di pesisir selatan.", encoding="utf-8")
    build_index(root, [seeds_copy], stemmer="light")  # a second segment
    generation = current_generation(root)
    with open_generation(generation).searcher() as mapped, whoosh.index.open_dir(str(generation)).searcher() as stock:
        assert isinstance(mapped._ix.storage, ReadAtStorage)
        assert list(mapped.all_stored_fields()) == list(stock.all_stored_fields())
        for field in ("title", "body", "people", "source"):
            terms = [term for term, _ in stock.reader().iter_field(field)]
            assert terms and [term for term, _ in mapped.reader().iter_field(field)] == terms
            for term in terms:
                assert postings_of(mapped, field, term) == postings_of(stock, field, term)


def postings_of(searcher, field: str, term: bytes) -> list:
    matcher = searcher.reader().postings(field, term)
    if searcher.schema[field].format.supports("positions"):
        return list(matcher.items_as("positions"))
    return list(matcher.all_ids())
