"""The PTZ driver of the simulated cameras (Z-1, Z-2, Z-5): their picture really moves.

Each camera's position is a ``SimMotion`` (patrol_app.domain.sim_ptz) on the driver's
monotonic clock; every change is handed to ``on_motion`` (the service passes
``MediaManager.set_view``), so the camera's pipelines pan, tilt and zoom their picture.
Presets are the simulated device's own memory, as a real camera keeps them: one small JSON
file per camera in ``preset_dir``, kept across restarts of the service.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from typing import Any

from patrol_app.domain.camera import CameraInfo
from patrol_app.domain.ptz import MAX_PRESET, MIN_PRESET, PtzAction
from patrol_app.domain.sim_ptz import SimMotion, SimPosition
from patrol_app.gateway.ptz import PtzDeviceError

PRESET_FORMAT = 1
_VIEW_FIELDS = tuple(f.name for f in fields(SimPosition) if f.name != "light")


class SimulatedPtzDriver:
    """Moves simulated cameras (any camera it is asked to: the service picks the driver).

    ``on_motion(camera_num, motion, now)`` is called, with ``now`` on ``monotonic``, after
    every change of a camera's motion; it must not block.
    """

    def __init__(
        self,
        preset_dir: Path,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        on_motion: Callable[[str, SimMotion, float], None] | None = None,
    ) -> None:
        self._preset_dir = preset_dir
        self._monotonic = monotonic
        self._on_motion = on_motion
        self._lock = threading.Lock()  # the service moves cameras; tests read positions
        self._files = threading.RLock()  # one preset file change at a time
        self._motions: dict[str, SimMotion] = {}

    def position(self, camera_num: str, now: float | None = None) -> SimPosition:
        """Where the camera is at ``now`` (default: the clock's now)."""
        with self._lock:
            motion = self._motions.get(camera_num, SimMotion())
        return motion.position(self._monotonic() if now is None else now)

    async def move(
        self, camera: CameraInfo, action: PtzAction, speed: int, tilt: PtzAction | None = None
    ) -> None:
        self._change(camera.camera_num, lambda motion, now: motion.moving(action, speed, now, tilt))

    async def stop(self, camera: CameraInfo) -> None:
        self._change(camera.camera_num, lambda motion, now: motion.stopped(now))

    async def goto_preset(self, camera: CameraInfo, number: int) -> None:
        _check_number(number)
        presets = await asyncio.to_thread(self._read, camera.camera_num)
        target = presets.get(number)
        if target is None:
            raise PtzDeviceError(f"预置位 {number} 未设置，无法调用")
        self._change(camera.camera_num, lambda motion, now: motion.moved_to(target, now))

    async def set_preset(self, camera: CameraInfo, number: int) -> None:
        """Store the current view (where the camera is now, moving or not)."""
        _check_number(number)
        position = self.position(camera.camera_num)
        await asyncio.to_thread(self._write, camera.camera_num, number, position)

    async def aclose(self) -> None:
        """Nothing to close: the positions live here, the presets in their files."""

    def _change(self, camera_num: str, change: Callable[[SimMotion, float], SimMotion]) -> None:
        with self._lock:
            now = self._monotonic()
            motion = change(self._motions.get(camera_num, SimMotion()), now)
            self._motions[camera_num] = motion
            # Under the lock, so that two changes reach the pictures in the order made.
            if self._on_motion is not None:
                self._on_motion(camera_num, motion, now)

    def _file(self, camera_num: str) -> Path:
        name = camera_num
        if not re.fullmatch(r"[A-Za-z0-9_-]{1,64}", camera_num):
            name = hashlib.sha256(camera_num.encode()).hexdigest()[:32]
        return self._preset_dir / f"{name}.json"

    def _read(self, camera_num: str) -> dict[int, SimPosition]:
        """The camera's presets: number -> view (light off: a preset does not switch it)."""
        path = self._file(camera_num)
        try:
            with self._files:
                data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != PRESET_FORMAT:
                raise ValueError(f"format {data.get('format')!r}")
            return {int(number): _position(view) for number, view in data["presets"].items()}
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            raise PtzDeviceError(f"摄像机预置位存储损坏（{path}）：{error!r}") from error

    def _write(self, camera_num: str, number: int, position: SimPosition) -> None:
        path = self._file(camera_num)
        with self._files:
            presets = self._read(camera_num) | {number: position}
            views = {
                str(n): {name: getattr(view, name) for name in _VIEW_FIELDS}
                for n, view in sorted(presets.items())
            }
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                temporary = path.with_suffix(".tmp")
                temporary.write_text(
                    json.dumps({"format": PRESET_FORMAT, "presets": views}, indent=1),
                    encoding="utf-8",
                )
                temporary.replace(path)  # a crash leaves the old presets, never half a file
            except OSError as error:
                raise PtzDeviceError(f"预置位 {number} 保存失败：{error}") from error


def _check_number(number: int) -> None:
    if not MIN_PRESET <= number <= MAX_PRESET:
        raise PtzDeviceError(f"预置位编号应为 {MIN_PRESET}-{MAX_PRESET}，收到 {number}")


def _position(view: dict[str, Any]) -> SimPosition:
    """A stored preset's view; its light stays off (a preset does not switch it)."""
    values: dict[str, Any] = {name: float(view[name]) for name in _VIEW_FIELDS}
    return SimPosition(**values)
