"""Organizations: gazetteer names, names opened or closed by an organization word, acronyms.

Acronyms and their expansions are linked (``Tentara Pembebasan Suriah (FSA)`` is one
entity, and a later bare ``FSA`` is the same one); a ministry takes the country written
after it (``Departemen Luar Negeri AS``); a country inside an organization's name is part
of that name, not a mention of the country.
"""

from __future__ import annotations

import re
from functools import lru_cache

from search.entities.countries import canonical_country
from search.entities.cues import (
    BUSINESS_KINDS,
    CATEGORY_WORDS,
    DATE_WORDS,
    GENERAL,
    GENERAL_OFFICES,
    MEDIA_BEFORE,
    MEDIA_PHRASES,
    MEMBERSHIP_ROLES,
    NAME_CONNECTORS,
    NAMED_AFTER_PEOPLE,
    NOT_NAME_WORDS,
    ONE_BODY_PREFIXES,
    ORG_PREFIXES,
    ORG_SUFFIXES,
    PLACE_PREFIXES,
    RANK_WORDS,
    SPEECH_AFTER,
)
from search.entities.gazetteer import COUNTRY, ORG, PERSON, PLACE, gazetteer, not_people, scan
from search.entities.lexicon import is_common_word, is_frequent_word, is_name_part
from search.entities.ministries import US_STYLE_WORD, ministry_of
from search.entities.name_words import is_body_word, is_people_word, is_rare_in_bodies
from search.entities.normalize import display_word
from search.entities.region_names import JURISDICTIONS
from search.entities.roles import announced_by_role, is_role_word, role_tokens
from search.entities.spans import Span, Spans
from search.entities.titles import is_title_word
from search.entities.tokens import DOMAIN, NUMBER, WORD, Token
from search.entities.wordlists import common_acronyms, english_words, given_names, rows, split_list

MAX_NAME_TOKENS = 12
MAX_ANNOUNCED_NAME = 4
# ``Dr.``, ``H.``: an abbreviation's full stop inside a name.
MAX_ABBREVIATION = 3
MIN_ACRONYM, MAX_ACRONYM = 2, 7
UNITED_STATES = "Amerika Serikat"
# Abbreviated organization words, spelled out so both forms give one facet value.
_EXPANSIONS = {"Pemprov": "Pemerintah Provinsi", "Pemkot": "Pemerintah Kota", "Pemkab": "Pemerintah Kabupaten",
               "Kedubes": "Kedutaan Besar", "Kemenko": "Kementerian Koordinator", "Univ": "Universitas",
               "Departemen": "Kementerian"}
# Words that can stand on their own after an organization word and still make a name
# (``Komisi III``, ``SD Negeri 1``).
_NAME_NUMBERS = frozenset("I II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI XVII XVIII XIX XX".split())
_PROVINCES = "provinces.tsv"
_GOVERNMENT, _PROVINCE = "Pemerintah", "Provinsi"
# Words that only say what legal form a known company has (``Alibaba Group``, ``Garuda Indonesia Tbk``).
_COMPANY_FORMS = frozenset("group grup holding holdings corp corporation inc ltd limited llc tbk persero co".split())
# Organization words that are acronyms, so open a name only in capitals (``MAN 2``, not ``Man Wei Chong``).
_ACRONYM_PREFIXES = frozenset("pt cv sd sdn smp smpn sma sman smk smkn man mtsn rs rsud rsup rspad dprd kpud pn".split())
# ``Kantor KBRI``, ``Sekretariat DPP``: the office of a body is that body.
_OFFICE_WORDS = frozenset({"kantor", "sekretariat"})
# ``Kantor Perwakilan Jakarta``, ``Kantor Wali Kota Jakarta Utara``: an office named only by
# these words and places is the branch or seat of a body the name leaves unsaid, no body.
_BRANCH_WORDS = frozenset("pusat perwakilan cabang wilayah regional area unit wali kota gubernur bupati camat lurah "
                          "kecamatan kelurahan desa kepala".split())
# ``Departemen Rheumatologi di Mercy Medical Center``, ``Departemen Pulmonologi … Fakultas
# Kedokteran``: a department not listed as a ministry and placed in a body after it is a
# unit of a hospital, university or company, no ministry.
_UNIT_WORD = "departemen"
# ``Fakultas Ilmu Sosial dan Ilmu Politik``: a faculty named by its field alone, however long,
# is a kind of unit of a university the name leaves unsaid (every university has one).
_UNITS_OF_A_BODY = frozenset({"fakultas"})
_PANEL = ("majelis", "hakim")
_IN_WORDS = frozenset({"di", "pada", "dari"})
# ``Institute of Technology``, ``Foundation for Peace``: what joins an English name after its organization word.
_ENGLISH_OF = frozenset({"of", "for"})
# Place words of an address, which follows an organization's name but is no part of it.
_ADDRESS_WORDS = frozenset("jalan jl jln gedung gd wisma menara plaza mal mall komplek kompleks perumahan ruko".split())
# ``UU Nomor 2 tentang Partai Politik``: what a law's title is about follows this word.
_SUBJECT_OF_LAW = "tentang"
# ``Peraturan Pemerintah Nomor 99``, ``Keputusan Presiden``: an organization word after these
# is a word of a regulation's name.
_LAW_WORDS = frozenset({"peraturan", "keputusan", "instruksi"})
# ``Forum``, ``Gerakan`` and ``Kongres`` name events and campaigns as often as bodies: after a
# verb of launching, holding, opening or attending (``BaBe luncurkan Forum X``, ``lewat Gerakan
# Nasional Y``, ``membuka Kongres Z``) the name is the event or the campaign, no body.
_EVENT_OR_BODY = frozenset({"forum", "gerakan", "kongres"})
_EVENT_VERBS = frozenset("luncurkan meluncurkan diluncurkan gelar menggelar digelar selenggarakan menyelenggarakan "
                         "diselenggarakan adakan mengadakan diadakan canangkan mencanangkan dicanangkan lewat "
                         "melalui membuka dibuka menghadiri dihadiri".split())
# A company's legal form, which a facet value leaves out (``PT X Tbk`` and ``X`` are one company).
_LEGAL_PREFIXES = frozenset({"PT", "CV"})
_LEGAL_SUFFIXES = frozenset({"tbk", "persero"})
# Organization words that need a second word to open a name (``Rumah Sakit``, not ``Rumah Tangga``).
_PREFIX_PARTNERS = {"rumah": "sakit"}
MAX_GENERIC_WORDS = 3
# Words of the name that follows a kind of body and its acronym (``RSUP Haji Adam Malik``).
MAX_KIND_NAME = 4
# A number of this many digits at most can close a name (``SMA Negeri 3``), a year cannot.
MAX_NAME_NUMBER = 3
# Words that close an expansion that is an organization's name (``Indonesia Corruption Watch
# (ICW)``); an expansion closing with an organization word that opens names is about that
# body (``Laporan Keuangan Kementerian/Lembaga``), and ``Nasional`` closes programmes and
# policies as often (``Jaminan Kesehatan Nasional``, ``Kebijakan Energi Nasional``).
_ORG_WORDS = ORG_SUFFIXES | frozenset({"international", "watch", "network", "alliance"})
# ``Komisi III`` alone is a commission of the DPR, the body it is a unit of.
_PARLIAMENT_COMMISSION, _PARLIAMENT = "Komisi", "DPR"
# The boards of a party or association: Dewan Pimpinan Pusat, Daerah, Wilayah, Cabang.
_BOARDS = frozenset({"DPP", "DPD", "DPW", "DPC"})
_SENATE = "DPD"
# ``Kabinet Kerja``, ``Kabinet Indonesia Bersatu``: a cabinet named by its motto is a body; one
# named after its prime minister (``Kabinet Ali Sastroamidjojo``) or a role's holder after it
# (``Sekretaris Kabinet X``) gives the person, no body.
_CABINET = "kabinet"
_BOARD_TERRITORIES = frozenset({"provinsi", "kabupaten", "kota", "kabupaten/kota", "tingkat", "se"})
# An acronym acting as a subject (``_acts``): how long it must be, the words that show it.
MIN_ACTING_ACRONYM = 3
_AGENT_WORD = "oleh"
_AUXILIARIES = frozenset("akan telah sudah juga tidak tak belum masih sedang harus bisa dapat siap pun boleh "
                         "perlu wajib memang".split())
