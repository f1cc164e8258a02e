"""The finder ("What can I apply for?"), program status badges and jurisdiction lists, in
Chromium on the built site, in both languages. The verdicts come from the core's `match` run
by the validator's worker (real Pyodide)."""

from __future__ import annotations

import datetime as dt

import pytest

LANGS = {"zh": "", "en": "en/"}


def _finder(page, site_url, lang, *, where="", unit="", project=""):
    page.goto(f"{site_url}{LANGS[lang]}find/")
    page.wait_for_selector("[data-finder][data-ready=true]")
    page.select_option("[data-testid=finder-where]", where)
    page.select_option("[data-testid=finder-unit]", unit)
    page.select_option("[data-testid=finder-project]", project)
    if where:
        page.wait_for_selector("[data-finder][data-judged=true]", timeout=120_000)
    shown = page.locator(".finder__list [data-program]").evaluate_all("cards => cards.map(c => c.dataset.program)")
    aside = page.locator(".finder__elsewhere [data-program]").evaluate_all("cards => cards.map(c => c.dataset.program)")
    return shown, aside


def _verdict(page, program):
    return page.locator(f'[data-program="{program}"] [data-testid=finder-verdict]')


@pytest.mark.parametrize("lang", LANGS)
def test_the_home_page_leads_to_the_finder(page, site_url, lang):
    page.goto(f"{site_url}{LANGS[lang]}")
    page.get_by_role("link", name={"zh": "我能申报什么？", "en": "What can I apply for?"}[lang]).first.click()
    page.wait_for_selector("[data-finder]")
    assert page.url.endswith(f"{LANGS[lang]}find/")


@pytest.mark.parametrize("lang", LANGS)
def test_a_hohhot_enterprise_sees_hohhot_region_and_national_studios_not_chifeng(page, site_url, lang):
    shown, aside = _finder(page, site_url, lang, where="hohhot", unit="enterprise", project="master-studio")
    assert shown == [
        "cn-nm-hohhot/master-studio",
        "cn-nm/master-studio-national",
        "cn-nm/master-studio-regional",
        "cn/master-studio",
    ]
    assert aside == ["cn-nm-chifeng/master-studio"]
    expected = {"zh": "不在申报范围：仅限赤峰市的单位", "en": "Not eligible: only units in Chifeng City"}[lang]
    assert expected in _verdict(page, "cn-nm-chifeng/master-studio").text_content()
    hohhot = page.locator('[data-program="cn-nm-hohhot/master-studio"]')
    assert {"zh": "5万元", "en": "50,000 yuan"}[lang] in hohhot.inner_text()
    assert {"zh": "贵单位类别在所列申报主体之中", "en": "Your kind of unit is among those listed"}[lang] in hohhot.inner_text()
    # the deciding conditions cite their articles
    assert hohhot.locator("details li a[href*='documents/cn-nm-hohhot/master-studio-rules/#rules-art-7']").count() >= 1


@pytest.mark.parametrize("lang", LANGS)
def test_a_chifeng_training_school_sees_chifeng_first_and_is_not_refused_by_area(page, site_url, lang):
    shown, aside = _finder(page, site_url, lang, where="chifeng", unit="training-institution", project="training-base")
    assert shown == [
        "cn-nm-chifeng/training-base",
        "cn-nm/training-base-national",
        "cn-nm/training-base-regional",
        "cn/training-base",
    ]
    assert aside == []
    verdict = _verdict(page, "cn-nm-chifeng/training-base")
    assert verdict.get_attribute("data-status") in ("review", "not-applicable")  # the rest needs the full application
    assert {"zh": "赤峰", "en": "Chifeng"}[lang] not in verdict.inner_text()


@pytest.mark.parametrize("lang", LANGS)
def test_an_ordos_school_gets_region_and_national_and_chifeng_says_why_not(page, site_url, lang):
    shown, aside = _finder(page, site_url, lang, where="ordos", unit="school")
    assert "cn-nm-chifeng/training-base" not in shown and "cn-nm-hohhot/master-studio" not in shown
    assert {"cn-nm-chifeng/training-base", "cn-nm-hohhot/master-studio"} <= set(aside)  # set aside, still there to read
    assert {"cn-nm/training-base-regional", "cn-nm/skill-foundation-base", "cn/training-base"} <= set(shown)
    assert shown.index("cn-nm/training-base-regional") < shown.index("cn/training-base")  # nearest level first
    for program in ("cn-nm-chifeng/training-base", "cn-nm-chifeng/master-studio"):
        assert _verdict(page, program).get_attribute("data-status") == "not-eligible"
    # Hohhot's rules limit no unit by its location: not refused for the area
    assert _verdict(page, "cn-nm-hohhot/master-studio").get_attribute("data-status") != "not-eligible"


@pytest.mark.parametrize("lang", LANGS)
def test_the_validator_link_carries_the_location_over(page, site_url, lang):
    _finder(page, site_url, lang, where="chifeng", project="training-base")
    page.locator('[data-program="cn-nm-chifeng/training-base"] [data-validator-link]').click()
    page.wait_for_url("**/validate/?program=cn-nm-chifeng/training-base")
    page.wait_for_selector("[data-testid=status][data-state=ready]", timeout=120_000)
    assert '"location": "chifeng"' in page.locator("textarea").first.input_value()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("today", "chifeng", "hohhot"),
    [
        ("2025-03-15", {"zh": "正在受理（截至 2025-12-31）", "en": "Accepting applications (until 2025-12-31)"}, None),
        ("2026-03-15", {"zh": "实施期已结束（2025-12-31）", "en": "Period ended (2025-12-31)"},
         {"zh": "未载明截止日期", "en": "No end date stated"}),
    ],
)  # fmt: skip
def test_status_badges_follow_todays_date(page, site_url, lang, today, chifeng, hohhot):
    page.clock.set_fixed_time(dt.datetime.fromisoformat(f"{today}T09:00:00"))
    page.goto(f"{site_url}{LANGS[lang]}programs/cn-nm-chifeng/training-base/")
    page.wait_for_selector(f"html[data-status-date='{today}']")
    assert page.locator(".status-badge").first.inner_text() == chifeng[lang]
    if hohhot:
        page.goto(f"{site_url}{LANGS[lang]}")
        page.wait_for_selector(f"html[data-status-date='{today}']")
        badges = page.locator(".status-badge").all_inner_texts()
        assert hohhot[lang] in badges
        # ended programs are set apart on the home page, and still linked
        ended = page.locator(".programs-ended")
        assert ended.count() >= 1
        assert ended.locator("a[href*='programs/cn-nm-chifeng/training-base']").count() == 1


@pytest.mark.parametrize("lang", LANGS)
def test_a_jurisdiction_page_lists_every_program_open_there_by_level(page, site_url, lang):
    page.goto(f"{site_url}{LANGS[lang]}jurisdictions/cn-nm-hohhot/")
    links = page.locator("article a[href*='/programs/']").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    programs = [link.split("programs/")[1].rstrip("/") for link in links]
    assert programs[0] == "cn-nm-hohhot/master-studio"
    assert {"cn-nm/master-studio-national", "cn-nm/master-studio-regional", "cn/training-base"} <= set(programs)
    assert not any(p.startswith("cn-nm-chifeng/") for p in programs)
    headings = [h.rstrip("¶") for h in page.locator("article h3").all_inner_texts()]
    assert (
        headings[:3]
        == {
            "zh": ["市级项目", "自治区级项目", "国家级项目"],
            "en": ["City programs", "Autonomous region programs", "National programs"],
        }[lang]
    )
