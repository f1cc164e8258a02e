"""The overall answer of a check, in both languages, from the counts of its findings."""

from __future__ import annotations

_VERDICT_WORDS = {
    "error": ("项错误", "error", "errors"),
    "warning": ("项提醒", "warning", "warnings"),
    "review": ("项需人工审核", "for a person to review", "for a person to review"),
}


def _count(counts: dict[str, int], severity: str) -> tuple[str, str]:
    zh, one, many = _VERDICT_WORDS[severity]
    number = counts[severity]
    return f"{number} {zh}", f"{number} {one if number == 1 else many}"


def verdict(counts: dict[str, int], closed: dict[str, str] | None = None) -> dict:
    """The overall answer: "K errors", or "no errors: N warnings, M for a person to review";
    ``closed`` (the message of a closed program) leads it: a closed program is no pass."""
    (wzh, wen), (rzh, ren) = _count(counts, "warning"), _count(counts, "review")
    if counts["error"]:
        ezh, een = _count(counts, "error")
        also = [(zh, en) for severity, (zh, en) in (("warning", (wzh, wen)), ("review", (rzh, ren))) if counts[severity]]
        zh = f"{ezh}（另有 {'，'.join(z for z, _ in also)}）" if also else ezh
        en = f"{een} (also {', '.join(e for _, e in also)})" if also else een
        if closed:
            zh, en = f"{closed['zh']}。{zh}", f"{closed['en']}. {en}"
        return {"status": "errors", "counts": dict(counts), "message": {"zh": zh, "en": en}}
    message = {"zh": f"没有错误：{wzh}，{rzh}", "en": f"No errors: {wen}, {ren}"}
    return {"status": "no-errors", "counts": dict(counts), "message": message}