_ACTIVE_PREFIXES = ("me", "ber")
# Words of the shape of an active verb that are adjectives, adverbs or prepositions
# (``MPV mewah``, ``ELT memang``, ``NPL menjelang``): no body acts in them.
_NOT_VERBS = frozenset("mewah merah megah mesra melainkan menjelang mengenai menurut menuju meski meskipun "
                       "bersama berikut beberapa berbagai berturut".split())
# ``RKUHP akan disahkan``: what is done to it, a law or a product more often than a body.
_PASSIVE_PREFIX = "di"
# Verbs of being and having, whose subject is as often a thing (``PCOS memiliki``, ``HGU merupakan``).
_STATIVE_VERBS = frozenset("merupakan memiliki mempunyai mencapai menjadi mengalami menyebabkan meningkat menurun "
                           "menunjukkan berasal berada berlaku bertambah berkurang berupa berisi bernilai berjumlah "
                           "bersifat berfungsi membuat".split())
# ``tersangka berinisial AGN``: capitals that are a person's initials.
_INITIALS_WORDS = frozenset({"berinisial", "inisial", "insial"})
MIN_VERB = 5
_CLUB = re.compile(r"Pers[a-z]{3,}|PS[A-Z]{1,3}")
# ``Perserikatan``, ``Persandian``, ``Persemakmuran``: nouns of the circumfix per-…-an, which
# the club pattern also fits; no club name in CLICK-ID ends so (its 11 ``Perserikatan`` values
# were the UN written ``Perserikatan Bangsa Bangsa``).
_NOUN_SUFFIX = "an"


def _is_capitalised_word(token: Token) -> bool:
    return token.kind == WORD and token.cap and token.text.lower() not in NOT_NAME_WORDS


def org_display(words: list[str]) -> str:
    """Facet form of an organization name built from its words: ``PARTAI X`` → ``Partai X``,
    ``RSUD Dr. Soetomo`` → ``RSUD Dr Soetomo`` (abbreviation stops dropped, so both spellings meet)."""
    shown = []
    for index, word in enumerate(word for word in words if word != "."):
        word = _EXPANSIONS.get(word, word) if index == 0 else word
        if word.isupper() and len(word) > 3 and is_common_word(word):
            word = display_word(word)
        shown.append(word)
    return " ".join(shown).replace(" - ", "-").replace(" -", "-").replace("- ", "-")


@lru_cache(maxsize=1)
def _provinces() -> dict[str, str]:
    """Province name or short form → full name."""
    return {form: name for name, short in rows(_PROVINCES, 2) for form in (name, *split_list(short))}


def _province_at(tokens: list[Token], index: int, end: int) -> tuple[str, int] | None:
    """The province written at ``index`` (full name or short form) and where it ends."""
    for length in (3, 2, 1):
        if index + length <= end:
            written = " ".join(token.text for token in tokens[index:index + length])
            if written in _provinces():
                return _provinces()[written], index + length
    return None


def _run_words(tokens: list[Token], spans: Spans, start: int, end: int) -> list[str]:
    """Words of tokens ``start:end``: every country under its canonical name, every province
    under its full name (``Jatim`` → ``Jawa Timur``), a government of a province as the
    province's (``Pemerintah Jawa Barat`` → ``Pemerintah Provinsi Jawa Barat``)."""
    words: list[str] = []
    index = start
    while index < end:
        span = spans.owner[index]
        province = _province_at(tokens, index, end) if index > start else None
        if span is not None and span.label == COUNTRY:
            words.append(span.canonical or "")
            index = span.end
        elif province is not None:
            if words == [_GOVERNMENT]:
                words.append(_PROVINCE)
            words.extend(province[0].split())
            index = province[1]
        else:
            words.append(tokens[index].text)
            index += 1
    return words


def _without_legal_form(words: list[str]) -> list[str]:
    """``PT Bank Central Asia Tbk`` → ``Bank Central Asia``: the company, whatever legal form is written."""
    start, end = 0, len(words)
    while start < end and (words[start] in _LEGAL_PREFIXES or (start and words[start] == ".")):
        start += 1
    while end > start and (words[end - 1].lower() in _LEGAL_SUFFIXES or words[end - 1] in "()"):
        end -= 1
    return words[start:end] or words


def _canonical_org(words: list[str]) -> str:
    """A known organization's canonical, or the written name without a company's legal form."""
    core = _without_legal_form(words)
    name = org_display(core)
    return gazetteer().organization(name) or gazetteer().organization(org_display(words)) or name


def qualify_ministries(tokens: list[Token], spans: Spans) -> None:
    """``Kementerian Luar Negeri`` + ``Rusia`` → one span for Russia's ministry."""
    for span in spans.ordered():
        if span.ministry is None or span.end >= len(tokens):
            continue
        after = spans.owner[span.end]
        if after is not None and after.label == COUNTRY and after.start == span.end:
            canonical = ministry_of(span.ministry, after.canonical)
            spans.put(Span(span.start, after.end, ORG, gazetteer().organization(canonical) or canonical,
                           span.ministry))


def resolve_bare_ministries(tokens: list[Token], spans: Spans) -> None:
    """A ministry named without a country is the article's own country's one.

    That is the one qualified elsewhere in the article when there is exactly one such;
    otherwise ``Departemen`` (the word for US ministries) means the US one when the
    article mentions the US, and anything else means Indonesia's.
    """
    ministries = [span for span in spans.items if span.ministry is not None]
    for span in ministries:
        ministry = span.ministry
        if ministry is None or span.canonical != ministry.canonical:
            continue
        qualified = {other.canonical for other in ministries
                     if other.ministry == ministry and other.canonical != ministry.canonical}
        if len(qualified) == 1:
            span.canonical = qualified.pop()
        elif tokens[span.start].text == US_STYLE_WORD and any(
                other.label == COUNTRY and other.canonical == UNITED_STATES for other in spans.items):
            canonical = ministry_of(ministry, UNITED_STATES)
            span.canonical = gazetteer().organization(canonical) or canonical


