"""A bounded memory of computed values, least recently used first out.

A search server answers nearly the same requests over and over (a reader typing, paging,
refining by facets), so decoded postings and positions, analysed sentences and query
masks are worth keeping between requests, but only within a fixed budget per index view.
Each memory is shared by a server's threads, so it is guarded by a lock; a value is
computed outside the lock (two threads may both compute it; one result is kept).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

Value = TypeVar("Value")


class BoundedMemory(Generic[Value]):
    """Values by key within ``capacity`` units, each value costing ``size(value)`` units
    (bytes, tokens, or 1 for a count of entries)."""

    def __init__(self, capacity: int, size: Callable[[Value], int] = lambda value: 1) -> None:
        self.capacity = capacity
        self._size = size
        self._values: OrderedDict[Hashable, Value] = OrderedDict()
        # What each value was counted as (a value may grow in place: ``resize``).
        self._costs: dict[Hashable, int] = {}
        self._used = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], Value]) -> Value:
        """The remembered value of ``key``, or ``compute()``, remembered when it fits."""
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
        value = compute()
        self.put(key, value)
        return value

    def put(self, key: Hashable, value: Value) -> None:
        cost = self._size(value)
        if cost > self.capacity:
            return
        with self._lock:
            if key in self._values:
                return
            self._values[key] = value
            self._costs[key] = cost
            self._used += cost
            self._evict()

    def resize(self, key: Hashable) -> None:
        """Count ``key``'s value again, after it grew or shrank in place (positions decoded
        into it); others, least recently used first, or itself make room past the capacity."""
        with self._lock:
            if key not in self._values:
                return
            cost = self._size(self._values[key])
            self._used += cost - self._costs[key]
            self._costs[key] = cost
            self._values.move_to_end(key)
            self._evict()

    def _evict(self) -> None:
        while self._used > self.capacity:
            dropped, _ = self._values.popitem(last=False)
            self._used -= self._costs.pop(dropped)

    def peek(self, key: Hashable) -> Value | None:
        """The remembered value of ``key`` (now the most recently used), or None."""
        with self._lock:
            if key not in self._values:
                return None
            self._values.move_to_end(key)
            return self._values[key]

    def __len__(self) -> int:
        with self._lock:
            return len(self._values)

    def __contains__(self, key: Hashable) -> bool:
        with self._lock:
            return key in self._values

    def forget(self) -> None:
        """Drop everything (benchmarks that time the whole cost of a request)."""
        with self._lock:
            self._values.clear()
            self._costs.clear()
            self._used = 0
