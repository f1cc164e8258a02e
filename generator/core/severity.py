"""Severity: the one vocabulary of rules and findings, and its words.

A rule states the severity of the findings it makes when it is not met, in the same words as
the findings: an ``error`` (the application is refused as it stands), a ``warning`` (vague text
such as 左右, 原则上, 一般应: a figure that is not a hard line) or ``review`` (a person must
judge, or the data cannot decide). The meta-schema's enum of ``severity`` is this list
(``tests/test_definitions.py`` holds them equal).
"""

from __future__ import annotations

ERROR, WARNING, REVIEW = "error", "warning", "review"
SEVERITIES = (ERROR, WARNING, REVIEW)  # also the order the findings are listed in

# How the site names a rule of each severity: its label in a program's table of rules, and the
# note after a figure where programs are compared (a binding figure needs none).
LABELS = {
    ERROR: {"zh": "硬性要求", "en": "Requirement"},
    WARNING: {"zh": "原则性要求", "en": "Advisory (in principle)"},
    REVIEW: {"zh": "需人工审核", "en": "Needs human review"},
}
NOTES = {WARNING: {"zh": "原则性", "en": "in principle"}, REVIEW: {"zh": "需人工审核", "en": "for review"}}

# How a policy diff words a change of severity: "性质由“要求”改为“建议”" / "from requirement to advisory".
CHANGE_WORDS = {ERROR: ("要求", "requirement"), WARNING: ("建议", "advisory"), REVIEW: ("人工审核", "review")}

# The names definitions committed before issue #24 gave a rule's severity. Read only where an
# older release's definitions are loaded to be compared (generator/schemas/policy_ref.py).
FORMER_NAMES = {"requirement": ERROR, "advisory": WARNING}
