"""Does a title or role announce the name that starts here?

Indonesian puts the whole office before the name: ``Menteri Luar Negeri AS John Kerry``,
``Ketua Umum Partai Gerindra Prabowo Subianto``, ``juru bicara Kremlin, Dmitry Peskov``,
``ahli militer independen, Dimitri Litovkin``. Walking back from the name over the
office's qualifiers (portfolio words, countries, organizations, places, one comma) must
reach a role word.
"""

from __future__ import annotations

from functools import lru_cache

from search.entities.cues import DESCRIPTIVE_ROLES, LOWERCASE_ONLY_ROLES, ROLE_PHRASES
from search.entities.gazetteer import PERSON
from search.entities.lexicon import is_common_word
from search.entities.spans import Span
from search.entities.titles import BRANCH_WORDS
from search.entities.tokens import NEWLINE, NUMBER, PUNCT, WORD, Token

# Roles of one word (``ketum``, ``kapolsek``), for the rules that read a single word.
ROLE_WORDS = frozenset(phrase for phrase in ROLE_PHRASES if " " not in phrase)
MAX_QUALIFIER_TOKENS = 10
MAX_DESCRIPTION_WORDS = 4
_QUALIFIER_PUNCTUATION = frozenset("/()-.&")
_ROMAN = frozenset("I II III IV V VI VII VIII IX X XI XII".split())
# Lower-case words that end a description: the clause has moved on to something else.
_CLAUSE_WORDS = frozenset("yang bahwa adalah ialah dengan kepada oleh pada saat ketika karena tetapi namun "
                          "dan atau serta juga akan telah sudah sedang masih tidak bukan ini itu".split())


@lru_cache(maxsize=1)
def _role_trie() -> dict:
    root: dict = {}
    for phrase in ROLE_PHRASES:
        node = root
        for word in phrase.split():
            node = node.setdefault(word, {})
        node[""] = phrase
    return root


def role_ends(tokens: list[Token]) -> dict[int, str]:
    """Token index → role phrase ending there (the phrase's last token); the longest phrase wins."""
    ends: dict[int, str] = {}
    root = _role_trie()
    for start, token in enumerate(tokens):
        if token.kind != WORD:
            continue
        node, index = root, start
        while index < len(tokens) and tokens[index].kind == WORD:
            word = tokens[index].text.lower()
            if word not in node or (tokens[index].cap and word in LOWERCASE_ONLY_ROLES):
                break
            node = node[word]
            if "" in node:
                ends[index] = node[""]
            index += 1
    return ends


def role_tokens(ends: dict[int, str]) -> frozenset[int]:
    """Indices of every token inside a role phrase (``Kabid``, ``Humas`` of ``Kabid Humas``)."""
    return frozenset(index for end, phrase in ends.items() for index in range(end - len(phrase.split()) + 1, end + 1))


def is_role_word(token: Token) -> bool:
    """A single-word role (``Presiden``, ``Pak``) in a position where it acts as one."""
    word = token.text.lower()
    return word in _role_trie() and "" in _role_trie()[word] and not (token.cap and word in LOWERCASE_ONLY_ROLES)


def _is_qualifier_word(token: Token, descriptive: bool) -> bool:
    if token.kind == NUMBER or token.text in _ROMAN or token.upper or token.text.lower() in BRANCH_WORDS:
        return True
    if token.kind != WORD:
        return False
    if token.cap:
        return is_common_word(token.text)
    return descriptive and token.text not in _CLAUSE_WORDS and not token.text.startswith(("me", "di", "ber", "ter"))


def announced_by_role(tokens: list[Token], owner: list[Span | None], ends: dict[int, str], start: int) -> bool:
    """True when a role phrase, maybe followed by its qualifiers, ends right before ``start``.

    A word in parentheses is an abbreviation of what precedes it (``Direktur Utama
    Pertamina Energy Trading Ltd (Petral)``), not the name the role announces.
    """
    if start > 0 and tokens[start - 1].text == "(":
        return False
    index = start - 1
    skipped = commas = described = 0
    while index >= 0 and skipped <= MAX_QUALIFIER_TOKENS:
        if index in ends:
            return True
        token = tokens[index]
        span = owner[index]
        if token.kind == NEWLINE or (span is not None and span.label == PERSON):
            return False
        if span is not None:
            index = span.start - 1
            skipped += span.end - span.start
            continue
        if token.text == ",":
            commas += 1
            if commas > 1:
                return False
        elif token.kind == PUNCT and token.text not in _QUALIFIER_PUNCTUATION:
            return False
        elif token.kind != PUNCT:
            if not token.cap and token.kind == WORD:
                described += 1
                if described > MAX_DESCRIPTION_WORDS or not _descriptive_role_before(tokens, ends, index):
                    return False
            if not _is_qualifier_word(token, descriptive=True):
                return False
        index -= 1
        skipped += 1
    return False


def _descriptive_role_before(tokens: list[Token], ends: dict[int, str], index: int) -> bool:
    """Lower-case description words are allowed only after a describing role (``pengamat politik``)."""
    for back in range(index - 1, max(-1, index - MAX_DESCRIPTION_WORDS - 2), -1):
        if back in ends:
            return ends[back].split()[0] in DESCRIPTIVE_ROLES
        if tokens[back].kind != WORD or tokens[back].cap:
            return False
    return False
