"""One test per extraction rule, on sentences written for the purpose."""

from __future__ import annotations

import pytest

from search.entities import extract_entities
from search.entities.countries import canonical_country


def people(text: str) -> list[str]:
    return extract_entities(text)["people"]


def countries(text: str) -> list[str]:
    return extract_entities(text)["countries"]


def organizations(text: str) -> list[str]:
    return extract_entities(text)["organizations"]


def assert_no_people(*texts: str) -> None:
    found = {text: people(text) for text in texts}
    assert found == dict.fromkeys(texts, [])


def test_result_shape_and_empty_text() -> None:
    assert extract_entities("") == {"people": [], "countries": [], "organizations": [], "region": []}
    result = extract_entities("Presiden Joko Widodo bertemu Perdana Menteri Jepang Shinzo Abe di Tokyo.")
    assert set(result) == {"people", "countries", "organizations", "region"}
    assert all(isinstance(value, str) for values in result.values() for value in values)


def test_titles_are_not_part_of_names() -> None:
    assert people("Hal itu disampaikan Menteri Luar Negeri Sergei Lavrov di Moskow.") == ["Sergey Lavrov"]
    assert people("Ia mengkritik Presiden Suriah Bashar Assad.") == ["Bashar al-Assad"]
    assert people("Rapat dipimpin Kepala Dinas Pendidikan Kota Bogor Hendrawan Saputro, Senin.") == [
        "Hendrawan Saputro"]


@pytest.mark.parametrize(("text", "person", "organization"), [
    ("Menurut juru bicara Gedung Putih, Marlon Fitzgerald, keputusan itu belum final.",
     "Marlon Fitzgerald", "Gedung Putih"),
    ("Direktur PT Batamas Puri Permai Suban Hartono diperiksa penyidik.", "Suban Hartono", "Batamas Puri Permai"),
])
def test_role_with_an_organization_before_the_name(text: str, person: str, organization: str) -> None:
    assert people(text) == [person]
    assert organizations(text) == [organization]


@pytest.mark.parametrize(("text", "expected"), [
    ('"Kami belum menerima laporan itu," kata Wiratmoko kepada wartawan.', ["Wiratmoko"]),
    ("Sutrisnowati menambahkan bahwa panen tahun ini lebih baik.", ["Sutrisnowati"]),
    ("Pelaku, Rahmanto (34), ditangkap di rumahnya.", ["Rahmanto"]),
    ("Menurut Sutrisnadi, laporan itu sudah dikirim.", ["Sutrisnadi"]),
    ("Anggota DPR Fadli Zon dan Ketua KPK Agus Rahardjo bertemu.", ["Fadli Zon", "Agus Rahardjo"]),
])
def test_cues_announce_a_person(text: str, expected: list[str]) -> None:
    assert people(text) == expected


def test_surname_resolves_to_the_full_name_of_the_article() -> None:
    text = ("Ahli gizi Ratna Kusumawardani meneliti menu sekolah. "
            "\"Anak-anak butuh protein,\" ujar Kusumawardani.")
    assert people(text) == ["Ratna Kusumawardani"]


def test_known_person_named_by_surname_alone_gets_the_full_name() -> None:
    assert people('"Tidak ada kesepakatan," kata Lavrov.') == ["Sergey Lavrov"]


def test_hyphenated_pairs_are_two_people() -> None:
    assert people("Pembicaraan Kerry-Lavrov berlangsung tiga jam.") == ["John Kerry", "Sergey Lavrov"]


def test_spelling_variants_fold_to_one_value_across_articles() -> None:
    first = people("Perdana Menteri Dmitri Medvedev tiba di Jakarta.")
    second = people("Perdana Menteri Dmitry Medvedev tiba di Jakarta.")
    assert first == second == ["Dmitry Medvedev"]
    unknown_a = people("Analis Sergei Volkonsky menilai sanksi itu berlebihan.")
    unknown_b = people("Analis Sergey Volkonsky menilai sanksi itu berlebihan.")
    assert unknown_a == unknown_b == ["Sergey Volkonsky"]
    assert people("Presiden AS Barrack Obama berpidato.") == ["Barack Obama"]


