"""The maintainers' commands: ``lint`` (the definitions) and ``compat`` (the release gate)."""

from __future__ import annotations

from generator.cli import reporters
from generator.cli._catalog import catalog_of
from generator.definitions import load_corpus


def run_lint(args, out, err) -> int:
    """Every definition loaded and checked; or, given files, those documents alone."""
    if args.files:
        from generator.definitions.check_files import document_problems

        status = 0
        for source, problems in document_problems(args.files).items():
            out.writelines(f"{problem}\n" for problem in problems)
            out.write(f"{source.name}: {'ok' if not problems else f'{len(problems)} problems'}\n")
            status = status or (1 if problems else 0)
        return status
    corpus = load_corpus(args.policies)
    out.write(f"ok: {len(corpus.documents)} documents, {len(corpus.programs)} programs\n")
    return 0


def run_compat(args, out, err) -> int:
    """0: compatible; 1: a breaking change without a major bump, or a missing changelog entry; 2: unusable input."""
    from generator.schemas.changelog import load_changelog
    from generator.schemas.gate import compare
    from generator.schemas.sources import generated_schemas, schemas_at_ref, schemas_in_dir

    repo = args.repo or args.policies.resolve().parent
    published = schemas_at_ref(repo, args.base_ref) if args.base_ref else schemas_in_dir(args.base_dir)
    changelog = load_changelog(args.changelog or args.policies / "changelog.yaml")
    verdicts = compare(published, generated_schemas(catalog_of(args.policies)), changelog)
    out.write(reporters.REPORTERS[args.output_format].verdicts(verdicts))
    return 0 if all(verdict.passed for verdict in verdicts) else 1
