"""Jinja2 templates of the web app, installed as the data package ``web.templates``."""