def test_junk_is_not_a_person() -> None:
    text = ("Selasa (14/10) lalu Menteri Luar Negeri tiba. Advertisement\n\n"
            "Namun Tuhan yang menentukan, katanya pada Januari.")
    assert people(text) == []


def test_headline_words_are_not_people() -> None:
    assert people("Pertukaran Intelejen Tingkatkan Kerja Sama\n\nIsi berita.") == []


def test_cities_are_not_countries_or_people() -> None:
    text = "Delegasi terbang dari Kuala Lumpur ke Moskow, lalu ke Damaskus dan Washington."
    assert countries(text) == []
    assert people(text) == []


def test_country_aliases_fold_to_the_indonesian_name() -> None:
    text = "Pejabat AS, Syria, Federasi Rusia dan Tiongkok hadir; Korsel absen."
    assert countries(text) == ["Amerika Serikat", "Suriah", "Rusia", "China", "Korea Selatan"]
    assert canonical_country("South Africa") == "Afrika Selatan"
    assert canonical_country("Moskow") is None


def test_lower_case_words_and_languages_are_not_countries() -> None:
    assert countries("Ia bekerja as a manager dan fasih berbahasa Inggris serta bahasa Jepang.") == []
    assert countries("Harga kain india dan karpet turki naik; dia datang as usual.") == []
    assert countries("Presiden Kuba dan delegasi Inggris tiba.") == ["Kuba", "Inggris"]


def test_country_inside_an_organization_is_not_a_country_mention() -> None:
    text = "Kelompok Negara Islam Irak dan Suriah (ISIS) diserang Tentara Pembebasan Suriah."
    assert countries(text) == []
    assert organizations(text) == ["ISIS", "Tentara Pembebasan Suriah"]
    assert countries(text + " Warga Suriah mengungsi.") == ["Suriah"]


def test_ministries_fold_whatever_word_and_country_form() -> None:
    us_department = organizations("Departemen Luar Negeri AS mengeluarkan pernyataan.")
    us_ministry = organizations("Kementerian Luar Negeri Amerika Serikat mengeluarkan pernyataan.")
    assert us_department == us_ministry == ["Kementerian Luar Negeri Amerika Serikat"]
    assert organizations("Kemenlu RI memanggil duta besar itu.") == ["Kementerian Luar Negeri"]
    assert organizations("Kementerian Luar Negeri Rusia membantah.") == ["Kementerian Luar Negeri Rusia"]
    assert countries("Kementerian Luar Negeri Rusia membantah.") == []


def test_bare_us_style_department_is_the_us_one_when_the_article_is_about_the_us() -> None:
    text = "Pejabat AS bertemu di Washington. Departemen Luar Negeri menolak berkomentar."
    assert organizations(text) == ["Kementerian Luar Negeri Amerika Serikat"]


def test_acronym_and_expansion_are_one_organization() -> None:
    text = ("Lembaga Kajian Pangan Nusantara (LKPN) merilis laporan. "
            "Menurut LKPN, harga beras naik.")
    assert organizations(text) == ["Lembaga Kajian Pangan Nusantara"]
    known = "Partai Keadilan Sejahtera (PKS) mendukung usulan itu. Kader PKS hadir."
    assert organizations(known) == ["PKS"]


def test_gazetteer_aliases_of_organizations() -> None:
    text = "Daesh, ISIL dan Negara Islam Irak dan Suriah adalah satu kelompok; Perserikatan Bangsa-Bangsa mengecam."
    assert organizations(text) == ["ISIS", "PBB"]


def test_organization_words_open_names() -> None:
    text = "Mahasiswa Universitas Sriwijaya Palembang dan karyawan PT Sinar Abadi Tbk berunjuk rasa."
    assert organizations(text) == ["Universitas Sriwijaya Palembang", "Sinar Abadi"]


def test_unit_of_a_known_body_is_that_body() -> None:
    assert organizations("Komisi III DPR memanggil Kapolri.") == ["DPR"]