def _extend_name(tokens: list[Token], spans: Spans, start: int, headline: bool, after_role: bool) -> int:
    """End of an organization name whose first word is at ``start``.

    Countries and places join the name (``Kementerian Luar Negeri Rusia``), so do the
    people a hospital or university is named after (``RSUD Dr. Soetomo``) unless a role
    announced a person next (``Ketua Umum Partai X Prabowo``); a known organization, a rank
    (``Polres Tangsel AKP ...``), a legal form (``... Tbk``) or an address (``Bank X Jalan
    ...``) or a date (``Polda X Senin``) ends it. ``dan`` joins words of one name (``Badan
    Pengawas Obat dan Makanan``), not two acronyms' bodies (``Kementerian LHK dan TNGHS``),
    two places' (``Pengadilan Negeri Jakarta Pusat dan Jakarta Barat``), a role (``Dewan
    Pembina dan Ketua Umum``) nor a bare organization word to the next (``Dinas dan Badan``).
    """
    after_role = after_role or tokens[start].text.lower() not in NAMED_AFTER_PEOPLE
    end = start + 1
    if end < len(tokens) and (tokens[end].text in _LEGAL_PREFIXES or (
            tokens[start].text.lower() in _OFFICE_WORDS and (
                tokens[end].upper or spans.label_at(end) == ORG or _opens_organization(tokens, end)))):
        return end
    while end < len(tokens) and end - start < MAX_NAME_TOKENS:
        token = tokens[end]
        span = spans.owner[end]
        if span is not None:
            if (span.label == ORG and not span.derived) or (span.label == PERSON and after_role) \
                    or (span.label == PLACE and tokens[span.start].text.lower() in _ADDRESS_WORDS):
                break
            end = span.end
            continue
        if tokens[end - 1].text.lower() in _LEGAL_SUFFIXES:
            break
        if token.kind == NUMBER and tokens[end - 1].kind == WORD:
            end += 1
        elif token.kind == WORD and token.cap and not token.sentence_start:
            if not _general_office(tokens, start, end) and (
                    (headline and is_common_word(token.text)) or _announces_person(tokens, spans, end)
                    or _after_jurisdiction(tokens, spans, end)
                    or token.text.lower() in RANK_WORDS or token.text.lower() in DATE_WORDS):
                break
            end += 1
        elif (token.text in NAME_CONNECTORS and end + 1 < len(tokens) and tokens[end + 1].cap
              and not tokens[end + 1].sentence_start and not _opens_organization(tokens, end + 1)
              and tokens[end + 1].text.lower() not in PLACE_PREFIXES
              and spans.label_at(end + 1) not in (PLACE, COUNTRY) and spans.label_at(end - 1) not in (PLACE, COUNTRY)
              and not is_role_word(tokens[end + 1])
              and not (end == start + 1 and _opens_organization(tokens, start))
              and not tokens[end + 1].upper and not tokens[end - 1].upper
              and not any(char.isupper() for char in tokens[end + 1].text[1:])):
            end += 1
        elif token.text == "-" and token.glued and end + 1 < len(tokens) and tokens[end + 1].glued:
            end += 1
        elif (token.text == "." and token.glued and len(tokens[end - 1].text) <= MAX_ABBREVIATION
              and end + 1 < len(tokens) and tokens[end + 1].cap):
            end += 1
        else:
            break
    return _trimmed_end(tokens, spans, start, end)


def _after_jurisdiction(tokens: list[Token], spans: Spans, index: int) -> bool:
    """``DPRD Kota Sorong Pasca kerusuhan``: a place closes a governing body's name, and an
    everyday word the corpus does not write inside names (``Syariah`` it does) begins the
    sentence's next words."""
    return spans.label_at(index - 1) == PLACE and is_common_word(tokens[index].text) \
        and not is_name_part(tokens[index].text) and _names_jurisdiction(tokens, spans, index - 1)


def _names_jurisdiction(tokens: list[Token], spans: Spans, index: int) -> bool:
    """The name the place at ``index`` ends holds a body governing it (``DPRD``, ``Polres``,
    ``Pemerintah``); a movement's or a firm's name goes on (``Gerakan Aliansi Sumsel Melawan Asap``)."""
    start = index
    while start > 0 and tokens[start - 1].kind == WORD and tokens[start - 1].cap:
        start -= 1
        if tokens[start].text.lower() in JURISDICTIONS:
            return True
    return False


def _general_office(tokens: list[Token], start: int, index: int) -> bool:
    """``Direktorat Jenderal``, ``Sekretariat Jenderal``: the rank word names the office here."""
    return index == start + 1 and tokens[index].text.lower() == GENERAL and tokens[start].text.lower() in GENERAL_OFFICES


def _trimmed_end(tokens: list[Token], spans: Spans, start: int, end: int) -> int:
    """An organization's name ends with a word or a short number (``SMA Negeri 3``, ``Liputan
    6``; a year is no part of it, nor a count after a place: ``Polda Jambi 1``): no punctuation or lone initial (``Kejaksaan Negeri Magetan
    M`` is the office of M. Rizal), but a regnal number (``Angkasa Pura I``); no title
    opening its official's name (``Yayasan X Dr. dr. Y``) nor its own acronym."""
    while end > start + 1 and spans.owner[end - 1] is None and (
            not _ends_name(tokens[end - 1]) or (tokens[end - 1].kind == NUMBER and spans.owner[end - 2] is not None)
            or is_title_word(tokens[end - 1].text) or _own_acronym(tokens, start, end - 1)):
        end -= 1
    return end


def _own_acronym(tokens: list[Token], start: int, index: int) -> bool:
    """``PT Dirgantara Indonesia PTDI``: capitals closing a name that spell the words before
    them are the name's own short form, no word of it."""
    token = tokens[index]
    words = [tokens[position].text for position in range(start, index) if tokens[position].kind == WORD]
    return token.upper and len(token.text) > 2 and len(words) >= 2 and initials_match(token.text, words)


def _ends_name(token: Token) -> bool:
    if token.kind == NUMBER:
        return len(token.text) <= MAX_NAME_NUMBER
    return token.kind == WORD and (len(token.text) > 1 or token.text in _NAME_NUMBERS) \
        and token.text not in NAME_CONNECTORS


def _announces_person(tokens: list[Token], spans: Spans, index: int) -> bool:
    """``Polda Sumatera Barat AKBP M Yasli``: a rank or role followed by an unknown name or an
    initial ends the organization (``Ikatan Dokter Indonesia`` goes on)."""
    if not is_role_word(tokens[index]) or index + 1 >= len(tokens) or spans.owner[index + 1] is not None:
        return False
    following = tokens[index + 1]
    return following.kind == WORD and following.cap and not following.upper and (
        len(following.text) == 1 or not is_common_word(following.text))


def _name_tail(tokens: list[Token], spans: Spans, start: int, end: int) -> int:
    """Where the announced person's name begins at the end of ``start:end`` (``end`` when none does).

    The name is the run of name words (and initials with their stops) closing the span:
    from a given name if one opens it within the last four words (``Partai X Muhammad
    Rizal Fadli``, ``Dinas Pertanian Banten Agus M. Tauchid``, ``Biro Humas Hermansyah``),
    else from an initial (``Kejaksaan Negeri Sukamaju M Fauzan``), else the whole run when an everyday word of the organization's name precedes it
    (``Badan Kehormatan Mervin Sadipun Komber``), else its last two words (``PT Batamas
    Puri Permai Suban Hartono``); after a number, a country or a place that closes the body's
    name, the words after it (``Sekretaris DPRD DKI Jakarta Yuliadi``); the organization keeps
    at least one word.
    """
    tail = end
    while tail - 1 > start + 1 and spans.owner[tail - 1] is None and (
            (_is_capitalised_word(tokens[tail - 1]) and (
                not is_common_word(tokens[tail - 1].text) or len(tokens[tail - 1].text) == 1))
            or (tokens[tail - 1].text == "." and tail < end)):
        tail -= 1
    while tail < end and tokens[tail].text == ".":
        tail += 1
    words = sum(tokens[position].kind == WORD for position in range(tail, end))
    given = [position for position in range(max(tail, end - MAX_ANNOUNCED_NAME - 1), end)
             if tokens[position].text.lower() in given_names()]
    if words >= 2 and spans.owner[tail - 1] is None and tokens[tail - 1].kind == WORD \
            and is_common_word(tokens[tail - 1].text) and given:
        return tail  # ``Badan Legislasi Supratman Andi Agtas``: the whole name after the body's everyday word
    if given:
        return given[0]
    if words and tail - 1 > start and _closes_body_name(tokens, spans, tail - 1):
        return tail
    if words == 2 and tail + 1 < end and tokens[tail].text in _NAME_NUMBERS:
        return tail + 1  # ``Wakil Ketua Komisi V Lasarus``: the commission's number, then its official
    initials = [position for position in range(tail, end - 1) if len(tokens[position].text) == 1]
    if initials:
        return initials[0]
    if words >= 2 and spans.owner[tail - 1] is None and tokens[tail - 1].kind == WORD \
            and is_common_word(tokens[tail - 1].text):
        return tail
    if words == 1 and _official_after_portfolio(tokens, spans, tail):
        return tail
    return end - 2 if words >= 2 and tokens[end - 2].kind == WORD else end


def _closes_body_name(tokens: list[Token], spans: Spans, index: int) -> bool:
    """A number, a regnal numeral, a country or a place ends a body's name (``Polsek 2``,
    ``Lembaga Bantuan Hukum Indonesia``, ``Kejati DKI Jakarta``): the name words after it are
    the announced official's."""
    return tokens[index].kind == NUMBER or tokens[index].text in _NAME_NUMBERS \
        or spans.label_at(index) in (COUNTRY, PLACE)


