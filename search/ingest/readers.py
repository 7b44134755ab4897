"""Walk the sources and stream articles out of them, reporting what cannot be read.

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
from collections.abc import Iterator, Sequence
from pathlib import Path

from search.ingest.errors import SourceError
from search.ingest.model import Article, IngestProblem
from search.ingest.records import parse_record
from search.ingest.text_file import parse_text

logger = logging.getLogger(__name__)

TEXT_SUFFIX = ".txt"
JSONL_SUFFIX = ".jsonl"
GZIP_JSONL_SUFFIX = ".jsonl.gz"
SUPPORTED_SUFFIXES = (TEXT_SUFFIX, JSONL_SUFFIX, GZIP_JSONL_SUFFIX)

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

ReadResult = Article | IngestProblem


class UndecodableTextError(ValueError):
    """Bytes that are not the text encoding they claim; carries where it broke."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.line = line


def _is_supported(path: Path) -> bool:
    return path.name.lower().endswith(SUPPORTED_SUFFIXES)


def _warn_unwalkable(error: OSError) -> None:
    logger.warning("cannot list %s: %s", error.filename, error.strerror or error)


def _files_under(directory: Path) -> list[Path]:
    """Supported files below ``directory``, sorted by relative path so runs are reproducible."""
    found = [
        Path(root) / name
        for root, _subdirectories, files in os.walk(directory, onerror=_warn_unwalkable)
        for name in files
        if _is_supported(Path(name))
    ]
    return sorted(found, key=lambda path: path.relative_to(directory).parts)


def _source_files(paths: Sequence[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = _files_under(path)
            if not found:
                logger.warning("no %s files under %s", "/".join(SUPPORTED_SUFFIXES), path)
            files.extend(found)
        elif not path.exists():
            raise SourceError(f"{path}: no such file or directory")
        elif not _is_supported(path):
            raise SourceError(f"{path}: unsupported file type (expected {', '.join(SUPPORTED_SUFFIXES)})")
        else:
            files.append(path)
    return files


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


def _read_text_file(path: Path) -> ReadResult:
    origin = str(path)
    try:
        text = decode_text(path.read_bytes())
        return parse_text(text, article_id=path.stem, origin=origin)
    except OSError as error:
        return IngestProblem(origin, None, f"cannot read: {error.strerror or error}")
    except UndecodableTextError as error:
        return IngestProblem(origin, error.line, str(error))
    except ValueError as error:
        return IngestProblem(origin, None, str(error))


def _parse_line(raw_line: bytes, origin: str, number: int) -> ReadResult | None:
    """One JSONL line as an article, a problem, or None for a blank line."""
    try:
        text = raw_line.decode("utf-8")
    except UnicodeDecodeError as error:
        return IngestProblem(origin, number, f"not valid UTF-8 (byte {error.start + 1} of the line)")
    text = text.removeprefix("\ufeff")
    if not text.strip():
        return None
    try:
        record = json.loads(text)
    except json.JSONDecodeError as error:
        return IngestProblem(origin, number, f"malformed JSON: {error.msg} (column {error.colno})")
    except RecursionError:
        return IngestProblem(origin, number, "malformed JSON: nested too deeply")
    if not isinstance(record, dict):
        return IngestProblem(origin, number, f"not a JSON object (got {type(record).__name__})")
    try:
        return parse_record(record, origin=origin, line=number)
    except ValueError as error:
        return IngestProblem(origin, number, str(error))


def _read_jsonl_file(path: Path) -> Iterator[ReadResult]:
    """Stream one JSONL file; a broken archive ends the file where it broke, not the run."""
    origin = str(path)
    number = 0
    opener = gzip.open if path.name.lower().endswith(GZIP_JSONL_SUFFIX) else open
    try:
        with opener(path, "rb") as lines:
            for number, raw_line in enumerate(lines, start=1):
                result = _parse_line(raw_line, origin, number)
                if result is not None:
                    yield result
    except (EOFError, gzip.BadGzipFile, zlib.error) as error:
        yield IngestProblem(origin, number + 1, f"truncated or corrupt gzip: {error}")
    except OSError as error:
        yield IngestProblem(origin, number + 1 if number else None, f"cannot read: {error.strerror or error}")


def _read_file(path: Path) -> Iterator[ReadResult]:
    logger.debug("reading %s", path)
    if path.name.lower().endswith(TEXT_SUFFIX):
        yield _read_text_file(path)
    else:
        yield from _read_jsonl_file(path)


def _read_all(files: list[Path]) -> Iterator[ReadResult]:
    for path in files:
        yield from _read_file(path)


def read_sources(paths: Sequence[Path]) -> Iterator[Article | IngestProblem]:
    """Articles and problems from files and directories, streamed in a stable order.

    Raises :class:`SourceError` at once, before anything is read, when a named path is
    missing or of an unsupported type.
    """
    return _read_all(_source_files([Path(path) for path in paths]))


def count_items(paths: Sequence[Path]) -> int:
    """How many articles ``read_sources`` will try to read (text files plus JSONL lines).

    A quick pre-pass that lets a progress bar show a total; unreadable files count as
    zero here and are reported properly by the real read.
    """
    total = 0
    for path in _source_files([Path(path) for path in paths]):
        if path.name.lower().endswith(TEXT_SUFFIX):
            total += 1
            continue
        opener = gzip.open if path.name.lower().endswith(GZIP_JSONL_SUFFIX) else open
        try:
            with opener(path, "rb") as lines:
                total += sum(1 for line in lines if line.strip())
        except (OSError, EOFError, zlib.error):
            continue
    return total
