"""The build commands: ``schemas``, ``pages``, and the site's post-build steps ``search-index``, ``bundle`` and ``csp``."""

from __future__ import annotations

from generator.cli._catalog import catalog_of, loaded


def run_schemas(args, out, err) -> int:
    from generator.schemas.write import write_schemas

    written = write_schemas(catalog_of(args.policies), args.out)
    out.write(f"wrote {len(written)} schemas to {args.out}\n")
    return 0


def run_pages(args, out, err) -> int:
    from generator.site.navigation import write_config
    from generator.site.pages import write_pages

    corpus, catalog = loaded(args.policies)
    written = write_pages(catalog, args.out, as_of=args.as_of, changelog=corpus.changelog)
    write_config(catalog, args.out, args.policies.parent)
    out.write(f"wrote {len(written)} pages to {args.out}\n")
    return 0


def run_search_index(args, out, err) -> int:
    from generator.site.search import SearchIndexError, patch_worker, split_index

    try:
        counts = split_index(args.site)
        patch_worker(args.site)
    except SearchIndexError as error:
        err.write(f"无法生成检索索引：{error}\nThe search index cannot be built: {error}\n")
        return 2
    out.write("search indexes: " + ", ".join(f"{lang} {count} entries" for lang, count in counts.items()) + "\n")
    return 0


def run_bundle(args, out, err) -> int:
    from generator.site.bundle import BundleError, build_bundle

    try:
        folder = build_bundle(args.site, args.wheels, args.app_wheel, args.node_modules, args.policies)
    except BundleError as error:
        err.write(f"无法生成浏览器验证器包：{error}\nThe browser validator's bundle cannot be built: {error}\n")
        return 2
    out.write(f"bundle written to {folder}\n")
    return 0


def run_csp(args, out, err) -> int:
    from generator.site.csp import CspError, apply_to_site

    try:
        count = apply_to_site(args.site)
    except CspError as error:
        err.write(f"无法写入内容安全策略：{error}\nThe Content-Security-Policy cannot be written: {error}\n")
        return 2
    out.write(f"Content-Security-Policy written into {count} pages\n")
    return 0
