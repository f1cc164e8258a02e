"""The applicant-facing commands: ``check`` (one file in detail, or a whole intake) and ``match``."""

from __future__ import annotations

import datetime as dt
import json

from generator.cli import reporters
from generator.cli._catalog import catalog_of
from generator.cli.intake import check_intake, read_application
from generator.core import check
from generator.core.match import match
from generator.errors import UnknownProgramError, UnusableInputError


def run_check(args, out, err) -> int:
    """One file: its findings in detail. Several files or a directory, or ``--format csv``: the intake's summary."""
    catalog = catalog_of(args.policies)
    if args.program not in catalog["programs"]:
        raise UnknownProgramError(args.program, sorted(catalog["programs"]))
    reporter = reporters.REPORTERS[args.output_format]
    batch = len(args.files) > 1 or args.files[0].is_dir() or args.output_format not in reporters.formats_for("findings")
    if batch:
        intake = check_intake(catalog, args.program, args.files, as_of=args.as_of or dt.date.today().isoformat(), jobs=args.jobs)
        if not intake.rows:
            raise UnusableInputError(
                "没有找到要检查的 .json 文件", f"No .json files found in {', '.join(map(str, args.files))}: nothing to check"
            )
        out.write(reporter.intake(intake, args.lang))
        return intake.exit_code
    (path,) = args.files
    try:
        application = read_application(path)
    except UnusableInputError as error:
        err.write(reporter.unusable(str(path), error.bilingual()))
        return 2
    result = check(catalog, args.program, application, as_of=args.as_of)
    out.write(reporter.findings([(str(path), result)], args.lang, args.explain))
    return 1 if result.has_errors else 0


def run_match(args, out, err) -> int:
    """Every program of the applicant's kind (or ``--kind``) as meets / misses / needs review."""
    catalog = catalog_of(args.policies)
    kinds = sorted({program["kind"] for program in catalog["programs"].values()})
    if args.kind not in (None, "all", *kinds):
        listing = ", ".join([*kinds, "all"])
        raise UnusableInputError(
            f"未知的项目类型“{args.kind}”。可选：{listing}", f"Unknown kind {args.kind!r}. Known kinds: {listing}"
        )
    application = read_application(args.file)
    named = application.get("program", None) if isinstance(application, dict) else None
    if named is not None and (not isinstance(named, str) or named not in catalog["programs"]):
        listing = ", ".join(sorted(catalog["programs"]))
        raise UnusableInputError(
            f"“program”应为已知项目编号之一（或略去），而不是 {json.dumps(named, ensure_ascii=False)}。可选：{listing}",
            f"“program” must be one of the known program ids (or left out), not {json.dumps(named, ensure_ascii=False)}. Known: {listing}",
        )
    matches = match(catalog, application, as_of=args.as_of, kind=args.kind)
    out.write(reporters.REPORTERS[args.output_format].matches(str(args.file), matches, args.lang))
    return 0
