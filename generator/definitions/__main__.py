"""``python -m generator.definitions``: load and check every definition, print what is wrong."""

import sys

from generator.definitions import load_corpus
from generator.errors import DefinitionError

try:
    corpus = load_corpus()
except DefinitionError as error:
    print(error, file=sys.stderr)
    sys.exit(2)
print(f"ok: {len(corpus.documents)} documents, {len(corpus.programs)} programs")
