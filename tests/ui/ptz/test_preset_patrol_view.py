"""Z-5 done-when, end to end: a preset patrol of three presets with dwell times runs under an
injected clock, through the workstation's PTZ control and the embedded service, and the
simulated camera's view matches each preset in turn.

The presets are stored by moving the camera with held moves (the service's workstation
routes) on the same injected clock; the simulated driver's position is the camera's view.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from pytestqt.qtbot import QtBot

from patrol_app.domain.ptz import PtzAction
from patrol_app.domain.sim_ptz import SimPosition
from patrol_app.domain.tours import named_preset_patrols
from patrol_app.gateway.app import GatewayServices, build_services, create_app
from patrol_app.gateway.ptz import DriverByCamera
from patrol_app.gateway.sim_ptz import SimulatedPtzDriver
from patrol_app.platform.ptz import PtzClient
from patrol_app.settings import Settings
from patrol_app.standalone.demo_site import demo_cameras
from patrol_app.ui.preset_patrols import PresetPatrolPlayer
from patrol_app.ui.ptz.control import PtzControl
from tests.conftest import serving
from tests.ui.helpers import FakeClock

A = PtzAction
OPERATOR = "值班员甲"
PRESETS = [(1, "收费广场"), (2, "入口车道"), (3, "出口车道")]
STEPS = [(1, 10.0), (3, 5.0), (2, 8.0)]  # 23 s a round


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def services(tmp_path: Path, clock: FakeClock) -> GatewayServices:
    return build_services(Settings.load(tmp_path, idle_stop_seconds=2.0), monotonic=clock)


@pytest.fixture
def dome(services: GatewayServices) -> Iterator[tuple[str, str]]:
    """The service's base URL and its first controllable demo camera (a simulated one)."""
    with serving(create_app(services)) as base_url:
        cameras = [camera for camera in demo_cameras() if camera["hasControl"] == 1]
        reply = httpx.post(
            base_url + "/service/video.VideoInformation",
            content=json.dumps(cameras[:1], ensure_ascii=False).encode(),
            headers={"Content-Type": "application/json", "DeviceCode": "test"},
        ).json()
        assert reply["code"] == 200 and reply["data"][0]["status"] == 0, reply
        yield base_url, cameras[0]["cameraNum"]


def view(services: GatewayServices, camera_num: str) -> SimPosition:
    driver = services.ptz.driver
    assert isinstance(driver, DriverByCamera) and isinstance(driver.simulated, SimulatedPtzDriver)
    return driver.simulated.position(camera_num)


def test_a_preset_patrol_shows_each_preset_in_turn(
    qtbot: QtBot, services: GatewayServices, dome: tuple[str, str], clock: FakeClock
) -> None:
    base_url, camera = dome
    with PtzClient(base_url, operator=OPERATOR) as client:
        stored: dict[int, SimPosition] = {}
        for number, name in PRESETS:
            action = {1: A.LEFT, 2: A.UP, 3: A.ZOOM_IN}[number]
            client.move(camera, action, 6)
            clock.advance(0.5)
            client.stop(camera)
            client.set_preset(camera, number, name)
            stored[number] = view(services, camera)
        assert len(set(stored.values())) == 3  # three different views
        assert [(p.number, p.name) for p in services.ptz.presets.presets(camera)] == PRESETS

        control = PtzControl(client)
        [patrol] = named_preset_patrols(camera, PRESETS, [("广场一圈", STEPS)])
        player = PresetPatrolPlayer(patrol, goto=control.goto_preset, clock=clock)
        seen: list[int] = []

        def shows(number: int) -> None:
            qtbot.waitUntil(lambda: view(services, camera) == stored[number], timeout=5000)
            seen.append(number)

        player.start()
        shows(1)
        for dwell, number in ((10.0, 3), (5.0, 2), (8.0, 1)):
            clock.advance(dwell - 0.1)
            player.tick()
            assert view(services, camera) == stored[seen[-1]]  # not a moment early
            clock.advance(0.1)
            player.tick()
            shows(number)
        assert seen == [1, 3, 2, 1]
        player.stop()
        assert control.shutdown()

    rows = services.ptz.audit.browse(
        start=services.clock().replace(year=2000), end=services.clock().replace(year=2100)
    )
    calls = [row.preset for row in reversed(rows) if row.kind == "preset_call"]
    assert calls == [1, 3, 2, 1]
