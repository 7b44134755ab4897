"""Indonesian context words that say what kind of name comes next (or came before).

Newsroom Indonesian announces its names: ``Menteri Luar Negeri Rusia Sergey Lavrov``,
``kata Kerry``, ``Partai Keadilan Sejahtera``, ``di Kuala Lumpur``. These lists are the
announcements; the rules that use them live in ``people``, ``organizations`` and ``extract``.
All words are lower case here; where case matters the rule says so.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _phrases(text: str) -> tuple[str, ...]:
    return tuple(phrase.strip() for phrase in text.split(",") if phrase.strip())


# Titles and roles that stand before a person's name. Multi-word ones are phrases.
ROLE_PHRASES = _phrases("""
    presiden, wakil presiden, wapres, perdana menteri, pm, kanselir, menteri, wakil menteri, wamen, menko,
    menlu, mendagri, menhan, menkeu, menkes, mendikbud, menag, menkumham, menhub, mendag, menperin,
    mentan, mensos, menaker, menkominfo, menpar, menpora, mensesneg, menristekdikti, menpan-rb,
    menteri bumn, kapolri, wakapolri, kapolda, wakapolda, kapolres, kapolresta, kapolrestabes,
    kapolsek, kabareskrim, kadiv humas, kabid humas, kasubdit, kasubbid, kasat, kasatreskrim,
    kasat reskrim, kasat lantas, ketua harian, kanit, kasi, kasubag, panglima, pangdam, pangkostrad, danjen,
    dandim, danrem, danramil, danlanud, kasad, kasal, kasau, ksad, ksal, ksau, jaksa agung, jaksa,
    kajati, kajari, hakim, hakim ketua, ketua, wakil ketua, ketua umum, ketum, waketum,
    sekretaris jenderal, sekjen, sekretaris, bendahara, bendahara umum, direktur, direktur utama,
    dirut, direktur jenderal, dirjen, deputi, kepala, kepala staf, komisaris, komisaris utama,
    presiden direktur, presdir, ceo, chairman, pendiri, founder, gubernur, wakil gubernur, wagub,
    bupati, wakil bupati, wabup, wali kota, walikota, wakil wali kota, wawali, camat, lurah,
    kepala desa, kades, sekda, anggota, legislator, senator, politikus, politisi, kader,
    juru bicara, jubir, juru kampanye, koordinator, pengamat, analis, peneliti, ekonom, ahli,
    pakar, dosen, guru besar, rektor, wakil rektor, dekan, akademisi, aktivis, advokat,
    pengacara, kuasa hukum, tersangka, terdakwa, terpidana, saksi, pelatih, asisten pelatih,
    manajer, kapten, striker, penyerang, gelandang, bek, kiper, penjaga gawang, pemain,
    pebulu tangkis, pebulutangkis, pebalap, petinju, atlet, artis, aktris, aktor, penyanyi,
    pedangdut, rapper, musisi, komedian, presenter, model, selebgram, youtuber, sutradara,
    produser, penulis, sastrawan, seniman, desainer, koki, dokter, jenderal, raja, ratu,
    pangeran, sultan, syekh, syeikh, sheikh, emir, kaisar, paus, kardinal, uskup, imam besar,
    ayatollah, kiai, kyai, habib, ustaz, ustadz, ustad, ustazah, buya, haji, hajjah, pak, bu,
    bapak, ibu, mas, mbak, bang, kak, cak, kang, teh, om, tante, eyang, mbah, oma, opa, tuan,
    nyonya, nona, sdr, saudara, saudari, mr, mrs, ms, sir, datuk, dato, tun, tan sri, raden,
    mendiang, almarhum, almarhumah, istri, suami, anak, ayah, ibunda, ayahanda, adik, kakak,
    putra, putri, sang, sosok, tokoh, warga, wartawan, jurnalis, reporter, fotografer,
    pemimpin, pemimpin redaksi, pemred, pemimpin tertinggi, diktator, pendeta, pastor, romo,
    biksu, capres, cawapres, calon presiden, calon wakil presiden, cagub, cawagub, cabup,
    calon gubernur, calon bupati, calon wali kota, mantan, eks, pj, plt, plh, pelaksana tugas,
    duta besar, dubes, konsul jenderal, komandan, danpaspampres, irjen, inspektur jenderal,
    laksamana, marsekal, letjen, mayjen, brigjen, kolonel, letkol, mayor, kapten, lettu, letda,
    serma, serka, sertu, serda, kopral, pratu, prada, komjen, kombes, kombes pol, akbp, kompol,
    akp, iptu, ipda, aiptu, aipda, bripka, brigpol, briptu, bripda, bharada, laksda, laksma,
    marsda, marsma, brigadir, direksi, kh, dr, prof, ir, drs, dra, hj, rr, ny, tn, menkopolkam, menkokesra, korwil,
    sekertaris, jendral, inspektur, wako, wawako
