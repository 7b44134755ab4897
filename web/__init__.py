"""The Flask web app: search page and JSON API over the shared query engine."""
