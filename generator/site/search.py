"""One search index per language, without the maintainers' pages: run after ``mkdocs build``.

mkdocs-static-i18n leaves one ``search/search_index.json`` holding both languages, so a
reader of the English site gets Chinese results too, and the index every page loads is twice
the size it needs to be. This splits it: the Chinese pages' index stays at
``search/search_index.json``, the English pages' goes to ``en/search/search_index.json`` with
locations relative to ``en/``, and every English page's ``__config.base`` (from which
Material's search loads the index and resolves result links) is pointed at ``en/``. Program
pages weigh most in the ranking (``BOOST``). Pages
for maintainers (the guides, the build report) are left out of both: an applicant searching
for a threshold should not land on a benchmark table.

    policy-site search-index site
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

OTHER_LANGUAGES = ("en",)  # the default language (zh) is at the site's root
# Sections of the site written for maintainers, not applicants (locations, language-relative).
MAINTAINER_SECTIONS = ("guide/", "performance/")
# How much a section's hits weigh (Material's per-page ``boost``): an applicant's question is
# first answered by a program's requirements, then by the levels compared, the articles, and
# last by the field-by-field schema reference.
BOOST = {"programs/": 4.0, "compare/": 2.0, "documents/": 1.5, "schema-reference/": 0.5}
INDEX = Path("search") / "search_index.json"
_BASE = re.compile(r'("base":\s*")([^"]*)(")')


class SearchIndexError(Exception):
    """A built site whose index cannot be split; the message names the file and the fix."""


def _language_of(location: str) -> str:
    head = location.split("/", 1)[0]
    return head if head in OTHER_LANGUAGES and "/" in location else "zh"


def _for_readers(location: str) -> bool:
    return not location.startswith(MAINTAINER_SECTIONS)


def split_index(site: Path) -> dict[str, int]:
    """Write one index per language under ``site``; return how many entries each holds."""
    if not (site / INDEX).is_file():
        raise SearchIndexError(f"{site / INDEX} not found: build the site with mkdocs first")
    combined = json.loads((site / INDEX).read_text("utf-8"))
    if not any(_language_of(doc["location"]) != "zh" for doc in combined["docs"]):
        raise SearchIndexError(f"{site / INDEX} holds one language only: split already (rebuild with mkdocs to split again)")
    by_language: dict[str, list] = {"zh": [], **{lang: [] for lang in OTHER_LANGUAGES}}
    for doc in combined["docs"]:
        lang = _language_of(doc["location"])
        location = doc["location"][len(lang) + 1 :] if lang != "zh" else doc["location"]
        if _for_readers(location):
            boost = next((weight for prefix, weight in BOOST.items() if location.startswith(prefix)), None)
            by_language[lang].append({**doc, "location": location, **({"boost": boost} if boost else {})})
    for lang, docs in by_language.items():
        config = {**combined["config"], "lang": combined["config"]["lang"] if lang == "zh" else [lang]}
        target = site / INDEX if lang == "zh" else site / lang / INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":")), "utf-8")
    for lang in OTHER_LANGUAGES:
        for page in (site / lang).rglob("*.html"):
            _rebase(page, site / lang)
    return {lang: len(docs) for lang, docs in by_language.items()}


def _rebase(page: Path, language_root: Path) -> None:
    """Point the page's ``__config.base`` at its language's root instead of the site's."""
    text = page.read_text("utf-8")
    start = text.find('id="__config"')
    if start < 0:
        return
    base = posixpath.relpath(language_root.as_posix(), page.parent.as_posix())
    end = text.find("</script>", start)
    config = _BASE.sub(lambda m: f"{m.group(1)}{base}{m.group(3)}", text[start:end], count=1)
    page.write_text(text[:start] + config + text[end:], "utf-8")


# What patch_worker replaces in Material's search worker (mkdocs-material 9.x, minified): the
# search call, and the index's creation (to keep the index's languages). Each must be found once.
WORKER_PATCHES = (
    ("try{return{type:3,data:de.search(e)}}", "try{return{type:3,data:policySiteSearch(de,e)}}"),
    ("de=new U(t.data),{type:1}", "de=new U(t.data),de.policySiteLang=t.data.config.lang,{type:1}"),
)
QUERY_SCRIPT = Path(__file__).resolve().parents[2] / "web" / "search-query.js"


def patch_worker(site: Path) -> None:
    """Material's search worker with web/search-query.js: any query text, short excerpts, and
    a Chinese term on the English site pointed to the Chinese site's search."""
    workers = sorted((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    if len(workers) != 1:
        raise SearchIndexError(
            f"{site}: expected one Material search worker (assets/javascripts/workers/search.*.min.js), found {len(workers)}"
        )
    (worker,) = workers
    text = worker.read_text("utf-8")
    if "policySiteSearch" in text:
        return  # patched by an earlier run on this build
    for old, new in WORKER_PATCHES:
        if text.count(old) != 1:
            raise SearchIndexError(f"{worker}: Material's search worker changed ({old!r} not found once): update WORKER_PATCHES")
        text = text.replace(old, new)
    strict = '"use strict";'  # kept first, so the worker's code stays strict
    head = strict if text.startswith(strict) else ""
    worker.write_text(head + QUERY_SCRIPT.read_text("utf-8") + "\n" + text[len(head) :], "utf-8")
