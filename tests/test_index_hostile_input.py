"""One bad document never stops an index run: odd numbers, names, characters, special
files, links and dates are reported with their place, and everything good is indexed.

The fuzz test at the end throws random files (random bytes, names and JSON values)
at the real ``build_index`` beside known-good articles."""

from __future__ import annotations

import json
import os
import socket
import stat
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import run_cli
from search.index.builder import build_index
from search.index.store import open_index
from search.ingest import read_sources

PAGE = "Pasar Malam Dibuka\n\nPedagang kaki lima mulai berjualan sejak sore di alun-alun kota.\n"


def _record(number: int, **extra) -> str:
    return json.dumps({"id": f"r{number}", "title": f"Berita Pasar {number}",
                       "content": f"Pedagang pasar nomor {number} berjualan sayur sejak pagi.", **extra})


def stored(root: Path) -> dict[str, dict]:
    with open_index(root).searcher() as searcher:
        return {fields["id"]: fields for fields in searcher.all_stored_fields()}


def index_json(source: Path, root: Path, *extra: str):
    return run_cli("index", str(source), "--index", str(root), "--json", *extra, check_json=True, timeout=120)


def test_a_number_of_thousands_of_digits_keeps_its_record(tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    huge = "9" * 5000
    (source / "feed.jsonl").write_text(
        f'{{"id": {huge}, "title": "Angka Besar", "content": "Pedagang pasar menghitung uang sejak pagi."}}\n'
        f'{_record(2)}\n{huge}\n', encoding="utf-8")
    result = index_json(source, tmp_path / "index")
    assert result.returncode == 1
    assert [(problem["line"], problem["reason"]) for problem in result.json["problems"]] == [
        (3, "not a JSON object (got str)")]
    assert set(stored(tmp_path / "index")) == {huge, "r2"}


def test_a_file_name_that_is_not_utf8_is_indexed_under_a_printable_name(tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    odd = os.fsdecode(b"pasar-\xff\xfe.txt")
    (source / odd).write_text(PAGE, encoding="utf-8")
    (source / "baik.txt").write_text(PAGE.replace("Malam", "Pagi"), encoding="utf-8")
    result = index_json(source, tmp_path / "index")
    assert result.returncode == 0, result.stderr
    documents = stored(tmp_path / "index")
    assert set(documents) == {"pasar-\\xff\\xfe", "baik"}
    assert documents["pasar-\\xff\\xfe"]["origin"].endswith("pasar-\\xff\\xfe.txt")
    (source / odd).unlink()
    again = index_json(source, tmp_path / "index")
    assert again.json["removed"] == 1 and set(stored(tmp_path / "index")) == {"baik"}


def test_control_characters_in_records_are_cleaned_like_text_files(tmp_path):
    source = tmp_path / "feed.jsonl"
    noisy = {"id": "bising", "title": "Pasar\u0007 Malam\u001b[31m", "source": "kompas\u0000.com",
             "content": "Pedagang\u0000 kaki lima\u001b mulai berjualan\u0007 sejak sore\ud800 di alun-alun."}
    source.write_text(json.dumps(noisy) + "\n", encoding="utf-8")
    (tmp_path / "bising.txt").write_text(PAGE.replace("kaki", "kaki\u001b\u0007"), encoding="utf-8")
    articles = list(read_sources([source, tmp_path / "bising.txt"]))
    assert [article.body for article in articles] == [
        "Pedagang kaki lima mulai berjualan sejak sore di alun-alun.",
        "Pedagang kaki lima mulai berjualan sejak sore di alun-alun kota."]
    assert (articles[0].title, articles[0].source) == ("Pasar Malam[31m", "Kompas.com")
    report = build_index(tmp_path / "index", [source], stemmer="light")
    assert report.failed == 0 and report.added == 1


def test_special_files_are_skipped_with_a_reason_never_read(tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    (source / "baik.txt").write_text(PAGE, encoding="utf-8")
    os.mkfifo(source / "pipa.txt")
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(source / "soket.jsonl"))
    try:
        result = index_json(source, tmp_path / "index")
    finally:
        listener.close()
    assert result.returncode == 1
    reasons = {Path(problem["path"]).name: problem["reason"] for problem in result.json["problems"]}
    assert reasons == {"pipa.txt": "a named pipe, not a regular file; not read",
                       "soket.jsonl": "a socket, not a regular file; not read"}
    assert set(stored(tmp_path / "index")) == {"baik"}


def test_a_named_fifo_is_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "pipa.jsonl")
    result = index_json(tmp_path / "pipa.jsonl", tmp_path / "index")
    assert result.returncode == 1
    assert result.json["problems"][0]["reason"] == "a named pipe, not a regular file; not read"


def test_links_out_of_the_paths_are_reported_unless_followed(tmp_path):
    outside = tmp_path / "luar"
    outside.mkdir()
    (outside / "jauh.txt").write_text(PAGE.replace("Malam", "Jauh"), encoding="utf-8")
    (outside / "arsip").mkdir()
    (outside / "arsip" / "lama.txt").write_text(PAGE.replace("Malam", "Lama"), encoding="utf-8")
    source = tmp_path / "src"
    source.mkdir()
    (source / "baik.txt").write_text(PAGE, encoding="utf-8")
    (source / "kembar.txt").symlink_to(source / "baik.txt")
    (source / "tautan.txt").symlink_to(outside / "jauh.txt")
    (source / "folder").symlink_to(outside / "arsip", target_is_directory=True)
    (source / "putus.txt").symlink_to(tmp_path / "hilang.txt")
    (source / "putaran").symlink_to(source, target_is_directory=True)

    result = index_json(source, tmp_path / "index")
    assert result.returncode == 1
    reasons = {Path(problem["path"]).name: problem["reason"] for problem in result.json["problems"]}
    assert set(reasons) == {"tautan.txt", "folder", "putus.txt", "putaran"}
    assert "outside the paths given; not indexed (use --follow-links" in reasons["tautan.txt"]
    assert reasons["folder"].startswith("link to the directory") and "not followed" in reasons["folder"]
    assert reasons["putus.txt"].startswith("broken link")
    assert set(stored(tmp_path / "index")) == {"baik"}

    followed = index_json(source, tmp_path / "index", "--follow-links")
    assert {Path(problem["path"]).name for problem in followed.json["problems"]} == {"putus.txt"}
    assert set(stored(tmp_path / "index")) == {"baik", "tautan", "lama"}


def test_implausible_dates_are_stored_undated_and_noted(tmp_path):
    source = tmp_path / "feed.jsonl"
    source.write_text("\n".join([_record(1, date="0001-01-01"), _record(2, date="2999-05-01"),
                                 _record(3, date="2019-10-02")]) + "\n", encoding="utf-8")
    result = index_json(source, tmp_path / "index")
    assert result.returncode == 0
    assert [(note["line"], note["reason"].split(" is ")[0]) for note in result.json["notes"]] == [
        (1, "date '0001-01-01'"), (2, "date '2999-05-01'")]
    dates = {doc_id: fields.get("date") for doc_id, fields in stored(tmp_path / "index").items()}
    assert dates == {"r1": None, "r2": None, "r3": 20191002}
    years = run_cli("search", "", "--index", str(tmp_path / "index"), "--json", check_json=True).json
    assert [value["value"] for value in years["facets"]["year"]] == ["2019"]


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
_RECORD_KEYS = st.sampled_from(["id", "title", "content", "body", "text", "date", "time", "source", "url", "category"])
_FILE_NAMES = st.binary(min_size=1, max_size=12).map(
    lambda raw: raw.replace(b"/", b"_").replace(b"\x00", b"_")).filter(lambda raw: raw not in (b".", b".."))
_SUFFIXES = st.sampled_from([b".txt", b".jsonl", b".jsonl.gz", b".TXT"])
_LINES = st.one_of(
    st.dictionaries(_RECORD_KEYS, _JSON_VALUES, max_size=6).map(json.dumps),
    _JSON_VALUES.map(json.dumps),
    st.text(max_size=60),
)
_CONTENTS = st.one_of(
    st.binary(max_size=200),
    st.lists(_LINES, max_size=5).map(lambda lines: "\n".join(lines).encode("utf-8", "surrogatepass")),
    st.text(max_size=200).map(lambda text: text.encode("utf-8", "surrogatepass")),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(files=st.lists(st.tuples(_FILE_NAMES, _SUFFIXES, _CONTENTS), max_size=6))
def test_random_files_never_stop_a_run_or_cost_a_good_article(tmp_path_factory, files):
    work = tmp_path_factory.mktemp("fuzz")
    source = work / "src"
    source.mkdir()
    (source / "baik.txt").write_text(PAGE, encoding="utf-8")
    (source / "baik.jsonl").write_text(_record(1) + "\n" + _record(2) + "\n", encoding="utf-8")
    for number, (name, suffix, content) in enumerate(files):
        path = os.path.join(os.fsencode(source), b"f%d-" % number + name + suffix)
        with open(path, "wb") as handle:
            handle.write(content)
    report = build_index(work / "index", [source], stemmer="light", workers=0)
    assert report.failed == len(report.problems)
    for problem in report.problems:
        assert problem.origin.encode("utf-8") and problem.reason
    documents = stored(work / "index")
    assert {"baik", "r1", "r2"} <= set(documents)
    for fields in documents.values():
        assert not [ch for ch in fields["body"] if ch != "\n" and unicodedata.category(ch) in ("Cc", "Cs")]


def test_a_fifo_named_like_a_source_never_blocks_a_walk(tmp_path):
    """The walk checks what a file is before opening it; opening never waits either."""
    from search.ingest.discovery import NotRegularFileError, open_regular

    os.mkfifo(tmp_path / "pipa.txt")
    with pytest.raises(NotRegularFileError):
        open_regular(tmp_path / "pipa.txt")
    assert stat.S_ISFIFO(os.stat(tmp_path / "pipa.txt").st_mode)
