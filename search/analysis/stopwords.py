"""Indonesian stopwords: function words too frequent to tell documents apart.

The list holds closed-class words only (conjunctions, prepositions, pronouns,
determiners, auxiliaries, particles, question words). Content words that are
merely frequent in news (``kata``, ``tahun``, ``presiden``) stay searchable.
"""

from __future__ import annotations

CONJUNCTIONS = frozenset(
    """
    dan atau tetapi tapi namun serta melainkan sedangkan padahal sehingga karena
    karna sebab jika kalau jikalau apabila bila agar supaya meskipun meski
    walaupun walau biarpun kendati kendatipun sementara seraya sambil setelah
    sesudah sebelum sebelumnya sejak hingga sampai ketika tatkala selama seandainya
    andaikan bahwa bahwasanya maka lalu kemudian ataupun maupun yaitu yakni
    adapun sedang selagi asalkan seolah seakan
    """.split()
)

PREPOSITIONS = frozenset(
    """
    di ke dari pada kepada daripada dalam untuk bagi oleh dengan tentang mengenai
    terhadap atas antara menurut tanpa demi per seperti sebagai bagaikan selain
    kecuali melalui hadapan
    """.split()
)

PRONOUNS = frozenset(
    """
    aku saya kami kita engkau kau kamu anda dia ia beliau mereka kalian
    ini itu sini situ sana begini begitu demikian tersebut
    """.split()
)

DETERMINERS = frozenset(
    """
    yang para sang si sebuah seorang seseorang sesuatu semua semuanya segala segenap
    seluruh setiap tiap masing beberapa berbagai suatu lain lainnya sendiri secara
    """.split()
)

AUXILIARIES = frozenset(
    """
    adalah ialah merupakan akan telah sudah belum pernah masih sedang lagi juga hanya
    cuma saja pula sangat amat paling lebih kurang agak cukup terlalu sekali tidak tak
    bukan jangan bisa dapat boleh harus mesti perlu mau ingin hendak mungkin memang
    justru bahkan malah malahan selalu sering hampir ada adanya tetap pun
    """.split()
)

PARTICLES = frozenset(
    """
    lah kah tah nya dong kok sih deh kan toh nah ya
    """.split()
)

QUESTION_WORDS = frozenset(
    """
    apa apakah siapa siapakah kapan kapankah dimana dimanakah mana manakah berapa
    berapakah bagaimana bagaimanakah mengapa mengapakah kenapa kenapakah bilamana
    kemana kemanakah darimana darimanakah
    """.split()
)

STOPWORDS: frozenset[str] = (
    CONJUNCTIONS | PREPOSITIONS | PRONOUNS | DETERMINERS | AUXILIARIES | PARTICLES | QUESTION_WORDS
)

# Enclitics are three letters each, which keeps the check below to one slice.
_CLITIC_ENDINGS = ("lah", "kah", "tah", "pun", "nya")


def is_stopword(word: str, stopwords: frozenset[str] = STOPWORDS) -> bool:
    """True for a stopword, also when an enclitic hides it (``itulah``, ``adanya``).

    The stemmers strip enclitics too, but stopping happens before stemming (and
    names are never stemmed), so the check must see through them itself.
    """
    return word in stopwords or (word.endswith(_CLITIC_ENDINGS) and word[:-3] in stopwords)
