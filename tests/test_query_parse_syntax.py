"""The query language parser: every operator, and a sensible tree for any input."""

from __future__ import annotations

import random

import pytest

from search.query.parse.syntax import (
    MAX_BRANCHES,
    MAX_DEPTH,
    MAX_PHRASE_WORDS,
    MAX_PHRASES,
    MAX_QUERY_CHARS,
    MAX_WORDS,
    TITLE,
    AllOf,
    AnyOf,
    Excluded,
    ParsedQuery,
    Quoted,
    Should,
    Word,
    leaves,
    parse,
    parse_query,
    unparse,
)


def words(*texts: str, field: str | None = None) -> tuple[Word, ...]:
    return tuple(Word(text, field) for text in texts)


@pytest.mark.parametrize("text, expected", [
    ("rusia", Word("rusia")),
    ("rusia suriah", Should(words("rusia", "suriah"))),
    ('"kerja sama"', Quoted("kerja sama")),
    ("\u201ckerja sama\u201d", Quoted("kerja sama")),
    ("-rusia", Excluded(Word("rusia"))),
    ('-"kerja sama"', Excluded(Quoted("kerja sama"))),
    ("NOT rusia", Excluded(Word("rusia"))),
    ("BUKAN rusia", Excluded(Word("rusia"))),
    ("rusia OR suriah", AnyOf(words("rusia", "suriah"))),
    ("rusia ATAU suriah", AnyOf(words("rusia", "suriah"))),
    ("rusia AND suriah", AllOf(words("rusia", "suriah"))),
    ("rusia DAN suriah", AllOf(words("rusia", "suriah"))),
    ("judul:rusia", Word("rusia", TITLE)),
    ("title:rusia", Word("rusia", TITLE)),
    ('judul:"kerja sama"', Quoted("kerja sama", TITLE)),
    ("title:(rusia OR suriah)", AnyOf(words("rusia", "suriah", field=TITLE))),
    ("JUDUL:rusia", Word("rusia", TITLE)),
])
def test_each_operator(text, expected):
    assert parse(text) == expected


@pytest.mark.parametrize("text", ["rusia dan suriah", "rusia atau suriah", "rusia or suriah", "rusia bukan suriah"])
def test_operators_count_only_in_capitals(text):
    assert parse(text) == Should(words(*text.split()))


def test_explicit_operators_bind_tighter_than_juxtaposition():
    assert parse("rusia suriah OR turki") == Should((Word("rusia"), AnyOf(words("suriah", "turki"))))
    assert parse("a OR b AND c") == AnyOf((Word("a"), AllOf(words("b", "c"))))
    assert parse("(a OR b) AND (c d)") == AllOf((AnyOf(words("a", "b")), Should(words("c", "d"))))


def test_exclusions_mix_with_words():
    assert parse('perang "kerja sama" -rusia') == Should(
        (Word("perang"), Quoted("kerja sama"), Excluded(Word("rusia")))
    )
    assert parse("judul:-rusia") == Excluded(Word("rusia", TITLE))


@pytest.mark.parametrize("text, expected", [
    ("OR", None),
    ("AND rusia", Word("rusia")),
    ("rusia OR", Word("rusia")),
    ("rusia OR OR suriah", AnyOf(words("rusia", "suriah"))),
    ("rusia AND OR suriah", AllOf(words("rusia", "suriah"))),
    ("rusia NOT", Word("rusia")),
    ("NOT NOT rusia", Word("rusia")),
    ("-(-rusia)", Word("rusia")),
    ("( )", None),
    (")))(((", None),
    ("(rusia", Word("rusia")),
    ("rusia) suriah", Should(words("rusia", "suriah"))),
    ("-", None),
    ("- rusia", Word("rusia")),
    ("--rusia", Excluded(Word("rusia"))),
    ("foo:bar", Word("foo:bar")),
    ("judul:", Word("judul:")),
    ("https://tirto.id/x", Word("https://tirto.id/x")),
    ("AS-Rusia", Word("AS-Rusia")),
    ("\u2620\ufe0f \U0001f600 !!!", None),
    ("ru\x00sia\x07 suriah", Should(words("ru", "sia", "suriah"))),
    ("\u202erusia\u202c", Word("rusia")),
    ("\u0645\u0635\u0631", Word("\u0645\u0635\u0631")),
])
def test_hostile_input_gives_a_sensible_tree(text, expected):
    assert parse(text) == expected


def test_an_unbalanced_quote_is_dropped_and_the_rest_read_as_words():
    assert parse('perang "kerja sama') == Should(words("perang", "kerja", "sama"))
    assert parse('"kerja sama" "rusia') == Should((Quoted("kerja sama"), Word("rusia")))


