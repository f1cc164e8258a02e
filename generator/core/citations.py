"""Citations as applicants read them: document number, a label that locates the article
unambiguously, and the article's page on the site.

Plans numbered by section (一、… （一）… 1.) reuse short labels in every section, so a bare
"（四）" could be one of several; the label is qualified with its section and parent item:
"四、（四）", "二、（一）1.".
"""

from __future__ import annotations

import re

_NUMERALS = "一二三四五六七八九十"
_ZH_SECTION = re.compile(r"^([一二三四五六七八九十]+、)")
_EN_SECTION = re.compile(r"^([IVXL]+\.)")
_ZH_ITEM = re.compile(r"^(（[一二三四五六七八九十]+）)")
_EN_ITEM = re.compile(r"^(\(\d+\))")


def _clause_zh(clause: str) -> str:
    return f"第{clause}项" if clause.isdigit() else clause


def _clause_en(clause: str) -> str:
    """（二）3 -> " (2), item 3": the English form of an item reference."""
    if not clause:
        return ""
    parts, rest = [], clause
    if rest.startswith("（") and "）" in rest:
        inner, rest = rest[1 : rest.index("）")], rest[rest.index("）") + 1 :]
        parts.append(f"({_NUMERALS.index(inner) + 1})" if inner in _NUMERALS else f"({inner})")
    rest = re.sub(r"^第(\d+)项$", r"\1", rest)  # 第1项: item 1
    if rest.strip("."):
        parts.append(f"item {rest.strip('.')}")
    return " " + ", ".join(parts) if parts else f" {clause}"


def article_label(part: dict, article_id: str) -> dict[str, str]:
    """The article's label, qualified by its section and parent item when it needs them."""
    section, item = {"zh": "", "en": ""}, {"zh": "", "en": ""}
    for article in part["articles"]:
        if "chapter" in article:
            zh, en = _ZH_SECTION.match(article["chapter"]["zh"]), _EN_SECTION.match(article["chapter"]["en"])
            section = {"zh": zh[1] if zh else "", "en": f"{en[1]} " if en else ""}
            item = {"zh": "", "en": ""}
        label = article["label"]
        zh_item, en_item = _ZH_ITEM.match(label["zh"]), _EN_ITEM.match(label["en"])
        if article["id"] == article_id:
            if zh_item:
                return {"zh": section["zh"] + zh_item[1], "en": section["en"] + (en_item[1] if en_item else label["en"])}
            if label["zh"][:1].isdigit():
                return {"zh": section["zh"] + item["zh"] + label["zh"], "en": (section["en"] + item["en"] + label["en"]).strip()}
            return dict(label)
        if zh_item:
            item = {"zh": zh_item[1], "en": f"{en_item[1]} " if en_item else ""}
    raise KeyError(article_id)


_ANNEX = re.compile(r"^(附件\s*\d+)"), re.compile(r"^(Annex\s*\d+)")


def _in_annex(part: dict, label: dict[str, str]) -> dict[str, str]:
    """An article of an attachment is cited with it ("附件3 主要内容"): its label alone would
    read as the main text's."""
    zh, en = _ANNEX[0].match(part["title"]["zh"]), _ANNEX[1].match(part["title"]["en"])
    if not zh or label["zh"].startswith("附件"):
        return label
    return {"zh": f"{zh[1]} {label['zh']}", "en": f"{en[1] if en else part['title']['en']}, {label['en']}"}


def form_check(cite: dict) -> dict:
    """A form-design check cites its standard, never an article: no document, no URL.

    Such a check (an identity number's checksum, GB 11643; a credit code's, GB 32100; the form's
    own totals agreeing with its rows) is what the form needs, not what any article states, so
    it must not borrow an article link.
    """
    standard = cite.get("standard")  # none for a consistency check (totals agree with their rows)
    label = (
        {"zh": f"表单核验（{standard}）", "en": f"Form check ({standard})"}
        if standard
        else {"zh": "表单核验", "en": "Form check"}
    )
    return {
        "basis": "form",
        "standard": standard,
        "document": None,
        "number": None,
        "title": {"zh": "表单核验", "en": "Form check"},
        "part": None,
        "article": None,
        "label": label,
        "url": None,
    }


def citation(catalog: dict, cite: dict | None) -> dict | None:
    """A citation as findings and pages show it: document number, article label, page URL.

    ``basis`` is "article" for a cited article, "form" for a form-design check (see ``form_check``).
    """
    if not cite:
        return None
    if cite.get("basis") == "form":
        return form_check(cite)
    document = catalog["documents"][cite["doc"]]
    part_id, article_id = cite["art"].split("/")
    part = next(p for p in document["parts"] if p["id"] == part_id)
    label = _in_annex(part, article_label(part, article_id))
    clause = cite.get("clause", "")
    site = catalog["site_url"].rstrip("/") + "/"
    number = document.get("number") or (document.get("cited_number") or {}).get("value")
    return {
        "basis": "article",
        "document": cite["doc"],
        "number": number,
        "title": dict(document.get("short_title") or document["title"]),
        "part": dict(part["title"]),
        "article": cite["art"],
        "label": {"zh": label["zh"] + _clause_zh(clause), "en": label["en"] + _clause_en(clause)},
        "url": {
            "zh": f"{site}documents/{cite['doc']}/#{part_id}-{article_id}",
            "en": f"{site}en/documents/{cite['doc']}/#{part_id}-{article_id}",
        },
    }
