"""The program page's materials checklist (generator/site/checklist.py) against the definitions."""

from __future__ import annotations

import pytest

from generator.core import application_schema
from generator.site.checklist import materials_checklist


def test_every_tick_the_validator_can_make_has_its_box_on_the_program_page(catalog):
    for program_id, program in catalog["programs"].items():
        field = application_schema(catalog, program_id)["properties"].get("materials")
        choices = set(field["items"]["enum"]) if field else set()
        listed = {item["id"] for item in program.get("materials", [])}
        assert choices <= listed, f"{program_id}: /materials choices not on the program page: {choices - listed}"
        checklist = materials_checklist(catalog, program_id)
        assert {item["id"] for item in checklist["items"] if item["tickable"]} == choices
        assert [item["id"] for item in checklist["items"]] == [item["id"] for item in program.get("materials", [])]
        assert checklist["seed"] == {"program": program_id}


@pytest.mark.parametrize(
    ("program_id", "untickable"),
    [("cn-nm/master-studio-national", {"league-recommendation"}), ("cn/training-base", {"local-materials"})],
)
def test_a_material_the_applicant_does_not_enclose_gets_no_box(catalog, program_id, untickable):
    items = materials_checklist(catalog, program_id)["items"]
    assert {item["id"] for item in items if not item["tickable"]} == untickable
