"""A program's status from its documents' dates (generator/core/status.py), and the dates the
pages' badges change on (web/status.js only picks the last change on or before today)."""

from __future__ import annotations

import pytest

from generator.core.citations import citation
from generator.core.status import program_status, status_changes, status_words


@pytest.mark.parametrize(
    ("program", "as_of", "expected"),
    [
        ("cn-nm-chifeng/training-base", "2025-03-15", ("accepting", "2025-12-31")),
        ("cn-nm-chifeng/training-base", "2025-12-31", ("accepting", "2025-12-31")),
        ("cn-nm-chifeng/training-base", "2026-01-01", ("period-ended", "2025-12-31")),
        ("cn-nm/master-studio-national", "2025-10-31", ("accepting", "2025-10-31")),
        ("cn-nm/master-studio-national", "2025-11-01", ("window-closed", "2025-10-31")),
        ("cn-nm-hohhot/master-studio", "2030-01-01", ("no-end-date", None)),
    ],
)
def test_program_status_as_of_a_date(catalog, program, as_of, expected):
    assert program_status(catalog, program, as_of) == expected


def test_the_changes_cover_the_past_and_the_build_date(catalog):
    changes = status_changes(catalog, "cn-nm/master-studio-national", "2026-12-07")
    assert ("2025-11-01", "window-closed", "2025-10-31") in changes
    assert changes[-1] == ("2026-01-01", "period-ended", "2025-12-31")
    assert [c[0] for c in changes] == sorted(c[0] for c in changes)


def test_the_badge_words_in_both_languages():
    assert status_words("period-ended", "2025-12-31", "zh") == "实施期已结束（2025-12-31）"
    assert status_words("accepting", "2025-12-31", "en") == "Accepting applications (until 2025-12-31)"
    assert status_words("no-end-date", None, "zh") == "未载明截止日期"


def test_an_attachments_article_is_cited_with_its_attachment(catalog):
    label = citation(catalog, {"doc": "cn-nm-hohhot/master-studio-rules", "art": "annex-3/outline", "clause": "第1项"})["label"]
    assert label == {"zh": "附件3 主要内容第1项", "en": "Annex 3, Main contents item 1"}
