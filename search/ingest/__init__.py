"""Ingest: read text pages and JSONL records into clean articles, reporting what cannot be read."""

from search.ingest.errors import SourceError
from search.ingest.model import Article, IngestProblem
from search.ingest.readers import count_items, read_sources

__all__ = ["Article", "IngestProblem", "SourceError", "count_items", "read_sources"]
