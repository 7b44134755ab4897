"""What ingest produces: articles ready for analysis, or problems to report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Article:
    """One news article, cleaned of page furniture, with whatever metadata its source gave.

    ``origin`` is the file it came from and ``line`` the JSONL line (None for a text
    file): together they tell the operator where to look, and let an incremental
    index run find articles whose source has disappeared. ``notes`` are what reading it
    changed that the operator should hear of (an implausible date dropped).
    ``title_derived``: the source gave no headline, so ``title`` was cut from the lead
    sentence; it is shown, but ranked as the body text it is. ``dateline`` is the place
    the story was filed from, as its dateline (taken off the body) named it.
    """

    id: str
    title: str
    body: str
    origin: str
    line: int | None = None
    date: dt.date | None = None
    time: str | None = None
    source: str | None = None
    url: str | None = None
    category: str | None = None
    title_derived: bool = False
    dateline: str | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class IngestProblem:
    """A file or record that could not become an article; reported, never fatal."""

    origin: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = self.origin if self.line is None else f"{self.origin}:{self.line}"
        return f"{where}: {self.reason}"
