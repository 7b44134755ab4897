"""Numbered pagination: which page numbers to offer around the current one."""

from __future__ import annotations

from dataclasses import dataclass

# Pages shown on each side of the current one; the first and last are always shown.
AROUND = 2


@dataclass(frozen=True)
class Pagination:
    page: int
    per_page: int
    total: int

    @property
    def last(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def previous(self) -> int | None:
        return min(self.page - 1, self.last) if self.page > 1 else None

    @property
    def next(self) -> int | None:
        return self.page + 1 if self.page < self.last else None

    @property
    def beyond_last(self) -> bool:
        """Asked for a page after the last one (an old bookmark, an edited URL)."""
        return self.page > self.last

    def numbers(self) -> list[int | None]:
        """Page numbers to link, with None where a run of pages is skipped: 1 … 4 5 6 7 8 … 20."""
        if self.last <= 1:
            return []
        shown = {1, self.last, *range(max(1, self.page - AROUND), min(self.last, self.page + AROUND) + 1)}
        numbers: list[int | None] = []
        for number in sorted(shown):
            if numbers and number - numbers[-1] > 1:
                numbers.append(None if number - numbers[-1] > 2 else number - 1)
            numbers.append(number)
        return numbers
