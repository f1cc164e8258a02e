"""Command-line options parsed into one object; usage errors exit 2 in both languages."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

from generator.definitions.load import DEFAULT_POLICIES


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own message is English only
        self.print_usage(sys.stderr)
        self.exit(2, f"用法错误：{message}\nUsage error: {message}\n")


def _date(text: str) -> str:
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应写作 YYYY-MM-DD / a date must be YYYY-MM-DD: {text!r}") from None


@dataclass
class Options:
    command: str
    policies: Path
    program: str | None = None
    files: list[Path] | None = None
    output_format: str = "text"
    lang: str = "both"
    as_of: str | None = None
    explain: bool = False
    out: Path | None = None
    kind: str | None = None
    draft: bool = False


def parse(argv: list[str]) -> Options:
    parser = _Parser(
        prog="policy-site", description="Skills-subsidy policies as data: check applications, build schemas and pages."
    )
    parser.add_argument("--policies", type=Path, default=DEFAULT_POLICIES, help="the policies/ folder (default: the project's)")
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="check application JSON files against a program's rules")
    check.add_argument("--program", required=True, help="program id, e.g. cn-nm-hohhot/master-studio")
    check.add_argument("files", nargs="+", type=Path, metavar="FILE.json")
    check.add_argument("--format", dest="output_format", choices=["text", "json"], default="text")
    check.add_argument("--lang", choices=["both", "zh", "en"], default="both", help="language of the text report")
    check.add_argument("--as-of", type=_date, help="judge periods and windows as of this date (default: today)")
    check.add_argument("--explain", action="store_true", help="also list the rules that passed, with the data they read")

    match = commands.add_parser("match", help="for one applicant: which programs it meets, misses or needs review for")
    match.add_argument("files", nargs=1, type=Path, metavar="FILE.json")
    match.add_argument(
        "--kind",
        choices=["training-base", "master-studio", "skill-foundation-base", "all"],
        help="programs of this kind (default: the kind of the program the file names; all: every program)",
    )
    match.add_argument("--format", dest="output_format", choices=["text", "json"], default="text")
    match.add_argument("--lang", choices=["both", "zh", "en"], default="both")
    match.add_argument("--as-of", type=_date, help="judge periods and windows as of this date (default: today)")

    papers = commands.add_parser("papers", help="write the papers to file (print page and .docx) for one application")
    papers.add_argument("--program", required=True, help="program id, e.g. cn-nm-hohhot/master-studio")
    papers.add_argument("files", nargs=1, type=Path, metavar="FILE.json")
    papers.add_argument("--out", type=Path, required=True, help="the folder to write the .html and .docx into")
    papers.add_argument("--draft", action="store_true", help="print a draft of an application with errors (marked as a draft)")
    papers.add_argument("--as-of", type=_date, help="judge periods and windows as of this date (default: today)")

    schemas = commands.add_parser("schemas", help="write the application schemas")
    schemas.add_argument("--out", type=Path, default=Path("schemas"))

    pages = commands.add_parser("pages", help="write the generated pages into docs/")
    pages.add_argument("--out", type=Path, default=Path("docs"))
    pages.add_argument("--as-of", type=_date, help="status of documents as of this date (default: today)")

    catalog = commands.add_parser("catalog", help="write the catalogue the browser validator loads")
    catalog.add_argument("--out", type=Path, required=True)

    commands.add_parser("lint", help="load and check every definition")

    namespace = parser.parse_args(argv)
    return Options(**{k: v for k, v in vars(namespace).items() if k in Options.__dataclass_fields__})
