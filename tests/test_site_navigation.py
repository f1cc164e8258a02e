"""The navigation's Python helpers (generator/site/_mkdocs_templates.py) that the theme's
nav-item override calls for each section shown on a page."""

from __future__ import annotations

from types import SimpleNamespace

from generator.site._mkdocs_templates import first_index_child, shown_children


def _section(count: int, *, index: bool, active: int | None = None) -> SimpleNamespace:
    children = [SimpleNamespace(is_index=index and n == 0, active=n == active, name=f"p{n}") for n in range(count)]
    return SimpleNamespace(children=children)


def test_a_section_s_index_page_is_its_first_index_child_and_none_without_one():
    section = _section(4, index=True)
    assert first_index_child(section) is section.children[0]
    assert first_index_child(_section(4, index=False)) is None


def test_a_short_section_lists_every_child_but_its_index_page_at_its_own_position():
    section = _section(5, index=True)
    shown = shown_children(section, first_index_child(section), crowded=False)
    assert [(number, child.name) for number, child in shown] == [(2, "p1"), (3, "p2"), (4, "p3"), (5, "p4")]


def test_a_crowded_section_lists_only_the_child_on_the_path_to_the_page_keeping_its_position():
    section = _section(40, index=True, active=27)
    assert [(number, child.name) for number, child in shown_children(section, section.children[0], crowded=True)] == [(28, "p27")]
    assert shown_children(_section(40, index=True), section.children[0], crowded=True) == []
