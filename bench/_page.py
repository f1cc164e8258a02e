"""docs/performance.md (zh) and docs/performance.en.md (en), written from results.json.

The pages are committed so the site always shows the last measured run; `make bench`
rewrites them. Nothing on them is typed by hand.
"""

from __future__ import annotations

from pathlib import Path

from bench._build import LINEAR_TOLERANCE
from bench._phone import page_section as _phone

TEXT = {
    "zh": {
        "note": "<!-- 由 `make bench` 根据 bench/results.json 生成，请勿手改。 -->",
        "title": "性能",
        "intro": "以下数字由 `make bench` 在下列机器上实测（{date}）：站点经本机回环地址的静态服务器提供，"
        "浏览器为无头 Debian Chromium。目标只作报告，不作测试断言。",
        "machine": "机器",
        "cpu": "处理器",
        "cores": "核数",
        "memory": "内存",
        "system": "系统",
        "versions": "Python / Pyodide / Chromium",
        "load": "系统负载（开始 → 结束，1/5/15 分钟）",
        "targets": "目标",
        "figure": "指标",
        "measured": "测得",
        "target": "目标",
        "result": "结果",
        "met": "✓ 达到",
        "missed": "✗ 未达到",
        "not_measured": "未测",
        "labels": {
            "cold_ready_s": "首次访问（空缓存）到校验器就绪",
            "warm_ready_s": "再次访问（缓存已满）到校验器就绪",
            "validate_ms_pyodide": "浏览器中校验一份申请（Pyodide，中位数）",
            "first_visit_bytes": "首次访问就绪前的传输量（gzip）",
            "build_s": "构建时间随项目数增长（最大规模实测 / 线性预测）",
            "site_bytes": "站点大小随项目数增长（最大规模实测 / 线性预测）",
            "lighthouse_performance": "Lighthouse 性能（手机，各类页面中最低）",
            "lighthouse_accessibility": "Lighthouse 无障碍（手机，各类页面中最低）",
            "lighthouse_best_practices": "Lighthouse 最佳做法（手机，各类页面中最低）",
            "lighthouse_seo": "Lighthouse SEO（手机，各类页面中最低）",
            "phone_typeable_s": "手机网络（慢速 4G）首次访问到表格可输入",
            "phone_returning_ready_s": "手机网络（慢速 4G）再次访问到校验器就绪",
            "build_1x_s": "按现有语料（1×）构建一次（policy-site pages + mkdocs build + 检索拆分）",
            "intake_ms_per_file": "批量核查 1000 份申请，每份用时（命令行，各核并行）",
            "intake_per_file_growth": "批量核查每份用时随份数增长（1000 份 / 10 份）",
        },
        "stages": "各阶段用时（中位数，秒）",
        "cold": "首次访问",
        "warm": "再次访问",
        "startup": "启动路径（每条路径一行）",
        "path": "路径",
        "visit": "访问",
        "ready": "到就绪",
        "typeable": "表格可输入",
        "until_ready_gzip": "就绪前传输量（gzip）",
        "path_names": {
            "made": "制作内存快照（正常启动后保存快照）",
            "restored": "恢复内存快照",
            "normal": "不用快照（?snapshot=off，恢复失败时的退路）",
        },
        "visits": {"first": "首次访问", "returning": "再次访问"},
        "startup_note": "首次访问为全新的浏览器上下文；再次访问为同一上下文中的新标签页，运行时文件与快照已在 Cache Storage 中。",
        "stage": "阶段",
        "seconds": "秒",
        "stage_names": {
            "page_to_worker_start": "页面与 worker 启动",
            "snapshot": "读取快照、编译 wasm、恢复内存",
            "runtime": "Pyodide 运行时（下载并编译 wasm、预编译的标准库）",
            "packages": "解开 site-packages（jsonschema 等包与本项目，预编译）",
            "core": "导入校验核心、读入目录",
            "wasm_fetch_start": "wasm 开始下载的时刻（导航后）",
            "wasm_fetch": "wasm 下载用时（与运行时阶段重叠）",
            "stdlib_fetch_start": "标准库 python_stdlib.zip 开始下载的时刻（导航后）",
            "stdlib_fetch": "标准库下载用时（与运行时阶段重叠）",
            "worker_created": "worker 创建的时刻（导航后）",
            "restore_read": "恢复：从 Cache Storage 读出快照（与编译同时）",
            "restore_compile": "恢复：wasm 编译完成（自找到快照起，与读取同时）",
            "restore_module": "恢复：Emscripten 模块就绪（自找到快照起）",
            "restore_memory": "恢复：写入内存并启动解释器",
        },
        "check": "一次校验（{example}，{size} 字节，{repeats} 次取中位数）",
        "where": "在哪里",
        "check_rows": {
            "validate_ms_pyodide": "Pyodide：向 worker 发送到收到结果",
            "validate_ms_pyodide_first": "Pyodide：页面就绪后的第一次",
            "validate_ms_page": "Pyodide：点击“检查”到结果显示",
            "validate_ms_cpython": "CPython：generator.core.check",
            "validate_ms_cpython_check_text": "CPython：check_text（与 worker 同一入口）",
            "validate_ratio": "比值 Pyodide / CPython",
        },
        "bytes": "首次访问的传输量",
        "requester": "请求方",
        "requests": "请求数",
        "raw": "原始",
        "gzip": "gzip",
        "requesters": {
            "page_and_workers": "页面及其 worker",
            "service_worker_precache": "service worker 预缓存",
            "all": "合计",
        },
        "until_ready": "到就绪为止",
        "with_precache": "到文件与快照缓存完毕为止",
        "counted": "计算方法：原始为服务器发出的响应正文字节数；gzip 为 .html/.js/.mjs/.css/.json/.svg/.xml/.txt/.wasm/.ico "
        "响应各自 gzip -9 后的大小，.zip、.whl、图片与字体（已压缩，静态主机照原样发送）按原始大小计；不含报头。"
        "service worker 的预缓存请求由其 Referer（sw.js）识别。",
        "build": "构建时间（{steps}；语料：{corpus}；取 {repeats} 次中最快；测于 {date}）",
        "steps": {True: "policy-site pages 加 mkdocs build", False: "仅 policy-site pages"},
        "corpus": {"working tree": "工作区的 policies/", "last commit": "最近一次提交的 policies/（工作区的无法载入）"},
        "size": "规模",
        "vs_line": "最大规模：实测 / 直线预测",
        "cpu_time": "CPU 时间（合计）",
        "site_size": "生成站点大小",
        "programs": "项目数",
        "pages": "生成页面",
        "mkdocs": "mkdocs build",
        "total": "合计",
        "growth": "按 {small}× 与 {middle}× 两点的直线：每个项目约 {per} 秒，固定部分约 {fixed} 秒；{large}× 实测为该直线预测的 "
        "{ratio} 倍（不超过 {tolerance} 倍算线性）；{middle}×→{large}× 的增长指数为 {exponent}（1 为成正比）。",
    },
    "en": {
        "note": "<!-- Written by `make bench` from bench/results.json: do not edit. -->",
        "title": "Performance",
        "intro": "Measured by `make bench` on the machine below ({date}): the site served by a static server on "
        "loopback, headless Debian Chromium. The targets are reported, not asserted by any test.",
        "machine": "Machine",
        "cpu": "CPU",
        "cores": "Cores",
        "memory": "Memory",
        "system": "System",
        "versions": "Python / Pyodide / Chromium",
        "load": "Load average (start → end, 1/5/15 min)",
        "targets": "Targets",
        "figure": "Figure",
        "measured": "Measured",
        "target": "Target",
        "result": "Result",
        "met": "✓ met",
        "missed": "✗ missed",
        "not_measured": "not measured",
        "labels": {
            "cold_ready_s": "First visit (empty cache) until the validator is ready",
            "warm_ready_s": "Returning visit (caches filled) until the validator is ready",
            "validate_ms_pyodide": "One check of an application in the browser (Pyodide, median)",
            "first_visit_bytes": "Transferred on a first visit until ready (gzip)",
            "build_s": "Build time growth with the programs (largest size measured / linear prediction)",
            "site_bytes": "Site size growth with the programs (largest size measured / linear prediction)",
            "lighthouse_performance": "Lighthouse performance (mobile, lowest of every page type)",
            "lighthouse_accessibility": "Lighthouse accessibility (mobile, lowest of every page type)",
            "lighthouse_best_practices": "Lighthouse best practices (mobile, lowest of every page type)",
            "lighthouse_seo": "Lighthouse SEO (mobile, lowest of every page type)",
            "phone_typeable_s": "Phone network (slow 4G), first visit: form typeable",
            "phone_returning_ready_s": "Phone network (slow 4G), returning visit: validator ready",
            "build_1x_s": "One build of today's corpus (1×: policy-site pages + mkdocs build + search split)",
            "intake_ms_per_file": "Batch check of 1,000 applications, time per file (command line, all cores)",
            "intake_per_file_growth": "Batch check, growth of the time per file (1,000 files / 10 files)",
        },
        "stages": "Stages (median, seconds)",
        "cold": "First visit",
        "warm": "Returning visit",
        "startup": "Start-up paths (one row each)",
        "path": "Path",
        "visit": "Visit",
        "ready": "Until ready",
        "typeable": "Form typeable",
        "until_ready_gzip": "Transferred until ready (gzip)",
        "path_names": {
            "made": "Snapshot made (normal start, then a snapshot is saved)",
            "restored": "Snapshot restored",
            "normal": "No snapshot (?snapshot=off, the fallback of a failed restore)",
        },
        "visits": {"first": "first", "returning": "returning"},
        "startup_note": "A first visit is a fresh browser context; a returning visit is a new tab in the same context, with "
        "the runtime's files and the snapshot in Cache Storage.",
        "stage": "Stage",
        "seconds": "Seconds",
        "stage_names": {
            "page_to_worker_start": "Page and worker start",
            "snapshot": "Read the snapshot, compile the wasm, restore the memory",
            "runtime": "Pyodide runtime (fetch and compile the wasm, the precompiled stdlib)",
            "packages": "Unpack site-packages (jsonschema and friends, this project; precompiled)",
            "core": "Import the validation core, read the catalogue",
            "wasm_fetch_start": "Wasm fetch starts (after navigation)",
            "wasm_fetch": "Wasm fetch time (overlaps the runtime stage)",
            "stdlib_fetch_start": "python_stdlib.zip fetch starts (after navigation)",
            "stdlib_fetch": "Stdlib fetch time (overlaps the runtime stage)",
            "worker_created": "Worker created (after navigation)",
            "restore_read": "Restore: read the snapshot from Cache Storage (while the wasm compiles)",
            "restore_compile": "Restore: wasm compiled (from when the snapshot was found, while it is read)",
            "restore_module": "Restore: the Emscripten module ready (from when the snapshot was found)",
            "restore_memory": "Restore: write the memory, start the interpreter",
        },
        "check": "One check ({example}, {size} bytes, median of {repeats})",
        "where": "Where",
        "check_rows": {
            "validate_ms_pyodide": "Pyodide: posted to the worker until the result arrives",
            "validate_ms_pyodide_first": "Pyodide: the first check after ready",
            "validate_ms_page": "Pyodide: click on Check until the findings are shown",
            "validate_ms_cpython": "CPython: generator.core.check",
            "validate_ms_cpython_check_text": "CPython: check_text (the worker's entry point)",
            "validate_ratio": "Ratio Pyodide / CPython",
        },
        "bytes": "Transferred on a first visit",
        "requester": "Requested by",
        "requests": "Requests",
        "raw": "Raw",
        "gzip": "gzip",
        "requesters": {
            "page_and_workers": "The page and its workers",
            "service_worker_precache": "Service-worker precache",
            "all": "Total",
        },
        "until_ready": "until ready",
        "with_precache": "until the files and the snapshot are cached",
        "counted": "Counted: raw is the response bodies the server sent; gzip is gzip -9 of each .html/.js/.mjs/.css/"
        ".json/.svg/.xml/.txt/.wasm/.ico response, with .zip, .whl, images and fonts (compressed already, sent as they are "
        "by static hosts) at their raw size; headers not counted. The service worker's precache requests are told apart "
        "by their Referer (sw.js).",
        "build": "Build time ({steps}; corpus: {corpus}; fastest of {repeats}; measured {date})",
        "steps": {True: "policy-site pages and mkdocs build", False: "policy-site pages only"},
        "corpus": {
            "working tree": "policies/ of the working tree",
            "last commit": "policies/ of the last commit (the working tree's did not load)",
        },
        "size": "Size",
        "vs_line": "Largest size: measured / line",
        "cpu_time": "CPU time (total)",
        "site_size": "Built site size",
        "programs": "Programs",
        "pages": "Pages",
        "mkdocs": "mkdocs build",
        "total": "Total",
        "growth": "A line through {small}× and {middle}×: about {per} s per program and {fixed} s fixed; at {large}× the "
        "build took {ratio}× what the line predicts (up to {tolerance}× counts as linear); growth exponent {exponent} "
        "from {middle}× to {large}× (1 is proportional).",
    },
}