def _official_after_portfolio(tokens: list[Token], spans: Spans, tail: int) -> bool:
    """``Kepala Biro Humas dan Protokol Hermansyah``: one unknown name word after an everyday
    word of the name, which no territory word or place explains, is the announced official
    (``Dinas Kesehatan Lebak`` is the office of a place the corpus knows, ``Kantor Wilayah
    Bekasi`` of a territory)."""
    previous, word = tokens[tail - 1], tokens[tail]
    return spans.owner[tail - 1] is None and previous.kind == WORD and is_common_word(previous.text) \
        and previous.text.lower() not in PLACE_PREFIXES and previous.text.lower() not in _BRANCH_WORDS \
        and not word.upper and (word.text,) not in not_people()


def _opens_organization(tokens: list[Token], index: int) -> bool:
    token = tokens[index]
    word = token.text.lower()
    if token.kind != WORD or not token.cap or word not in ORG_PREFIXES or (word in _ACRONYM_PREFIXES and not token.upper):
        return False
    needed = _PREFIX_PARTNERS.get(word)
    return needed is None or (index + 1 < len(tokens) and tokens[index + 1].text.lower() == needed)


def _is_generic(tokens: list[Token], spans: Spans, start: int, end: int) -> bool:
    """``Dinas Kesehatan``, ``Badan Legislasi``: a kind of body, not one body. A party,
    coalition, company or periodical is one body whatever words name it (``Partai
    Pelopor``, ``Koalisi Merah Putih``, ``Harian Merdeka``), except in the title of a law
    (``UU tentang Partai Politik``); an office named by branch words and places is a branch
    of a body left unsaid (``Kantor Perwakilan Jakarta``)."""
    if tokens[start].text.lower() in _OFFICE_WORDS and all(
            spans.label_at(index) in (PLACE, COUNTRY) or tokens[index].text.lower() in _BRANCH_WORDS
            for index in range(start + 1, end)):
        return True
    one_body = tokens[start].text.lower() in ONE_BODY_PREFIXES and not (
        start > 0 and tokens[start - 1].text == _SUBJECT_OF_LAW)
    short = end - start <= MAX_GENERIC_WORDS or tokens[start].text.lower() in _UNITS_OF_A_BODY
    return not one_body and short and all(
        spans.owner[index] is None and tokens[index].kind == WORD and is_common_word(tokens[index].text)
        for index in range(start + 1, end))


def find_prefixed(tokens: list[Token], spans: Spans, role_ends: dict[int, str]) -> None:
    """``Partai X``, ``Universitas X``, ``PT X Tbk``: a word that opens an organization's name.

    A unit of a known organization (``Komisi III DPR``, ``Dewan Pembina Partai Demokrat``)
    is left to that organization: one facet value per body, not one per committee; a
    short name of everyday words (``Dinas Kesehatan``) names a kind of body and is left out.
    """
    roles = role_tokens(role_ends)
    index = 0
    while index < len(tokens):
        if not tokens[index].cap or spans.owner[index] is not None or not _opens_organization(tokens, index) \
                or index in roles \
                or (index > 0 and tokens[index - 1].text.lower() in _LAW_WORDS | CATEGORY_WORDS) \
                or _inside_longer_name(tokens, spans, roles, index):
            index += 1
            continue
        after_role = announced_by_role(tokens, spans.owner, role_ends, index)
        end = _extend_name(tokens, spans, index, tokens[index].headline, after_role)
        if index > 0 and tokens[index].text.lower() in _EVENT_OR_BODY and tokens[index - 1].text.lower() in _EVENT_VERBS:
            spans.put(Span(index, end, PLACE, None))  # an event's name: no body, nor a person or country in it
            index = end
            continue
        if _is_unit(tokens, index, end):
            inner = next((position for position in range(index + 1, end)
                          if opens_organization_name(tokens[position].text)), end)
            spans.put(Span(index, inner, PLACE, None))  # claimed: no person is made of its words
            index = inner
            continue
        if end == index + 1 or (end == index + 2 and spans.label_at(index + 1) == COUNTRY
                                and tokens[index].text.lower() not in NAMED_AFTER_PEOPLE) \
                or spans.label_at(end) == ORG or _is_generic(tokens, spans, index, end):
            index = end
            continue
        if tokens[index].text.lower() == _CABINET and _holds_a_name(tokens, spans, index + 1, end):
            index += 1  # ``Sekretaris Kabinet X``, ``Kabinet Ali Sastroamidjojo``: its secretary or prime minister
            continue
        if after_role and not _spelled_out(tokens, index, end):
            end = _trimmed_end(tokens, spans, index, _name_tail(tokens, spans, index, end))
        words = _run_words(tokens, spans, index, end)
        if len(words) == 2 and words[0] == _PARLIAMENT_COMMISSION and words[1] in _NAME_NUMBERS:
            words = [_PARLIAMENT]
        spans.put(Span(index, end, ORG, _canonical_org(words)))
        index = end


def _holds_a_name(tokens: list[Token], spans: Spans, start: int, end: int) -> bool:
    """A word of ``start:end`` that no list claims and no lexicon calls ordinary: a person's name word."""
    return any(spans.owner[index] is None and tokens[index].kind == WORD and tokens[index].cap
               and not is_common_word(tokens[index].text) and tokens[index].text not in _NAME_NUMBERS
               for index in range(start, end))


def _spelled_out(tokens: list[Token], start: int, end: int) -> bool:
    """``PT Humpuss Transportasi Kimia (HTK) Asty Winasti``: the acronym after the name fits
    its words, so the name is whole and the official comes after it."""
    if end + 2 >= len(tokens) or tokens[end].text != "(" or tokens[end + 2].text != ")" \
            or not _is_acronym(tokens[end + 1]):
        return False
    words = [token.text for token in tokens[start:end] if token.kind == WORD]
    return initials_match(tokens[end + 1].text, words) or (len(words) > 1 and initials_match(tokens[end + 1].text, words[1:]))


def _is_unit(tokens: list[Token], start: int, end: int) -> bool:
    """A department inside another body: ``Departemen X`` running on into an organization
    word, or followed by ``di``/``pada``/``dari`` and a capital; a court's panel of judges
    (``Majelis Hakim Pengadilan Negeri X``) before the court."""
    if start + 2 < end and (tokens[start].text.lower(), tokens[start + 1].text.lower()) == _PANEL:
        return opens_organization_name(tokens[start + 2].text)
    if tokens[start].text.lower() != _UNIT_WORD:
        return False
    if any(opens_organization_name(tokens[index].text) for index in range(start + 1, end)):
        return True
    return end + 1 < len(tokens) and tokens[end].text in _IN_WORDS and tokens[end + 1].cap


def _inside_longer_name(tokens: list[Token], spans: Spans, roles: frozenset[int], index: int) -> bool:
    """``World University Rankings``: an organization word after a capital of running text
    that no rule explains (no role, title, list or rule's name) is a word of a longer name;
    right after a known organization it closes that one's name (``Djarum Foundation``). An
    English job title is no such capital (``Marketing Manager PT X``)."""
    if index == 0:
        return False
    if spans.label_at(index - 1) == ORG and tokens[index].text.lower() in ORG_SUFFIXES:
        return True
    before = tokens[index - 1]
    return (before.kind == WORD and before.cap and not before.ambiguous_case and spans.owner[index - 1] is None
            and index - 1 not in roles and not is_role_word(before) and not is_title_word(before.text)
            and before.text.lower() not in NOT_NAME_WORDS and not _opens_organization(tokens, index - 1))


