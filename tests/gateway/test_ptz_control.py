"""E-G3 ``video.PTZControl`` on the embedded service: the driver, priority (Z-4), audit (Z-3)."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from httpx import Client

from patrol_app.domain.ptz import (
    DEFAULT_IDLE_RELEASE,
    Controller,
    ControlLevel,
    PtzAction,
    PtzCommand,
)
from patrol_app.gateway.app import GatewayServices, build_services
from patrol_app.gateway.ptz import PtzPosition, RecordingDriver
from patrol_app.settings import Settings
from patrol_app.store.ptz import PtzAuditView
from tests.gateway.test_appendix_e import (
    DELETE,
    HEADERS,
    REGISTER,
    corrected_e31,
    demo_text,
    post,
)

PTZ = "/service/video.PTZControl"
SUPERVISOR = Controller("张主管", ControlLevel.SECTION_SUPERVISOR, "workstation")


class FakeMonotonic:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def monotonic() -> FakeMonotonic:
    return FakeMonotonic()


@pytest.fixture
def services(tmp_path: Path, monotonic: FakeMonotonic) -> GatewayServices:
    """The conftest's services, with the PTZ sessions timed by ``monotonic``."""
    return build_services(Settings.load(tmp_path, idle_stop_seconds=2.0), monotonic=monotonic)


@pytest.fixture
def cameras(api: Client) -> list[str]:
    """The two E 3.1 demo cameras, registered through E-C2: the first controllable, the
    second not (hasControl = 0)."""
    demo = corrected_e31()
    assert [camera["hasControl"] for camera in demo] == [1, 1]
    demo[1]["hasControl"] = 0
    reply = post(api, REGISTER, json.dumps(demo))
    assert [item["status"] for item in reply["data"]] == [0, 0]
    return [camera["cameraNum"] for camera in demo]


def driver(services: GatewayServices) -> RecordingDriver:
    assert isinstance(services.ptz.driver, RecordingDriver)
    return services.ptz.driver


def command(api: Client, camera_num: str, action: int, step: int | None = None) -> Any:
    body: dict[str, Any] = {"cameraNum": camera_num, "action": action}
    if step is not None:
        body["step"] = step
    return post(api, PTZ, json.dumps(body))


def audit(services: GatewayServices) -> list[PtzAuditView]:
    """The whole PTZ audit, oldest first."""
    start, end = datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC)
    return list(reversed(services.ptz.audit.browse(start=start, end=end)))


def test_every_action_reaches_the_driver_and_the_audit(
    api: Client, services: GatewayServices, cameras: list[str]
) -> None:
    """Actions 1-12 move the simulated camera as they say; each is audited as the province
    platform named by its DeviceCode."""
    cam = cameras[0]
    steps: list[tuple[PtzAction, int, PtzPosition]] = [
        (PtzAction.ZOOM_OUT, 1, PtzPosition()),  # already widest: stays at 1.0
        (PtzAction.LEFT, 3, PtzPosition(pan=-3)),
        (PtzAction.RIGHT, 8, PtzPosition(pan=5)),
        (PtzAction.UP, 2, PtzPosition(pan=5, tilt=2)),
        (PtzAction.DOWN, 5, PtzPosition(pan=5, tilt=-3)),
        (PtzAction.ZOOM_IN, 8, PtzPosition(pan=5, tilt=-3, zoom=3.0)),
        (PtzAction.ZOOM_OUT, 2, PtzPosition(pan=5, tilt=-3, zoom=2.5)),
        (PtzAction.ZOOM_IN, 8, PtzPosition(pan=5, tilt=-3, zoom=4.5)),
        (PtzAction.ZOOM_IN, 8, PtzPosition(pan=5, tilt=-3, zoom=6.5)),
        (PtzAction.ZOOM_IN, 8, PtzPosition(pan=5, tilt=-3, zoom=8.0)),  # clamped
    ]
    steps += [
        (PtzAction.FOCUS_NEAR, 1, PtzPosition(5, -3, 8.0, focus=PtzAction.FOCUS_NEAR)),
        (PtzAction.FOCUS_FAR, 4, PtzPosition(5, -3, 8.0, focus=PtzAction.FOCUS_FAR)),
        (PtzAction.IRIS_OPEN, 2, PtzPosition(5, -3, 8.0, PtzAction.FOCUS_FAR, PtzAction.IRIS_OPEN)),
        (
            PtzAction.IRIS_CLOSE,
            7,
            PtzPosition(5, -3, 8.0, PtzAction.FOCUS_FAR, PtzAction.IRIS_CLOSE),
        ),
        (
            PtzAction.LIGHT_ON,
            1,
            PtzPosition(5, -3, 8.0, PtzAction.FOCUS_FAR, PtzAction.IRIS_CLOSE, light=True),
        ),
        (
            PtzAction.LIGHT_OFF,
            3,
            PtzPosition(5, -3, 8.0, PtzAction.FOCUS_FAR, PtzAction.IRIS_CLOSE, light=False),
        ),
    ]
    assert driver(services).position(cam) == PtzPosition()
    for action, step, expected in steps:
        reply = command(api, cam, int(action), step)
        assert (reply["code"], reply["msg"]) == (200, "成功"), (action, reply)
        assert driver(services).position(cam) == expected, action
    assert driver(services).commands == [PtzCommand(cam, a, s) for a, s, _ in steps]
    assert driver(services).position(cameras[1]) == PtzPosition()  # the other camera: unmoved

    rows = audit(services)
    assert [(row.action, row.step) for row in rows] == [(int(a), s) for a, s, _ in steps]
    assert {row.action for row in rows} == set(range(1, 13))
    assert {
        (row.camera_num, row.operator, row.level, row.source, row.kind, row.result, row.detail)
        for row in rows
    } == {(cam, "gw-test", "province", "platform", "command", "ok", "")}


