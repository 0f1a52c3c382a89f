"""Real cameras' PTZ over ONVIF (issue 6): OnvifPtzDriver against a real ONVIF endpoint.

The endpoint is ``ipycam`` 1.3.0 (PyPI), a Python ONVIF camera, with its own device, media
and PTZ services serving real SOAP over HTTP; its PTZ controller records what it received
through a hardware handler, and the assertions are on that. It is run the safe way and
with two wire faults mended, as a conforming camera would answer (``ConformingService``):

- not ``IPCamera.start()``, which binds every interface, sends WS-Discovery multicast and
  starts streaming: only its ONVIF service, behind its own HTTP handler, on a free
  127.0.0.1 port, no discovery;
- its replies use the ``ptz:`` and ``tptz:`` prefixes without declaring them (zeep rightly
  refuses such XML): the envelope declares them;
- it reads SetPreset's ``PresetToken`` as an attribute of SetPreset, where the WSDL has a
  child element, so it never overwrites a preset: the shim reads the element;
- it keeps its presets in ``ptz_presets.json`` of the working directory: the tests run in
  a temporary one.

Credentials are set, so the camera checks the WS-Security digest (with none set, ipycam lets
any credentials pass).
"""

from __future__ import annotations

import asyncio
import json
import socket
import socketserver
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from ipycam.config import CameraConfig
from ipycam.http import IPCameraHTTPHandler
from ipycam.onvif import ONVIFService
from ipycam.ptz import PTZController

from patrol_app.domain.camera import CameraInfo, camera_from_e31
from patrol_app.domain.ptz import PtzAction
from patrol_app.gateway.app import build_services, create_app
from patrol_app.gateway.onvif import (
    OnvifEndpoint,
    OnvifPtzDriver,
    onvif_endpoint,
    preset_number,
)
from patrol_app.gateway.ptz import PtzDeviceError
from patrol_app.platform.ptz import PtzClient
from patrol_app.settings import Settings
from tests.conftest import serving
from tests.gateway.test_appendix_e import HEADERS, REGISTER, corrected_e31
from tests.gateway.test_ptz_control import PTZ

USER, PASSWORD = "admin", "pa:ss@1"
PTZ_NS = "http://www.onvif.org/ver20/ptz/wsdl"


class ConformingService(ONVIFService):
    """ipycam's ONVIF service with its two wire faults mended (module docstring)."""

    def _wrap_envelope(self, body: str) -> str:
        envelope = super()._wrap_envelope(body)
        return envelope.replace(
            "<s:Envelope ", f'<s:Envelope xmlns:ptz="{PTZ_NS}" xmlns:tptz="{PTZ_NS}" ', 1
        )

    def _extract_xml_attr(self, body: str, tag: str, attr: str) -> str | None:
        if (tag, attr) == ("SetPreset", "PresetToken"):
            return self._extract_xml_value(body, "PresetToken")
        return super()._extract_xml_attr(body, tag, attr)


@dataclass
class Received:
    """What the camera's PTZ controller was told (ipycam's hardware handler protocol)."""

    calls: list[tuple[Any, ...]] = field(default_factory=list)
    _changed: threading.Condition = field(default_factory=threading.Condition)

    def _add(self, call: tuple[Any, ...]) -> None:
        with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    def wait_for(self, count: int, timeout: float = 5.0) -> list[tuple[Any, ...]]:
        """The calls once there are ``count`` (AssertionError after ``timeout``)."""
        with self._changed:
            if not self._changed.wait_for(lambda: len(self.calls) >= count, timeout):
                raise AssertionError(f"expected {count} calls, got {self.calls}")
            return list(self.calls)

    def on_continuous_move(self, pan: float, tilt: float, zoom: float) -> None:
        self._add(("move", pan, tilt, zoom))

    def on_stop(self) -> None:
        self._add(("stop",))

    def on_goto_preset(self, token: str, pan: float, tilt: float, zoom: float) -> None:
        self._add(("goto", token))


@dataclass
class Camera:
    port: int
    ptz: PTZController
    received: Received

    def presets(self) -> dict[str, tuple[str, float]]:
        """Preset name -> (token, pan) as the camera keeps them."""
        return {p.name: (p.token, p.pan) for p in self.ptz.get_presets().values()}


@pytest.fixture
def onvif_camera(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Camera]:
    monkeypatch.chdir(tmp_path)  # ipycam's ptz_presets.json
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), IPCameraHTTPHandler)
    server.daemon_threads = True
    port = server.server_address[1]
    config = CameraConfig(local_ip="127.0.0.1", onvif_port=port, username=USER, password=PASSWORD)
    ptz = PTZController(640, 360)
    received = Received()
    ptz.add_hardware_handler(received)
    service = ConformingService(config, ptz)
    server.RequestHandlerClass = type(
        "Handler",
        (IPCameraHTTPHandler,),
        {"camera": SimpleNamespace(config=config, onvif=service)},
    )
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield Camera(port, ptz, received)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
        ptz.stop()


