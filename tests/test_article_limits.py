"""Bounded documents: a huge article is indexed up to a paragraph end and reported, its file is
never read whole, and its page comes in parts."""

from __future__ import annotations

import json
import tracemalloc

from conftest import run_cli
from search.index.builder import build_index
from search.ingest import Article, IngestProblem, read_sources
from search.ingest.limits import MAX_RECORD_BYTES, ArticleLimit
from search.query.present.article import PART_CHARS
from web.app import create_app

SMALL = ArticleLimit(max_chars=2_000)


def _paragraphs(count: int) -> list[str]:
    return [f"Paragraf nomor {number} menceritakan banjir yang merendam rumah warga di kampung {number}."
            for number in range(count)]


def _only(results) -> Article | IngestProblem:
    [result] = list(results)
    return result


def test_a_long_text_file_is_cut_at_a_paragraph_end_and_reported(tmp_path):
    paragraphs = _paragraphs(200)
    page = tmp_path / "panjang.txt"
    page.write_text("Banjir Besar di Kampung\n" + "\n".join(paragraphs) + "\n", encoding="utf-8")
    article = _only(read_sources([page], limit=SMALL))
    assert len(article.body) <= SMALL.max_chars
    kept = article.body.split("\n\n")
    assert kept == paragraphs[:len(kept)] and len(kept) > 10, "whole paragraphs, from the start"
    assert article.notes and "longer than 2,000 characters" in article.notes[-1]


def test_a_long_record_is_cut_and_the_report_says_so(tmp_path):
    paragraphs = _paragraphs(400)
    source = tmp_path / "arsip.jsonl"
    record = {"id": "panjang", "title": "Banjir Besar", "content": ",".join(paragraphs)}
    source.write_text(json.dumps(record) + "\n" + json.dumps({"id": "pendek", "content": paragraphs[0]}) + "\n")
    report = build_index(tmp_path / "index", [source], stemmer="light", limit=SMALL, workers=0)
    assert report.added == 2 and report.failed == 0
    [note] = report.notes
    assert note.line == 1 and "indexed the first" in note.reason


def test_a_record_past_the_byte_limit_is_reported_not_read_whole(tmp_path):
    source = tmp_path / "arsip.jsonl"
    huge = json.dumps({"id": "raksasa", "content": "kata " * (MAX_RECORD_BYTES // 5 + 10)})
    source.write_text(huge + "\n" + json.dumps({"id": "biasa", "content": "Berita biasa saja."}) + "\n")
    tracemalloc.start()
    results = list(read_sources([source]))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert isinstance(results[0], IngestProblem) and results[0].line == 1 and "longer than" in results[0].reason
    assert isinstance(results[1], Article) and results[1].id == "biasa"
    assert peak < 3 * MAX_RECORD_BYTES


def test_a_huge_text_file_is_read_only_as_far_as_the_limit(tmp_path):
    page = tmp_path / "raksasa.txt"
    paragraph = ("Warga mengungsi karena banjir merendam rumah mereka. " * 4 + "\n").encode()
    with page.open("wb") as out:
        out.write(b"Banjir Raksasa\n")
        for _ in range(30 * 1024 * 1024 // len(paragraph)):
            out.write(paragraph)
    tracemalloc.start()
    article = _only(read_sources([page]))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert f"{page.stat().st_size:,} bytes" in article.notes[-1]
    assert peak < 20 * ArticleLimit().raw_chars, "memory follows the limit, not the 30 MB file"


def test_the_cli_takes_the_limit_and_prints_the_note(tmp_path):
    page = tmp_path / "panjang.txt"
    page.write_text("Banjir Besar\n" + "\n".join(_paragraphs(50)) + "\n", encoding="utf-8")
    result = run_cli("index", str(page), "--index", str(tmp_path / "index"), "--max-article-chars", "500")
    assert result.returncode == 0, result.stderr
    assert "longer than 500 characters" in result.stderr


def test_a_long_article_page_comes_in_parts(tmp_path):
    paragraphs = _paragraphs(3 * PART_CHARS // 80)
    page = tmp_path / "panjang.txt"
    page.write_text("Banjir Besar di Kampung\n" + "\n".join(paragraphs) + "\n", encoding="utf-8")
    build_index(tmp_path / "index", [page], stemmer="light", workers=0)
    client = create_app(tmp_path / "index").test_client()
    first = client.get("/artikel/panjang?q=banjir").get_data(as_text=True)
    assert paragraphs[0] in first.replace("<mark>", "").replace("</mark>", "")
    assert paragraphs[-1] not in first and len(first) < 3 * PART_CHARS
    assert "Bagian 1 dari" in first and 'href="/artikel/panjang?q=banjir&amp;bagian=2"' in first
    last = client.get("/artikel/panjang?bagian=999").get_data(as_text=True)
    assert paragraphs[-1] in last and "Lanjutkan membaca" not in last and "Bagian sebelumnya" in last
    assert client.get("/artikel/panjang?bagian=x").get_data(as_text=True).count("Bagian 1 dari") == 1
