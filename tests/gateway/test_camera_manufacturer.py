"""The Appendix C table's 厂家名称 (R-2): E 3.1 has no manufacturer field, so a site keeps it in
``others`` (its extension field) and the sharing API passes it on beside the E 3.1 fields."""

from __future__ import annotations

import json

from httpx import Client

from patrol_app.domain.camera import camera_entry_from_json
from tests.gateway.test_appendix_e import REGISTER, corrected_e31, post


def test_the_manufacturer_in_others_reaches_the_workstation(api: Client) -> None:
    cameras = corrected_e31()
    cameras[0]["others"] = json.dumps({"manufacturer": " 海康威视 "}, ensure_ascii=False)
    cameras[1]["cameraNameSuffix"] = "上行1号"
    assert post(api, REGISTER, json.dumps(cameras))["code"] == 200
    listed = {c["cameraNum"]: c for c in api.get("/api/v1/cameras").json()["data"]}
    first = camera_entry_from_json(listed[cameras[0]["cameraNum"]])
    second = camera_entry_from_json(listed[cameras[1]["cameraNum"]])
    assert (first.manufacturer, second.manufacturer) == ("海康威视", "")
    assert second.name_suffix == "上行1号"
