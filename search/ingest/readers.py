"""Stream articles out of the source files, reporting what cannot be read.

Only a path the operator named and that cannot be used at all stops the run, and it
does so before anything is read; everything else (an undecodable page, a broken JSON
line, a truncated archive) becomes an :class:`IngestProblem` so one bad document
never costs the rest of the corpus.
"""

from __future__ import annotations

import gzip
import json
import logging
import os
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from search.errors import TelusurError
from search.ingest.discovery import SourceFile, find_sources, is_gzip, is_text_file, open_regular
from search.ingest.limits import DEFAULT_LIMIT, MAX_RECORD_BYTES, ArticleLimit, bounded, raw_prefix
from search.ingest.model import Article, IngestProblem
from search.ingest.records import TEXT_FIELDS, parse_record
from search.ingest.text_file import parse_text

logger = logging.getLogger(__name__)

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Python refuses to convert longer digit strings to int (CVE-2020-10735); such a number
# in a record is kept as its digits, as text, so the rest of the record still counts.
_MAX_INT_DIGITS = 4300
# What is read at a time while skipping the rest of a record past MAX_RECORD_BYTES.
_SKIP_BYTES = 1024 * 1024

ReadResult = Article | IngestProblem


@dataclass(frozen=True)
class UnparsedRecord:
    """A JSONL line read but not parsed yet (:meth:`parse`): JSON decoding and cleaning are
    most of reading's work, and the index workers do it beside the writer."""

    raw_line: bytes
    origin: str
    number: int
    limit: ArticleLimit

    def parse(self) -> ReadResult | None:
        """The line as an article or a problem; None for a blank line."""
        return _parse_line(self.raw_line, self.origin, self.number, self.limit)


class UndecodableTextError(TelusurError, ValueError):
    """Bytes that are not the text encoding they claim; carries where it broke."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.line = line


def decode_text(raw: bytes) -> str:
    """Text from a page's bytes: UTF-8 (BOM optional) or UTF-16 with a BOM.

    Raises :class:`UndecodableTextError` for binary files and invalid UTF-8, naming
    the offending byte so the operator can find it.
    """
    if raw.startswith(_UTF16_BOMS):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError as error:
            raise UndecodableTextError(f"not valid UTF-16 (byte offset {error.start})") from None
    else:
        if b"\x00" in raw:
            raise UndecodableTextError("binary file (contains NUL bytes)")
        body = raw.removeprefix(_UTF8_BOM)
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as error:
            offset = error.start + len(raw) - len(body)
            line = raw[:offset].count(b"\n") + 1
            raise UndecodableTextError(f"not valid UTF-8 (byte offset {offset})", line) from None
    if "\x00" in text:
        raise UndecodableTextError("binary file (contains NUL characters)")
    return text


def _read_text_file(source: SourceFile, limit: ArticleLimit) -> ReadResult:
    """One page; only as much of the file as the article limit can use is read."""
    origin = source.origin
    try:
        with open_regular(source.path) as handle:
            size = os.fstat(handle.fileno()).st_size
            raw = handle.read(limit.raw_bytes + 1)
        cut = len(raw) > limit.raw_bytes
        text, text_cut = raw_prefix(decode_text(_whole_characters(raw[:limit.raw_bytes]) if cut else raw), limit)
        article = parse_text(text, article_id=Path(origin).stem, origin=origin)
        return bounded(article, limit, source_cut=cut or text_cut, source_size=f"{size:,} bytes")
    except OSError as error:
        return IngestProblem(origin, None, f"cannot read: {error.strerror or error}")
    except UndecodableTextError as error:
        return IngestProblem(origin, error.line, str(error))
    except ValueError as error:
        return IngestProblem(origin, None, str(error))


def _whole_characters(raw: bytes) -> bytes:
    """A prefix of encoded text without the partial character a byte limit may have cut."""
    if raw.startswith(_UTF16_BOMS):
        return raw[:len(raw) - len(raw) % 2]
    start = len(raw) - 1
    while start > 0 and len(raw) - start < 4 and raw[start] & 0xC0 == 0x80:
        start -= 1
    lead = raw[start] if raw else 0
    needed = 1 if lead < 0xC0 else 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4
    return raw if len(raw) - start >= needed else raw[:start]


def _json_int(digits: str) -> int | str:
    return int(digits) if len(digits.lstrip("-")) <= _MAX_INT_DIGITS else digits


def _parse_line(raw_line: bytes, origin: str, number: int, limit: ArticleLimit) -> ReadResult | None:
    """One JSONL line as an article, a problem, or None for a blank line."""
    try:
        text = raw_line.decode("utf-8")
    except UnicodeDecodeError as error:
        return IngestProblem(origin, number, f"not valid UTF-8 (byte {error.start + 1} of the line)")
    text = text.removeprefix("\ufeff")
    if not text.strip():
        return None
    try:
        record = json.loads(text, parse_int=_json_int)
    except json.JSONDecodeError as error:
        return IngestProblem(origin, number, f"malformed JSON: {error.msg} (column {error.colno})")
    except RecursionError:
        return IngestProblem(origin, number, "malformed JSON: nested too deeply")
    if not isinstance(record, dict):
        return IngestProblem(origin, number, f"not a JSON object (got {type(record).__name__})")
    bounded_record, longest = _with_bounded_text(record, limit)
    try:
        article = parse_record(bounded_record, origin=origin, line=number)
    except ValueError as error:
        return IngestProblem(origin, number, str(error))
    return bounded(article, limit, source_cut=bounded_record is not record, source_size=f"{longest:,} characters")


def _with_bounded_text(record: Mapping[str, Any], limit: ArticleLimit) -> tuple[Mapping[str, Any], int]:
    """The record with its text fields cut to what the limit can use (the same record when
    none is longer), and the length of its longest text field."""
    texts = {name: record[name] for name in TEXT_FIELDS if isinstance(record.get(name), str)}
    longest = max(map(len, texts.values()), default=0)
    if longest <= limit.raw_chars:
        return record, longest
    return {**record, **{name: raw_prefix(text, limit)[0] for name, text in texts.items()}}, longest


def _record_lines(stream: BinaryIO | gzip.GzipFile) -> Iterator[bytes | None]:
    """The stream's lines, None for one longer than ``MAX_RECORD_BYTES`` (skipped, never held
    in memory whole)."""
    while line := stream.readline(MAX_RECORD_BYTES + 1):
        if len(line) <= MAX_RECORD_BYTES or line.endswith(b"\n"):
            yield line
            continue
        while (rest := stream.readline(_SKIP_BYTES)) and not rest.endswith(b"\n"):
            pass
        yield None


def _read_jsonl_file(source: SourceFile, limit: ArticleLimit) -> Iterator[IngestProblem | UnparsedRecord]:
    """Stream one JSONL file's lines; a broken archive ends the file where it broke, not the run."""
    origin = source.origin
    number = 0
    try:
        with open_regular(source.path) as raw, (gzip.open(raw) if is_gzip(source.path) else raw) as lines:
            for number, raw_line in enumerate(_record_lines(lines), start=1):
                if raw_line is None:
                    yield IngestProblem(origin, number, f"record longer than {MAX_RECORD_BYTES:,} bytes: skipped")
                    continue
                yield UnparsedRecord(raw_line, origin, number, limit)
    except (EOFError, gzip.BadGzipFile, zlib.error) as error:
        yield IngestProblem(origin, number + 1, f"truncated or corrupt gzip: {error}")
    except OSError as error:
        yield IngestProblem(origin, number + 1 if number else None, f"cannot read: {error.strerror or error}")


