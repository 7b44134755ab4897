"""Answer-type re-rank: a question's top BM25 hits reordered by where their answer would sit.

A question's class comes from its question word (``berapa`` asks for a number, ``kapan``
for a date...), which analysis drops as a stopword, so it is read from the raw text. Among
the BM25 top ``CANDIDATES``, a passage that puts a word of that type right beside the
question's words (see ``search.query.rank.answer_context``) is usually the one that answers it:

    final(d) = bm25(d) / bm25(top1) + weight · ctx(d)

Fitted on FacQA dev with the retired experiment ``bench/facqa.py --folds`` (passages built
as articles by hand; docs/ranking.md): MRR@10 0.8085 → 0.8283, 0.8265 with each class's
weight and τ fitted on the other of two folds grouped by passage. The product-path figure
is ``bench/relevance.py``'s FacQA row.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from whoosh.analysis import Analyzer

from search.analysis.analyzer import QueryTerm
from search.config import TUNING
from search.query.rank.answer_context import context, make_question
from search.query.rank.answer_tokens import AnswerClass, known_words
from search.query.rank.answer_windows import WINDOW_CHARS

# Hits re-ranked (``Tuning.answer_candidates`` says why so many).
CANDIDATES = TUNING.answer_candidates


@dataclass(frozen=True)
class Tuning:
    """How much an answer beside the question's words counts (``weight``), and how fast
    that fades with distance in positions (``tau``)."""

    weight: float
    tau: float


# Per answer class, from ``Tuning.answer_classes`` (fitted on FacQA dev).
CLASS_TUNING: dict[AnswerClass, Tuning] = {answer: Tuning(*TUNING.answer_classes[answer.value])
                                           for answer in AnswerClass}

_WORD = re.compile(r"[^\W_]+")
_DATE_QUESTIONS = frozenset({"kapan", "kapankah", "bilamana"})
_HOW_MANY = frozenset({"berapa", "berapakah"})
# ``tahun berapa`` asks for a year, not a count.
_DATE_HEADS = frozenset("tahun tanggal bulan abad hari pukul jam".split())
_WHO = frozenset({"siapa", "siapakah"})
_WHERE = frozenset(
    {"dimana", "dimanakah", "mana", "manakah", "kemana", "kemanakah", "darimana", "darimanakah"}
)
_WHAT = frozenset({"apa", "apakah"})
_NAME = "nama"


@dataclass(frozen=True)
class Candidate:
    """One first-stage hit with what the re-rank reads of it (stored fields)."""

    docnum: int
    score: float
    body: str
    people: Sequence[str] = ()
    countries: Sequence[str] = ()


def question_class(raw_query: str) -> AnswerClass | None:
    """The answer type a question asks for, from its question word; None for anything else."""
    words = [word.lower() for word in _WORD.findall(raw_query)]
    present = set(words)
    if present & _DATE_QUESTIONS:
        return AnswerClass.DATE
    if present & _HOW_MANY:
        at = next(index for index, word in enumerate(words) if word in _HOW_MANY)
        return AnswerClass.DATE if at and words[at - 1] in _DATE_HEADS else AnswerClass.NUM
    if present & _WHO:
        return AnswerClass.PERSON
    if present & _WHERE:
        return AnswerClass.PLACE
    if present & _WHAT and _NAME in present:
        return AnswerClass.NAME
    return None


def answer_contexts(hits: Sequence[Candidate], *, question: AnswerClass, terms: Sequence[QueryTerm],
                    analyzer: Analyzer, idf: Callable[[str], float], tau: float,
                    radius: int | None = WINDOW_CHARS) -> list[float]:
    """ctx of every hit (``search.query.rank.answer_context``), in the order given."""
    asked = make_question(question, terms, idf)
    if asked is None:
        return [0.0] * len(hits)
    return [context(asked, hit.body, known_words(question, hit.people, hit.countries), analyzer, tau, radius)
            for hit in hits]


def reorder(hits: Sequence[Candidate], contexts: Sequence[float], weight: float) -> list[Candidate]:
    """Hits by normalised BM25 plus ``weight`` times their context; ties keep the given order."""
    top = max((hit.score for hit in hits), default=0.0) or 1.0
    final = [hit.score / top + weight * ctx for hit, ctx in zip(hits, contexts, strict=True)]
    return [hits[index] for index in sorted(range(len(hits)), key=lambda index: -final[index])]


def rerank(hits: Sequence[Candidate], *, question: AnswerClass, terms: Sequence[QueryTerm],
           analyzer: Analyzer, idf: Callable[[str], float], tuning: Tuning | None = None,
           radius: int | None = WINDOW_CHARS) -> list[Candidate]:
    """``hits`` (BM25 order) reordered for a question of class ``question``.

    ``terms`` are the question's analysed words, ``analyzer`` the body field's, ``idf`` the
    index's idf of a body term; ``tuning`` defaults to the class's entry in ``CLASS_TUNING``.
    """
    tuning = tuning or CLASS_TUNING[question]
    contexts = answer_contexts(hits, question=question, terms=terms, analyzer=analyzer, idf=idf,
                               tau=tuning.tau, radius=radius)
    return reorder(hits, contexts, tuning.weight)
