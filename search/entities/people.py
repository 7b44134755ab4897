"""People: names announced by a role or a reporting verb, running-text names, known names.

Every mention of an article is collected first; then short mentions (``Lavrov``,
``Sri Mulyani``) join the longest name of the article they are part of, and what is left
is looked up in the gazetteer, so an article gives each person once, under one name.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from search.entities.cues import (
    MEDIA_BEFORE, NOT_NAME_WORDS, ORG_PREFIXES, ORG_SUFFIXES, PLACE_BEFORE, PLACE_PREFIXES,
    SPEECH_AFTER, SPEECH_BEFORE, WORK_BEFORE,
)
from search.entities.gazetteer import ORG, PERSON, gazetteer
from search.entities.lexicon import is_common_word
from search.entities.normalize import NAME_PARTICLES, canonical_first_name, display_word, name_key
from search.entities.roles import announced_by_role, is_role_word, role_tokens
from search.entities.spans import Span
from search.entities.tokens import NUMBER, PUNCT, WORD, Token

MAX_NAME_WORDS = 5
MIN_NICKNAME = 4
_DATA = Path(__file__).with_name("data")
_OPENING_QUOTES = frozenset("\"“‘'")
_QUOTES = frozenset(",\"“”'‘’")
_BYLINE_LABELS = frozenset("penulis editor reporter rep red pewarta foto penyunting redaktur kontributor".split())
_NOT_NAME_STARTS = ORG_PREFIXES | PLACE_PREFIXES | ORG_SUFFIXES | NOT_NAME_WORDS


@lru_cache(maxsize=None)
def _word_list(name: str) -> frozenset[str]:
    with (_DATA / name).open(encoding="utf-8") as lines:
        return frozenset(word.lower() for line in lines if not line.startswith("#") for word in line.split())


def first_names() -> frozenset[str]:
    """Given names (lower case) that mark a capitalised run as a person's name."""
    return _word_list("first_names.txt")


def english_words() -> frozenset[str]:
    """English title words (lower case) that mark a capitalised run as a product, show or place."""
    return _word_list("english_words.txt")


@dataclass(slots=True)
class Mention:
    """One written occurrence of a person: where, in which words, and how sure.

    ``plausible`` says whether an unannounced, unknown run still reads as a name:
    it starts with a given name, or has no English title word and no product cue before it.
    """

    position: int
    words: tuple[str, ...]
    known: str | None
    announced: bool
    starts_with_given_name: bool = False
    plausible: bool = True
    key: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        self.key = name_key(self.words)


def is_name_word(token: Token) -> bool:
    """A word that can be part of a person's name: capitalised, not an Indonesian word, no title."""
    if token.kind != WORD or not token.cap or (token.upper and len(token.text) > 1):
        return False
    lower = token.text.lower()
    return lower not in _NOT_NAME_STARTS and not is_common_word(lower) and not is_role_word(token)


def _is_particle(tokens: list[Token], nameable: list[bool], index: int) -> bool:
    token = tokens[index]
    return token.kind == WORD and token.text.lower() in NAME_PARTICLES and index + 1 < len(tokens) \
        and (nameable[index + 1] or tokens[index + 1].text == "-")


def _is_initial(tokens: list[Token], index: int) -> bool:
    token = tokens[index]
    return token.kind == WORD and token.cap and len(token.text) == 1


def _continues_name(tokens: list[Token], nameable: list[bool], index: int) -> bool:
    """``Bima Sakti``, ``Budi Karya Sumadi``: an everyday word, capitalised in running text
    right after a name word, is still part of the name."""
    token = tokens[index]
    return (nameable[index - 1] and token.kind == WORD and token.cap and not token.upper
            and not token.ambiguous_case and token.text.lower() not in _NOT_NAME_STARTS and not is_role_word(token))


def _run_end(tokens: list[Token], owner: list[Span | None], nameable: list[bool], start: int) -> int:
    """End of the run of name words, initials, particles and known names starting at ``start``."""
    index = start
    while index < len(tokens):
        token = tokens[index]
        span = owner[index]
        if span is not None:
            if span.label != PERSON or span.start != index:
                break
            index = span.end
        elif nameable[index] or _is_initial(tokens, index) or (index > start and (
                _is_particle(tokens, nameable, index) or _continues_name(tokens, nameable, index))):
            index += 1
        elif token.text == "." and index > start and _is_initial(tokens, index - 1):
            index += 1
        elif token.text == "-" and token.glued and index > start and index + 1 < len(tokens) \
                and tokens[index + 1].glued:
            index += 1
        else:
            break
    while index > start and (tokens[index - 1].kind == PUNCT or _is_initial(tokens, index - 1)
                             or tokens[index - 1].text.lower() in NAME_PARTICLES) and owner[index - 1] is None:
        index -= 1
    return index


