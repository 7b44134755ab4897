"""Rules of the third long-tail round (issue 14), one test per kind, on invented sentences."""

from __future__ import annotations

from search.entities import extract_entities


def people(text: str) -> list[str]:
    return extract_entities(text)["people"]


def organizations(text: str) -> list[str]:
    return extract_entities(text)["organizations"]


def countries(text: str) -> list[str]:
    return extract_entities(text)["countries"]


def test_a_per_an_noun_is_no_club_and_a_reduplication_may_lose_its_hyphen() -> None:
    assert organizations("Sidang umum Perserikatan Bangsa Bangsa digelar pekan depan.") == ["PBB"]
    assert organizations("Ia bekerja di bagian Persandian sejak lama.") == []
    assert organizations("Laga Persikabo melawan Persela berakhir imbang.") == ["Persikabo", "Persela Lamongan"]


def test_an_acronym_spelled_out_in_lower_case_before_it_is_a_term() -> None:
    text = "Persiapan pemindahan pusat layanan terpadu (PLT) dibahas. Rencana PLT membutuhkan dana besar."
    assert organizations(text) == []
    assert organizations("Rencana itu disusun Badan Perencanaan Pembangunan Nasional (Bappenas). "
                         "Bappenas menilai rencana itu matang.") == ["Bappenas"]


def test_an_acronym_spelled_out_after_it_is_a_term_and_its_words_no_person() -> None:
    text = "Tarif untuk KRP (Kopi Robusta Pilihan) naik. KRP menyumbang ekspor terbesar tahun ini."
    assert organizations(text) == []
    assert people("Perusahaan memakai sistem PMS (Property Management System) buatan Jerman.") == []
    assert organizations("Ketua KPU (Komisi Pemilihan Umum) Arief Budiman hadir.") == ["KPU"]


def test_capitals_with_an_age_are_a_person_s_initials() -> None:
    text = "Pelaku, RTK (45), menggasak uang korban. RTK menjual barang curian itu ke penadah."
    assert organizations(text) == []


def test_the_everyday_word_after_a_role_is_its_portfolio_not_the_body_s_name() -> None:
    assert organizations("Direktur Pemasaran Kencana Foundation, Budi Hartono, menjelaskan program itu.") == [
        "Kencana Foundation"]
    assert organizations("Direktur Eksekutif Institute for Urban Policy (IUP) Andi Wirawan menilai kebijakan itu.") == [
        "Institute for Urban Policy"]
    assert organizations("Ketua Sinar Harapan Foundation hadir dalam acara itu.") == ["Sinar Harapan Foundation"]


def test_a_panel_of_judges_is_its_court() -> None:
    assert organizations("Majelis Hakim Pengadilan Negeri Kota Sukamaju menjatuhkan vonis lima tahun.") == [
        "Pengadilan Negeri Kota Sukamaju"]


def test_an_award_category_is_no_body() -> None:
    assert organizations("Penghargaan untuk kategori Perusahaan Ekspor Terbaik diraih PT Sumber Rejeki.") == [
        "Sumber Rejeki"]


def test_a_country_after_an_event_title_word_is_the_event_s() -> None:
    assert countries("Pembalap itu menang di MotoGP Malaysia dan kemudian Grand Prix Jepang.") == []
    assert countries("Ia pernah menjadi Miss Kolombia sebelum ke Jepang.") == ["Jepang"]


def test_everyday_words_after_a_known_name_are_not_part_of_it() -> None:
    assert people("Menurut Staf Khusus Presiden Jokowi Bidang Ekonomi, kebijakan itu tepat.") == ["Joko Widodo"]
    assert people("Pemimpin pasukan itu, Jenderal Yahya Rahim, mengatakan hal itu.") == ["Yahya Rahim"]


def test_facilities_works_subsidiaries_and_english_contractions_are_no_people() -> None:
    assert people("Di Curug Ciparay dan Warung Sate Mang Odon, pengunjung ramai.") == []
    assert people("Kitab Riyadhus Shalihin Syarah karya Ibnu Hajar dibahas dalam kajian itu.") == ["Ibnu Hajar"]
    assert people("Lahan itu dikelola Rafi Kamarga Lestari anak perusahaan Wilmar.") == []
    assert people("Ia menulis lagu We've Been Waiting, kata Rudi Santoso.") == ["Rudi Santoso"]
    assert people("Penghargaan Outstanding Supporting Actress diraih bintang muda itu.") == []


def test_the_run_between_a_role_and_its_body_is_the_portfolio() -> None:
    assert people("Direktur Jenderal Bina Marga Kementerian PUPR Hedy Rahadian menuturkan jalan itu selesai.") == [
        "Hedy Rahadian"]


def test_a_generic_kind_of_body_with_its_acronym_and_name_is_the_named_body() -> None:
    assert organizations("Pasangan itu menikah di Kantor Urusan Agama (KUA) Sukamaju pekan lalu.") == [
        "KUA Sukamaju"]


def test_english_shaped_words_and_cut_expansions_are_no_people() -> None:
    assert people("Ia membuka Remarkable Fashion Collection di Jakarta pekan lalu.") == []
    assert people("Gross Regional Output (GRO) daerah itu naik tahun ini.") == []
    assert people("Kedatangan Ketua Umum, Surya Dharma Ali (SDA) ke Istana dibantah.") == ["Dharma Ali"]
    assert people("Pengacara terdakwa, Adnan Buyung Nasution, menyatakan keberatan.") == ["Adnan Buyung Nasution"]


