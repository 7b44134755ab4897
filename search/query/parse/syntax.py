"""The query language: any text in, a small tree out, never an exception.

Grammar, loosest binding first (juxtaposition is the common case, so the
explicit operators bind tighter, as in web search: ``rusia suriah OR turki``
looks for ``rusia`` and for either of the others)::

    query    := sequence                       -> Should
    sequence := either+
    either   := both ((OR | ATAU) both)*       -> AnyOf
    both     := near ((AND | DAN) near)*       -> AllOf
    near     := unary (DEKAT[/N] unary)*       -> Quoted(near=N) of the words
    unary    := (NOT | BUKAN | -)* [judul: | title:] primary
    primary  := word | "phrase" | "words"~N | ( sequence )

``"kerja sama"~5`` and ``kerja DEKAT/5 sama`` are the same query: the words in any order,
all within 5 positions (the first of them to the last; neighbours are 1 apart, and words
the index does not keep, stopwords, still take up their places). ``DEKAT`` alone means
``DEKAT/5``; a chain ``a DEKAT/3 b DEKAT/8 c`` puts all its words in one group, within the
largest distance it names; an operand that is not a word or phrase (a group, a negation)
leaves ``DEKAT`` ignored. A distance is at most ``MAX_NEAR_DISTANCE``.

Operators count only in capitals: ``dan``, ``atau`` and ``or`` are words.
Broken input degrades instead of failing:

- an unbalanced quote is dropped and the text after it is read as words (a
  stray quote is more often a typo than half a phrase, and words keep recall);
- an operator with a missing operand, a stray ``)``, an unclosed ``(``, a lone
  ``-`` or an empty group is ignored; ``--x`` is ``-x``; ``NOT NOT x`` is ``x``;
- an unknown prefix (``foo:bar``) or a URL stays one word, which the compiler
  searches as the phrase of its parts;
- control characters become spaces; curly quotes are quotes; words and phrases
  without a letter or digit are dropped;
- a part repeated in a group (``jadi jadi``, ``a OR a``) counts once;
- work is bounded whatever the text (see ``bench/hostile_queries.py``): the first
  ``MAX_QUERY_CHARS`` characters, ``MAX_TOKENS`` tokens, ``MAX_WORDS`` words in all,
  ``MAX_PHRASES`` phrases of at most ``MAX_PHRASE_WORDS`` words each (a word of many
  parts, ``a-b-c``, is searched as a phrase and counts as one), ``MAX_BRANCHES`` alternatives per ``OR`` and ``MAX_DEPTH``
  nested groups (deeper brackets are ignored) are read. What is cut off is never an
  error: :func:`parse_query` returns it, so the reader is told what was not searched.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from enum import Enum, auto

# The most characters of a query (and of a filter value) read: nobody types more, and the
# work of reading one must stay bounded; ``SearchRequest`` cuts every text it is given here.
MAX_QUERY_CHARS = 2000
MAX_TOKENS = 256
# Word counts are of letter-and-digit runs, the most the analyser can make of a text.
# 32 words cut 3 of FacQA's 2,495 dev questions. Phrases cost most (their positions are
# read from Whoosh's pickles): at 22k articles four ORed phrases of common words took
# 177 ms, so three are read, of at most eight words each (bench/hostile_queries.py;
# docs/serving.md has the table).
MAX_WORDS = 32
MAX_PHRASE_WORDS = 8
MAX_PHRASES = 3
MAX_BRANCHES = 16
MAX_DEPTH = 16
# Proximity (``"a b"~N``, ``a DEKAT/N b``) counts as a phrase against the limits above: its
# words' positions are read as a phrase's are. Beyond 50 positions (a few sentences) it
# says little more than AND; a larger distance is read as 50.
MAX_NEAR_DISTANCE = 50
DEFAULT_NEAR_DISTANCE = 5

TITLE = "title"
# Query prefixes and the field each restricts to.
FIELD_PREFIXES = {"judul": TITLE, "title": TITLE}
# The prefix written back when a tree is turned into text.
_FIELD_SPELLING = {TITLE: "judul"}


@dataclass(frozen=True)
class Word:
    """One typed word, as typed; ``field`` None means title and body."""

    text: str
    field: str | None = None


@dataclass(frozen=True)
class Quoted:
    """Words that must occur together, in order; with ``near``, in any order within ``near`` positions."""

    text: str
    field: str | None = None
    near: int | None = None


@dataclass(frozen=True)
class Excluded:
    """Documents matching ``child`` are excluded."""

    child: Node


@dataclass(frozen=True)
class AllOf:
    """Every child must match (``AND``)."""

    children: tuple[Node, ...]


@dataclass(frozen=True)
class AnyOf:
    """At least one child must match (``OR``)."""

    children: tuple[Node, ...]


@dataclass(frozen=True)
class Should:
    """Juxtaposed parts: any may match, and matching more of them ranks higher."""

    children: tuple[Node, ...]


Leaf = Word | Quoted
Group = AllOf | AnyOf | Should
Node = Word | Quoted | Excluded | AllOf | AnyOf | Should


@dataclass(frozen=True)
class ParsedQuery:
    """A query's tree, and the parts of its text left unsearched because they went past a
    limit, in query order (empty when everything typed is searched)."""

    node: Node | None
    dropped: tuple[str, ...] = ()


class _Kind(Enum):
    WORD = auto()
    PHRASE = auto()
    FIELD = auto()
    OPEN = auto()
    CLOSE = auto()
    OR = auto()
    AND = auto()
    NOT = auto()
    NEAR = auto()


@dataclass(frozen=True)
class _Token:
    kind: _Kind
    text: str = ""
    distance: int | None = None


_OPERATORS = {
    "OR": _Kind.OR, "ATAU": _Kind.OR,
    "AND": _Kind.AND, "DAN": _Kind.AND,
    "NOT": _Kind.NOT, "BUKAN": _Kind.NOT,
}
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"'})
_PREFIXES = "|".join(FIELD_PREFIXES)
# Tried in order at the start of every token; a run of minus signs negates only
# when something follows it, and a field prefix counts only when it is attached.
_LEXEME = re.compile(
    rf"""(?P<open>\()|(?P<close>\))
    |"(?P<phrase>[^"]*)"(?:~(?P<slop>\d{{1,6}}))?|(?P<quote>")
    |(?P<near>DEKAT(?:/(?P<distance>\d{{1,6}}))?)(?=[\s()"]|$)
    |(?P<minus>-+)(?=[^\s)])|(?P<lone>-+)
    |(?P<field>(?i:{_PREFIXES})):(?=[^\s)])
    |(?P<word>[^\s"()]+)""",
    re.VERBOSE,
)
_SPACE = re.compile(r"\s+")
_WORD_PART = re.compile(r"[^\W_]+")


def parse(text: str) -> Node | None:
    """The query tree of ``text``; None when no word or phrase is left to search."""
    return parse_query(text).node


def parse_query(text: str) -> ParsedQuery:
    """The query tree of ``text`` and what of the text went past the limits."""
    cleaned = _clean(text[:MAX_QUERY_CHARS])
    tokens, rest = _tokens(cleaned)
    parser = _Parser(tokens)
    node = parser.sequence()
    return ParsedQuery(node, parser.unsearched(node, rest + _clean(text[MAX_QUERY_CHARS:])))


def _clean(text: str) -> str:
    return "".join(ch if ch.isprintable() else " " for ch in text.translate(_QUOTES))


def _tokens(text: str) -> tuple[list[_Token], str]:
    """The tokens of ``text``, at most ``MAX_TOKENS``, and the text after the last one read."""
    tokens: list[_Token] = []
    position = 0
    while len(tokens) < MAX_TOKENS:
        space = _SPACE.match(text, position)
        if space:
            position = space.end()
        match = _LEXEME.match(text, position)
        if match is None:
            break
        position = match.end()
        token = _token(match)
        if token is not None:
            tokens.append(token)
    return tokens, text[position:].strip()


def _token(match: re.Match[str]) -> _Token | None:
    kind = match.lastgroup
    if kind == "word":
        word = match.group("word")
        return _Token(_OPERATORS.get(word, _Kind.WORD), word)
    if kind == "phrase" or kind == "slop":
        slop = match.group("slop")
        return _Token(_Kind.PHRASE, match.group("phrase"), _distance(slop) if slop else None)
    if kind == "near":
        given = match.group("distance")
        return _Token(_Kind.NEAR, distance=_distance(given) if given else DEFAULT_NEAR_DISTANCE)
    if kind == "field":
        return _Token(_Kind.FIELD, FIELD_PREFIXES[match.group("field").lower()])
    if kind == "minus":
        return _Token(_Kind.NOT)
    if kind == "open":
        return _Token(_Kind.OPEN)
    if kind == "close":
        return _Token(_Kind.CLOSE)
    return None


def _distance(digits: str) -> int:
    return max(1, min(MAX_NEAR_DISTANCE, int(digits)))


class _Parser:
    """Recursive descent that always makes progress and never raises.

    Recursion happens only through brackets, at most ``MAX_DEPTH`` deep;
    negations and prefixes are read in loops.
    """

    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.position = 0
        self.depth = 0
        self.ignored_opens = 0
        self.words_left = MAX_WORDS
        self.phrases_left = MAX_PHRASES
        # Parts cut off: whole words, phrases and alternatives, and the tails of cut phrases.
        self.dropped: list[str] = []
        self.tails: list[str] = []

    def unsearched(self, node: Node | None, unread: str) -> tuple[str, ...]:
        """What was cut off, each piece once. A dropped word or part that is searched anyway
        (``rusia rusia …`` past the limit) is not news to the reader and is left out."""
        searched = {leaf.text for leaf, _ in leaves(node)} if node is not None else set()
        searched_words = {word for text in searched for word in text.split()}
        unread_words = " ".join(word for word in unread.split() if word.strip('"()-') not in searched_words)
        pieces = [*(piece for piece in self.dropped if piece not in searched), *self.tails, unread_words]
        tidy = (" ".join(piece.split()).strip("- ") for piece in pieces)
        return tuple(piece for piece in dict.fromkeys(tidy) if piece)

    def peek(self) -> _Kind | None:
        return self.tokens[self.position].kind if self.position < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.position]
        self.position += 1
        return token

    def sequence(self) -> Node | None:
        parts: list[Node] = []
        while (kind := self.peek()) is not None:
            if kind is _Kind.CLOSE:
                if self.ignored_opens:
                    self.ignored_opens -= 1
                elif self.depth:
                    break
                self.take()
                continue
            start = self.position
            part = self.either()
            if part is not None:
                parts.append(part)
            if self.position == start:
                self.take()
        return _group(Should, parts)

    def either(self) -> Node | None:
        parts = [self.both()]
        while self.peek() is _Kind.OR:
            self.take()
            parts.append(self.both())
        kept = list(dict.fromkeys(part for part in parts if part is not None))
        self.dropped.extend(unparse(part) for part in kept[MAX_BRANCHES:])
        return _group(AnyOf, kept[:MAX_BRANCHES])

    def both(self) -> Node | None:
        parts = [self.near()]
        while self.peek() is _Kind.AND:
            self.take()
            parts.append(self.near())
        return _group(AllOf, [part for part in parts if part is not None])

    def near(self) -> Node | None:
        """``a DEKAT/N b ...``: the operands' words as one proximity group."""
        parts = [self.unary()]
        distance = 0
        while self.peek() is _Kind.NEAR:
            distance = max(distance, self.take().distance or 0)
            parts.append(self.unary())
        kept = [part for part in parts if part is not None]
        if len(kept) < 2:
            return kept[0] if kept else None
        fields = {part.field for part in kept if isinstance(part, Word | Quoted)}
        if not all(isinstance(part, Word | Quoted) for part in kept) or len(fields) > 1:
            return _group(Should, kept)
        words = " ".join(part.text for part in kept if isinstance(part, Word | Quoted)).split()
        if not any(isinstance(part, Quoted) for part in kept):  # a phrase operand has paid already
            if self.phrases_left <= 0:
                return _group(Should, kept)
            self.phrases_left -= 1
        return Quoted(" ".join(words[:MAX_PHRASE_WORDS]), fields.pop(), distance)

    def unary(self) -> Node | None:
        negations = 0
        field = None
        while (kind := self.peek()) in (_Kind.NOT, _Kind.FIELD, _Kind.OR, _Kind.AND):
            token = self.take()
            if kind is _Kind.NOT:
                negations += 1
            elif kind is _Kind.FIELD:
                field = token.text
        node = self.primary()
        if node is None:
            return None
        if field is not None:
            node = with_field(node, field)
        return negate(node) if negations % 2 else node

    def primary(self) -> Node | None:
        while self.peek() is _Kind.OPEN and self.depth >= MAX_DEPTH:
            self.take()
            self.ignored_opens += 1
        kind = self.peek()
        if kind is _Kind.WORD:
            return self.leaf(Word, self.take().text)
        if kind is _Kind.PHRASE:
            token = self.take()
            leaf = self.leaf(Quoted, token.text)
            return replace(leaf, near=token.distance) if isinstance(leaf, Quoted) and token.distance else leaf
        if kind is _Kind.OPEN:
            self.take()
            self.depth += 1
            node = self.sequence()
            self.depth -= 1
            if self.peek() is _Kind.CLOSE:
                self.take()
            return node
        return None

    def leaf(self, kind: type[Word] | type[Quoted], text: str) -> Leaf | None:
        """The word or phrase, cut after as many words as the limits still allow."""
        parts = list(_WORD_PART.finditer(text))
        if not parts:
            return None
        allowed = min(self.words_left, MAX_PHRASE_WORDS)
        if len(parts) > 1:
            allowed = allowed if self.phrases_left > 0 else 0
            self.phrases_left -= 1
        if len(parts) > allowed:
            cut = parts[allowed - 1].end() if allowed else 0
            (self.tails if allowed else self.dropped).append(text[cut:])
            text = text[:cut]
        self.words_left -= min(len(parts), allowed)
        return kind(" ".join(text.split())) if allowed else None


