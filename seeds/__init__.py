"""The five seed articles, the default corpus; installed as the data package ``search.seeds``."""