def find_suffixed(tokens: list[Token], spans: Spans) -> None:
    """``Astra International Tbk``, ``SM Entertainment``, ``China Media Group``: a word that closes
    an organization's name (a role or job title before it is not part of it: ``CEO Crown
    Group``, ``General Manager X Group``; ``Product Development PT X`` is PT X; nor an acronym
    that names no body: ``Head of IT X Group``); an
    everyday or English word capitalised after it makes it part of a longer title (``World
    University Rankings``), where a name after it is its official's."""
    for index, token in enumerate(tokens):
        if (token.kind != WORD or not token.cap or token.text.lower() not in ORG_SUFFIXES
                or spans.owner[index] is not None or index == 0):
            continue
        start = index
        while start > 0 and index - start < MAX_NAME_TOKENS - 1 and not tokens[start].sentence_start:
            previous = spans.owner[start - 1]
            if previous is not None and previous.label in (ORG, COUNTRY, PLACE):
                start = previous.start
            elif (previous is None and tokens[start - 1].kind == WORD and tokens[start - 1].cap
                  and not (tokens[start - 1].ambiguous_case and is_common_word(tokens[start - 1].text))
                  and not is_role_word(tokens[start - 1]) and not is_title_word(tokens[start - 1].text)
                  and tokens[start - 1].text.lower() not in NOT_NAME_WORDS
                  and not (tokens[start - 1].upper and tokens[start - 1].text.lower() in common_acronyms()
                           and tokens[start - 1].text.lower() not in ORG_PREFIXES)):
                start -= 1
                if tokens[start].text in _LEGAL_PREFIXES:
                    break
            else:
                break
        start = _after_portfolio(tokens, spans, start, index)
        stop = _english_name_end(tokens, spans, index + 1)
        if not any(tokens[position].text.lower() not in ORG_SUFFIXES for position in range(start, index)) \
                and stop == index + 1:
            continue
        if start > 0 and is_role_word(tokens[start - 1]) and all(
                tokens[position].text.lower() in english_words() for position in range(start, index + 1)):
            continue  # ``Direktur Human Capital``: the director's portfolio, no body
        if token.text.lower() in BUSINESS_KINDS and all(
                tokens[position].text.lower() in english_words() for position in range(start, index)):
            continue  # ``Human Resources``: a department or a field
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if following is not None and spans.owner[index + 1] is None and _is_capitalised_word(following) \
                and not following.ambiguous_case and (is_common_word(following.text)
                                                      or following.text.lower() in english_words()):
            continue
        known = spans.owner[start]
        if known is not None and known.label == ORG and known.end == index \
                and token.text.lower() in _COMPANY_FORMS | BUSINESS_KINDS \
                and stop == index + 1:
            spans.put(Span(start, index + 1, ORG, known.canonical))
        else:
            spans.put(Span(start, stop, ORG, _canonical_org(_run_words(tokens, spans, start, stop))))


def _after_portfolio(tokens: list[Token], spans: Spans, start: int, index: int) -> int:
    """``Direktur Komunikasi Djarum Foundation``, ``Direktur Eksekutif Institute for …``: the
    everyday word right after a role is its portfolio, not the first word of the body's name
    a closing word (``index``) ends, when a name word (or an English ``of`` name) follows it;
    ``Ketua Sinar Harapan Foundation`` keeps a name made of everyday words whole."""
    if start == 0 or start >= index or not is_role_word(tokens[start - 1]) or spans.owner[start] is not None \
            or tokens[start].kind != WORD or not is_common_word(tokens[start].text) \
            or opens_organization_name(tokens[start].text):
        return start
    rest = range(start + 1, index)
    named = any(spans.owner[position] is not None or not is_common_word(tokens[position].text) for position in rest)
    return start + 1 if named or _english_name_end(tokens, spans, index + 1) > index + 1 else start


def _english_name_end(tokens: list[Token], spans: Spans, index: int) -> int:
    """``Beijing Institute of Architectural Design``: an English name goes on after its
    organization word through ``of``/``for`` and the capitals after it."""
    end = index
    while end + 1 < len(tokens) and tokens[end].text in _ENGLISH_OF and _is_capitalised_word(tokens[end + 1]) \
            and not tokens[end + 1].sentence_start and spans.label_at(end + 1) in (None, PLACE, COUNTRY):
        end += 1
        while end < len(tokens) and end - index < MAX_NAME_TOKENS and _is_capitalised_word(tokens[end]) \
                and not tokens[end].sentence_start and spans.label_at(end) in (None, PLACE, COUNTRY):
            span = spans.owner[end]
            end = span.end if span is not None else end + 1
    return end


@lru_cache(maxsize=1)
def _media_phrases() -> dict[str, list[list[str]]]:
    phrases: dict[str, list[list[str]]] = {}
    for phrase in sorted(MEDIA_PHRASES, key=len, reverse=True):
        words = phrase.split()
        phrases.setdefault(words[0], []).append(words)
    return phrases


@lru_cache(maxsize=1)
def _media_openers() -> frozenset[str]:
    """First words of every medium cue, lower-cased: the one test most tokens need (speed)."""
    return frozenset(_media_phrases()) | frozenset(word.lower() for word in MEDIA_BEFORE)


def _media_phrase_end(tokens: list[Token], index: int) -> int | None:
    for words in _media_phrases().get(tokens[index].text.lower(), ()):
        window = tokens[index:index + len(words)]
        if len(window) == len(words) and all(t.text.lower() == w for t, w in zip(window, words, strict=True)):
            return index + len(words)
    if tokens[index].text in MEDIA_BEFORE:
        return index + 1
    return None


def find_media(tokens: list[Token], spans: Spans) -> None:
    """``dilansir Reuters``, ``koran Washington Post``, ``Hak cipta milik X``: the medium is an organization."""
    openers = _media_openers()
    for index, token in enumerate(tokens):
        if token.kind != WORD or spans.owner[index] is not None or token.text.lower() not in openers:
            continue
        start = _media_phrase_end(tokens, index)
        if start is None or start >= len(tokens) or spans.owner[start] is not None:
            continue
        if not _is_capitalised_word(tokens[start]) or tokens[start].sentence_start:
            continue
        end = _extend_name(tokens, spans, start, tokens[start].headline, after_role=True)
        if end == start + 1 and is_common_word(tokens[start].text):
            continue
        if all(spans.label_at(position) in (None, PLACE, COUNTRY) for position in range(start, end)):
            spans.put(Span(start, end, ORG, _canonical_org(_run_words(tokens, spans, start, end))))


def find_domains(tokens: list[Token], spans: Spans) -> None:
    """``tirto.id``, ``Kompas.com``: a news site named by its address."""
    for index, token in enumerate(tokens):
        if token.kind == DOMAIN and spans.owner[index] is None:
            canonical = gazetteer().organization(token.text) or gazetteer().organization(token.text.split(".")[0])
            if canonical:
                spans.put(Span(index, index + 1, ORG, canonical))


def _is_acronym(token: Token) -> bool:
    if not token.upper or token.kind != WORD:
        return False
    letters = token.text.replace("-", "")
    return (MIN_ACRONYM <= len(letters) <= MAX_ACRONYM
            and token.text.lower() not in common_acronyms() and token.text not in _NAME_NUMBERS
            and not is_role_word(token))


def initials_match(acronym: str, words: list[str]) -> bool:
    """``KPK`` ~ ``Komisi Pemberantasan Korupsi``; syllable acronyms (``Bawaslu``) also pass."""
    letters = "".join(word for word in words if word.lower() not in NAME_CONNECTORS).lower()
    initials = "".join(word[0] for word in words if word.lower() not in NAME_CONNECTORS).lower()
    acronym = acronym.lower()
    if initials == acronym:
        return True
    position = 0
    for char in acronym:
        position = letters.find(char, position)
        if position < 0:
            return False
        position += 1
    return acronym[0] == initials[0] and set(initials) <= set(acronym)


def _long_form_before(tokens: list[Token], spans: Spans, paren: int, acronym: str) -> tuple[int, int] | None:
    """The capitalised run ending right before ``(`` whose initials fit the acronym."""
    end = paren
    start = end
    while start > 0 and end - start < MAX_NAME_TOKENS:
        previous = tokens[start - 1]
        if previous.kind == WORD and (previous.cap or previous.text in NAME_CONNECTORS) and spans.owner[start - 1] is None:
            start -= 1
        else:
            break
    while start < end and not tokens[start].cap:
        start += 1
    for first in range(start, end):
        words = [token.text for token in tokens[first:end] if token.kind == WORD]
        if tokens[first].cap and words and initials_match(acronym, words):
            return first, end
    return None


