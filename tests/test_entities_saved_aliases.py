"""The entity alias table saved with an index: read by a new process of the same code and
lists instead of building the gazetteer, never by another, and the answers are the same.

A fresh interpreter is the only place where "the gazetteer was not built" can be seen
(this test process built it while indexing), so the serving side runs in subprocesses.
"""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import sys

import pytest

from search.entities import saved_aliases
from search.entities.lookup import computed_alias_table
from search.entities.saved_aliases import ALIASES_NAME, read_aliases, source_digest, write_aliases
from search.index.arrays import saved_aliases_path
from search.index.builder import build_index
from search.index.store import current_generation, open_generation
from search.query import search
from search.query.live import LiveIndex
from search.query.request import SearchRequest

# Names the alias table resolves (a person by surname, an organization by another name, a
# country's everyday name) and words it does not, alone and together.
QUERIES = ["lavrov", "daesh", "washington kerja sama", "menteri luar negeri rusia", "banjir", "isis paris", ""]

_SERVE = """
import json, sys
from pathlib import Path
from search.entities.gazetteer import gazetteer
from search.entities.lookup import alias_table
from search.query import search
from search.query.live import LiveIndex
from search.query.request import SearchRequest
view = LiveIndex(Path(sys.argv[1])).view()
read_at_open = alias_table.cache_info().currsize
answers = [{key: value for key, value in search(view, SearchRequest(query=query)).as_json().items()
            if key != "took_ms"} for query in json.loads(sys.argv[2])]
print(json.dumps({"answers": answers, "table_read_at_open": read_at_open,
                  "gazetteer_built": gazetteer.cache_info().currsize > 0}))
"""


def answers_here(root) -> list[dict]:
    view = LiveIndex(root).view()
    return [{key: value for key, value in search(view, SearchRequest(query=query)).as_json().items()
             if key != "took_ms"} for query in QUERIES]


def serve_in_new_process(root) -> dict:
    done = subprocess.run([sys.executable, "-c", _SERVE, str(root), json.dumps(QUERIES)], capture_output=True,
                          text=True, check=True, env={"PATH": "", "PYTHONPATH": ":".join(sys.path)})
    return json.loads(done.stdout)


@pytest.fixture
def seeds_index(tmp_path, seeds_copy):
    root = tmp_path / "index"
    build_index(root, [seeds_copy], stemmer="light")
    return root


def test_a_new_process_answers_from_the_saved_table_without_the_gazetteer(seeds_index):
    generation = current_generation(seeds_index)
    with open_generation(generation).reader() as reader:
        saved = saved_aliases_path(generation, reader)
    assert read_aliases(saved) == computed_alias_table()
    expected = answers_here(seeds_index)
    assert any(answer["total"] for answer in expected)

    served = serve_in_new_process(seeds_index)
    assert served["answers"] == expected
    assert served["table_read_at_open"] == 0, "the table is read when a query first needs it"
    assert not served["gazetteer_built"]

    saved.unlink()  # an index saved without the table: computed from the gazetteer, same answers
    served = serve_in_new_process(seeds_index)
    assert served["answers"] == expected
    assert served["gazetteer_built"]


def test_a_saved_table_is_read_only_by_the_code_and_lists_it_came_from(tmp_path, caplog):
    table = computed_alias_table()
    path = tmp_path / ALIASES_NAME
    write_aliases(path, table)
    assert read_aliases(path) == table
    assert list(read_aliases(path) or {}) == list(table), "the order of the table is kept"

    saved = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**saved, "digest": "0" * 64}), encoding="utf-8")
    assert read_aliases(path) is None
    with caplog.at_level(logging.WARNING, logger="search.entities.saved_aliases"):
        path.write_text('{"digest": "' + source_digest() + '", "aliases": {"a": ', encoding="utf-8")
        assert read_aliases(path) is None
        path.write_text(json.dumps({"digest": source_digest(), "aliases": {"kpk": "organizations"}}), encoding="utf-8")
        assert read_aliases(path) is None
    assert caplog.text.count("not read") == 2
    assert read_aliases(tmp_path / "missing.json") is None


def test_the_digest_follows_every_list_and_module(tmp_path, monkeypatch):
    package = tmp_path / "search"
    shutil.copytree(saved_aliases._PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(saved_aliases, "_PACKAGE", package)
    digest = source_digest.__wrapped__()
    assert digest == source_digest(), "a copy of the same files has the same digest"
    people = package / "entities" / "data" / "people_world.tsv"
    people.write_text(people.read_text(encoding="utf-8") + "Nama Baru\tBaru\n", encoding="utf-8")
    edited_list = source_digest.__wrapped__()
    assert edited_list != digest
    rules = package / "entities" / "people.py"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert source_digest.__wrapped__() not in (digest, edited_list)
