"""The block reader (documents and weights cut from the front of each block's pickle, the
values unpickled on demand) against Whoosh's own block matcher on real indexes, and its
fallback to Whoosh's whole-block reading for blocks of any other shape."""

from __future__ import annotations

import pickle
import pickletools
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
                      Schema(id=ID(stored=True), body=TEXT(analyzer=SpaceSeparatedTokenizer(), phrase=True),
                             plain=TEXT(analyzer=SpaceSeparatedTokenizer(), phrase=False)))
    with index.writer(codec=W3Codec(blocklimit=block_limit)) as writer:
        for number, positions in enumerate(corpus):
            writer.add_document(id=str(number), body=_text(positions), plain=_text(positions))
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
            assert found.pickled_blocks == _unpickled_blocks(found), "the common layout is read with numpy"
            datas = [zlib.decompress(found.values.raw[block.start:block.stop]) for block in found.values.blocks]
            assert cut_values(datas, [block.count for block in found.values.blocks]) is not None, "and its values too"
            frequencies = read_postings(segment, "plain", term)  # a field of frequencies, no positions
            assert frequencies is not None
            assert (frequencies.ids.tolist(), frequencies.weights.tolist()) == tuple(_whooshs(segment, "plain", term)[:2])
            assert (frequencies.whole_blocks, frequencies.pickled_blocks) == (_unpickled_blocks(frequencies), 0)
        assert read_postings(segment, "body", "absent") is None


def _unpickled_blocks(found: TermBlocks) -> int:
    """The blocks the numpy reader leaves to pickle: three postings or fewer, or a later gap of 256 or more."""
    starts = np.concatenate(([0], found.values.ends[:-1]))
    return sum(1 for block, start in zip(found.values.blocks, starts.tolist(), strict=True)
               if block.count <= 3 or (np.diff(found.ids[start:start + block.count]) >= 256).any())


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
        pickle.dumps((list(data[0]), data[1], data[2]), 2),  # documents a list
        pickle.dumps((data[0], list(data[1]), data[2]), 2),  # weights a list
    ]
    for shape in shapes:
        found = parse_term_blocks(_rewritten(raw, blocks, 1, zlib.compress(shape, 3)))
        assert found.whole_blocks == 1
        assert found.ids.tolist() == expected[0]
        assert found.weights.tolist() == expected[1]
        assert _listed(found.values.read(np.arange(4, 8))) == list(pickle.loads(shape)[2])
    listed_values = pickle.dumps((data[0], data[1], list(data[2])), 2)  # values a list, documents as usual
    found = parse_term_blocks(_rewritten(raw, blocks, 1, zlib.compress(listed_values, 3)))
    assert (found.whole_blocks, found.pickled_blocks) == (0, _unpickled_blocks(found))
    assert found.ids.tolist() == expected[0] and found.weights.tolist() == expected[1]
    assert _listed(found.values.read(np.arange(4, 8))) == list(data[2])
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


@st.composite
def hand_pickled_blocks(draw: st.DrawFn) -> tuple[tuple[int, ...], tuple[float, ...] | float | None, tuple[bytes, ...]]:
    """One block's data as Whoosh pickles it, with any gaps (BININT1, BININT2 and BININT) and
    any of the three kinds of weights, more kinds than a small index writes."""
    count = draw(st.integers(1, 9))
    gap = st.one_of(st.integers(1, 255), st.integers(256, 2 ** 16 - 1), st.integers(2 ** 16, 2 ** 20))
    gaps = (draw(st.one_of(st.integers(0, 255), gap)), *draw(st.lists(gap, min_size=count - 1, max_size=count - 1)))
    weights = draw(st.one_of(st.none(), st.floats(0.1, 1000.0),
                             st.lists(st.floats(0.1, 1000.0), min_size=count, max_size=count).map(tuple)))
    values = tuple(draw(st.lists(st.binary(min_size=1, max_size=6), min_size=count, max_size=count)))
    return gaps, weights, values


def _term_of(blocks: list[tuple], optimized: bool) -> bytes:
    """A term's bytes: Whoosh's header, then each block's length, info and compressed pickle
    (``pickletools.optimize``d, without the memo puts nothing reads, when ``optimized``)."""
    parts = [WHOOSH3_HEADER_MAGIC]
    for number, (gaps, weights, values) in enumerate(blocks):
        pickled = pickle.dumps((gaps, weights, values), 2)
        data = zlib.compress(pickletools.optimize(pickled) if optimized else pickled, 3)
        info = pickle.dumps((len(gaps), sum(gaps), 1.0, 3, 1, 20), 2)
        length = len(info) + len(data)
        parts += [(-length if number == len(blocks) - 1 else length).to_bytes(4, "big", signed=True), info, data]
    return b"".join(parts)


@settings(max_examples=200, deadline=None)
@given(st.lists(hand_pickled_blocks(), min_size=1, max_size=6), st.booleans())
def test_blocks_of_any_gaps_and_weights_equal_their_unpickling(blocks, optimized: bool):
    found = parse_term_blocks(_term_of(blocks, optimized))
    ids = [int(value) for gaps, _, _ in blocks for value in np.cumsum(gaps)]
    weights = [1.0 if kind is None else float(np.float32(kind)) if isinstance(kind, float) else value
               for gaps, kind, _ in blocks for value in (kind if isinstance(kind, tuple) else gaps)]
    assert found.ids.tolist() == ids
    assert found.weights.tolist() == weights
    assert _listed(found.values.read()) == [value for _, _, values in blocks for value in values]
    common = sum(1 for gaps, _, _ in blocks if len(gaps) > 3 and max(gaps[1:]) < 256)
    assert found.whole_blocks == 0
    assert len(blocks) - found.pickled_blocks == (0 if optimized else common), "numpy reads exactly the common layout"
