"""The policy definitions of a git ref, loaded as a catalogue to compare with the work tree.

``git archive REF policies`` is unpacked into a temporary folder and loaded with the same
loader as the work tree (sources are not re-checked: the ref was checked when it was made).
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from pathlib import Path

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


def catalog_at(repo: Path, ref: str, folder: str = "policies") -> dict:
    """The catalogue built from ``folder`` as committed at ``ref``."""
    from generator.definitions import load_corpus
    from generator.definitions.catalog import build_catalog

    if not _is_commit(repo, ref):
        raise PolicyRefError(
            f"git 仓库 {repo} 中没有 {ref}：请先 git fetch（如 git fetch origin main --tags），或指定另一个提交",
            f"{ref} is not a commit in the git repository {repo}: git fetch it first (e.g. git fetch origin main --tags), or name another commit",
        )
    archive = _git(repo, "archive", "--format=tar", ref, "--", folder, text=False)
    with tempfile.TemporaryDirectory(prefix="policy-diff-") as temp:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(temp, filter="data")
        try:
            return build_catalog(load_corpus(Path(temp) / folder, check_sources=False))
        except DefinitionError as error:
            raise PolicyRefError(
                f"{ref} 的政策定义无法用当前版本读取（格式可能已变化）：{error}。请与格式变更之后的提交比较",
                f"the definitions at {ref} cannot be read by this version (the format may have changed): {error}. Compare with a commit after the format change",
            ) from None
