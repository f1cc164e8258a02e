"""The machine the figures were measured on: without it a time means nothing."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
from pathlib import Path


def cpu_model(cpuinfo: str) -> str:
    """The first ``model name`` (x86) or ``Model``/``Hardware`` (arm) line of /proc/cpuinfo."""
    for key in ("model name", "Model", "Hardware"):
        for line in cpuinfo.splitlines():
            name, _, value = line.partition(":")
            if name.strip() == key and value.strip():
                return value.strip()
    return "unknown"


def memory_gib(meminfo: str) -> float | None:
    """``MemTotal`` of /proc/meminfo in GiB."""
    for line in meminfo.splitlines():
        if line.startswith("MemTotal:"):
            kib = int(line.split()[1])
            return round(kib / 1024**2, 1)
    return None


def _read(path: str) -> str:
    try:
        return Path(path).read_text("utf-8")
    except OSError:
        return ""


def _pyodide_version(root: Path) -> str | None:
    try:
        return json.loads((root / "web" / "node_modules" / "pyodide" / "package.json").read_text("utf-8"))["version"]
    except (OSError, KeyError, ValueError):
        return None


def describe(root: Path) -> dict:
    """Cores, memory, CPU, versions, date and load; Chromium's version is added by the browser run."""
    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "cores": os.cpu_count(),
        "memory_gib": memory_gib(_read("/proc/meminfo")),
        "cpu_model": cpu_model(_read("/proc/cpuinfo")),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "pyodide": _pyodide_version(root),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }
