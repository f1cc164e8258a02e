"""Proof that the definitions hold each source text whole and unaltered.

Both sides are compared with all white space removed (the extraction breaks lines inside
sentences) and with extraction markup dropped (HTML tags, Markdown heading and emphasis
marks, form blanks). Each document's recorded ``mends`` are applied to the source first, so
every deliberate repair is listed in the data, never made silently.

Two checks, per source file (one file may hold several documents):
* exact: every article's Chinese text occurs in the mended source;
* complete: once all articles, titles and labels are taken out, no Chinese character is left.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

_TAG = re.compile(r"<[^>]*>")
_BULLET = re.compile(r"^\s*-\s+", re.MULTILINE)
_NOISE = re.compile(r"[#*_|\s\u3000\u00a0\ufeff]+")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_CUT = "\x00"


def normalize(text: str) -> str:
    """Text as compared: no white space, no markup."""
    return _NOISE.sub("", _BULLET.sub("", _TAG.sub("", text)))


def _divergence(piece: str, haystack: str) -> str:
    """Say where ``piece`` stops matching ``haystack``, for a message a translator can act on."""
    low, high = 0, len(piece)
    while low < high:  # longest prefix of piece found in haystack
        middle = (low + high + 1) // 2
        if piece[:middle] in haystack:
            low = middle
        else:
            high = middle - 1
    found_at = haystack.find(piece[:low]) if low else -1
    expected = haystack[found_at + low : found_at + low + 20] if found_at >= 0 else "?"
    return f"matches for {low} characters, then has {piece[low : low + 20]!r} where the source has {expected!r}"


def _pieces(documents: Iterable[Mapping]) -> tuple[list[tuple[str, str]], list[str]]:
    """Article texts (located once each) and headings/labels (removed wherever they stand)."""
    articles, headings = [], []
    for document in documents:
        headings.append(document["title"]["zh"])
        if document.get("number"):
            headings.append(document["number"])
        for part in document["parts"]:
            if part.get("title_printed", True):
                headings.append(part["title"]["zh"])
            for article in part["articles"]:
                where = f"{document['id']} {part['id']}/{article['id']}"
                articles.append((where, article["zh"]))
                if "chapter" in article:
                    headings.append(article["chapter"]["zh"])
                if article.get("label_printed", True):
                    headings.append(article["label"]["zh"])
    return articles, headings


def source_problems(source_text: str, documents: list[Mapping]) -> list[str]:
    """Every way the documents fail to hold ``source_text`` exactly and completely."""
    problems: list[str] = []
    source = normalize(source_text)
    for document in documents:
        for mend in document.get("mends", []):
            extracted, mended = normalize(mend["source"]), normalize(mend["text"])
            if extracted not in source:
                problems.append(f"{document['id']}: mend source {mend['source']!r} is not in the source text")
            source = source.replace(extracted, mended)

    articles, headings = _pieces(documents)
    remaining = source
    for where, text in sorted(articles, key=lambda item: -len(normalize(item[1]))):
        piece = normalize(text)
        if piece in remaining:
            remaining = remaining.replace(piece, _CUT, 1)
        elif piece in source:
            problems.append(f"{where}: its text is also claimed by another article")
        else:
            problems.append(f"{where}: not in the source: {_divergence(piece, source)}")
    for heading in sorted({normalize(h) for h in headings if normalize(h)}, key=len, reverse=True):
        remaining = remaining.replace(heading, _CUT)

    leftovers = [chunk for chunk in remaining.split(_CUT) if _CJK.search(chunk)]
    for chunk in leftovers:
        problems.append(f"source text held by no article or heading: {chunk[:80]!r}")
    return problems
