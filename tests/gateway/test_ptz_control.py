"""PTZ on the embedded service: E-G3 ``video.PTZControl`` and the workstation's routes
(gateway/workstation.py); priority (Z-4), audit (Z-3), presets (Z-5), never a camera left
moving (Z-1). The driver records what reaches it (tests/gateway/ptz_fakes.py)."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from httpx import Client

from patrol_app.domain.ptz import DEFAULT_IDLE_RELEASE, MOVE_KEEPALIVE_SECONDS, PtzAction
from patrol_app.domain.ptz_records import PtzAuditView
from patrol_app.gateway.app import GatewayServices, build_services, create_app
from patrol_app.gateway.ptz import DEVICE_REFRESH_SECONDS, STEP_PULSE_SECONDS
from patrol_app.settings import Settings
from patrol_app.store.database import DatabaseError
from patrol_app.store.ptz import PtzAuditEntry
from tests.conftest import serving
from tests.gateway.ptz_fakes import DriverCall, RecordingDriver
from tests.gateway.test_appendix_e import (
    DELETE,
    HEADERS,
    REGISTER,
    corrected_e31,
    demo_text,
    post,
)

PTZ = "/service/video.PTZControl"
WORKSTATION = "/workstation/ptz/"
SUPERVISOR = "张主管"
OPERATOR = "李值班"


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
    """The conftest's services with a recording driver, the PTZ sessions timed by
    ``monotonic`` and 张主管 a supervisor of the section."""
    settings = Settings.load(tmp_path, idle_stop_seconds=2.0, supervisors=SUPERVISOR)
    return build_services(settings, monotonic=monotonic, ptz_driver=RecordingDriver())


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


def workstation(api: Client, route: str, camera_num: str, operator: str, **fields: Any) -> Any:
    body = {"cameraNum": camera_num, "operator": operator, **fields}
    return post(api, WORKSTATION + route, json.dumps(body, ensure_ascii=False))


def audit(services: GatewayServices) -> list[PtzAuditView]:
    """The whole PTZ audit, oldest first."""
    start, end = datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC)
    return list(reversed(services.ptz.audit.browse(start=start, end=end)))


def wait_for_audit(services: GatewayServices, count: int) -> list[PtzAuditView]:
    """The audit once it has ``count`` rows (AssertionError after 5 s)."""
    deadline = time.monotonic() + 5
    while len(rows := audit(services)) < count:
        assert time.monotonic() < deadline, rows
        time.sleep(0.01)
    return rows


def test_every_action_and_step_reaches_the_camera_and_the_audit(
    api: Client, services: GatewayServices, cameras: list[str]
) -> None:
    """E 5.3: each of the 96 commands moves the camera (or switches its light) at its step;
    a command moves the camera for a pulse, then the service stops it (STEP_PULSE_SECONDS)."""
    cam = cameras[0]
    sent = [(action, step) for action in PtzAction for step in range(1, 9)]
    for action, step in sent:
        reply = command(api, cam, int(action), step)
        assert (reply["code"], reply["msg"]) == (200, "成功"), (action, step, reply)
    moves = [DriverCall(cam, "move", action, step) for action, step in sent]
    assert driver(services).calls == moves  # each command replaced the one before it

    assert command(api, cam, int(PtzAction.LEFT), 2)["code"] == 200
    calls = driver(services).wait_for(len(moves) + 2, timeout=STEP_PULSE_SECONDS + 5)
    assert calls[-2:] == [DriverCall(cam, "move", PtzAction.LEFT, 2), DriverCall(cam, "stop")]
    assert not services.ptz.moving(cam)

    rows = audit(services)
    assert [(row.action, row.step) for row in rows] == [
        (int(a), s) for a, s in [*sent, (PtzAction.LEFT, 2)]
    ]  # the pulse's end is part of its command: not a row of its own
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
    assert driver(services).calls == [DriverCall(cameras[0], "move", PtzAction.LIGHT_ON, 1)]
    assert not services.ptz.moving(cameras[0])  # a light is switched, not moving
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
    assert driver(services).calls == []
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
    assert driver(services).calls == []
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
    assert driver(services).calls == []
    [row] = audit(services)
    assert (row.camera_num, row.action, row.result, row.detail) == (
        cameras[1],
        2,
        "refused",
        reply["msg"],
    )


def test_priority_supervisor_operator_province(
    api: Client, services: GatewayServices, cameras: list[str], monotonic: FakeMonotonic
) -> None:
    """Z-4 (Done-when): an operator is refused while a supervisor holds the camera and gets it
    after the idle release; a province command never overrides a section holder."""
    cam = cameras[0]
    assert workstation(api, "move", cam, SUPERVISOR, action=3, step=1)["code"] == 200
    assert workstation(api, "stop", cam, SUPERVISOR)["code"] == 200

    monotonic.now += DEFAULT_IDLE_RELEASE - 0.5
    refused = workstation(api, "move", cam, OPERATOR, action=1, step=8)
    assert refused["code"] == 403
    assert SUPERVISOR in refused["msg"] and "路段主管" in refused["msg"]
    platform = command(api, cam, 1, 8)
    assert platform["code"] == 403 and SUPERVISOR in platform["msg"]
    assert driver(services).calls == [
        DriverCall(cam, "move", PtzAction.UP, 1),
        DriverCall(cam, "stop"),
    ]  # the refused moves: not sent

    monotonic.now += 0.5  # the supervisor has been idle for the release time
    assert workstation(api, "move", cam, OPERATOR, action=1, step=8)["code"] == 200
    assert workstation(api, "stop", cam, OPERATOR)["code"] == 200
    holder = services.ptz.holder(cam)
    assert holder is not None and holder.controller.name == OPERATOR

    monotonic.now += DEFAULT_IDLE_RELEASE - 0.5
    assert command(api, cam, 2, 1)["code"] == 403  # the operator is section level too

    rows = audit(services)
    assert [(row.operator, row.level, row.source, row.kind, row.result) for row in rows] == [
        (SUPERVISOR, "section_supervisor", "workstation", "command", "ok"),
        (SUPERVISOR, "section_supervisor", "workstation", "stop", "ok"),
        (OPERATOR, "section_operator", "workstation", "command", "refused"),
        ("gw-test", "province", "platform", "command", "refused"),
        (OPERATOR, "section_operator", "workstation", "command", "ok"),
        (OPERATOR, "section_operator", "workstation", "stop", "ok"),
        ("gw-test", "province", "platform", "command", "refused"),
    ]
    assert rows[2].detail == refused["msg"]


def test_the_section_takes_over_from_the_province_at_once(
    api: Client, services: GatewayServices, cameras: list[str]
) -> None:
    cam = cameras[0]
    assert command(api, cam, 2, 1)["code"] == 200
    assert workstation(api, "move", cam, OPERATOR, action=1, step=2)["code"] == 200
    assert driver(services).calls[-1] == DriverCall(cam, "move", PtzAction.LEFT, 2)
    assert audit(services)[-1].detail == "已从 省级平台 gw-test 接管摄像机控制"
    # The province's next command is refused, naming who holds the camera now.
    reply = command(api, cam, 2, 1)
    assert reply["code"] == 403 and OPERATOR in reply["msg"]
    assert workstation(api, "stop", cam, OPERATOR)["code"] == 200


def test_a_held_move_is_sent_once_and_stops_on_release_of_the_button(
    api: Client, services: GatewayServices, cameras: list[str], monotonic: FakeMonotonic
) -> None:
    """The workstation repeats its move while the button is held: the camera gets it once
    (again after DEVICE_REFRESH_SECONDS), the audit has it once; the stop stops it."""
    cam = cameras[0]
    for _ in range(3):
        assert workstation(api, "move", cam, OPERATOR, action=6, step=4)["code"] == 200
    assert services.ptz.moving(cam)
    monotonic.now += DEVICE_REFRESH_SECONDS  # held that long: the camera gets it again
    assert workstation(api, "move", cam, OPERATOR, action=6, step=4)["code"] == 200
    assert workstation(api, "move", cam, OPERATOR, action=6, step=7)["code"] == 200  # faster
    assert workstation(api, "stop", cam, OPERATOR)["code"] == 200
    assert not services.ptz.moving(cam)
    assert driver(services).calls == [
        DriverCall(cam, "move", PtzAction.ZOOM_IN, 4),
        DriverCall(cam, "move", PtzAction.ZOOM_IN, 4),
        DriverCall(cam, "move", PtzAction.ZOOM_IN, 7),
        DriverCall(cam, "stop"),
    ]
    rows = audit(services)
    assert [(row.kind, row.action, row.step) for row in rows] == [
        ("command", 6, 4),
        ("command", 6, 7),
        ("stop", None, None),
    ]


def test_a_held_diagonal_is_one_move_of_both_axes_and_one_audit_row(
    api: Client, services: GatewayServices, cameras: list[str], monotonic: FakeMonotonic
) -> None:
    """A pan with a tilt: one driver call carrying both, its repeats neither sent again nor
    audited (same action, tilt and speed); the audit's row has the pan as its action and says
    the tilt; the same pan without the tilt is a new move; the stop stops both axes."""
    cam = cameras[0]
    for _ in range(3):
        assert workstation(api, "move", cam, OPERATOR, action=1, step=5, tilt=3)["code"] == 200
    monotonic.now += DEVICE_REFRESH_SECONDS - 0.1
    assert workstation(api, "move", cam, OPERATOR, action=1, step=5, tilt=3)["code"] == 200
    assert driver(services).calls == [DriverCall(cam, "move", PtzAction.LEFT, 5, PtzAction.UP)]
    assert workstation(api, "move", cam, OPERATOR, action=1, step=5, tilt=4)["code"] == 200
    assert workstation(api, "move", cam, OPERATOR, action=1, step=5)["code"] == 200
    assert workstation(api, "stop", cam, OPERATOR)["code"] == 200
    assert not services.ptz.moving(cam)
    assert driver(services).calls == [
        DriverCall(cam, "move", PtzAction.LEFT, 5, PtzAction.UP),
        DriverCall(cam, "move", PtzAction.LEFT, 5, PtzAction.DOWN),
        DriverCall(cam, "move", PtzAction.LEFT, 5),
        DriverCall(cam, "stop"),  # every axis
    ]
    rows = audit(services)
    assert [(row.kind, row.action, row.step, row.result, row.detail) for row in rows] == [
        ("command", 1, 5, "ok", "斜向：向左+向上"),
        ("command", 1, 5, "ok", "斜向：向左+向下"),
        ("command", 1, 5, "ok", ""),
        ("stop", None, None, "ok", ""),
    ]


def test_a_refused_diagonal_says_its_tilt_and_the_refusal(
    api: Client, services: GatewayServices, cameras: list[str]
) -> None:
    cam = cameras[0]
    assert workstation(api, "move", cam, SUPERVISOR, action=3, step=1)["code"] == 200
    refused = workstation(api, "move", cam, OPERATOR, action=2, step=8, tilt=4)
    assert refused["code"] == 403
    assert driver(services).calls == [DriverCall(cam, "move", PtzAction.UP, 1)]
    row = audit(services)[-1]
    assert (row.operator, row.action, row.result) == (OPERATOR, 2, "refused")
    assert row.detail == f"斜向：向右+向下；{refused['msg']}"


def test_an_e53_command_stays_one_action(
    api: Client, services: GatewayServices, cameras: list[str]
) -> None:
    """E 5.3 has no diagonals: a ``tilt`` in a platform's command is ignored, as any key the
    spec does not define."""
    body = {"cameraNum": cameras[0], "action": 1, "step": 3, "tilt": 3}
    assert post(api, PTZ, json.dumps(body))["code"] == 200
    assert driver(services).calls[0] == DriverCall(cameras[0], "move", PtzAction.LEFT, 3)
    assert audit(services)[0].detail == ""


def test_a_workstation_that_goes_quiet_leaves_no_camera_moving(
    api: Client, services: GatewayServices, cameras: list[str]
) -> None:
    """No repeat and no stop (a crashed workstation): the service stops the camera
    MOVE_KEEPALIVE_SECONDS after the last move and says so in the audit."""
    cam = cameras[0]
    assert workstation(api, "move", cam, OPERATOR, action=1, step=5)["code"] == 200
    calls = driver(services).wait_for(2, timeout=MOVE_KEEPALIVE_SECONDS + 5)
    assert calls == [DriverCall(cam, "move", PtzAction.LEFT, 5), DriverCall(cam, "stop")]
    rows = wait_for_audit(services, 2)  # written just after the stop
    assert [(row.operator, row.kind, row.result) for row in rows] == [
        (OPERATOR, "command", "ok"),
        (OPERATOR, "stop", "ok"),
    ]
    assert rows[1].detail == f"{MOVE_KEEPALIVE_SECONDS:g} 秒内未收到继续指令，自动停止"


def test_stopping_the_service_stops_the_cameras_it_moves(
    services: GatewayServices, tmp_path: Path
) -> None:
    with serving(create_app(services)) as base_url, Client(base_url=base_url) as api:
        demo = corrected_e31()
        post(api, REGISTER, json.dumps(demo))
        cam = demo[0]["cameraNum"]
        assert workstation(api, "move", cam, OPERATOR, action=4, step=3)["code"] == 200
    assert driver(services).calls == [
        DriverCall(cam, "move", PtzAction.DOWN, 3),
        DriverCall(cam, "stop"),
    ]
    assert driver(services).closed


def test_presets_are_stored_on_the_camera_and_named_for_the_control_room(
    api: Client, services: GatewayServices, cameras: list[str]
) -> None:
    """Z-5: storing a preset reaches the camera and names it in the shared list; recalling
    one stops a held move first."""
    cam = cameras[0]
    reply = workstation(api, "preset.set", cam, OPERATOR, preset=3, name=" 收费广场 ")
    assert reply["code"] == 200
    assert [(p.number, p.name, p.updated_by) for p in services.ptz.presets.presets(cam)] == [
        (3, "收费广场", OPERATOR)
    ]
    assert workstation(api, "move", cam, OPERATOR, action=2, step=2)["code"] == 200
    assert workstation(api, "preset.goto", cam, OPERATOR, preset="3")["code"] == 200
    assert not services.ptz.moving(cam)
    assert driver(services).calls == [
        DriverCall(cam, "set_preset", None, 3),
        DriverCall(cam, "move", PtzAction.RIGHT, 2),
        DriverCall(cam, "goto_preset", None, 3),
    ]
    rows = audit(services)
    assert [(row.kind, row.preset) for row in rows] == [
        ("preset_set", 3),
        ("command", None),
        ("preset_call", 3),
    ]


@pytest.mark.parametrize(
    ("route", "fields", "named"),
    [
        ("move", {"action": 1, "step": 1, "operator": ""}, "operator"),
        ("move", {"action": 3, "step": 1, "tilt": 4, "operator": OPERATOR}, "tilt"),
        ("move", {"action": 1, "step": 1, "tilt": 2, "operator": OPERATOR}, "tilt"),
        ("move", {"action": 2, "step": 1, "tilt": "上", "operator": OPERATOR}, "tilt"),
        ("stop", {"operator": None}, "operator"),
        ("preset.goto", {"operator": OPERATOR, "preset": 256}, "preset"),
        ("preset.goto", {"operator": OPERATOR, "preset": "三"}, "preset"),
        ("preset.set", {"operator": OPERATOR, "preset": 1, "name": "  "}, "name"),
        ("preset.set", {"operator": OPERATOR, "preset": 1, "name": "长" * 51}, "name"),
        ("holder", {"operator": 7}, "operator"),
    ],
)
def test_a_bad_workstation_request_is_400_naming_the_field(
    api: Client,
    services: GatewayServices,
    cameras: list[str],
    route: str,
    fields: dict[str, Any],
    named: str,
) -> None:
    body = {"cameraNum": cameras[0], **fields}
    reply = post(api, WORKSTATION + route, json.dumps(body, ensure_ascii=False))
    assert reply["code"] == 400 and named in reply["msg"], reply
    assert driver(services).calls == []
    assert audit(services) == []


def test_the_holder_is_shown_and_released(
    api: Client, services: GatewayServices, cameras: list[str]
) -> None:
    cam = cameras[0]
    assert workstation(api, "holder", cam, OPERATOR)["data"] is None
    assert workstation(api, "move", cam, SUPERVISOR, action=3, step=2)["code"] == 200
    assert workstation(api, "holder", cam, OPERATOR)["data"] == {
        "name": SUPERVISOR,
        "level": "路段主管",
        "source": "workstation",
        "mine": False,
    }
    assert workstation(api, "holder", cam, SUPERVISOR)["data"]["mine"] is True
    assert workstation(api, "release", cam, OPERATOR)["code"] == 200  # not theirs: no change
    assert workstation(api, "holder", cam, OPERATOR)["data"]["name"] == SUPERVISOR
    assert workstation(api, "release", cam, SUPERVISOR)["code"] == 200
    assert workstation(api, "holder", cam, OPERATOR)["data"] is None
    assert driver(services).calls[-1] == DriverCall(cam, "stop")  # released while moving
    assert [row.kind for row in audit(services)] == ["command", "release"]


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
    assert not services.ptz.moving(cameras[0])

    driver(services).fail(cameras[0], None)
    assert command(api, cameras[0], 11)["code"] == 200
    assert driver(services).calls == [DriverCall(cameras[0], "move", PtzAction.LIGHT_OFF, 1)]


def test_the_service_purges_the_audit_past_its_retention_when_it_starts(
    services: GatewayServices,
) -> None:
    """Z-3: kept a year (the site's retention); older operations go when the service starts."""
    now = services.clock()
    for age in (timedelta(days=400), timedelta(days=300)):
        services.ptz.audit.record(
            PtzAuditEntry(
                at=now - age,
                operator=OPERATOR,
                level="section_operator",
                source="workstation",
                camera_num="cam-1",
                kind="stop",
                result="ok",
            )
        )
    with serving(create_app(services)):
        pass
    assert [row.at for row in audit(services)] == [now - timedelta(days=300)]


def test_a_chinese_device_code_is_audited_as_written(
    api: Client, services: GatewayServices, cameras: list[str]
) -> None:
    """HTTP headers travel as bytes: a platform's UTF-8 DeviceCode is read back as UTF-8."""
    body = json.dumps({"cameraNum": cameras[0], "action": 12})
    headers = {**HEADERS, "DeviceCode": "省平台A".encode()}
    assert api.post(PTZ, content=body, headers=headers).json()["code"] == 200
    [row] = audit(services)
    assert row.operator == "省平台A"


def test_malformed_json_and_wrong_types_are_told_in_json_words(
    api: Client, services: GatewayServices, cameras: list[str]
) -> None:
    reply = post(api, PTZ, b"{cameraNum: 1}")
    assert reply["code"] == 400 and "此处应为双引号括起的字段名" in reply["msg"]
    assert post(api, PTZ, b"[1, 2]")["msg"].endswith("收到 数组")
    reply = post(api, PTZ, json.dumps({"cameraNum": cameras[0], "action": True}).encode())
    assert reply["code"] == 400 and "收到 true" in reply["msg"]


def test_a_preset_name_the_database_refuses_is_a_clear_500_and_audited(
    api: Client, services: GatewayServices, cameras: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The camera stored the view; the shared list could not keep its name: the caller is
    told why (not "服务内部错误") and the audit says it failed."""

    def full_disk(*_args: object, **_kwargs: object) -> None:
        raise DatabaseError("无法保存预置位设置：database or disk is full")

    monkeypatch.setattr(services.ptz.presets, "save", full_disk)
    reply = workstation(api, "preset.set", cameras[0], OPERATOR, preset=4, name="桥头")
    assert (reply["code"], reply["msg"]) == (500, "无法保存预置位设置：database or disk is full")
    assert driver(services).calls == [DriverCall(cameras[0], "set_preset", None, 4)]
    [row] = audit(services)
    assert (row.kind, row.preset, row.result, row.detail) == (
        "preset_set",
        4,
        "failed",
        reply["msg"],
    )
