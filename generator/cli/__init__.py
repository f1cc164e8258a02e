"""``policy-site``: one command line over the core, the definitions, the schemas and the site.

Every subcommand is one entry of ``COMMANDS`` (name, help, arguments, function); adding one is
that entry and its function. ``run()`` returns the exit code: 0 no errors, 1 an application
(or a release check) has errors, 2 unusable input (unreadable file, not JSON, unknown program,
broken definitions), always with a message in both languages.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from generator.cli._applications import run_check, run_match
from generator.cli._build import run_bundle, run_csp, run_pages, run_schemas, run_search_index
from generator.cli._maintain import run_compat, run_diff, run_lint
from generator.cli._options import AS_OF, LANG, Command, OneOf, arg, iso_date, output_format, parser, positive_int
from generator.cli._papers import run_papers
from generator.cli.reporters import formats_for
from generator.errors import DefinitionError, PolicySiteError

COMMANDS = (
    Command(
        "check",
        "check application JSON files against a program's rules: one file in detail, many (or folders) as a summary table",
        (
            arg("--program", required=True, help="program id, e.g. cn-nm-hohhot/master-studio"),
            arg(
                "files",
                nargs="+",
                type=Path,
                metavar="FILE_OR_DIR",
                help="application files (- reads standard input); folders are searched for *.json",
            ),
            output_format(*dict.fromkeys(formats_for("findings") + formats_for("intake"))),
            LANG,
            AS_OF,
            arg("--explain", action="store_true", help="also list the rules that passed, with the data they read (one file)"),
            arg("--jobs", type=positive_int, help="processes checking files in parallel, 1 or more (default: one per core)"),
        ),
        run_check,
    ),
    Command(
        "match",
        "for one applicant: which programs it meets, misses or needs review for, with their funding",
        (
            arg("file", type=Path, metavar="FILE.json", help="the application (- reads standard input)"),
            arg(
                "--kind",
                help="programs of this kind (one of the catalogue's program kinds, or all; "
                "default: the kind of the program the file names)",
            ),
            output_format(*formats_for("matches")),
            LANG,
            AS_OF,
        ),
        run_match,
    ),
    Command(
        "papers",
        "write the papers to file for one application: the print page (.html) and the Word document (.docx)",
        (
            arg("--program", required=True, help="program id, e.g. cn-nm-hohhot/master-studio"),
            arg("file", type=Path, metavar="FILE.json", help="the application (- reads standard input)"),
            arg("--out", type=Path, required=True, help="the folder to write the .html and .docx into"),
            arg(
                "--draft",
                action="store_true",
                help="papers of an application with errors, marked as a draft instead of not ready to file",
            ),
            AS_OF,
        ),
        run_papers,
    ),
    Command("schemas", "write the application schemas", (arg("--out", type=Path, default=Path("schemas")),), run_schemas),
    Command(
        "pages",
        "write the generated pages into docs/",
        (
            arg("--out", type=Path, default=Path("docs")),
            arg("--as-of", type=iso_date, help="status of documents as of this date"),
        ),
        run_pages,
    ),
    Command(
        "search-index",
        "split the built site's search index into one per language, without the maintainers' pages",
        (arg("site", type=Path, help="the built site (mkdocs' site_dir)"),),
        run_search_index,
    ),
    Command(
        "bundle",
        "put the offline validator (Pyodide, wheels, catalogue, scripts) into the built site",
        (
            arg("--site", type=Path, default=Path("site"), help="the built site (mkdocs' site_dir)"),
            arg("--wheels", type=Path, default=Path("build/wheels"), help="the browser's wheels (make wheels)"),
            arg("--app-wheel", type=Path, required=True, help="this project's wheel"),
            arg("--node-modules", type=Path, default=Path("web/node_modules"), help="where npm installed Pyodide"),
        ),
        run_bundle,
    ),
    Command(
        "csp",
        "write each page's Content-Security-Policy (with its inline-script hashes) into the built site",
        (arg("site", type=Path, help="the built site (mkdocs' site_dir)"),),
        run_csp,
    ),
    Command(
        "lint",
        "load and check every definition; or, given document files, those documents alone",
        (arg("files", nargs="*", type=Path, metavar="DOCUMENT.yaml"),),
        run_lint,
    ),
    Command(
        "compat",
        "release gate: may the schemas generated now replace the published ones?",
        (
            OneOf(
                (
                    arg("--base-ref", help="git ref whose committed schemas/ are the published versions, e.g. origin/main"),
                    arg("--base-dir", type=Path, help="a folder laid out like schemas/ holding the published versions"),
                )
            ),
            arg("--repo", type=Path, help="the git repository for --base-ref (default: the one holding --policies)"),
            output_format(*formats_for("verdicts")),
        ),
        run_compat,
    ),
    Command(
        "diff",
        "what changed in the rules since a git ref, program by program: each change tightening, loosening or neutral",
        (
            arg("ref", nargs="?", help="git ref to compare with (default: the last release tag, else origin/main, else HEAD)"),
            arg("--repo", type=Path, help="the git repository (default: the one holding --policies)"),
            output_format("text", "json", "markdown", "changelog"),
            LANG,
        ),
        run_diff,
    ),
)


def run(argv: list[str] | None = None, out=None, err=None) -> int:
    """Parse ``argv``, run the subcommand, return its exit code; every failure of the tool's is 2, in both languages."""
    out, err = out or sys.stdout, err or sys.stderr
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            args = parser(COMMANDS).parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as exit_:  # usage errors and --help: argparse has written its message
        return exit_.code if isinstance(exit_.code, int) else 2
    try:
        return args.run(args, out, err)
    except DefinitionError as error:
        err.write(f"政策定义有误，请修正：{error}\nA policy definition is broken: {error}\n")
        return 2
    except PolicySiteError as error:
        message = error.bilingual()
        err.write(f"{message['zh']}\n{message['en']}\n")
        return 2


def main() -> None:
    sys.exit(run())
