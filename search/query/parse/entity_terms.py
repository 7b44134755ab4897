"""Names in a query also match the entity facet they stand for.

``daesh`` should find the articles tagged ``ISIS`` even where the text says ``Negara
Islam``; ``lavrov`` the articles tagged ``Sergey Lavrov``. A tagged article that does
not contain the typed words gets a modest constant score, so articles that do contain
them still rank first.
"""

from __future__ import annotations

from typing import TypeGuard

from whoosh.query import ConstantScoreQuery, Query, Term

from search.config import TUNING
from search.entities.lookup import named_entities
from search.query.parse.syntax import Node, Quoted, Should, Word, leaves


def entity_clauses(node: Node | None) -> list[Query]:
    """Alternatives for the names in a plain query (words and phrases, no operators)."""
    if not _plain(node):
        return []
    words = [word for leaf, negated in leaves(node) if not negated and leaf.field is None
             for word in leaf.text.split()]
    return [
        ConstantScoreQuery(Term(found.facet, found.canonical), TUNING.entity_score)
        for found in named_entities(words)
    ]


def _plain(node: Node | None) -> TypeGuard[Node]:
    """Words and phrases only. A proximity group is not plain: its reader asked for words near
    each other, which an article tagged with one of the names need not have."""
    if isinstance(node, Word | Quoted):
        return not (isinstance(node, Quoted) and node.near)
    return isinstance(node, Should) and all(_plain(child) for child in node.children)
