"""Simulated PTZ cameras: the motion model under an injected clock, presets kept by the
simulated device, and a real ffmpeg pipeline whose picture pans, stops and zooms (Z-1, Z-2,
Z-5)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Iterator
from datetime import timedelta
from functools import partial
from pathlib import Path

import httpx
import pytest

from bench.frames import HEIGHT, WIDTH, Frames, reserve_profile, shift
from patrol_app.domain.camera import CameraInfo, camera_from_e31
from patrol_app.domain.ptz import PtzAction
from patrol_app.domain.sim_ptz import MAX_ZOOM, PAN_RATE, SCENE_SCALE, SimMotion, travel
from patrol_app.gateway.app import build_services, create_app
from patrol_app.gateway.media.sources import PTZ_CROP, ptz_settings
from patrol_app.gateway.ptz import PtzDeviceError
from patrol_app.gateway.sim_ptz import SimulatedPtzDriver
from patrol_app.settings import Settings
from patrol_app.standalone.demo_site import demo_cameras
from tests.conftest import MediaServer, serving
from tests.gateway.test_appendix_e import REGISTER
from tests.gateway.test_ptz_control import PTZ

CAMERA: CameraInfo = camera_from_e31(demo_cameras()[0])  # the demo's controllable road camera
NUM = CAMERA.camera_num


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def driver_at(clock: Clock, preset_dir: Path, **kwargs: object) -> SimulatedPtzDriver:
    return SimulatedPtzDriver(preset_dir, monotonic=clock, **kwargs)  # type: ignore[arg-type]


def test_pan_and_tilt_run_at_a_rate_proportional_to_speed_and_inverse_to_zoom(
    clock: Clock, tmp_path: Path
) -> None:
    """Z-1: step 1-8 sets the speed; a move runs until the next command."""
    driver = driver_at(clock, tmp_path)
    asyncio.run(driver.move(CAMERA, PtzAction.RIGHT, 8))
    clock.now += 0.5
    assert driver.position(NUM).pan == pytest.approx(0.5 * PAN_RATE)
    asyncio.run(driver.move(CAMERA, PtzAction.DOWN, 4))  # another move: the pan stops
    clock.now += 0.5
    here = driver.position(NUM)
    assert (here.pan, here.tilt) == pytest.approx((0.5 * PAN_RATE, -0.25 * PAN_RATE))
    assert driver.position(NUM, clock.now - 0.25).tilt == pytest.approx(-0.125 * PAN_RATE)

    zoomed = SimMotion().moving(PtzAction.ZOOM_IN, 8, 0.0).stopped(1.0)
    assert zoomed.start.zoom == pytest.approx(2.0)  # 1x to 4x in 2 s at speed 8
    panning = zoomed.moving(PtzAction.LEFT, 8, 1.0)
    assert panning.position(1.5).pan == pytest.approx(-0.5 * PAN_RATE / 2)


def test_a_diagonal_pans_and_tilts_at_once_each_at_the_speeds_rate(
    clock: Clock, tmp_path: Path
) -> None:
    """A pan with a tilt moves both coordinates together, each as the single move would; the
    pictures get both as expressions of ffmpeg's t (one command starts both); stop ends both;
    each axis stops at its own limit."""
    seen: list[SimMotion] = []
    driver = driver_at(clock, tmp_path, on_motion=lambda _num, motion, _now: seen.append(motion))
    asyncio.run(driver.move(CAMERA, PtzAction.LEFT, 4, PtzAction.UP))
    clock.now += 0.5
    here = driver.position(NUM)
    assert (here.pan, here.tilt) == pytest.approx((-0.25 * PAN_RATE, 0.25 * PAN_RATE))
    motion = seen[-1]
    assert (motion.rate(PtzAction.RIGHT), motion.rate(PtzAction.UP)) == pytest.approx(
        (-0.5 * PAN_RATE, 0.5 * PAN_RATE)
    )
    assert motion.rate(PtzAction.ZOOM_IN) == 0
    settings = ptz_settings(motion, since=3.0, now=3.5)
    assert "(t-3.000)" in settings[PTZ_CROP, "x"] and "(t-3.000)" in settings[PTZ_CROP, "y"]

    asyncio.run(driver.stop(CAMERA))
    clock.now += 1
    assert driver.position(NUM) == here
    still = ptz_settings(seen[-1], since=3.5, now=4.5)
    assert "(t" not in still[PTZ_CROP, "x"] and "(t" not in still[PTZ_CROP, "y"]

    far = SimMotion().moving(PtzAction.RIGHT, 8, 0.0, PtzAction.DOWN).position(60.0)
    assert (far.pan, far.tilt) == pytest.approx((travel(1.0), -travel(1.0)))
    for action, tilt in ((PtzAction.UP, PtzAction.DOWN), (PtzAction.ZOOM_IN, PtzAction.UP)):
        with pytest.raises(ValueError, match="tilt"):
            SimMotion().moving(action, 4, 0.0, tilt)


def test_the_view_never_leaves_the_scene_and_zoom_stays_within_limits(clock: Clock) -> None:
    motion = SimMotion().moving(PtzAction.LEFT, 8, 0.0)
    assert motion.position(60.0).pan == pytest.approx(-travel(1.0))
    assert travel(1.0) == pytest.approx((1 - 1 / SCENE_SCALE) / 2)
    motion = motion.moving(PtzAction.UP, 8, 60.0)
    assert motion.position(120.0).tilt == pytest.approx(travel(1.0))
    motion = motion.moving(PtzAction.ZOOM_IN, 1, 120.0)
    assert motion.position(1000.0).zoom == pytest.approx(MAX_ZOOM)
    # Zoomed in, the view can go further; zooming out again pulls it back within the scene.
    motion = motion.moving(PtzAction.RIGHT, 8, 1000.0)
    assert motion.position(1100.0).pan == pytest.approx(travel(MAX_ZOOM))
    motion = motion.moving(PtzAction.ZOOM_OUT, 8, 1100.0)
    far = motion.position(1200.0)
    assert (far.zoom, far.pan, far.tilt) == pytest.approx((1.0, travel(1.0), travel(1.0)))
    for action, field, limit in (
        (PtzAction.FOCUS_NEAR, "focus", -1.0),
        (PtzAction.IRIS_OPEN, "iris", 1.0),
    ):
        assert getattr(motion.moving(action, 2, 0.0).position(60.0), field) == limit


def test_stop_holds_the_position_and_the_light_switches_without_stopping(
    clock: Clock, tmp_path: Path
) -> None:
    """Z-1: releasing stops every movement; stop is idempotent."""
    seen: list[tuple[str, SimMotion, float]] = []
    driver = driver_at(clock, tmp_path, on_motion=lambda *change: seen.append(change))
    asyncio.run(driver.move(CAMERA, PtzAction.ZOOM_IN, 8))
    clock.now += 0.4
    asyncio.run(driver.move(CAMERA, PtzAction.LIGHT_ON, 1))  # the zoom goes on
    clock.now += 0.6
    asyncio.run(driver.stop(CAMERA))
    stopped = driver.position(NUM)
    assert stopped.zoom == pytest.approx(2.0) and stopped.light
    clock.now += 5
    asyncio.run(driver.stop(CAMERA))
    assert driver.position(NUM) == stopped
    assert [(num, motion.action) for num, motion, _ in seen] == [
        (NUM, PtzAction.ZOOM_IN),
        (NUM, PtzAction.ZOOM_IN),
        (NUM, None),
        (NUM, None),
    ]
    assert seen[-1][2] == clock.now


def test_presets_are_kept_by_the_device_across_restarts(clock: Clock, tmp_path: Path) -> None:
    """Z-5: a stored view is recalled exactly, also by a new driver on the same directory;
    an unset preset is refused with a message for the operator."""
    first = driver_at(clock, tmp_path / "presets")
    asyncio.run(first.move(CAMERA, PtzAction.RIGHT, 5))
    clock.now += 0.7
    asyncio.run(first.move(CAMERA, PtzAction.ZOOM_IN, 3))
    clock.now += 0.3
    asyncio.run(first.set_preset(CAMERA, 7))  # while zooming: the view of that moment
    stored = first.position(NUM)
    clock.now += 1
    asyncio.run(first.move(CAMERA, PtzAction.LIGHT_ON, 1))
    saved = json.loads((tmp_path / "presets" / f"{NUM}.json").read_text(encoding="utf-8"))
    assert set(saved["presets"]) == {"7"}

    second = driver_at(clock, tmp_path / "presets")
    asyncio.run(second.move(CAMERA, PtzAction.DOWN, 8))
    clock.now += 1
    asyncio.run(second.goto_preset(CAMERA, 7))
    assert second.position(NUM) == stored
    clock.now += 3
    assert second.position(NUM) == stored, "a preset's view stands still"
    with pytest.raises(PtzDeviceError, match="预置位 8 未设置"):
        asyncio.run(second.goto_preset(CAMERA, 8))
    (tmp_path / "presets" / f"{NUM}.json").write_text("{", encoding="utf-8")
    with pytest.raises(PtzDeviceError, match="预置位存储损坏"):
        asyncio.run(second.goto_preset(CAMERA, 7))


# --- The picture of a real pipeline ------------------------------------------------------------
@pytest.fixture
def frames(media_server: Callable[..., MediaServer]) -> Iterator[tuple[MediaServer, Frames]]:
    """A controllable ``sim:road`` camera on a media server, and the decoded frames of its
    grade 0 over HTTP-FLV."""
    server = media_server({})
    server.call(partial(server.manager.configure, NUM, "sim:road", 2, None, controllable=True))
    frames = Frames(f"{server.base_url}/live/{NUM}/0.flv")
    yield server, frames
    frames.close()


def yellow_gap(frame: bytes) -> float:
    """Rows between the centres of the central reserve's two yellow lines: the first two
    bright rows below the middle (the upper carriageway's traffic ends above row 150 at any
    zoom up to 2.5x, the lower one's starts below the lower line). A row's brightness is its
    median, which the gantry and the landmarks do not change."""
    bright = [
        y
        for y in range(150, HEIGHT)
        if sorted(frame[y * WIDTH + 16 : (y + 1) * WIDTH - 16])[(WIDTH - 32) // 2] > 140
    ]
    runs: list[list[int]] = []
    for y in bright:
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    assert len(runs) >= 2, runs
    upper, lower = (sum(run) / len(run) for run in runs[:2])
    return lower - upper


def mean_luma(frame: bytes) -> float:
    return sum(frame[::97]) / len(frame[::97])


def test_the_picture_pans_stops_and_zooms_as_commanded(
    frames: tuple[MediaServer, Frames], tmp_path: Path
) -> None:
    """Z-2 done-when: a simulated camera's frames change as commanded; pan left moves the
    scene right, releasing stops it, zoom in magnifies, the iris brightens."""
    server, frames = frames
    driver = SimulatedPtzDriver(tmp_path / "presets", on_motion=server.manager.set_view)
    home = reserve_profile(frames.next())

    server.call(driver.move, CAMERA, PtzAction.LEFT, 4)
    frames.until(lambda f: shift(home, reserve_profile(f)) >= 20, "the scene moving right")
    server.call(driver.stop, CAMERA)
    still = frames.still(lambda f: shift(home, reserve_profile(f)))
    moved = shift(home, reserve_profile(still))
    expected = -driver.position(NUM).pan * SCENE_SCALE * WIDTH
    assert moved == pytest.approx(expected, abs=4), "the picture shows the model's position"
    later = frames.next()
    assert shift(reserve_profile(still), reserve_profile(later)) == 0

    gap = yellow_gap(still)
    assert gap == pytest.approx(0.04 * SCENE_SCALE * HEIGHT, abs=1.5)
    server.call(driver.move, CAMERA, PtzAction.ZOOM_IN, 8)
    frames.until(lambda f: yellow_gap(f) >= 1.4 * gap, "the picture magnified")
    server.call(driver.stop, CAMERA)
    zoomed = frames.still(yellow_gap)
    assert yellow_gap(zoomed) / gap == pytest.approx(driver.position(NUM).zoom, rel=0.06)

    dark = mean_luma(zoomed)
    server.call(driver.move, CAMERA, PtzAction.IRIS_OPEN, 8)
    frames.until(lambda f: mean_luma(f) > dark + 15, "the picture brightening")
    server.call(driver.stop, CAMERA)
    assert driver.position(NUM).iris > 0


def test_an_e53_command_on_the_service_moves_the_picture_and_ends_by_itself(
    tmp_path: Path,
) -> None:
    """Z-1/E-G3 done-when, through the embedded service as it is built (DriverByCamera): the
    platform's "left, step 8" on a controllable simulated camera moves the scene right in its
    frames; the pulse ends (STEP_PULSE_SECONDS) and the picture stands still; audited."""
    services = build_services(Settings.load(tmp_path, idle_stop_seconds=30.0))
    camera = next(camera for camera in demo_cameras() if camera["hasControl"] == 1)
    camera_num = camera["cameraNum"]
    headers = {"Content-Type": "application/json", "DeviceCode": "province-1"}
    with serving(create_app(services)) as base_url, httpx.Client(base_url=base_url) as api:
        body = json.dumps([camera], ensure_ascii=False).encode()
        assert api.post(REGISTER, content=body, headers=headers).json()["code"] == 200
        frames = Frames(f"{base_url}/live/{camera_num}/0.flv")
        try:
            home = frames.still(lambda f: sum(reserve_profile(f)))  # the stream is up
            profile = reserve_profile(home)
            command = {"cameraNum": camera_num, "action": 1, "step": 8}
            reply = api.post(PTZ, content=json.dumps(command), headers=headers).json()
            assert reply["code"] == 200, reply
            frames.until(lambda f: shift(profile, reserve_profile(f)) >= 10, "the scene moving")
            still = frames.still(lambda f: shift(profile, reserve_profile(f)))
            assert not services.ptz.moving(camera_num)
            assert shift(profile, reserve_profile(still)) > 0  # right: the camera turned left
        finally:
            frames.close()
    [row] = services.ptz.audit.browse(
        start=services.clock() - timedelta(minutes=5), end=services.clock()
    )
    assert (row.operator, row.action, row.step, row.result) == ("province-1", 1, 8, "ok")
