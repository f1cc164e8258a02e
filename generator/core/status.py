"""Status in time, always computed from dates and an as-of date, never written by hand."""

from __future__ import annotations

import datetime as dt
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


def closings(catalog: dict, program_id: str, as_of: str) -> Iterator[tuple[str, str, dict, dict | None]]:
    """``(kind, date, what, cite)`` for each thing that has closed the program as of ``as_of``: a
    document's period ended (``what`` its document) or a one-off window past its deadline
    (``what`` the window). Yearly windows (备案 by 31 October each year) close nothing for good.
    The one place this is decided: ``match`` lists them for review, ``check`` as errors (core.closure)."""
    for doc_id in catalog["programs"][program_id]["documents"]:
        document = catalog["documents"][doc_id]
        validity = document.get("validity") or {}
        if document_status(document, as_of) == ENDED:
            yield "period-ended", validity["to"], document, validity.get("cite")
        for window in document.get("windows", []):
            state, deadline = window_state(window, as_of)
            if state == "closed" and window.get("recurring") != "yearly":
                yield "window-closed", deadline, window, window.get("cite")


def time_findings(catalog: dict, program_id: str, as_of: str) -> Iterator[tuple[str, dict, dict | None]]:
    """``(kind, message, citation)`` for each period or window of the program closed at ``as_of``,
    and each document not yet in force."""
    for kind, date, what, cite in closings(catalog, program_id, as_of):
        if kind == "period-ended":
            name = what.get("short_title") or what["title"]
            yield (
                kind,
                {
                    "zh": f"《{name['zh']}》的实施期已于 {date} 结束（核查日期 {as_of}）：请确认是否有新的年度通知或修订文件",
                    "en": f"The period of “{name['en']}” ended on {date} (checked as of {as_of}): confirm whether a new yearly notice or revision applies",
                },
                cite,
            )
        else:
            yield (
                kind,
                {
                    "zh": f"{what['label']['zh']}（{date}）已过（核查日期 {as_of}）",
                    "en": f"{what['label']['en']} ({date}) has passed (checked as of {as_of})",
                },
                cite,
            )
    for doc_id in catalog["programs"][program_id]["documents"]:
        document = catalog["documents"][doc_id]
        if document_status(document, as_of) == NOT_YET:
            name = document.get("short_title") or document["title"]
            yield (
                "period-not-started",
                {
                    "zh": f"《{name['zh']}》自 {document['validity']['from']} 起施行，核查日期 {as_of} 尚未生效",
                    "en": f"“{name['en']}” applies from {document['validity']['from']}; as of {as_of} it is not yet in force",
                },
                document["validity"].get("cite"),
            )


# ---- a program's status for applicants, and the dates it changes on (home, jurisdiction,
# program and finder pages: computed here at build time, refreshed in the browser by
# web/status.js, which only picks the last change on or before today) ------------------------
ACCEPTING, WINDOW_CLOSED, PERIOD_ENDED, NO_END_DATE, NOT_OPEN = (
    "accepting",
    "window-closed",
    "period-ended",
    "no-end-date",
    "not-open",
)

PROGRAM_STATUS_TEXT = {
    ACCEPTING: {"zh": "正在受理", "en": "Accepting applications"},
    WINDOW_CLOSED: {"zh": "申报已截止", "en": "Application window closed"},
    PERIOD_ENDED: {"zh": "实施期已结束", "en": "Period ended"},
    NO_END_DATE: {"zh": "未载明截止日期", "en": "No end date stated"},
    NOT_OPEN: {"zh": "尚未开始", "en": "Not open yet"},
}


def program_status(catalog: dict, program_id: str, as_of: str) -> tuple[str, str | None]:
    """``(status, date)`` of a program as of a date, from its documents' periods and windows:
    ended (the date it ended) before closed before accepting (the date it closes)."""
    documents = [catalog["documents"][doc_id] for doc_id in catalog["programs"][program_id]["documents"]]
    ends = [d["validity"]["to"] for d in documents if document_status(d, as_of) == ENDED]
    if ends:
        return PERIOD_ENDED, min(ends)
    starts = [d["validity"]["from"] for d in documents if document_status(d, as_of) == NOT_YET]
    if starts:
        return NOT_OPEN, max(starts)
    states = [window_state(w, as_of) for d in documents for w in d.get("windows", [])]
    opening = sorted(deadline for state, deadline in states if state == "open")
    if opening:
        return ACCEPTING, opening[0]
    closed = sorted(deadline for state, deadline in states if state == "closed")
    if closed:
        return WINDOW_CLOSED, closed[-1]
    period_ends = sorted((d.get("validity") or {}).get("to") for d in documents if (d.get("validity") or {}).get("to"))
    return (ACCEPTING, period_ends[0]) if period_ends else (NO_END_DATE, None)


def _day_after(date: str) -> str:
    return (dt.date.fromisoformat(date) + dt.timedelta(days=1)).isoformat()


def status_changes(catalog: dict, program_id: str, as_of: str, years: int = 5) -> list[tuple[str, str, str | None]]:
    """``(from date, status, date)``: the status from the earliest date the documents state, and
    at each date it changes on until ``years`` after ``as_of`` (a yearly deadline recurs)."""
    documents = [catalog["documents"][doc_id] for doc_id in catalog["programs"][program_id]["documents"]]
    stated = [
        d for doc in documents for d in ((doc.get("validity") or {}).get("from"), (doc.get("validity") or {}).get("to")) if d
    ]
    first = min([int(as_of[:4]), *(int(d[:4]) for d in stated)])
    dates = {f"{first}-01-01", as_of}
    for document in documents:
        validity = document.get("validity") or {}
        dates.update(d for d in (validity.get("from"), validity.get("to") and _day_after(validity["to"])) if d)
        for window in document.get("windows", []):
            if window.get("deadline") and window.get("recurring") == "yearly":
                last = int(as_of[:4]) + years
                dates.update(_day_after(f"{year}{window['deadline'][4:]}") for year in range(first, last + 1))
                dates.update(f"{year}-01-01" for year in range(first + 1, last + 1))
            else:
                dates.update(d for d in (window.get("opens"), window.get("deadline") and _day_after(window["deadline"])) if d)
    changes: list[tuple[str, str, str | None]] = []
    for date in sorted(dates):
        status = program_status(catalog, program_id, date)
        if not changes or changes[-1][1:] != status:
            changes.append((date, *status))
    return changes


def status_words(status: str, date: str | None, lang: str) -> str:
    """The badge's text: "实施期已结束（2025-12-31）" / "Period ended (2025-12-31)"."""
    words = PROGRAM_STATUS_TEXT[status][lang]
    if not date:
        return words
    if status == ACCEPTING:
        return f"{words}（截至 {date}）" if lang == "zh" else f"{words} (until {date})"
    return f"{words}（{date}）" if lang == "zh" else f"{words} ({date})"
