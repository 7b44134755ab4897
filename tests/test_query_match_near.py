"""Proximity (``"a b"~N``, ``a DEKAT/N b``) against a brute force over the stored documents.

The index is a real Whoosh index in several segments with deleted and updated documents;
the reference reads each live document's stored title and body, splits them into words
(one position each, stopwords included, as the analyser counts them) and tries every
stretch of ``N + 1`` positions. Queries are drawn by hypothesis.
"""

from __future__ import annotations

import random
import re
from collections import Counter

import pytest
import whoosh.index
from hypothesis import given, settings
from hypothesis import strategies as st

from search.index.schema import build_schema
from search.query.match.masks import query_documents
from search.query.match.near import near_documents, near_parts
from search.query.match.phrases import PhraseReads
from search.query.parse.compile import TEXT_FIELDS, compile_query
from search.query.parse.syntax import MAX_NEAR_DISTANCE, Quoted, parse, parse_query
from search.query.rank.bm25f import ScoringIndex

# Words the light stemmer keeps as they are, and one stopword, which takes a position but is not indexed.
WORDS = ["banjir", "gempa", "bola", "pasar", "harga", "cabai", "kopi", "sawit"]
STOPWORD = "dan"
_WORD = re.compile(r"[^\W_]+")


def _text(rng: random.Random, most: int) -> str:
    return " ".join(rng.choice([*WORDS, STOPWORD]) for _ in range(rng.randint(1, most)))


@pytest.fixture(scope="module")
def near_index(tmp_path_factory):
    rng = random.Random(1310)
    index = whoosh.index.create_in(str(tmp_path_factory.mktemp("near")), build_schema("light"))
    ids = []
    for batch in range(3):
        writer = index.writer()
        for number in range(70):
            ids.append(f"{batch}-{number}")
            writer.add_document(id=ids[-1], title=_text(rng, 6), body=_text(rng, 40))
        writer.commit(merge=False)
    writer = index.writer()
    for doc_id in rng.sample(ids, 20):
        writer.delete_by_term("id", doc_id)
    for doc_id in rng.sample(ids, 5):
        writer.update_document(id=doc_id, title=_text(rng, 6), body=_text(rng, 40))
    writer.commit(merge=False)
    with index.searcher() as searcher:
        assert len(searcher.reader().leaf_readers()) > 1
        yield searcher


def _live(searcher):
    import numpy as np

    live = np.zeros(searcher.doc_count_all(), dtype=bool)
    live[list(searcher.reader().all_doc_ids())] = True
    return live


def _brute(searcher, words: list[str], distance: int) -> set[str]:
    """Ids of the live documents with a stretch of ``distance + 1`` positions holding every word
    (as often as asked) in its title or its body."""
    wanted = Counter(words)
    found = set()
    for fields in searcher.all_stored_fields():
        for field in TEXT_FIELDS:
            tokens = _WORD.findall(fields[field].lower())
            if any(all(tokens[start:start + distance + 1].count(word) >= times for word, times in wanted.items())
                   for start in range(len(tokens))):
                found.add(fields["id"])
    return found


def _ids(searcher, mask) -> set[str]:
    return {searcher.stored_fields(int(docnum))["id"] for docnum in mask.nonzero()[0]}


def test_positions_count_stopwords_as_the_reference_does(near_index):
    analyzer = near_index.schema["body"].analyzer
    assert [(token.text, token.pos) for token in analyzer(f"banjir {STOPWORD} gempa", positions=True)
            if not token.text.startswith(("\x00", "="))][:2] == [("banjir", 0), ("gempa", 2)]


@settings(max_examples=120, deadline=None)
@given(words=st.lists(st.sampled_from(WORDS), min_size=2, max_size=4),
       distance=st.integers(min_value=1, max_value=12), dekat=st.booleans(), memory=st.booleans())
def test_proximity_matches_the_brute_force(near_index, words, distance, dekat, memory):
    text = f" DEKAT/{distance} ".join(words) if dekat else f'"{" ".join(words)}"~{distance}'
    node = parse(text)
    assert node == Quoted(" ".join(words), near=distance)
    compiled = compile_query(node, "light", near_index.reader())
    scoring = ScoringIndex(near_index, tuple(TEXT_FIELDS)) if memory else None
    mask = query_documents(near_index, compiled.query, _live(near_index), scoring)
    assert _ids(near_index, mask) == _brute(near_index, words, distance), text


def test_a_word_asked_twice_needs_two_occurrences(near_index):
    field, slots, distance = near_parts(compile_query(parse('"kopi kopi"~3'), "light").query.subqueries[1])
    assert field == "body" and len(slots) == 2 and distance == 3
    mask = near_documents(near_index, field, slots, distance, near_index.doc_count_all())
    body_only = {fields["id"] for fields in near_index.all_stored_fields()
                 if any(window.count("kopi") >= 2 for window in _windows(_WORD.findall(fields["body"]), 4))}
    assert _ids(near_index, mask & _live(near_index)) == body_only


def _windows(tokens: list[str], size: int):
    return (tokens[start:start + size] for start in range(len(tokens)))


def test_the_work_follows_the_distinct_words(near_index):
    compiled = compile_query(parse('"kopi cabai kopi"~6'), "light")
    field, slots, distance = near_parts(compiled.query.subqueries[1])
    reads = PhraseReads()
    near_documents(near_index, field, slots, distance, near_index.doc_count_all(), reads)
    segments = len(near_index.reader().leaf_readers())
    assert reads.terms_read == segments * len({term for slot in slots for term in slot})


def test_distance_and_size_are_bounded():
    assert parse('"a b"~100000').near == MAX_NEAR_DISTANCE
    assert parse("a DEKAT/0 b").near == 1
    assert parse("a DEKAT b").near == 5
    long = parse_query('"' + " ".join(f"w{i}" for i in range(20)) + '"~3')
    assert len(long.node.text.split()) == 8 and long.dropped
    # Each group counts against the phrase limit: the fourth is searched as words.
    many = parse("a DEKAT b c DEKAT d e DEKAT f g DEKAT h")
    assert sum(isinstance(child, Quoted) for child in many.children) == 3


def test_an_operand_that_is_no_word_leaves_dekat_ignored():
    assert parse("(a b) DEKAT c") == parse("a b c")
    assert parse("-a DEKAT b") == parse("-a b")
    assert parse("dekat rumah").children[0].text == "dekat", "only in capitals"


def test_a_proximity_group_of_names_is_not_widened_to_their_tags():
    from search.query.parse.entity_terms import entity_clauses

    assert entity_clauses(parse('"jokowi prabowo"~5')) == [] == entity_clauses(parse("jokowi DEKAT prabowo"))
    assert len(entity_clauses(parse('"jokowi prabowo"'))) == 2, "a phrase of names still finds their tags"
