"""The validator on a phone network (issue #20): the built site served on loopback through a
link paced to slow 4G (``_server.PHONE``: 1.6 Mbit/s, 150 ms round trip, gzip).

A first visit is a fresh browser context; a returning visit a new tab in it once the worker
has kept the runtime and its snapshot. For each: when the form could be typed in (a field
in it), when the validator was ready, and the bytes the server sent until ready (on the
wire, gzip as sent) and in all (until everything kept for the next visit was kept).
"""

from __future__ import annotations

import statistics
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench import _probe
from bench._browser import CHROMIUM, LAUNCH_ARGS, READY_TIMEOUT_MS, BrowserBenchError, _new_context, _stored
from bench._server import PHONE, Served, SiteServer


def _wire_bytes(served: list[Served], until_ms: float) -> dict:
    done = [s for s in served if s.finished_ms <= until_ms]
    return {"requests": len(done), "bytes": sum(s.body_bytes for s in done)}


def _visit(context, server: SiteServer, url: str) -> dict:
    mark = server.mark()
    page = context.new_page()
    page.goto(url, wait_until="commit")
    page.wait_for_function(_probe.SETTLED, timeout=READY_TIMEOUT_MS, polling=20)
    record = page.evaluate(_probe.RECORD)
    failed = next((s for s in record["states"] if s["state"] == "failed"), None)
    if failed:
        raise BrowserBenchError(f"the validator failed to start on the phone link: {failed['text']!r}")
    ready_ms = next(s["t"] for s in record["states"] if s["state"] == "ready")
    if record["typeable"] is None:
        page.wait_for_selector('[data-testid="form"] input', state="attached", timeout=READY_TIMEOUT_MS)
        record = page.evaluate(_probe.RECORD)
    _stored(page)
    served = server.log_since(mark)
    run = {
        "typeable_s": round(record["typeable"] / 1000, 3),
        "ready_s": round(ready_ms / 1000, 3),
        "startup": page.get_attribute("[data-validator]", "data-startup"),
        "until_ready": _wire_bytes(served, record["timeOrigin"] + ready_ms),
        "all": _wire_bytes(served, float("inf")),
    }
    page.close()
    return run


def measure(site: Path, program: str, *, runs: int) -> dict:
    """``{"first": [...], "returning": [...]}``, one run each per context, and their medians."""
    url_path = f"validate/?program={program}"
    visits: dict[str, list[dict]] = {"first": [], "returning": []}
    with SiteServer(site, link=PHONE) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
        try:
            for _ in range(runs):
                context = _new_context(browser)
                visits["first"].append(_visit(context, server, server.url + url_path))
                visits["returning"].append(_visit(context, server, server.url + url_path))
                context.close()
        finally:
            browser.close()
    result: dict = {"link": {"bits_per_s": PHONE.bits_per_s, "rtt_ms": PHONE.rtt_ms, "gzip": True}, "runs": visits}
    for visit, done in visits.items():
        result[visit] = {
            "typeable_s": round(statistics.median(r["typeable_s"] for r in done), 3),
            "ready_s": round(statistics.median(r["ready_s"] for r in done), 3),
            "bytes_until_ready": int(statistics.median(r["until_ready"]["bytes"] for r in done)),
            "bytes_all": int(statistics.median(r["all"]["bytes"] for r in done)),
        }
    return result


PAGE_TEXT = {
    "zh": {
        "title": "手机网络（慢速 4G：1.6 Mbit/s 下行，往返 150 毫秒，gzip）",
        "visit": "访问",
        "typeable": "表格可输入",
        "ready": "校验器就绪",
        "until_ready": "就绪前传输量",
        "all": "合计传输量（含为下次保存的文件）",
        "visits": {"first": "首次访问", "returning": "再次访问"},
        "note": "站点经本机回环地址上按上述速率与往返时间限速的服务器提供（所有连接共用一条链路）；传输量为服务器实际发出的"
        "响应正文字节数（文本与 wasm 为 gzip 压缩后），中位数，共 {runs} 次。",
    },
    "en": {
        "title": "Phone network (slow 4G: 1.6 Mbit/s down, 150 ms round trip, gzip)",
        "visit": "Visit",
        "typeable": "Form typeable",
        "ready": "Validator ready",
        "until_ready": "Sent until ready",
        "all": "Sent in all (with what is kept for the next visit)",
        "visits": {"first": "first", "returning": "returning"},
        "note": "The site served on loopback by a server paced to that rate and round trip (one link shared by every "
        "connection); bytes are the response bodies the server sent (text and wasm gzip-compressed), medians of {runs} runs.",
    },
}


def page_section(results: dict, lang: str, format_value, table) -> list[str]:
    """The phone-network table of docs/performance(.en).md, when this run measured it."""
    phone = results.get("phone")
    if not phone:
        return []
    t = PAGE_TEXT[lang]
    rows = [
        [
            t["visits"][visit],
            format_value(phone[visit]["typeable_s"], "s", lang),
            format_value(phone[visit]["ready_s"], "s", lang),
            format_value(phone[visit]["bytes_until_ready"], "bytes", lang),
            format_value(phone[visit]["bytes_all"], "bytes", lang),
        ]
        for visit in ("first", "returning")
    ]
    header = [t["visit"], t["typeable"], t["ready"], t["until_ready"], t["all"]]
    return [f"## {t['title']}", "", *table(header, rows), t["note"].format(runs=len(phone["runs"]["first"])), ""]
