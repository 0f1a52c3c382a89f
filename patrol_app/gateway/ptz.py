"""PTZ (云台) control as the embedded service runs it: E-G3 ``video.PTZControl`` (E 5.3) for
platforms, and the workstation's own routes (gateway/workstation.py).

Every operation of ``PtzService`` takes the same path:

1. the camera must be registered (not removed): otherwise code 404;
2. it must be controllable (``hasControl`` = 1): otherwise code 403. The spec has no code
   for "this camera has no PTZ"; 403 is its "forbidden" (附录三), and the request is indeed
   one the service will not carry out whoever asks;
3. the controller must get the camera from ``PtzSessions`` (Z-4 priority): a refusal is
   code 403 with the message naming the holder;
4. the driver acts on the camera: a ``PtzDeviceError`` is code 500 with the device's message;
   otherwise code 200.

Each outcome is written to the PTZ audit (Z-3): result "ok", "refused" (steps 1-3: nothing
was sent to the device) or "failed" (step 4); the repeats of a held move are not (see below).

Movement. A driver only knows "move this way at this speed until stopped" (ONVIF's
ContinuousMove and Stop); a workstation's move may pan and tilt at once (a diagonal: one
driver call, one audit row). E 5.3 has no stop: its command moves the camera for
``step_pulse`` seconds at speed ``step``, then the service stops it. A workstation holds a
move by repeating it; the service stops the camera ``keepalive`` seconds after the last
repeat (MOVE_KEEPALIVE_SECONDS), and at once on the workstation's stop. So no camera is left
moving by a lost request, a crashed workstation or a stopped service (``close``).

The service lives on the event loop of the embedded service: its timers are that loop's.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Protocol

from patrol_app.domain.camera import CameraInfo
from patrol_app.domain.codes import Code
from patrol_app.domain.ptz import (
    MAX_OPERATOR,
    MOVE_KEEPALIVE_SECONDS,
    Controller,
    ControlLevel,
    Decision,
    Preset,
    PtzAction,
    PtzCommand,
    PtzSession,
    PtzSessions,
)
from patrol_app.gateway.auth import Caller
from patrol_app.gateway.media.sources import is_simulated
from patrol_app.gateway.registry import CameraRegistry, SiteExtras
from patrol_app.store.database import DatabaseError
from patrol_app.store.ptz import PresetStore, PtzAuditEntry, PtzAuditStore

log = logging.getLogger(__name__)

PLATFORM_NAME = "platform"  # the controller's name when the caller sends no DeviceCode
MAX_CAMERA_CHARS = 36  # the audit's camera column (a cameraNum is a UUID)

# E 5.3's command moves the camera this long (at speed ``step``) before the service stops it.
STEP_PULSE_SECONDS = 0.5
# A held move goes to the camera again this often, for cameras that end a continuous move
# by themselves (ONVIF ContinuousMove without Timeout: the camera's default, often 10 s).
DEVICE_REFRESH_SECONDS = 5.0


class PtzDeviceError(Exception):
    """The camera did not carry the command out; ``message`` says why, for the operator."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class PtzDriver(Protocol):
    """Moves one kind of camera. Raises PtzDeviceError when the device fails."""

    async def move(
        self, camera: CameraInfo, action: PtzAction, speed: int, tilt: PtzAction | None = None
    ) -> None:
        """Pan, tilt, zoom, focus or iris (1-10): move that way at ``speed`` 1-8 until
        ``stop`` or another ``move``. Light (11-12): switch it; ``speed`` is ignored.
        ``tilt`` (UP or DOWN, only with LEFT or RIGHT): tilt that way at ``speed`` while
        panning, a diagonal move."""
        ...

    async def stop(self, camera: CameraInfo) -> None:
        """Stop every movement; stopping a still camera does nothing."""
        ...

    async def goto_preset(self, camera: CameraInfo, number: int) -> None: ...

    async def set_preset(self, camera: CameraInfo, number: int) -> None:
        """Store the current view as preset ``number``, replacing one stored under it."""
        ...

    async def aclose(self) -> None:
        """Close the driver's connections (the service is stopping)."""
        ...