def format_value(value: float | None, unit: str, lang: str) -> str:
    if value is None:
        return TEXT[lang]["not_measured"]
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "ms":
        return f"{value:.1f} ms"
    if unit == "bytes":
        return f"{value / 1e6:.2f} MB"
    if unit == "points":
        return f"{value:g}"
    return f"{value:.2f}×"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return [*lines, ""]


def _load(averages: list[float] | None) -> str:
    return " / ".join(f"{x:.1f}" for x in averages) if averages else "?"


def _machine(results: dict, t: dict) -> list[str]:
    machine = results.get("machine", {})
    load = f"{_load(machine.get('load_average_at_start'))} → {_load(machine.get('load_average_at_end'))}"
    versions = f"{machine.get('python')} / {machine.get('pyodide')} / {machine.get('chromium', '?')}"
    rows = [
        [t["cpu"], str(machine.get("cpu_model"))],
        [t["cores"], str(machine.get("cores"))],
        [t["memory"], f"{machine.get('memory_gib')} GiB"],
        [t["system"], str(machine.get("os"))],
        [t["versions"], versions],
        [t["load"], load],
    ]
    return [f"## {t['machine']}", "", *_table([t["machine"], ""], rows)]


def _targets(results: dict, t: dict, lang: str) -> list[str]:
    rows = []
    for row in results.get("targets", []):
        result = t["not_measured"] if row["met"] is None else t["met"] if row["met"] else t["missed"]
        limit = f"{'≥' if row.get('at_least') else '≤'} {format_value(row['limit'], row['unit'], lang)}"
        rows.append([t["labels"][row["figure"]], format_value(row["measured"], row["unit"], lang), limit, result])
    return [f"## {t['targets']}", "", *_table([t["figure"], t["measured"], t["target"], t["result"]], rows)]


