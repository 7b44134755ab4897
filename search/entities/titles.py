"""Academic degrees, professional titles and military branches written around a name.

Indonesian news writes a person's degrees after the name and titles before it
(``Dr dr Agus Dwi Susanto SpP``, ``Alfath Hanifah SPsi MPsi``, ``Kolonel Inf Aulia``):
none of them is ever part of the name, so a run of name words stops at them.
"""

from __future__ import annotations

import re

# Degrees have a capital after the first letter, which no name has: ``SKom``, ``MPsi``,
# ``MBiomed``, ``BSc`` (a bachelor, master or bachelor-of-science initial and its field),
# and the medical specialists ``Sp``, ``SpA``, ``SpOG``, ``SpKJ``.
_DEGREE = re.compile(r"[SMB](?:[A-Z]+[a-z]+)+|Sp(?:[A-Z][A-Za-z]*)?")
# Titles and degrees written in ordinary capitalisation.
_TITLE_WORDS = frozenset("phd drh drg dr drs dra ir apt amd ners".split())
# Branches (``Kolonel Inf``, ``Letkol Czi``, ``Mayor Pnb``) that follow a military rank.
BRANCH_WORDS = frozenset("inf kav arh czi cpm cba chb ckm cku caj ctp cpl pnb psk".split())


def is_title_word(word: str) -> bool:
    """A degree, title or military branch: never part of a person's name."""
    lower = word.lower()
    return lower in _TITLE_WORDS or lower in BRANCH_WORDS or _DEGREE.fullmatch(word) is not None
