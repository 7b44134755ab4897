"""Telusur: a search engine for Indonesian-language news with entity facets.

The package is laid out as the pipeline runs: ``ingest`` reads sources into
articles, ``analysis`` turns text into index terms, ``entities`` finds the people,
countries and organizations an article names, ``index`` stores and updates the Whoosh
index, ``query`` answers searches (its stages and their rules: ``search/query/__init__.py``).
Beside them, ``config`` holds every setting, ``facet_table`` the facets and ``errors``
the base of every deliberate error; ``docs/architecture.md`` has the whole map.
"""

__version__ = "0.1.0"
