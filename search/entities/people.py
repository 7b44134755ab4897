"""People: names announced by a role or a reporting verb, running-text names, known names.

Every mention of an article is collected first; then short mentions (``Lavrov``,
``Sri Mulyani``) join the longest name of the article they are part of, and what is left
is looked up in the gazetteer, so an article gives each person once, under one name.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from search.entities.cues import (
    BODY_APPOSITIONS,
    ENGLISH_JOINERS,
    ENGLISH_PLACE_CLOSERS,
    GENERAL,
    GENERAL_OFFICES,
    GROUP_BEFORE,
    MEDIA_BEFORE,
    NAMED_AFTER_PEOPLE,
    NOT_NAME_WORDS,
    ORG_PREFIXES,
    ORG_SUFFIXES,
    PERSON_AFTER,
    PLACE_BEFORE,
    PLACE_PREFIXES,
    SERVED_BY_BEFORE,
    SPEECH_AFTER,
    SPEECH_BEFORE,
    SPEECH_BEFORE_ALONE,
    TERRITORY_ROLES,
    WORK_BEFORE,
)
from search.entities.gazetteer import COUNTRY, ORG, PERSON, PLACE, gazetteer, not_people
from search.entities.lexicon import is_common_word, is_mostly_capitalised, is_name_part
from search.entities.name_words import is_body_word, is_people_word
from search.entities.normalize import NAME_PARTICLES, canonical_first_name, display_word, name_key
from search.entities.organizations import initials_match
from search.entities.roles import ROLE_WORDS, announced_by_role, is_role_word, role_tokens
from search.entities.spans import Span
from search.entities.titles import is_title_word
from search.entities.tokens import NUMBER, PUNCT, WORD, Token
from search.entities.wordlists import english_words, given_names

MAX_NAME_WORDS = 5
MIN_NICKNAME = 4
_OPENING_QUOTES = frozenset("\"“‘'")
# Regnal numbers that belong to a name (``Hamengku Buwono X``, ``Elizabeth II``).
_REGNAL = frozenset("II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI".split())
_QUOTES = frozenset(",\"“”'‘’")
_BYLINE_LABELS = frozenset("penulis editor reporter rep red pewarta foto penyunting redaktur kontributor".split())
# Words that close an organization's name, so no person's (``Saiful Mujani Research``).
_ORG_CLOSERS = ORG_SUFFIXES | frozenset("research consulting media center centre network news press".split())
# ``The Foxes``, ``The Jakmania``: after it, a capitalised run is a title, team or company.
_ENGLISH_ARTICLE = "The"
# Prefixes after which a capital is still a name's (``McDonald``, ``DiCaprio``, ``LaGuardia``).
_NAME_PREFIXES = ("Mc", "Mac", "De", "Di", "Da", "La", "Le", "Van", "Von", "Al", "El", "O'")
# What may stand between two coordinated names.
# A bare comma joins names inside a list that goes on (``Neneng, Yulianis dan Oktarina``), or
# before the subject of the next clause (``Menurut Fernita, Angel suka``); elsewhere it joins
# appositions as often (``Direktur, Budi``, ``Bravo, Jojo!``).
_HYPHEN = ("-",)
_COORDINATORS = frozenset({("dan",), ("serta",), _HYPHEN, (",", "dan"), (",", "serta")})
_LIST_COMMA = (",",)
_NOT_NAME_STARTS = ORG_PREFIXES | PLACE_PREFIXES | ORG_SUFFIXES | NOT_NAME_WORDS
# Place words of a territory: a name right before one of them with its name is a place in it.
_TERRITORY_WORDS = frozenset("kota kabupaten kecamatan kelurahan desa provinsi".split())
# ``warga Palakahembi``: one word after it is the place its people live in.
_RESIDENT_WORD = "warga"
# ``Ketumnya``, ``Musuhmu``, ``Tirulah``: the possessive endings and the particles ``-lah``,
# ``-kah`` on an everyday word or a role; the short ones need a longer stem (``Ayumu``,
# ``Tengku`` are names; ``Abdullah`` has no everyday stem).
_POSSESSIVES = {"nya": 3, "mu": 5, "ku": 5, "lah": 4, "kah": 4}
# ``Disaster Identification``, ``Irresistible Bazaar``, ``Community Development``: endings no
# Indonesian word or name has (Indonesian writes ``-si``, ``-bel``, ``-logi``), so English title words.
# (``-ution`` is left out: ``Nasution`` is a Batak family name.)
_ENGLISH_ENDINGS = ("ation", "ction", "sion", "ible", "able", "ment", "ness", "ology", "ologies", "ical", "ship", "ture")
MIN_ENGLISH_WORD = 6
# ``Kemenkum``, ``Kemendag``: short forms of a ministry (``Kementerian``), never a name.
_MINISTRY_SHORT = "kemen"
# ``Coldplay's Chris Martin``: an English possessive is the owner's word, not the name's.
_ENGLISH_POSSESSIVES = ("'s", "’s")
# ``I've Been Changed``, ``Don't Stop``: an English contraction is a title's word, never a name's.
_ENGLISH_CONTRACTIONS = ("'ve", "'re", "'ll", "'m", "n't", "'d")
# ``Judul karya Pengarang``: the lower-case word after a work's title that names its maker.
_MADE_BY = frozenset({"karya", "garapan", "besutan"})
# ``anak perusahaan``, ``anak usaha``: a subsidiary.
_CHILD, _COMPANY_NOUNS = "anak", frozenset({"perusahaan", "usaha"})
# How far a run of capitals next to a name is read for an English title's joining word.
MAX_TITLE_REACH = 4


@dataclass(slots=True)
class Mention:
    """One written occurrence of a person: where, in which words, and how sure.

    ``plausible`` says whether an unannounced, unknown run still reads as a name (no
    English title word, no product cue or quotation mark before it); ``thing`` that a
    product cue or the corpus list says it is a place, a work or a body, so no other
    mention's word vouches for it; ``unmade`` that the article shows it to be a body or a
    thing, which the article's other mentions of it are too; ``meant`` is the key of the person meant, the known
    canonical's when known (``Trump`` → Donald Trump).
    """

    position: int
    words: tuple[str, ...]
    known: str | None
    announced: bool
    starts_with_given_name: bool = False
    plausible: bool = True
    thing: bool = False
    unmade: bool = False
    end: int = 0
    key: tuple[str, ...] = ()
    meant: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        self.key = name_key(self.words)
        self.meant = name_key(self.known.split()) if self.known else self.key


def is_name_word(token: Token) -> bool:
    """A word that can be part of a person's name: capitalised, not an Indonesian word, no
    title, no digit (``Rp1``, ``A80``), written in one alphabet and cased as names are
    (``KakaoTalk``, ``IndoHCF`` and a Greek letter in a Latin word are brands and misprints;
    ``McDonald``, ``DeSoto`` keep their prefixes)."""
    if token.kind != WORD or not token.cap or (token.upper and len(token.text) > 1) \
            or any(char.isdigit() for char in token.text) or not _cased_as_name(token.text):
        return False
    lower = token.text.lower()
    return lower not in _NOT_NAME_STARTS and not is_common_word(lower) and not is_role_word(token) \
        and not lower.startswith(_MINISTRY_SHORT) \
        and not is_title_word(token.text) and not _is_possessed(lower) and not lower.endswith(_ENGLISH_POSSESSIVES) \
        and not lower.replace("’", "'").endswith(_ENGLISH_CONTRACTIONS)


def _is_possessed(lower: str) -> bool:
    """``Ketumnya`` (its chairman), ``Musuhmu`` (your enemy): an everyday word or a role with a
    possessive ending is no name word (``Sonya``, ``Tanya`` have no such stem)."""
    return any(lower.endswith(ending) and len(lower) - len(ending) >= shortest
               and (is_common_word(lower[:-len(ending)]) or lower[:-len(ending)] in ROLE_WORDS)
               for ending, shortest in _POSSESSIVES.items())


@lru_cache(maxsize=1 << 16)
def _cased_as_name(word: str) -> bool:
    scripts = {unicodedata.name(char, "").split(" ")[0] for char in word if char.isalpha()}
    if len(scripts) > 1:
        return False
    inner = word[1:]
    for prefix in _NAME_PREFIXES:
        if word.startswith(prefix) and len(word) > len(prefix) and word[len(prefix)].isupper():
            inner = word[len(prefix) + 1:]
            break
    return not any(char.isupper() for char in inner if char.isalpha()) or "-" in word or "'" in word


def _is_particle(tokens: list[Token], nameable: list[bool], index: int) -> bool:
    token = tokens[index]
    return token.kind == WORD and token.text.lower() in NAME_PARTICLES and index + 1 < len(tokens) \
        and (nameable[index + 1] or tokens[index + 1].text == "-")


def _is_initial(tokens: list[Token], index: int) -> bool:
    token = tokens[index]
    return token.kind == WORD and token.cap and len(token.text) == 1


def _continues_name(tokens: list[Token], owner: list[Span | None], nameable: list[bool], index: int) -> bool:
    """``Bima Sakti``, ``Budi Karya Sumadi``: an everyday word, capitalised in running text
    right after a name word, is still part of the name when the corpus writes it inside
    names too, or when an unknown name word follows (``Benny Kabur Harman``); a title-case
    verb before a known name or at the end (``Fahri Hamzah Ungkap Jokowi``) is not."""
    token = tokens[index]
    if not (nameable[index - 1] and token.kind == WORD and token.cap and not token.upper
            and not token.ambiguous_case and token.text.lower() not in _NOT_NAME_STARTS and not is_role_word(token)
            and not is_title_word(token.text)):
        return False
    return is_name_part(token.text) or (index + 1 < len(tokens) and nameable[index + 1] and owner[index + 1] is None)


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
                _is_particle(tokens, nameable, index) or _continues_name(tokens, owner, nameable, index))):
            index += 1
        elif token.text == "." and index > start and _is_initial(tokens, index - 1):
            index += 1
        elif token.text in _REGNAL and index > start and nameable[index - 1]:
            index += 1
        elif token.text == "-" and token.glued and index > start and index + 1 < len(tokens) \
                and tokens[index + 1].glued and tokens[index + 1].text not in _POSSESSIVES:
            index += 2 if tokens[index + 1].kind == WORD and tokens[index + 1].text.islower() else 1
        else:
            break
    while index > start and (tokens[index - 1].kind == PUNCT or (
            _is_initial(tokens, index - 1) and tokens[index - 1].text not in _REGNAL)
            or tokens[index - 1].text.lower() in NAME_PARTICLES) and owner[index - 1] is None:
        index -= 1
    return index


def _split_pairs(tokens: list[Token], owner: list[Span | None], start: int, end: int) -> list[tuple[int, int]]:
    """``Kerry-Lavrov-Jubeir``, ``Jokowi-Ma'ruf``: hyphens between known names separate people, so
    do hyphens between two words the corpus shows as people's names (``Joshua-Wilder``, a fight;
    ``Kardashian-Jenner``, a family; ``is_people_word``)."""
    parts = []
    part_start = start
    for index in range(start, end):
        if (tokens[index].text != "-" or tokens[index - 1].text.lower() in NAME_PARTICLES
                or tokens[index + 1].text.islower()):
            continue
        known_side = owner[index - 1] is not None or owner[index + 1] is not None
        long_side = index - part_start >= 2
        if known_side or long_side or _people_pair(tokens, index, end):
            parts.append((part_start, index))
            part_start = index + 1
    parts.append((part_start, end))
    return [(first, last) for first, last in parts if first < last]


def _people_pair(tokens: list[Token], hyphen: int, end: int) -> bool:
    """``Joshua-Wilder``, ``Irianto-Tatang``: a hyphen between two words the corpus shows as
    people's names (``is_people_word``) joins two people, unless a given name and more name
    words make it a compound first name (``Jean-Marie Okwo Bele``)."""
    before, after = tokens[hyphen - 1].text, tokens[hyphen + 1].text
    if before.lower() in given_names() and hyphen + 2 < end:
        return False
    return is_people_word(before) and is_people_word(after)


def _split_known(tokens: list[Token], owner: list[Span | None],
                 parts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``Polhukam Wiranto``: words before a known name that do not make a known name with it
    are not part of it (``Sergei Lavrov`` does, through its variant spelling). A known
    surname after an unknown first name is someone else's (``Thiago Silva``), but a one-word
    name closing two unknown name words is one of their names (``Alfath Hanifah Megawati``).
    In a headline, where capitals prove nothing, words after a known name are not part of
    it (``Ahmad Dhani Santuni``), nor anywhere are everyday words alone (``Presiden Jokowi
    Bidang Papua``)."""
    split: list[tuple[int, int]] = []
    for start, end in parts:
        span = owner[end - 1]
        first = owner[start]
        if span is not None and span.label == PERSON and span.start > start and not span.surname_only \
                and not (span.end - span.start == 1 and span.start - start >= 2) \
                and gazetteer().person(token.text for token in tokens[start:end] if token.text != ".") is None \
                and not _fuller_form(tokens, start, span):
            split += [(start, span.start), (span.start, end)]
        elif first is not None and first.label == PERSON and first.start == start and first.end < end \
                and tokens[start].headline:
            split += [(start, first.end), (first.end, end)]
        elif first is not None and first.label == PERSON and first.start == start and first.end < end \
                and not first.surname_only and all(tokens[index].kind == WORD and is_common_word(tokens[index].text) for index in range(first.end, end)) \
                and gazetteer().person(token.text for token in tokens[start:end]) is None:
            split.append((start, first.end))  # ``Staf Khusus Presiden Jokowi Bidang Papua``: the portfolio's word
        else:
            split.append((start, end))
    return split


