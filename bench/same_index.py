"""Whether two Telusur index roots hold the same index, file by file: a build change that
should not change what is indexed (a faster writer, work moved between processes) is
checked with it on a real corpus.

    .venv/bin/python -m bench.same_index ROOT_A ROOT_B

Compares each live generation's segments in order, every file inside a segment by its
kind (postings, terms, stored fields, lengths, columns; the segments' random ids and the
table of contents, which names them and the time, left out), the stems table and the saved
arrays, and prints the SHA-1 of each that differs; exit status 1 when any does.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

from search.index.store import current_generation, open_generation


def index_digests(root: Path) -> dict[str, str]:
    """SHA-1 of every compared part of the live generation of ``root``, by a name that does
    not depend on random ids: ``<segment place>.<file kind>``, ``stems.tsv``, ``arrays/<file>``."""
    generation = current_generation(root)
    if generation is None:
        sys.exit(f"no index at {root}")
    index = open_generation(generation)
    digests: dict[str, str] = {}
    try:
        with index.reader() as reader:
            for place, (leaf, _) in enumerate(reader.leaf_readers()):
                segment = leaf.segment()
                storage = segment.open_compound_file(index.storage) if segment.is_compound() else index.storage
                prefix = f"{segment.segment_id()}."  # the segment id names the index too
                for name in storage.list():
                    if name.startswith(prefix):
                        with storage.open_file(name) as part:
                            digests[f"{place}.{name[len(prefix):]}"] = hashlib.sha1(part.read()).hexdigest()
    finally:
        index.close()
    for path in [generation / "stems.tsv", *sorted(generation.glob("arrays-*/*"))]:
        digests[f"arrays/{path.name}" if path.parent != generation else path.name] = (
            hashlib.sha1(path.read_bytes()).hexdigest())
    return digests


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("first", type=Path)
    parser.add_argument("second", type=Path)
    args = parser.parse_args()
    first, second = index_digests(args.first), index_digests(args.second)
    different = sorted(name for name in first.keys() | second.keys() if first.get(name) != second.get(name))
    print(f"{len(first.keys() | second.keys()) - len(different)} parts identical")
    for name in different:
        print(f"DIFFERENT {name}: {first.get(name, 'absent')} {second.get(name, 'absent')}")
    sys.exit(1 if different else 0)


if __name__ == "__main__":
    main()
