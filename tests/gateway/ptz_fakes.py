"""A PTZ driver that records what reaches it: for the service's own tests (the simulated
and ONVIF drivers have theirs, against ffmpeg and an ONVIF endpoint)."""

from __future__ import annotations

import threading
from typing import NamedTuple

from patrol_app.domain.camera import CameraInfo
from patrol_app.domain.ptz import PtzAction
from patrol_app.gateway.ptz import PtzDeviceError


class DriverCall(NamedTuple):
    camera_num: str
    operation: str  # "move", "stop", "goto_preset", "set_preset"
    action: PtzAction | None = None
    value: int | None = None  # the speed of a move, the number of a preset
    tilt: PtzAction | None = None  # of a diagonal move


class RecordingDriver:
    """Records every call; ``fail(camera_num, message)`` makes that camera's calls fail as a
    broken device's would (None: work again). ``wait_for(n)`` blocks until n calls came."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._failures: dict[str, str] = {}
        self.calls: list[DriverCall] = []
        self.closed = False

    def _add(self, camera: CameraInfo, call: DriverCall) -> None:
        with self._changed:
            failure = self._failures.get(camera.camera_num)
            if failure is not None:
                raise PtzDeviceError(failure)
            self.calls.append(call)
            self._changed.notify_all()

    async def move(
        self, camera: CameraInfo, action: PtzAction, speed: int, tilt: PtzAction | None = None
    ) -> None:
        self._add(camera, DriverCall(camera.camera_num, "move", action, speed, tilt))

    async def stop(self, camera: CameraInfo) -> None:
        self._add(camera, DriverCall(camera.camera_num, "stop"))

    async def goto_preset(self, camera: CameraInfo, number: int) -> None:
        self._add(camera, DriverCall(camera.camera_num, "goto_preset", None, number))

    async def set_preset(self, camera: CameraInfo, number: int) -> None:
        self._add(camera, DriverCall(camera.camera_num, "set_preset", None, number))

    async def aclose(self) -> None:
        self.closed = True

    def fail(self, camera_num: str, message: str | None) -> None:
        with self._changed:
            if message is None:
                self._failures.pop(camera_num, None)
            else:
                self._failures[camera_num] = message

    def wait_for(self, count: int, timeout: float = 5.0) -> list[DriverCall]:
        """The calls once there are at least ``count`` (AssertionError after ``timeout``)."""
        with self._changed:
            if not self._changed.wait_for(lambda: len(self.calls) >= count, timeout):
                raise AssertionError(f"expected {count} driver calls, got {self.calls}")
            return list(self.calls)
