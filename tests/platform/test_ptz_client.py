"""The workstation's PTZ client against the embedded service (a real HTTP server) with a
recording driver: what the UI calls reaches the camera; refusals arrive as PlatformError
with the spec's code and the holder's name."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from patrol_app.domain.ptz import PtzAction
from patrol_app.gateway.app import GatewayServices, build_services, create_app
from patrol_app.platform.http import PlatformError
from patrol_app.platform.ptz import PtzClient, PtzHolder
from patrol_app.settings import Settings
from patrol_app.standalone.process import free_port
from tests.conftest import serving
from tests.gateway.ptz_fakes import DriverCall, RecordingDriver
from tests.gateway.test_appendix_e import HEADERS, REGISTER, corrected_e31


@pytest.fixture
def services(tmp_path: Path) -> GatewayServices:
    settings = Settings.load(tmp_path, idle_stop_seconds=2.0, supervisors="张主管")
    return build_services(settings, ptz_driver=RecordingDriver())


@pytest.fixture
def base_url(services: GatewayServices) -> Iterator[str]:
    with serving(create_app(services)) as url:
        yield url


@pytest.fixture
def camera(base_url: str) -> str:
    demo = corrected_e31()
    reply = httpx.post(base_url + REGISTER, content=json.dumps(demo), headers=HEADERS).json()
    assert reply["code"] == 200
    return demo[0]["cameraNum"]


def test_the_operators_commands_reach_the_camera(
    base_url: str, camera: str, services: GatewayServices
) -> None:
    with PtzClient(base_url, operator="李值班") as client:
        client.move(camera, PtzAction.UP, 3)
        client.move(camera, PtzAction.RIGHT, 5, PtzAction.DOWN)  # a diagonal: one move
        client.stop(camera)
        client.set_preset(camera, 2, "匝道口")
        client.goto_preset(camera, 2)
        assert client.holder(camera) == PtzHolder("李值班", "路段值班员", "workstation", True)
        client.release(camera)
        assert client.holder(camera) is None
    driver = services.ptz.driver
    assert isinstance(driver, RecordingDriver)
    assert driver.calls == [
        DriverCall(camera, "move", PtzAction.UP, 3),
        DriverCall(camera, "move", PtzAction.RIGHT, 5, PtzAction.DOWN),
        DriverCall(camera, "stop"),
        DriverCall(camera, "set_preset", None, 2),
        DriverCall(camera, "goto_preset", None, 2),
    ]


def test_a_refusal_names_the_holder(base_url: str, camera: str) -> None:
    with (
        PtzClient(base_url, operator="张主管") as supervisor,
        PtzClient(base_url, operator="李值班") as operator,
    ):
        supervisor.move(camera, PtzAction.LEFT, 1)
        with pytest.raises(PlatformError) as refused:
            operator.move(camera, PtzAction.RIGHT, 1)
        assert refused.value.code == 403
        assert "张主管" in str(refused.value) and "路段主管" in str(refused.value)
        assert operator.holder(camera) == PtzHolder("张主管", "路段主管", "workstation", False)
        supervisor.stop(camera)
        with pytest.raises(PlatformError) as unknown:
            operator.goto_preset("no-such-camera", 1)
        assert unknown.value.code == 404
        with pytest.raises(PlatformError) as bad:
            supervisor.move(camera, PtzAction.ZOOM_IN, 2, PtzAction.UP)  # no diagonal zoom
        assert bad.value.code == 400 and "tilt" in str(bad.value)


def test_an_unreachable_service_is_a_platform_error_without_code() -> None:
    url = f"http://127.0.0.1:{free_port()}"
    client = PtzClient(url, operator="李值班", timeout=2)
    with client, pytest.raises(PlatformError) as error:
        client.stop("any")
    assert error.value.code is None
