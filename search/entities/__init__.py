"""Entity facets: the people, countries, organizations and provinces an Indonesian news article mentions.

``extract_entities(text)`` is the one entry point; everything it returns is a canonical
name, so a facet value collects every article about its entity whatever spelling each used.
"""

from search.entities.extract import extract_entities, with_dateline_region

__all__ = ["extract_entities", "with_dateline_region"]
