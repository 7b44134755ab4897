"""One writer per index: a second ``telusur index`` must fail fast and say why."""

from __future__ import annotations

import errno
import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from search.errors import TelusurError

LOCK_NAME = "telusur.lock"


class IndexBusyError(TelusurError, RuntimeError):
    """Another process holds the index's write lock."""


@contextmanager
def write_lock(root: Path) -> Iterator[int | None]:
    """Hold the index's write lock; the kernel drops it if the process dies, so it never goes stale.

    A POSIX record lock (``lockf``), not ``flock``: it belongs to this process alone, so
    worker processes forked while it is held cannot keep it alive after we die.

    The file names the holder while it runs and is emptied when it finishes, so a pid
    found in it on taking the lock is a run that died: that pid is yielded (None when
    the last run finished), for the caller to say so and clean up after it.
    """
    root.mkdir(parents=True, exist_ok=True)
    path = root / LOCK_NAME
    with open(path, "a+", encoding="utf-8") as handle:
        try:
            fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno not in (errno.EAGAIN, errno.EACCES):
                raise
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise IndexBusyError(
                f"another `telusur index` (pid {holder}) is already writing {root}; "
                "wait for it to finish and try again"
            ) from None
        handle.seek(0)
        left = handle.read().strip()
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield int(left) if left.isdigit() else None
        finally:
            handle.seek(0)
            handle.truncate()
            handle.flush()
            fcntl.lockf(handle, fcntl.LOCK_UN)
