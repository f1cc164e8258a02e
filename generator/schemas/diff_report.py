"""Reports of a policy diff: text (zh, en or both), JSON, Markdown for a pull request's job
summary, and the ``rules`` of a changelog entry."""

from __future__ import annotations

import json

from generator.schemas.diff import DIRECTIONS, LOOSENING, NEUTRAL, TIGHTENING, ProgramDiff, RuleChange, cite_text


def _mark(change: RuleChange) -> tuple[str, str]:
    zh, en = DIRECTIONS[change.direction]
    if change.breaking:
        return f"✗ {zh}（破坏性）", f"{en} (breaking)"
    return ("· " if change.direction == NEUTRAL else "+ ") + zh, en


def _where(change: RuleChange, lang: str) -> str:
    """依据 / cite, as the findings show it: document, article, the article's page."""
    found = change.citation
    if not found:
        return f"依据 cite: {cite_text(change.cite)}"
    if not found.get("url"):  # a form check cites a standard, not an article
        zh, en = f"依据：{found['label']['zh']}", f"Cite: {found['label']['en']}"
        return {"zh": zh, "en": en}.get(lang, f"{zh}\n      {en}")
    zh = f"依据：《{found['title']['zh']}》{found['label']['zh']}  {found['url']['zh']}"
    en = f"Cite: {found['title']['en']}, {found['label']['en']}  {found['url']['en']}"
    return {"zh": zh, "en": en}.get(lang, f"{zh}\n      {en}")


def _link(change: RuleChange) -> str:
    found = change.citation
    if not found:
        return _cell(cite_text(change.cite))
    if not found.get("url"):
        return _cell(f"{found['label']['zh']} {found['label']['en']}")
    return f"[《{_cell(found['title']['zh'])}》{_cell(found['label']['zh'])}]({found['url']['zh']})"


def _versions(diff: ProgramDiff) -> str:
    return f"{diff.base_version or '—'} → {diff.version or '—'}"


def _summary(diffs: list[ProgramDiff]) -> tuple[str, str]:
    changed = [d for d in diffs if d.status != "unchanged"]
    breaking = [d for d in diffs if d.breaking]
    return (
        f"{len(changed)} 个项目有变化（共 {len(diffs)} 个），其中 {len(breaking)} 个有破坏性收紧",
        f"{len(changed)} of {len(diffs)} programs changed, {len(breaking)} with a breaking tightening",
    )


def text_report(diffs: list[ProgramDiff], ref: str, lang: str = "both") -> str:
    zh, en = lang in ("both", "zh"), lang in ("both", "en")
    lines = [
        " / ".join(filter(None, [f"规则变化：{ref} → 工作区" if zh else "", f"Rule changes: {ref} → work tree" if en else ""]))
    ]
    for diff in diffs:
        if diff.status == "unchanged":
            continue
        title = " / ".join(filter(None, [diff.title["zh"] if zh else "", diff.title["en"] if en else ""]))
        status = {"added": ("新项目", "new program"), "removed": ("已删除", "removed")}.get(diff.status)
        tail = f"  [{' / '.join(filter(None, [status[0] if zh else '', status[1] if en else '']))}]" if status else ""
        lines.append(f"\n{diff.program}  {title}  {_versions(diff)}{tail}")
        for change in diff.changes:
            mark_zh, mark_en = _mark(change)
            lines.append(f"  {' '.join(filter(None, [mark_zh if zh else '', mark_en if en else '']))}  {change.rule}")
            lines += [f"      {change.zh}"] * zh + [f"      {change.en}"] * en
            if change.cite:
                lines.append(f"      {_where(change, lang)}")
    summary_zh, summary_en = _summary(diffs)
    lines.append("")
    lines += [summary_zh] * zh + [summary_en] * en
    return "\n".join(lines) + "\n"


