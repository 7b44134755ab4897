"""A search as asked by the CLI or the web app, validated once so every caller agrees."""

from __future__ import annotations

from dataclasses import dataclass

from search.config import DEFAULT_PER_PAGE, MAX_PER_PAGE

# Longer queries are cut: nobody types more, and analysis time must stay bounded.
MAX_QUERY_CHARS = 1000


@dataclass(frozen=True)
class SearchRequest:
    """One search; out-of-range numbers are clamped rather than rejected."""

    query: str = ""
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE

    def __post_init__(self) -> None:
        cleaned = "".join(ch if ch.isprintable() else " " for ch in self.query[:MAX_QUERY_CHARS])
        object.__setattr__(self, "query", " ".join(cleaned.split()))
        object.__setattr__(self, "page", max(1, self.page))
        object.__setattr__(self, "per_page", min(MAX_PER_PAGE, max(1, self.per_page)))
