"""``bench/peers.py`` on the seeds' index: every engine answers the mix, the peers agree with
Telusur where no text analysis is involved, and tantivy is skipped with its reason when absent."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO

INSTALL_HINT = "pip install 'telusur[bench]'"


def _peers(index: Path, workdir: Path, *args: str, pythonpath: str = str(REPO)) -> dict:
    environment = {**os.environ, "PYTHONPATH": pythonpath}
    result = subprocess.run([sys.executable, "-m", "bench.peers", "--index", str(index), "--workdir", str(workdir),
                             "--queries", "10", "--json", *args],
                            capture_output=True, text=True, cwd=REPO, env=environment, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_every_engine_answers_and_agrees_with_telusur_on_queries_without_words(seed_index, tmp_path) -> None:
    numbers = _peers(seed_index, tmp_path / "peers")
    engines = numbers["engines"]
    expected = {"telusur", "fts5", "whoosh"}
    if importlib.util.find_spec("tantivy") is not None:
        expected.add("tantivy")
    else:
        assert INSTALL_HINT in numbers["skipped"]["tantivy"]
    assert set(engines) == expected
    for name, entry in engines.items():
        assert entry["queries"] == 10 and entry["ms"]["p50"] > 0, name
        assert entry["serving_rss"]["rss_mb"] >= numbers["rss_floor"]["rss_mb"] > 0, name
        if name == "telusur":
            continue
        assert entry["build_docs_per_second"] > 0
        # An empty query is the filters alone: the same documents and counts, whatever the analysis.
        empty = entry["by_kind"]["empty"]["correctness"]
        assert empty["queries"] == 2
        assert (empty["totals_differ"], empty["facet_lists_differ"]) == (0, 0), name


def test_tantivy_absent_is_skipped_with_how_to_install_it(seed_index, tmp_path) -> None:
    """A package named tantivy that fails to import stands for one that is not installed."""
    blocked = tmp_path / "blocked"
    (blocked / "tantivy").mkdir(parents=True)
    (blocked / "tantivy" / "__init__.py").write_text("raise ImportError('no tantivy here')\n")
    numbers = _peers(seed_index, tmp_path / "peers", "--engines", "telusur,tantivy", "--no-rss",
                     pythonpath=f"{blocked}{os.pathsep}{REPO}")
    assert set(numbers["engines"]) == {"telusur"}
    assert INSTALL_HINT in numbers["skipped"]["tantivy"]
