"""``policy-site search-index``: the built site's one index split into one per language."""

from __future__ import annotations

import json

from generator.site.search import WORKER_PATCHES
from tests.test_cli import policy_site

CONFIG = '<script id="__config" type="application/json">{"base": "..", "features": []}</script>'


def _site(root):
    docs = [
        {"location": "programs/a/", "title": "项目", "text": "条件"},
        {"location": "en/programs/a/", "title": "Program", "text": "Conditions"},
        {"location": "guide/maintainers/", "title": "维护者指南", "text": "命令"},
        {"location": "en/guide/maintainers/", "title": "Maintainers' guide", "text": "Commands"},
    ]
    (root / "search").mkdir(parents=True)
    index = {"config": {"lang": ["zh", "en"], "separator": " "}, "docs": docs}
    (root / "search" / "search_index.json").write_text(json.dumps(index), "utf-8")
    workers = root / "assets" / "javascripts" / "workers"
    workers.mkdir(parents=True)  # Material's search worker, with the two places the build patches
    (workers / "search.0.min.js").write_text('"use strict";' + ";".join(old for old, _ in WORKER_PATCHES), "utf-8")
    (root / "en" / "programs" / "a").mkdir(parents=True)
    (root / "en" / "programs" / "a" / "index.html").write_text(f"<html><body>{CONFIG}</body></html>", "utf-8")
    return root


def test_each_language_gets_its_own_index_without_the_maintainers_pages(tmp_path):
    site = _site(tmp_path / "site")
    run = policy_site("search-index", site)
    assert run.returncode == 0, run.stderr
    assert "zh 1 entries, en 1 entries" in run.stdout
    zh = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    en = json.loads((site / "en" / "search" / "search_index.json").read_text("utf-8"))
    assert [(doc["location"], doc["boost"]) for doc in zh["docs"]] == [("programs/a/", 4.0)]
    assert [doc["location"] for doc in en["docs"]] == ["programs/a/"] and en["config"]["lang"] == ["en"]
    assert '"base": "../.."' in (site / "en" / "programs" / "a" / "index.html").read_text("utf-8")
    worker = (site / "assets" / "javascripts" / "workers" / "search.0.min.js").read_text("utf-8")
    assert worker.startswith('"use strict";') and "policySiteSearch(de,e)" in worker  # any query text (web/search-query.js)


def test_a_site_without_an_index_or_split_already_is_refused_in_both_languages(tmp_path):
    run = policy_site("search-index", tmp_path)
    assert run.returncode == 2
    assert "无法生成检索索引" in run.stderr and "not found: build the site with mkdocs first" in run.stderr
    site = _site(tmp_path / "site")
    assert policy_site("search-index", site).returncode == 0
    again = policy_site("search-index", site)
    assert again.returncode == 2 and "split already" in again.stderr and "Traceback" not in again.stderr
