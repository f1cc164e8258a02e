"""The mutants ``make mutation`` runs, and the score it reports (issue 21).

``names N SEED``: a reproducible sample of N of every mutant mutmut makes of the files
``[tool.mutmut] only_mutate`` lists: the N whose names hash lowest (SHA-256 of
``SEED:name``). The names come from mutmut's own mutation of each file, as ``mutmut run``
names them, without writing ``mutants/``. A mutant's place in the order depends on its name
alone, so a change to one function changes the sample only where that function's mutants
were (a draw from the whole list would change it everywhere).

``score``: reads ``mutmut results --all true`` on stdin and prints the score overall and per
file group, (killed + timeout) / (killed + survived + timeout + suspicious), then each
mutant not killed.

Run from the repository's root (mutmut reads pyproject.toml there).
"""

from __future__ import annotations

import hashlib
import sys
from collections import Counter

from mutmut.mutation.file_mutation import mutate_file_contents
from mutmut.utils.file_utils import walk_mutatable_files
from mutmut.utils.format_utils import get_mutant_name

GROUPS = {"kinds/": "generator.core.kinds.", "engine.py": "generator.core.engine.", "inputs.py": "generator.core.inputs."}
DONE = ("killed", "timeout", "survived", "suspicious")


def all_names() -> list[str]:
    """Every mutant's name, as ``mutmut run`` and ``mutmut show`` take it."""
    return sorted(
        get_mutant_name(path, mutant)
        for path in walk_mutatable_files()
        for mutant in mutate_file_contents(str(path), path.read_text(encoding="utf-8")).mutant_names
    )


def sample(size: int, seed: int) -> list[str]:
    def rank(name: str) -> bytes:
        return hashlib.sha256(f"{seed}:{name}".encode()).digest()

    return sorted(sorted(all_names(), key=rank)[:size])


def score(lines: list[str]) -> str:
    status = dict(line.strip().rsplit(": ", 1) for line in lines if ": " in line)
    out = []
    for group, prefix in {"all": "", **GROUPS}.items():
        counts = Counter(s for name, s in status.items() if name.startswith(prefix))
        done = sum(counts[s] for s in DONE)
        killed = counts["killed"] + counts["timeout"]
        out.append(f"{group:10} {killed}/{done} killed ({100 * killed / max(done, 1):.1f}%)")
    out += [f"  {s}: {name}" for name, s in sorted(status.items()) if s not in ("killed", "timeout", "not checked")]
    return "\n".join(out)


if __name__ == "__main__":
    match sys.argv[1:]:
        case ["names", size, seed]:
            print("\n".join(sample(int(size), int(seed))))
        case ["score"]:
            print(score(sys.stdin.readlines()))
        case _:
            sys.exit("usage: python -m tests._mutation_sample names N SEED | score < (mutmut results --all true)")