def test_unexplained_capitals_are_not_organizations() -> None:
    assert organizations("Pembahasan RKUHP ditunda, harga BBM dan APBN dibahas pukul 10.00 WIB.") == []


def test_place_names_after_people_are_not_people() -> None:
    assert people("Kecelakaan terjadi di Jalan Gatot Subroto dekat Bandara Soekarno-Hatta.") == []


def test_short_forms_join_the_long_name_of_the_article() -> None:
    text = "Wakil Ketua KPK Alexander Marwata hadir. Menurut Alex, kasus itu segera tuntas."
    assert people(text) == ["Alexander Marwata"]
    assert people("Presiden Donald. Kemudian Trump berbicara.") == ["Donald Trump"]


def test_media_and_copyright_holders_are_organizations() -> None:
    assert organizations("Hal itu dilaporkan surat kabar Harian Merdeka dan dilansir Reuters.") == [
        "Harian Merdeka", "Reuters"]
    assert organizations("Hak cipta milik Koran Pagi Nusantara.") == ["Koran Pagi Nusantara"]


def test_indonesian_clubs_and_regional_governments() -> None:
    assert organizations("Laga Persiraja melawan PSIS Semarang ditunda.") == ["Persiraja", "PSIS Semarang"]
    assert organizations("Pemprov DKI dan Pemerintah Provinsi DKI Jakarta adalah satu.") == [
        "Pemerintah Provinsi DKI Jakarta"]
    assert organizations("Polda Jatim, Polda Jawa Timur, Pemerintah Jabar dan Pemprov Jawa Barat.") == [
        "Polda Jawa Timur", "Pemerintah Provinsi Jawa Barat"]


def test_legal_form_of_a_known_company_is_the_company() -> None:
    assert organizations("Saham Alibaba Group dan Garuda Indonesia Tbk naik, Alibaba untung.") == [
        "Alibaba", "Garuda Indonesia"]


def test_first_names_that_are_countries() -> None:
    assert countries("Bek Israel Folau dan pelari Chad Mendes tampil.") == []
    assert countries("Presiden Chad bertemu Perdana Menteri Israel.") == ["Chad", "Israel"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Psikolog Ratna Kusumawardani SPsi MPsi menuturkan bahwa anak itu sehat.", ["Ratna Kusumawardani"]),
    ("Dr dr Hendra Wiratmoko SpOG mengatakan proses itu cepat.", ["Hendra Wiratmoko"]),
    ("Ketua panitia Prof Drh Sutrisna Adiwijaya MSc PhD mengatakan hasilnya baik.", ["Sutrisna Adiwijaya"]),
    ("Danrem Kolonel Inf Dadang Sutrisna mengatakan, kemarau masih panjang.", ["Dadang Sutrisna"]),
    ("Bupati H. Rudianto Sasmita meresmikan pasar itu.", ["Rudianto Sasmita"]),
])
def test_degrees_titles_and_branches_are_not_part_of_names(text: str, expected: list[str]) -> None:
    assert people(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("VP of Corporate Communications Yado Yarismano mengatakan, bandara tetap buka.", ["Yado Yarismano"]),
    ("Wiratmoko Sasmita Larang Rina Kusumawardani Tonton Konser, Ada Apa?\n\n"
     "Penyanyi Wiratmoko Sasmita mengatakan hal itu kepada wartawan.", ["Wiratmoko Sasmita"]),
    ("Joko Widodo Santuni Korban Banjir di Bekasi\n\nBantuan itu diserahkan Senin.", ["Joko Widodo"]),
])
def test_runs_split_at_job_titles_and_headline_verbs(text: str, expected: list[str]) -> None:
    assert people(text) == expected


def test_a_rank_and_a_name_end_an_organization() -> None:
    text = "Kabid Humas Polda Sumatera Barat AKBP M Yasli mengatakan hal itu."
    assert organizations(text) == ["Polda Sumatera Barat"]


