"""Shared fixtures: real indexes built from the project's seeds in temporary directories."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# Fixtures of the web and browser tests (demo index, live server, Chromium), shared
# by every module so each is built once per session.
pytest_plugins = ["conftest_browser"]

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
SHARED = REPO.parent / "shared"


def run_cli(*args: str, env: dict[str, str] | None = None, check_json: bool = False,
            timeout: float = 300) -> subprocess.CompletedProcess:
    """Run ``python -m search`` as an operator would, in a clean environment."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith("TELUSUR_")}
    environment.update(env or {})
    result = subprocess.run([sys.executable, "-m", "search", *args], capture_output=True, text=True,
                            cwd=REPO, env=environment, timeout=timeout)
    if check_json:
        result.json = json.loads(result.stdout)
    return result


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory) -> Path:
    """An index of the five seeds, built once per test session through the real builder."""
    from search.index.builder import build_index

    root = tmp_path_factory.mktemp("seed-index")
    report = build_index(root, [SEEDS], stemmer="sastrawi")
    assert report.added == 5 and report.failed == 0, report.problems
    return root


@pytest.fixture
def seeds_copy(tmp_path) -> Path:
    """A private copy of the seeds that a test may edit, add to or delete from."""
    target = tmp_path / "seeds"
    target.mkdir()
    for path in SEEDS.glob("*.txt"):
        (target / path.name).write_bytes(path.read_bytes())
    return target
