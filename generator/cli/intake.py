"""A bureau's intake: many application files checked against one program in one run.

Directories are walked for ``*.json``. A file that cannot be read or parsed is a row with its
reason, never an abort. The program's schema is compiled once per process, and the files are
checked in parallel across cores: each worker process gets the catalogue once, at start.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from generator.core import check, parse_application
from generator.core.compiled import compile_program
from generator.core.findings import Result
from generator.core.pointers import split_pointer
from generator.errors import UnusableInputError

APPLICANT = "/unit/name"  # every program's form names the applying unit here (a test holds every schema to it)
# Below this many files a pool costs more (process start) than it saves: they are checked in this process.
PARALLEL_FROM = 32
NO_ERRORS, ERRORS, UNUSABLE = "no-errors", "errors", "unusable"  # the first two: the core verdict's status


@dataclass(frozen=True)
class Row:
    """One file of the intake: its findings, or why it could not be checked."""

    file: str
    applicant: str | None = None
    result: Result | None = None
    reason: dict[str, str] | None = None  # {zh, en}: why the file could not be checked

    @property
    def verdict(self) -> str:
        return UNUSABLE if self.result is None else ERRORS if self.result.has_errors else NO_ERRORS

    @property
    def counts(self) -> dict[str, int] | None:
        return None if self.result is None else self.result.counts()


@dataclass(frozen=True)
class Intake:
    program: str
    as_of: str
    rows: list[Row]

    def tally(self) -> dict[str, int]:
        verdicts = [row.verdict for row in self.rows]
        return {"files": len(verdicts), **{name: verdicts.count(name) for name in (NO_ERRORS, ERRORS, UNUSABLE)}}

    @property
    def exit_code(self) -> int:
        """2 only if no file could be checked; 1 if any has errors or could not be checked; else 0."""
        tally = self.tally()
        if tally[UNUSABLE] == tally["files"]:
            return 2
        return 1 if tally[ERRORS] or tally[UNUSABLE] else 0


def files_in(paths: list[Path]) -> list[Path]:
    """The files named, and every ``*.json`` under the directories named, in a stable order."""
    found: list[Path] = []
    for path in paths:
        found.extend(sorted(p for p in path.rglob("*") if _is_application(p)) if path.is_dir() else [path])
    return list(dict.fromkeys(found))


def _is_application(path: Path) -> bool:
    """A ``.json`` file in any letter case (``A.JSON`` too); a broken link counts, so that its row says it cannot be read."""
    return path.suffix.lower() == ".json" and (path.is_file() or (path.is_symlink() and not path.exists()))


def read_application(path: Path) -> dict:
    """The parsed application in ``path``, or UnusableInputError saying why it cannot be."""
    try:
        data = sys.stdin.buffer.read() if str(path) == "-" else path.read_bytes()
    except OSError as error:
        raise UnusableInputError(f"无法读取文件（{error.strerror}）", f"Cannot read the file ({error.strerror})") from None
    return parse_application(data)


def _applicant(application: dict) -> str | None:
    node: object = application
    for token in split_pointer(APPLICANT):
        node = node.get(token) if isinstance(node, dict) else None
    return node if isinstance(node, str) else None


class _Checker:
    """The catalogue and one program compiled once: what every file of the intake is checked with."""

    def __init__(self, catalog: dict, program: str, as_of: str):
        self.catalog, self.program, self.as_of = catalog, program, as_of
        self.compiled = compile_program(catalog, program)

    def row(self, path: Path) -> Row:
        try:
            application = read_application(path)
        except UnusableInputError as error:
            return Row(str(path), reason=error.bilingual())
        result = check(self.catalog, self.program, application, as_of=self.as_of, compiled=self.compiled)
        return Row(str(path), _applicant(application), result)


_worker: _Checker | None = None  # the checker of this worker process, built once by _start_worker


def _start_worker(catalog: dict, program: str, as_of: str) -> None:
    global _worker  # one checker per worker process is the point
    _worker = _Checker(catalog, program, as_of)


def _row_in_worker(path: Path) -> Row:
    return _worker.row(path)


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _start_method() -> multiprocessing.context.BaseContext:
    """fork where it is safe: the workers inherit the catalogue instead of unpickling it. A process
    running threads (a test session's server) must not fork; its workers come from a fork server."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def check_intake(catalog: dict, program: str, paths: list[Path], *, as_of: str, jobs: int | None = None) -> Intake:
    """Every file under ``paths`` checked against ``program``, one row each, in the order found."""
    files = files_in(paths)
    jobs = default_jobs() if jobs is None else jobs
    if jobs <= 1 or len(files) < PARALLEL_FROM:
        checker = _Checker(catalog, program, as_of)
        return Intake(program, as_of, [checker.row(path) for path in files])
    context = _start_method()
    workers = min(jobs, len(files))
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(catalog, program, as_of)) as pool:
        rows = list(pool.map(_row_in_worker, files, chunksize=max(1, len(files) // (workers * 8))))
    return Intake(program, as_of, rows)