def json_report(diffs: list[ProgramDiff], ref: str) -> str:
    document = {"base": ref, "programs": [diff.as_json() for diff in diffs]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def markdown_report(diffs: list[ProgramDiff], ref: str) -> str:
    """For a pull request's job summary: one table per changed program, both languages."""
    summary_zh, summary_en = _summary(diffs)
    lines = [f"## 规则变化 Rule changes: `{ref}` → this branch", "", f"{summary_zh}  ", summary_en]
    for diff in diffs:
        if diff.status == "unchanged":
            continue
        lines += ["", f"### `{diff.program}` {diff.title['zh']} / {diff.title['en']} ({_versions(diff)}, {diff.status})"]
        if not diff.changes:
            continue
        lines += ["", "| 规则 rule | 方向 direction | 变化 change | 依据 cite |", "|---|---|---|---|"]
        for change in diff.changes:
            mark_zh, mark_en = _mark(change)
            what = f"{_cell(change.zh)}<br>{_cell(change.en)}"
            lines.append(f"| `{change.rule}` | {mark_zh} {mark_en} | {what} | {_link(change)} |")
    return "\n".join(lines) + "\n"


_TAIL = {
    TIGHTENING: ("（收紧）", " (tightening)"),
    LOOSENING: ("（放宽）", " (loosening)"),
    NEUTRAL: ("；结果不变", "; no result changes"),
}


def people_sentence(change: RuleChange, text: dict | None) -> dict[str, str]:
    """One change as a reader of the changelog wants it: the rule in its own words, what changed
    (old and new value where it is a figure), tightening or loosening; never a pointer or key
    (those stay in ``policy-site diff``'s own formats)."""
    zh_tail, en_tail = _TAIL[change.direction]
    if change.what == "added":
        return {"zh": f"{change.zh}{zh_tail}", "en": change.en.replace("rule added: ", "New condition: ") + en_tail}
    if change.what == "removed":
        return {"zh": f"{change.zh}{zh_tail}", "en": change.en.replace("rule removed: ", "Condition removed: ") + en_tail}
    own = text or {"zh": "该条件", "en": "The condition"}
    zh, en = f"“{own['zh'].rstrip('。')}”", f"“{own['en'].rstrip('.')}”"
    if change.what == "threshold" and isinstance(change.old, int | float) and isinstance(change.new, int | float):
        return {
            "zh": f"{zh}：数值由 {change.old:g} 改为 {change.new:g}{zh_tail}",
            "en": f"{en}: the figure changed from {change.old:g} to {change.new:g}{en_tail}",
        }
    if change.what in ("severity", "recited"):  # their own words name no key
        return {"zh": f"{zh}：{change.zh}{zh_tail}", "en": f"{en}: {change.en}{en_tail}"}
    if change.what == "applies":
        if change.direction == LOOSENING:
            return {"zh": f"{zh}：现只对部分申请适用{zh_tail}", "en": f"{en}: now applies only to some applications{en_tail}"}
        return {"zh": f"{zh}：适用范围有改动{zh_tail}", "en": f"{en}: the applications it applies to changed{en_tail}"}
    return {"zh": f"{zh}：核验方式有改动{zh_tail}", "en": f"{en}: how it is checked changed{en_tail}"}


def changelog_rules(diff: ProgramDiff, texts: dict | None = None) -> list[dict]:
    """The ``rules`` of a changelog entry for this program, one per changed rule (what
    ``--format changelog`` prints): its strongest direction, what changed in people's words
    (``people_sentence``; ``texts``: full rule id → the rule's text now), its citation. A rule
    whose wording or quoted words alone changed is left out."""
    by_rule: dict[str, list[RuleChange]] = {}
    for change in diff.changes:
        by_rule.setdefault(change.rule, []).append(change)
    rules = []
    for rule, changes in by_rule.items():
        if all(c.what in ("text", "quote") for c in changes):
            continue  # wording and quoted words only: nothing an applicant must act on
        direction = next((d for d in (TIGHTENING, LOOSENING) if any(c.direction == d for c in changes)), NEUTRAL)
        shown = [c for c in changes if c.direction == direction and c.what not in ("text", "quote")] or changes
        entry = {
            "id": rule,
            "direction": direction,
            "change": _joined([people_sentence(c, (texts or {}).get(rule)) for c in shown]),
        }
        if changes[0].cite:
            entry["cite"] = changes[0].cite
        rules.append(entry)
    return rules


def _joined(sentences: list[dict[str, str]]) -> dict[str, str]:
    """Several changes of one rule, each once (the same words for two steps are one change)."""
    zh = list(dict.fromkeys(s["zh"] for s in sentences))
    en = list(dict.fromkeys(s["en"] for s in sentences))
    return {"zh": "；".join(zh), "en": "; ".join(en)}


def rule_change_dates(changelog: list[dict]) -> dict[tuple[str, str], tuple[str, str]]:
    """(program, full rule id) → (date, version) of the newest changelog entry of that program
    naming the rule: the program pages' "changed on", linked to that entry."""
    found: dict[tuple[str, str], tuple[str, str]] = {}
    for entry in changelog:
        for rule in entry.get("rules", []):
            key, value = (entry["program"], rule["id"]), (str(entry["date"]), str(entry["version"]))
            found[key] = max(found.get(key, value), value)
    return found
