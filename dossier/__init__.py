"""Dossier: German news articles into a source-linked knowledge base."""

__version__ = "0.1.0"
