"""Indonesian text analysis for Whoosh: words, stopwords, stemmers and the analyzer.

``tokens`` finds words and tells names from ordinary words, ``stopwords`` holds
the function words, ``stemmers`` the swappable stemmers, and ``analyzer``
composes them into the Whoosh analyzer plus its query-side twin
``query_terms``.
"""
