"""Scoring extracted facets against gold, the way the gold files say to score them.

Seed gold (``seed_entities.json``): each entity is a list of accepted names; required
entities count for recall, optional ones are ignored, any other extracted value is a
false positive, and a second value matching an already-matched entity is a false
positive too (the alias was not resolved).

NER gold (idner-news-2k): gold spans as written in one sentence; an extracted canonical
matches a span when the span resolves to it, when they are equal case and accents
aside, or (people) when every word of one is a word, or the initial of a word, of the
other (``Lavrov`` ~ ``Sergey Lavrov``, ``S Wiratmoko`` ~ ``Slamet Wiratmoko``). A span
with a parenthesis matches under either name (``Badan Pengawas Pemilu (Bawaslu)``), a
person pair (``Prabowo-Sandi``) counts as its two people, and the spans of a sentence that name one
entity (repeated, or resolving to one canonical: ``Joko Widodo (Jokowi)``) count once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from search.entities.normalize import fold_key, name_key
from search.facet_table import ENTITY_FACETS
from search.ingest.text_file import parse_text

FACETS = ENTITY_FACETS


@dataclass
class Counts:
    """True positives, false positives and false negatives of one facet."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def as_dict(self) -> dict[str, float]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 3),
                "recall": round(self.recall, 3), "f1": round(self.f1, 3)}


@dataclass
class SeedReport:
    """Micro-averaged counts per facet, errors per document, and entities seen under two values."""

    counts: dict[str, Counts] = field(default_factory=lambda: {facet: Counts() for facet in FACETS})
    errors: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    split_entities: dict[str, set[str]] = field(default_factory=dict)


def _entity_index(entities: Sequence[Sequence[str]]) -> dict[str, int]:
    return {fold_key(name): number for number, names in enumerate(entities) for name in names}


def score_facet(extracted: Sequence[str], required: Sequence[Sequence[str]],
                optional: Sequence[Sequence[str]]) -> tuple[Counts, list[str], dict[str, str]]:
    """Counts for one facet of one document, the wrong values, and value → gold entity matched."""
    required_index = _entity_index(required)
    optional_index = _entity_index(optional)
    counts = Counts()
    errors: list[str] = []
    matched: dict[str, str] = {}
    found: set[int] = set()
    for value in extracted:
        key = fold_key(value)
        if key in required_index:
            number = required_index[key]
            matched[value] = required[number][0]
            if number in found:
                counts.fp += 1
                errors.append(f"second value for {required[number][0]}: {value}")
            else:
                found.add(number)
                counts.tp += 1
        elif key not in optional_index:
            counts.fp += 1
            errors.append(f"extra: {value}")
    for number, names in enumerate(required):
        if number not in found:
            counts.fn += 1
            errors.append(f"missed: {names[0]}")
    return counts, errors, matched


def seed_texts(directory: Path, cleaned: bool) -> dict[str, str]:
    """File name → text of every seed: raw, or title + body as the indexer passes them."""
    texts = {}
    for path in sorted(directory.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        if cleaned:
            article = parse_text(raw, article_id=path.stem, origin=str(path))
            raw = f"{article.title}\n\n{article.body}"
        texts[path.name] = raw
    return texts


def score_seeds(extract: Callable[[str], Mapping[str, Sequence[str]]], texts: Mapping[str, str],
                gold: Mapping) -> SeedReport:
    """Score ``extract`` on the seed texts (file name → text) against the seed gold JSON."""
    report = SeedReport()
    values_of: dict[str, set[str]] = {}
    for name, doc_gold in gold["docs"].items():
        extracted = extract(texts[name])
        for facet in FACETS:
            facet_gold = doc_gold[facet]
            counts, errors, matched = score_facet(extracted[facet], facet_gold["required"],
                                                  facet_gold.get("optional", []))
            report.counts[facet].add(counts)
            if errors:
                report.errors.setdefault(name, {})[facet] = errors
            for value, entity in matched.items():
                values_of.setdefault(f"{facet}: {entity}", set()).add(value)
    report.split_entities = {entity: values for entity, values in values_of.items() if len(values) > 1}
    return report


_EDGE_PUNCTUATION = " ()[]\"'“”‘’.,;:"
_PARENTHESIS = re.compile(r"\s*\(([^()]*)\)")


def gold_forms(span: str, person: bool = False) -> list[list[str]]:
    """The forms a gold span may be matched under: ``Badan Pengawas Pemilu (Bawaslu)`` is
    either name, ``(Ahok)`` is ``Ahok``; a person pair ``Prabowo-Sandi`` is two people."""
    inside = [text.strip(_EDGE_PUNCTUATION) for text in _PARENTHESIS.findall(span)]
    outside = _PARENTHESIS.sub("", span).strip(_EDGE_PUNCTUATION)
    if person and not inside and " " not in outside and "-" in outside.strip("-"):
        return [[part] for part in outside.split("-") if part]
    return [[form for form in (outside, *inside) if form]]


def _words_match(one: str, other: str) -> bool:
    return one == other or (len(one) == 1 and other.startswith(one)) or (len(other) == 1 and one.startswith(other))


def _person_matches(value: str, span: str, resolve: Callable[[str], str | None]) -> bool:
    """Same person: same canonical, or every word of the shorter name in the longer one
    (``Lavrov`` ~ ``Sergey Lavrov``, ``S Wiratmoko`` ~ ``Slamet Wiratmoko``)."""
    if resolve(span) == value:
        return True
    value_key, span_key = name_key(value.split()), name_key(span.split())
    if not value_key or not span_key:
        return False
    shorter, longer = sorted((value_key, span_key), key=len)
    return all(any(_words_match(word, other) for other in longer) for word in shorter)


def _matches(value: str, forms: list[str], resolve: Callable[[str], str | None], person: bool) -> bool:
    return any(resolve(form) == value or fold_key(form) == fold_key(value)
               or (person and _person_matches(value, form, resolve)) for form in forms)


def match_spans(extracted: Iterable[str], spans: Iterable[str], resolve: Callable[[str], str | None],
                person: bool = False) -> Counts:
    """Counts for one sentence: each extracted value may match one gold span and vice versa.

    Gold spans naming one entity count once, as the extractor reports an entity once: a
    span repeated, two spans the canonicaliser resolves to one value (``Joko Widodo
    (Jokowi)``, ``Partai Golkar ... Golkar``), or for people a short mention of a longer
    name of the sentence (``Pak Zulkifli ... Zulkifli Hasan``, which the extractor joins).
    """
    remaining: list[list[str]] = []
    seen: set[str] = set()
    for span in sorted(spans, key=len, reverse=True) if person else spans:
        for forms in gold_forms(span, person):
            keys = {fold_key(resolve(form) or form) for form in forms}
            same_person = person and any(_person_matches(kept, form, resolve)
                                         for kept_forms in remaining for kept in kept_forms for form in forms)
            if not keys & seen and not same_person:
                seen.update(keys)
                remaining.append(forms)
    counts = Counts()
    for value in extracted:
        for position, forms in enumerate(remaining):
            if _matches(value, forms, resolve, person):
                del remaining[position]
                counts.tp += 1
                break
        else:
            counts.fp += 1
    counts.fn += len(remaining)
    return counts
