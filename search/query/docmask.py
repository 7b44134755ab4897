"""Let Whoosh's collectors filter by a numpy mask without building a Python set of docnums."""

from __future__ import annotations

import numpy as np
from whoosh.idsets import DocIdSet


class MaskDocSet(DocIdSet):
    """A read-only DocIdSet over a boolean array indexed by global document number."""

    def __init__(self, mask: np.ndarray) -> None:
        self.mask = mask
        self.size = int(mask.sum())

    def __contains__(self, docnum: int) -> bool:
        return bool(self.mask[docnum])

    def __len__(self) -> int:
        return self.size

    def __bool__(self) -> bool:
        return True

    def __iter__(self):
        return iter(np.flatnonzero(self.mask).tolist())