def test_acronyms_the_article_spells_out_as_terms_or_places_are_no_bodies() -> None:
    assert organizations("Kemudian Petugas Pendata Lapangan (PPL) datang. PPL mengunggah data ke sistem.") == []
    assert organizations("Rasio kredit macet (non performing loan/NPL) naik. NPL juga bisa ditekan.") == []
    assert organizations("Lahan itu masuk Ruang Terbuka Biru (RTB). Kalau RTB masih boleh ada bangunan.") == []
    assert organizations("Ratusan anggota Komite Nelayan Pesisir Utara (KNPU) datang. KNPU menuntut ganti rugi.") == [
        "Komite Nelayan Pesisir Utara"]


def test_plates_and_model_codes_are_no_bodies() -> None:
    assert organizations("Mobil bernomor polisi B 4312 KZT melaju kencang di tol.") == []
    assert organizations("Pada September 2007 KBPT akan membangun pabrik baru.") == ["KBPT"]


def test_adjectives_shaped_like_verbs_do_not_make_an_acronym_act() -> None:
    assert organizations("Mobil itu tampil dengan wajah SUV mewah.") == []
    assert organizations("Sejak awal LKPM menyasar pengusaha kecil.") == ["LKPM"]


def test_a_department_inside_another_body_is_no_ministry() -> None:
    text = "Ketua Departemen Fisiologi Fakultas Kedokteran Universitas Gadjah Mada, Ratna Dewi, mengatakan itu."
    assert not any(value.startswith(("Kementerian", "Departemen")) for value in organizations(text))
    assert "Fisiologi" not in people(text)
    assert organizations("Kata direktur medis dari Departemen Kardiologi di Rumah Sakit Pine Hill.") == [
        "Rumah Sakit Pine Hill"]


def test_an_office_named_by_branch_words_and_places_is_no_body() -> None:
    assert organizations("Pengemudi akan ditugaskan di Kantor Perwakilan Surabaya.") == []
    assert organizations("Ia ditemui di Kantor Wali Kota Jakarta Selatan, Rabu.") == []


def test_one_name_word_after_a_portfolio_is_the_official() -> None:
    assert organizations("Kepala Biro Umum dan Protokol Sumardiono menyebut lambang itu mirip.") == [
        "Biro Umum dan Protokol"]


def test_a_country_inside_a_name_its_acronym_expands_is_no_mention() -> None:
    text = "Data diunggah ke Sistem Informasi Perikanan Indonesia (SIPERI). SIPERI memuat data itu."
    assert extract_entities(text) == {"people": [], "countries": [], "organizations": [], "region": []}
    named = extract_entities("Pameran digelar Asosiasi Pemandu Wisata Indonesia (APWI) di Cirebon.")
    assert named["countries"] == [] and named["organizations"] == ["Asosiasi Pemandu Wisata Indonesia"]
    assert countries("Amerika Serikat (AS) dan Indonesia sepakat. AS akan membantu.") == [
        "Amerika Serikat", "Indonesia"]


def test_a_community_is_an_organization_and_holds_its_country_word() -> None:
    found = extract_entities("Ketua Umum Komunitas Pesepeda Malaysia Ahmad Rizal mengatakan acara itu ramai.")
    assert found["countries"] == [] and found["organizations"] == ["Komunitas Pesepeda Malaysia"]


def test_a_role_alone_does_not_make_a_person_of_a_name_the_corpus_shows_as_a_place() -> None:
    # ``San Siro`` is in not_people_corpus.tsv (CLICK-ID writes it after ``di`` and ``Stadion``).
    assert people("Hal itu disampaikan analis San Siro, Budi Santoso, kemarin.") == ["Budi Santoso"]
    assert people("Menurut pengamat San Siro harga naik.") == []
    assert people('"Kami siap," kata San Siro kepada wartawan.') == ["San Siro"]


def test_police_headquarters_and_places_within_a_territory_are_no_people() -> None:
    assert people("Ratusan polisi menggelar aksi di halaman Mapolres Halteng, Senin.") == []
    assert people("Pelaku tinggal di Jalan Melati, Sukamaju Kidul Kota Padang Sidimpuan.") == []
    assert people("Rapat dihadiri Ade Yasin Kabupaten Bogor.") == ["Ade Yasin"]


