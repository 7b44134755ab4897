"""The story fingerprint against the exact Jaccard similarity of the shingles it estimates.

The reference takes the runs of three words with plain string tuples (no hashing), so a
broken hash, a slot mix-up or a shingle off by one shows as an estimate far from it.
"""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from search.analysis.fingerprint import (
    MIN_WORDS,
    SHINGLE_WORDS,
    SIGNATURE_BYTES,
    estimated_similarity,
    signature_array,
    story_fingerprint,
)

VOCABULARY = ["banjir", "warga", "mengungsi", "hujan", "deras", "sungai", "meluap", "rumah", "terendam",
              "pemerintah", "bantuan", "posko", "kota", "desa", "jalan", "ditutup", "petugas", "evakuasi"]
# Five standard errors of a 64-slot estimate at its widest (J = 0.5): 5 * sqrt(0.25 / 64).
TOLERANCE = 0.32


def exact_similarity(first: list[str], second: list[str]) -> float:
    def runs(words: list[str]) -> set[tuple[str, ...]]:
        return {tuple(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}

    a, b = runs(first), runs(second)
    return len(a & b) / len(a | b)


@st.composite
def body_pairs(draw) -> tuple[list[str], list[str]]:
    """A body and a copy of it with some words replaced, inserted or cut (none to all)."""
    words = draw(st.lists(st.sampled_from(VOCABULARY), min_size=MIN_WORDS, max_size=120))
    copy = list(words)
    for _ in range(draw(st.integers(0, len(words)))):
        place = draw(st.integers(0, len(copy) - 1))
        action = draw(st.sampled_from(["replace", "insert", "cut"]))
        if action == "replace":
            copy[place] = draw(st.sampled_from(VOCABULARY))
        elif action == "insert":
            copy.insert(place, draw(st.sampled_from(VOCABULARY)))
        elif len(copy) > MIN_WORDS:
            copy.pop(place)
    return words, copy


@settings(max_examples=300, deadline=None)
@given(body_pairs())
def test_estimate_follows_the_exact_similarity(pair):
    first, second = pair
    a, b = story_fingerprint(" ".join(first)), story_fingerprint(" ".join(second))
    assert a is not None and b is not None and len(a) == len(b) == SIGNATURE_BYTES
    estimate = estimated_similarity(signature_array(a), signature_array(b))
    exact = exact_similarity(first, second)
    assert abs(estimate - exact) <= TOLERANCE, (estimate, exact)
    if exact == 1.0:
        assert estimate == 1.0


def test_case_accents_and_punctuation_do_not_change_a_story():
    words = [VOCABULARY[i % len(VOCABULARY)] for i in range(MIN_WORDS * 2)]
    plain = " ".join(words)
    written = ", ".join(word.capitalize() if i % 3 else word.upper() for i, word in enumerate(words)).replace(
        "banjir", "bánjir")
    assert story_fingerprint(plain) == story_fingerprint(written)


def test_a_short_body_has_no_fingerprint():
    assert story_fingerprint(" ".join(VOCABULARY[:MIN_WORDS - 1] * 1)) is None
    assert story_fingerprint("") is None


def test_another_process_computes_the_same_fingerprint():
    """Signatures written by one index run are compared with those of another: no per-process hashing."""
    body = " ".join(VOCABULARY * 4)
    program = ("import sys; from search.analysis.fingerprint import story_fingerprint; "
               f"sys.stdout.write(story_fingerprint({body!r}).hex())")
    other = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": "12345", "PATH": "", "PYTHONPATH": ":".join(sys.path)})
    fingerprint = story_fingerprint(body)
    assert fingerprint is not None and other.stdout == fingerprint.hex()
