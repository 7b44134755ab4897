"""The numpy decoder of Whoosh's stored positions against Whoosh's own, value by value,
and block-wise reading against Whoosh's matcher on a real index."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.fields import ID, TEXT, Schema
from whoosh.formats import Positions
from whoosh.index import create_in

from search.query.match.postings import POSITION_BITS, decode_positions, read_positions

FORMAT = Positions()

position_lists = st.lists(
    st.one_of(
        st.lists(st.integers(0, 3000), min_size=1, max_size=12, unique=True),
        st.lists(st.integers(0, 200_000), min_size=1, max_size=5, unique=True),
        st.lists(st.integers(0, 4000), min_size=990, max_size=1100, unique=True),
    ).map(sorted),
    min_size=1, max_size=30,
)


@settings(max_examples=150, deadline=None)
@given(position_lists, st.booleans())
def test_decoded_positions_equal_whooshs(lists: list[list[int]], stop_stripped: bool):
    values = [FORMAT.encode(positions) for positions in lists]
    if stop_stripped:
        values = [value[:-1] for value in values]
    counts, flat = decode_positions(values, FORMAT.decode_positions)
    assert counts.tolist() == [len(FORMAT.decode_positions(value)) for value in values]
    assert flat.tolist() == [position for value in values for position in FORMAT.decode_positions(value)]


@settings(max_examples=15, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["a", "b", "c", "d"]), min_size=1, max_size=400), min_size=1, max_size=300),
       st.data())
def test_block_reads_equal_whooshs_matcher(tmp_path_factory, texts: list[list[str]], data):
    folder = tmp_path_factory.mktemp("positions")
    index = create_in(folder, Schema(id=ID(stored=True), body=TEXT(phrase=True)))
    with index.writer() as writer:
        for number, words in enumerate(texts):
            writer.add_document(id=str(number), body=" ".join(words))
    with index.searcher() as searcher:
        segment = searcher.reader().leaf_readers()[0][0]
        for word in "abcde":
            expected = {}
            if ("body", word) in segment:
                matcher = segment.postings("body", word)
                while matcher.is_active():
                    expected[matcher.id()] = list(matcher.value_as("positions"))
                    matcher.next()
            wanted = sorted(data.draw(st.sets(st.integers(0, len(texts) - 1))))
            found = read_positions(segment, "body", word, np.asarray(wanted, dtype=np.int64)).as_dict()
            assert found == {docnum: expected[docnum] for docnum in wanted if docnum in expected}


@settings(max_examples=100, deadline=None)
@given(st.sets(st.tuples(st.integers(0, 50), st.integers(0, 300))), st.sets(st.integers(0, 60)))
def test_keys_of_documents_equal_a_filter_over_every_key(occurrences: set[tuple[int, int]], documents: set[int]):
    from search.query.match.postings import POSITION_BITS, keys_of_documents

    keys = np.asarray(sorted((document << POSITION_BITS) | position for document, position in occurrences), dtype=np.int64)
    wanted = np.asarray(sorted(documents), dtype=np.int64)
    expected = [key for key in keys.tolist() if key >> POSITION_BITS in documents]
    assert keys_of_documents(keys, wanted).tolist() == expected


@settings(max_examples=15, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["a", "b", "c", "d"]), min_size=1, max_size=400), min_size=1, max_size=300),
       st.integers(1, 3), st.booleans(), st.data())
def test_positions_kept_with_postings_equal_whooshs_matcher(tmp_path_factory, texts: list[list[str]], segments: int,
                                                            postings_first: bool, data):
    """The scorer's positions in some documents, request after request (decoded from the
    blocks kept when it read a term's postings, or read with them when asked for first, a
    block at a time), and then in all, against Whoosh's matcher, over segments."""
    from search.query.rank.bm25f import ScoringIndex

    folder = tmp_path_factory.mktemp("kept")
    index = create_in(folder, Schema(id=ID(stored=True), body=TEXT(phrase=True)))
    for part in range(segments):
        writer = index.writer()
        for number, words in enumerate(texts[part::segments]):
            writer.add_document(id=f"{part}-{number}", body=" ".join(words))
        writer.commit(merge=False)
    with index.searcher() as searcher:
        scoring = ScoringIndex(searcher, ("body",))
        for word in "abcde":
            expected = []
            for segment, offset in searcher.reader().leaf_readers():
                if ("body", word) in segment:
                    matcher = segment.postings("body", word)
                    while matcher.is_active():
                        expected += [((offset + matcher.id()) << POSITION_BITS) | position
                                     for position in matcher.value_as("positions")]
                        matcher.next()
            if postings_first:
                scoring.postings("body", word)
            # Several requests, each decoding the blocks the ones before did not.
            for wanted in data.draw(st.lists(st.sets(st.integers(0, len(texts) - 1)).map(sorted), min_size=1, max_size=3)):
                in_wanted = [key for key in expected if key >> POSITION_BITS in set(wanted)]
                assert scoring.positions_in("body", word, np.asarray(wanted, dtype=np.int64)).tolist() == in_wanted
            assert scoring.positions("body", word).tolist() == expected
            assert scoring.positions_in("body", word, np.arange(len(texts))).tolist() == expected
        assert scoring.block_passes == len("abcde"), "each term's blocks read once, positions with its postings"