def test_an_ideology_before_a_name_is_no_part_of_it() -> None:
    assert people("Ia dijuluki penjahat perang Nazi Hermann Brandt oleh pers.") == ["Hermann Brandt"]


def test_employers_bodies_groups_short_forms_territories_and_places_are_no_people() -> None:
    assert_no_people(
        "Ditjen Pembinaan Usaha Kecil (Binusaki) Kementerian Koperasi melaporkan hasilnya.",
        "Klaim kelompok Zawahra bahwa mereka menyerang dibantah.",
        "Pelaku adalah warga Karya Mulya Sakti, Kecamatan Way Seputih.",
        "Bantuan datang dari posko Perumnas Tamalanrea kemarin.",
        "Negara surga pajak itu yakni Marshall Coral Islands.",
        "Sebanyak 40 karyawan Tokonusa didakwa membantu perusuh.",
        "Menurut Lockwell, kontraktor pertahanan Inggris, uji coba berhasil.",
        "Ada laporan dari warga Sukamelang bahwa api membesar.",
        "Pelatih asal Lhokbarus itu menuturkan strateginya.",
        "Ia warga Kelurahan Sukajadi, Kecamatan Medan Sunggal, Kota Medan.",
        "Acara digelar di panggung Marlon Brandt Theater, Los Angeles.",
    )
    # a territory's role still announces the name written after the territory, or one word alone
    assert people("Kapolsek Cibarusah AKP Dedi Kurnia mengatakan pelaku kabur.") == ["Dedi Kurnia"]
    assert people("Di sana, ia menemui Bupati Sukardjono.") == ["Sukardjono"]
    # a name after an organization is vouched for by its given name (``Ilmuwan NASA William …``)
    assert people("Ilmuwan NASA William Stefanovic menyebut gambar itu tajam.") == ["William Stefanovic"]


def test_words_of_an_english_title_are_no_person() -> None:
    assert_no_people("Negara itu meratifikasi Convention on Marine Debris Reduction pekan lalu.",
                     "Pabrik itu memakai Layered Glass Coating with Silica Treatment.")


def test_a_brand_the_corpus_shows_is_no_person_and_its_official_is() -> None:
    # ``Calya``, ``Sigra`` and ``Mazda`` are in not_people_corpus.tsv (written after ``mobil``, ``merek``…).
    assert people("Komunitas pemilik Calya Sigra berkumpul di Bogor.") == []
    assert people("Menurut juru bicara Mazda Hiroshi Tanaka, model itu siap.") == ["Hiroshi Tanaka"]


def test_a_name_the_article_gives_to_an_organization_is_no_person() -> None:
    text = "PT Wiranusa Darmaputra Energi menggelar donor darah. Tahun ini Wiranusa Darmaputra menambah investasi."
    assert extract_entities(text)["people"] == []
    assert organizations(text) == ["Wiranusa Darmaputra Energi"]


def test_the_body_between_a_role_and_its_holder_is_no_person() -> None:
    assert people("Hal itu disampaikan analis Kerrigan, Michael Dawson, kemarin.") == ["Michael Dawson"]
    assert people("Hadir pula Founder Lintasmaya Nadiem Makarim.") == ["Nadiem Makarim"]
    text = ("Kasus penganiayaan wartawan Rakyatpos Medan, Budi Hariadi, belum terang. "
            "Pemimpin Redaksi Rakyatpos itu mengaku kecewa.")
    assert people(text) == ["Budi Hariadi"]


def test_a_body_named_after_a_person_is_no_mention_of_the_person() -> None:
    found = extract_entities("Ia kuliah di Universitas Islam Negeri Sunan Gunungjati, Cirebon.")
    assert found["people"] == [] and found["organizations"] == ["Universitas Islam Negeri Sunan Gunungjati"]


def test_jenderal_after_an_office_word_is_the_office_s_name() -> None:
    found = extract_entities("Direktur Direktorat Jenderal Bina Marga Kementerian PUPR, Sugiyartanto, hadir.")
    assert "Bina Marga" not in found["people"]


