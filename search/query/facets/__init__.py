"""Facets over the matched documents: per index version, every facet as flat arrays
(``read``, ``column``), the documents a search keeps and each facet's disjunctive counts
(``counting``), the values listed (``listing``) and found by their words (``value_words``).
Imports ``match`` and ``parse``."""
