"""`telusur index` end to end: incremental updates, bad input, locking, atomic rebuilds."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import whoosh.index
from whoosh.query import Every

from conftest import REPO, run_cli
from search.facet_table import REGION
from search.index.lock import write_lock
from search.index.schema import build_schema
from search.index.store import current_generation, new_generation, open_index, publish, write_metadata
from web.app import create_app


def index(*args: str) -> subprocess.CompletedProcess:
    return run_cli("index", *args, "--json", check_json=True)


def ids_in(root: Path) -> set[str]:
    with open_index(root).searcher() as searcher:
        return {fields["id"] for fields in searcher.all_stored_fields()}


def test_first_run_indexes_all_seeds_and_second_run_skips_them(tmp_path, seeds_copy):
    root = tmp_path / "index"
    first = index(str(seeds_copy), "--index", str(root))
    assert first.returncode == 0, first.stderr
    assert first.json["added"] == 5 and first.json["failed"] == 0 and first.json["rebuilt"]
    assert first.json["docs_per_second"] > 0 and first.json["seconds"] > 0
    second = index(str(seeds_copy), "--index", str(root))
    assert (second.json["added"], second.json["unchanged"], second.json["rebuilt"]) == (0, 5, False)


def test_changed_new_and_deleted_files_are_updated_added_and_removed(tmp_path, seeds_copy):
    root = tmp_path / "index"
    index(str(seeds_copy), "--index", str(root))
    changed = seeds_copy / "004_11abc1658a4643b2.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nParagraf tambahan tentang diplomasi.\n",
                       encoding="utf-8")
    (seeds_copy / "000_8805c64e3cc97002.txt").unlink()
    (seeds_copy / "baru.txt").write_text("Judul Baru\n\nIsi berita baru tentang pemilihan umum di daerah.",
                                         encoding="utf-8")
    result = index(str(seeds_copy), "--index", str(root))
    summary = result.json
    assert (summary["added"], summary["updated"], summary["removed"], summary["unchanged"]) == (1, 1, 1, 3)
    assert "baru" in ids_in(root) and "000_8805c64e3cc97002" not in ids_in(root)


def test_articles_from_other_sources_survive_an_incremental_run(tmp_path, seeds_copy):
    other = tmp_path / "other"
    other.mkdir()
    (other / "lain.txt").write_text("Berita Lain\n\nBanjir melanda kota pada musim hujan tahun ini.",
                                    encoding="utf-8")
    root = tmp_path / "index"
    index(str(seeds_copy), "--index", str(root))
    result = index(str(other), "--index", str(root))
    assert result.json["removed"] == 0 and result.json["added"] == 1
    assert len(ids_in(root)) == 6


def test_bad_records_are_reported_with_path_and_line_and_the_rest_is_indexed(tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    (source / "good.txt").write_text("Kabar Baik\n\nPanen padi tahun ini melimpah di desa.", encoding="utf-8")
    (source / "empty.txt").write_text("   \n", encoding="utf-8")
    (source / "latin1.txt").write_bytes("Caf\xe9 di Jakarta ramai dikunjungi.".encode("latin-1"))
    (source / "records.jsonl").write_text(
        '{"title": "Satu", "content": "Isi berita pertama tentang ekonomi."}\n'
        "{not json\n"
        '{"title": "Tanpa isi"}\n'
        '{"title": "Dua", "content": "Isi berita kedua tentang olahraga."}\n',
        encoding="utf-8",
    )
    result = index(str(source), "--index", str(tmp_path / "index"))
    assert result.returncode == 1
    summary = result.json
    assert summary["added"] == 3 and summary["failed"] == 4
    files = sorted(Path(problem["path"]).name for problem in summary["problems"])
    assert files == ["empty.txt", "latin1.txt", "records.jsonl", "records.jsonl"]
    assert sorted(problem["line"] for problem in summary["problems"] if problem["path"].endswith("jsonl")) == [2, 3]


def test_missing_path_is_a_usage_error(tmp_path):
    result = run_cli("index", str(tmp_path / "nope"), "--index", str(tmp_path / "index"))
    assert result.returncode == 2
    assert "nope" in result.stderr and "Traceback" not in result.stderr


def test_unreadable_index_is_a_usage_error(tmp_path, seeds_copy):
    root = tmp_path / "index"
    index(str(seeds_copy), "--index", str(root))
    for path in current_generation(root).glob("*.toc"):
        path.write_bytes(b"garbage")
    result = run_cli("index", str(seeds_copy), "--index", str(root))
    assert result.returncode == 2
    assert str(root) in result.stderr and "Traceback" not in result.stderr
    (root / "CURRENT").write_text("../../etc", encoding="utf-8")
    result = run_cli("search", "rusia", "--index", str(root))
    assert result.returncode == 2 and "corrupt" in result.stderr


def test_an_index_naming_a_moved_module_is_reported_outdated_and_rebuilt(tmp_path, seeds_copy):
    """Whoosh pickles the schema with the analyzer's module path: an index written before a
    module moved (``search.analysis.tokens`` became ``tokenizer``) must not end in a traceback."""
    root = tmp_path / "index"
    index(str(seeds_copy), "--index", str(root))
    module = b"search.analysis.tokenizer"
    for path in current_generation(root).glob("*.toc"):
        pickled = path.read_bytes()
        assert module in pickled
        path.write_bytes(pickled.replace(module, b"search.analysis.tokenizeX"))
    searched = run_cli("search", "rusia", "--index", str(root))
    assert searched.returncode == 2 and "older version" in searched.stderr and "Traceback" not in searched.stderr
    rebuilt = run_cli("index", str(seeds_copy), "--index", str(root), "--json", check_json=True)
    assert rebuilt.returncode == 0 and rebuilt.json["rebuilt"] is True
    assert ids_in(root) and run_cli("search", "rusia", "--index", str(root)).returncode == 0


def test_an_index_without_a_field_of_this_version_is_refused_clearly_then_rebuilt(tmp_path, seeds_copy):
    """An index built before a field was added (here the region facet) must not fail a search
    with ``KeyError`` deep in the facet code: the CLI and the web app say it is outdated, and
    ``telusur index`` rebuilds it."""
    root = tmp_path / "index"
    schema = build_schema("light")
    schema.remove(REGION)
    generation = new_generation(root)
    old = whoosh.index.create_in(str(generation), schema)
    write_metadata(generation, {"stemmer": "light"})
    writer = old.writer()
    writer.add_document(id="old-1", title="Banjir di Jakarta", body="Banjir merendam Jakarta.")
    writer.commit()
    publish(root, generation)
    searched = run_cli("search", "banjir", "--index", str(root))
    assert searched.returncode == 2 and "Traceback" not in searched.stderr
    assert f"missing fields: {REGION}" in searched.stderr
    client = create_app(root).test_client()
    page = client.get("/?q=banjir")
    assert page.status_code == 503 and "telusur index" in page.get_data(as_text=True)
    api = client.get("/api/search?q=banjir")
    assert api.status_code == 503 and f"missing fields: {REGION}" in api.get_json()["detail"]
    rebuilt = run_cli("index", str(seeds_copy), "--index", str(root), "--json", check_json=True)
    assert rebuilt.returncode == 0 and rebuilt.json["rebuilt"] is True
    assert run_cli("search", "banjir", "--index", str(root)).returncode == 0


def test_a_second_writer_exits_at_once_with_a_clear_message(tmp_path, seeds_copy):
    root = tmp_path / "index"
    with write_lock(root):
        started = time.monotonic()
        result = run_cli("index", str(seeds_copy), "--index", str(root))
    assert time.monotonic() - started < 30
    assert result.returncode == 2
    assert "already writing" in result.stderr and "Traceback" not in result.stderr


def test_human_summary_names_every_count(tmp_path, seeds_copy):
    result = run_cli("index", str(seeds_copy), "--index", str(tmp_path / "index"))
    assert result.returncode == 0
    for word in ("added", "updated", "removed", "unchanged", "failed", "docs/s"):
        assert word in result.stdout


def _synthetic_corpus(path: Path, articles: int) -> Path:
    rng = random.Random(7)
    words = ("pemerintah", "daerah", "anggaran", "pembangunan", "jalan", "warga", "menteri", "rapat",
             "kebijakan", "ekonomi", "sekolah", "banjir", "pasar", "harga", "beras", "petani", "kota")
    with open(path, "w", encoding="utf-8") as out:
        for number in range(articles):
            body = " ".join(rng.choice(words) for _ in range(300)) + "."
            out.write(json.dumps({"id": f"syn-{number}", "title": f"Berita {number}", "content": body}) + "\n")
    return path


def test_killed_rebuild_leaves_the_live_index_intact(tmp_path, seeds_copy):
    root = tmp_path / "index"
    index(str(seeds_copy), "--index", str(root))
    live = current_generation(root)
    corpus = _synthetic_corpus(tmp_path / "big.jsonl", 20000)
    process = subprocess.Popen([sys.executable, "-m", "search", "index", str(corpus), "--index", str(root),
                                "--rebuild"], cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(root.glob("gen-*"))) < 2:
        time.sleep(0.05)
    time.sleep(1.0)
    assert process.poll() is None, "the rebuild finished before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert current_generation(root) == live
    assert len(ids_in(root)) == 5
    with open_index(root).searcher() as searcher:
        assert searcher.search(Every()).scored_length() == 5
    after = index(str(seeds_copy), "--index", str(root))
    assert after.returncode == 0 and after.json["unchanged"] == 5
    assert after.json["interrupted_run"] == process.pid
    (leftover,) = after.json["leftovers_removed"]
    assert not (root / leftover).exists()
    assert [path.name for path in root.glob("gen-*")] == [live.name]
    again = index(str(seeds_copy), "--index", str(root))
    assert again.json["interrupted_run"] is None and again.json["leftovers_removed"] == []
    rerun = index(str(seeds_copy), "--index", str(root), "--rebuild")
    assert rerun.returncode == 0 and rerun.json["added"] == 5
    assert len(list(root.glob("gen-*"))) == 2


def test_an_index_run_lowers_its_cpu_priority_and_its_workers_inherit_it(tmp_path, seeds_copy):
    """``--nice`` is applied before the document workers start (they inherit it); 0 keeps the caller's."""
    probe = (
        "import os, sys\n"
        "from search.cli import main\n"
        "from search.index import builder\n"
        "seen = []\n"
        "made = builder._document_maker\n"
        "def watching(*args, **kwargs):\n"
        "    seen.append(os.nice(0))\n"
        "    return made(*args, **kwargs)\n"
        "builder._document_maker = watching\n"
        "before = os.nice(0)\n"
        "code = main(['index', sys.argv[1], '--index', sys.argv[2], '--json', '--nice', sys.argv[3]])\n"
        "print(code, seen[0] - before, os.nice(0) - before)\n"
    )
    for niceness, expected in (("7", "0 7 7"), ("0", "0 0 0")):
        done = subprocess.run([sys.executable, "-c", probe, str(seeds_copy), str(tmp_path / f"index-{niceness}"),
                               niceness], cwd=REPO, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip().splitlines()[-1] == expected