def test_only_exclusions_is_kept_for_everything_except():
    assert parse("-rusia -suriah") == Should((Excluded(Word("rusia")), Excluded(Word("suriah"))))


def test_long_queries_are_bounded_and_say_what_they_dropped():
    many = [f"kata{number}" for number in range(MAX_WORDS + 10)]
    parsed = parse_query(" ".join(many))
    assert [leaf.text for leaf, _ in leaves(parsed.node)] == many[:MAX_WORDS]
    assert parsed.dropped == tuple(many[MAX_WORDS:])
    phrase = parse_query('"' + " ".join(many) + '"')
    assert phrase.node == Quoted(" ".join(many[:MAX_PHRASE_WORDS]))
    assert phrase.dropped == (" ".join(many[MAX_PHRASE_WORDS:]),)
    branches = parse_query(" OR ".join(many[:MAX_BRANCHES + 2]))
    assert len(branches.node.children) == MAX_BRANCHES
    assert branches.dropped == tuple(many[MAX_BRANCHES:MAX_BRANCHES + 2])
    phrases = parse_query(" ".join(f'"{word} sama"' for word in many[:MAX_PHRASES + 1]))
    assert len(phrases.node.children) == MAX_PHRASES and phrases.dropped == (f"{many[MAX_PHRASES]} sama",)
    parts = parse_query("-".join(many))
    assert parts.node == Word("-".join(many[:MAX_PHRASE_WORDS])) and parts.dropped


def test_repeats_count_once_and_are_no_news():
    assert parse_query("rusia " * 10_000) == ParsedQuery(Word("rusia"))
    assert parse("a OR a OR b") == AnyOf(words("a", "b"))
    assert parse("a AND (a AND b)") == AllOf(words("a", "b"))
    assert parse_query("rusia " * 300 + "suriah").dropped == ("suriah",)


def test_text_past_the_character_limit_is_reported():
    parsed = parse_query("rusia " + "x" * MAX_QUERY_CHARS + " suriah")
    assert parsed.node == Should(words("rusia", "x" * (MAX_QUERY_CHARS - 6)))
    assert parsed.dropped == ("x" * 6 + " suriah",)


def test_deep_nesting_is_bounded_and_still_finds_the_word():
    depth = 100
    assert parse("(" * depth + "rusia" + ")" * depth) == Word("rusia")
    assert parse("(" * 5_000 + "rusia" + ")" * 5_000) is None
    nested = [f"a{level}" for level in range(MAX_DEPTH + 4)]
    tree = parse("".join(f"({word} " for word in nested) + ")" * (MAX_DEPTH + 4))
    assert [leaf.text for leaf, _ in leaves(tree)] == nested


def test_leaves_say_which_words_are_excluded():
    tree = parse("rusia -(suriah OR -turki)")
    assert [(leaf.text, negated) for leaf, negated in leaves(tree)] == [
        ("rusia", False), ("suriah", True), ("turki", False),
    ]


@pytest.mark.parametrize("text", [
    'rusia suriah OR turki -"kerja sama"',
    "judul:(rusia OR suriah) AND (perang damai)",
    "-(a b) OR c AND -judul:d",
])
def test_unparse_gives_text_that_parses_back(text):
    tree = parse(text)
    assert parse(unparse(tree)) == tree


_PIECES = [
    "rusia", "Suriah", "kerja", "sama", "dan", "OR", "AND", "NOT", "ATAU", "DAN", "BUKAN", "or",
    '"', "\u201c", "\u201d", "(", ")", "-", "--", "judul:", "title:", "foo:", ":", "https://tirto.id/x",
    "AS-Rusia", "\x00", "\x1b", "\u202e", "\U0001f600", "\u0645\u0635\u0631", "   ", "\t", "\n", "'", "*",
]


def _random_query(rng: random.Random) -> str:
    pieces = [rng.choice(_PIECES) for _ in range(rng.randrange(1, 40))]
    separators = [rng.choice(["", " ", " ", "  "]) for _ in pieces]
    return "".join(piece + separator for piece, separator in zip(pieces, separators, strict=True))


def test_random_queries_round_trip():
    rng = random.Random(20240601)
    for _ in range(3000):
        text = _random_query(rng)
        tree = parse(text)
        if tree is not None:
            assert parse(unparse(tree)) == tree, text


def test_random_garbage_parses_within_bounded_work():
    """Speed is for benchmarks; here the work is bounded: never more than MAX_WORDS leaves."""
    rng = random.Random(7)
    alphabet = "".join(chr(code) for code in range(0, 0x250)) + "\u201c\u201d\u202e\U0001f600"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 300))) for _ in range(1000)]
    texts.append("".join(rng.choice(alphabet) for _ in range(10_000)))
    for text in texts:
        tree = parse(text)
        assert tree is None or sum(1 for _ in leaves(tree)) <= MAX_WORDS