def camera_info(others: dict[str, str]) -> CameraInfo:
    element = corrected_e31()[0]
    element["others"] = json.dumps(others)
    return camera_from_e31(element)


def at(port: int, password: str = PASSWORD) -> CameraInfo:
    """A camera registered with an RTSP source and the ONVIF override on ``port``."""
    return camera_info(
        {
            "source": f"rtsp://{USER}:secret@127.0.0.1:554/Streaming/Channels/101",
            "onvif": f"http://{USER}:{password.replace(':', '%3A').replace('@', '%40')}"
            f"@127.0.0.1:{port}/onvif/device_service",
        }
    )


def run(driver: OnvifPtzDriver, *steps: Any) -> None:
    """Await each step (a coroutine factory taking the driver), then close the driver."""

    async def scenario() -> None:
        try:
            for step in steps:
                await step(driver)
        finally:
            await driver.aclose()

    asyncio.run(scenario())


def test_moves_reach_the_camera_as_continuous_moves_at_speed_over_8(
    onvif_camera: Camera,
) -> None:
    camera = at(onvif_camera.port)
    driver = OnvifPtzDriver()
    moves = [
        (PtzAction.LEFT, 8),
        (PtzAction.RIGHT, 4),
        (PtzAction.UP, 2),
        (PtzAction.DOWN, 1),
        (PtzAction.ZOOM_IN, 6),
        (PtzAction.ZOOM_OUT, 8),
    ]
    run(
        driver,
        *[lambda d, a=action, s=speed: d.move(camera, a, s) for action, speed in moves],
        lambda d: d.move(camera, PtzAction.LEFT, 4, PtzAction.UP),  # diagonals: x and y
        lambda d: d.move(camera, PtzAction.RIGHT, 2, PtzAction.DOWN),
        lambda d: d.stop(camera),
        lambda d: d.stop(camera),  # idempotent
    )
    assert onvif_camera.received.calls == [
        ("move", -1.0, 0.0, 0.0),
        ("move", 0.5, 0.0, 0.0),
        ("move", 0.0, 0.25, 0.0),
        ("move", 0.0, -0.125, 0.0),
        ("move", 0.0, 0.0, 0.75),
        ("move", 0.0, 0.0, -1.0),
        ("move", -0.5, 0.5, 0.0),
        ("move", 0.25, -0.25, 0.0),
        ("stop",),
        ("stop",),
    ]
    assert not onvif_camera.ptz.get_status()["moving"]


def test_a_preset_is_set_by_number_replaced_in_place_and_recalled(onvif_camera: Camera) -> None:
    camera = at(onvif_camera.port)
    driver = OnvifPtzDriver()
    ptz = onvif_camera.ptz

    async def point(pan: float) -> None:  # the view the operator turned to
        ptz.absolute_move(pan=pan, tilt=0.0, zoom=0.0)

    run(
        driver,
        lambda d: point(0.5),
        lambda d: d.set_preset(camera, 3),
        lambda d: point(-0.25),
        lambda d: d.set_preset(camera, 3),  # replaces preset 3's view
        lambda d: d.set_preset(camera, 7),
        lambda d: point(0.0),
        lambda d: d.goto_preset(camera, 3),
    )
    presets = onvif_camera.presets()
    assert set(presets) == {"Home", "3", "7"}  # one preset 3, with the later view
    token, pan = presets["3"]
    assert pan == -0.25
    assert onvif_camera.received.calls == [("goto", token)]
    assert ptz.get_status()["pan"] == -0.25


def test_an_unknown_preset_is_an_error_and_nothing_moves(onvif_camera: Camera) -> None:
    camera = at(onvif_camera.port)
    with pytest.raises(PtzDeviceError, match="摄像机上没有预置位 9"):
        run(OnvifPtzDriver(), lambda d: d.goto_preset(camera, 9))
    assert onvif_camera.received.calls == []


def test_what_the_camera_cannot_do_is_said_plainly(onvif_camera: Camera) -> None:
    """ipycam has no imaging service (focus) and no auxiliary commands (light)."""
    camera = at(onvif_camera.port)
    for action, what in [
        (PtzAction.FOCUS_NEAR, "聚焦"),
        (PtzAction.IRIS_OPEN, "光圈"),
        (PtzAction.LIGHT_ON, "灯光"),
    ]:
        with pytest.raises(PtzDeviceError, match=f"不支持.*{what}"):
            run(OnvifPtzDriver(), lambda d, a=action: d.move(camera, a, 4))
    assert onvif_camera.received.calls == []


