"""The order of the hits: vectorised BM25F with the same scores as Whoosh (``bm25f``), the
re-rank of words standing together and in the lead (``proximity``), and the answer-type
re-rank of questions (``answer_*``). Imports ``match`` and ``parse``."""
