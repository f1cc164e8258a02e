"""A MkDocs plugin for the theme's templates: compiled code kept between builds, and the
navigation's loops over a section's children done in Python.

Jinja compiles each of Material's ~34 templates to Python on every build, and
mkdocs-static-i18n builds the site once per language in a fresh environment, so a build
compiled every template twice: about 0.45 s of a 5 s build, the same work each time.
Jinja's own bytecode cache keeps the compiled code in the user's temporary folder, keyed by
the template's name and checked against a hash of its source (an edited template is compiled
again), as Python keeps ``.pyc`` files. The second language's build reads what the first
wrote, so even a first build gains.

overrides/partials/nav-item.html looked for a section's index page, and for the one entry
shown of a crowded section, by looping over every child in the template, on every page that
shows the section: at 100× the programs a section holds hundreds, and the loops grew with
the square of the corpus. The two filters below do the same in Python (``first_index_child``
stops at the index page, which comes first).

Listed in mkdocs.yml as ``policy-site-templates``.
"""

from __future__ import annotations

import jinja2
from mkdocs.plugins import BasePlugin

# One cache per user, in the folder Jinja picks (tempfile.gettempdir()/_jinja2-cache-UID,
# created private to the user); shared by the page generator's own templates.
BYTECODE_CACHE = jinja2.FileSystemBytecodeCache()


def first_index_child(section) -> object | None:
    """The first child of ``section`` that is its index page (Material's navigation.indexes)."""
    return next((child for child in section.children if child.is_index), None)


def shown_children(section, index, crowded: bool) -> list[tuple[int, object]]:
    """``(position from 1, child)`` of each child listed under ``section``: all but its index
    page, and of a crowded section only the one on the path to the current page."""
    return [
        (number, child)
        for number, child in enumerate(section.children, 1)
        if child is not index and (not crowded or child.active)
    ]


class TemplateCachePlugin(BasePlugin):
    def on_env(self, env: jinja2.Environment, /, *, config, files) -> jinja2.Environment:
        env.bytecode_cache = BYTECODE_CACHE
        env.filters["first_index_child"] = first_index_child
        env.filters["shown_children"] = shown_children
        return env
