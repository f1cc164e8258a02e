"""Procedure diagrams drawn at build time: a program's ``procedure`` as inline SVG.

No diagram JavaScript ships: the page carries the drawing itself. Each step is a box holding
who acts and what they do, the text wrapped to the box (never cut off), then the deadline;
arrows join the steps in order. The SVG is an image with a title and a description for
assistive technology; the step table below it on the page holds the full texts and citations.
"""

from __future__ import annotations

import html
import re
import unicodedata

# Geometry in SVG user units. The drawing scales to the column's width (CSS), so these are
# proportions: 360 units fit a phone's column at about one unit per pixel.
WIDTH = 360
PAD = 10  # inside a box, and around the drawing
FONT = 13
LINE = 18  # line height
GAP = 26  # between boxes, where the arrow runs
TEXT_WIDTH = WIDTH - 4 * PAD
# Width of a character in ems. Generous (a wide font's widths), so a line never overruns its
# box in any font the reader has: CJK and full-width characters are one em, Latin less.
_NARROW = set("il.,;:'!|()[]{} ")
_WIDE_LATIN = set("mwMW@%")


def char_width(char: str, *, bold: bool = False) -> float:
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.0
    if char in _NARROW:
        em = 0.34
    elif char in _WIDE_LATIN:
        em = 0.92
    elif char.isupper() or char.isdigit():
        em = 0.7
    else:
        em = 0.58
    return em * (1.08 if bold else 1.0)


def text_width(text: str, *, bold: bool = False) -> float:
    """The width in ems a line of ``text`` may take, at most."""
    return sum(char_width(char, bold=bold) for char in text)


def wrap(text: str, width_em: float, *, bold: bool = False) -> list[str]:
    """``text`` in lines of at most ``width_em``; Latin breaks between words, CJK anywhere."""
    # Tokens: a run of Latin letters/digits stays whole (unless longer than a line), each
    # CJK character and each space is its own token.
    tokens = re.findall(r"[A-Za-z0-9’'\-.,;:!?()%/]+|\s|.", text)
    lines, line = [], ""
    for token in tokens:
        if token.isspace():
            if line:
                line += " "
            continue
        if text_width(line + token, bold=bold) <= width_em:
            line += token
            continue
        if line.strip():
            lines.append(line.rstrip())
        line = ""
        while text_width(token, bold=bold) > width_em:  # a word longer than a line: split it
            cut = max(1, max(i for i in range(1, len(token) + 1) if text_width(token[:i], bold=bold) <= width_em))
            lines.append(token[:cut])
            token = token[cut:]
        line = token
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _first_sentence(text: str) -> str:
    """What a box shows of a step: up to its first full stop or colon; the table has the rest."""
    return re.split(r"(?<=[。；;：:])|(?<=\.)\s", text.strip(), maxsplit=1)[0].rstrip("。；;：:")


def procedure_svg(program: dict, lang: str, *, title: str) -> str:
    """The inline ``<svg>`` of ``program``'s procedure in ``lang``; one line, no blank lines."""
    width_em = TEXT_WIDTH / FONT
    boxes, y = [], PAD
    for step in program["procedure"]:
        lines = [(line, "actor") for line in wrap(step["actor"][lang], width_em, bold=True)]
        lines += [(line, "text") for line in wrap(_first_sentence(step["text"][lang]), width_em)]
        if step.get("deadline"):
            lines += [(line, "deadline") for line in wrap(step["deadline"][lang], width_em)]
        height = 2 * PAD + LINE * len(lines)
        boxes.append((y, height, lines))
        y += height + GAP
    total = y - GAP + PAD
    program_id = re.sub(r"[^a-z0-9]+", "-", program["id"])
    ids = f"procedure-{program_id}-{lang}"
    description = " → ".join(f"{step['actor'][lang]}: {_first_sentence(step['text'][lang])}" for step in program["procedure"])
    parts = [
        f'<svg class="procedure-svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {total}" '
        f'width="{WIDTH}" height="{total}" role="img" aria-labelledby="{ids}-title {ids}-desc" font-size="{FONT}">',
        f'<title id="{ids}-title">{html.escape(title)}</title>',
        f'<desc id="{ids}-desc">{html.escape(description)}</desc>',
    ]
    for index, (top, height, lines) in enumerate(boxes):
        parts.append(
            f'<g class="procedure-svg__step"><rect x="{PAD}" y="{top}" width="{WIDTH - 2 * PAD}" height="{height}" rx="6"/>'
        )
        for number, (line, role) in enumerate(lines):
            baseline = top + PAD + LINE * number + FONT
            parts.append(f'<text x="{2 * PAD}" y="{baseline}" class="procedure-svg__{role}">{html.escape(line)}</text>')
        parts.append("</g>")
        if index + 1 < len(boxes):
            start, end = top + height, boxes[index + 1][0]
            middle = WIDTH / 2
            parts.append(
                f'<line x1="{middle:g}" y1="{start}" x2="{middle:g}" y2="{end - 7}" class="procedure-svg__arrow"/>'
                f'<path d="M{middle - 5:g},{end - 8} L{middle + 5:g},{end - 8} L{middle:g},{end} z" class="procedure-svg__head"/>'
            )
    parts.append("</svg>")
    return "".join(parts)
