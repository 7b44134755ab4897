"""What a reader sees: the one ``<mark>`` highlighter (``highlight``), snippets, the article
page in parts (``article``), related articles, and the terminal's rendering of a snippet.
May import every stage before it."""
