"""Query text to a query: the query language's tree (``syntax``, never an exception), the
tree to a Whoosh query with the index's own analysis (``compile``), and names in the query
to the entity facet they stand for (``entity_terms``). Reads the index only for document
frequencies (``match``)."""
