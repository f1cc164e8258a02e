"""The maintainers' commands: ``lint`` (the definitions), ``compat`` (the release gate) and ``diff``
(what a policy change does, rule by rule)."""

from __future__ import annotations

from generator.cli import reporters
from generator.cli._catalog import corpus_of, loaded


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
    corpus = corpus_of(args.policies, check_sources=True)
    out.write(f"ok: {len(corpus.documents)} documents, {len(corpus.programs)} programs\n")
    return 0


def run_compat(args, out, err) -> int:
    """0: compatible; 1: a breaking change without a major bump, or a missing changelog entry; 2: unusable input."""
    from generator.schemas.diff_command import name_the_rules, rule_changes
    from generator.schemas.gate import compare
    from generator.schemas.sources import generated_schemas, schemas_at_ref, schemas_in_dir

    repo = args.repo or args.policies.resolve().parent
    published = schemas_at_ref(repo, args.base_ref) if args.base_ref else schemas_in_dir(args.base_dir)
    corpus, catalog = loaded(args.policies)
    rules = rule_changes(args.policies, args.base_ref, repo) if args.base_ref else {}  # thresholds inside rules
    verdicts = name_the_rules(compare(published, generated_schemas(catalog), corpus.changelog, rules), corpus.changelog)
    out.write(reporters.REPORTERS[args.output_format].verdicts(verdicts))
    return 0 if all(verdict.passed for verdict in verdicts) else 1


def run_diff(args, out, err) -> int:
    """0 whatever changed: the diff informs, ``compat`` judges; 2: the ref cannot be read."""
    from generator.schemas.diff_command import diff_command

    return diff_command(args.policies, args.ref, args.output_format, args.lang, out, repo=args.repo)