def test_a_caller_without_device_code_is_recorded_as_the_platform(
    api: Client, services: GatewayServices, cameras: list[str]
) -> None:
    """Actions 7-12 may leave out the step: it is then 1."""
    body = json.dumps({"cameraNum": cameras[0], "action": "12"})
    headers = {key: value for key, value in HEADERS.items() if key != "DeviceCode"}
    reply = api.post(PTZ, content=body, headers=headers).json()
    assert reply["code"] == 200
    assert driver(services).commands == [PtzCommand(cameras[0], PtzAction.LIGHT_ON, 1)]
    [row] = audit(services)
    assert (row.operator, row.level, row.action, row.step) == ("platform", "province", 12, 1)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"action": 1, "step": 0}, "step"),
        ({"action": 1, "step": 9}, "step"),
        ({"action": 5}, "step"),
        ({"action": 13, "step": 1}, "action"),
        ({"action": 0, "step": 1}, "action"),
        ({"step": 1}, "action"),
        ({"cameraNum": "", "action": 1, "step": 1}, "cameraNum"),
    ],
)
def test_an_invalid_field_is_400_naming_it_and_reaches_nothing(
    api: Client, services: GatewayServices, cameras: list[str], body: dict[str, Any], field: str
) -> None:
    reply = post(api, PTZ, json.dumps({"cameraNum": cameras[0], **body}))
    assert reply["code"] == 400
    assert field in reply["msg"]
    assert driver(services).commands == []
    assert audit(services) == []  # not a command yet: nothing to audit


def test_the_spec_demo_as_written_is_400_naming_where_it_broke(
    api: Client, services: GatewayServices
) -> None:
    """E 5.3's demo ends with "}," (line 9): malformed JSON. Without that comma it is a valid
    command for a camera that is not registered here."""
    text = demo_text("e53_request_demo.json")
    assert text.rstrip().endswith("},")
    reply = post(api, PTZ, text.encode())
    assert reply["code"] == 400
    assert "第 9 行" in reply["msg"] and "第 2 列" in reply["msg"]
    assert audit(services) == []

    reply = post(api, PTZ, text.rstrip().removesuffix(",").encode())
    assert reply["code"] == 404
    assert reply["msg"] == "摄像机 baee05a7-166a-48f8-9a57-3754c1a7ac65 不存在"
    [row] = audit(services)
    assert (row.camera_num, row.action, row.step, row.result) == (
        "baee05a7-166a-48f8-9a57-3754c1a7ac65",
        1,
        5,
        "refused",
    )