def _read_file(source: SourceFile, limit: ArticleLimit) -> Iterator[ReadResult | UnparsedRecord]:
    logger.debug("reading %s", source.origin)
    if is_text_file(source.path):
        yield _read_text_file(source, limit)
    else:
        yield from _read_jsonl_file(source, limit)


def read_sources(paths: Sequence[Path], *, follow_links: bool = False,
                 limit: ArticleLimit = DEFAULT_LIMIT) -> Iterator[Article | IngestProblem]:
    """Articles and problems from files and directories, streamed in a stable order; a body
    past ``limit`` is cut at a paragraph end and the article carries a note saying so.

    Raises :class:`SourceError` at once, before anything is read, when a named path is
    missing or of an unsupported type.
    """
    unparsed = read_unparsed_sources(paths, follow_links=follow_links, limit=limit)

    def parse_all() -> Iterator[Article | IngestProblem]:
        for item in unparsed:
            parsed = item.parse() if isinstance(item, UnparsedRecord) else item
            if parsed is not None:
                yield parsed

    return parse_all()


def read_unparsed_sources(paths: Sequence[Path], *, follow_links: bool = False,
                          limit: ArticleLimit = DEFAULT_LIMIT) -> Iterator[ReadResult | UnparsedRecord]:
    """:func:`read_sources` with each JSONL line left for its :meth:`UnparsedRecord.parse`,
    so another process can do the parsing; raises :class:`SourceError` as it does."""
    files, problems = find_sources([Path(path) for path in paths], follow_links=follow_links)

    def read_all() -> Iterator[ReadResult | UnparsedRecord]:
        yield from problems
        for source in files:
            yield from _read_file(source, limit)

    return read_all()


def count_items(paths: Sequence[Path], *, follow_links: bool = False) -> int:
    """How many articles ``read_sources`` will try to read (text files plus JSONL lines).

    A quick pre-pass that lets a progress bar show a total; unreadable files count as
    zero here and are reported properly by the real read.
    """
    total = 0
    for source in find_sources([Path(path) for path in paths], follow_links=follow_links)[0]:
        if is_text_file(source.path):
            total += 1
            continue
        try:
            with open_regular(source.path) as raw, (gzip.open(raw) if is_gzip(source.path) else raw) as lines:
                total += sum(1 for line in _record_lines(lines) if line is None or line.strip())
        except (OSError, EOFError, zlib.error):
            continue
    return total
