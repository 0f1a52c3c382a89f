"""PTZ (云台) control as the embedded service runs it: E-G3 ``video.PTZControl`` (E 5.3).

``PtzService.control`` is the one path every PTZ command takes, from the platform (the E-G3
route, with the province controller of ``platform_controller``) or later from the
workstation's own operators:

1. the camera must be registered (not removed): otherwise code 404;
2. it must be controllable (``hasControl`` = 1): otherwise code 403. The spec has no code
   for "this camera has no PTZ"; 403 is its "forbidden" (附录三), and the request is indeed
   one the service will not carry out whoever asks;
3. the controller must get the camera from ``PtzSessions`` (Z-4 priority): a refusal is
   code 403 with the message naming the holder;
4. the driver moves the camera: a ``PtzDeviceError`` is code 500 with the device's message;
   otherwise code 200.

Every outcome is written to the PTZ audit (Z-3): result "ok", "refused" (steps 1-3: nothing
was sent to the device) or "failed" (step 4).

The sessions are a pure value (patrol_app.domain.ptz); the service keeps the current one and
replaces it under a threading lock, held for no await, so that callers on other threads or
event loops (the workstation) share it safely.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Protocol

from patrol_app.domain.camera import CameraInfo
from patrol_app.domain.codes import Code
from patrol_app.domain.ptz import (
    Controller,
    ControlLevel,
    Decision,
    PtzAction,
    PtzCommand,
    PtzSessions,
)
from patrol_app.gateway.auth import Caller
from patrol_app.gateway.registry import CameraRegistry
from patrol_app.store.ptz import PtzAuditEntry, PtzAuditStore

log = logging.getLogger(__name__)

PLATFORM_NAME = "platform"  # the controller's name when the caller sends no DeviceCode
MAX_OPERATOR_CHARS = 100  # the audit's operator column
MAX_CAMERA_CHARS = 36  # the audit's camera column (a cameraNum is a UUID)

MIN_ZOOM = 1.0
MAX_ZOOM = 8.0
ZOOM_PER_STEP = 0.25


class PtzDeviceError(Exception):
    """The camera did not carry the command out; ``message`` says why, for the operator."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class PtzDriver(Protocol):
    """Moves one kind of camera. Raises PtzDeviceError when the device fails."""

    async def command(self, camera: CameraInfo, command: PtzCommand) -> None: ...


@dataclass(frozen=True)
class PtzPosition:
    """Where a simulated camera points: ``pan``/``tilt`` in step units from where it started
    (right and up positive), ``zoom`` 1.0-8.0; focus, iris and light: the last command."""

    pan: float = 0.0
    tilt: float = 0.0
    zoom: float = MIN_ZOOM
    focus: PtzAction | None = None
    iris: PtzAction | None = None
    light: bool | None = None

    def after(self, command: PtzCommand) -> PtzPosition:
        action, step = command.action, command.step
        if action is PtzAction.LEFT:
            return replace(self, pan=self.pan - step)
        if action is PtzAction.RIGHT:
            return replace(self, pan=self.pan + step)
        if action is PtzAction.UP:
            return replace(self, tilt=self.tilt + step)
        if action is PtzAction.DOWN:
            return replace(self, tilt=self.tilt - step)
        if action.is_zoom:
            sign = 1 if action is PtzAction.ZOOM_IN else -1
            zoom = self.zoom + sign * step * ZOOM_PER_STEP
            return replace(self, zoom=min(MAX_ZOOM, max(MIN_ZOOM, zoom)))
        if action.is_focus:
            return replace(self, focus=action)
        if action.is_iris:
            return replace(self, iris=action)
        return replace(self, light=action is PtzAction.LIGHT_ON)


