"""The policy definitions of a git ref, loaded as a catalogue to compare with the work tree.

``git archive REF policies`` is unpacked into a temporary folder and loaded with the same
loader as the work tree (sources are not re-checked: the ref was checked when it was made).
Names changed since (``FORMER_NAMES`` of ``core/severity.py``) are renamed here, and only
here. When the definition format changed otherwise since the ref, its definitions are loaded by
its own code (``generator/`` of the ref, run in a subprocess), so an old release stays comparable.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from generator.core.severity import FORMER_NAMES
from generator.errors import CompatError, DefinitionError


class PolicyRefError(CompatError):
    """A git ref whose definitions cannot be read; the message says how to fix it."""


def _git(repo: Path, *args: str, text: bool = True) -> str | bytes:
    try:
        done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=text, check=False)
    except FileNotFoundError:
        raise PolicyRefError("找不到 git：请安装 git", "git is not installed: install it") from None
    if done.returncode:
        detail = done.stderr.strip() if text else done.stderr.decode("utf-8", "replace").strip()
        raise PolicyRefError(f"git {' '.join(args)} 失败：{detail}", f"git {' '.join(args)} failed: {detail}")
    return done.stdout


def _is_commit(repo: Path, ref: str) -> bool:
    try:
        _git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except PolicyRefError:
        return False
    return True


def default_ref(repo: Path) -> str:
    """The last release tag reachable from HEAD, else ``origin/main``, else ``HEAD``."""
    try:
        tag = _git(repo, "describe", "--tags", "--abbrev=0", "HEAD").strip()
    except PolicyRefError:
        tag = ""
    if tag:
        return tag
    return "origin/main" if _is_commit(repo, "origin/main") else "HEAD"


def release_tags(repo: Path) -> list[tuple[str, str]]:
    """(tag, date YYYY-MM-DD) of every tag reachable from HEAD, oldest first."""
    try:
        listing = _git(repo, "tag", "--merged", "HEAD", "--sort=creatordate", "--format=%(refname:short) %(creatordate:short)")
    except PolicyRefError:
        return []
    return [tuple(line.split(" ", 1)) for line in listing.splitlines() if " " in line]


# Run in the ref's own tree: its loader reads its definitions, whatever the format is now.
_OWN_LOADER = (
    "import json, sys; from pathlib import Path; "
    "from generator.definitions import load_corpus; from generator.definitions.catalog import build_catalog; "
    "json.dump(build_catalog(load_corpus(Path(sys.argv[1]), check_sources=False)), sys.stdout, ensure_ascii=False)"
)


def _with_own_loader(repo: Path, ref: str, folder: str, temp: Path) -> dict | None:
    """The catalogue as the ref's own code builds it, or None when that code cannot (too old)."""
    try:
        archive = _git(repo, "archive", "--format=tar", ref, "--", "generator", text=False)
    except PolicyRefError:
        return None
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(temp, filter="data")
    env = {**os.environ, "PYTHONPATH": str(temp), "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(
        [sys.executable, "-c", _OWN_LOADER, str(temp / folder)], cwd=temp, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode:
        return None
    return json.loads(done.stdout)


_FORMER_SEVERITY = re.compile(rf"^([ \t]*(?:- )?severity:[ \t]*)({'|'.join(FORMER_NAMES)})[ \t]*$", re.MULTILINE)


def _in_current_names(tree: Path) -> None:
    """Rename what older definitions named differently, so that this version's loader reads them
    and an unchanged rule compares equal: a rule's severity ``requirement`` / ``advisory`` (before
    issue #24) is ``error`` / ``warning`` (``FORMER_NAMES``)."""
    for path in sorted(tree.glob("**/*.yaml")):
        text = path.read_text("utf-8")
        renamed = _FORMER_SEVERITY.sub(lambda found: found[1] + FORMER_NAMES[found[2]], text)
        if renamed != text:
            path.write_text(renamed, "utf-8")


def _current_rules(catalog: dict) -> dict:
    """A catalogue built by a ref's own loader, its rules' severities in current names."""
    for program in catalog.get("programs", {}).values():
        for rule in (*program.get("rules", []), *program.get("all_rules", [])):
            rule["severity"] = FORMER_NAMES.get(rule.get("severity"), rule.get("severity"))
    return catalog


def catalog_at(repo: Path, ref: str, folder: str = "policies") -> dict:
    """The catalogue built from ``folder`` as committed at ``ref``: by this version's loader, or,
    when the format changed since, by the loader committed at ``ref`` itself."""
    from generator.definitions import load_corpus
    from generator.definitions.catalog import build_catalog

    if not _is_commit(repo, ref):
        raise PolicyRefError(
            f"git 仓库 {repo} 中没有 {ref}：请先 git fetch（如 git fetch origin main --tags），或指定另一个提交",
            f"{ref} is not a commit in the git repository {repo}: git fetch it first (e.g. git fetch origin main --tags), or name another commit",
        )
    archive = _git(repo, "archive", "--format=tar", ref, "--", folder, text=False)
    with (
        tempfile.TemporaryDirectory(prefix="policy-diff-") as temp,
        tempfile.TemporaryDirectory(prefix="policy-diff-") as current,
    ):
        for where in (temp, current):
            with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
                tar.extractall(where, filter="data")
        _in_current_names(Path(current) / folder)
        try:
            return build_catalog(load_corpus(Path(current) / folder, check_sources=False))
        except DefinitionError as error:
            own = _with_own_loader(repo, ref, folder, Path(temp))  # its own names, in its own tree
            if own is not None:
                return _current_rules(own)
            raise PolicyRefError(
                f"{ref} 的政策定义无法读取（当前版本和 {ref} 自己的加载程序都不行）：{error}。请与格式变更之后的提交比较",
                f"the definitions at {ref} cannot be read, neither by this version nor by the loader committed at {ref}: {error}. Compare with a commit after the format change",
            ) from None
