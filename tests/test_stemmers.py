"""Stemmers: the registry, our light rules and the Sastrawi wrapper."""

from __future__ import annotations

import pytest

from search.analysis.stemmers import MIN_ROOT, STEMMERS, get_stemmer

# Words whose stem every real stemmer must find.
SHARED_CASES = {
    "menyepakati": "sepakat",
    "kesepakatan": "sepakat",
    "perjanjian": "janji",
    "memerangi": "perang",
    "dipertimbangkan": "timbang",
    "bukunya": "buku",
    "pemerintahan": "perintah",
    "menulis": "tulis",
    "menyerang": "serang",
    "membuat": "buat",
    "mengambil": "ambil",
    "keberhasilan": "hasil",
}

LIGHT_CASES = {
    # nasal prefixes put back the root's first letter, or keep it
    "memukul": "pukul",
    "memiliki": "milik",
    "mengatakan": "kata",
    "menyatakan": "nyata",
    "pernyataan": "nyata",
    "menjadi": "jadi",
    "mencari": "cari",
    "memberikan": "beri",
    # confixes and prefix chains
    "diberlakukan": "laku",
    "memperkuat": "kuat",
    "kebijakan": "bijak",
    "pasukan": "pasuk",
    "sebaiknya": "baik",
    "berhenti": "henti",
    "penerbangan": "terbang",
    # roots that only look affixed stay whole
    "sekolah": "sekolah",
    "masalah": "masalah",
    "berlaku": "laku",
    "kepala": "kepala",
    "pertama": "pertama",
    "senjata": "senjata",
    "berita": "berita",
    "informasi": "informasi",
    "teroris": "teroris",
    "menang": "menang",
    "menangkap": "tangkap",
    "selatan": "selatan",
    "bulan": "bulan",
    "hanya": "hanya",
}


def test_registry_has_the_promised_stemmers():
    assert {"none", "light", "sastrawi"} <= set(STEMMERS)
    for name in STEMMERS:
        assert get_stemmer(name).name == name


def test_unknown_stemmer_lists_the_valid_names():
    with pytest.raises(ValueError) as error:
        get_stemmer("porter")
    for name in STEMMERS:
        assert name in str(error.value)


def test_none_is_identity():
    stemmer = get_stemmer("none")
    assert stemmer.stem("menyepakati") == "menyepakati"


@pytest.mark.parametrize("name", ["light", "sastrawi"])
@pytest.mark.parametrize(("word", "expected"), sorted(SHARED_CASES.items()))
def test_shared_cases(name, word, expected):
    assert get_stemmer(name).stem(word) == expected


@pytest.mark.parametrize(("word", "expected"), sorted(LIGHT_CASES.items()))
def test_light_cases(word, expected):
    assert get_stemmer("light").stem(word) == expected


def test_light_never_leaves_a_stub():
    stemmer = get_stemmer("light")
    words = "dimakan bertahan ditahan menahan berada terasa perang makan ikan menteri dinas".split()
    for word in words:
        stem = stemmer.stem(word)
        assert stem == word or len(stem) >= MIN_ROOT, (word, stem)


@pytest.mark.parametrize("name", ["light", "sastrawi"])
def test_words_it_cannot_read_pass_through(name):
    stemmer = get_stemmer(name)
    for word in ("covid19", "erdoğan", "g20", "1.000"):
        assert stemmer.stem(word) == word


def test_sastrawi_is_consistent_across_repeated_calls():
    stemmer = get_stemmer("sastrawi")
    first = [stemmer.stem(w) for w in ("pertemuan", "bertemu", "ditemukan")]
    again = [stemmer.stem(w) for w in ("pertemuan", "bertemu", "ditemukan")]
    assert first == again == ["temu", "temu", "temu"]