def test_particles_ministry_short_forms_residents_and_birthplaces_are_no_people() -> None:
    assert people("\"Contohlah Budi Santoso itu,\" katanya.") == ["Budi Santoso"]
    assert people("Kepala Kemendag Sumut hadir dalam rapat itu.") == []
    assert people("Pelaku warga Koto Tinggi Hilir, Kerinci ditangkap polisi.") == []
    assert people("Ia pemain kelahiran Leicester yang kini membela klub itu.") == []


def test_a_body_s_name_ends_at_its_place_before_an_everyday_word() -> None:
    assert organizations("Kantor DPRD Kota Sorong Pasca kerusuhan itu dibakar massa.") == ["DPRD Kota Sorong"]


def test_a_faculty_named_by_its_field_alone_is_a_unit() -> None:
    assert organizations("Riset itu dilakukan Fakultas Ilmu Sosial dan Ilmu Politik, Universitas Sukamaju.") == [
        "Universitas Sukamaju"]
    assert organizations("Mahasiswa Fakultas Kedokteran Unisuka hadir.") == ["Fakultas Kedokteran Unisuka"]


def test_an_acronym_that_names_no_body_opens_no_organization() -> None:
    assert organizations("Menurut Head of IT Warta Media Group Handoko, penyebabnya teknis.") == [
        "Warta Media Group"]


def test_a_lower_case_ministry_with_its_portfolio_is_the_ministry() -> None:
    assert organizations("Surat kabar itu mengutip kementerian luar negeri yang menolak berkomentar.") == [
        "Kementerian Luar Negeri"]
    assert organizations("Pejabat kementerian pertahanan Rusia menolak berkomentar.") == [
        "Kementerian Pertahanan Rusia"]


def test_a_district_court_s_acronym_opens_its_name() -> None:
    assert organizations("Gugatan itu didaftarkan ke PN Sukamaju Selatan pekan lalu.") == ["PN Sukamaju Selatan"]
    assert organizations("Gugatan itu dikabulkan PTUN pekan lalu.") == ["Pengadilan Tata Usaha Negara"]


def test_jurubicara_makes_an_unknown_acronym_a_body() -> None:
    assert organizations("Jurubicara ZNPF mengatakan polisi menggunakan gas air mata.") == ["ZNPF"]


def test_a_party_board_no_party_follows_is_no_value_and_dpd_alone_is_the_senate() -> None:
    assert organizations("Keputusan DPP tidak akan berubah. Sebanyak 31 DPD provinsi setuju.") == []
    assert organizations("Ketua DPD Hanura itu hadir.") == ["Partai Hanura"]
    assert organizations("Rapat pimpinan fraksi dan kelompok DPD digelar.") == ["DPD"]


def test_a_cabinet_named_by_its_motto_is_a_body_one_named_after_a_person_gives_the_person() -> None:
    assert organizations("Menteri itu mundur dari Kabinet Maju Bersama Jilid II.") == ["Kabinet Maju Bersama Jilid II"]
    text = "Ia menjabat menteri pada Kabinet Ali Sastroamidjojo. Sekretaris Kabinet Dipo Alam hadir."
    assert organizations(text) == []
    assert people(text) == ["Ali Sastroamidjojo", "Dipo Alam"]


def test_english_business_words_close_a_company_s_name() -> None:
    assert organizations("Menurut manajemen Sun Hung Kai Properties, kerusuhan itu merugikan.") == [
        "Sun Hung Kai Properties"]
    assert people("Menurut manajemen Sun Hung Kai Properties, kerusuhan itu merugikan.") == []
    assert organizations("Ia bekerja di Samsung Electronics sejak 2010.") == ["Samsung"]
    assert organizations("Laporan Human Resources perusahaan itu keluar.") == []


def test_a_capitalised_work_or_event_word_opens_a_title_not_a_name() -> None:
    assert people("Pemkab menggelar Festival Gandrung Raya yang menarik ribuan pengunjung.") == []
    assert people("Juru bicara Operasi Fajar Timur menyerukan gencatan senjata.") == []


def test_a_movement_s_name_goes_on_past_its_place_and_a_hospital_acronym_opens_a_group() -> None:
    assert organizations("Massa dari Gerakan Aliansi Sumsel Melawan Asap berunjuk rasa.") == [
        "Gerakan Aliansi Sumatera Selatan Melawan Asap"]
    assert organizations("Ia dirujuk ke RS Permata Group di Bekasi.") == ["RS Permata Group"]


def test_a_listed_body_s_short_form_and_its_words_before_the_holder_are_no_person() -> None:
    assert people("Penandatanganan dilakukan Kepala Bappeda Litbang Sukamaju Erwin Santoso dengan rektor.") == [
        "Erwin Santoso"]


def test_a_title_or_the_name_s_own_acronym_closes_no_body_s_name() -> None:
    assert organizations("Chairwoman Yayasan Sinar Kasih Dr. dr. Karina mengatakan hal itu.") == ["Yayasan Sinar Kasih"]
    assert organizations("Sekretaris PT Dirgantara Nusa Raya PTDNR, Irlan Budiman, menjelaskan.") == [
        "Dirgantara Nusa Raya"]


def test_a_congress_opened_or_attended_is_an_event_and_its_country_word_no_mention() -> None:
    text = "Menteri itu membuka Kongres Nasional Petani Indonesia di Yogyakarta."
    assert organizations(text) == [] and countries(text) == []
    assert organizations("Kongres AS menolak usulan itu.") == ["Kongres AS"]
