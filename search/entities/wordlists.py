"""Lists and tables shipped in ``data/`` (``#`` starts a comment line), each read once."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("data")


def rows(name: str, columns: int) -> Iterator[list[str]]:
    """The tab-separated rows of ``data/<name>``, padded with empty strings to ``columns`` fields."""
    with (DATA / name).open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#") or not line.strip():
                continue
            fields = [field.strip() for field in line.rstrip("\n").split("\t")]
            yield (fields + [""] * columns)[:columns]


def split_list(field: str) -> list[str]:
    """The ``;``-separated items of a table field."""
    return [item.strip() for item in field.split(";") if item.strip()]


@cache
def word_set(name: str) -> frozenset[str]:
    """The lower-cased words of ``data/<name>`` (several a line)."""
    return frozenset(word.lower() for (line,) in rows(name, 1) for word in line.split())


def given_names() -> frozenset[str]:
    """Given names (and East Asian family names) that mark a capitalised run as a person's name."""
    return word_set("first_names.txt")


def english_words() -> frozenset[str]:
    """English title words that mark a capitalised run as a product, show, place or company."""
    return word_set("english_words.txt")


def common_acronyms() -> frozenset[str]:
    """Capitals (lower-cased) that name no organization: ``wib``, ``ktp``, ``apbn``."""
    return word_set("common_acronyms.txt")


def write_table(path: Path, header: str, rows: Iterable[Sequence[object]]) -> int:
    """Write a generated table: its ``#`` header (where it comes from), then one tab-separated
    row a line; returns the number of rows."""
    count = 0
    with path.open("w", encoding="utf-8") as out:
        out.write(header)
        for row in rows:
            out.write("\t".join(str(field) for field in row) + "\n")
            count += 1
    return count
