"""All tunable settings in one place; those a deployment sets are read from ``TELUSUR_*``
environment variables, listed with their help text in :data:`ENVIRONMENT` (``telusur --help``
shows them, README's settings table names every one)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

ENV_PREFIX = "TELUSUR_"

DEFAULT_INDEX_DIR = Path("var") / "index"
# Our own affix rules: every data file is the project's, so a newsroom may ship it
# (Sastrawi's dictionary is CC BY-NC-SA); relevance per stemmer in docs/analysis.md.
DEFAULT_STEMMER = "light"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000

# Results per page and the hard upper bound a caller may ask for.
DEFAULT_PER_PAGE = 10
MAX_PER_PAGE = 100

# Facet values listed per facet, and the most a caller may ask for ("more" in the UI).
DEFAULT_FACET_LIMIT = 10
MAX_FACET_LIMIT = 500

# Processes preparing documents (language, entities) while the main one writes the index:
# one per core, since the main process waits on them part of the time (measured on
# CLICK-ID: one worker made entity extraction add 45% to indexing, two add far less).
INDEX_WORKERS = max(1, os.cpu_count() or 2)

@dataclass(frozen=True)
class MemoryBudgets:
    """What each per-index memory may hold (every ``IndexView`` has its own), in one place.

    Chosen to keep a 22k-article server near 150 MB resident however long it runs: after
    the open it holds 100 MB (78 MB private, ``bench/memory.py``), 111 MB after the
    250-request mix, and these add at most about 75 MB in all. Measured against four times as much (128 MB, 64 MB, 16 MB, 200,000
    tokens, the budgets before) on CLICK-ID at 22k in one session (``docs/scaling.md``,
    "Memory", "Budgets"): search as you type (``bench/keystrokes.py``, headlines) p95
    30.1 ms against 30.3, the 220-query mix (``bench/search_latency.py``) p95 29.6 ms
    against 32.9, no loss beyond the runs' noise; after the 250-request mix at 110k the
    postings held 18 MB, the positions filled their 16 MB, the masks 26 of 38 and the
    tokens 40,000.

    - ``postings_bytes``: decoded posting lists, rare and absent terms included: search as
      you type asks for nearly the same terms at every keystroke, and reading a rare term
      still costs a Whoosh matcher (postings reads were a quarter of a keystroke's time
      with only terms in 2,000+ articles kept). 8 bytes a posting (32-bit document, 32-bit
      weight): a word in 100k of 110k articles takes 0.8 MB.
    - ``positions_bytes``: each term's positions as read with its postings, the compressed
      posting blocks (``match/blocks.py``; about 17 bytes a posting: the commonest word of
      CLICK-ID at 22k takes 0.25 MB for 14,729 postings) and the positions decoded from the
      blocks asked for so far (8 bytes an occurrence; a whole common word about 4 MB), for
      phrases and the proximity re-rank (``match/kept_positions.py``): a second pass over
      every block of thirty common words was half of a hostile query's first run, and
      decoding the asked blocks again at every request a fifth of the mix's p50
      (``bench.peers``). The sum of the two 16 MB budgets it replaced (encoded until first
      decoded, and decoded whole).
    - ``query_mask_bytes``: the match masks of recent queries (one byte per document each),
      asked again when a reader pages or refines by facets.
    - ``analysed_tokens``: tokens of analysed sentences and titles, by text and query terms,
      each text also counted as the tokens it holds (a CLICK-ID sentence has
      about 25, about 150 bytes each): between keystrokes the same hits come back, and
      analysing their sentences again was a quarter of a keystroke's time.
    """

    postings_bytes: int = 32 * 1024 * 1024
    positions_bytes: int = 32 * 1024 * 1024
    query_mask_bytes: int = 4 * 1024 * 1024
    analysed_tokens: int = 50_000


MEMORY = MemoryBudgets()


@dataclass(frozen=True)
class Tuning:
    """The measured ranking weights, in one place; each comment names what chose it.

    ``bench/relevance.py --vary NAME=V1,V2`` re-measures with a field replaced (an
    experiment: the product always ranks with :data:`TUNING`)."""

    # Weight of the title relative to the body in BM25F.
    title_boost: float = 2.5
    # Weight of the exact form as typed, added to the stem's match: the exact form is
    # rarer, so even half its score lifts an exact match well above a stemmed-only one
    # (1.5 cost 0.016 MRR@10 on FacQA; 0.5 is neutral there).
    exact_boost: float = 0.5
    # BM25 parameters; K1 below Whoosh's 1.2 measured better on FacQA (docs/analysis.md).
    bm25_b: float = 0.75
    bm25_k1: float = 0.6
    # Proximity re-rank of multi-word queries: hits looked at, the bonus for all adjacent
    # query word pairs standing together, and how far apart (in positions) counts as together.
    proximity_candidates: int = 50
    proximity_weight: float = 0.2
    proximity_window: int = 2
    # The same re-rank's bonus for the query's words standing in the lead (the body's first
    # positions, about two sentences), where news says what it is about.
    # bench/relevance.py --articles 6000 --vary LEAD_WEIGHT=0,0.2,0.4 --vary LEAD_POSITIONS=30,60:
    # 0.2 over 60 positions is the setting that no held-out half loses with (FacQA 0.8292 ->
    # 0.8293, untitled headlines 0.8306 -> 0.8334, short queries 0.8534 -> 0.8584); 0.4 loses
    # 0.005 on short queries.
    lead_weight: float = 0.2
    lead_positions: int = 60
    # Weight of the likeliest completion of a half-typed last word relative to a typed word
    # (the others in proportion), and of a typo's nearest word relative to a typed word:
    # below the weakest completion, so what was typed always ranks first.
    prefix_boost: float = 0.6
    typo_boost: float = 0.3
    # Answer-type re-rank of question queries (docs/ranking.md): BM25 hits re-ranked (deeper
    # costs analysis time and gains nothing on FacQA: MRR@10 0.8283 at 20, 30 and 50), and
    # the characters of each analysed at most (cost against fidelity to whole-body analysis).
    answer_candidates: int = 20
    answer_analysed_chars: int = 1000
    # Per answer class: weight of the answer context and its distance scale in positions,
    # fitted on FacQA dev (2,495 questions); refitting each class on a grid through the
    # engine gains 0.0004 (docs/ranking.md). Numbers and people sit tight against their
    # question words; dates, places and names tolerate a looser neighbourhood.
    answer_classes: Mapping[str, tuple[float, float]] = field(default_factory=lambda: MappingProxyType({
        "num": (3.0, 3.0), "date": (3.0, 6.0), "person": (1.5, 3.0), "place": (1.0, 6.0), "name": (1.5, 6.0)}))
    # Score of an article matched through its entity tag alone: about one good body match.
    entity_score: float = 2.0
    # "Artikel terkait": the title's weight beside the body's, and a shared entity's weight
    # against a key term of (normalised) weight 1.
    related_title_boost: float = 1.5
    related_entity_boost: float = 0.8


TUNING = Tuning()

# A query with fewer hits than this gets a spelling suggestion.
FEW_HITS_FOR_SUGGESTION = 3

# Text shorter than this many letters is too short for language detection.
MIN_LANGUAGE_LETTERS = 40


# Defaults of ``telusur serve``. Two processes for two cores: they search side by side.
# Within a process searches take turns (``LiveIndex.reading``), so threads are not for
# searching in parallel: four keep a client that reads its response slowly from holding up
# the searches behind it (gunicorn's ``gthread`` with four threads answered nothing behind
# sixteen slow clients; Telusur's worker answered every request, ``docs/serving.md``). Ten
# seconds is far more than a real client needs to send a request head.
SERVE_WORKERS = 2
SERVE_THREADS = 4
SERVE_TIMEOUT_SECONDS = 10
# Seconds an idle kept-alive connection stays open between requests.
SERVE_KEEPALIVE_SECONDS = 5
# CPU niceness ``telusur index`` gives itself and its workers, so that a rebuild on the
# serving machine yields the cores to searches: an index run is throughput work that can
# wait, a reader cannot (issue 10: normal p95 during a rebuild beside the attackers was
# 187-225 ms at the caller's priority, over the 200 ms target; docs/serving.md).
INDEX_NICENESS = 10


@dataclass(frozen=True)
class EnvironmentVariable:
    """One setting a deployment gives in the environment, as ``TELUSUR_<name>``."""

    name: str
    default: str
    help: str

    @property
    def variable(self) -> str:
        return ENV_PREFIX + self.name


ENVIRONMENT: tuple[EnvironmentVariable, ...] = (
    EnvironmentVariable("INDEX", str(DEFAULT_INDEX_DIR), "index directory"),
    EnvironmentVariable("STEMMER", DEFAULT_STEMMER,
                        "stemmer for a new index (or --rebuild): light, none, or sastrawi "
                        "(needs pip install 'telusur[sastrawi]')"),
    EnvironmentVariable("HOST", DEFAULT_HOST, "address telusur serve listens on"),
    EnvironmentVariable("PORT", str(DEFAULT_PORT), "port telusur serve listens on"),
    EnvironmentVariable("BASE_URL", "", "the site's public address (https://berita.example.id), which the Atom "
                                        "feed's links start with; unset, they are relative to the feed's address"),
)


def environment_help() -> str:
    """The environment variables with their defaults and meaning, for ``--help``."""
    width = max(len(setting.variable) for setting in ENVIRONMENT)
    return "environment:\n" + "\n".join(
        f"  {setting.variable:<{width}}  {setting.help} (default: {setting.default})" for setting in ENVIRONMENT)


def _env(name: str) -> str | None:
    value = os.environ.get(ENV_PREFIX + name)
    return value if value else None


@dataclass(frozen=True)
class Settings:
    """Runtime settings; build with :func:`load_settings` so the environment is honoured."""

    index_dir: Path = DEFAULT_INDEX_DIR
    stemmer: str = DEFAULT_STEMMER
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    # Never the request's ``Host`` header: a client chooses that, and a feed reader or cache
    # would keep links to wherever it said.
    base_url: str | None = None


def load_settings() -> Settings:
    """Settings from ``TELUSUR_INDEX``, ``TELUSUR_STEMMER``, ``TELUSUR_HOST``, ``TELUSUR_PORT``
    and ``TELUSUR_BASE_URL``."""
    port = _env("PORT")
    return Settings(
        index_dir=Path(_env("INDEX") or DEFAULT_INDEX_DIR),
        stemmer=_env("STEMMER") or DEFAULT_STEMMER,
        host=_env("HOST") or DEFAULT_HOST,
        port=int(port) if port else DEFAULT_PORT,
        base_url=_env("BASE_URL"),
    )