class DriverByCamera:
    """The driver of each camera: ``simulated`` for a ``sim:`` source, ``onvif`` for the
    others (real cameras)."""

    def __init__(self, simulated: PtzDriver, onvif: PtzDriver) -> None:
        self.simulated = simulated
        self.onvif = onvif

    def _of(self, camera: CameraInfo) -> PtzDriver:
        return self.simulated if is_simulated(SiteExtras.of(camera).source or "") else self.onvif

    async def move(
        self, camera: CameraInfo, action: PtzAction, speed: int, tilt: PtzAction | None = None
    ) -> None:
        await self._of(camera).move(camera, action, speed, tilt)

    async def stop(self, camera: CameraInfo) -> None:
        await self._of(camera).stop(camera)

    async def goto_preset(self, camera: CameraInfo, number: int) -> None:
        await self._of(camera).goto_preset(camera, number)

    async def set_preset(self, camera: CameraInfo, number: int) -> None:
        await self._of(camera).set_preset(camera, number)

    async def aclose(self) -> None:
        await self.simulated.aclose()
        await self.onvif.aclose()


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
    name = who.device_code.strip()[:MAX_OPERATOR] or PLATFORM_NAME
    return Controller(name=name, level=ControlLevel.PROVINCE, source="platform")


@dataclass(frozen=True)
class _Motion:
    """A camera moving: who moves it which way (``command``), and the timer that will stop
    it."""

    controller: Controller
    command: PtzCommand
    held: bool  # a workstation's held move (its automatic stop is audited), or an E 5.3 pulse
    timer: asyncio.TimerHandle
    sent_at: float  # monotonic time the move last went to the camera


Operation = Callable[[CameraInfo], Awaitable[None]]
_DONE = PtzOutcome(Code.OK, "成功", "ok")


