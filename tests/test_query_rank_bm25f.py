"""The vectorised BM25F scorer gives Whoosh's own scores, segments and deletions included."""

from __future__ import annotations

import random

import numpy as np
import pytest
import whoosh.index
from whoosh.query import ConstantScoreQuery, Or, Phrase, Term
from whoosh.scoring import BM25F

from search.config import TUNING
from search.index.schema import build_schema
from search.query.rank.bm25f import ScoringIndex, union_clauses

WORDS = "harga beras naik turun pasar petani panen hujan banjir kota desa jalan".split()


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    directory = tmp_path_factory.mktemp("scoring")
    ix = whoosh.index.create_in(str(directory), build_schema("none"))
    rng = random.Random(3)
    for batch in range(3):
        with ix.writer() as writer:
            writer.mergetype = whoosh.writing.NO_MERGE
            for number in range(150):
                doc_id = f"d{batch}-{number}"
                writer.add_document(id=doc_id, title=" ".join(rng.choices(WORDS, k=rng.randint(2, 6))),
                                    body=" ".join(rng.choices(WORDS, k=rng.randint(5, 300))),
                                    people="Budi Santoso" if number % 7 == 0 else "")
    with ix.writer() as writer:
        writer.mergetype = whoosh.writing.NO_MERGE
        for number in range(0, 150, 5):
            writer.delete_by_term("id", f"d1-{number}")
    assert len(ix.reader().leaf_readers()) > 1 and ix.reader().has_deletions()
    return ix.searcher(weighting=BM25F(B=TUNING.bm25_b, K1=TUNING.bm25_k1))


@pytest.mark.parametrize("query", [
    Term("body", "beras"),
    Or([Term("title", "harga", boost=2.5), Term("body", "harga"), Term("body", "banjir", boost=0.5)]),
    Or([Or([Term("title", "petani", boost=2.5), Term("body", "petani")]), Term("body", "tidakada")]),
    Or([Term("body", "desa"), ConstantScoreQuery(Term("people", "Budi Santoso"), 2.0)]),
])
def test_scores_equal_whoosh(searcher, query):
    clauses = union_clauses(query)
    scores = ScoringIndex(searcher, ("title", "body")).scores(clauses)
    live = np.array([not searcher.reader().is_deleted(n) for n in range(searcher.doc_count_all())])
    expected = {hit.docnum: hit.score for hit in searcher.search(query, limit=None)}
    got = {int(n): float(scores[n]) for n in np.flatnonzero((scores > 0) & live)}
    assert got.keys() == expected.keys()
    for docnum, score in expected.items():
        assert got[docnum] == pytest.approx(score, rel=1e-5)


def test_only_flat_unions_are_vectorised():
    assert union_clauses(Phrase("body", ["harga", "beras"])) is None
    assert union_clauses(Or([Term("body", "a"), Phrase("body", ["b", "c"])])) is None
