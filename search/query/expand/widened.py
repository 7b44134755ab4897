"""A query as the engine searches it: parsed, compiled, and its words widened with the
index's vocabulary. Searching and marking a page's matches both start here, so an article
page marks exactly the words its search found."""

from __future__ import annotations

from dataclasses import dataclass

from search.query.expand.prefix import prefix_expansions
from search.query.expand.typos import typo_expansions
from search.query.live import IndexView
from search.query.parse.compile import CompiledQuery, compile_query, with_entities
from search.query.parse.entity_terms import entity_clauses
from search.query.parse.syntax import Node, parse_query


@dataclass(frozen=True)
class WidenedQuery:
    """The tree, the compiled query, and whether some typed word was widened to its nearest
    spellings (``typos``); ``dropped``: what went past the query language's limits and is
    not searched."""

    node: Node | None
    compiled: CompiledQuery
    corrected: bool
    dropped: tuple[str, ...]


def widened_query(view: IndexView, query: str, prefix: bool) -> WidenedQuery:
    """The parsed and compiled query: the open last word widened to its completions (when
    ``prefix``), rare words to their nearest spellings, names to their entity tags."""
    parsed = parse_query(query)
    node = parsed.node
    completions = prefix_expansions(view, node, query) if prefix else {}
    typos = typo_expansions(view, node, skip=frozenset(completions))
    compiled = compile_query(node, view.stemmer, view.searcher.reader(), {**typos, **completions})
    return WidenedQuery(node, with_entities(compiled, entity_clauses(node)), bool(typos), parsed.dropped)
