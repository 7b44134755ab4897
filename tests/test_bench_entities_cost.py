"""``bench/entities_cost.py``: each build runs in its own interpreter, and the build without
entities really indexes none (its index workers are forked, so they see the replacement),
while everything else it indexes is the same as with them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import whoosh.index

from conftest import REPO, SEEDS
from search.facet_table import ENTITY_FACETS
from search.index.store import current_generation


def _one_build(mode: str, root: Path) -> float:
    result = subprocess.run([sys.executable, "-m", "bench.entities_cost", "--one-build", mode,
                             "--corpus", str(SEEDS), "--index", str(root)],
                            capture_output=True, text=True, cwd=REPO, timeout=300)
    assert result.returncode == 0, result.stderr
    return float(result.stdout)


def _terms(root: Path) -> dict[str, set[bytes]]:
    generation = current_generation(root)
    assert generation is not None
    ix = whoosh.index.open_dir(str(generation))
    with ix.reader() as reader:
        terms: dict[str, set[bytes]] = {}
        for field, term in reader.all_terms():
            terms.setdefault(field, set()).add(term)
    ix.close()
    return terms


def test_the_build_without_entities_indexes_none_and_the_rest_the_same(tmp_path) -> None:
    assert _one_build("with", tmp_path / "with") > 0
    assert _one_build("without", tmp_path / "without") > 0
    with_entities, without = _terms(tmp_path / "with"), _terms(tmp_path / "without")
    assert any(with_entities.get(facet) for facet in ENTITY_FACETS)
    assert not any(without.get(facet) for facet in ENTITY_FACETS)
    assert {field: terms for field, terms in with_entities.items() if field not in ENTITY_FACETS} == without
