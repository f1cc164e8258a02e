"""A private copy of the built site to measure: others may rebuild site/ while the bench runs.

`make site` touches ``site/.built`` last, so a copy is whole when no file in it is newer
than that stamp; a copy caught mid-rebuild is thrown away and taken again.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

STAMP = ".built"
ATTEMPTS = 10
PAUSE_S = 10.0


class SiteSnapshotError(Exception):
    """No whole copy of the site could be taken; the message says what to do."""


def is_whole(copy: Path) -> bool:
    """True when the copy holds the validator bundle and nothing newer than its build stamp."""
    if not (copy / "assets" / "validator" / "manifest.json").is_file() or not (copy / "sw.js").is_file():
        return False
    stamp = copy / STAMP
    if not stamp.is_file():
        return True  # not built by make: nothing to compare with
    built = stamp.stat().st_mtime
    return all(path.stat().st_mtime <= built for path in copy.rglob("*") if path.is_file())


def snapshot(site: Path, dest: Path, *, attempts: int = ATTEMPTS, pause_s: float = PAUSE_S) -> Path:
    for _ in range(attempts):
        shutil.rmtree(dest, ignore_errors=True)
        try:
            # copy2 keeps modification times, which is_whole compares.
            shutil.copytree(site, dest, copy_function=shutil.copy2)
        except (shutil.Error, OSError):
            pass  # a file went away mid-copy: a build is running
        else:
            if is_whole(dest):
                return dest
        time.sleep(pause_s)
    raise SiteSnapshotError(
        f"{site} stayed incomplete or kept changing for {attempts} attempts: run `make site` and wait for it to finish"
    )
