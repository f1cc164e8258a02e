"""What each paper says of itself: its file's name, and the small footer naming the rules it
was checked against (program, rules version and publication date, the check's date and verdict),
so a bureau can tell a paper checked against older rules."""

from __future__ import annotations

import datetime as dt
import re

from generator.core.dates import chinese
from generator.core.verdict import verdict

_DAY = {"format": "date"}
# Characters no file system takes in a name (Windows is the strictest), and control characters.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
MAX_UNIT_CHARS = 60


def file_name(form_title: str, unit: object) -> str:
    """呼和浩特市技能大师工作室建设项目申报表-某某公司: the form's name and the applying unit's."""
    name = _UNSAFE.sub("", unit).strip(" .") if isinstance(unit, str) else ""
    return f"{form_title}-{name[:MAX_UNIT_CHARS]}" if name else form_title


def footer(catalog: dict, program_id: str, counts: dict, as_of: str | None) -> dict:
    """The footer's words in both languages."""
    program = catalog["programs"][program_id]
    version = program.get("schema_version", "")
    published = program.get("schema_published")
    checked = as_of or dt.date.today().isoformat()
    said = verdict({"error": 0, "warning": 0, "review": 0, **counts})["message"]
    zh_published = f"（{chinese(published, _DAY)}发布）" if published else ""
    en_published = f" (published {published})" if published else ""
    return {
        "zh": f"核验依据：{program['title']['zh']} 规则第 {version} 版{zh_published}；核验日期：{chinese(checked, _DAY)}；结论：{said['zh']}",
        "en": f"Checked against: {program['title']['en']}, rules version {version}{en_published}; on {checked}; verdict: {said['en']}",
    }