def _group(kind: type[Group], parts: list[Node]) -> Node | None:
    """One part stands alone; parts of the same kind merge, since grouping them changes nothing,
    and a part repeated counts once: searching it twice would only cost twice."""
    if len(parts) <= 1:
        return parts[0] if parts else None
    children: list[Node] = []
    for part in parts:
        children.extend(part.children if isinstance(part, kind) else (part,))
    unique = tuple(dict.fromkeys(children))
    return kind(unique) if len(unique) > 1 else unique[0]


def without_last_leaf(node: Node) -> Node | None:
    """The tree without its last word or phrase; None when nothing is left."""
    if isinstance(node, Word | Quoted):
        return None
    if isinstance(node, Excluded):
        child = without_last_leaf(node.child)
        return Excluded(child) if child is not None else None
    rest = without_last_leaf(node.children[-1])
    return _group(type(node), [*node.children[:-1], *([rest] if rest is not None else [])])


def negate(node: Node) -> Node:
    """Excluding an exclusion keeps what it excluded."""
    return node.child if isinstance(node, Excluded) else Excluded(node)


def with_field(node: Node, field: str) -> Node:
    """``node`` restricted to ``field`` wherever a word or phrase has no field of its own."""
    return map_leaves(node, lambda leaf: leaf if leaf.field else replace(leaf, field=field))


