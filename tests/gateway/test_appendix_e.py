"""Appendix E on the embedded service: E-C2, E-C3, E-G5 with the spec's own demos."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from httpx import Client
from sqlalchemy import create_engine

from patrol_app.settings import Settings

DATA = Path(__file__).parent / "data"
REGISTER = "/service/video.VideoInformation"
DELETE = "/service/video.VideoInformationDel"
HEADERS = {"Content-Type": "application/json", "AppVersion": "1.0", "DeviceCode": "gw-test"}


def demo_text(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def corrected_e31() -> list[dict[str, Any]]:
    """The E 3.1 demo with its one syntax error (missing comma) mended."""
    text = demo_text("e31_request_demo.json").replace('"pushType":2\n', '"pushType":2,\n')
    return json.loads(text)


def post(api: Client, path: str, body: str | bytes) -> dict[str, Any]:
    reply = api.post(path, content=body, headers=HEADERS)
    assert reply.status_code == 200, reply.text  # Appendix E 1.4: HTTP 200, business code inside
    return reply.json()


def test_e31_demo_as_written_is_refused_saying_where_it_broke(api: Client) -> None:
    """E-C2: the demo lacks a comma after "pushType":2: 400 naming line 74, nothing stored."""
    reply = post(api, REGISTER, demo_text("e31_request_demo.json").encode())
    assert reply["code"] == 400
    assert "第 74 行" in reply["msg"] and "第 1 列" in reply["msg"]
    assert api.get("/service/status.CheckGateway").json()["data"]["cameraCount"] == 0


def test_e31_corrected_demo_upserts_with_a_status_per_camera(api: Client) -> None:
    """E-C2: both demo cameras stored; sending them again updates rather than duplicates."""
    cameras = corrected_e31()
    reply = post(api, REGISTER, json.dumps(cameras))
    assert reply["code"] == 200
    assert [(r["cameraNum"], r["status"]) for r in reply["data"]] == [
        (c["cameraNum"], 0) for c in cameras
    ]
    cameras[1]["cameraNameSuffix"] = "改名后"
    assert [r["status"] for r in post(api, REGISTER, json.dumps(cameras))["data"]] == [0, 0]
    listed = api.get("/api/v1/cameras").json()["data"]
    assert len(listed) == 2
    by_num = {c["cameraNum"]: c for c in listed}
    assert by_num[cameras[1]["cameraNum"]]["cameraNameSuffix"] == "改名后"
    assert by_num[cameras[0]["cameraNum"]]["pileNum"] == "K1844+158"


def test_a_works_zone_camera_is_listed_with_its_patrol_site(api: Client) -> None:
    """P-2: a temporary camera of a construction section says so in ``others`` (patrolSite),
    and the sharing API passes it on so that the workstation puts it on the key list."""
    cameras = corrected_e31()
    cameras[0]["others"] = json.dumps({"patrolSite": "construction"})
    assert post(api, REGISTER, json.dumps(cameras))["code"] == 200
    listed = {c["cameraNum"]: c for c in api.get("/api/v1/cameras").json()["data"]}
    assert listed[cameras[0]["cameraNum"]]["patrolSite"] == "construction"
    assert listed[cameras[1]["cameraNum"]]["patrolSite"] == ""


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("classify", 9),
        ("cameraOrientation", 0),
        ("cameraType", 5),
        ("hasControl", True),
        ("pushType", 3),
        ("areaCode", 4402),
        ("pileNum", "K12+"),
        ("longAndLati", "118.7741,32.247"),
        ("cameraNum", str(uuid.uuid1())),
        ("cameraName", ""),
    ],
)
def test_invalid_field_fails_that_camera_only_naming_the_field(
    api: Client, field: str, value: Any
) -> None:
    """E-C2, N-3: status 1 with the field in msg; the valid neighbour is still stored."""
    good, bad = corrected_e31()
    bad[field] = value
    reply = post(api, REGISTER, json.dumps([good, bad]))
    assert reply["code"] == 200
    assert reply["data"][0]["status"] == 0
    assert reply["data"][1]["status"] == 1
    assert field in reply["data"][1]["msg"]
    assert [c["cameraNum"] for c in api.get("/api/v1/cameras").json()["data"]] == [
        good["cameraNum"]
    ]


def test_a_camera_is_stored_whole_or_not_at_all(api: Client) -> None:
    """E-C2: an update with one bad field leaves the stored camera exactly as it was."""
    first, _ = corrected_e31()
    post(api, REGISTER, json.dumps([first]))
    before = api.get("/api/v1/cameras").json()["data"]
    changed = dict(first, cameraName="新名称", classify="x")
    assert post(api, REGISTER, json.dumps([changed]))["data"][0]["status"] == 1
    assert api.get("/api/v1/cameras").json()["data"] == before


def test_a_camera_the_database_refuses_gets_status_1(api: Client, tmp_path: Path) -> None:
    """A database failure fails that camera only, named by its kind (the store's own
    DatabaseError reaches the registry, not SQLAlchemy's)."""
    first, second = corrected_e31()
    engine = create_engine(Settings.load(tmp_path).database_url)
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "create trigger refuse_camera before insert on camera "
            f"when new.camera_num = '{second['cameraNum']}' "
            "begin select raise(abort, 'refused'); end"
        )
    engine.dispose()
    reply = post(api, REGISTER, json.dumps([first, second]))
    assert [(item["status"], item["msg"]) for item in reply["data"]] == [
        (0, "成功"),
        (1, "存储失败：IntegrityError"),
    ]
    assert [c["cameraNum"] for c in api.get("/api/v1/cameras").json()["data"]] == [
        first["cameraNum"]
    ]


