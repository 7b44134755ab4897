"""One article as its page shows it: found by id, split into paragraphs, every query match marked.

A snippet shows the best sentences; an article page shows everything, so here every
match is marked, through the highlighter snippets use (``search.query.present.highlight``).

A long body is shown in parts of about ``PART_CHARS`` characters, whole paragraphs
each, and only the part shown is marked and rendered: a 50 MB article indexed before
bodies were bounded took 18-32 s and 53 MB of HTML as one page (issue 10).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from whoosh.searching import Searcher

from search.index.documents import read_article
from search.query.expand.widened import widened_query
from search.query.live import IndexView
from search.query.present.highlight import highlight_all

# Paragraphs are separated by line breaks: blank lines in JSONL records, single ones in text files.
_PARAGRAPH_BREAK = re.compile(r"\s*\n\s*")
# Characters of body text per page: the longest CLICK-ID article (20,028) is one page.
PART_CHARS = 25_000


@dataclass(frozen=True)
class ArticlePage:
    """An article's stored fields ready for a page; ``title_html`` and ``paragraphs_html`` (those of
    part ``part`` of ``parts``) are escaped."""

    docnum: int
    id: str
    title: str
    title_html: str
    paragraphs_html: tuple[str, ...]
    date: dt.date | None
    time: str | None
    source: str | None
    url: str | None
    category: str | None
    language: str
    entities: dict[str, list[str]]
    part: int = 1
    parts: int = 1


def load_article(view: IndexView, article_id: str, query: str = "", prefix: bool = False,
                 part: int = 1) -> ArticlePage | None:
    """Part ``part`` (from 1; past the last, the last) of the article with ``article_id``, with the
    words of ``query`` marked (its open last word completed when ``prefix``); None when no such article."""
    searcher = view.searcher
    docnum = find_docnum(searcher, article_id)
    if docnum is None:
        return None
    article = read_article(searcher, docnum)
    terms = highlight_terms(view, query, prefix)
    analyzer = view.analysed
    pieces = split_parts(paragraphs(article.body))
    part = min(max(part, 1), len(pieces))
    return ArticlePage(
        docnum=docnum,
        id=article.id,
        title=article.title,
        title_html=highlight_all(article.title, analyzer, terms),
        paragraphs_html=tuple(highlight_all(text, analyzer, terms) for text in pieces[part - 1]),
        date=article.date,
        time=article.time,
        source=article.source,
        url=article.url,
        category=article.category,
        language=article.language,
        entities=dict(article.entities),
        part=part,
        parts=len(pieces),
    )


def highlight_terms(view: IndexView, query: str, prefix: bool = False) -> frozenset[str]:
    """The index terms a page should mark for ``query``: what its positive words match,
    the open last word's completions included, as the search found them."""
    if not query:
        return frozenset()
    return widened_query(view, query, prefix).compiled.highlight


def find_docnum(searcher: Searcher, article_id: str) -> int | None:
    """The live document number of ``article_id``; ids are unique in the index."""
    if not article_id:
        return None
    return searcher.document_number(id=article_id)


def paragraphs(body: str) -> list[str]:
    """The body's non-empty paragraphs, in order."""
    return [part for part in _PARAGRAPH_BREAK.split(body.strip()) if part]


def split_parts(texts: list[str], size: int = PART_CHARS) -> list[list[str]]:
    """Consecutive paragraphs grouped into parts of at most ``size`` characters (a longer
    paragraph is a part of its own); always at least one part."""
    parts: list[list[str]] = [[]]
    length = 0
    for text in texts:
        if parts[-1] and length + len(text) > size:
            parts.append([])
            length = 0
        parts[-1].append(text)
        length += len(text)
    return parts
