"""The papers to file, generated from a checked application: layout data for web/papers.mjs."""

from generator.papers.layout import FormLayoutError, papers_layout

__all__ = ["FormLayoutError", "papers_layout"]