def _fuller_form(tokens: list[Token], start: int, span: Span) -> bool:
    """``Muhammad Hanif Dhakiri`` is Hanif Dhakiri written in full: given names or initials
    before a known two-word name."""
    before = [token.text for token in tokens[start:span.start] if token.text != "."]
    return span.end - span.start >= 2 and all(
        word.lower() in given_names() or len(word) == 1 for word in before)


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
    return _is_spoken(tokens, start, end) or announced_by_role(tokens, owner, ends, start)


def _is_spoken(tokens: list[Token], start: int, end: int) -> bool:
    """A reporting verb, a court or life verb, an age or a byline label: what only people do
    or have (a role announces places and bodies too: ``Kapolsek Cisauk``, ``analis Bernstein``)."""
    before = tokens[start - 1] if start > 0 else None
    if before is not None and before.text.lower() in SPEECH_BEFORE and (not before.cap or before.sentence_start):
        earlier = tokens[start - 2] if start > 1 else None
        if (earlier is None or earlier.text in _QUOTES or before.sentence_start
                or before.text.lower() in SPEECH_BEFORE_ALONE):
            return True
    if end < len(tokens) and tokens[end].kind == WORD and (tokens[end].text in SPEECH_AFTER
                                                           or tokens[end].text.lower() in PERSON_AFTER):
        return True
    if end + 2 < len(tokens) and tokens[end].text == "(" and tokens[end + 1].kind == NUMBER \
            and tokens[end + 2].text == ")":
        return True
    return before is not None and before.text == ":" and start > 1 and tokens[start - 2].text.lower() in _BYLINE_LABELS


