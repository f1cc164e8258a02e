"""Status in time, always computed from dates and an as-of date, never written by hand."""

from __future__ import annotations

from collections.abc import Iterator

IN_FORCE, NOT_YET, ENDED, UNKNOWN = "in-force", "not-yet", "ended", "unknown"

STATUS_TEXT = {
    IN_FORCE: {"zh": "有效", "en": "In force"},
    NOT_YET: {"zh": "尚未生效", "en": "Not yet in force"},
    ENDED: {"zh": "已到期", "en": "Ended"},
    UNKNOWN: {"zh": "有效期未载明", "en": "Period not stated"},
}


def document_status(document: dict, as_of: str) -> str:
    """In force / not yet / ended as of ``as_of``; unknown when the text gives no dates."""
    validity = document.get("validity") or {}
    start, end = validity.get("from"), validity.get("to")
    if end and as_of > end:
        return ENDED
    if start and as_of < start:
        return NOT_YET
    if start or end:
        return IN_FORCE
    return UNKNOWN


def window_state(window: dict, as_of: str) -> tuple[str, str | None]:
    """``(state, deadline)`` of an application window as of a date: open, closed or unknown."""
    deadline = window.get("deadline")
    if not deadline:
        return UNKNOWN, None
    if window.get("recurring") == "yearly":
        this_year = f"{as_of[:4]}{deadline[4:]}"
        return ("open", this_year) if as_of <= this_year else ("closed", this_year)
    if window.get("opens") and as_of < window["opens"]:
        return NOT_YET, deadline
    return ("open", deadline) if as_of <= deadline else ("closed", deadline)


def time_findings(catalog: dict, program_id: str, as_of: str) -> Iterator[tuple[str, dict, dict | None]]:
    """``(kind, message, citation)`` for each period or window of the program closed at ``as_of``."""
    program = catalog["programs"][program_id]
    for doc_id in program["documents"]:
        document = catalog["documents"][doc_id]
        validity = document.get("validity") or {}
        name = document.get("short_title") or document["title"]
        status = document_status(document, as_of)
        if status == ENDED:
            yield (
                "period-ended",
                {
                    "zh": f"《{name['zh']}》的实施期已于 {validity['to']} 结束（核查日期 {as_of}）：请确认是否有新的年度通知或修订文件",
                    "en": f"The period of “{name['en']}” ended on {validity['to']} (checked as of {as_of}): confirm whether a new yearly notice or revision applies",
                },
                validity.get("cite"),
            )
        elif status == NOT_YET:
            yield (
                "period-not-started",
                {
                    "zh": f"《{name['zh']}》自 {validity['from']} 起施行，核查日期 {as_of} 尚未生效",
                    "en": f"“{name['en']}” applies from {validity['from']}; as of {as_of} it is not yet in force",
                },
                validity.get("cite"),
            )
        for window in document.get("windows", []):
            state, deadline = window_state(window, as_of)
            if state == "closed" and window.get("recurring") != "yearly":
                yield (
                    "window-closed",
                    {
                        "zh": f"{window['label']['zh']}（{deadline}）已过（核查日期 {as_of}）",
                        "en": f"{window['label']['en']} ({deadline}) has passed (checked as of {as_of})",
                    },
                    window["cite"],
                )
