"""The folders' import rules (docs/architecture.md), checked on the source so a breach fails here.

Each package of the pipeline may import only the packages before it; ``search/`` never
imports ``web/``; nothing under a query stage imports the engine that puts the stages
together; ``web/`` and the CLI reach the query package through its public surface.
"""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# search/ modules at the top of the package that every package may use.
_SHARED = {"search.config", "search.errors", "search.facet_table", "search.resources"}
ALLOWED = {
    "search.analysis": {"search.analysis"},
    "search.ingest": {"search.ingest", "search.analysis"},
    "search.entities": {"search.entities", "search.analysis", "search.ingest"},
    "search.index": {"search.index", "search.analysis", "search.ingest", "search.entities"},
    "search.query": {"search.query", "search.index", "search.analysis", "search.ingest", "search.entities"},
}


def _modules(folder: str) -> list[tuple[str, Path]]:
    return [(".".join(path.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__"), path)
            for path in sorted((REPO / folder).rglob("*.py"))]


def imported(path: Path) -> set[str]:
    """Every module ``path`` imports by absolute name, at any depth of the file."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def _within(name: str, packages: set[str]) -> bool:
    return any(name == package or name.startswith(package + ".") for package in packages)


def test_search_never_imports_web():
    assert [(module, name) for module, path in _modules("search") for name in imported(path)
            if _within(name, {"web"})] == []


def test_each_package_imports_only_those_before_it():
    breaches = []
    for module, path in _modules("search"):
        package = next((package for package in ALLOWED if _within(module, {package})), None)
        if package is None:
            continue
        breaches += [(module, name) for name in imported(path)
                     if _within(name, {"search", "web"}) and not _within(name, ALLOWED[package] | _SHARED)]
    assert breaches == []


def test_only_blocks_reads_whoosh_codec_internals():
    readers = {module for module, path in _modules("search") + _modules("web")
               if any(_within(name, {"whoosh.codec"}) for name in imported(path))}
    assert readers == {"search.query.match.blocks"}


# Query stages, and the stages (or query modules) each may import; see search/query/__init__.py.
_STAGES = {
    "match": set(),
    "parse": {"match"},
    "rank": {"match", "parse", "request"},
    "facets": {"match", "parse", "request"},
    "expand": {"match", "parse", "rank", "facets", "request", "live"},
    "present": {"match", "parse", "rank", "facets", "expand", "request", "live"},
    "suggest": {"match", "parse", "rank", "facets", "expand", "present", "request", "live"},
}


def test_query_stages_import_only_the_stages_before_them():
    breaches = []
    for module, path in _modules("search/query"):
        parts = module.split(".")
        if len(parts) < 4 or parts[2] not in _STAGES:
            continue
        allowed = {f"search.query.{name}" for name in _STAGES[parts[2]] | {parts[2]}}
        breaches += [(module, name) for name in imported(path)
                     if _within(name, {"search.query"}) and not _within(name, allowed)]
    assert breaches == []


def test_web_and_the_cli_use_the_query_package_through_its_surface():
    users = _modules("web") + [("search.cli", REPO / "search" / "cli.py")]
    assert [(module, name) for module, path in users for name in imported(path)
            if _within(name, {"search.query"}) and name != "search.query"] == []
