"""Exceptions of the ingest package: what stops a run, and what only skips a document."""

from __future__ import annotations

from search.errors import TelusurError


class SourceError(TelusurError):
    """A path given on the command line cannot be read at all; the caller exits with status 2."""


class EmptyTextError(TelusurError, ValueError):
    """A document has no text left to index; the reader reports it and moves on."""
