"""Reading sources: which files, in what order, and how each kind of damage is reported."""

from __future__ import annotations

import gzip
import itertools
import json
import re
from pathlib import Path

import pytest

from search.ingest import Article, IngestProblem, SourceError, read_sources

# The shared data sits beside the clone (``../shared``), as in CI.
CLICK_ID = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "clickid.jsonl.gz"
FURNITURE_PARAGRAPH = re.compile(r"(?i)baca juga\b|#\S+(?: \S+){0,5}$|loading\W*$|penulis:")
PAGE = "Pasar Malam Dibuka\nPedagang kaki lima mulai berjualan sejak sore.\n"


def _record(number: int) -> str:
    return json.dumps({"title": f"Berita {number}", "content": f"Isi berita nomor {number} cukup singkat."})


def _problems(results) -> list[IngestProblem]:
    return [result for result in results if isinstance(result, IngestProblem)]


def _articles(results) -> list[Article]:
    return [result for result in results if isinstance(result, Article)]


def test_directories_are_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "dalam").mkdir(parents=True)
    (tmp_path / "b" / "dua.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "a" / "dalam" / "satu.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "a" / "arsip.jsonl").write_text(_record(1) + "\n", encoding="utf-8")
    (tmp_path / "a" / "catatan.md").write_text("bukan sumber", encoding="utf-8")
    with gzip.open(tmp_path / "c.jsonl.gz", "wt", encoding="utf-8") as archive:
        archive.write(_record(2) + "\n")

    results = list(read_sources([tmp_path]))

    assert [Path(result.origin).name for result in results] == ["arsip.jsonl", "satu.txt", "dua.txt", "c.jsonl.gz"]
    assert [result.id for result in _articles(results)][1:3] == ["satu", "dua"]


@pytest.mark.parametrize("name", ["tidak-ada.txt", "catatan.md"])
def test_bad_explicit_paths_fail_before_anything_is_read(tmp_path: Path, name: str) -> None:
    good = tmp_path / "baik.txt"
    good.write_text(PAGE, encoding="utf-8")
    bad = tmp_path / name
    if name.endswith(".md"):
        bad.write_text("catatan", encoding="utf-8")
    with pytest.raises(SourceError, match=name):
        read_sources([good, bad])


def test_text_encodings(tmp_path: Path) -> None:
    (tmp_path / "bom8.txt").write_bytes(b"\xef\xbb\xbf" + PAGE.encode("utf-8"))
    (tmp_path / "bom16.txt").write_bytes(PAGE.encode("utf-16"))
    articles = _articles(read_sources([tmp_path]))
    assert [article.title for article in articles] == ["Pasar Malam Dibuka", "Pasar Malam Dibuka"]


def test_invalid_utf8_names_the_byte_and_line(tmp_path: Path) -> None:
    path = tmp_path / "rusak.txt"
    path.write_bytes(b"Judul\nBaris kedua\nBaris \xff ketiga\n")
    (problem,) = read_sources([path])
    assert problem == IngestProblem(str(path), 3, "not valid UTF-8 (byte offset 24)")


def test_binary_and_empty_files_are_problems(tmp_path: Path) -> None:
    (tmp_path / "biner.txt").write_bytes(b"GIF89a\x00\x01\x02")
    (tmp_path / "kosong.txt").write_text("  \n\n", encoding="utf-8")
    (tmp_path / "perabot.txt").write_text("Iklan\nBerita Lainnya\n", encoding="utf-8")
    reasons = [problem.reason for problem in _problems(read_sources([tmp_path]))]
    assert reasons == ["binary file (contains NUL bytes)", "empty text", "empty text"]


def test_unreadable_file_is_a_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "terkunci.txt"
    path.write_text(PAGE, encoding="utf-8")

    def refuse(opened: Path):
        raise PermissionError(13, "Permission denied", str(opened))

    # Root reads any file whatever its mode bits, so the refusal is simulated where files are opened.
    monkeypatch.setattr("search.ingest.readers.open_regular", refuse)
    (problem,) = read_sources([path])
    assert problem == IngestProblem(str(path), None, "cannot read: Permission denied")


def test_bad_jsonl_lines_are_reported_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "campur.jsonl"
    lines = [
        _record(1).encode(),
        b"",
        b'{"title": "rusak", "content": ',
        b"[1, 2, 3]",
        b'{"title": "Tanpa isi", "content": "  "}',
        b'{"content": "Isi \xff berita"}',
        b"   ",
        _record(2).encode(),
    ]
    path.write_bytes(b"\n".join(lines) + b"\n")

    results = list(read_sources([path]))

    assert [(article.line, article.title) for article in _articles(results)] == [(1, "Berita 1"), (8, "Berita 2")]
    assert [(problem.line, problem.reason.split(":")[0].split(" (")[0]) for problem in _problems(results)] == [
        (3, "malformed JSON"),
        (4, "not a JSON object"),
        (5, "empty text"),
        (6, "not valid UTF-8"),
    ]


def test_truncated_gzip_keeps_the_records_before_the_break(tmp_path: Path) -> None:
    payload = "".join(_record(number) + "\n" for number in range(1, 2001)).encode()
    compressed = gzip.compress(payload)
    path = tmp_path / "terpotong.jsonl.gz"
    path.write_bytes(compressed[: len(compressed) // 2])

    results = list(read_sources([path]))

    articles = _articles(results)
    (problem,) = _problems(results)
    assert len(articles) > 100
    assert [article.line for article in articles] == list(range(1, len(articles) + 1))
    assert problem.line == len(articles) + 1
    assert problem.reason.startswith("truncated or corrupt gzip")


def test_a_file_named_gz_that_is_not_gzip_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "palsu.jsonl.gz"
    path.write_text(_record(1), encoding="utf-8")
    (problem,) = read_sources([path])
    assert (problem.line, problem.reason.startswith("truncated or corrupt gzip")) == (1, True)


def test_reading_streams(tmp_path: Path) -> None:
    path = tmp_path / "besar.jsonl"
    path.write_text(_record(1) + "\n", encoding="utf-8")
    results = read_sources([path])
    with path.open("a", encoding="utf-8") as later:
        later.write(_record(2) + "\n")
    assert [article.line for article in _articles(results)] == [1, 2]


@pytest.mark.skipif(not CLICK_ID.exists(), reason=f"CLICK-ID corpus not available at {CLICK_ID}")
def test_click_id_sample_reads_cleanly() -> None:
    sample = list(itertools.islice(read_sources([CLICK_ID]), 2000))
    articles = _articles(sample)
    assert len(articles) >= 1900
    assert all(article.date is not None for article in articles)
    paragraphs = [paragraph for article in articles for paragraph in article.body.split("\n\n")]
    assert not [paragraph for paragraph in paragraphs if FURNITURE_PARAGRAPH.match(paragraph)]
