"""The project installs and imports cleanly: console script, packaged data, no SyntaxWarning."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

from conftest import REPO, run_cli


def test_importing_whoosh_raises_no_syntax_warning(tmp_path):
    """Compile whoosh afresh (cached bytecode would hide warnings) with warnings as errors."""
    modules = ("whoosh.index", "whoosh.fields", "whoosh.query", "whoosh.qparser", "whoosh.highlight",
               "whoosh.sorting", "whoosh.searching", "whoosh.writing", "whoosh.analysis", "whoosh.scoring")
    environment = {**os.environ, "PYTHONPYCACHEPREFIX": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-W", "error::SyntaxWarning", "-W", "error::DeprecationWarning", "-c",
         "import " + ", ".join(modules)],
        capture_output=True, text=True, env=environment,
    )
    assert result.returncode == 0, result.stderr


def test_wheel_carries_templates_static_files_and_seeds(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(tmp_path), str(REPO)], check=True, capture_output=True)
    wheel = next(tmp_path.glob("telusur-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "web/templates/search.html" in names
    assert "web/static/style.css" in names
    assert sum(name.startswith("search/seeds/") and name.endswith(".txt") for name in names) == 5
    assert any(name.endswith("entry_points.txt") for name in names)
    assert any(name.startswith("search/entities/data/") for name in names)
    assert "search/ingest/data/publishers.tsv" in names
    modules = {path.relative_to(REPO).as_posix()
               for folder in ("search", "web") for path in (REPO / folder).rglob("*.py")}
    assert modules - names == set(), "every module of the checkout is in the wheel"


def test_python_dash_m_search_shows_help():
    result = run_cli("--help")
    assert result.returncode == 0
    for command in ("index", "search", "serve"):
        assert command in result.stdout


def test_the_whoosh_internals_read_are_those_of_the_pinned_release():
    from search.query.match.blocks import PINNED_WHOOSH

    assert f'"whoosh-reloaded=={PINNED_WHOOSH}"' in (REPO / "pyproject.toml").read_text(encoding="utf-8")