def opens_organization_name(word: str) -> bool:
    """``Gerakan``, ``Komisi``: a word that opens an organization's name on its own
    (``Rumah`` needs ``Sakit``)."""
    return word.lower() in ORG_PREFIXES and word.lower() not in _PREFIX_PARTNERS


def names_organization(words: list[str]) -> bool:
    """An expansion that opens or closes with an organization word (``Gerakan ...``, ``... Watch``)."""
    return opens_organization_name(words[0]) or words[-1].lower() in _ORG_WORDS


def _name_around_country(tokens: list[Token], spans: Spans, country: Span, acronym: str) -> Span | None:
    """``Sistem Informasi Pertanian Indonesia (SINPI)``: an acronym that is no alias of the
    country before it and whose initials take in capitals before the country expands a
    longer name, which holds the country as a word (no mention of it). The name is claimed:
    an organization when its words say so, else a term or programme (no value)."""
    if canonical_country(acronym) == country.canonical:
        return None
    start = country.start
    while start > 0 and spans.owner[start - 1] is None and tokens[start - 1].kind == WORD and (
            tokens[start - 1].cap or tokens[start - 1].text in NAME_CONNECTORS):
        start -= 1
    while start < country.start and not tokens[start].cap:
        start += 1
    for first in range(start, country.start):
        words = [*(token.text for token in tokens[first:country.start] if token.kind == WORD), country.canonical or ""]
        if tokens[first].cap and initials_match(acronym, words):
            organization = names_organization(words) and not _is_generic(tokens, spans, first, country.end)
            canonical = _canonical_org(_run_words(tokens, spans, first, country.end)) if organization else None
            name = Span(first, country.end, ORG if organization else PLACE, canonical)
            spans.put(name)
            return name
    return None


def _named_after_kind(tokens: list[Token], spans: Spans, kind: Span, paren: int) -> Span | None:
    """``Rumah Sakit Umum Pusat (RSUP) Haji Adam Malik``, ``Perusahaan Daerah Air Minum (PDAM)
    Tirta Dharma``: a kind of body no list knows, spelled out with its acronym and followed by a
    name, is the body of that name, written as the press writes it (``RSUP Haji Adam Malik``)."""
    first = paren + 3
    if kind.label != ORG or kind.end != paren or first >= len(tokens) or not _is_capitalised_word(tokens[first]) \
            or tokens[first].sentence_start or spans.label_at(first) == ORG \
            or gazetteer().organization(kind.canonical or "") is not None:
        return None
    if tokens[first].text.lower() in given_names() and _after_role(tokens, kind.start):
        return None  # ``Direktur Institute for X (IX) Andi Wirawan``: the role's holder, no name of the body
    if not all(tokens[index].kind == WORD and (is_common_word(tokens[index].text) or tokens[index].text in NAME_CONNECTORS)
               for index in range(kind.start + 1, kind.end)):
        return None
    end = first
    while end < len(tokens) and end - first < MAX_KIND_NAME and _is_capitalised_word(tokens[end]) \
            and not tokens[end].sentence_start and spans.label_at(end) != ORG:
        span = spans.owner[end]
        end = span.end if span is not None else end + 1
    words = [tokens[paren + 1].text, *_run_words(tokens, spans, first, end)]
    return Span(kind.start, end, ORG, _canonical_org(words))


def _after_role(tokens: list[Token], start: int) -> bool:
    """A role stands right before ``start``, or before the portfolio word there (``Direktur Eksekutif``)."""
    return any(0 <= index < len(tokens) and is_role_word(tokens[index]) for index in (start - 1, start - 2)) \
        and (start < 2 or is_role_word(tokens[start - 1]) or is_common_word(tokens[start - 1].text))


def _lower_expansion(tokens: list[Token], index: int) -> bool:
    """``(non performing loan/NPL)``, ``persetujuan berlayar atau SPB``, ``ibu kota negara
    (IKN)``: the acronym at ``index`` spelled out in lower case, so a term, not a body's name."""
    before = tokens[index - 1].text if index > 0 else ""
    if before == "(" and index + 1 < len(tokens) and tokens[index + 1].text == ")":
        words: list[str] = []
        position = index - 2
        while position >= 0 and len(words) < MAX_ACRONYM and tokens[position].kind == WORD \
                and tokens[position].text.islower():
            words.insert(0, tokens[position].text)
            if "".join(word[0] for word in words) == tokens[index].text.lower():
                return True  # initials exactly: ``lembaga survei (LSI)`` describes a body
            position -= 1
        return False
    return before in ("/", "atau") and index > 1 and tokens[index - 2].kind == WORD and tokens[index - 2].text.islower()


def _terms_spelled_after(tokens: list[Token], spans: Spans) -> set[str]:
    """``SKT (Sigaret Kretek Tangan)``, ``ERP (Enterprise Resource Planning)``: an acronym
    spelled out in parentheses right after it, in words that name no organization, is a
    term; the words are claimed (no person is made of them) and the acronym is no body in
    the article (the corpus list's reading of it included)."""
    terms: set[str] = set()
    for index in range(len(tokens) - 3):
        token = tokens[index]
        if not token.upper or not _is_acronym(token) or tokens[index + 1].text != "(" or spans.owner[index + 2] is not None:
            continue
        end = index + 2
        while end < len(tokens) and end - index < MAX_NAME_TOKENS and spans.owner[end] is None \
                and tokens[end].kind == WORD and (tokens[end].cap or tokens[end].text in NAME_CONNECTORS):
            end += 1
        words = [tokens[position].text for position in range(index + 2, end)]
        if end >= len(tokens) or tokens[end].text != ")" or len(words) < 2 or not tokens[index + 2].cap \
                or not initials_match(token.text, words) or names_organization(words):
            continue
        terms.add(token.text)
        spans.put(Span(index + 2, end, PLACE, None))
        if spans.label_at(index) == ORG and (known := spans.owner[index]) is not None and known.derived:
            spans.remove(known)
    return terms


def link_acronyms(tokens: list[Token], spans: Spans) -> tuple[dict[str, tuple[str, str]], frozenset[str]]:
    """Link ``Long Name (ACR)`` pairs; returns acronym → (label, canonical) for the article,
    and the acronyms the article spells out as something else than an organization
    (``Ruang Terbuka Hijau (RTH)``, ``Petugas Penyuluh Lapangan (PPL)``)."""
    links: dict[str, tuple[str, str]] = {}
    explained = {token.text for index, token in enumerate(tokens)
                 if token.upper and _is_acronym(token) and spans.owner[index] is None and _lower_expansion(tokens, index)}
    explained |= _terms_spelled_after(tokens, spans)
    for paren in range(1, len(tokens) - 2):
        if tokens[paren].text != "(" or tokens[paren + 2].text != ")" or not _is_acronym(tokens[paren + 1]):
            continue
        acronym = tokens[paren + 1].text
        before = spans.owner[paren - 1]
        known = spans.owner[paren + 1]
        around = _name_around_country(tokens, spans, before, acronym) \
            if before is not None and before.label == COUNTRY and before.end == paren else None
        if around is not None:
            if around.label == ORG and around.canonical:
                links[acronym] = (ORG, around.canonical)
                spans.put(Span(paren + 1, paren + 2, ORG, around.canonical))
            else:
                explained.add(acronym)
            continue
        named = _named_after_kind(tokens, spans, before, paren) if before is not None else None
        if named is not None:
            spans.put(named)
            continue
        if before is not None and before.label in (ORG, COUNTRY, PERSON) and before.end == paren:
            label, canonical = before.label, before.canonical
            if known is not None and known.label == ORG and before.label == ORG and known.canonical != canonical:
                label, canonical = ORG, known.canonical
                spans.put(Span(before.start, before.end, ORG, canonical))
        elif before is not None and before.label == PLACE and before.end == paren:
            explained.add(acronym)  # a place's short form: ``Ruang Terbuka Hijau (RTH)``
            continue
        elif known is not None and known.label == ORG and not known.derived:
            label, canonical = ORG, known.canonical
            found = _long_form_before(tokens, spans, paren, acronym)
            if found:
                spans.put(Span(found[0], found[1], ORG, canonical))
        else:
            found = _long_form_before(tokens, spans, paren, acronym)
            kind = Span(found[0], found[1], ORG, None) if found else None
            if kind is not None and names_organization([token.text for token in tokens[kind.start:kind.end]]) \
                    and (named := _named_after_kind(tokens, spans, kind, paren)) is not None:
                spans.put(named)  # ``Lembaga Pemasyarakatan (Lapas) Sukamiskin``: a kind of body, then its name
                continue
            if not found or not names_organization([token.text for token in tokens[found[0]:found[1]]]) \
                    or _is_generic(tokens, spans, *found):
                if known is not None:
                    _drop_derived(spans, acronym)
                if found:
                    explained.add(acronym)
                continue
            label, canonical = ORG, _canonical_org(_run_words(tokens, spans, *found))
            spans.put(Span(found[0], found[1], ORG, canonical))
        if canonical:
            links[acronym] = (label, canonical)
            spans.put(Span(paren + 1, paren + 2, label, canonical))
    return links, frozenset(explained - set(links))


