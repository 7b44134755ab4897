"""A small invented news corpus and a real HTTP server over it, for web and browser tests.

The corpus is richer than the seeds (sources, dates over three years, an English
article, enough articles for several result pages) and holds one hostile article
whose title and body carry markup that must render as text.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from werkzeug.serving import WSGIRequestHandler, make_server

from search.index.builder import IndexReport, build_index

XSS_ID = "xss-0001"
XSS_MARKUP = "<script>alert(1)</script> <img src=x onerror=alert(1)>"

# (id, date, source, title, paragraphs)
ARTICLES: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    ("banjir-01", "2020-01-02", "kompas.com", "Banjir Rendam Ribuan Rumah di Jakarta Timur",
     ("Banjir merendam ribuan rumah di Jakarta Timur setelah hujan deras sepanjang malam.",
      "Gubernur DKI Jakarta Anies Baswedan meninjau lokasi pengungsian dan meminta warga waspada.",
      "BMKG memperkirakan hujan lebat masih akan turun hingga akhir pekan.")),
    ("banjir-02", "2020-01-03", "detik.com", "Anies Baswedan Tinjau Pengungsi Banjir di Cawang",
     ("Anies Baswedan mengunjungi posko pengungsian banjir di Cawang, Jakarta Timur.",
      "Menurut BPBD DKI Jakarta, lebih dari lima ribu warga mengungsi akibat banjir.")),
    ("banjir-03", "2020-02-25", "tempo.co", "Banjir Kembali Landa Jakarta, KRL Terganggu",
     ("Banjir kembali melanda sejumlah wilayah Jakarta pada Selasa pagi.",
      "Perjalanan KRL terganggu dan PT KAI meminta penumpang mencari moda lain.")),
    ("gempa-01", "2018-08-06", "antaranews.com", "Gempa Magnitudo 7 Guncang Lombok",
     ("Gempa bermagnitudo 7 mengguncang Lombok, Nusa Tenggara Barat, pada Minggu malam.",
      "BMKG sempat mengeluarkan peringatan dini tsunami sebelum mencabutnya dua jam kemudian.",
      "Presiden Joko Widodo memerintahkan penanganan cepat bagi para korban.")),
    ("gempa-02", "2018-09-29", "kompas.com", "Gempa dan Tsunami Melanda Palu dan Donggala",
     ("Gempa disusul tsunami melanda Palu dan Donggala, Sulawesi Tengah.",
      "Joko Widodo meninjau langsung lokasi bencana dan menjanjikan bantuan bagi pengungsi.",
      "PBB menyatakan siap membantu Indonesia menangani dampak bencana.")),
    ("gempa-03", "2019-07-14", "detik.com", "Gempa Halmahera Selatan, Warga Mengungsi ke Bukit",
     ("Gempa bermagnitudo 7,2 mengguncang Halmahera Selatan, Maluku Utara.",
      "Warga mengungsi ke perbukitan karena khawatir terjadi tsunami.")),
    ("pemilu-01", "2019-04-17", "tirto.id", "Pemilu 2019: Jokowi dan Prabowo Menunggu Hasil Hitung Cepat",
     ("Pemungutan suara Pemilu 2019 berlangsung serentak di seluruh Indonesia.",
      "Joko Widodo dan Prabowo Subianto sama-sama menunggu hasil hitung cepat di Jakarta.",
      "KPU meminta semua pihak menunggu hasil rekapitulasi resmi.")),
    ("pemilu-02", "2019-05-21", "kompas.com", "KPU Tetapkan Hasil Rekapitulasi Pemilu 2019",
     ("KPU menetapkan hasil rekapitulasi suara Pemilu 2019 secara nasional.",
      "Prabowo Subianto menyatakan akan menempuh jalur hukum ke Mahkamah Konstitusi.")),
    ("pemilu-03", "2019-06-27", "tempo.co", "Mahkamah Konstitusi Tolak Gugatan Prabowo",
     ("Mahkamah Konstitusi menolak seluruh gugatan sengketa hasil pemilu presiden.",
      "Prabowo Subianto menyatakan menghormati putusan tersebut.")),
    ("ekonomi-01", "2019-08-15", "antaranews.com", "Sri Mulyani: Ekonomi Indonesia Tumbuh Lima Persen",
     ("Menteri Keuangan Sri Mulyani mengatakan ekonomi Indonesia tumbuh lima persen.",
      "Bank Indonesia memperkirakan inflasi tetap terkendali hingga akhir tahun.")),
    ("ekonomi-02", "2019-11-05", "detik.com", "Bank Indonesia Turunkan Suku Bunga Acuan",
     ("Bank Indonesia menurunkan suku bunga acuan untuk mendorong pertumbuhan ekonomi.",
      "Gubernur Bank Indonesia Perry Warjiyo menyebut inflasi masih rendah.")),
    ("ekonomi-03", "2020-03-19", "kompas.com", "Rupiah Melemah, Sri Mulyani Siapkan Stimulus",
     ("Nilai tukar rupiah melemah terhadap dolar Amerika Serikat.",
      "Sri Mulyani menyiapkan stimulus ekonomi untuk menahan dampak pandemi.")),
    ("ekonomi-04", "2020-07-01", "tirto.id", "Harga Beras Naik Menjelang Musim Kemarau",
     ("Harga beras di sejumlah pasar tradisional naik menjelang musim kemarau.",
      "Perum Bulog menyiapkan operasi pasar untuk menstabilkan harga beras.")),
    ("korupsi-01", "2019-09-17", "tempo.co", "DPR Sahkan Revisi Undang-Undang KPK",
     ("DPR mengesahkan revisi Undang-Undang KPK dalam rapat paripurna.",
      "Mahasiswa di berbagai kota berunjuk rasa menolak revisi tersebut.")),
    ("korupsi-02", "2019-10-01", "kompas.com", "KPK Tangkap Bupati dalam Operasi Tangkap Tangan",
     ("KPK menangkap seorang bupati dalam operasi tangkap tangan di Jawa Timur.",
      "Uang ratusan juta rupiah disita sebagai barang bukti suap proyek jalan.")),
    ("korupsi-03", "2020-01-09", "detik.com", "KPK Periksa Saksi Kasus Suap Komisioner KPU",
     ("KPK memeriksa sejumlah saksi dalam kasus suap yang melibatkan komisioner KPU.",
      "Penyidik mendalami aliran dana dari seorang calon anggota DPR.")),
    ("asean-01", "2019-06-23", "antaranews.com", "Jokowi Hadiri KTT ASEAN di Bangkok",
     ("Presiden Joko Widodo menghadiri KTT ASEAN di Bangkok, Thailand.",
      "Para pemimpin ASEAN membahas kerja sama ekonomi dan isu Laut China Selatan.")),
    ("asean-02", "2019-11-03", "tempo.co", "ASEAN dan Tiongkok Bahas Kode Etik Laut China Selatan",
     ("Menteri luar negeri ASEAN dan Tiongkok membahas kode etik di Laut China Selatan.",
      "Retno Marsudi menegaskan pentingnya menghormati hukum internasional.")),
    ("asean-03", "2020-06-26", "kompas.com", "KTT ASEAN Digelar Secara Virtual karena Pandemi",
     ("KTT ASEAN untuk pertama kalinya digelar secara virtual karena pandemi.",
      "Vietnam sebagai ketua ASEAN memimpin pertemuan dari Hanoi.")),
    ("bola-01", "2019-11-19", "detik.com", "Timnas Indonesia Kalah dari Malaysia di Kualifikasi Piala Dunia",
     ("Timnas Indonesia kalah dari Malaysia dalam laga kualifikasi Piala Dunia.",
      "PSSI berjanji mengevaluasi kinerja pelatih Simon McMenemy.")),
    ("bola-02", "2019-12-20", "kompas.com", "Shin Tae-yong Resmi Latih Timnas Indonesia",
     ("PSSI resmi menunjuk Shin Tae-yong sebagai pelatih Timnas Indonesia.",
      "Pelatih asal Korea Selatan itu dikontrak selama empat tahun.")),
    ("bola-03", "2020-02-14", "tirto.id", "Persija Jakarta Rekrut Pemain Asing Baru",
     ("Persija Jakarta merekrut pemain asing baru untuk musim depan.",
      "Manajemen Persija berharap tim bisa bersaing di papan atas liga.")),
    ("vaksin-01", "2020-08-11", "antaranews.com", "Uji Klinis Vaksin Covid-19 Dimulai di Bandung",
     ("Uji klinis vaksin Covid-19 buatan Sinovac dimulai di Bandung, Jawa Barat.",
      "Ridwan Kamil menyatakan siap menjadi relawan uji klinis tersebut.",
      "WHO memantau perkembangan uji klinis di berbagai negara.")),
    ("vaksin-02", "2020-12-07", "kompas.com", "Vaksin Sinovac Tiba di Indonesia",
     ("Sebanyak 1,2 juta dosis vaksin Sinovac dari Tiongkok tiba di Indonesia.",
      "Joko Widodo mengatakan vaksinasi akan dimulai setelah izin BPOM terbit.")),
    ("vaksin-03", "2020-10-20", "tempo.co", "Ridwan Kamil Ikut Uji Klinis Vaksin",
     ("Gubernur Jawa Barat Ridwan Kamil mengikuti uji klinis vaksin Covid-19.",
      "Ia berharap warga tidak ragu terhadap vaksin yang sedang diuji.")),
    ("jepang-01", "2019-03-24", "antaranews.com", "MRT Jakarta Dibangun dengan Bantuan Jepang",
     ("MRT Jakarta resmi beroperasi setelah dibangun dengan pinjaman dari Jepang.",
      "Joko Widodo dan Anies Baswedan menjajal kereta MRT bersama warga.")),
    ("jepang-02", "2019-10-22", "detik.com", "Jokowi Hadiri Penobatan Kaisar Jepang",
     ("Presiden Joko Widodo menghadiri penobatan Kaisar Naruhito di Tokyo, Jepang.",
      "Kunjungan itu juga membahas investasi Jepang di Indonesia.")),
    ("iklim-01", "2019-12-11", "tirto.id", "Indonesia Dorong Aksi Iklim di COP25 Madrid",
     ("Delegasi Indonesia mendorong aksi iklim yang lebih ambisius di COP25 Madrid, Spanyol.",
      "PBB memperingatkan suhu global terus meningkat.")),
    ("iklim-02", "2020-09-15", "kompas.com", "Kebakaran Hutan di Kalimantan Menurun",
     ("Luas kebakaran hutan dan lahan di Kalimantan menurun dibandingkan tahun lalu.",
      "Kementerian Lingkungan Hidup dan Kehutanan menyebut patroli berjalan efektif.")),
    ("english-01", "2019-05-02", "thejakartapost.com", "Jakarta Floods Displace Thousands of Residents",
     ("Severe floods displaced thousands of residents across East Jakarta on Thursday.",
      "Governor Anies Baswedan said the city government had opened dozens of shelters for the evacuees.")),
    (XSS_ID, "2020-04-01", "contoh.id", f"Uji keamanan {XSS_MARKUP} judul berbahaya",
     (f"Artikel uji keamanan berisi markah berbahaya {XSS_MARKUP} di dalam teksnya.",
      "Halaman harus menampilkannya sebagai teks biasa tanpa menjalankan skrip apa pun.")),
    ("tanpa-tanggal", "", "kompas.com", "Catatan Redaksi tentang Arsip Berita",
     ("Catatan redaksi ini tidak memiliki tanggal terbit.",
      "Arsip berita disusun untuk memudahkan pembaca menelusuri peristiwa penting.")),
)


# The rubric a record gives, by the topic its id opens with, cased as CLICK-ID's publishers
# case theirs (``metro`` and ``BOLA`` are shown ``Metro`` and ``Bola``); other topics give none.
CATEGORIES = {"banjir": "metro", "bola": "BOLA", "ekonomi": "Ekonomi", "pemilu": "Nasional"}
# One wire story as three outlets ran it on one day (the second with a sentence of its own,
# the third under another title), and a fourth copy a week later: a republished story of
# another week, which the date rule keeps apart.
_WIRE = ("Kereta cepat Jakarta-Bandung menjalani uji coba dinamis pertama pada Senin pagi di lintasan "
         "Tegalluar, Kabupaten Bandung.",
         "Rangkaian kereta melaju hingga kecepatan 180 kilometer per jam dengan membawa petugas dan "
         "teknisi dari perusahaan patungan Indonesia dan Tiongkok.",
         "Direktur utama perusahaan mengatakan uji coba akan berlangsung selama dua pekan sebelum "
         "kecepatan dinaikkan secara bertahap hingga 350 kilometer per jam.",
         "Kementerian Perhubungan meminta seluruh pemeriksaan keselamatan dilakukan sebelum kereta "
         "mengangkut penumpang pada pertengahan tahun depan.")
WIRE_IDS = ("kereta-01", "kereta-02", "kereta-03")
STORIES: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    ("kereta-01", "2021-11-15", "antaranews.com", "Kereta Cepat Jakarta-Bandung Jalani Uji Coba Dinamis", _WIRE),
    ("kereta-02", "2021-11-15", "kompas.com", "Uji Coba Kereta Cepat Capai 180 Kilometer per Jam",
     (*_WIRE[:3], "Warga sekitar Tegalluar menyaksikan uji coba itu dari pinggir jalan desa.")),
    ("kereta-03", "2021-11-16", "detik.com", "Kereta Cepat Melaju di Tegalluar", _WIRE),
    ("kereta-04", "2021-11-23", "tirto.id", "Sepekan Lalu, Kereta Cepat Jalani Uji Coba", _WIRE),
)


def write_corpus(path: Path, extra: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = ()) -> Path:
    """The corpus as one JSONL file (CLICK-ID field names) at ``path``."""
    with path.open("w", encoding="utf-8") as out:
        for article_id, date, source, title, paragraphs in ARTICLES + extra:
            record = {"id": article_id, "title": title, "date": date, "source": source,
                      "url": "javascript:alert(1)" if article_id == XSS_ID else f"https://{source}/berita/{article_id}",
                      "content": "\n".join(paragraphs)}
            category = CATEGORIES.get(article_id.split("-")[0])
            if category:
                record["category"] = category
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def build_demo_index(root: Path, extra: tuple = (), rebuild: bool = False) -> IndexReport:
    """Index the corpus (plus ``extra`` articles) at ``root`` through the real builder."""
    source = write_corpus(root.parent / f"{root.name}-corpus.jsonl", extra)
    return build_index(root, [source], stemmer="sastrawi", rebuild=rebuild)


class _QuietHandler(WSGIRequestHandler):
    """No access log: a test run or a screenshot session would print every request."""

    def log_request(self, *args, **kwargs) -> None:
        return None


class LiveServer:
    """The WSGI app on a free loopback port, served from a background thread."""

    def __init__(self, app) -> None:
        self._server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_QuietHandler)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> LiveServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._server.shutdown()
        self._thread.join(timeout=5)


@contextmanager
def serving(app) -> Iterator[str]:
    """The base URL of ``app`` served for the duration of the block."""
    with LiveServer(app) as server:
        yield server.url


LOOPBACK = "127.0.0.1"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


@contextmanager
def telusur_serve(index: Path, *options: str) -> Iterator[int]:
    """The port of ``telusur serve`` (gunicorn and the project's worker) over ``index`` on
    loopback, for as long as the block runs; ``options`` are more of its flags."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "search", "serve", "--index", str(index), "--host", LOOPBACK, "--port", str(port),
         *options], cwd=Path(__file__).resolve().parents[1], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://{LOOPBACK}:{port}/api/search?per_page=1", timeout=5) as answer:
                    answer.read()
                break
            except OSError:
                assert time.monotonic() < deadline and process.poll() is None, "telusur serve did not start"
                time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


# Debian's package by default; ``TELUSUR_TEST_CHROMIUM`` points at another build.
CHROMIUM = Path(os.environ.get("TELUSUR_TEST_CHROMIUM") or "/usr/bin/chromium")
CHROMIUM_ARGS = ("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run")


def launch_chromium(playwright):
    """Debian's headless Chromium (Playwright cannot download its own browsers here)."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS))
