""""Artikel terkait": the articles that share an article's most telling words and entities.

Whoosh's ``more_like`` looks at one field only; news about the same event shares
names more reliably than vocabulary, so the query here joins the key terms of the
title and body (Bo1 weights) with the article's people, countries and organizations.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from whoosh.query import Or, Query, Term

from search.analysis.analyzer import EXACT_MARK
from search.config import TUNING
from search.index.documents import StoredArticle, read_article, stored_article
from search.index.schema import BODY, TITLE
from search.query.live import IndexView

RELATED_COUNT = 5
# Key terms asked for; exact-form terms among them are dropped (their stems already count).
KEY_TERMS = 16
# Entities of each kind taken from the article, most salient (first listed) first.
ENTITIES_PER_FIELD = 6


@dataclass(frozen=True)
class RelatedArticle:
    id: str
    title: str
    date: dt.date | None
    source: str | None


def related_articles(view: IndexView, docnum: int, limit: int = RELATED_COUNT) -> list[RelatedArticle]:
    """Up to ``limit`` articles most like ``docnum``, best first, never ``docnum`` itself."""
    searcher = view.searcher
    query = _likeness_query(view, read_article(searcher, docnum))
    if query is None:
        return []
    results = searcher.search(query, limit=limit, mask={docnum})
    return [_related(stored_article(hit.fields())) for hit in results]


def _likeness_query(view: IndexView, article: StoredArticle) -> Query | None:
    text = f"{article.title}\n{article.body}"
    key_terms = [
        (word, weight)
        for word, weight in view.searcher.key_terms_from_text(BODY, text, numterms=KEY_TERMS, normalize=True)
        if not word.startswith(EXACT_MARK)
    ]
    clauses = [Term(field, word, boost=weight * boost)
               for word, weight in key_terms for field, boost in ((BODY, 1.0), (TITLE, TUNING.related_title_boost))]
    clauses += [Term(name, value, boost=TUNING.related_entity_boost)
                for name, values in article.entities.items() for value in values[:ENTITIES_PER_FIELD]]
    return Or(clauses) if clauses else None


def _related(article: StoredArticle) -> RelatedArticle:
    return RelatedArticle(article.id, article.title, article.date, article.source)
