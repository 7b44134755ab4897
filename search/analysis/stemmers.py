"""Indonesian stemmers, swappable by name.

The index stores the stemmer's name, not the stemmer, so a stemmer can be
replaced (Sastrawi's root dictionary is CC-BY-NC-SA) by registering another
under a new name and reindexing.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Protocol

from search.errors import TelusurError

# Distinct words in a large news corpus; every stem beyond that is recomputed.
CACHE_SIZE = 1 << 19

# Shortest root the light stemmer leaves behind: shorter remainders are far
# more often a misread root (``bulan`` is not ``bul-an``) than a real one.
MIN_ROOT = 4


class StemmerUnavailableError(TelusurError, ValueError):
    """The stemmer asked for is not registered, or its package is not installed."""


class Stemmer(Protocol):
    """Maps a lowercase word without hyphens to its stem."""

    name: str

    def stem(self, word: str) -> str: ...


class IdentityStemmer:
    """No stemming: the baseline every other stemmer is measured against."""

    name = "none"

    def stem(self, word: str) -> str:
        return word


# --- the light stemmer: affix rules only, no root dictionary -----------------

_VOWELS = frozenset("aiueo")
# Consonant pairs that can open an Indonesian root; anything else after a
# stripped prefix means the "prefix" was part of the root (``se-njata``).
_ONSETS = frozenset(
    "pr tr kr gr br dr fr pl kl bl gl fl sl sp st sw sy kh ny ng".split()
)

# Word endings that look like an enclitic or possessive but belong to the root.
_CLITIC_LOOKALIKES = (
    "salah", "kalah", "olah", "lelah", "belah", "allah", "langkah", "berkah", "nikah",
    "sedekah", "rintah", "mentah", "entah", "rumpun", "himpun", "ampun",
    "hanya", "punya", "tanya", "buku", "laku", "suku", "saku", "kaku", "baku", "paku",
    "kuku", "siku", "beku", "ilmu", "temu", "tamu", "jamu", "ramu",
)
_PARTICLES = ("lah", "kah", "tah", "pun")
_POSSESSIVES = ("nya", "ku", "mu")

# Roots that begin like a prefix; stripping stops once one of them is reached.
_PROTECTED_ROOTS = (
    "pertama", "perintah", "peristiwa", "periksa", "perempuan", "perdana", "periode",
    "personel", "percaya", "pengaruh", "penjara", "teror", "terbang", "termin",
    "sepakat", "direktur", "diplomat", "diskusi", "digital", "dialog", "disiplin",
)
# Protected only as whole words: ``menang`` must not shield ``menangkap``.
_WHOLE_ROOTS = frozenset({"menang", "menantu", "menara", "memori"})
# Nasal prefixes hide the root's first letter; these roots keep theirs
# (``memiliki`` is ``milik``, not ``pilik``), the rest take the usual one.
_KEEPS_M = (
    "minta", "milik", "makan", "masuk", "mulai", "masak", "minum", "mohon", "main",
    "mati", "maju", "malu", "marah", "mimpi", "menang", "muat", "mudah", "miskin",
    "manfaat", "mandi", "maaf", "muncul",
)
_KEEPS_N = ("nikah", "nilai", "nanti", "nikmat", "naik", "nama", "nasihat")
_KEEPS_NY = ("nyata", "nyanyi", "nyala")
_TAKES_K = (
    "kata", "kirim", "kenal", "kena", "keluar", "kurang", "kuasa", "kembang", "kalah",
    "kumpul", "kunjung", "kejar", "kutip", "kelola", "kecam", "kaji", "kendali",
    "kembali", "kerja", "ketahu", "kecil", "kuat", "korban", "komentar", "konsumsi",
    "kontrol", "konfirmasi", "koordinasi",
)

# Which prefix may come first, given the suffix read off the word.
_FIRST_PREFIX = {
    "kan": frozenset({"me", "di", "ter", "ber", "per"}),
    "i": frozenset({"me", "di", "ter", "per"}),
    "an": frozenset({"ke", "pe", "per", "ber"}),
    "": frozenset({"me", "di", "ter", "ber", "per", "pe"}),
}
# Which prefix may follow another (``di-per-timbang-kan``, ``ke-ber-hasil-an``).
_NEXT_PREFIX = {
    "me": frozenset({"per", "ber"}),
    "di": frozenset({"per", "ber"}),
    "ter": frozenset({"per", "ber"}),
    "ke": frozenset({"ber", "per", "pe", "ter"}),
    "ber": frozenset({"ke", "pe", "per"}),
    "pe": frozenset({"ber", "per"}),
    "per": frozenset(),
    "se": frozenset({"pe", "per"}),
}
_MAX_PREFIXES = 3


def _plausible_root(word: str) -> bool:
    if len(word) < MIN_ROOT or _VOWELS.isdisjoint(word):
        return False
    return word[0] in _VOWELS or word[1] in _VOWELS or word[:2] in _ONSETS


def _strip_clitics(word: str) -> tuple[str, bool]:
    """Drop a particle then a possessive; True when ``-nya`` went (``se-...-nya``)."""
    if word.endswith(_PARTICLES) and not word.endswith(_CLITIC_LOOKALIKES):
        if _plausible_root(word[:-3]):
            word = word[:-3]
    if word.endswith(_POSSESSIVES) and not word.endswith(_CLITIC_LOOKALIKES):
        cut = 3 if word.endswith("nya") else 2
        if _plausible_root(word[:-cut]):
            return word[:-cut], cut == 3
    return word, False


def _restore(rest: str, nasal: str, letter: str, keeps: tuple[str, ...]) -> str:
    """Undo the nasal's swallowing of the root's first letter."""
    return rest if rest.startswith(keeps) else letter + rest[len(nasal) :]


def _strip_nasal(rest: str) -> str | None:
    """The root after ``me-``/``pe-`` and its nasal (``rest`` starts at the nasal)."""
    if rest.startswith("ng"):
        root = rest[2:]
        if root[:1] in ("g", "h", "k", "q"):
            return root
        if root[:1] in _VOWELS:
            candidate = "k" + root
            return candidate if candidate.startswith(_TAKES_K) else root
        return None
    if rest.startswith("ny"):
        return _restore(rest, "ny", "s", _KEEPS_NY) if rest[2:3] in _VOWELS else None
    if rest.startswith("m"):
        if rest[1:2] in ("b", "f", "v", "p"):
            return rest[1:]
        return _restore(rest, "m", "p", _KEEPS_M) if rest[1:2] in _VOWELS else None
    if rest.startswith("n"):
        if rest[1:2] in ("d", "c", "j", "z") or rest.startswith("nsy"):
            return rest[1:]
        return _restore(rest, "n", "t", _KEEPS_N) if rest[1:2] in _VOWELS else None
    if rest[:1] in ("l", "r", "w", "y"):
        return rest
    return None


def _strip_prefix(word: str) -> tuple[str, str] | None:
    """(remainder, prefix kind) for the prefix the word starts with, if any."""
    head = word[:3]
    if head in ("ber", "ter", "per"):
        return word[3:], head
    if word.startswith(("me", "pe")):
        root = _strip_nasal(word[2:])
        if root is not None:
            return root, word[:2]
    if word.startswith(("be", "pe")) and word[2:3] not in _VOWELS and word[3:5] == "er":
        return word[2:], "ber" if word[0] == "b" else "pe"  # be-kerja, pe-serta
    if word.startswith(("di", "ke", "se")):
        return word[2:], word[:2]
    return None


def _strip_prefixes(word: str, suffix: str, after_nya: bool) -> str | None:
    """The root once ``suffix`` is off, or None when prefixes and suffix do not fit."""
    allowed = _FIRST_PREFIX[suffix] | ({"se"} if after_nya else frozenset())
    kinds: list[str] = []
    while len(kinds) < _MAX_PREFIXES and not word.startswith(_PROTECTED_ROOTS):
        step = _strip_prefix(word)
        if step is None:
            break
        rest, kind = step
        if kind not in allowed or not _plausible_root(rest):
            if kinds or not suffix:
                break
            return None
        kinds.append(kind)
        word = rest
        allowed = _NEXT_PREFIX[kind]
    if suffix in ("kan", "i") and not kinds:
        return None
    return word if not suffix or _plausible_root(word) else None


def _suffix_readings(word: str) -> tuple[str, ...]:
    """Possible derivational suffixes, likeliest first, ending with none at all."""
    if word.endswith("kan"):
        return ("kan", "an", "")
    if word.endswith("an"):
        return ("an", "")
    if word.endswith("i") and (word[-2] not in _VOWELS or word[-2] == "u"):
        return ("i", "")
    return ("",)


@lru_cache(maxsize=CACHE_SIZE)
def light_stem(word: str) -> str:
    """Rule-based stem: clitics, suffix, then up to three prefixes, staying conservative.

    Each reading of the suffix is tried against the prefixes it may combine with
    (``ke-...-an`` but not ``ke-...-kan``); the first consistent one wins, and a
    word no reading explains is returned as it came.
    """
    if len(word) <= MIN_ROOT or not (word.isascii() and word.isalpha()):
        return word
    base, after_nya = _strip_clitics(word)
    if base in _WHOLE_ROOTS or base.startswith(_PROTECTED_ROOTS):
        return base
    for suffix in _suffix_readings(base):
        stripped = base[: len(base) - len(suffix)]
        root = _strip_prefixes(stripped, suffix, after_nya)
        if root is not None:
            return root
    return base


class LightStemmer:
    """Our own affix-stripping stemmer: free of licence strings, a little cruder."""

    name = "light"
    stem = staticmethod(light_stem)


# --- Sastrawi -----------------------------------------------------------------


class SastrawiStemmer:
    """PySastrawi's dictionary-backed stemmer, memoised per word.

    Sastrawi checks its dictionary after every affix it removes, so a root that
    starts like a prefix loses it whenever the rest is also a word:
    ``menyepakati`` becomes ``pakat`` while ``kesepakatan`` stays ``sepakat``.
    When our own rules reach a longer dictionary root ending in Sastrawi's
    answer, that root is kept, which joins such word families again.
    """

    name = "sastrawi"

    def __init__(self) -> None:
        # Imported here: loading the 30k-word dictionary costs a second, and
        # only indexes built with this stemmer should pay for it. It is an optional
        # extra because its dictionary's licence (CC BY-NC-SA) forbids commercial use.
        try:
            from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
            from Sastrawi.Stemmer.Stemmer import Stemmer as Sastrawi
            from Sastrawi.Stemmer.StemmerFactory import StemmerFactory
        except ImportError as error:
            raise StemmerUnavailableError("the sastrawi stemmer needs PySastrawi, a non-commercial option: "
                             "pip install 'telusur[sastrawi]'") from error

        self._dictionary = ArrayDictionary(StemmerFactory().get_words())
        self._sastrawi = Sastrawi(self._dictionary)
        self._cached = lru_cache(maxsize=CACHE_SIZE)(self._stem)

    def _stem(self, word: str) -> str:
        root = self._sastrawi.stem_word(word)
        longer = light_stem(word)
        if len(longer) > len(root) and longer.endswith(root) and self._dictionary.contains(longer):
            return longer
        return root

    def stem(self, word: str) -> str:
        # Sastrawi knows ASCII letters only and would mangle anything else.
        if not (word.isascii() and word.isalpha()):
            return word
        return self._cached(word)


STEMMERS: dict[str, Callable[[], Stemmer]] = {
    IdentityStemmer.name: IdentityStemmer,
    LightStemmer.name: LightStemmer,
    SastrawiStemmer.name: SastrawiStemmer,
}


def check_stemmer_name(name: str) -> str:
    """The name itself when registered; a ValueError listing the valid names otherwise."""
    if name not in STEMMERS:
        valid = ", ".join(sorted(STEMMERS))
        raise StemmerUnavailableError(f"unknown stemmer {name!r}; valid names: {valid}")
    return name


def get_stemmer(name: str) -> Stemmer:
    """A new stemmer by registry name; unknown names fail loudly with the choices."""
    return STEMMERS[check_stemmer_name(name)]()