def _looks_elsewhere(tokens: list[Token], owner: list[Span | None], start: int, end: int, given: bool) -> bool:
    """A run after ``di``/``ke`` is a place, after ``dilansir`` a medium, before ``Tbk`` a company;
    one followed by a comma and a country or place is a place in it (``Lamezia Termen, Italia``),
    so is one followed by a territory's name (``Silandit Batunadua Kota Padang Sidimpuan``)
    unless a given name opens it (``Ade Yasin Kabupaten Bogor``), and one a country closes is a
    body's branch there (``Gravity Enduro Indonesia``)."""
    before = tokens[start - 1].text if start > 0 else ""
    after = tokens[end].text.lower() if end < len(tokens) else ""
    next_span = owner[end + 1] if end + 1 < len(tokens) else None
    located = after == "," and next_span is not None and next_span.label in (COUNTRY, PLACE)
    following = owner[end] if end < len(tokens) else None
    within = following is not None and following.label == PLACE and following.start == end \
        and after in _TERRITORY_WORDS and not given
    branch = following is not None and following.label == COUNTRY and following.start == end and not given
    return before in PLACE_BEFORE or before in MEDIA_BEFORE or after in ORG_SUFFIXES or located or within or branch


def collect_mentions(tokens: list[Token], owner: list[Span | None], ends: dict[int, str]) -> list[Mention]:
    """Every person mention of the article, known or not, announced or not."""
    roles = role_tokens(ends)
    nameable = [token.cap and index not in roles and (is_name_word(token) or _spoken_of(tokens, index))
                for index, token in enumerate(tokens)]  # both need a capital: test it first (speed)
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
        previous: Mention | None = None
        for start, stop in _split_known(tokens, owner, _split_pairs(tokens, owner, index, end)):
            mention = _mention(tokens, owner, ends, start, stop)
            if previous is not None and previous.end == start and mention is not None and mention.known \
                    and not previous.known and not _is_spoken(tokens, previous.position, previous.end):
                _make_thing(previous)  # ``Chairman Netmediatama Wishnutama``: the role's body, then its holder
            if mention is not None:
                mentions.append(mention)
            previous = mention
        index = max(end, index + 1)
    _drop_role_qualifiers(tokens, owner, mentions)
    _announce_coordinated(tokens, mentions)
    mark_named_bodies(mentions, tokens, owner)
    things = {mention.key for mention in mentions if mention.unmade}
    for mention in mentions:  # ``wartawan Posmetro Medan, Budi`` shows what a later bare ``Posmetro`` is
        if mention.key in things and not mention.known and not _is_spoken(tokens, mention.position, mention.end):
            _make_thing(mention)
    return mentions


