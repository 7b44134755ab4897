"""The block reader (documents and weights cut from the front of each block's pickle, the
values unpickled on demand) against Whoosh's own block matcher on real indexes, and its
fallback to Whoosh's whole-block reading for blocks of any other shape."""

from __future__ import annotations

import pickle
import zlib

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.analysis import SpaceSeparatedTokenizer
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec
from whoosh.fields import ID, TEXT, Schema
from whoosh.index import create_in

from search.query.match.blocks import BlockInfo, StoredValues, TermBlocks, cut_values, parse_term_blocks, read_postings

# A term's documents: None for a document without it, else the positions of the term.
documents = st.one_of(
    st.none(),
    st.lists(st.integers(0, 40), min_size=1, max_size=6, unique=True),
    st.lists(st.integers(0, 900), min_size=1, max_size=3, unique=True),  # gaps of 256 and more
)


@st.composite
def corpora(draw: st.DrawFn) -> list[list[int] | None]:
    """Documents of one of three kinds of weights: random, every weight 1.0, all equal."""
    kind = draw(st.sampled_from(["random", "once", "equal"]))
    found = draw(st.lists(documents, min_size=1, max_size=300))
    if kind == "once":
        found = [positions[:1] if positions else None for positions in found]
    elif kind == "equal":
        size = draw(st.integers(2, 4))
        found = [sorted(set(range(size)) | set(positions))[:size] if positions else None for positions in found]
    if draw(st.booleans()):  # documents ids 256 and more apart
        at = draw(st.integers(0, len(found)))
        found[at:at] = [None] * 300
    return [sorted(positions) if positions else None for positions in found]


def _text(positions: list[int] | None) -> str:
    """``w`` at the positions, the filler ``f`` everywhere else."""
    words = ["f"] * (max(positions or [0]) + 2)
    for position in positions or []:
        words[position] = "w"
    return " ".join(words)