class RecordingDriver:
    """The simulated cameras' driver: keeps the position each camera would reach and every
    command received. ``fail(camera_num, message)`` makes that camera's commands fail as a
    broken device's would (None: work again)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._positions: dict[str, PtzPosition] = {}
        self._failures: dict[str, str] = {}
        self.commands: list[PtzCommand] = []

    async def command(self, camera: CameraInfo, command: PtzCommand) -> None:
        with self._lock:
            failure = self._failures.get(camera.camera_num)
            if failure is not None:
                raise PtzDeviceError(failure)
            self.commands.append(command)
            current = self._positions.get(camera.camera_num, PtzPosition())
            self._positions[camera.camera_num] = current.after(command)

    def position(self, camera_num: str) -> PtzPosition:
        with self._lock:
            return self._positions.get(camera_num, PtzPosition())

    def fail(self, camera_num: str, message: str | None) -> None:
        with self._lock:
            if message is None:
                self._failures.pop(camera_num, None)
            else:
                self._failures[camera_num] = message


@dataclass(frozen=True)
class PtzOutcome:
    """What became of one command: ``code`` (200, 403, 404 or 500) and ``message`` for whoever
    asked; ``result`` as the audit says it; ``decision``: the priority check's, None when the
    command did not get that far (unknown or uncontrollable camera)."""

    code: Code
    message: str
    result: str  # "ok", "refused", "failed" (patrol_app.store.ptz.RESULTS)
    decision: Decision | None = None

    @property
    def ok(self) -> bool:
        return self.code is Code.OK


def _shown(camera_num: str) -> str:
    """``camera_num`` cut to the audit's column: one longer is no registered camera, and the
    ellipsis keeps it from reading as one."""
    if len(camera_num) <= MAX_CAMERA_CHARS:
        return camera_num
    return camera_num[: MAX_CAMERA_CHARS - 1] + "…"


def platform_controller(who: Caller) -> Controller:
    """Who sends an E-G3 command: the calling platform, named by its ``DeviceCode``, at the
    province level (road sections outrank it, spec 6.3)."""
    name = who.device_code.strip()[:MAX_OPERATOR_CHARS] or PLATFORM_NAME
    return Controller(name=name, level=ControlLevel.PROVINCE, source="platform")


class PtzService:
    """PTZ control of the registered cameras, with priority (Z-4) and audit (Z-3)."""

    def __init__(
        self,
        registry: CameraRegistry,
        audit: PtzAuditStore,
        driver: PtzDriver,
        *,
        clock: Callable[[], datetime],
        monotonic: Callable[[], float] = time.monotonic,
        sessions: PtzSessions | None = None,
    ) -> None:
        self.registry = registry
        self.audit = audit
        self.driver = driver
        self._clock = clock
        self._monotonic = monotonic
        self._sessions = sessions if sessions is not None else PtzSessions()
        self._lock = threading.Lock()

    @property
    def sessions(self) -> PtzSessions:
        """The current control sessions (a snapshot)."""
        with self._lock:
            return self._sessions

    def _request(self, camera_num: str, controller: Controller) -> Decision:
        with self._lock:
            self._sessions, decision = self._sessions.request(
                camera_num, controller, self._monotonic()
            )
            return decision

    async def control(
        self, camera_num: str, command: PtzCommand, controller: Controller
    ) -> PtzOutcome:
        """Carry ``command`` out on ``camera_num`` for ``controller`` (see the module's steps)
        and record it in the audit, whatever the outcome."""
        if camera_num != command.camera_num:
            raise ValueError(f"command for {command.camera_num!r} sent to {camera_num!r}")
        outcome = await self._control(camera_num, command, controller)
        await self._record(camera_num, command, controller, outcome)
        return outcome

    async def _control(
        self, camera_num: str, command: PtzCommand, controller: Controller
    ) -> PtzOutcome:
        camera = await asyncio.to_thread(self.registry.cameras.get, camera_num)
        if camera is None:
            return PtzOutcome(Code.NOT_FOUND, f"摄像机 {_shown(camera_num)} 不存在", "refused")
        if not camera.has_control:
            return PtzOutcome(
                Code.FORBIDDEN,
                f"摄像机 {camera_num} 不可控制（hasControl = 0），不能进行云台控制",
                "refused",
            )
        decision = self._request(camera_num, controller)
        if not decision.granted:
            return PtzOutcome(Code.FORBIDDEN, decision.message, "refused", decision)
        try:
            await self.driver.command(camera, command)
        except PtzDeviceError as error:
            log.warning("PTZ command on %s failed: %s", camera_num, error.message)
            return PtzOutcome(
                Code.INTERNAL_ERROR, f"云台控制失败：{error.message}", "failed", decision
            )
        return PtzOutcome(Code.OK, "成功", "ok", decision)

    async def _record(
        self, camera_num: str, command: PtzCommand, controller: Controller, outcome: PtzOutcome
    ) -> None:
        # A granted command's detail is the takeover, if any ("" otherwise); the others' detail
        # is the message the caller got.
        if outcome.ok:
            detail = outcome.decision.message if outcome.decision is not None else ""
        else:
            detail = outcome.message
        entry = PtzAuditEntry(
            at=self._clock(),
            operator=controller.name[:MAX_OPERATOR_CHARS],
            level=controller.level.name.lower(),
            source=controller.source,
            camera_num=_shown(camera_num),
            kind="command",
            result=outcome.result,
            action=int(command.action),
            step=command.step,
            detail=detail,
        )
        await asyncio.to_thread(self.audit.record, entry)