def test_wrong_credentials_are_refused_without_showing_them(onvif_camera: Camera) -> None:
    camera = at(onvif_camera.port, password="wrong-secret")
    with pytest.raises(PtzDeviceError) as raised:
        run(OnvifPtzDriver(), lambda d: d.move(camera, PtzAction.LEFT, 1))
    assert "wrong-secret" not in raised.value.message
    assert "用户名或密码" in raised.value.message
    assert onvif_camera.received.calls == []


def test_a_camera_that_refuses_connections_fails_fast() -> None:
    with socket.socket() as closed:  # bound but not listening: connections are refused
        closed.bind(("127.0.0.1", 0))
        camera = at(closed.getsockname()[1])
        started = time.monotonic()
        with pytest.raises(PtzDeviceError, match=r"无法连接摄像机 127\.0\.0\.1:"):
            run(OnvifPtzDriver(), lambda d: d.stop(camera))
    assert time.monotonic() - started < 2


def test_a_camera_that_never_answers_times_out() -> None:
    with socket.socket() as silent:  # accepts connections (backlog), never replies
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        camera = at(silent.getsockname()[1])
        started = time.monotonic()
        with pytest.raises(PtzDeviceError, match=r"0\.3 秒内无应答"):
            run(OnvifPtzDriver(timeout=0.3), lambda d: d.move(camera, PtzAction.UP, 3))
    assert time.monotonic() - started < 2


def test_the_device_service_comes_from_the_rtsp_source_or_the_override() -> None:
    rtsp = camera_info({"source": "rtsp://op%40x:p%3Aw@10.1.2.3:554/h264/ch1/main"})
    assert onvif_endpoint(rtsp) == OnvifEndpoint("10.1.2.3", 80, "op@x", "p:w")
    assert "p:w" not in repr(onvif_endpoint(rtsp)) + str(onvif_endpoint(rtsp))
    override = camera_info(
        {
            "source": "rtsp://10.1.2.3/x",
            "onvif": "https://u:p@cam.example:8443/onvif/device_service",
        }
    )
    assert onvif_endpoint(override) == OnvifEndpoint("https://cam.example", 8443, "u", "p")
    for others in [{"source": "sim:road"}, {"source": "http://u:p@media/live.flv"}, {}]:
        with pytest.raises(PtzDeviceError, match=r"others\.onvif") as raised:
            onvif_endpoint(camera_info(others))
        assert "u:p" not in raised.value.message
    with pytest.raises(PtzDeviceError, match=r"ONVIF 地址 'http://\*\*\*:\*\*\*@h/cgi' 无效"):
        onvif_endpoint(camera_info({"onvif": "http://u:p@h/cgi"}))


def test_preset_numbers_come_from_names_then_tokens() -> None:
    assert preset_number("12", "preset_ab") == 12
    assert preset_number("12 收费广场", "3") == 12  # the name wins over the token
    assert preset_number("Home", "5") == 5  # a camera that numbers its tokens
    assert preset_number("Home", "home") is None
    assert preset_number("012", "x") is None
    assert preset_number("256", "256") is None
    assert preset_number(None, None) is None


def test_the_service_drives_a_registered_onvif_camera(onvif_camera: Camera, tmp_path: Path) -> None:
    """The whole path for a real camera: registered through E-C2 with its ONVIF address in
    ``others``, the workstation's held move and stop and a platform's E-G3 pulse reach the
    camera through the service's DriverByCamera."""
    services = build_services(Settings.load(tmp_path / "site", idle_stop_seconds=2.0))
    element = corrected_e31()[0]
    element["others"] = at(onvif_camera.port).others
    camera_num = element["cameraNum"]
    with serving(create_app(services)) as base_url:
        reply = httpx.post(base_url + REGISTER, content=json.dumps([element]), headers=HEADERS)
        assert reply.json()["data"][0]["status"] == 0
        with PtzClient(base_url, operator="李值班") as client:
            client.move(camera_num, PtzAction.LEFT, 8)
            client.stop(camera_num)
            client.release(camera_num)  # else the province would wait the 15 s idle release
        pulse = {"cameraNum": camera_num, "action": 6, "step": 4}
        reply = httpx.post(base_url + PTZ, content=json.dumps(pulse), headers=HEADERS)
        assert reply.json()["code"] == 200
        onvif_camera.received.wait_for(4)  # the pulse's stop comes 0.5 s later
    assert onvif_camera.received.calls == [
        ("move", -1.0, 0.0, 0.0),
        ("stop",),
        ("move", 0.0, 0.0, 0.5),
        ("stop",),
    ]
    rows = services.ptz.audit.browse(
        start=services.clock() - timedelta(minutes=5), end=services.clock() + timedelta(minutes=1)
    )
    assert [(row.kind, row.result) for row in reversed(rows)] == [
        ("command", "ok"),
        ("stop", "ok"),
        ("release", "ok"),
        ("command", "ok"),
    ]
