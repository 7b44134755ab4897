"""The search engine end to end over real indexes: query language, ranking, snippets,
multi-select facets (checked against brute force), spelling, paging and hostile input."""

from __future__ import annotations

import datetime as dt
import json
import random
import re

import pytest

from search.index.builder import build_index
from search.index.documents import split_values
from search.query.engine import search as engine_search
from search.query.live import LiveIndex
from search.query.request import FACETS, SearchRequest

PEOPLE = ["Joko Widodo", "Prabowo Subianto", "Sri Mulyani", "Anies Baswedan", "Donald Trump", "Vladimir Putin"]
COUNTRIES = ["Amerika Serikat", "Rusia", "Jepang", "Malaysia", "Australia"]
ORGS = ["KPK", "DPR", "PBB", "Bank Indonesia"]
TOPICS = ["anggaran pendidikan", "pembangunan jalan tol", "harga beras", "banjir bandang",
          "pemilihan umum", "kesepakatan dagang", "korupsi proyek", "gempa bumi"]
SOURCES = ["kompas.com", "tempo.co", "detik.com"]
# Where an article's delegation flies on to (its region besides Jakarta's) and the rubric its
# record gives, by its number: DKI Jakarta only, Jawa Timur, Jawa Barat, Sulawesi Selatan.
CITIES = ["Jakarta", "Surabaya", "Kota Bogor", "Makassar"]
CATEGORIES = ["Nasional", "metro", "BOLA", None]


def _article(rng: random.Random, number: int) -> dict:
    person, other = rng.sample(PEOPLE, 2)
    country = rng.choice(COUNTRIES)
    org = rng.choice(ORGS)
    topic = rng.choice(TOPICS)
    body = (f"Presiden {person} membahas {topic} bersama {org} di Jakarta, Senin. "
            f"Menurut {person}, kerja sama dengan {country} sangat penting bagi {topic}. "
            f"\"Kami menyepakati langkah berikutnya,\" kata {other} kepada wartawan. "
            f"Pertemuan itu juga membahas rencana kunjungan ke {country} tahun depan. "
            f"Rombongan lalu terbang ke {CITIES[number % len(CITIES)]}.")
    day = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(1800))
    record = {"id": f"a{number}", "title": f"{person} Bahas {topic.title()}", "content": body,
              "date": day.isoformat(), "source": rng.choice(SOURCES), "url": f"https://example.test/{number}"}
    category = CATEGORIES[number % len(CATEGORIES)]
    return record | ({"category": category} if category else {})


@pytest.fixture(scope="module")
def corpus_view(tmp_path_factory):
    directory = tmp_path_factory.mktemp("engine")
    rng = random.Random(11)
    source = directory / "news.jsonl"
    records = [_article(rng, number) for number in range(120)]
    records.append({"id": "awan", "title": "Cuaca Cerah", "content": "Langit biru tanpa awan sepanjang hari. Awan tipis muncul sore hari di atas kota.",
                    "date": "2019-01-02", "source": "tempo.co"})
    records.append({"id": "terawan", "title": "Menteri Kesehatan", "content": "Menteri Kesehatan Terawan meninjau rumah sakit di Bekasi, Kamis.",
                    "date": "2019-10-30", "source": "kompas.com"})
    records.append({"id": "html", "title": "Peretas <script>alert(1)</script>", "content": "Situs diserang dengan <img src=x onerror=alert(1)> oleh peretas di Bandung pekan lalu.",
                    "source": "tempo.co"})
    # "far" comes first: with equal BM25 scores, index order alone would rank it higher.
    for doc_id, sentence in (("far", "Harga sayur naik di pasar kota. Pedagang lain menjual beras"),
                             ("near", "Harga beras naik di pasar kota. Pedagang lain menjual sayur")):
        records.append({"id": doc_id, "title": "Laporan Pagi", "content": f"{sentence} dan buah segar.",
                        "date": "2019-03-04", "source": "detik.com"})
    source.write_text("\n".join(json.dumps(record) for record in records), encoding="utf-8")
    root = directory / "index"
    report = build_index(root, [source], stemmer="sastrawi")
    assert report.failed == 0
    return LiveIndex(root).view()


def search(view, **kwargs) -> dict:
    return engine_search(view, SearchRequest(**kwargs)).as_json()