def _announce_coordinated(tokens: list[Token], mentions: list[Mention]) -> None:
    """``Grant dan Hurley``, ``Prabowo - Hatta``, ``Neneng, Yulianis, dan Oktarina``: a name
    joined by ``dan`` or a spaced dash to a known or announced person is a person too
    (in running text: a headline's capitals prove nothing)."""
    joins = [tuple(token.text for token in tokens[first.end:second.position])
             for first, second in pairwise(mentions)]
    for number, (first, second) in enumerate(pairwise(mentions)):
        if tokens[first.position].headline:
            continue
        join = joins[number]
        listed = join == _LIST_COMMA and number + 1 < len(joins) and joins[number + 1] in _COORDINATORS
        if join == _HYPHEN and first.end < len(tokens) and _people_pair(tokens, first.end, second.end):
            first.announced = second.announced = True  # two people each other's pair vouches for
        elif join in _COORDINATORS or listed:
            _announce_pair(first, second)
        elif join == _LIST_COMMA and _vouches(first) and second.plausible \
                and _opens_clause(tokens, second.end):
            second.announced = True


def _drop_role_qualifiers(tokens: list[Token], owner: list[Span | None], mentions: list[Mention]) -> None:
    """``analis Bernstein, Max Warburton``, ``wartawan Posmetro Medan, Budi Hariadi``: one
    unknown word a role announces, followed (after its place) by a comma and a full name, is
    the role's body (as ``juru bicara Kremlin, Dmitry Peskov``); the name after the comma is
    the person. An unknown run between a role and an organization followed by a full name is
    the role's portfolio in that body (``Dirjen Bina Marga Kementerian PUPR Hedy Rahadian``)."""
    for first, second in pairwise(mentions):
        between = [token.text for position, token in enumerate(tokens[first.end:second.position], first.end)
                   if (span := owner[position]) is None or span.label not in (PLACE, COUNTRY)]
        if len(first.words) == 1 and not first.known and first.announced and len(second.words) >= 2 \
                and tuple(between) == _LIST_COMMA and not _is_spoken(tokens, first.position, first.end):
            _make_thing(first)
        elif not first.known and first.announced and len(second.words) >= 2 and first.end < second.position \
                and _only_bodies(owner, first.end, second.position) and not _is_spoken(tokens, first.position, first.end):
            _make_thing(first)  # ``Direktur Jenderal Bina Konstruksi Kementerian PUPR Syarif …``: the portfolio


