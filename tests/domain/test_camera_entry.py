"""A camera of the sharing API's list (spec 8.6a) parsed once into the domain's CameraEntry."""

from __future__ import annotations

from typing import Any

import pytest

from patrol_app.domain.camera import CameraEntry, CameraFieldError, camera_entry_from_json

ITEM: dict[str, Any] = {
    "cameraNum": "2b1f0f7e-1c2d-4e5f-8a9b-0c1d2e3f4a5b",
    "cameraName": "G4 K100+200 上行",
    "department": "广东省 路段A",
    "road": "G4",
    "roadName": "京港澳高速",
    "roadSec": "路段A",
    "classify": 0,
    "poiName": "",
    "pileNum": "K100+200",
    "cameraOrientation": 1,
    "hasControl": 1,
    "online": True,
    "patrolSite": "tunnel",
}


def test_an_element_becomes_an_entry() -> None:
    assert camera_entry_from_json(ITEM) == CameraEntry(
        camera_num=ITEM["cameraNum"],
        name="G4 K100+200 上行",
        department="广东省 路段A",
        road="G4",
        road_name="京港澳高速",
        road_sec="路段A",
        classify=0,
        poi_name="",
        pile="K100+200",
        orientation=1,
        has_control=True,
        online=True,
        patrol_site="tunnel",
    )


def test_without_a_patrol_site_the_classify_decides() -> None:
    item = {key: value for key, value in ITEM.items() if key != "patrolSite"}
    assert camera_entry_from_json(item).patrol_site == ""
    assert camera_entry_from_json({**ITEM, "patrolSite": None}).patrol_site == ""


def test_an_unknown_classify_is_kept_for_the_patrol_rules() -> None:
    assert camera_entry_from_json({**ITEM, "classify": 9}).classify == 9


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"cameraNum": None}, "cameraNum"),
        ({"pileNum": 100}, "pileNum"),
        ({"classify": "路面"}, "classify"),
        ({"cameraOrientation": None}, "cameraOrientation"),
        ({"patrolSite": 3}, "patrolSite"),
    ],
)
def test_a_wrong_field_is_named(change: dict[str, Any], field: str) -> None:
    with pytest.raises(CameraFieldError) as raised:
        camera_entry_from_json({**ITEM, **change})
    assert raised.value.field == field
    assert field in raised.value.message


def test_an_element_that_is_no_object_is_refused() -> None:
    with pytest.raises(CameraFieldError, match="JSON 对象"):
        camera_entry_from_json(["G4"])