class PtzService:
    """PTZ control of the registered cameras, with priority (Z-4) and audit (Z-3)."""

    def __init__(
        self,
        registry: CameraRegistry,
        audit: PtzAuditStore,
        presets: PresetStore,
        driver: PtzDriver,
        *,
        clock: Callable[[], datetime],
        monotonic: Callable[[], float] = time.monotonic,
        sessions: PtzSessions | None = None,
        step_pulse: float = STEP_PULSE_SECONDS,
        keepalive: float = MOVE_KEEPALIVE_SECONDS,
    ) -> None:
        self.registry = registry
        self.audit = audit
        self.presets = presets
        self.driver = driver
        self._clock = clock
        self._monotonic = monotonic
        self._sessions = sessions if sessions is not None else PtzSessions()
        self._step_pulse = step_pulse
        self._keepalive = keepalive
        self._moving: dict[str, _Motion] = {}
        self._stopping: set[asyncio.Task[None]] = set()

    def holder(self, camera_num: str) -> PtzSession | None:
        """Who holds ``camera_num`` now; None when it is free."""
        return self._sessions.holder(camera_num, self._monotonic())

    def moving(self, camera_num: str) -> bool:
        return camera_num in self._moving

    async def command(self, command: PtzCommand, controller: Controller) -> PtzOutcome:
        """E 5.3: move for ``step_pulse`` seconds at speed ``step`` (the light: switch it)."""

        async def pulse(camera: CameraInfo) -> None:
            await self.driver.move(camera, command.action, command.step)
            if command.action.is_continuous:
                self._stop_later(camera, controller, command, held=False)

        return await self._operate(command.camera_num, controller, pulse, "command", command)

    async def move(self, command: PtzCommand, controller: Controller) -> PtzOutcome:
        """A workstation's held move: moving until ``stop``, or ``keepalive`` seconds after
        the last repeat; a pan with a ``tilt`` moves both axes at once (one driver call, one
        audit row). A repeat (same person, action, tilt and speed while moving) is not audited
        unless refused, and goes to the camera again only every DEVICE_REFRESH_SECONDS (a
        camera may stop a continuous move by itself after a while, ONVIF's default timeout)."""
        repeat = False

        async def hold(camera: CameraInfo) -> None:
            # Decided here, after the gate's database read: the keepalive's stop may have
            # ended the motion meanwhile, and then this is a new move.
            nonlocal repeat
            current = self._moving.get(command.camera_num)
            repeat = (
                current is not None
                and current.held
                and current.controller.is_same_person(controller)
                and current.command == command
            )
            sent_at = current.sent_at if repeat and current is not None else None
            if sent_at is None or self._monotonic() - sent_at >= DEVICE_REFRESH_SECONDS:
                await self.driver.move(camera, command.action, command.step, command.tilt)
                sent_at = self._monotonic()
            if command.action.is_continuous:
                self._stop_later(camera, controller, command, held=True, sent_at=sent_at)

        outcome = await self._gate(command.camera_num, controller, hold)
        if not (repeat and outcome.ok):
            await self._record(command.camera_num, controller, outcome, "command", command)
        return outcome

    async def stop(self, camera_num: str, controller: Controller) -> PtzOutcome:
        async def stop(camera: CameraInfo) -> None:
            self._forget_motion(camera_num)
            await self.driver.stop(camera)

        return await self._operate(camera_num, controller, stop, "stop")

    async def goto_preset(self, camera_num: str, number: int, controller: Controller) -> PtzOutcome:
        async def goto(camera: CameraInfo) -> None:
            self._forget_motion(camera_num)  # the camera leaves any movement for the preset
            await self.driver.goto_preset(camera, number)

        return await self._operate(camera_num, controller, goto, "preset_call", preset=number)

    async def set_preset(
        self, camera_num: str, number: int, name: str, controller: Controller
    ) -> PtzOutcome:
        """Store the camera's current view as preset ``number`` (on the device) under
        ``name`` (in the preset list the control room shares)."""
        Preset(number, name)  # a bad number or name is the caller's error, before the device

        async def store(camera: CameraInfo) -> None:
            await self.driver.set_preset(camera, number)
            await asyncio.to_thread(
                self.presets.save, camera_num, number, name, by=controller.name, now=self._clock()
            )

        return await self._operate(camera_num, controller, store, "preset_set", preset=number)

    async def release(self, camera_num: str, controller: Controller) -> PtzOutcome:
        """``controller`` gives the camera up, stopping it if it is moving. Releasing a camera
        someone else holds (or nobody) changes nothing and is not audited."""
        holder = self.holder(camera_num)
        if holder is None or not holder.controller.is_same_person(controller):
            return _DONE
        self._sessions = self._sessions.release(camera_num, controller, self._monotonic())
        outcome = _DONE
        camera = await asyncio.to_thread(self.registry.cameras.get, camera_num)
        if self._forget_motion(camera_num) is not None and camera is not None:
            outcome = await self._device(camera, self.driver.stop, outcome)
        await self._record(camera_num, controller, outcome, "release")
        return outcome

    async def close(self) -> None:
        """Stop every camera still moving, then close the drivers (the service is stopping)."""
        for camera_num in list(self._moving):
            self._forget_motion(camera_num)
            camera = await asyncio.to_thread(self.registry.cameras.get, camera_num)
            if camera is not None:
                await self._device(camera, self.driver.stop, _DONE)
        await asyncio.gather(*self._stopping)
        await self.driver.aclose()

    async def _operate(
        self,
        camera_num: str,
        controller: Controller,
        operation: Operation,
        kind: str,
        command: PtzCommand | None = None,
        preset: int | None = None,
    ) -> PtzOutcome:
        """Steps 1-4 of the module's docstring, then the audit."""
        outcome = await self._gate(camera_num, controller, operation)
        await self._record(camera_num, controller, outcome, kind, command, preset)
        return outcome

    async def _gate(
        self, camera_num: str, controller: Controller, operation: Operation
    ) -> PtzOutcome:
        try:
            camera = await asyncio.to_thread(self.registry.cameras.get, camera_num)
        except DatabaseError as error:
            return PtzOutcome(Code.INTERNAL_ERROR, str(error), "failed")
        if camera is None:
            return PtzOutcome(Code.NOT_FOUND, f"摄像机 {_shown(camera_num)} 不存在", "refused")
        if not camera.has_control:
            return PtzOutcome(
                Code.FORBIDDEN,
                f"摄像机 {camera_num} 不可控制（hasControl = 0），不能进行云台控制",
                "refused",
            )
        self._sessions, decision = self._sessions.request(camera_num, controller, self._monotonic())
        if not decision.granted:
            return PtzOutcome(Code.FORBIDDEN, decision.message, "refused", decision)
        return await self._device(camera, operation, replace(_DONE, decision=decision))

    async def _device(
        self, camera: CameraInfo, operation: Operation, success: PtzOutcome
    ) -> PtzOutcome:
        try:
            await operation(camera)
        except PtzDeviceError as error:
            message = f"云台控制失败：{error.message}"
        except DatabaseError as error:  # the preset's name, after the camera stored its view
            message = str(error)
        else:
            return success
        log.warning("PTZ on %s failed: %s", camera.camera_num, message)
        return replace(success, code=Code.INTERNAL_ERROR, message=message, result="failed")

    def _stop_later(
        self,
        camera: CameraInfo,
        controller: Controller,
        command: PtzCommand,
        *,
        held: bool,
        sent_at: float | None = None,
    ) -> None:
        self._forget_motion(camera.camera_num)
        delay = self._keepalive if held else self._step_pulse
        timer = asyncio.get_running_loop().call_later(delay, self._stop_due, camera)
        self._moving[camera.camera_num] = _Motion(
            controller, command, held, timer, self._monotonic() if sent_at is None else sent_at
        )

    def _forget_motion(self, camera_num: str) -> _Motion | None:
        motion = self._moving.pop(camera_num, None)
        if motion is not None:
            motion.timer.cancel()
        return motion

    def _stop_due(self, camera: CameraInfo) -> None:
        motion = self._moving.pop(camera.camera_num, None)
        if motion is not None:
            task = asyncio.create_task(self._auto_stop(camera, motion))
            self._stopping.add(task)
            task.add_done_callback(self._stopping.discard)

    async def _auto_stop(self, camera: CameraInfo, motion: _Motion) -> None:
        """The end of an E 5.3 pulse (audited only if it failed), or of a held move whose
        repeats stopped coming (always audited: the workstation went quiet)."""
        outcome = await self._device(camera, self.driver.stop, _DONE)
        if motion.held and outcome.ok:
            outcome = replace(outcome, message=f"{self._keepalive:g} 秒内未收到继续指令，自动停止")
        if motion.held or not outcome.ok:
            await self._record(camera.camera_num, motion.controller, outcome, "stop")

    async def _record(
        self,
        camera_num: str,
        controller: Controller,
        outcome: PtzOutcome,
        kind: str,
        command: PtzCommand | None = None,
        preset: int | None = None,
    ) -> None:
        # A refusal or failure: the message the caller got; a grant: its takeover, if any, or
        # what the service says of it (an automatic stop). A diagonal move says its tilt first
        # (``action`` is its pan).
        if not outcome.ok:
            detail = outcome.message
        elif outcome.decision is not None and outcome.decision.message:
            detail = outcome.decision.message
        else:
            detail = "" if outcome.message == _DONE.message else outcome.message
        if command is not None and command.tilt is not None:
            diagonal = f"斜向：{command.action.label}+{command.tilt.label}"
            detail = "；".join(part for part in (diagonal, detail) if part)
        entry = PtzAuditEntry(
            at=self._clock(),
            operator=controller.name[:MAX_OPERATOR],
            level=controller.level.name.lower(),
            source=controller.source,
            camera_num=_shown(camera_num),
            kind=kind,
            result=outcome.result,
            action=int(command.action) if command is not None else None,
            step=command.step if command is not None else None,
            preset=preset,
            detail=detail,
        )
        try:
            await asyncio.to_thread(self.audit.record, entry)
        except DatabaseError as error:
            # The operation happened; a log line the database refused must not undo it.
            log.error("PTZ audit not written (%s): %s", error, entry)