def _only_bodies(owner: list[Span | None], start: int, end: int) -> bool:
    """Tokens ``start:end`` are an organization's name (with the places it holds)."""
    return any((span := owner[index]) is not None and span.label == ORG for index in range(start, end)) and all(
        (span := owner[index]) is not None and span.label in (ORG, PLACE, COUNTRY) for index in range(start, end))


def _announce_pair(first: Mention, second: Mention) -> None:
    """Either of two coordinated mentions vouches for the other."""
    if _vouches(first) and second.plausible:
        second.announced = True
    elif _vouches(second) and first.plausible:
        first.announced = True


def _vouches(mention: Mention) -> bool:
    """Known, announced, or a full name opened by a given name."""
    return bool(mention.known) or mention.announced or (mention.starts_with_given_name and len(mention.words) > 1)


def _opens_clause(tokens: list[Token], end: int) -> bool:
    """A lower-case word right after the name: it is the subject of what follows."""
    return end < len(tokens) and tokens[end].kind == WORD and tokens[end].text.islower()


def _spoken_of(tokens: list[Token], index: int) -> bool:
    """``ujar Akbar.``, ``Akbar menambahkan``: a word the corpus mostly capitalises, though
    ordinary by the lexicon, is a name where a reporting verb announces it alone."""
    token = tokens[index]
    if token.kind != WORD or not token.cap or token.upper or token.headline \
            or not is_mostly_capitalised(token.text) or token.text.lower() in _NOT_NAME_STARTS \
            or is_role_word(token) or is_title_word(token.text):
        return False
    before = tokens[index - 1] if index > 0 else None
    after = tokens[index + 1] if index + 1 < len(tokens) else None
    spoken_before = before is not None and not before.cap and before.text in SPEECH_BEFORE_ALONE \
        and not token.sentence_start and (after is None or after.kind != WORD or not after.cap)
    return spoken_before or (after is not None and after.text in SPEECH_AFTER)


def _is_title_word(token: Token) -> bool:
    """An English title word that is not also a family name (``Park``, ``Song``)."""
    return is_english_word(token.text)


def is_english_word(word: str) -> bool:
    """A word of ``english_words.txt`` or of an English-only shape, that no list gives as a first name."""
    lower = word.lower()
    return (lower in english_words() or (len(lower) >= MIN_ENGLISH_WORD and lower.endswith(_ENGLISH_ENDINGS))) \
        and lower not in given_names()


