"""Work per query is bounded whatever the text: counted in postings read and positions
decoded, not in seconds (``bench/hostile_queries.py`` has the timings)."""

from __future__ import annotations

from search.query.engine import search as engine_search
from search.query.live import LiveIndex
from search.query.match.phrases import PhraseReads, phrase_documents, phrase_parts
from search.query.parse.compile import compile_query
from search.query.parse.syntax import MAX_PHRASE_WORDS, Quoted, parse_query
from search.query.request import SearchRequest


def _common_word(view) -> tuple[str, int]:
    """The body word found in the most seed articles, with how many hold it."""
    reader = view.searcher.reader()
    frequency, term = max((reader.doc_frequency("body", text), text.decode())
                          for _, text in reader.most_frequent_terms("body", 50) if text.decode().isalpha())
    return term, frequency


def test_a_word_repeated_in_a_phrase_is_read_and_decoded_once(seed_index):
    view = LiveIndex(seed_index).view()
    word, holding = _common_word(view)
    compiled = compile_query(Quoted(" ".join([word] * 60)), view.stemmer)
    body = [part for part in compiled.query.subqueries if phrase_parts(part)[0] == "body"]
    field, slots = phrase_parts(body[0])
    assert len(slots) == 60
    work = PhraseReads()
    found = phrase_documents(view.searcher, field, slots, view.searcher.doc_count_all(), work)
    segments = len(view.searcher.reader().leaf_readers())
    distinct_terms = len({term for slot in slots for term in slot.terms})
    assert work.terms_read == segments * distinct_terms
    assert work.positions_decoded <= holding * distinct_terms, "each document's positions decoded once per term"
    assert not found.any()


def test_a_hostile_phrase_is_cut_to_the_limit_and_answered(seed_index):
    view = LiveIndex(seed_index).view()
    word, _ = _common_word(view)
    text = '"' + " ".join([word] * 60) + '"'
    parsed = parse_query(text)
    assert parsed.node == Quoted(" ".join([word] * MAX_PHRASE_WORDS))
    assert parsed.dropped == (" ".join([word] * (60 - MAX_PHRASE_WORDS)),)
    assert engine_search(view, SearchRequest(query=text)).as_json()["query"] == text


def test_a_query_of_common_words_reads_each_terms_blocks_once(seed_index):
    """Scoring, the phrase mask and the proximity re-rank of one query share one pass over
    each term's posting blocks: positions are kept with the postings, not read again."""
    view = LiveIndex(seed_index).view()
    reader = view.searcher.reader()
    words = [text.decode() for _, text in reader.most_frequent_terms("body", 60) if text.decode().isalpha()][:12]
    for query in (" ".join(words), '"' + " ".join(words[:4]) + '" ' + " ".join(words[4:])):
        view.scoring.decoded.forget()
        view.scoring.kept_positions.forget()
        view.facets.query_masks.clear()
        before = view.scoring.block_passes
        engine_search(view, SearchRequest(query=query)).as_json()
        assert len(view.scoring.kept_positions), "positions kept with the postings"
        assert view.scoring.block_passes - before == len(view.scoring.decoded), query
