"""Find data shipped inside the package (seeds, templates, static files)."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.util import find_spec
from pathlib import Path

# The checkout this module was loaded from, when it was (not an installed wheel).
_CHECKOUT = Path(__file__).resolve().parents[1]


def package_dir(name: str) -> Path:
    """Directory of a data package, whether installed, editable or run from a checkout.

    Run from a checkout (``PYTHONPATH=checkout``, or an editable install of it), a data
    package mapped to a folder of its own (``web.templates`` is ``templates/``) is that
    checkout's folder, so a second checkout never serves the first one's files."""
    folder = _checkout_folders().get(name)
    if folder is not None and folder.is_dir():
        return folder
    spec = find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"package data {name} is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


@cache
def _checkout_folders() -> dict[str, Path]:
    """The data packages ``pyproject.toml`` maps to folders, when running from a checkout."""
    project = _CHECKOUT / "pyproject.toml"
    if not project.is_file():
        return {}
    with project.open("rb") as opened:
        mapped = tomllib.load(opened).get("tool", {}).get("setuptools", {}).get("package-dir", {})
    return {package: _CHECKOUT / folder for package, folder in mapped.items()}
