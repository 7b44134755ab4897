"""Every error Telusur raises on purpose shares one base and keeps the built-in type callers caught."""

from __future__ import annotations

import pytest

from search.analysis.stemmers import StemmerUnavailableError
from search.errors import TelusurError
from search.index.lock import IndexBusyError
from search.index.store import IndexMissingError
from search.ingest.discovery import NotRegularFileError
from search.ingest.errors import EmptyTextError, SourceError
from search.ingest.readers import UndecodableTextError


@pytest.mark.parametrize("error, builtin", [
    (SourceError("x"), Exception), (EmptyTextError("x"), ValueError), (UndecodableTextError("x"), ValueError),
    (NotRegularFileError(2, "not a regular file", "/dev/null"), OSError), (IndexBusyError("x"), RuntimeError),
    (IndexMissingError("no index"), FileNotFoundError), (StemmerUnavailableError("x"), ValueError),
], ids=lambda value: type(value).__name__ if isinstance(value, BaseException) else value.__name__)
def test_errors_share_the_base(error, builtin):
    assert isinstance(error, TelusurError) and isinstance(error, builtin)
    assert str(error)