def test_a_name_closed_by_a_country_is_a_body_s_branch_and_dan_after_a_place_joins_no_body() -> None:
    found = extract_entities("Data itu dari Polda Kepulauan Riau dan Trikora Enduro Indonesia.")
    assert found["people"] == [] and found["organizations"] == ["Polda Kepulauan Riau"]


@pytest.mark.parametrize(("text", "organization"), [
    ("Wakil Ketua Komisi IV Hermanto menyampaikan hasil rapat.", "DPR"),
    ("Ketua Asosiasi Petani Kopi Indonesia Marsudi menilai harga turun.", "Asosiasi Petani Kopi Indonesia"),
])
def test_one_name_word_after_a_numeral_or_a_country_is_the_official(text: str, organization: str) -> None:
    assert organizations(text) == [organization]


def test_an_english_name_goes_on_through_of() -> None:
    assert organizations("Desain dibuat oleh Shanghai Institute of Urban Planning dan mitranya.") == [
        "Shanghai Institute of Urban Planning"]


def test_english_words_after_a_role_are_its_portfolio() -> None:
    assert "Human Capital" not in organizations("Rina selaku Direktur Human Capital PT Kereta Api Indonesia hadir.")


def test_a_kind_of_body_with_its_acronym_and_a_name_is_the_named_body() -> None:
    assert organizations("Warga dibantu Perusahaan Daerah Air Minum (PDAM) Tirta Kencana.") == ["PDAM Tirta Kencana"]


def test_the_office_of_a_body_is_that_body() -> None:
    assert organizations("Ia diperiksa di Kantor Polres Bekasi Kota, Senin.") == ["Polres Bekasi Kota"]


def test_capitals_after_a_model_number_are_a_code() -> None:
    assert organizations("Mobil itu memakai mesin 540 LTX dengan turbo. Mesin V6 TRD berkapasitas 3.5 L.") == []


def test_dan_joins_no_brand_cased_word() -> None:
    assert not any(" dan " in value for value in organizations(
        "Yayasan itu mengelola Klinik Harapan Kasih dan KasihLab di Bogor."))


def test_a_name_its_acronym_spells_out_is_whole_before_the_official() -> None:
    found = extract_entities("Direktur PT Sumber Tirta Perkasa (STP) Asep Suryana mengatakan harga naik.")
    assert found["people"] == ["Asep Suryana"] and found["organizations"] == ["Sumber Tirta Perkasa"]


def test_a_forum_or_movement_launched_or_held_is_an_event_not_a_body() -> None:
    held = "Startup itu meluncurkan Forum Kreator Muda Nusantara. Salah satunya lewat Gerakan Nasional Peduli Sungai."
    assert organizations(held) == []
    assert organizations("Ketua Forum Rektor Indonesia hadir.") == ["Forum Rektor Indonesia"]


def test_an_everyday_word_or_role_with_a_possessive_ending_is_no_name() -> None:
    assert people("Kata Sutarjo Ketumnya itu tak hadir.") == ["Sutarjo"]
    for possessed in ("Musuhmu", "Direkturku"):  # your enemy, my director
        assert people(f'"Itu benar," kata Rudi Hartawan {possessed} kemarin.') == ["Rudi Hartawan"]


def test_the_words_after_a_place_closing_a_body_s_name_are_its_official() -> None:
    assert organizations("Sekretaris DPRD Kota Bekasi Yuliawan mengatakan anggaran dipangkas.") == ["DPRD Kota Bekasi"]
    found = extract_entities("Ketua Dewan Pertimbangan Sukardiman Budi Hartono membuka sidang.")
    assert found["organizations"] == ["Dewan Pertimbangan"] and found["people"] == ["Sukardiman Budi Hartono"]


def test_possessives_glued_to_a_name_are_no_part_of_it() -> None:
    assert people("Ia pernah berkencan dengan Maroon's Adam Levison.") == ["Adam Levison"]
    assert people('"Belum bisa," kata Rinto-nya.') == ["Rinto"]
