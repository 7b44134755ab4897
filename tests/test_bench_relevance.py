"""bench/relevance.py's metrics: a story's copies count where the story is shown."""

from __future__ import annotations

from bench.relevance import metrics


def test_a_relevant_copy_counts_at_its_storys_position():
    second_story = ((("a",), ("b", "target")), frozenset({"target"}))
    assert metrics([second_story]) == (0.5, 0.0, 1.0)
    assert metrics([((("target", "copy"),), frozenset({"target"}))]) == (1.0, 1.0, 1.0)


def test_results_past_the_cutoff_and_misses_count_nothing():
    ranked = tuple((f"d{rank}",) for rank in range(10)) + (("target",),)
    assert metrics([(ranked, frozenset({"target"}))]) == (0.0, 0.0, 0.0)
    assert metrics([((), frozenset({"target"}))]) == (0.0, 0.0, 0.0)