def _member_of(tokens: list[Token], role_ends: dict[int, str], index: int) -> bool:
    """``Ketua KPU``, ``partai PKS``: the word before says the capitals are an organization."""
    if index == 0:
        return False
    words = role_ends.get(index - 1, tokens[index - 1].text.lower()).split()
    return bool(words) and words[0] in MEMBERSHIP_ROLES


def _acts(tokens: list[Token], index: int) -> bool:
    """``OECD akan fokus``, ``LMD menyasar``, ``survei oleh LSI``: an acronym of three letters or
    more that is the subject of an active verb or the agent after ``oleh`` names a body
    (laws and products are talked about, they seldom act: ``RKUHP akan disahkan``). Reporting verbs are left out:
    people known by their initials speak (``SBY mengatakan``)."""
    text = tokens[index].text
    if len(text) < MIN_ACTING_ACRONYM or any(char.isdigit() for char in text):
        return False
    if index > 0 and tokens[index - 1].text.lower() in _INITIALS_WORDS:
        return False
    if index > 0 and tokens[index - 1].text == _AGENT_WORD:
        return True
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    if following is None or following.kind != WORD or following.cap or following.text in SPEECH_AFTER \
            or following.text in _STATIVE_VERBS:
        return False
    position = index + 1
    while position < len(tokens) and tokens[position].text in _AUXILIARIES:
        position += 1
    if position > index + 1:
        verb = tokens[position].text if position < len(tokens) else ""
        return not (verb.startswith(_PASSIVE_PREFIX) and len(verb) >= MIN_VERB)
    word = following.text
    return word.startswith(_ACTIVE_PREFIXES) and len(word) >= MIN_VERB and word not in _NOT_VERBS


def _in_code(tokens: list[Token], index: int, codes: set[str]) -> bool:
    """``B 1921 VVK``, ``Ninja 250 SE MDP``, ``812 GTS``, ``V8 HEMI``: capitals after a name or
    letter and a number, after a three-digit number or a model's code, or after such capitals,
    are a plate or a model's code (``September 2007 PTBA`` is a date)."""
    before, earlier = tokens[index - 1], tokens[index - 2]
    model = before.kind == WORD and before.cap and any(char.isdigit() for char in before.text)
    return (before.kind == NUMBER and earlier.kind == WORD and earlier.cap
            and earlier.text.lower() not in DATE_WORDS) or before.text in codes or model \
        or (before.kind == NUMBER and before.text.isdigit() and len(before.text) == MAX_NAME_NUMBER)


def _has_age(tokens: list[Token], index: int) -> bool:
    """``ODF (33)``: capitals followed by an age in parentheses are a person's initials."""
    return index + 3 < len(tokens) and tokens[index + 1].text == "(" and tokens[index + 2].kind == NUMBER \
        and tokens[index + 2].text.isdigit() and len(tokens[index + 2].text) <= 2 and tokens[index + 3].text == ")"


def find_acronyms(tokens: list[Token], spans: Spans, links: dict[str, tuple[str, str]],
                  explained: frozenset[str], role_ends: dict[int, str]) -> None:
    """A bare acronym: the article's own expansion if it gave one, else an organization
    when a membership word stands before it in running text (``Ketua ULMWP``) or it acts
    (``OECD akan``, ``LMD menyasar``, ``oleh LSI``).

    Capitals alone prove nothing: most unexplained ones are laws, products and units
    (``RKUHP``, ``MPV``, ``USD1``); one the article spells out as something else
    (``Ruang Terbuka Hijau (RTH)``), or that closes a number or a known name (a plate ``B
    1921 VVK``, a model ``Ninja 250 SE MDP``, a service ``MNC NOW``) is no body however it acts.
    """
    codes: set[str] = set()
    for index, token in enumerate(tokens):
        if token.upper and index > 1 and _is_acronym(token) \
                and (spans.label_at(index - 1) == ORG or _in_code(tokens, index, codes)):
            codes.add(token.text)
    aged = {token.text for index, token in enumerate(tokens)
            if token.upper and _is_acronym(token) and _has_age(tokens, index)}
    members = {token.text for index, token in enumerate(tokens)
               if token.upper and spans.owner[index] is None and _is_acronym(token) and not token.headline
               and (_member_of(tokens, role_ends, index) or _acts(tokens, index))} - explained - codes - aged
    for index, token in enumerate(tokens):
        if not token.upper or spans.owner[index] is not None or not _is_acronym(token):
            continue
        if token.text in links:
            label, canonical = links[token.text]
            spans.put(Span(index, index + 1, label, canonical))
        elif token.text in members and not is_frequent_word(token.text) and spans.label_at(index + 1) != ORG:
            spans.put(Span(index, index + 1, ORG, token.text))


def find_clubs(tokens: list[Token], spans: Spans) -> None:
    """Indonesian football clubs are named ``Pers...`` or ``PS...`` (``Persikabo``, ``PSIS Semarang``)."""
    for index, token in enumerate(tokens):
        if token.text[:1] == "P" and spans.owner[index] is None and _CLUB.fullmatch(token.text) \
                and not is_common_word(token.text) and not token.text.endswith(_NOUN_SUFFIX):
            end = index + 2 if index + 1 < len(tokens) and spans.label_at(index + 1) == PLACE else index + 1
            spans.put(Span(index, end, ORG, _canonical_org(_run_words(tokens, spans, index, end))))


def find_organizations(tokens: list[Token], spans: Spans, role_ends: dict[int, str]) -> None:
    """Add every organization span of the article to ``spans`` (countries inside them are absorbed)."""
    qualify_ministries(tokens, spans)
    find_domains(tokens, spans)
    find_prefixed(tokens, spans, role_ends)
    find_suffixed(tokens, spans)
    find_media(tokens, spans)
    find_clubs(tokens, spans)
    links, explained = link_acronyms(tokens, spans)
    find_acronyms(tokens, spans, links, explained, role_ends)
    resolve_bare_ministries(tokens, spans)
    fold_boards(tokens, spans)
    drop_derived_inside_names(tokens, spans)
    release_glued_people(tokens, spans, role_ends)
    drop_everyday_aliases(tokens, spans)


def drop_everyday_aliases(tokens: list[Token], spans: Spans) -> None:
    """``Rayakan 17 Tahun Berkarya``: a body's one-word alias that is an everyday word (``Berkarya``
    for Partai Berkarya, ``Antara lain``) names the body only where its capital says so, not in a
    title-case headline or opening a sentence, unless the corpus capitalises it inside names too
    (``Pemda``, ``Ormas``: ``is_name_part``)."""
    for span in [span for span in spans.items if span.label == ORG and span.end - span.start == 1]:
        token = tokens[span.start]
        if token.ambiguous_case and not token.upper and is_common_word(token.text) and not is_name_part(token.text):
            spans.remove(span)


