"""Reports by format name: ``REPORTERS["text" | "json" | "csv"]``, one class per format.

Each reporter writes the outputs it can (one file's findings, an intake's summary, one
applicant's matches, the compatibility verdicts); a command offers as ``--format`` choices the
reporters that implement its output (``formats_for``).
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata

from generator.cli.intake import ERRORS, NO_ERRORS, UNUSABLE, Intake
from generator.core.findings import Result
from generator.core.money import format_amount
from generator.core.severity import SEVERITIES

_SEVERITY = {
    "error": ("✗", "错误", "error"),
    "warning": ("!", "提醒", "warning"),
    "review": ("?", "需人工审核", "needs review"),
}
_STATUS = {
    "meets": ("✓", "符合", "meets"),
    "misses": ("✗", "不符合", "misses"),
    "review": ("?", "需人工审核", "needs review"),
    "not-eligible": ("✗", "不在申报范围", "not eligible"),
}
_LEVEL = {"national": ("国家级", "national"), "regional": ("自治区级", "regional"), "city": ("市级", "city")}
_VERDICT = {
    NO_ERRORS: ("✓", "无错误", "no errors"),
    ERRORS: ("✗", "有错误", "has errors"),
    UNUSABLE: ("⚠", "无法检查", "not checked"),
}


def _say(lang: str, zh: str, en: str) -> list[str]:
    """The lines of one message in the languages asked for."""
    return [text for code, text in (("zh", zh), ("en", en)) if lang in ("both", code)]


def _funding(funding: list[dict], lang: str) -> str:
    indicative = {"zh": "（参考额）", "en": " (indicative)"}[lang]
    items = [format_amount(item["amount"], lang) + (indicative if item["basis"] == "advisory" else "") for item in funding]
    return "; ".join(items) or "—"


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, allow_nan=False, indent=2) + "\n"


class Reporter:
    """What every reporter offers; a format that cannot write an output leaves its method out."""

    def findings(self, results: list[tuple[str, Result]], lang: str, explain: bool) -> str:
        raise NotImplementedError

    def intake(self, intake: Intake, lang: str) -> str:
        raise NotImplementedError

    def matches(self, source: str, matches: list, lang: str) -> str:
        raise NotImplementedError

    def verdicts(self, verdicts: list) -> str:
        raise NotImplementedError

    def unusable(self, source: str, message: dict[str, str]) -> str:
        return f"{source}：{message['zh']}\n{source}: {message['en']}\n"


# ---- text -----------------------------------------------------------------------------------
def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _table(rows: list[list[str]]) -> list[str]:
    """Columns padded to their widest cell, CJK characters counted as two."""
    widths = [max(_width(row[column]) for row in rows) for column in range(len(rows[0]))]
    return ["  ".join(cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(row)).rstrip() for row in rows]


class TextReporter(Reporter):
    def findings(self, results, lang, explain):
        lines = []
        for source, result in results:
            lines.extend(self._result(source, result, lang))
            if explain:
                for finding in result.passed:
                    lines.append(f"  ✓ {finding.rule}  {json.dumps(finding.trail.get('read', {}), ensure_ascii=False)}")
            message = result.verdict()["message"]  # the overall answer comes last
            lines.extend(f"  {line}" for line in _say(lang, f"结果：{message['zh']}", f"Result: {message['en']}"))
        return "\n".join(lines) + "\n"

    def _result(self, source: str, result: Result, lang: str) -> list[str]:
        out = _say(
            lang, f"{source}：{result.program}（核查日期 {result.as_of}）", f"{source}: {result.program} (as of {result.as_of})"
        )
        for finding in result.findings:
            mark, zh, en = _SEVERITY[finding.severity]
            severity = {"both": f"{zh} {en}", "zh": zh, "en": en}[lang]
            out.append(f"  {mark} {severity}  {finding.path or '/'}  [{finding.rule}]")
            out.extend(f"      {line}" for line in _say(lang, finding.message["zh"], finding.message["en"]))
            cite = finding.citation
            if cite and cite.get("url") is None:  # a form check cites its standard, with no article to link
                out.extend(
                    f"      {line}" for line in _say(lang, f"依据：{cite['label']['zh']}", f"Source: {cite['label']['en']}")
                )
            elif cite:
                number = f"{cite['number']} " if cite["number"] else ""
                out.extend(
                    f"      {line}"
                    for line in _say(
                        lang,
                        f"依据：{number}《{cite['title']['zh']}》{cite['label']['zh']}  {cite['url']['zh']}",
                        f"Source: {number}{cite['title']['en']}, {cite['label']['en']}  {cite['url']['en']}",
                    )
                )
        return out

    def intake(self, intake, lang):
        heads = {
            "zh": ["文件", "申报单位", "错误", "提醒", "待审核", "结论"],
            "en": ["file", "applicant", "errors", "warnings", "review", "verdict"],
        }
        header = [
            " ".join(words) for words in zip(*[heads[code] for code in ("zh", "en") if lang in ("both", code)], strict=True)
        ]
        table, notes = [header], []
        for row in intake.rows:
            mark, zh, en = _VERDICT[row.verdict]
            counts = row.counts or {}
            verdict = {"both": f"{mark} {zh} {en}", "zh": f"{mark} {zh}", "en": f"{mark} {en}"}[lang]
            cells = [str(counts[s]) if counts else "—" for s in SEVERITIES]
            table.append([row.file, row.applicant or "—", *cells, verdict])
            if row.reason:
                notes.extend(f"  {row.file}: {line}" for line in _say(lang, row.reason["zh"], row.reason["en"]))
        tally = intake.tally()
        summary = _say(
            lang,
            f"项目 {intake.program}（核查日期 {intake.as_of}）：共 {tally['files']} 份，无错误 {tally[NO_ERRORS]} 份，"
            f"有错误 {tally[ERRORS]} 份，无法检查 {tally[UNUSABLE]} 份",
            f"{intake.program} (as of {intake.as_of}): {tally['files']} files, {tally[NO_ERRORS]} without errors, "
            f"{tally[ERRORS]} with errors, {tally[UNUSABLE]} not checked",
        )
        return "\n".join([*_table(table), *notes, *summary]) + "\n"

    def matches(self, source, matches, lang):
        lines = []
        for m in matches:
            mark, zh, en = _STATUS[m.status]
            level_zh, level_en = _LEVEL[m.level]
            lines.extend(
                _say(
                    lang,
                    f"{mark} {zh}  {m.title['zh']}（{level_zh}，{m.program}）  资金：{_funding(m.funding, 'zh')}",
                    f"{mark} {en}  {m.title['en']} ({level_en}, {m.program})  funding: {_funding(m.funding, 'en')}",
                )
            )
            if m.area:  # not-eligible: the one reason that matters
                lines.append("      " + " / ".join(_say(lang, f"仅限{m.area['zh']}的单位申报", f"only units in {m.area['en']}")))
            for error in m.errors:
                lines.extend(f"      {line}" for line in _say(lang, error["message"]["zh"], error["message"]["en"]))
            if m.reviews:
                lines.append("      " + " / ".join(_say(lang, f"需人工审核 {m.reviews} 项", f"{m.reviews} for review")))
        return "\n".join(lines) + "\n"

    def verdicts(self, verdicts):
        lines = []
        for verdict in verdicts:
            if verdict.base_version is None:
                lines.append(f"{verdict.program}  {verdict.version}: 新项目，通过 / new program, passes")
                continue
            versions = f"{verdict.base_version} → {verdict.version or '已删除 removed'}"
            if not verdict.changes:
                lines.append(f"{verdict.program}  {versions}: 无变化 / unchanged")
                continue
            lines.append(f"{verdict.program}  {versions}")
            for change in verdict.changes:
                mark = "✗ 破坏性 breaking" if change.breaking else "· 兼容 compatible"
                lines.append(f"  {mark}  {change.pointer or '/'}\n      {change.zh}\n      {change.en}")
            for zh, en in verdict.problems:
                lines.append(f"  ✗ 未通过：{zh}\n    Fails: {en}")
        failed = [verdict.program for verdict in verdicts if not verdict.passed]
        if failed:
            lines.append(f"兼容性检查未通过：{', '.join(failed)}\nCompatibility check failed: {', '.join(failed)}")
        else:
            lines.append(f"兼容性检查通过（{len(verdicts)} 个项目）\nCompatibility check passed ({len(verdicts)} programs)")
        return "\n".join(lines) + "\n"


# ---- JSON -----------------------------------------------------------------------------------
class JsonReporter(Reporter):
    def findings(self, results, lang, explain):
        if len(results) == 1:
            return _json(results[0][1].as_dict(explain=explain))
        return _json({"results": [{"file": source, **result.as_dict(explain=explain)} for source, result in results]})

    def intake(self, intake, lang):
        rows = [
            {
                "file": row.file,
                "applicant": row.applicant,
                "verdict": row.verdict,
                "counts": row.counts,
                "reason": row.reason,
                "findings": [finding.as_dict() for finding in row.result.findings] if row.result else [],
            }
            for row in intake.rows
        ]
        return _json({"program": intake.program, "as_of": intake.as_of, "summary": intake.tally(), "files": rows})

    def matches(self, source, matches, lang):
        return _json({"file": source, "programs": [m.as_dict() for m in matches]})

    def verdicts(self, verdicts):
        return _json(
            {
                "passed": all(verdict.passed for verdict in verdicts),
                "programs": [
                    {
                        "program": verdict.program,
                        "base_version": verdict.base_version,
                        "version": verdict.version,
                        "passed": verdict.passed,
                        "changes": [vars(change) for change in verdict.changes],
                        "problems": [{"zh": zh, "en": en} for zh, en in verdict.problems],
                    }
                    for verdict in verdicts
                ],
            }
        )

    def unusable(self, source, message):
        return json.dumps({"file": source, "unusable": message}, ensure_ascii=False, allow_nan=False) + "\n"


# ---- CSV ------------------------------------------------------------------------------------
def _csv(rows: list[list[object]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


class CsvReporter(Reporter):
    """Spreadsheet rows (UTF-8, one header line): an intake's files, an applicant's programs."""

    def intake(self, intake, lang):
        header = ["file", "applicant", "errors", "warnings", "review", "verdict", "reason_zh", "reason_en"]
        rows = [
            [
                row.file,
                row.applicant or "",
                *([row.counts[s] for s in SEVERITIES] if row.counts else ["", "", ""]),
                row.verdict,
                (row.reason or {}).get("zh", ""),
                (row.reason or {}).get("en", ""),
            ]
            for row in intake.rows
        ]
        return _csv([header, *rows])

    def matches(self, source, matches, lang):
        header = ["program", "title_zh", "title_en", "level", "kind", "status", "errors", "warnings", "review"]
        header += ["funding_zh", "funding_en"]
        rows = [
            [m.program, m.title["zh"], m.title["en"], m.level, m.kind, m.status, len(m.errors), m.warnings, m.reviews, *funding]
            for m in matches
            for funding in [(_funding(m.funding, "zh"), _funding(m.funding, "en"))]
        ]
        return _csv([header, *rows])


REPORTERS: dict[str, Reporter] = {"text": TextReporter(), "json": JsonReporter(), "csv": CsvReporter()}


def formats_for(output: str) -> tuple[str, ...]:
    """The formats whose reporter writes ``output`` (a Reporter method's name), text first."""
    return tuple(name for name, reporter in REPORTERS.items() if getattr(type(reporter), output) is not getattr(Reporter, output))
