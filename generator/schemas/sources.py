"""Where the schemas to compare come from: a folder, a git ref, or the definitions now."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from generator.errors import CompatError
from generator.schemas.write import SUFFIX


def _program_id(relative: str) -> str:
    return relative.removesuffix(SUFFIX)


def _parse(text: str, where: str) -> dict:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise CompatError(f"{where} 不是有效的 JSON：{error}", f"{where} is not valid JSON: {error}") from None


def schemas_in_dir(folder: Path) -> dict[str, dict]:
    """The schemas of a folder laid out like ``schemas/``: ``<jurisdiction>/<name>.schema.json``."""
    if not folder.is_dir():
        raise CompatError(
            f"找不到目录 {folder}：--base-dir 应指向旧版的 schemas/ 目录",
            f"No folder {folder}: --base-dir takes an old copy of schemas/",
        )
    return {
        _program_id(path.relative_to(folder).as_posix()): _parse(path.read_text("utf-8"), str(path))
        for path in sorted(folder.glob(f"*/*{SUFFIX}"))
    }


def git(repo: Path, *args: str) -> str:
    """The output of a git command in ``repo``; a CompatError saying what failed otherwise."""
    try:
        done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, encoding="utf-8", check=False)
    except FileNotFoundError:
        raise CompatError(
            "找不到 git：请安装 git，或改用 --base-dir", "git is not installed: install it, or use --base-dir"
        ) from None
    if done.returncode:
        detail = done.stderr.strip()
        raise CompatError(f"git {' '.join(args)} 失败：{detail}", f"git {' '.join(args)} failed: {detail}")
    return done.stdout


def schemas_at_ref(repo: Path, ref: str, folder: str = "schemas") -> dict[str, dict]:
    """The schemas committed under ``folder`` at a git ref (read with ``git show REF:path``)."""
    try:
        git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except CompatError:
        raise CompatError(
            f"git 仓库 {repo} 中没有 {ref}：请先 git fetch（如 git fetch origin main），或用 --base-ref HEAD",
            f"{ref} is not a commit in the git repository {repo}: git fetch it first (e.g. git fetch origin main), or use --base-ref HEAD",
        ) from None
    names = git(repo, "ls-tree", "-r", "-z", "--full-tree", "--name-only", ref, "--", f"{folder}/").split("\0")
    prefix = f"{folder}/"
    return {
        _program_id(name.removeprefix(prefix)): _parse(git(repo, "show", f"{ref}:{name}"), f"{ref}:{name}")
        for name in sorted(names)
        if name.endswith(SUFFIX) and name.count("/") == 2
    }


def generated_schemas(catalog: dict) -> dict[str, dict]:
    """The schemas the definitions give now (what ``make schemas`` would write)."""
    from generator.core.schema import application_schema

    return {program: application_schema(catalog, program) for program in catalog["programs"]}