def _split_pairs(tokens: list[Token], owner: list[Span | None], start: int, end: int) -> list[tuple[int, int]]:
    """``Kerry-Lavrov-Jubeir``, ``Jokowi-Ma'ruf``: hyphens between known names separate people."""
    parts = []
    part_start = start
    for index in range(start, end):
        if tokens[index].text != "-" or tokens[index - 1].text.lower() in NAME_PARTICLES:
            continue
        known_side = owner[index - 1] is not None or owner[index + 1] is not None
        long_side = index - part_start >= 2
        if known_side or long_side:
            parts.append((part_start, index))
            part_start = index + 1
    parts.append((part_start, end))
    return [(first, last) for first, last in parts if first < last]


def _split_known(tokens: list[Token], owner: list[Span | None],
                 parts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``Polhukam Wiranto``: words before a known name that do not make a known name with it
    are not part of it (``Sergei Lavrov`` does, through its variant spelling)."""
    split: list[tuple[int, int]] = []
    for start, end in parts:
        span = owner[end - 1]
        if span is not None and span.label == PERSON and span.start > start \
                and gazetteer().person(token.text for token in tokens[start:end] if token.text != ".") is None:
            split += [(start, span.start), (span.start, end)]
        else:
            split.append((start, end))
    return split


def display_name(words: list[str]) -> str:
    """Facet form of a name: accents folded, first-name variant fixed, ``Al Jubeir`` → ``al-Jubeir``."""
    shown: list[str] = []
    index = 0
    while index < len(words):
        word = display_word(words[index])
        if not shown:
            word = canonical_first_name(word)
        if shown and word.lower() in ("al", "el") and index + 1 < len(words):
            following = words[index + 2] if words[index + 1] == "-" and index + 2 < len(words) else words[index + 1]
            shown.append(f"{word.lower()}-{display_word(following)}")
            index += 3 if words[index + 1] == "-" else 2
            continue
        if word == "-" and shown:
            shown[-1] += "-"
        elif shown and shown[-1].endswith("-"):
            shown[-1] += word
        else:
            shown.append(word)
        index += 1
    return " ".join(shown)


def _is_announced(tokens: list[Token], owner: list[Span | None], ends: dict[int, str], start: int, end: int) -> bool:
    before = tokens[start - 1] if start > 0 else None
    if before is not None and before.text.lower() in SPEECH_BEFORE and not before.cap or (
            before is not None and before.text.lower() in SPEECH_BEFORE and before.sentence_start):
        earlier = tokens[start - 2] if start > 1 else None
        if earlier is None or earlier.text in _QUOTES or before.sentence_start:
            return True
    if end < len(tokens) and tokens[end].kind == WORD and tokens[end].text in SPEECH_AFTER:
        return True
    if end + 2 < len(tokens) and tokens[end].text == "(" and tokens[end + 1].kind == NUMBER \
            and tokens[end + 2].text == ")":
        return True
    if before is not None and before.text == ":" and start > 1 and tokens[start - 2].text.lower() in _BYLINE_LABELS:
        return True
    return announced_by_role(tokens, owner, ends, start)


def _looks_elsewhere(tokens: list[Token], start: int, end: int) -> bool:
    """A run after ``di``/``ke`` is a place, after ``dilansir`` a medium, before ``Tbk`` a company."""
    before = tokens[start - 1].text if start > 0 else ""
    after = tokens[end].text.lower() if end < len(tokens) else ""
    return before in PLACE_BEFORE or before in MEDIA_BEFORE or after in ORG_SUFFIXES


def collect_mentions(tokens: list[Token], owner: list[Span | None], ends: dict[int, str]) -> list[Mention]:
    """Every person mention of the article, known or not, announced or not."""
    roles = role_tokens(ends)
    nameable = [index not in roles and is_name_word(token) for index, token in enumerate(tokens)]
    mentions: list[Mention] = []
    index = 0
    while index < len(tokens):
        span = owner[index]
        starts_run = (span is not None and span.label == PERSON and span.start == index) or (
            span is None and nameable[index])
        if not starts_run:
            index = span.end if span is not None else index + 1
            continue
        end = _run_end(tokens, owner, nameable, index)
        for start, stop in _split_known(tokens, owner, _split_pairs(tokens, owner, index, end)):
            mention = _mention(tokens, owner, ends, start, stop)
            if mention is not None:
                mentions.append(mention)
        index = max(end, index + 1)
    return mentions


def _mention(tokens: list[Token], owner: list[Span | None], ends: dict[int, str], start: int,
             end: int) -> Mention | None:
    span = owner[start]
    if span is not None and span.start == start and span.end == end:
        return Mention(start, tuple(token.text for token in tokens[start:end]), span.canonical, True)
    announced = _is_announced(tokens, owner, ends, start, end)
    if not announced:
        while end - start > 1 and is_common_word(tokens[end - 1].text):
            end -= 1
    words = tuple(token.text for token in tokens[start:end] if token.text != ".")
    if len(words) > MAX_NAME_WORDS:
        return None
    known = gazetteer().person(words)
    if not announced and not known and (tokens[start].headline or _looks_elsewhere(tokens, start, end)):
        return None
    given = words[0].lower() in first_names()
    quoted = start > 0 and tokens[start - 1].text in _OPENING_QUOTES
    titled = any(word.lower() in english_words() for word in words)
    work = start > 0 and (tokens[start - 1].text in WORK_BEFORE or (
        owner[start - 1] is not None and owner[start - 1].label == ORG))
    return Mention(start, words, known, announced, given, not (quoted or titled or work))


def _core(mention: Mention) -> tuple[str, ...]:
    return mention.key


def _is_part_of(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """``(lavrov,)`` in ``(sergey, lavrov)``; ``(sri, mulyani)`` in ``(sri, mulyani, indrawati)``."""
    if not short or len(short) >= len(full):
        return False
    position = 0
    for word in short:
        try:
            position = full.index(word, position) + 1
        except ValueError:
            return False
    return True


def _full_name(mention: Mention) -> str | None:
    if mention.known:
        return mention.known
    if len(mention.key) >= 2:
        return display_name(list(mention.words))
    return None


def resolve_people(mentions: list[Mention]) -> list[str]:
    """Canonical names of the article's people, in order of first mention.

    A full name nobody announced and no list knows counts when it starts with a given
    name, reads as a name, or shares a word with a name that was announced or known.
    """
    first_seen: dict[str, int] = {}
    vouched = {word for mention in mentions if mention.known or mention.announced for word in mention.key}
    fulls = [(mention, _full_name(mention)) for mention in mentions]
    named = [(mention, name) for mention, name in fulls if name and _credible(mention, vouched)]
    for mention, name in fulls:
        container = _container(mention, named)
        if container is not None:
            name = container
        elif name is None and mention.announced:
            name = display_name(list(mention.words))
        elif name is not None and not _credible(mention, vouched):
            name = None
        if name:
            first_seen[name] = min(first_seen.get(name, mention.position), mention.position)
    return sorted(first_seen, key=first_seen.__getitem__)


def _credible(mention: Mention, vouched: set[str]) -> bool:
    return (mention.known is not None or mention.announced or mention.starts_with_given_name
            or mention.plausible or bool(vouched & set(mention.key)))


def _container(mention: Mention, named: list[tuple[Mention, str]]) -> str | None:
    """The article's longer name this mention is part of, when exactly one such name fits.

    A lone word may also be the start of a longer name's word (``Alex`` for ``Alexander
    Marwata``) when no name contains it whole.
    """
    key = _core(mention)
    names = {name for other, name in named if _is_part_of(key, _core(other))}
    known = {name for name in names if name in gazetteer().people}
    if not names and len(key) == 1 and len(key[0]) >= MIN_NICKNAME:
        names = {name for other, name in named if len(_core(other)) > 1
                 and any(word.startswith(key[0]) for word in _core(other))}
    if len(names) == 1:
        return names.pop()
    if len(known) == 1:
        return known.pop()
    return None


def find_people(tokens: list[Token], owner: list[Span | None], ends: dict[int, str]) -> list[str]:
    """The people an article mentions, by canonical name, in order of first mention."""
    return resolve_people(collect_mentions(tokens, owner, ends))


def canonical_person(name: str) -> str:
    """The facet value for a person's name written on its own (known name or cleaned spelling)."""
    words = [word for word in name.replace("-", " - ").split() if word != "."]
    return gazetteer().person(words) or display_name(words)
