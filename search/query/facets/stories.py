"""A search's matches folded to one article per story.

Which articles are copies of each other is worked out per commit from the stored
fingerprints (``search.index.stories``) and saved with the commit's arrays; an index
view holds that array (``StoryGroups``) and folds each search's matches with it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Folded:
    """A search's matches folded to stories: ``kept`` holds each story's first article in the
    search's order (and every article in no story); ``copies`` gives a kept article's other matches."""

    kept: np.ndarray
    stories: int
    story: np.ndarray
    # The matching articles that are in a story, by story then in the search's order.
    members: np.ndarray
    member_story: np.ndarray

    def copies(self, docnum: int) -> list[int]:
        """The other matching articles of ``docnum``'s story, in the search's order."""
        group = self.story[docnum]
        if group < 0:
            return []
        first, last = np.searchsorted(self.member_story, [group, group + 1])
        return [int(other) for other in self.members[first:last] if other != docnum]


class StoryGroups:
    """Which live documents of an index version are one story (``story[docnum]``: the least
    document number of its group, -1 when the article has no copy: ``search.index.stories``)."""

    def __init__(self, story: np.ndarray) -> None:
        self.story = story
        self.story.flags.writeable = False
        self.grouped = self.story >= 0

    def fold(self, matched: np.ndarray, rank: np.ndarray) -> Folded:
        """``matched`` with each story's best article kept: the highest ``rank``, ties by the
        lower document number (the order every listing of a search breaks ties in)."""
        members = np.flatnonzero(matched & self.grouped)
        group_of = self.story[members]
        order = np.lexsort((members, -rank[members], group_of))
        members, group_of = members[order], group_of[order]
        first = np.concatenate(([True], group_of[1:] != group_of[:-1]))[:len(members)]
        kept = matched.copy()
        kept[members[~first]] = False
        return Folded(kept, int(np.count_nonzero(kept)), self.story, members, group_of)
