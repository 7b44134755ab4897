"""Typed words widened with the index's vocabulary before matching: the open last word to
the words it begins (``prefix``), a rare word to its nearest spellings (``typos``), both
drawn from the words articles use (``vocabulary``, read once per index version), and the
query as the engine searches it (``widened``). Imports ``match``, ``parse``, ``rank`` and
``facets``."""
