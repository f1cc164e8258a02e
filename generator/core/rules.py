"""The rule-kind vocabulary, kept importable under its first name.

Each kind is one record in ``generator.core.kinds`` (its check, parameters, summary and
boundary cases); this module re-exports what the engine and the tests use.
"""

from __future__ import annotations

from generator.core.kinds import (
    KINDS,
    Message,
    Undecided,
    condition_holds,
    locate_pointers,
    read_pointers,
    run_check,
)

__all__ = ["KINDS", "Message", "Undecided", "condition_holds", "locate_pointers", "read_pointers", "run_check"]