def _name_start(tokens: list[Token], owner: list[Span | None], start: int, end: int) -> int:
    """Where the name itself starts in a run that opens with what precedes names: an English
    job or award title (``Academy Award Tommy Lee Jones``, ``Corporate Communications Yado
    Yarismano``) or the Haji initial (``H Dadang Jaelani``). Two name words must remain."""
    cut = start
    for index in range(start, end):
        token = tokens[index]
        if owner[index] is None and token.kind == WORD and (
                _is_title_word(token) or (index == start and token.text == "H")):
            cut = index + 1
    if cut == start or sum(token.kind == WORD for token in tokens[cut:end]) < 2:
        return start
    while cut < end and tokens[cut].text == ".":
        cut += 1
    return cut


def _mention(tokens: list[Token], owner: list[Span | None], ends: dict[int, str], start: int,
             end: int) -> Mention | None:
    span = owner[start]
    if span is not None and span.start == start and span.end == end:
        return Mention(start, tuple(token.text for token in tokens[start:end]), span.canonical, True, end=end)
    announced = _is_announced(tokens, owner, ends, start, end)
    run_start, start = start, _name_start(tokens, owner, start, end)
    given = tokens[start].text.lower() in given_names()
    if not announced and not given:
        while end - start > 1 and is_common_word(tokens[end - 1].text):
            end -= 1
    words = tuple(token.text for token in tokens[start:end] if token.text != ".")
    if len(words) > MAX_NAME_WORDS:
        return None
    known = gazetteer().person(words)
    last = owner[end - 1]
    if known is None and last is not None and last.label == PERSON and last.start > start \
            and _fuller_form(tokens, start, last):
        known = last.canonical
    if not announced and not known and (tokens[start].headline or _looks_elsewhere(tokens, owner, start, end, given)):
        return None
    if not known and (all(is_english_word(word) for word in words)
                      or (start > 0 and tokens[start - 1].text == _ENGLISH_ARTICLE)
                      or words[-1].lower() in _ORG_CLOSERS):
        return None  # ``CEO Times International``, ``pemain The Foxes``, ``Saiful Mujani Research``
    if known is None and len(words) == 1 and end < len(tokens) \
            and (following := owner[end]) is not None and following.label == ORG:
        return None
    if not known and (_names_something_else(tokens, owner, start, end, words) or (
            start > 1 and tokens[start - 1].text.lower() == GENERAL and tokens[start - 2].text.lower() in GENERAL_OFFICES)):
        return None
    if not known and start > 0 and (body := owner[start - 1]) is not None and body.label == ORG \
            and tokens[body.start].text.lower() in NAMED_AFTER_PEOPLE and not _is_spoken(tokens, start, end):
        return None  # ``Universitas Islam Negeri Sunan Kalijaga``: the person the body is named after
    if not known and _is_brand_word(words[0]):
        if len(words) < 3 or words[1] == "-":  # ``Calya Sigra``, ``Chevrolet-Corvette``: a brand and a model
            return Mention(start, words, None, _is_spoken(tokens, start, end), given, False, thing=True, end=end)
        # ``jurubicara Mazda Yoshikazu Nagai``: the brand's official; ``Kepala Bappeda Litbang X
        # Erwin Santoso``: the body's words go on to the holder's first name.
        cut = next((position for position, word in enumerate(words[1:-1], 1) if word.lower() in given_names()), 1)
        start, words = start + cut, words[cut:]
    quoted = start > 0 and tokens[start - 1].text in _OPENING_QUOTES
    titled = any(is_english_word(token.text) for token in tokens[run_start:end]) \
        or _in_english_title(tokens, run_start, end)
    titled_work = start > 0 and _titled_by(tokens[start - 1])
    work = start > 0 and (tokens[start - 1].text in WORK_BEFORE or titled_work or (
        (before := owner[start - 1]) is not None and before.label == ORG))
    elsewhere = words in not_people() or any(is_body_word(word) for word in words)
    if any(is_body_word(word, never_a_person=True) for word in words[2:]):
        given = False  # ``Hassan Wirajuda Perlindungan WNI Award``: a given name does not make a body's word a person's
    if (elsewhere or titled_work) and not known and announced:
        announced = _is_spoken(tokens, start, end)
    return Mention(start, words, known, announced, given and not titled_work, not (quoted or titled or work or elsewhere),
                   thing=work or elsewhere, end=end)


def _titled_by(token: Token) -> bool:
    """``Festival Babukung``, ``Program Sinar Harapan``: a capitalised word that announces a work
    or an event opens its title, so the run after it is the title's (``Hari`` is a first name too)."""
    lower = token.text.lower()
    return token.cap and not token.sentence_start and lower in WORK_BEFORE and lower not in given_names()


def _names_something_else(tokens: list[Token], owner: list[Span | None], start: int, end: int,
                          words: tuple[str, ...]) -> bool:
    """What neither a role nor a verb makes a person: the employer or service of the people a
    word names (``karyawan Sarinah didakwa``), a name in apposition to a kind of body
    (``menurut Raytheon, kontraktor utama AS``); and, unless it speaks, a run after
    ``di``/``asal`` (``pelatih asal Lhouksumawe``), one word after the people of a place or a
    territory's name (``warga Palakahembi``, ``Kecamatan Medan Polonia``), or after a territory's
    role when a rank or role follows it (``Kapolsek Sipirok AKP …``; alone it is as often the
    official: ``Bupati Muhtarom``), a run closed by an English
    place noun (``Steve Jobs Theater``), a run followed by ``, Kecamatan …`` (a village there), the
    short form of the capitals before it (``(Bimas)``)."""
    before = tokens[start - 1] if start > 0 else None
    lower = before.text.lower() if before is not None and not before.cap else ""
    served = before is not None and before.text.lower() in SERVED_BY_BEFORE and (not before.cap or before.headline)
    if served or lower in GROUP_BEFORE or (
            end + 1 < len(tokens) and tokens[end].text == "," and tokens[end + 1].text in BODY_APPOSITIONS):
        return True
    if _is_spoken(tokens, start, end):
        return False
    single = len(words) == 1 and words[0].lower() not in given_names()
    territory = before is not None and before.text.lower() in TERRITORY_ROLES \
        and end < len(tokens) and is_role_word(tokens[end])  # ``Kapolsek Cisauk AKP Budi``
    after = end
    while after < len(tokens) and tokens[after].kind == WORD and tokens[after].cap:
        after += 1
    in_territory = after + 1 < len(tokens) and tokens[after].text == "," \
        and tokens[after + 1].text.lower() in _TERRITORY_WORDS and words[0].lower() not in given_names()
    made = end < len(tokens) and tokens[end].text in _MADE_BY  # ``Syarah X karya Ibnu Y``: a work
    resident = lower == _RESIDENT_WORD and after + 1 < len(tokens) and tokens[after].text == "," \
        and (place := owner[after + 1]) is not None and place.label in (PLACE, COUNTRY)  # ``warga Koto X, Kerinci``
    return lower in PLACE_BEFORE or resident or (single and (lower == _RESIDENT_WORD or territory
                                                 or _closes_territory(tokens, owner, start))) \
        or words[-1].lower() in ENGLISH_PLACE_CLOSERS or in_territory or made or _short_form(tokens, start, end) \
        or _cut_expansion(tokens, start, end) \
        or _subsidiary(tokens, after)


def _cut_expansion(tokens: list[Token], start: int, end: int) -> bool:
    """``Gross Domestic Product (GDP)``: the acronym after the run spells the capitals before
    it too, which are no name words (nor words the corpus writes inside names), so the run is the end of a term's or a body's name (a
    person's initials spell the name alone: ``Budi Santoso (BS)``, ``Surya Dharma Ali (SDA)``)."""
    if end + 2 >= len(tokens) or tokens[end].text != "(" or tokens[end + 2].text != ")" or not tokens[end + 1].upper:
        return False
    words = [token.text for token in tokens[start:end] if token.kind == WORD]
    index = start - 1
    while index >= 0 and tokens[index].kind == WORD and tokens[index].cap and not is_name_word(tokens[index]) \
            and not is_name_part(tokens[index].text) and end - index <= MAX_NAME_WORDS + 1:
        words.insert(0, tokens[index].text)
        if "".join(word[0] for word in words).lower() == tokens[end + 1].text.lower():
            return True
        index -= 1
    return False


def _subsidiary(tokens: list[Token], end: int) -> bool:
    """``X Abadi, anak perusahaan Y``, ``X anak usaha Y``: what a subsidiary phrase follows is a company."""
    index = end + 1 if end < len(tokens) and tokens[end].text == "," else end
    return index + 1 < len(tokens) and tokens[index].text == _CHILD and tokens[index + 1].text in _COMPANY_NOUNS


def _short_form(tokens: list[Token], start: int, end: int) -> bool:
    """``Ditjen Bimbingan Masyarakat Islam (Bimas)``: one word in parentheses whose letters
    spell the capitals before it is their short form, not a person (a person's initials are
    capitals: ``Ending Fuad Hamidy (EFH)``)."""
    if end - start != 1 or start < 2 or tokens[start - 1].text != "(" or end >= len(tokens) or tokens[end].text != ")":
        return False
    words: list[str] = []
    index = start - 2
    while index >= 0 and tokens[index].kind == WORD and tokens[index].cap and len(words) < MAX_NAME_WORDS:
        words.insert(0, tokens[index].text)
        index -= 1
    return len(words) >= 2 and initials_match(tokens[start].text, words)