def test_unknown_and_removed_cameras_are_404_and_audited(
    api: Client, services: GatewayServices, cameras: list[str]
) -> None:
    long_num = "x" * 60
    assert command(api, long_num, 3, 2)["code"] == 404
    assert post(api, DELETE, json.dumps({"cameras": [cameras[0]]}))["data"][0]["status"] == 0
    reply = command(api, cameras[0], 1, 1)
    assert reply["code"] == 404
    assert cameras[0] in reply["msg"] and "不存在" in reply["msg"]
    assert driver(services).commands == []
    rows = audit(services)
    assert [(row.camera_num, row.result) for row in rows] == [
        ("x" * 35 + "…", "refused"),  # cut to the audit's column, marked as cut
        (cameras[0], "refused"),
    ]
    assert rows[1].detail == reply["msg"]


def test_a_camera_without_control_is_403_and_audited(
    api: Client, services: GatewayServices, cameras: list[str]
) -> None:
    reply = command(api, cameras[1], 2, 4)
    assert reply["code"] == 403
    assert "hasControl = 0" in reply["msg"] and "不可控制" in reply["msg"]
    assert driver(services).commands == []
    [row] = audit(services)
    assert (row.camera_num, row.action, row.result, row.detail) == (
        cameras[1],
        2,
        "refused",
        reply["msg"],
    )


def test_a_section_supervisor_keeps_the_camera_until_idle(
    api: Client, services: GatewayServices, cameras: list[str], monotonic: FakeMonotonic
) -> None:
    """Z-4: the province platform is refused while the section holds the camera, and gets it
    once the holder has been idle for the release time."""
    cam = cameras[0]
    held = asyncio.run(services.ptz.control(cam, PtzCommand(cam, PtzAction.UP, 1), SUPERVISOR))
    assert held.ok and held.decision is not None and held.decision.holder == SUPERVISOR

    monotonic.now += DEFAULT_IDLE_RELEASE - 0.5
    reply = command(api, cam, 1, 8)
    assert reply["code"] == 403
    assert "张主管" in reply["msg"] and "路段主管" in reply["msg"]
    assert driver(services).position(cam) == PtzPosition(tilt=1)  # the refused move: not sent

    monotonic.now += 0.5
    assert command(api, cam, 1, 8)["code"] == 200
    assert driver(services).position(cam) == PtzPosition(pan=-8, tilt=1)
    holder = services.ptz.sessions.holder(cam, monotonic.now)
    assert holder is not None and holder.controller.name == "gw-test"

    rows = audit(services)
    assert [(row.operator, row.level, row.source, row.result) for row in rows] == [
        ("张主管", "section_supervisor", "workstation", "ok"),
        ("gw-test", "province", "platform", "refused"),
        ("gw-test", "province", "platform", "ok"),
    ]
    assert rows[1].detail == reply["msg"]


def test_the_section_takes_over_from_the_province_at_once(
    api: Client, services: GatewayServices, cameras: list[str]
) -> None:
    """The workstation's path is the same one: a supervisor outranks the platform's session."""
    cam = cameras[0]
    assert command(api, cam, 2, 1)["code"] == 200
    outcome = asyncio.run(services.ptz.control(cam, PtzCommand(cam, PtzAction.LEFT, 2), SUPERVISOR))
    assert outcome.ok
    assert driver(services).position(cam) == PtzPosition(pan=-1)
    rows = audit(services)
    assert rows[-1].detail == "已从 省级平台 gw-test 接管摄像机控制"


def test_a_device_error_is_500_with_its_message_and_audited_as_failed(
    api: Client, services: GatewayServices, cameras: list[str]
) -> None:
    driver(services).fail(cameras[0], "设备无响应")
    reply = command(api, cameras[0], 6, 3)
    assert reply["code"] == 500
    assert "设备无响应" in reply["msg"]
    [row] = audit(services)
    assert (row.result, row.action, row.step) == ("failed", 6, 3)
    assert "设备无响应" in row.detail

    driver(services).fail(cameras[0], None)
    assert command(api, cameras[0], 6, 3)["code"] == 200
    assert driver(services).position(cameras[0]) == PtzPosition(zoom=1.75)
