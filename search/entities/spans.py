"""Entity spans of one article: which tokens name what, with a token → span lookup."""

from __future__ import annotations

from dataclasses import dataclass, field

from search.entities.ministries import Ministry
from search.entities.tokens import Token


@dataclass(slots=True)
class Span:
    """Tokens ``start:end`` naming one entity; ``canonical`` is its facet value (None for places)."""

    start: int
    end: int
    label: str
    canonical: str | None
    ministry: Ministry | None = field(default=None, compare=False)
    surname_only: bool = False
    derived: bool = False


@dataclass
class Spans:
    """Entity spans of one article, with a token → span lookup kept in step."""

    tokens: list[Token]
    items: list[Span] = field(default_factory=list)
    owner: list[Span | None] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.owner = [None] * len(self.tokens)
        spans, self.items = self.items, []
        for span in spans:
            self.put(span)

    def put(self, span: Span) -> None:
        """Add a span, dropping any it overlaps (the new one is the better reading)."""
        for index in range(span.start, span.end):
            old = self.owner[index]
            if old is not None:
                self.remove(old)
        self.items.append(span)
        for index in range(span.start, span.end):
            self.owner[index] = span

    def remove(self, span: Span) -> None:
        self.items.remove(span)
        for index in range(span.start, span.end):
            if self.owner[index] is span:
                self.owner[index] = None

    def label_at(self, index: int) -> str | None:
        span = self.owner[index] if 0 <= index < len(self.owner) else None
        return span.label if span else None

    def ordered(self) -> list[Span]:
        return sorted(self.items, key=lambda span: span.start)
