"""How the site's build grows with the corpus: the real one, then 10× and 100× the programs.

A synthetic corpus is a copy of ``policies/`` in which every program is repeated under new
ids (``programs/cn-nm-hohhot/master-studio-copy-3.yaml`` with ``id`` to match); documents,
parts and jurisdictions stay as they are. Each size is built as ``make site`` builds it, in
a temporary folder laid out like the project (mkdocs.yml, overrides/, the hand-written
docs/, the corpus as policies/): ``policy-site pages`` then ``mkdocs build``, with the
generated ``mkdocs.site.yml`` when the pages step writes one. The browser bundle and the
service worker are left out: they do not depend on the number of programs.
"""

from __future__ import annotations

import io
import math
import os
import re
import resource
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from generator.definitions import load_corpus
from generator.errors import DefinitionError
from generator.site.pages import GENERATED

# The 100× size may build no more than this much slower (or larger) than a straight line
# through the two smaller sizes predicts before the growth counts as worse than linear.
LINEAR_TOLERANCE = 1.1
# What `policy-site pages` writes into docs/: the rest of docs/ is hand-written and copied.
GENERATED_NAMES = frozenset(name for base in GENERATED for name in (base, f"{base}.md", f"{base}.en.md"))
# What the build reads from the project root besides docs/ and policies/.
CONFIG_FILES = ("mkdocs.yml",)
CONFIG_FOLDERS = ("overrides", "hooks")
GENERATED_CONFIGS = ("mkdocs.site.yml",)
_ID_LINE = re.compile(r"^id:[ \t]*(\S+)[ \t]*$", re.MULTILINE)


class BuildBenchError(Exception):
    """A build step failed; the message carries its output and how to reproduce it."""


def copy_program(text: str, copy_number: int) -> str:
    """The program definition ``text`` with ``-copy-N`` appended to its top-level id."""
    match = _ID_LINE.search(text)
    if match is None:
        raise BuildBenchError("a program definition has no top-level `id:` line to rename; see policies/README.md")
    return f"{text[: match.start(1)]}{match.group(1)}-copy-{copy_number}{text[match.end(1) :]}"


def synthetic_corpus(source: Path, dest: Path, factor: int) -> int:
    """Copy ``source`` to ``dest`` with every program ``factor`` times; return the program count."""
    shutil.copytree(source, dest)
    programs = sorted((dest / "programs").glob("*/*.yaml"))
    for path in programs:
        text = path.read_text("utf-8")
        for number in range(1, factor):
            path.with_name(f"{path.stem}-copy-{number}.yaml").write_text(copy_program(text, number), "utf-8")
    return len(programs) * factor