def _closes_territory(tokens: list[Token], owner: list[Span | None], start: int) -> bool:
    """``Kecamatan Medan Polonia``: a word right after a territory's name that no role opens
    (``Bupati Kabupaten Siak Alfedri`` is the regent) is the rest of the place's name."""
    span = owner[start - 1] if start > 0 else None
    if span is None or span.label != PLACE or span.end != start:
        return False
    opening = span.start if tokens[span.start].text.lower() in _TERRITORY_WORDS else span.start - 1
    return opening >= 0 and tokens[opening].text.lower() in _TERRITORY_WORDS \
        and not (opening > 0 and is_role_word(tokens[opening - 1]))


def _is_brand_word(word: str) -> bool:
    """A word the corpus shows as a product, company or place on its own and never as a person
    (``Mazda``, ``Calya``; ``not_people_corpus.tsv``), that no list gives as a first name."""
    return (word,) in not_people() and word.lower() not in given_names()


def _in_english_title(tokens: list[Token], start: int, end: int) -> bool:
    """``Agreement on Transboundary Haze Pollution``, ``Once Upon a Farm``: the capitals around
    the run reach an English joining word (``of``, ``on``, ``a``…), so the run is a title's words."""
    for step, edge in ((-1, start - 1), (1, end)):
        index = edge
        while 0 <= index < len(tokens) and abs(index - edge) <= MAX_TITLE_REACH:
            token = tokens[index]
            if token.kind == WORD and not token.cap and token.text in ENGLISH_JOINERS:
                return 0 <= index + step < len(tokens) and tokens[index + step].cap
            if token.kind != WORD or not token.cap:
                break
            index += step
    return False


def mark_named_bodies(mentions: list[Mention], tokens: list[Token], owner: list[Span | None]) -> None:
    """``Agung Podomoro`` where the article also writes ``Agung Podomoro Group``: an unknown
    run that is part of an organization's name in the same article is that body, unless it
    speaks or the organization is named after a person (``Universitas Gadjah Mada``)."""
    bodies = {tuple(token.text for token in tokens[span.start:span.end])
              for span in {id(span): span for span in owner if span is not None and span.label == ORG}.values()
              if tokens[span.start].text.lower() not in NAMED_AFTER_PEOPLE}
    for mention in mentions:
        size = len(mention.words)
        if mention.known or _is_spoken(tokens, mention.position, mention.end):
            continue
        if any(body[index:index + size] == mention.words for body in bodies for index in range(len(body) - size + 1)):
            _make_thing(mention)


def _make_thing(mention: Mention) -> None:
    """What the article shows to be no person: nothing announces it, vouches for it or makes it read as a name."""
    mention.announced = mention.plausible = mention.starts_with_given_name = False
    mention.thing = mention.unmade = True


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
    """Known canonical, or the written name without middle initials (``Desmond J Mahesa`` and
    ``Desmond Mahesa`` are one value)."""
    if mention.known:
        return mention.known
    words = [word for position, word in enumerate(mention.words)
             if not (0 < position < len(mention.words) - 1 and len(word) == 1 and word.isupper())]
    if len(name_key(words)) >= 2:
        return display_name(words)
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
        elif name is None and (mention.announced or mention.starts_with_given_name) and mention.plausible:
            name = display_name(list(mention.words))
        elif name is not None and not _credible(mention, vouched):
            name = None
        if name:
            first_seen[name] = min(first_seen.get(name, mention.position), mention.position)
    return sorted(first_seen, key=first_seen.__getitem__)


def _credible(mention: Mention, vouched: set[str]) -> bool:
    """Known, announced, opened by a given name, reading as a name, or sharing a word with a
    vouched name unless it is a thing (``warga Kumpeh`` vouches for no ``Kumpeh Ulu``)."""
    return (mention.known is not None or mention.announced or mention.starts_with_given_name
            or mention.plausible or (not mention.thing and bool(vouched & set(mention.key))))


def _container(mention: Mention, named: list[tuple[Mention, str]]) -> str | None:
    """The article's longer name this mention is part of, when exactly one such name fits.

    A lone word may also be the start of a longer name's word (``Alex`` for ``Alexander
    Marwata``) when no name contains it whole.
    """
    key = mention.meant
    names = {name for other, name in named if _is_part_of(key, other.meant)}
    known = {name for name in names if name in gazetteer().people}
    if not names and len(key) == 1 and len(key[0]) >= MIN_NICKNAME:
        names = {name for other, name in named if len(other.meant) > 1
                 and any(word.startswith(key[0]) for word in other.meant)}
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