def _whooshs(segment, field: str, text: str) -> tuple[list[int], list[float], list[bytes]]:
    """The term's postings as Whoosh's own block matcher decodes them, deleted documents included."""
    matcher = segment._terms.matcher(field, segment._text_to_bytes(field, text), segment.schema[field].format)
    ids, weights, values = [], [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        values.append(matcher.value())
        matcher.next()
    return ids, weights, values


def _listed(stored: StoredValues) -> list[bytes]:
    assert stored.starts.tolist() == (np.cumsum(stored.lengths) - stored.lengths).tolist()
    return [stored.joined[start:start + length] for start, length in zip(stored.starts.tolist(), stored.lengths.tolist(),
                                                                          strict=True)]


def _assert_equal_to_whooshs(found: TermBlocks, expected: tuple[list[int], list[float], list[bytes]],
                             chosen: list[int]) -> None:
    ids, weights, values = expected
    assert found.ids.tolist() == ids
    assert found.weights.tolist() == weights
    assert _listed(found.values.read()) == values
    assert _listed(found.values.read(np.asarray(chosen, dtype=np.int64))) == [values[index] for index in chosen]


@settings(max_examples=25, deadline=None)
@given(corpora(), st.sampled_from([1, 2, 3, 4, 5, 17, 128]), st.data())
def test_block_reads_equal_whooshs(tmp_path_factory, corpus: list[list[int] | None], block_limit: int, data):
    index = create_in(tmp_path_factory.mktemp("blocks"),
                      Schema(id=ID(stored=True), body=TEXT(analyzer=SpaceSeparatedTokenizer(), phrase=True)))
    with index.writer(codec=W3Codec(blocklimit=block_limit)) as writer:
        for number, positions in enumerate(corpus):
            writer.add_document(id=str(number), body=_text(positions))
    deleted = data.draw(st.sets(st.integers(0, len(corpus) - 1), max_size=20))
    if deleted:
        writer = index.writer()
        for docnum in deleted:
            writer.delete_document(docnum)
        writer.commit(merge=False)
    with index.searcher() as searcher:
        segment = searcher.reader().leaf_readers()[0][0]
        assert segment.has_deletions() == bool(deleted)
        for term in ("w", "f"):
            found = read_postings(segment, "body", term)
            if ("body", term) not in segment:
                assert found is None
                continue
            assert found is not None
            expected = _whooshs(segment, "body", term)
            chosen = sorted(data.draw(st.sets(st.integers(0, len(expected[0]) - 1))))
            _assert_equal_to_whooshs(found, expected, chosen)
            assert found.whole_blocks == 0, "every block of Whoosh's own writing is cut"
            datas = [zlib.decompress(found.values.raw[block.start:block.stop]) for block in found.values.blocks]
            assert cut_values(datas, [block.count for block in found.values.blocks]) is not None, "and its values too"
        assert read_postings(segment, "body", "absent") is None


def _term_bytes(tmp_path, texts: list[str]) -> tuple[bytes, tuple[list[int], list[float], list[bytes]]]:
    """A term's bytes as Whoosh writes them (blocks of 4), and Whoosh's decoding of them."""
    index = create_in(tmp_path, Schema(body=TEXT(analyzer=SpaceSeparatedTokenizer(), phrase=True)))
    with index.writer(codec=W3Codec(blocklimit=4)) as writer:
        for text in texts:
            writer.add_document(body=text)
    with index.searcher() as searcher:
        segment = searcher.reader().leaf_readers()[0][0]
        expected = _whooshs(segment, "body", "w")
        found = read_postings(segment, "body", "w")
        assert found is not None and found.whole_blocks == 0
        return found.values.raw, expected


def _rewritten(raw: bytes, blocks: tuple[BlockInfo, ...], block: int, data: bytes | None = None,
               info: tuple | None = None) -> bytes:
    """The term's bytes with one block's data or info replaced."""
    parts = [WHOOSH3_HEADER_MAGIC]
    info_start = len(WHOOSH3_HEADER_MAGIC) + 4
    for number, found in enumerate(blocks):
        info_bytes = raw[info_start:found.start]
        block_data = raw[found.start:found.stop]
        if number == block:
            info_bytes = pickle.dumps(info, 2) if info is not None else info_bytes
            block_data = data if data is not None else block_data
        length = len(info_bytes) + len(block_data)
        parts += [(-length if number == len(blocks) - 1 else length).to_bytes(4, "big", signed=True),
                  info_bytes, block_data]
        info_start = found.stop + 4
    return b"".join(parts)


TEXTS = ["w f w", "f w", "w w w w", "f f f w", "w", "f w f w f w", "w f", "f f w", "w f f f f f f f f w"]


def test_a_block_of_another_shape_is_read_whole_by_whooshs_rule(tmp_path):
    raw, expected = _term_bytes(tmp_path, TEXTS)
    blocks = parse_term_blocks(raw).values.blocks
    data = pickle.loads(zlib.decompress(raw[blocks[1].start:blocks[1].stop]))
    shapes = [
        pickle.dumps(data, 3),  # values as bytes opcodes: no global to cut at
        pickle.dumps((data[0], data[1], list(data[2])), 2),  # values a list: the cut's prefix is no pair
        pickle.dumps((list(data[0]), data[1], data[2]), 2),  # documents a list
    ]
    for shape in shapes:
        found = parse_term_blocks(_rewritten(raw, blocks, 1, zlib.compress(shape, 3)))
        assert found.whole_blocks == 1
        assert found.ids.tolist() == expected[0]
        assert found.weights.tolist() == expected[1]
        assert _listed(found.values.read(np.arange(4, 8))) == list(pickle.loads(shape)[2])
    uncompressed = parse_term_blocks(_rewritten(raw, blocks, 0, pickle.dumps(pickle.loads(
        zlib.decompress(raw[blocks[0].start:blocks[0].stop])), 2), info=(4, blocks[0].last_id, 3.0, 0, 1, 20)))
    _assert_equal_to_whooshs(uncompressed, expected, [0, 5])
    assert uncompressed.whole_blocks == 0, "a block stored without compression is cut too"


def test_documents_that_disagree_with_the_infos_are_read_again_by_whooshs_rule(tmp_path):
    raw, expected = _term_bytes(tmp_path, TEXTS)
    blocks = parse_term_blocks(raw).values.blocks
    wrong = blocks[0]
    found = parse_term_blocks(_rewritten(raw, blocks, 0, info=(wrong.count, wrong.last_id + 1, 3.0,
                                                               wrong.compression, 1, 20)))
    assert found.whole_blocks == len(blocks)
    _assert_equal_to_whooshs(found, expected, [1, 2])


def test_values_are_cut_from_the_pickle_or_of_another_shape_unpickled_by_whoosh(tmp_path):
    raw, expected = _term_bytes(tmp_path, TEXTS)
    blocks = parse_term_blocks(raw).values.blocks
    data = pickle.loads(zlib.decompress(raw[blocks[1].start:blocks[1].stop]))
    assert cut_values([pickle.dumps(data, 2)], [len(data[0])]) is not None
    shared = data[2][0]
    shapes = [
        ((data[0], data[1], (shared, shared) + data[2][2:]), False),  # one object twice: a memo get, no record
        ((data[0], data[1], (data[2][0], bytes(data[2][1]) + b"\xff\xc3") + data[2][2:]), True),  # two-byte characters
    ]
    for shape, cut in shapes:
        assert (cut_values([pickle.dumps(shape, 2)], [len(shape[0])]) is not None) == cut
        found = parse_term_blocks(_rewritten(raw, blocks, 1, zlib.compress(pickle.dumps(shape, 2), 3)))
        assert found.whole_blocks == 0
        values = expected[2][:4] + list(shape[2]) + expected[2][8:]
        assert _listed(found.values.read()) == values
        assert _listed(found.values.read(np.asarray([0, 5, 8]))) == [values[0], values[5], values[8]]
