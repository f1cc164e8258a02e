"""Severity: the one vocabulary of findings, and the one place a rule's basis maps to it.

A finding is an ``error`` (the application is refused as it stands), a ``warning`` (vague
text such as 左右, 原则上, 一般应: a figure that is not a hard line) or ``review`` (a person
must judge, or the data cannot decide). In the definitions a rule states its *basis*, what
its article's words are: a ``requirement``, ``advisory`` or for ``review``; ``of_rule`` is the
only translation between the two.
"""

from __future__ import annotations

ERROR, WARNING, REVIEW = "error", "warning", "review"
SEVERITIES = (ERROR, WARNING, REVIEW)  # also the order the findings are listed in

_OF_BASIS = {"requirement": ERROR, "advisory": WARNING, "review": REVIEW}


def of_rule(rule: dict) -> str:
    """The severity of the findings of a rule that is not met, from its stated basis."""
    return _OF_BASIS[rule["severity"]]
