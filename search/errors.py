"""The base of every error Telusur raises on purpose, so a caller can tell them from bugs.

Each error also keeps the built-in type it has always been (``ValueError``,
``OSError``...), so code that caught that goes on catching it.
"""

from __future__ import annotations


class TelusurError(Exception):
    """Something Telusur refuses or cannot do, with a message that says what and where."""
