"""A MkDocs plugin for the Chinese pages: code with no Chinese in it is marked ``lang="en"``.

A Chinese page (``<html lang="zh">``) names commands, paths, fields and program ids in
inline code (``make serve``, ``cn-nm-hohhot/master-studio``). Unmarked, a screen reader
reads them with a Chinese voice, and the Nu Html Checker finds the maintainers' guide "appears
to be written in English". Each ``<code>`` element of a Chinese page whose text holds no Han
character gets ``lang="en"``; code holding Chinese (``policies/documents/<地区>/…``) is left in
the page's language. The markup around code is Python-Markdown's and the theme's, so this is
done on the rendered page, not in each template.

Listed in mkdocs.yml as ``policy-site-lang``.
"""

from __future__ import annotations

import re

from mkdocs.plugins import BasePlugin

# <code> elements do not nest; highlighted blocks hold <span>s, whose text counts too.
_CODE = re.compile(r"<code(?P<attributes>(?:\s[^>]*)?)>(?P<text>.*?)</code>", re.S)
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_TAG = re.compile(r"<[^>]*>")


def mark_english_code(html: str) -> str:
    """``html`` with ``lang="en"`` on each ``<code>`` that has no ``lang`` and no Han character."""

    def mark(match: re.Match) -> str:
        attributes, text = match["attributes"], match["text"]
        if " lang=" in attributes or _HAN.search(_TAG.sub("", text)):
            return match[0]
        return f'<code lang="en"{attributes}>{text}</code>'

    return _CODE.sub(mark, html)


class CodeLanguagePlugin(BasePlugin):
    def on_page_content(self, html: str, /, *, page, config, files) -> str:
        # mkdocs-static-i18n builds each language with theme.language set to it.
        return mark_english_code(html) if config.theme["language"] == "zh" else html
