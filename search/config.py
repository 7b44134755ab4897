"""All tunable settings in one place; those a deployment sets are read from ``TELUSUR_*``
environment variables, listed with their help text in :data:`ENVIRONMENT` (``telusur --help``
shows them, README's settings table names every one)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ENV_PREFIX = "TELUSUR_"

DEFAULT_INDEX_DIR = Path("var") / "index"
# Our own affix rules: every data file is the project's, so a newsroom may ship it
# (Sastrawi's dictionary is CC BY-NC-SA); relevance per stemmer in docs/analysis.md.
DEFAULT_STEMMER = "light"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000

# Weight of the title relative to the body in BM25F.
TITLE_BOOST = 2.5

# BM25 parameters; K1 below Whoosh's 1.2 measured better on FacQA (docs/analysis.md).
BM25_B = 0.75
BM25_K1 = 0.6

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

# Decoded posting lists kept in memory per index view, for terms at least this common.
POSTINGS_CACHE_BYTES = 128 * 1024 * 1024
CACHED_POSTINGS_MIN = 2000

# Proximity re-rank of multi-word queries: hits looked at, the bonus for all adjacent
# query word pairs standing together, and how far apart (in positions) counts as together.
PROXIMITY_CANDIDATES = 50
PROXIMITY_WEIGHT = 0.2
PROXIMITY_WINDOW = 2
# The same re-rank's bonus for the query's words standing in the lead (the body's first
# positions, about two sentences), where news says what it is about.
# bench/relevance.py --articles 6000 --vary LEAD_WEIGHT=0,0.2,0.4 --vary LEAD_POSITIONS=30,60:
# 0.2 over 60 positions is the setting that no held-out half loses with (FacQA 0.8292 ->
# 0.8293, untitled headlines 0.8306 -> 0.8334, short queries 0.8534 -> 0.8584); 0.4 loses
# 0.005 on short queries.
LEAD_WEIGHT = 0.2
LEAD_POSITIONS = 60

# Answer-type re-rank of question queries (docs/ranking.md): BM25 hits re-ranked, and the
# characters of each analysed at most (cost against fidelity to whole-body analysis).
ANSWER_CANDIDATES = 20
ANSWER_ANALYSED_CHARS = 1000
# Per answer class: weight of the answer context and its distance scale in positions (FacQA dev).
ANSWER_TUNING = {"num": (3.0, 3.0), "date": (3.0, 6.0), "person": (1.5, 3.0), "place": (1.0, 6.0),
                 "name": (1.5, 6.0)}

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


def load_settings() -> Settings:
    """Settings from ``TELUSUR_INDEX``, ``TELUSUR_STEMMER``, ``TELUSUR_HOST`` and ``TELUSUR_PORT``."""
    port = _env("PORT")
    return Settings(
        index_dir=Path(_env("INDEX") or DEFAULT_INDEX_DIR),
        stemmer=_env("STEMMER") or DEFAULT_STEMMER,
        host=_env("HOST") or DEFAULT_HOST,
        port=int(port) if port else DEFAULT_PORT,
    )
