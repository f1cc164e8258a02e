"""Text and JSON reports of a check's findings."""

from __future__ import annotations

import json

from generator.core.engine import Result, verdict

_SEVERITY = {
    "error": ("✗", "错误", "error"),
    "warning": ("!", "提醒", "warning"),
    "review": ("?", "需人工审核", "needs review"),
}


def _lines(result: Result, source: str, lang: str) -> list[str]:
    out = []
    if lang in ("both", "zh"):
        out.append(f"{source}：{result.program}（核查日期 {result.as_of}）")
    if lang in ("both", "en"):
        out.append(f"{source}: {result.program} (as of {result.as_of})")
    for finding in result.findings:
        mark, zh, en = _SEVERITY[finding.severity]
        severity = {"both": f"{zh} {en}", "zh": zh, "en": en}[lang]
        out.append(f"  {mark} {severity}  {finding.path or '/'}  [{finding.rule}]")
        if lang in ("both", "zh"):
            out.append(f"      {finding.message['zh']}")
        if lang in ("both", "en"):
            out.append(f"      {finding.message['en']}")
        cite = finding.citation
        if cite:
            number = f"{cite['number']} " if cite["number"] else ""
            if lang in ("both", "zh"):
                out.append(f"      依据：{number}《{cite['title']['zh']}》{cite['label']['zh']}  {cite['url']['zh']}")
            if lang in ("both", "en"):
                out.append(f"      Source: {number}{cite['title']['en']}, {cite['label']['en']}  {cite['url']['en']}")
    return out


def _verdict_lines(result: Result, lang: str) -> list[str]:
    """The overall answer, last: "没有错误：N 项提醒，M 项需人工审核" or "K 项错误"."""
    message = verdict(result.counts())["message"]
    return [f"  结果：{message['zh']}"] * (lang in ("both", "zh")) + [f"  Result: {message['en']}"] * (lang in ("both", "en"))


def text_report(results: list[tuple[str, Result]], lang: str, explain: bool) -> str:
    lines = []
    for source, result in results:
        lines.extend(_lines(result, source, lang))
        if explain:
            for finding in result.passed:
                lines.append(f"  ✓ {finding.rule}  {json.dumps(finding.trail.get('read', {}), ensure_ascii=False)}")
        lines.extend(_verdict_lines(result, lang))
    return "\n".join(lines) + "\n"


def json_report(results: list[tuple[str, Result]], explain: bool) -> str:
    if len(results) == 1:
        return json.dumps(results[0][1].as_dict(explain=explain), ensure_ascii=False, allow_nan=False, indent=2) + "\n"
    return (
        json.dumps(
            {"results": [{"file": s, **r.as_dict(explain=explain)} for s, r in results]},
            ensure_ascii=False,
            allow_nan=False,
            indent=2,
        )
        + "\n"
    )


def unusable_report(source: str, message: dict[str, str], output_format: str) -> str:
    if output_format == "json":
        return json.dumps({"file": source, "unusable": message}, ensure_ascii=False, allow_nan=False) + "\n"
    return f"{source}：{message['zh']}\n{source}: {message['en']}\n"


_STATUS = {"meets": ("✓", "符合", "meets"), "misses": ("✗", "不符合", "misses"), "review": ("?", "需人工审核", "needs review")}
_LEVEL = {"national": ("国家级", "national"), "regional": ("自治区级", "regional"), "city": ("市级", "city")}


def _funding_text(funding: list[dict], lang: str) -> str:
    def one(item):
        low, high = item["amount"]["min"], item["amount"]["max"]
        if lang == "zh":
            figure = f"{low / 10000:g}万元" if low == high else f"{low / 10000:g}–{high / 10000:g}万元"
            return figure + ("（参考额）" if item["basis"] == "advisory" else "")
        figure = f"{low:,} yuan" if low == high else f"{low:,}–{high:,} yuan"
        return figure + (" (indicative)" if item["basis"] == "advisory" else "")

    return "; ".join(one(item) for item in funding) or "—"


def match_report(source: str, matches: list, output_format: str, lang: str) -> str:
    if output_format == "json":
        return (
            json.dumps(
                {"file": source, "programs": [m.as_dict() for m in matches]}, ensure_ascii=False, allow_nan=False, indent=2
            )
            + "\n"
        )
    lines = []
    for m in matches:
        mark, zh, en = _STATUS[m.status]
        level_zh, level_en = _LEVEL[m.level]
        if lang in ("both", "zh"):
            lines.append(f"{mark} {zh}  {m.title['zh']}（{level_zh}，{m.program}）  资金：{_funding_text(m.funding, 'zh')}")
        if lang in ("both", "en"):
            lines.append(f"{mark} {en}  {m.title['en']} ({level_en}, {m.program})  funding: {_funding_text(m.funding, 'en')}")
        for error in m.errors:
            if lang in ("both", "zh"):
                lines.append(f"      {error['message']['zh']}")
            if lang in ("both", "en"):
                lines.append(f"      {error['message']['en']}")
        if m.reviews:
            lines.append(
                f"      需人工审核 {m.reviews} 项 / {m.reviews} for review"
                if lang == "both"
                else f"      需人工审核 {m.reviews} 项"
                if lang == "zh"
                else f"      {m.reviews} for review"
            )
    return "\n".join(lines) + "\n"
