"""Page furniture: the parts of a scraped page that are not the article.

Navigation, adverts, "read also" links, cookie banners, bylines, photo credits,
repeated captions and trailing spam would otherwise be indexed as if the reporter
wrote them, and shown in snippets. Every rule is a shape (a label line, a credit
prefix, a repeat, a trailing block of labels), never a particular sentence, and
each is anchored to a whole short line so that a sentence that merely mentions
"iklan" or "foto" survives.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from search.ingest.publisher import DOMAIN, copyright_holder, dateline_publisher, strip_dateline

_LABEL_LINE = re.compile(
    r"(?:menuju|lompat ke|langsung ke) (?:konten|isi)(?: utama)?|skip to (?:main )?content"
    r"|loading|memuat|back to top|kembali ke atas|scroll to continue(?: with content)?"
    r"|advertisement|iklan|ads|sponsored|konten bersponsor|all rights reserved"
    r"|(?:berita|artikel) (?:lainnya|terkait|terpopuler|populer|pilihan|rekomendasi)"
    r"|(?:bagikan|share)(?: (?:artikel|berita))?(?: ini)?|tweet|komentar|comments?",
    re.IGNORECASE,
)
_LABEL_TRIM = " .:…|>»-–—"

# Line openings that mark a whole (short) line as furniture.
_FURNITURE_OPENING = re.compile(
    r"\(?\s*(?:baca|lihat|simak|tonton) (?:juga|pula)\b"
    r"|artikel ini (?:telah |sudah )?(?:tayang|terbit|dimuat|diterbitkan)\b"
    r"|(?:rep|red|reporter|penulis|editor|redaktur|sumber|source|kontributor|pewarta|penyunting"
    r"|writer|author|teks|text|tags?|topik|kata kunci|keywords?)\s*:"
    r"|laporan (?:wartawan|reporter)\b"
    r"|(?:situs|website|laman|halaman|this (?:web)?site|we|kami)\b[^.]{0,30}"
    r"\b(?:menggunakan|memakai|uses?) (?:kuki|cookies?)\b"
    r"|(?:terima|setuju|tolak|accept|allow|decline|reject)(?: all| semua)? (?:kuki|cookies?)\b",
    re.IGNORECASE,
)
_MAX_FURNITURE_LINE = 250
# ``#TetapSehat with KabarKita``: a hashtag sign-off, not a sentence that opens with a hashtag.
_HASHTAG_SIGN_OFF = re.compile(r"#[^\W_]\w*(?: \S+){0,5}")

# A photo credit (``Foto: Reuters``, ``Antara Foto/Reuters/X``); capitalised, so that
# ``sebuah foto/video`` stays prose.
_PHOTO_CREDIT_LABEL = r"\(?(?:[A-Z][\w-]* )?(?:Foto|FOTO|Photo|PHOTO|Ilustrasi|ILUSTRASI)\s*(?::\s*|/(?=[A-Z]))"
_PHOTO_CREDIT_LINE = re.compile(_PHOTO_CREDIT_LABEL)
_MAX_PHOTO_CREDIT_LINE = 80
# The same credit ending a caption: ``... di Paris. Foto: Eduard Pesov/MFA Russia``.
_TRAILING_PHOTO_CREDIT = re.compile(rf"(?:^|(?<=[.!?]))\s*{_PHOTO_CREDIT_LABEL}[^.!?]{{1,80}}\.?\)?$")

# An outlet's credit in brackets, on a line of its own or closing the last sentence of a
# paragraph: ``(TribunJakarta.com/Dwi Putra Kesuma)``, ``... kata dia. (kompas.com)``. The
# outlet named there is the source, not an organization the story mentions.
_OUTLET_CREDIT = rf"\(\s*{DOMAIN}(?:\s*/\s*[^()/\n]{{1,40}}){{0,2}}\s*\)"
_OUTLET_CREDIT_LINE = re.compile(_OUTLET_CREDIT)
_TRAILING_OUTLET_CREDIT = re.compile(rf"(?<=[.!?\"”])\s*{_OUTLET_CREDIT}$")

_SPAM = re.compile(
    r"\b(?:togel|toto gelap|sbobet|maxwin|gacor"
    r"|(?:keluaran|pengeluaran|data|result|live draw|prediksi|paito) (?:sgp|hk|sdy|singapura|singapore"
    r"|hongkong|hong kong|sydney|macau|togel)"
    r"|(?:judi|slot|poker|casino|kasino) (?:online|bola|slot|deposit|terpercaya)"
    r"|(?:situs|bandar|agen) (?:judi|togel|slot|bola|poker))\b",
    re.IGNORECASE,
)
_SENTENCE_PUNCTUATION = re.compile(r"[.!?…\"“”]")
_WORD = re.compile(r"[^\W_]+")
_MAX_LABEL_WORDS = 6
_MAX_CREDIT_WORDS = 20

_EDGE_PUNCTUATION = " .,:;!?\"'“”‘’()[]-–—"


def _comparison_key(paragraph: str) -> str:
    """What makes two paragraphs "the same": case, spacing and an outlet dateline aside."""
    return " ".join(strip_dateline(paragraph).casefold().split()).strip(_EDGE_PUNCTUATION)


def _is_publisher_category(line: str) -> bool:
    """``tirto.id - Politik``: an outlet name followed only by a section label."""
    if dateline_publisher(line) is None:
        return False
    rest = strip_dateline(line)
    return len(rest.split()) <= 3 and not _SENTENCE_PUNCTUATION.search(rest)


def is_furniture(line: str) -> bool:
    """Whether one whole line is page furniture rather than article text."""
    if not _WORD.search(line) or _LABEL_LINE.fullmatch(line.strip(_LABEL_TRIM)):
        return True
    if len(line) <= _MAX_PHOTO_CREDIT_LINE and _PHOTO_CREDIT_LINE.match(line):
        return True
    if _OUTLET_CREDIT_LINE.fullmatch(line):
        return True
    if len(line) > _MAX_FURNITURE_LINE:
        return False
    return bool(
        _FURNITURE_OPENING.match(line)
        or _HASHTAG_SIGN_OFF.fullmatch(line)
        or copyright_holder(line)
        or _is_publisher_category(line)
    )


def _is_trailing_junk(line: str) -> bool:
    """A label, credit or spam line of the kind pages pile up after the story.

    A real closing paragraph may report on gambling, so spam words alone condemn a
    line only when it is no sentence or repeats them. A line all in capitals is the
    reporters' and agencies' credit (``ANI | BUDI S.``), not prose.
    """
    spam_words = len(_SPAM.findall(line))
    if spam_words >= 2 or (line.isupper() and len(_WORD.findall(line)) <= _MAX_CREDIT_WORDS):
        return True
    if _SENTENCE_PUNCTUATION.search(line):
        return False
    return spam_words == 1 or len(_WORD.findall(line)) <= _MAX_LABEL_WORDS


def _without_trailing_junk(paragraphs: list[str]) -> list[str]:
    for last in range(len(paragraphs) - 1, -1, -1):
        if not _is_trailing_junk(paragraphs[last]):
            return paragraphs[: last + 1]
    return paragraphs


def _without_repeats(paragraphs: list[str], title: str | None) -> list[str]:
    seen = {_comparison_key(title)} if title else set()
    kept = []
    for paragraph in paragraphs:
        key = _comparison_key(paragraph)
        if key in seen:
            continue
        seen.add(key)
        kept.append(paragraph)
    return kept


def remove_furniture(paragraphs: Sequence[str], *, title: str | None = None) -> list[str]:
    """The paragraphs that are article text, in order; ``title`` is dropped where repeated."""
    stripped = (_TRAILING_OUTLET_CREDIT.sub("", _TRAILING_PHOTO_CREDIT.sub("", paragraph)).strip()
                for paragraph in paragraphs)
    content = [paragraph for paragraph in stripped if paragraph and not is_furniture(paragraph)]
    return _without_trailing_junk(_without_repeats(content, title))
