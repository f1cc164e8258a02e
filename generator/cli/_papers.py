"""``policy-site papers``: the papers to file for one application, as the validator page makes them."""

from __future__ import annotations

from generator.cli._catalog import catalog_of
from generator.cli.intake import read_application
from generator.core import check
from generator.errors import UnknownProgramError, UnusableInputError


def run_papers(args, out, err) -> int:
    """Writes the print page and the .docx; 1 when the application has errors (the papers are stamped)."""
    from generator.papers.writer import write_papers  # runs Node: only this command needs it

    catalog = catalog_of(args.policies)
    if args.program not in catalog["programs"]:
        raise UnknownProgramError(args.program, sorted(catalog["programs"]))
    if args.out.exists() and not args.out.is_dir():  # Node's mkdir would fail with a raw EEXIST trace
        raise UnusableInputError(
            f"--out 应为文件夹，而 {args.out} 是一个已有的文件", f"--out must be a folder, but {args.out} is an existing file"
        )
    application = read_application(args.file)
    result = check(catalog, args.program, application, as_of=args.as_of)
    counts = result.counts()
    paths, blanks = write_papers(catalog, args.program, application, counts, args.out, draft=args.draft, as_of=result.as_of)
    for path in paths:
        out.write(f"{path}\n")
    if blanks:  # left blank on the papers, never printed as "not filled in": said here instead
        err.write(
            f"{len(blanks)} 个栏目未填，文件中留空待手写：{'、'.join(b['label']['zh'] for b in blanks)}\n"
            f"Empty fields, left blank on the papers to fill in by hand: {len(blanks)} ({', '.join(b['label']['en'] for b in blanks)})\n"
        )
    if result.has_errors:
        mark = ("草稿", "as a draft") if args.draft else ("“未通过核验，不宜报送”", "not ready to file")
        err.write(
            f"申请书有 {counts['error']} 项错误，文件已标注{mark[0]}\nThe application has errors ({counts['error']}); the papers are marked {mark[1]}\n"
        )
    return 1 if result.has_errors else 0
