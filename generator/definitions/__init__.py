"""Loading and checking the policy definitions under ``policies/``."""

from generator.definitions.load import Corpus, load_corpus

__all__ = ["Corpus", "load_corpus"]