def test_e32_demo_deletes_known_and_reports_unknown(api: Client) -> None:
    """E-C3: the spec's demo as written; unknown cameras get status 1, known ones status 0."""
    cameras = corrected_e31()
    post(api, REGISTER, json.dumps(cameras))
    reply = post(api, DELETE, demo_text("e32_request_demo.json").encode())
    assert reply["code"] == 200
    assert len(reply["data"]) == 10
    assert {r["status"] for r in reply["data"]} == {1}
    reply = post(api, DELETE, json.dumps({"cameras": [cameras[0]["cameraNum"], "nope"]}))
    assert [r["status"] for r in reply["data"]] == [0, 1]
    assert api.get("/service/status.CheckGateway").json()["data"]["cameraCount"] == 1
    # Deleting again: the camera is no longer registered.
    assert (
        post(api, DELETE, json.dumps({"cameras": [cameras[0]["cameraNum"]]}))["data"][0]["status"]
        == 1
    )


def test_e32_refuses_more_than_100(api: Client) -> None:
    """E-C3: at most 100 camera numbers per call."""
    body = json.dumps({"cameras": [str(uuid.uuid4()) for _ in range(101)]})
    reply = post(api, DELETE, body)
    assert reply["code"] == 400 and "100" in reply["msg"]


def test_e_g5_reports_time_and_camera_count(api: Client) -> None:
    """E-G5: systemTime in unix seconds, cameraCount of registered cameras."""
    post(api, REGISTER, json.dumps(corrected_e31()))
    data = api.get("/service/status.CheckGateway").json()
    assert data["code"] == 200
    assert data["data"]["cameraCount"] == 2
    assert isinstance(data["data"]["systemTime"], int) and data["data"]["systemTime"] > 1.7e9


@pytest.mark.parametrize(
    ("path", "body"),
    [
        (REGISTER, b""),
        (REGISTER, b"{"),
        (REGISTER, b"\xff\xfe\x00"),
        (REGISTER, b"null"),
        (REGISTER, b'{"cameras": []}'),
        (REGISTER, b'[1, "x", null, [], {}]'),
        (REGISTER, b'[{"cameraNum": {"a": 1}}]'),
        (DELETE, b"[]"),
        (DELETE, b'{"cameras": "abc"}'),
        (DELETE, b'{"cameras": [1, null, {"a": 2}]}'),
        (DELETE, b"1e999999"),
    ],
)
def test_no_input_gives_a_server_error(api: Client, path: str, body: bytes) -> None:
    """Bad input gets the envelope with 400 (or per-camera status 1), never a 5xx."""
    reply = post(api, path, body)
    assert reply["code"] in (200, 400)
    if reply["code"] == 200:
        assert all(item["status"] == 1 for item in reply["data"])
    else:
        assert reply["msg"]


def test_unknown_path_and_wrong_method_answer_in_the_envelope(api: Client) -> None:
    reply = api.get("/service/video.Nothing")
    assert reply.status_code == 404 and reply.json()["code"] == 404
    reply = api.get(REGISTER)
    assert reply.status_code == 405 and reply.json()["code"] == 400
