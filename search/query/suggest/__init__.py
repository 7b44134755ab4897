"""What the reader may mean or type next: "did you mean" from the index's own words
(``spelling``) and autocomplete of entities and query words (``autocomplete``). May import
every stage before it."""
