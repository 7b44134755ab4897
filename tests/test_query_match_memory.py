"""The bounded memory against a plain model of it: least recently used first out, within
its capacity, also when a value grows or shrinks in place (``resize``)."""

from __future__ import annotations

from collections import OrderedDict

from hypothesis import given, settings
from hypothesis import strategies as st

from search.query.match.memory import BoundedMemory

CAPACITY = 20

operations = st.lists(st.tuples(st.sampled_from(["put", "get", "peek", "resize"]), st.integers(0, 6),
                                st.integers(0, 25)), max_size=60)


@settings(max_examples=200, deadline=None)
@given(operations)
def test_memory_keeps_the_recently_used_within_its_capacity(steps: list[tuple[str, int, int]]):
    # A value is a one-element list holding its cost, so that it can change in place.
    memory: BoundedMemory[list[int]] = BoundedMemory(CAPACITY, lambda value: value[0])
    model: OrderedDict[int, list[int]] = OrderedDict()
    for operation, key, cost in steps:
        fresh = [cost]
        if operation == "put":
            memory.put(key, fresh)
            if cost <= CAPACITY and key not in model:
                model[key] = fresh
        elif operation == "get":
            assert memory.get(key, lambda fresh=fresh: fresh) is model.get(key, fresh)
            if key in model:
                model.move_to_end(key)
            elif cost <= CAPACITY:
                model[key] = fresh
        elif operation == "peek":
            assert (memory.peek(key) is not None) == (key in model)
            if key in model:
                model.move_to_end(key)
        else:
            value = memory.peek(key)
            if value is not None:
                value[0] = cost
                model.move_to_end(key)
            memory.resize(key)
        while sum(value[0] for value in model.values()) > CAPACITY:
            model.popitem(last=False)
        assert list(memory._values) == list(model)
        assert memory._used == sum(value[0] for value in model.values()) <= CAPACITY