""")
# Military and police ranks and academic titles: in an organization's name none of them
# can stand, so one ends the name (``Polres Tangsel AKP Lalu Hedwin``, ``Universitas X Prof``).
RANK_WORDS = _words("jenderal letjen mayjen brigjen kolonel letkol mayor lettu letda serma serka sertu serda "
                    "kopral pratu prada komjen irjen kombes akbp kompol akp iptu ipda aiptu aipda bripka brigpol "
                    "briptu bripda bharada laksamana laksda laksma marsekal marsda marsma prof ajun brigadir "
                    "komisaris inspektur")
# Role words that are also common first names or name endings when capitalised
# (``Putri Ayu``, ``Putra Nababan``): they announce a name only in lower case.
LOWERCASE_ONLY_ROLES = _words("putra putri anak ayah istri suami adik kakak sosok tokoh warga sang model "
                              "mas bang kak om opa oma teh kang cak saksi")
# Roles a description in lower case may follow before the name
# (``pengamat politik dari Universitas X, Budi``).
DESCRIPTIVE_ROLES = _words("pengamat analis peneliti ekonom ahli pakar dosen akademisi aktivis politikus "
                           "politisi pengacara advokat wartawan jurnalis anggota kader warga tokoh "
                           "juru jubir pelatih pemain penyanyi artis aktris aktor musisi komedian "
                           "presenter penulis seniman dokter atlet pebalap petinju kiper striker "
                           "gelandang bek penyerang kapten manajer direktur kepala ketua pendiri")
# Reporting verbs that follow a quotation and precede the speaker: ``," kata Lavrov``.
SPEECH_BEFORE = _words("kata ujar tutur ungkap jelas papar terang tegas imbuh tambah sebut ucap lanjut "
                       "timpal kilah seru pungkas beber tulis kisah cerita aku klaim pinta tanya sahut "
                       "jawab bilang urai tandas menurut")
# Those of them that are nothing but reporting verbs, so need no comma or quote before them
# (``menurut Sutrisnadi``; ``jelas`` and ``tegas`` are also adjectives).
SPEECH_BEFORE_ALONE = _words("kata ujar tutur ungkap papar imbuh ucap timpal kilah pungkas tandas menurut")
# Verbs whose subject is a speaker: ``Medvedev menambahkan``.
SPEECH_AFTER = _words("mengatakan menyatakan menjelaskan menuturkan menambahkan mengungkapkan menegaskan "
                      "menyebutkan berkata memaparkan menerangkan mengaku menilai menyampaikan mengklaim "
                      "membantah mengakui meminta menceritakan bercerita berharap mengimbau menekankan "
                      "mengingatkan berpendapat menanggapi berujar bertutur mengungkap membeberkan "
                      "mengutarakan mengisahkan menjawab bertanya mengharapkan tersenyum melanjutkan "
                      "menandaskan meyakini meyakinkan percaya menduga menyadari merasa mempertanyakan "
                      "menyesalkan menyayangkan mengkritik mengapresiasi")
# Words after a name that make it a person's, though they report no speech: what happens
# to people in the courts and in life (``Waryono ditahan``), and ``X bersaudara`` (the X brothers).
PERSON_AFTER = _words("bersaudara ditahan ditangkap diperiksa divonis dituntut didakwa dilantik meninggal wafat "
                      "menikah mengenakan")
# Roles over a territory, which a place follows as often as a name (``Kapolsek Cisauk``,
# ``Bupati Bogor``): no evidence either way in the corpus lists, and one word after them is the
# territory only when a rank or role follows it (``Kapolsek Cisauk AKP Budi``).
TERRITORY_ROLES = _words("gubernur wagub bupati wabup walikota wawali wako wawako camat lurah kades kapolda kapolres "
                         "kapolresta kapolrestabes kapolsek pangdam dandim danrem danramil kajati kajari sekda")
# Lower-case words after which a capitalised run is the employer, lender or service of the
# people named by the word (``karyawan Sarinah``, ``nasabah Mekaar``, ``pengguna Tokopedia``).
SERVED_BY_BEFORE = _words("karyawan pegawai pekerja buruh nasabah pelanggan konsumen pengguna")
# Lower-case words after which a capitalised run names a group of people (``kelompok Huthi``,
# ``suku Himba``), not one person.
GROUP_BEFORE = _words("kelompok milisi suku kaum")
# Nouns of an apposition that says what kind of body a name is (``menurut Raytheon, kontraktor
# utama AS``, ``Canalys, firma riset``).
BODY_APPOSITIONS = _words("perusahaan produsen pabrikan kontraktor maskapai operator pengembang firma startup "
                          "situs laman portal klub grup band organisasi lembaga badan partai merek emiten")
# English nouns of buildings and places that close a place's name, never a person's
# (``Steve Jobs Theater``, ``Discovery Residences``); family names among them (``Hill``,
# ``Hall``, ``Park``, ``Bay``) are left out.
ENGLISH_PLACE_CLOSERS = _words("theater theatre residence residences tower towers square mall plaza hotel resort "
                               "arena stadium station airport bridge village garden gardens beach island islands street "
                               "road avenue boulevard building apartment apartments suites cafe restaurant")
# Lower-case English words that join the words of an English title (``Agreement on
# Transboundary Haze Pollution``, ``Once Upon a Farm``): no Indonesian word is spelled so.
ENGLISH_JOINERS = _words("a an the of on with and for in to at by from")
# Words after which a capitalised run is a place.
PLACE_BEFORE = _words("di ke kota kabupaten provinsi desa kampung wilayah kawasan daerah pulau kecamatan "
                      "kelurahan menuju asal dusun negara negeri distrik")
# Capitalised words that open a place name (``Jalan Sudirman``, ``Bandara Soekarno-Hatta``).
PLACE_PREFIXES = _words("jalan jl jln gedung gd masjid gereja pura vihara klenteng stadion bandara "
                        "pelabuhan hotel pasar taman pantai gunung sungai danau pulau kabupaten kab kota "
                        "kecamatan kec desa kelurahan kel dusun provinsi kampung perumahan komplek kompleks "
                        "lapangan terminal stasiun tol selat teluk laut samudra samudera tanjung lembah "
                        "bukit candi museum istana mal mall plaza tugu monumen alun-alun simpang bundaran "
                        "wisma apartemen menara jembatan bendungan waduk kawasan lapas rutan gor sirkuit "
                        "hutan benteng kerajaan kesultanan graha balai paviliun ruang aula prefektur "
                        "kepulauan dukuh pegunungan semenanjung kastel kastil mapolres mapolda mapolsek "
                        "mapolresta mapolrestabes makodam mako markas kebun kuil perumnas")
# ``Direktorat Jenderal Bina Pembangunan Daerah``: offices named by the rank word ``Jenderal``,
# which announces no person there.
GENERAL = "jenderal"
GENERAL_OFFICES = _words("direktorat sekretariat inspektorat")
# Capitalised words that open an organization's name.
ORG_PREFIXES = _words("partai koalisi komunitas harian majalah tabloid radio kementerian kemenko departemen badan komisi dewan majelis mahkamah lembaga "
                      "yayasan universitas institut politeknik akademi bank pt cv perum perusahaan "
                      "koperasi asosiasi persatuan perhimpunan himpunan ikatan gabungan serikat federasi "
                      "konfederasi aliansi gerakan front forum komite pusat direktorat ditjen biro dinas "
                      "kantor kejaksaan kejati kejari kepolisian pengadilan polda polres polresta "
                      "polrestabes polsek kodam kodim korem koramil lantamal lanud pemprov pemkot pemkab "
                      "pemerintah dprd kpud rumah rs rsud rsup rspad puskesmas klinik organisasi tentara angkatan "
                      "pasukan brigade batalyon satuan satgas korps klub fakultas sd sdn smp smpn sma sman "
                      "smk smkn man mtsn pesantren ponpes kedutaan kedubes konsulat otoritas bursa "
                      "sekretariat kongres senat parlemen perserikatan sekolah stikes stie "
                      "pdam perumda kanwil university institute college foundation council committee commission agency "
                      "association federation organization organisation party ministry department "
                      "bureau corporation company club")
# Organization words whose names, however ordinary their words, name one body (``Partai
# Pelopor``, ``Koalisi Merah Putih``), where ``Dinas Kesehatan`` names a kind of office.
ONE_BODY_PREFIXES = _words("partai koalisi harian majalah tabloid radio yayasan pt cv perum")
# Organization words whose name may be a person's (``RSUD Dr. Soetomo``, ``Universitas Gadjah Mada``).
NAMED_AFTER_PEOPLE = _words("rumah rs rsud rsup rspad universitas institut yayasan sekolah politeknik akademi "
                            "stikes stie pesantren ponpes klinik puskesmas university institute college foundation")
# Capitalised words that close an organization's name (``Astra International Tbk``).
ORG_SUFFIXES = _words("tbk corp corporation inc ltd limited llc group holdings holding fc united rovers "
                      "athletic albion wanderers hotspur airlines "
                      "airways institute university foundation entertainment records "
                      "studios studio pictures sekuritas securities capital partners (persero) persero plc club gmbh bhd")
# Lower-case words after which a capitalised run is the title of a work, product or event
# (``film Pengabdi Setan``, ``aplikasi Huawei App Gallery``), not a person.
WORK_BEFORE = _words("film lagu album single program acara festival ajang produk aplikasi unit kamera seri tipe "
                     "merek brand hari tema judul berjudul bertajuk tajuk toko layanan fitur drama sinetron serial "
                     "novel buku game gim turnamen kompetisi event pameran kegiatan operasi latihan konser tur varian "
                     "mobil motor ponsel smartphone perangkat kapal pesawat rudal band grup julukan kampanye gerakan "
                     "lomba kontes kejuaraan piala liga sekolah kampus restoran kafe")
# Lower-case words after which a capitalised run is a medium (``dilansir Reuters``).
MEDIA_BEFORE = _words("dilansir melansir laman situs koran harian majalah tabloid portal kanal "
                      "televisi radio agensi")
MEDIA_PHRASES = _phrases("dikutip dari, seperti dikutip, dilansir dari, melansir dari, kantor berita, "
                         "surat kabar, stasiun televisi, stasiun tv, stasiun radio, hak cipta milik, hak cipta")
# Roles whose holder belongs to an organization named right after them (``Ketua KPU``):
# the capitals after them are an organization even when no list knows them.
MEMBERSHIP_ROLES = _words("ketua ketum waketum sekjen direktur dirut ceo kepala jubir anggota kader pimpinan "
                          "pendiri komisaris bendahara politikus politisi pengurus presdir chairman fraksi "
                          "partai organisasi lembaga perusahaan ormas grup klub agensi maskapai koalisi")
# Roles that take a country after them (``Presiden Chad``, ``Perdana Menteri Israel``): a
# country there is the country, even when the country is also a first name.
COUNTRY_ROLES = _words("presiden wapres kanselir menteri raja ratu kaisar pangeran sultan emir dubes duta pemerintah "
                       "panglima parlemen kedutaan konsul timnas tim warga negara rakyat militer tentara")
# Lower-case words that may join the words of a name (``Badan Pengawas Obat dan Makanan``).
NAME_CONNECTORS = _words("dan & of for the de untuk")
# Capitalised words that are never part of a person's name.
# Days and months: they close any name they follow (``Polda Jawa Timur Senin``).
DATE_WORDS = _words("""
    senin selasa rabu kamis jumat jum'at sabtu minggu ahad
    januari februari maret april mei juni juli agustus september oktober november desember
    january february march june july august october december
    jan feb mar apr jun jul agu agt ags sep sept okt oct nov des dec