def buildable_policies(root: Path, scratch: Path) -> tuple[Path, str, str | None]:
    """The working tree's ``policies/`` if it loads, else the last commit's.

    Returns the folder, which one it is ("working tree" or "last commit") and, for the
    latter, why the working tree was passed over. Others may be mid-edit: a corpus that
    does not load cannot be built at any size.
    """
    policies = root / "policies"
    try:
        load_corpus(policies, check_sources=False)
        return policies, "working tree", None
    except DefinitionError as error:
        problem = str(error).splitlines()[0]
    archive = subprocess.run(["git", "-C", str(root), "archive", "HEAD", "policies"], capture_output=True, check=False)
    if archive.returncode != 0:
        raise BuildBenchError(f"policies/ does not load ({problem}) and git archive failed: {archive.stderr.decode()}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(scratch / "head", filter="data")
    return scratch / "head" / "policies", "last commit", problem


def _run(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one command. CPU time hardly changes when others load the
    machine, so it tells a slow step from a busy machine."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    completed = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=environment, check=False)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if completed.returncode != 0:
        raise BuildBenchError(f"`{' '.join(command)}` failed ({completed.returncode}):\n{completed.stdout}\n{completed.stderr}")
    return seconds, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _workspace(root: Path, policies: Path, work: Path) -> None:
    """``work`` laid out like the project: config, theme overrides, hand-written docs, corpus."""
    work.mkdir(parents=True)
    for name in CONFIG_FILES:
        if (root / name).is_file():
            shutil.copy2(root / name, work / name)
    for name in CONFIG_FOLDERS:
        if (root / name).is_dir():
            shutil.copytree(root / name, work / name)
    top = root / "docs"
    shutil.copytree(
        top, work / "docs", ignore=lambda folder, names: GENERATED_NAMES & set(names) if Path(folder) == top else set()
    )
    shutil.copytree(policies, work / "policies")


def time_build(root: Path, policies: Path, work: Path, *, with_mkdocs: bool) -> dict[str, float]:
    """Wall and CPU seconds of the pages (and the mkdocs build) of ``policies``, built under ``work``."""
    _workspace(root, policies, work)
    bin_dir = Path(sys.executable).parent
    result: dict[str, float] = {}

    def step(name: str, command: list[str]) -> None:
        wall, cpu = _run(command, cwd=work)
        result[f"{name}_s"], result[f"{name}_cpu_s"] = round(wall, 3), round(cpu, 3)

    step("pages", [str(bin_dir / "policy-site"), "--policies", str(work / "policies"), "pages", "--out", str(work / "docs")])
    if with_mkdocs:
        # `make site` builds with the config the pages step generates (nav), if it writes one.
        config = next((name for name in GENERATED_CONFIGS if (work / name).is_file()), "mkdocs.yml")
        step("mkdocs", [str(bin_dir / "mkdocs"), "build", "--quiet", "-f", config])
        # `make site` then splits the search index by language (`policy-site search-index`).
        step("search", [str(bin_dir / "policy-site"), "search-index", str(work / "site")])
        # Every page carries the whole navigation: the output's size shows how that grows.
        result["site_bytes"] = sum(path.stat().st_size for path in (work / "site").rglob("*") if path.is_file())
    result["total_s"] = round(result["pages_s"] + result.get("mkdocs_s", 0.0) + result.get("search_s", 0.0), 3)
    result["total_cpu_s"] = round(result["pages_cpu_s"] + result.get("mkdocs_cpu_s", 0.0) + result.get("search_cpu_s", 0.0), 3)
    return result


def linearity(points: list[tuple[int, float]]) -> dict:
    """Whether build time (or any measure of a build) grows no faster than the programs.

    ``points`` are ``(programs, value)`` for three or more sizes, smallest first; the
    results are in the value's unit (``per_program``, ``fixed``, ``predicted_largest``). A line
    through the two smallest predicts the largest; ``superlinearity`` is measured/predicted
    (1 = linear, below 1 = a fixed cost dominating, well above 1 = worse than linear).
    ``exponent`` is the log-log slope between the two largest sizes (1 = proportional).
    """
    if len(points) < 3:
        raise ValueError("linearity needs at least three sizes")
    (n0, t0), (n1, t1), (n2, t2) = points[0], points[1], points[-1]
    slope = (t1 - t0) / (n1 - n0)
    predicted = t0 + slope * (n2 - n0)
    ratio = t2 / predicted if predicted > 0 else math.inf
    return {
        "per_program": round(slope, 5),
        "fixed": round(t0 - slope * n0, 3),
        "predicted_largest": round(predicted, 3),
        "superlinearity": round(ratio, 3),
        "exponent": round(math.log(t2 / t1) / math.log(n2 / n1), 3),
        "linear": ratio <= LINEAR_TOLERANCE,
    }


def measure(root: Path, factors: list[int], *, with_mkdocs: bool, repeats: int) -> dict:
    """Build time per corpus size (the fastest of ``repeats``), and the growth fit."""
    sizes = []
    with tempfile.TemporaryDirectory(prefix="bench-build-") as scratch_name:
        scratch = Path(scratch_name)
        policies, source, problem = buildable_policies(root, scratch)
        for factor in factors:
            corpus = scratch / f"policies-{factor}x"
            programs = synthetic_corpus(policies, corpus, factor)
            runs = []
            for attempt in range(repeats):
                work = scratch / f"build-{factor}x-{attempt}"
                runs.append(time_build(root, corpus, work, with_mkdocs=with_mkdocs))
                shutil.rmtree(work)
            best = min(runs, key=lambda run: run["total_s"])
            sizes.append({"factor": factor, "programs": programs, **best, "runs_total_s": [run["total_s"] for run in runs]})
    return {
        "corpus": source,
        "corpus_problem": problem,
        "with_mkdocs": with_mkdocs,
        "repeats": repeats,
        "sizes": sizes,
        "smallest_total_s": sizes[0]["total_s"],
        "smallest_total_cpu_s": sizes[0]["total_cpu_s"],
        "growth": linearity([(size["programs"], size["total_s"]) for size in sizes]),
        # Which step grows how: a superlinear total is one step's doing.
        "growth_by_step": {
            step: linearity([(size["programs"], size[step]) for size in sizes])
            for step in ("pages_s", "mkdocs_s", "total_cpu_s", "site_bytes")
            if step in sizes[0]
        },
    }
