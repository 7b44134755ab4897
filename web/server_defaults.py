"""Defaults of ``telusur serve``, apart from the server so the CLI can show them without loading it.

Chosen with ``bench/load_test.py`` under attack (the table is in ``docs/serving.md``):
two processes for two cores; four threads each keep a slow reader or a costly query
from queueing the searches behind it, where more threads only add contention for the
interpreter lock; ten seconds is far more than any real client needs to send a head.
"""

WORKERS = 2
THREADS = 4
TIMEOUT_SECONDS = 10
# Seconds an idle kept-alive connection stays open between requests.
KEEPALIVE_SECONDS = 5
