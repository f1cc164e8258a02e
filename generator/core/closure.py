"""Whether a program is closed: its period has ended or its round's deadline has passed.

A closed program is not a pass. As of the checking date (``--as-of``, default today), a
document of the program whose period has ended, or a one-off application window whose deadline
has passed, makes the program closed: an error citing the article that sets the date. The
application's own date (``/application_date``) is judged too: filed after the period or the
deadline, or before the period starts, is an error. Yearly windows (备案 by 31 October each
year) close nothing for good. ``status.time_findings`` keeps the same dates as reviews for
``match``; ``check`` reports them here, as errors.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.core.findings import CLOSED
from generator.core.kinds import parse_date
from generator.core.status import closings

FILED_OUTSIDE = "time/application-date"  # the application's date lies outside the period or past a deadline


def closed_findings(catalog: dict, program_id: str, as_of: str) -> Iterator[tuple[str, dict, dict | None]]:
    """``(rule, message, cite)`` of the program's closing as of ``as_of``: the earliest of the
    dates that close it (one finding for one fault), none while it is open."""
    closings = sorted(_closings(catalog, program_id, as_of), key=lambda closing: closing[0])
    if closings:
        yield closings[0][1:]


def _closings(catalog: dict, program_id: str, as_of: str) -> Iterator[tuple[str, str, dict, dict | None]]:
    for kind, date, what, cite in closings(catalog, program_id, as_of):
        if kind == "period-ended":
            message = {
                "zh": f"本项目已结束：实施期至 {date} 止（核查日期 {as_of}），现在不能再按其申报",
                "en": f"This program is closed: its period ended on {date} (checked as of {as_of}); no application can be made under it now",
            }
        else:
            message = {
                "zh": f"本轮申报已截止：{what['label']['zh']}为 {date}（核查日期 {as_of}）",
                "en": f"This round is closed: {what['label']['en']} was {date} (checked as of {as_of})",
            }
        yield date, CLOSED, message, cite


def application_date_findings(catalog: dict, program_id: str, application: object) -> Iterator[tuple[str, dict, dict | None]]:
    """``(rule, message, cite)`` for each period or deadline the application's own date lies outside."""
    filed = application.get("application_date") if isinstance(application, dict) else None
    if parse_date(filed) is None or len(filed) != 10:
        return  # the form's format check says what is wrong with it
    for doc_id in catalog["programs"][program_id]["documents"]:
        document = catalog["documents"][doc_id]
        validity = document.get("validity") or {}
        name = document.get("short_title") or document["title"]
        if validity.get("to") and filed > validity["to"]:
            yield (
                FILED_OUTSIDE,
                {
                    "zh": f"填报日期 {filed} 在《{name['zh']}》的实施期（至 {validity['to']} 止）之后",
                    "en": f"The date of filing, {filed}, is after the period of “{name['en']}” (which ended on {validity['to']})",
                },
                validity.get("cite"),
            )
        elif validity.get("from") and filed < validity["from"]:
            yield (
                FILED_OUTSIDE,
                {
                    "zh": f"填报日期 {filed} 在《{name['zh']}》施行（{validity['from']} 起）之前",
                    "en": f"The date of filing, {filed}, is before “{name['en']}” applies (from {validity['from']})",
                },
                validity.get("cite"),
            )
        for window in document.get("windows", []):
            if window.get("recurring") == "yearly" or not window.get("deadline") or filed <= window["deadline"]:
                continue
            yield (
                FILED_OUTSIDE,
                {
                    "zh": f"填报日期 {filed} 晚于{window['label']['zh']}（{window['deadline']}）",
                    "en": f"The date of filing, {filed}, is after the {window['label']['en'].lower()} ({window['deadline']})",
                },
                window.get("cite"),
            )