def map_leaves(node: Node, change: Callable[[Leaf], Node]) -> Node:
    """The same tree with every word and phrase passed through ``change``."""
    if isinstance(node, Word | Quoted):
        return change(node)
    if isinstance(node, Excluded):
        return Excluded(map_leaves(node.child, change))
    return type(node)(tuple(map_leaves(child, change) for child in node.children))


def leaves(node: Node, negated: bool = False) -> Iterator[tuple[Leaf, bool]]:
    """Every word and phrase in query order, with whether it is excluded."""
    if isinstance(node, Word | Quoted):
        yield node, negated
    elif isinstance(node, Excluded):
        yield from leaves(node.child, not negated)
    else:
        for child in node.children:
            yield from leaves(child, negated)


def unparse(node: Node) -> str:
    """Query text that parses back to ``node``: how a corrected query is shown to the reader."""
    if isinstance(node, Word | Quoted):
        prefix = f"{_FIELD_SPELLING[node.field]}:" if node.field else ""
        if isinstance(node, Word):
            return prefix + node.text
        return prefix + f'"{node.text}"' + (f"~{node.near}" if node.near else "")
    if isinstance(node, Excluded):
        return "-" + _operand(node.child, looser=(AllOf, AnyOf, Should))
    if isinstance(node, AllOf):
        return " AND ".join(_operand(child, looser=(AnyOf, Should)) for child in node.children)
    if isinstance(node, AnyOf):
        return " OR ".join(_operand(child, looser=(Should,)) for child in node.children)
    return " ".join(unparse(child) for child in node.children)


def _operand(node: Node, looser: tuple[type, ...]) -> str:
    text = unparse(node)
    return f"({text})" if isinstance(node, looser) else text