def _startup(results: dict, t: dict, lang: str) -> list[str]:
    rows = results.get("startup_paths")
    if not rows:
        return []
    table = [
        [
            t["path_names"].get(row["path"], row["path"]),
            t["visits"].get(row["visit"], row["visit"]),
            format_value(row["typeable_s"], "s", lang) if row.get("typeable_s") is not None else "—",
            format_value(row["ready_s"], "s", lang),
            format_value(row["bytes_until_ready"]["gzip_bytes"], "bytes", lang),
            str(row["bytes_until_ready"]["requests"]),
        ]
        for row in rows
    ]
    header = [t["path"], t["visit"], t["typeable"], t["ready"], t["until_ready_gzip"], t["requests"]]
    return [f"## {t['startup']}", "", *_table(header, table), t["startup_note"], ""]


def _stages(results: dict, t: dict) -> list[str]:
    paths = results.get("startup_paths")
    if not paths:
        cold, warm = results.get("cold_stages_s"), results.get("warm_stages_s") or {}
        if not cold:
            return []
        paths = [{"path": "cold", "visit": "", "stages_s": cold}, {"path": "warm", "visit": "", "stages_s": warm}]
        header = [t["stage"], t["cold"], t["warm"]]
    else:
        header = [
            t["stage"],
            *(f"{t['path_names'].get(p['path'], p['path'])}, {t['visits'].get(p['visit'], p['visit'])}" for p in paths),
        ]
    names = dict.fromkeys(name for path in paths for name in path["stages_s"])
    rows = [
        [t["stage_names"].get(name, name), *(f"{p['stages_s'][name]:.2f}" if name in p["stages_s"] else "—" for p in paths)]
        for name in names
    ]
    return [f"## {t['stages']}", "", *_table(header, rows)]


