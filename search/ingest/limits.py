"""How much of one article is indexed: a body past the limit is cut at a paragraph end, and said so.

Without a limit one 50 MB text file took 1.7 GB to index, its page 18-32 s to build
(53 MB of HTML) and every search that showed it 0.6-3.9 s (issue 10). The longest
CLICK-ID article has 20,028 characters; ten times that is kept whole. Only a bounded
prefix of the source text is ever cleaned, so the work, and the memory, stay bounded
whatever the size of the file; a JSONL record, which has to be parsed whole, is
reported and skipped past ``MAX_RECORD_BYTES``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from search.ingest.model import Article
from search.ingest.records import PARAGRAPH_SEPARATOR

MAX_ARTICLE_CHARS = 200_000
# Source text cleaned per article: cleaning drops furniture and holes, so a little more
# than the limit is read, and what is cut there is never more than a paragraph.
RAW_TEXT_FACTOR = 2
# UTF-8 takes at most four bytes per character.
_UTF8_MAX_BYTES = 4
# A JSON record is parsed whole, at about ten times its size in memory (600 MiB peak for a
# 50 MB line, bench/huge_article.py), so a longer one is reported and skipped: at the
# default limit even a text written wholly in ``\uXXXX`` escapes takes 1.2 MB.
MAX_RECORD_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class ArticleLimit:
    """The most characters of body text indexed per article."""

    max_chars: int = MAX_ARTICLE_CHARS

    @property
    def raw_chars(self) -> int:
        """Characters of source text read and cleaned per article."""
        return self.max_chars * RAW_TEXT_FACTOR

    @property
    def raw_bytes(self) -> int:
        """Bytes of a text file read: enough for ``raw_chars`` characters of any UTF-8 text."""
        return self.raw_chars * _UTF8_MAX_BYTES


# What an index run applies unless told otherwise (`telusur index --max-article-chars`).
DEFAULT_LIMIT = ArticleLimit()

def raw_prefix(text: str, limit: ArticleLimit) -> tuple[str, bool]:
    """The source text to clean, cut after its last line break within the limit, and whether
    it was cut."""
    if len(text) <= limit.raw_chars:
        return text, False
    head = text[:limit.raw_chars]
    end = max(head.rfind("\n"), head.rfind(", "))
    return (head[:end] if end > 0 else head), True


def bounded(article: Article, limit: ArticleLimit, source_cut: bool = False, source_size: str = "") -> Article:
    """``article`` with its body cut at the last paragraph end within the limit, and a note
    saying so. When the source itself was cut (``source_cut``), its last paragraph may be
    partial and is dropped too; ``source_size`` says how big the source was."""
    paragraphs = article.body.split(PARAGRAPH_SEPARATOR)
    if source_cut and len(paragraphs) > 1:
        paragraphs.pop()
    kept: list[str] = []
    length = 0
    for paragraph in paragraphs:
        length += len(paragraph) + (len(PARAGRAPH_SEPARATOR) if kept else 0)
        if length > limit.max_chars:
            break
        kept.append(paragraph)
    if not kept:
        kept = [_cut_at_word(paragraphs[0], limit.max_chars)]
    body = PARAGRAPH_SEPARATOR.join(kept)
    if body == article.body and not source_cut:
        return article
    whole = f" of {source_size}" if source_size else ""
    note = (f"text{whole} longer than {limit.max_chars:,} characters: indexed the first {len(body):,} "
            f"({len(kept):,} paragraphs)")
    return replace(article, body=body, notes=(*article.notes, note))


def _cut_at_word(text: str, max_chars: int) -> str:
    """A paragraph longer than the whole limit, cut after its last space within it."""
    head = text[:max_chars]
    space = head.rfind(" ")
    return head[:space] if space > 0 else head