""")
NOT_NAME_WORDS = DATE_WORDS | _words("""
    tuhan allah swt saw rasulullah alhamdulillah insya insyaallah masyaallah subhanallah bismillah
    idul fitri adha lebaran ramadan ramadhan natal imlek nyepi waisak paskah hijriah masehi
    advertisement iklan foto video sumber baca lihat simak berita editor penulis reporter pewarta
    redaktur copyright wib wita wit hut covid corona pilkada pilpres pileg pemilu rp tim timnas
    sea games asian olympic piala liga
    dia ia saya kami kita mereka beliau anda kamu aku engkau
    wakil humas reskrim kabid kasubdit gakkum ditlantas ditreskrimum ditreskrimsus bea cukai
    islam kristen katolik protestan hindu buddha budha konghucu yahudi muslim nasrani sunni syiah
    nazi fasis komunis zionis
    jawa sunda batak betawi melayu bugis minang tionghoa dayak madura bali papua arab eropa asia
    the los las die das of and for vice chief executive managing director president
    senior general manager head minister prime secretary officer mission team grand prix
    motogp moto2 moto3 formula orde laskar purn polhukam perekonomian kemaritiman maritim pmk pol kesra syuro maha ajun dinkes baleg dipl soz mba sip
    pengprov pengda pengcab pengkab pengkot instastory offisial ofisial
    munas munaslub muktamar rakernas rapimnas rakornas rakerda musda musprov muswil kongres
""")
