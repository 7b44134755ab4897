"""Stylesheet and scripts of the web app."""
