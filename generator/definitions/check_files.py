"""``python -m generator.definitions.check_files FILE.yaml…``: check some documents alone.

For work on a few documents while others are unfinished: meta-schema and source fidelity
of the named files only (citations into other documents are not followed).
"""

import sys
from pathlib import Path

from generator.definitions._metaschema import check_against_metaschema
from generator.definitions._yaml import load_yaml
from generator.definitions.fidelity import source_problems
from generator.errors import DefinitionError


def main(paths: list[str]) -> int:
    by_source: dict[Path, list[dict]] = {}
    try:
        for name in paths:
            path = Path(name).resolve()
            data, lines = load_yaml(path)
            check_against_metaschema("document", data, lines, path)
            by_source.setdefault(path.parents[2] / "sources" / data["source"], []).append(data)
    except DefinitionError as error:
        print(error)
        return 2
    status = 0
    for source, documents in by_source.items():
        problems = source_problems(source.read_text("utf-8"), documents)
        for problem in problems:
            print(problem)
        status = status or (1 if problems else 0)
        print(f"{source.name}: {'ok' if not problems else f'{len(problems)} problems'}")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
