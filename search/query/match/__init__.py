"""Which documents a query matches, without scoring: postings read a block at a time
(``postings``, the one reader of Whoosh's codec internals, with the pinned release
asserted), phrases and proximity groups matched from positions (``phrases``, ``near``) and whole queries as document
masks (``masks``). Imports no other stage."""