def brute_force(view, request: SearchRequest, matching: set[str]) -> dict[str, dict[str, int]]:
    """Disjunctive facet counts computed the slow, obvious way from stored fields."""
    documents = {}
    for fields in view.searcher.all_stored_fields():
        date = fields.get("date")
        values = {name: split_values(fields.get(name)) for name in ("people", "countries", "organizations", "region")}
        values["source"] = [fields["source"]] if fields.get("source") else []
        values["category"] = [fields["category"]] if fields.get("category") else []
        values["language"] = [fields["language"]]
        values["year"] = [str(date // 10000)] if date else []
        documents[fields["id"]] = (values, date)

    def in_range(date):
        if request.date_from is None and request.date_to is None:
            return True
        if not date:
            return False
        day = dt.date(date // 10000, date // 100 % 100, date % 100)
        return (request.date_from is None or day >= request.date_from) and (
            request.date_to is None or day <= request.date_to)

    counts = {}
    for facet in FACETS:
        tally: dict[str, int] = {}
        for doc_id, (values, date) in documents.items():
            if doc_id not in matching or not in_range(date):
                continue
            if any(other != facet and not set(values[other]) & set(selected)
                   for other, selected in request.filters.items()):
                continue
            for value in values[facet]:
                tally[value] = tally.get(value, 0) + 1
        counts[facet] = tally
    return counts


def all_ids(view, request: SearchRequest) -> set[str]:
    """Every article the text query matches, unfiltered, read page by page."""
    found, page = set(), 1
    while True:
        response = engine_search(view, SearchRequest(query=request.query, per_page=100, page=page)).as_json()
        found |= {hit["id"] for hit in response["hits"]}
        if len(response["hits"]) < 100:
            return found
        page += 1


def test_facet_counts_match_brute_force_for_random_requests(corpus_view):
    rng = random.Random(5)
    queries = ["", "harga beras", "kesepakatan", "jakarta", '"jalan tol"', "korupsi -proyek", "Putin OR Trump"]
    for _ in range(40):
        filters = {}
        for facet in rng.sample(["people", "countries", "organizations", "region", "source", "category", "year"],
                                rng.randrange(4)):
            pool = {"people": PEOPLE, "countries": COUNTRIES, "organizations": ORGS, "source": SOURCES,
                    "region": ["DKI Jakarta", "Jawa Timur", "Jawa Barat", "Sulawesi Selatan"],
                    "category": ["Nasional", "Metro", "Bola"],
                    "year": ["2015", "2016", "2017", "2018", "2019"]}[facet]
            filters[facet] = tuple(rng.sample(pool, rng.randrange(1, 3)))
        date_from = dt.date(2016, 1, 1) if rng.random() < 0.3 else None
        request = SearchRequest(query=rng.choice(queries), filters=filters, date_from=date_from, facet_limit=100)
        response = engine_search(corpus_view, request).as_json()
        expected = brute_force(corpus_view, request, all_ids(corpus_view, request))
        for facet in FACETS:
            got = {item["value"]: item["count"] for item in response["facets"][facet] if item["count"]}
            assert got == expected[facet], (facet, request)
            selected = set(request.filters.get(facet, ()))
            assert response["facet_totals"][facet] == len(set(expected[facet]) | selected)


def test_filters_are_or_within_and_across_facets(corpus_view):
    one = search(corpus_view, filters={"people": ("Joko Widodo",)})["total"]
    either = search(corpus_view, filters={"people": ("Joko Widodo", "Donald Trump")})["total"]
    both = search(corpus_view, filters={"people": ("Joko Widodo",), "countries": ("Rusia",)})["total"]
    assert either > one > both > 0


def test_selected_value_is_listed_even_with_no_articles(corpus_view):
    response = search(corpus_view, query="banjir", filters={"people": ("Tokoh Tak Dikenal",)})
    assert response["total"] == 0
    assert {"value": "Tokoh Tak Dikenal", "count": 0, "selected": True} in response["facets"]["people"]


def test_facet_values_searchable_by_any_word(corpus_view):
    listed = search(corpus_view, facet_search={"people": "widodo"})["facets"]["people"]
    assert [item["value"] for item in listed] == ["Joko Widodo"]


def test_empty_query_browses_everything_newest_first(corpus_view):
    response = search(corpus_view, per_page=100, page=2)
    assert response["total"] == 125
    first = search(corpus_view, per_page=5)["hits"]
    dates = [hit["date"] for hit in first]
    assert dates == sorted(dates, reverse=True)
    assert sum(item["count"] for item in search(corpus_view)["facets"]["source"]) == 125


def test_sort_newest_and_oldest(corpus_view):
    newest = [hit["date"] for hit in search(corpus_view, query="harga beras", sort="newest", per_page=20)["hits"]]
    oldest = [hit["date"] for hit in search(corpus_view, query="harga beras", sort="oldest", per_page=20)["hits"]]
    assert newest == sorted(newest, reverse=True) and oldest == sorted(oldest)


def test_pagination_is_exact_and_a_page_past_the_end_is_empty(corpus_view):
    total = search(corpus_view, query="jakarta")["total"]
    seen = []
    for page in range(1, total // 7 + 2):
        seen += [hit["id"] for hit in search(corpus_view, query="jakarta", per_page=7, page=page)["hits"]]
    assert len(seen) == len(set(seen)) == total
    past = search(corpus_view, query="jakarta", per_page=7, page=999)
    assert past["hits"] == [] and past["total"] == total
    assert search(corpus_view, per_page=100000)["per_page"] == 100


def test_inflected_forms_are_found_and_marked(corpus_view):
    response = search(corpus_view, query="sepakat", per_page=50)
    assert response["total"] > 0
    marked = {mark.lower() for hit in response["hits"] for mark in re.findall(r"<mark>(.*?)</mark>", hit["snippet"])}
    assert {"menyepakati", "kesepakatan"} <= marked


def test_lowercase_name_finds_the_person_before_the_word_it_looks_like(corpus_view):
    hits = search(corpus_view, query="terawan")["hits"]
    assert hits[0]["id"] == "terawan"


def test_title_matches_rank_above_body_matches(corpus_view):
    hits = search(corpus_view, query="cuaca")["hits"]
    assert hits[0]["id"] == "awan"


def test_query_words_next_to_each_other_rank_higher(corpus_view):
    order = [hit["id"] for hit in search(corpus_view, query="harga beras pedagang", per_page=100)["hits"]]
    assert order.index("near") < order.index("far")


def test_phrase_exclusion_or_and_field_prefix(corpus_view):
    phrase = search(corpus_view, query='"jalan tol"', per_page=100)
    assert phrase["total"] and all("jalan tol" in hit["title"].lower() or "jalan tol" in
                                   re.sub("</?mark>", "", hit["snippet"]).lower() for hit in phrase["hits"])
    without = search(corpus_view, query="jakarta -korupsi", per_page=100)
    assert without["total"] and all("Korupsi" not in hit["title"] for hit in without["hits"])
    either = search(corpus_view, query="banjir ATAU gempa")["total"]
    assert either == search(corpus_view, query="banjir")["total"] + search(corpus_view, query="gempa")["total"]
    titles = search(corpus_view, query="judul:cuaca", per_page=100)
    assert [hit["id"] for hit in titles["hits"]] == ["awan"]


def test_entity_names_match_their_tags(corpus_view):
    widodo = search(corpus_view, query="jokowi", per_page=100)
    tagged = search(corpus_view, filters={"people": ("Joko Widodo",)}, per_page=100)
    assert {hit["id"] for hit in widodo["hits"]} == {hit["id"] for hit in tagged["hits"]}


def test_did_you_mean_comes_from_the_index_vocabulary(corpus_view):
    response = search(corpus_view, query="pendidkan")
    assert response["did_you_mean"] == "pendidikan"
    assert search(corpus_view, query="pendidikan")["did_you_mean"] is None


def test_article_html_is_escaped_in_titles_and_snippets(corpus_view):
    hit = search(corpus_view, query="peretas")["hits"][0]
    assert "<script>" in hit["title"], "titles are data; templates escape them"
    assert "<img" not in hit["snippet"] and "&lt;img" in hit["snippet"]


HOSTILE = ['"unbalanced', "rusia OR", "AND", "-", "--", "()", ")))(((", "NOT", "- - -", "\x00\x01\x1b[31m",
           "😀🔥", "a" * 10000, "judul:", "title:(", '"" "" ""', "OR OR OR", "http://x.test/?q=<b>",
           "\u202e\u202d", "BUKAN", "(((((((((((((((((((((((((((((((x", "'; DROP TABLE artikel; --"]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_give_sensible_results(corpus_view, query):
    response = search(corpus_view, query=query)
    assert response["total"] >= 0 and isinstance(response["hits"], list)
    json.dumps(response)
