"""Telusur: a search engine for Indonesian-language news with entity facets.

The package is laid out as the pipeline runs: ``ingest`` reads sources into
articles, ``analysis`` turns text into index terms, ``index`` stores and updates
the Whoosh index, ``query`` answers searches.
"""

__version__ = "0.1.0"