def release_glued_people(tokens: list[Token], spans: Spans, role_ends: dict[int, str]) -> None:
    """``Sekretaris Dinas Deded Kusmayadi``, ``Kasubag Humas PMI Pusat Eka Wulan Cahyasari``: after a
    role (or a role and its portfolio word), name words closing an unknown organization's name that
    the corpus shows to be people's words, hardly ever a body's (``_people_words_closing``), or rare
    words after a word of bodies' names (``_unknown_after_body_word``), are the official's name
    glued to the body, no part of it. They are cut off, a person the role announces, with the
    titles before them (``Pengadilan Tinggi Hj Irama``); a body that keeps only its kind word or
    everyday words (``Dinas``) is no value. Known bodies and the corpus list's are whole as they
    are, so is a body nothing announces an official of (``Universitas Hasanuddin``)."""
    for span in [span for span in spans.items if span.label == ORG and span.canonical and not span.derived]:
        cut = _people_words_closing(tokens, span.start, span.end)
        if cut == span.end:
            cut = _unknown_after_body_word(tokens, span.start, span.end)
        if cut == span.end or gazetteer().organization(" ".join(token.text for token in tokens[span.start:span.end])) \
                or not (span.start - 1 in role_ends or span.start - 2 in role_ends
                        or announced_by_role(tokens, spans.owner, role_ends, span.start)):
            continue
        spans.remove(span)
        body_end = cut
        while body_end - 1 > span.start and body_end - 1 in role_ends:
            body_end -= 1  # ``Hj`` before the official's name is his title, no word of the body's
        body_end = _trimmed_end(tokens, spans, span.start, body_end)
        words = (span.canonical or "").split()
        dropped = [token.text for token in tokens[body_end:span.end] if token.text != "."]
        if words[-len(dropped):] != dropped:
            spans.put(span)  # a name the canonical spells otherwise (a province spelled out): left whole
            continue
        spans.put(Span(cut, span.end, PERSON, " ".join(display_word(token.text) for token in tokens[cut:span.end])))
        if body_end - span.start > 1 and not (_is_generic(tokens, spans, span.start, body_end) and not any(
                place.label in (PLACE, COUNTRY) for place in scan(tokens[span.start + 1:body_end]))):  # ``Polres Medan``
            spans.put(Span(span.start, body_end, ORG, _canonical_org(words[:-len(dropped)])))


def _may_be_glued(token: Token) -> bool:
    """A word that may be an official's name glued to a body's: capitalised, no acronym, initial or everyday word."""
    return _is_capitalised_word(token) and not token.upper and len(token.text) > 1 and not is_common_word(token.text)


def _people_words_closing(tokens: list[Token], start: int, end: int) -> int:
    """Where the official's name closing ``start:end`` begins (``end`` when none does): a run of
    words of people's names (``is_people_word``, everyday words too: ``Satria``) and of rare words
    no other body's name has (``Eka Wulan Cahyasari``), holding at least one people's word, with
    the titles inside it (``Hj Irama Chandra``); the body keeps at least its first word."""
    cut, people = end, 0
    while cut - 1 > start:
        token = tokens[cut - 1]
        if token.kind != WORD or not token.cap or token.upper or len(token.text) < 2:
            break
        if is_people_word(token.text):
            people += 1
        elif not (is_title_word(token.text) and people) and (
                is_common_word(token.text) or is_body_word(token.text) or not is_rare_in_bodies(token.text)):
            break
        cut -= 1
    while cut < end and (is_title_word(tokens[cut].text) or not is_people_word(tokens[cut].text)):
        cut += 1  # the name opens with a people's word: ``Hj`` or a rare word before it stays the body's
    return cut if people else end


def _unknown_after_body_word(tokens: list[Token], start: int, end: int) -> int:
    """``Polres Kobar Ipa Marjuki``, ``RSUP H Adam Malik Medan Rosario Dorothy Simanjuntak``: two
    to four words closing the name after a word of bodies' names (``is_body_word``), none of
    which the corpus has in another body's name, are an official's however rare their name;
    where they begin (``end`` when they do not)."""
    tail = end
    while tail - 1 > start and end - tail < MAX_ANNOUNCED_NAME and _may_be_glued(tokens[tail - 1]) \
            and is_rare_in_bodies(tokens[tail - 1].text):
        tail -= 1
    if end - tail >= 2 and tokens[tail - 1].kind == WORD and is_body_word(tokens[tail - 1].text):
        return tail
    return end


def fold_boards(tokens: list[Token], spans: Spans) -> None:
    """``DPD Hanura``, ``DPP PKS``, ``DPW PAN Jawa Timur``: a board of an organization is that
    organization (one value per body), and ``DPD`` there is no senate. A board no body
    follows is one of a party the sentence leaves unsaid (``keputusan DPP``, ``31 DPD
    provinsi``), no value; ``DPD`` alone is the senate (idner-news-2k: 14 of its 145 organization
    false positives were such boards)."""
    for span in [span for span in spans.items if span.label == ORG and span.end - span.start == 1]:
        written = tokens[span.start].text
        if written not in _BOARDS:
            continue
        body = spans.owner[span.end] if span.end < len(tokens) else None
        if body is not None and body.label == ORG and body.start == span.end:
            spans.put(Span(span.start, body.end, ORG, body.canonical))
        elif written != _SENATE or _counted_boards(tokens, span.start):
            spans.put(Span(span.start, span.end, ORG, None))  # still a body's word, but no value


def _counted_boards(tokens: list[Token], index: int) -> bool:
    """``31 DPD``, ``DPD provinsi``, ``DPD kabupaten/kota``: regional boards, counted or of a kind of territory."""
    before = tokens[index - 1] if index > 0 else None
    after = tokens[index + 1] if index + 1 < len(tokens) else None
    return (before is not None and before.kind == NUMBER) or (
        after is not None and after.kind == WORD and after.text in _BOARD_TERRITORIES)


def _drop_derived(spans: Spans, written: str) -> None:
    """The article expands an acronym the corpus took for an organization into something
    else (``Sigaret Kretek Mesin (SKM)``): here it is not that organization."""
    for span in [span for span in spans.items if span.derived and span.end - span.start == 1
                 and spans.tokens[span.start].text == written]:
        spans.remove(span)


def drop_derived_inside_names(tokens: list[Token], spans: Spans) -> None:
    """A name only the corpus vouches for counts where it stands alone: a capital word of
    running text beside it makes it a word of a longer name (``Sriwijaya Promotion
    Center``), which no rule recognised; its words stay claimed (no person is made of them)."""
    for span in [span for span in spans.items if span.derived]:
        after = span.end
        before = span.start - 1
        beside_after = after < len(tokens) and spans.owner[after] is None and _is_capitalised_word(tokens[after]) \
            and not tokens[after].ambiguous_case
        beside_before = before >= 0 and spans.owner[before] is None and _is_capitalised_word(tokens[before]) \
            and not tokens[before].ambiguous_case
        if beside_after and tokens[span.start].text.lower() in NAMED_AFTER_PEOPLE:
            end = _extend_name(tokens, spans, span.start, tokens[span.start].headline, after_role=False)
            spans.put(Span(span.start, end, ORG, _canonical_org(_run_words(tokens, spans, span.start, end))))
        elif beside_after or beside_before:
            spans.put(Span(span.start, span.end, PLACE, None))


def canonical_organization(name: str) -> str:
    """The facet value for an organization's name written on its own; a party's board is
    the party (``DPD Hanura`` → ``Partai Hanura``), as in running text (``fold_boards``)."""
    words = name.split()
    if len(words) > 1 and words[0] in _BOARDS and (body := gazetteer().organization(" ".join(words[1:]))):
        return body
    return _canonical_org(words)
