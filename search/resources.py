"""Find data shipped inside the package (seeds, templates, static files)."""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path


def package_dir(name: str) -> Path:
    """Directory of a data package, whether installed, editable or run from a checkout."""
    spec = find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"package data {name} is not installed")
    return Path(next(iter(spec.submodule_search_locations)))
