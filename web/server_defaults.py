"""Defaults of ``telusur serve``, apart from the server so the CLI can show them without loading it.

Two processes for two cores: they search side by side. Within a process searches take
turns (``LiveIndex.reading``), so threads are not for searching in parallel: four keep a
client that reads its response slowly from holding up the searches behind it (gunicorn's
``gthread`` with four threads answered nothing behind sixteen slow clients; Telusur's
worker answered every request, ``docs/serving.md``). Ten seconds is far more than a real
client needs to send a request head.
"""

WORKERS = 2
THREADS = 4
TIMEOUT_SECONDS = 10
# Seconds an idle kept-alive connection stays open between requests.
KEEPALIVE_SECONDS = 5
