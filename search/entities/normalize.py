"""Spelling folds that make one entity surface under one facet value in every article.

Facet values must not depend on which article a name came from, so every fold here is
a fixed table or a character rule, never a guess from context.
"""

from __future__ import annotations

from search.analysis.folding import strip_accents

# Letters that NFKD does not split into a base letter plus a combining mark.
_LETTER_FOLDS = str.maketrans({
    "ı": "i", "İ": "I", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
    "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ß": "ss", "ð": "d", "þ": "th",
    "’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'",
})

# Transliteration variants of one first name (mostly Russian, where English, French and
# German spellings all reach Indonesian newsrooms through the wires).
_FIRST_NAME_VARIANTS = {
    "Sergei": "Sergey", "Sergej": "Sergey", "Serguei": "Sergey",
    "Dmitri": "Dmitry", "Dimitri": "Dmitry", "Dmitriy": "Dmitry", "Dmitrij": "Dmitry",
    "Alexei": "Alexey", "Aleksei": "Alexey", "Aleksey": "Alexey", "Alexej": "Alexey",
    "Andrei": "Andrey", "Andrej": "Andrey",
    "Nikolai": "Nikolay", "Nikolaj": "Nikolay",
    "Yuri": "Yury", "Yuriy": "Yury", "Iouri": "Yury", "Juri": "Yury",
    "Georgi": "Georgy", "Georgiy": "Georgy",
    "Yevgeny": "Evgeny", "Yevgeni": "Evgeny", "Evgeni": "Evgeny", "Evgeniy": "Evgeny",
    "Yevgeniy": "Evgeny",
    "Anatoli": "Anatoly", "Anatoliy": "Anatoly",
    "Vasili": "Vasily", "Vasiliy": "Vasily",
    "Arkadi": "Arkady", "Arkadiy": "Arkady",
    "Fedor": "Fyodor", "Fiodor": "Fyodor",
    "Maksim": "Maxim",
    "Valeri": "Valery", "Valeriy": "Valery",
    "Vitali": "Vitaly", "Vitaliy": "Vitaly",
    "Grigori": "Grigory", "Grigoriy": "Grigory",
    "Gennadi": "Gennady", "Gennadiy": "Gennady",
    "Barrack": "Barack",
}

# Match-only folds: spellings that may belong to different people (an Indonesian
# ``Mochammad`` is not renamed) but must still find a gazetteer entry.
_MATCH_VARIANTS = {
    "mohammed": "muhammad", "mohamed": "muhammad", "mohammad": "muhammad",
    "muhammed": "muhammad", "mohamad": "muhammad", "muhamad": "muhammad",
    "mohamud": "muhammad", "mochammad": "muhammad", "mochamad": "muhammad",
    "ahmed": "ahmad", "achmad": "ahmad", "mahmoud": "mahmud", "mahmood": "mahmud",
    "hussein": "husein", "hossein": "husein", "husain": "husein", "hussain": "husein",
    "abdel": "abdul", "abdal": "abdul", "abd": "abdul", "yousef": "yusuf", "youssef": "yusuf",
    "yousuf": "yusuf", "jusuf": "yusuf", "soekarno": "sukarno", "soeharto": "suharto",
    "hasan": "hassan", "osama": "usama",
}

# Old Indonesian (Dutch) and German spellings of one sound: ``Soeharto``/``Suharto``,
# ``Juergen``/``Jurgen``, ``Djarot``/``Jarot``. Folded for matching only.
_SPELLING_FOLDS = (("oe", "u"), ("ue", "u"), ("dj", "j"))

# Particles that some writers keep and others drop (``Bashar al-Assad``/``Bashar Assad``).
NAME_PARTICLES = frozenset({"al", "el", "bin", "binti", "bint", "ibn", "van", "von", "der", "den",
                            "de", "da", "dos", "das", "du", "la", "le", "ter", "del", "della"})
_DROPPED_IN_KEYS = frozenset({"al", "el"})


def fold_diacritics(text: str) -> str:
    """``Mevlüt Çavuşoğlu`` → ``Mevlut Cavusoglu``: one spelling whatever the keyboard."""
    if text.isascii() and "`" not in text:
        return text
    return strip_accents(text.translate(_LETTER_FOLDS))


def fold_key(text: str) -> str:
    """Case- and accent-free form for comparing names."""
    return fold_diacritics(text).casefold()


def display_word(word: str) -> str:
    """A name word as a facet shows it: accents folded, shouting (``JOKO``) lowered."""
    word = fold_diacritics(word)
    if len(word) > 1 and word.isupper():
        return word[0] + word[1:].lower()
    return word


def canonical_first_name(word: str) -> str:
    """The one spelling used for a first name that has transliteration variants."""
    return _FIRST_NAME_VARIANTS.get(word, word)


def name_key(words: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Key under which two spellings of one person's name meet.

    Particles ``al``/``el`` are dropped and common transliterations folded, so that
    ``Bashar Assad``, ``Bashar al-Assad`` and ``BASHAR AL ASSAD`` share a key.
    """
    key = []
    for word in words:
        folded = fold_key(canonical_first_name(display_word(word)))
        for part in folded.replace("'", "").replace(".", "").split("-"):
            if part and part not in _DROPPED_IN_KEYS:
                part = _MATCH_VARIANTS.get(part, part)
                for old, new in _SPELLING_FOLDS:
                    part = part.replace(old, new)
                key.append(part)
    return tuple(key)