def _checks(results: dict, t: dict, lang: str) -> list[str]:
    example = results.get("validate_example")
    if not example:
        return []
    rows = []
    for key, label in t["check_rows"].items():
        if key in results:
            value = format_value(results[key], "ratio" if key == "validate_ratio" else "ms", lang)
            rows.append([label, value])
    title = t["check"].format(example=f"`{example['path']}`", size=example["bytes"], repeats=example["repeats"])
    return [f"## {title}", "", *_table([t["where"], t["measured"]], rows)]


def _bytes(results: dict, t: dict, lang: str) -> list[str]:
    transfer = results.get("first_visit_bytes")
    if not transfer:
        return []
    rows = []
    for moment in ("until_ready", "with_precache"):
        for requester, label in t["requesters"].items():
            counts = transfer[moment][requester]
            rows.append(
                [
                    f"{label} ({t[moment]})",
                    str(counts["requests"]),
                    format_value(counts["raw_bytes"], "bytes", lang),
                    format_value(counts["gzip_bytes"], "bytes", lang),
                ]
            )
    table = _table([t["requester"], t["requests"], t["raw"], t["gzip"]], rows)
    return [f"## {t['bytes']}", "", *table, t["counted"], ""]


def _build(results: dict, t: dict) -> list[str]:
    build = results.get("build_s")
    if not build:
        return []
    rows = [
        [
            f"{size['factor']}×",
            str(size["programs"]),
            f"{size['pages_s']:.1f} s",
            f"{size['mkdocs_s']:.1f} s" if "mkdocs_s" in size else "—",
            f"{size['total_s']:.1f} s",
            f"{size['total_cpu_s']:.1f} s" if "total_cpu_s" in size else "—",
            format_value(size["site_bytes"], "bytes", "en") if "site_bytes" in size else "—",
        ]
        for size in build["sizes"]
    ]
    by_step = {**build.get("growth_by_step", {}), "total_s": build["growth"]}
    ratio = lambda step: f"{by_step[step]['superlinearity']:.2f}×" if step in by_step else "—"  # noqa: E731
    steps = ("pages_s", "mkdocs_s", "total_s", "total_cpu_s", "site_bytes")
    rows.append([t["vs_line"], "", *(ratio(step) for step in steps)])
    growth = build["growth"]
    factors = [size["factor"] for size in build["sizes"]]
    summary = t["growth"].format(
        small=factors[0],
        middle=factors[1],
        large=factors[-1],
        tolerance=LINEAR_TOLERANCE,
        per=f"{growth['per_program']:.3f}",
        fixed=f"{growth['fixed']:.1f}",
        ratio=f"{growth['superlinearity']:.2f}",
        exponent=f"{growth['exponent']:.2f}",
    )
    title = t["build"].format(
        steps=t["steps"][build["with_mkdocs"]],
        corpus=t["corpus"][build["corpus"]],
        repeats=build["repeats"],
        date=build.get("measured", "?"),
    )
    return [
        f"## {title}",
        "",
        *_table([t["size"], t["programs"], t["pages"], t["mkdocs"], t["total"], t["cpu_time"], t["site_size"]], rows),
        summary,
        "",
    ]


def render(results: dict, lang: str) -> str:
    """The performance page in ``lang`` ("zh" or "en")."""
    t = TEXT[lang]
    date = results.get("machine", {}).get("date", "?")
    lines = [t["note"], "", f"# {t['title']}", "", t["intro"].format(date=date), ""]
    lines += _targets(results, t, lang)
    lines += _machine(results, t)
    lines += _startup(results, t, lang)
    lines += _phone(results, lang, format_value, _table)
    lines += _stages(results, t)
    lines += _checks(results, t, lang)
    lines += _bytes(results, t, lang)
    lines += _build(results, t)
    return "\n".join(lines).rstrip("\n") + "\n"


def write_pages(results: dict, docs: Path) -> list[Path]:
    written = []
    docs.mkdir(parents=True, exist_ok=True)
    for lang, name in (("zh", "performance.md"), ("en", "performance.en.md")):
        path = docs / name
        path.write_text(render(results, lang), "utf-8")
        written.append(path)
    return written
