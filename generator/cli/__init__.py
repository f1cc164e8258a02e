"""``policy-site``: a thin command line over the core, the definitions and the site writers.

``run()`` returns the exit code: 0 no errors, 1 an application has errors, 2 unusable input
(unreadable file, not JSON, unknown program, broken definitions).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from generator.cli import _options, reporters
from generator.core import check, parse_application
from generator.core.match import match
from generator.definitions import load_corpus
from generator.definitions._yaml import load_yaml
from generator.definitions.catalog import build_catalog, site_url_from
from generator.errors import BilingualError, DefinitionError, UnknownProgramError, UnusableInputError


def _catalog(options: _options.Options, *, check_sources: bool) -> dict:
    corpus = load_corpus(options.policies, check_sources=check_sources)
    return build_catalog(corpus, site_url=site_url_from(options.policies.parent / "mkdocs.yml"))


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise UnusableInputError(f"无法读取文件（{error.strerror}）", f"Cannot read the file ({error.strerror})") from None


def _check(options: _options.Options, out, err) -> int:
    catalog = _catalog(options, check_sources=False)
    if options.program not in catalog["programs"]:
        raise UnknownProgramError(options.program, sorted(catalog["programs"]))
    results, status = [], 0
    for path in options.files:
        try:
            application = parse_application(_read(path))
        except UnusableInputError as error:
            err.write(reporters.unusable_report(str(path), error.bilingual(), options.output_format))
            status = 2
            continue
        result = check(catalog, options.program, application, as_of=options.as_of)
        results.append((str(path), result))
        status = max(status, 1 if result.has_errors else 0)
    if results:
        if options.output_format == "json":
            out.write(reporters.json_report(results, options.explain))
        else:
            out.write(reporters.text_report(results, options.lang, options.explain))
    return status


def _match(options: _options.Options, out, err) -> int:
    catalog = _catalog(options, check_sources=False)
    (path,) = options.files
    application = parse_application(_read(path))
    out.write(
        reporters.match_report(
            str(path), match(catalog, application, as_of=options.as_of, kind=options.kind), options.output_format, options.lang
        )
    )
    return 0


def _papers(options: _options.Options, out, err) -> int:
    """The layout from Python, the files from web/papers.mjs under Node: the browser's renderer."""
    from generator.papers.writer import write_papers

    catalog = _catalog(options, check_sources=False)
    if options.program not in catalog["programs"]:
        raise UnknownProgramError(options.program, sorted(catalog["programs"]))
    (path,) = options.files
    application = parse_application(_read(path))
    result = check(catalog, options.program, application, as_of=options.as_of)
    written = write_papers(catalog, options.program, application, result.counts(), options.out, draft=options.draft)
    out.write("".join(f"{file}\n" for file in written))
    if result.has_errors:
        err.write(
            f"申请书有 {result.counts()['error']} 项错误，文件已标注“{'草稿' if options.draft else '未通过核验，不宜报送'}”\n"
            f"The application has errors ({result.counts()['error']}); the papers are marked {'as a draft' if options.draft else 'not ready to file'}\n"
        )
    return 1 if result.has_errors else 0


def _write_schemas(options: _options.Options, out) -> int:
    from generator.site.schemas import write_schemas

    written = write_schemas(_catalog(options, check_sources=False), options.out)
    out.write(f"wrote {len(written)} schemas to {options.out}\n")
    return 0


def _write_pages(options: _options.Options, out) -> int:
    from generator.site.pages import write_pages

    changelog_path = options.policies / "changelog.yaml"
    changelog = load_yaml(changelog_path)[0] if changelog_path.is_file() else []
    catalog = _catalog(options, check_sources=False)
    written = write_pages(catalog, options.out, as_of=options.as_of, changelog=changelog)
    from generator.site.navigation import write_config

    write_config(catalog, options.out, options.policies.parent)
    out.write(f"wrote {len(written)} pages to {options.out}\n")
    return 0


def _write_catalog(options: _options.Options, out) -> int:
    catalog = _catalog(options, check_sources=False)
    options.out.parent.mkdir(parents=True, exist_ok=True)
    options.out.write_text(json.dumps(catalog, ensure_ascii=False, separators=(",", ":")), "utf-8")
    out.write(f"wrote {options.out}\n")
    return 0


def _lint(options: _options.Options, out) -> int:
    corpus = load_corpus(options.policies)
    out.write(f"ok: {len(corpus.documents)} documents, {len(corpus.programs)} programs\n")
    return 0


_COMMANDS = {"check": _check, "schemas": _write_schemas, "pages": _write_pages, "catalog": _write_catalog, "lint": _lint}


def run(argv: list[str] | None = None, out=None, err=None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    options = _options.parse(sys.argv[1:] if argv is None else argv)
    try:
        if options.command in ("check", "match", "papers"):
            return {"check": _check, "match": _match, "papers": _papers}[options.command](options, out, err)
        return _COMMANDS[options.command](options, out)
    except UnusableInputError as error:
        message = error.bilingual()
        err.write(f"{message['zh']}\n{message['en']}\n")
        return 2
    except BilingualError as error:  # e.g. the papers' renderer (Node) is missing
        message = error.bilingual()
        err.write(f"{message['zh']}\n{message['en']}\n")
        return 2
    except DefinitionError as error:
        err.write(f"政策定义有误，请修正：{error}\nA policy definition is broken: {error}\n")
        return 2


def main() -> None:
    sys.exit(run())
