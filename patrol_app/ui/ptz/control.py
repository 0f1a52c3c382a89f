"""The workstation's PTZ (云台) command traffic (Z-1, Z-4): one ordered line of commands to the
service, held moves kept alive, and who holds the camera the panel shows.

- Commands go out one at a time, in the order they were given, on this object's own
  single-thread runner: a stop never overtakes its move, a preset call never overtakes the
  stop before it. Who holds the camera is asked on a second single-thread runner, so that a
  slow answer never delays a stop.
- A held move (a button, a key or a drag on the picture) is a move repeated every
  KEEPALIVE_REPEAT_SECONDS while held: the service stops the camera by itself
  MOVE_KEEPALIVE_SECONDS after the last one, so that a workstation that hangs, crashes or
  loses the network never leaves a camera moving. A repeat is not queued while a command of
  the same camera is still on its way (an unreachable service must not pile them up). A
  diagonal is one move carrying its pan and its tilt, never two moves in turn (the service
  would take each as replacing the other, and audit every one).
- A wheel notch is a short move (a nudge, NUDGE_MS); further notches make it longer, and
  while it lasts it is repeated like a held move, so that a wheel spun for seconds is one
  move and one stop (not a stop by the service after MOVE_KEEPALIVE_SECONDS, then another
  move).
- Letting go sends a stop; a refused or failed move ends the hold at once. A stop asked for
  when the last command this workstation sent the camera was a stop already (and no one
  else holds it) is not sent again: it would only be a second stop in the audit.
- A held move's speed changing while its direction stays (a drag pulled further or back)
  changes the move only when the new speed differs by SPEED_CHANGE_MIN or more from the
  speed sent, and goes out with the next repeat rather than at once: a drag drawn out in
  one sweep is its first move and the speed it settles at, not a command (and an audit
  row) for every speed it passed through. A new direction goes out at once.
- ``release``/``release_all`` give the cameras this workstation commanded back (the panel
  follows another camera, a tile changes camera, the window closes).
- Failures come back as ``failed(camera_num, message)``: the service's message, which for a
  refusal by priority names the holder (Z-4).
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from patrol_app.domain.codes import Code
from patrol_app.domain.ptz import KEEPALIVE_REPEAT_SECONDS, MAX_STEP, MIN_STEP, PtzAction
from patrol_app.platform.http import PlatformError
from patrol_app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from patrol_app.platform.ptz import PtzHolder

log = logging.getLogger(__name__)

REPEAT_MS = round(KEEPALIVE_REPEAT_SECONDS * 1000)
HOLDER_POLL_MS = 1000  # a takeover is seen within about a second
NUDGE_MS = 300  # a wheel notch zooms this long, then stops
SPEED_CHANGE_MIN = 2  # a held move's new speed, same direction, counts from this difference
DEFAULT_SPEED = 4
DRAG_DEAD_ZONE = 12  # px from the press point: a click, not a drag
SHUTDOWN_MS = 3000  # how long closing waits for the last stops to go out

Actions = tuple[PtzAction, ...]
# What a command is, for what it tells of the camera: "move" and "goto" set it moving,
# "stop" and "release" stop it, "light" and "set_preset" leave it as it was.
Kind = Literal["move", "light", "goto", "set_preset", "stop", "release"]


class PtzCommands(Protocol):
    """What this module needs of ``patrol_app.platform.ptz.PtzClient`` (blocking calls that
    raise PlatformError)."""

    operator: str

    def move(
        self, camera_num: str, action: PtzAction, speed: int, tilt: PtzAction | None = None
    ) -> None: ...
    def stop(self, camera_num: str) -> None: ...
    def release(self, camera_num: str) -> None: ...
    def goto_preset(self, camera_num: str, number: int) -> None: ...
    def set_preset(self, camera_num: str, number: int, name: str) -> None: ...
    def holder(self, camera_num: str) -> PtzHolder | None: ...


# The eight directions, counter-clockwise from the right; a diagonal is (pan, tilt), sent as
# one move with a tilt (the service runs one move per camera: a new one replaces it).
DIRECTIONS: tuple[Actions, ...] = (
    (PtzAction.RIGHT,),
    (PtzAction.RIGHT, PtzAction.UP),
    (PtzAction.UP,),
    (PtzAction.LEFT, PtzAction.UP),
    (PtzAction.LEFT,),
    (PtzAction.LEFT, PtzAction.DOWN),
    (PtzAction.DOWN,),
    (PtzAction.RIGHT, PtzAction.DOWN),
)
_SECTOR = 360 / len(DIRECTIONS)


def clamp_speed(speed: int) -> int:
    return max(MIN_STEP, min(MAX_STEP, int(speed)))


def drag_move(dx: float, dy: float, reach: float) -> tuple[Actions, int] | None:
    """The move a drag of (``dx``, ``dy``) pixels from the press point asks for (y grows
    downwards, as on the screen): the nearest of the eight directions (45° sectors), a speed
    from 1 (just past the dead zone) to 8 (``reach`` pixels or more); None inside the dead
    zone, where a press is a click."""
    length = math.hypot(dx, dy)
    if length < DRAG_DEAD_ZONE:
        return None
    angle = math.degrees(math.atan2(-dy, dx)) % 360  # 0 = right, 90 = up
    direction = DIRECTIONS[int(((angle + _SECTOR / 2) % 360) // _SECTOR)]
    span = max(1.0, reach - DRAG_DEAD_ZONE)
    speed = MIN_STEP + math.floor((length - DRAG_DEAD_ZONE) / span * (MAX_STEP - MIN_STEP + 1))
    return direction, clamp_speed(speed)


@dataclass(frozen=True)
class Hold:
    """A move held by the operator at one speed: one action, or a pan and a tilt (a
    diagonal, in that order)."""

    actions: Actions
    speed: int

    def __post_init__(self) -> None:
        diagonal = len(self.actions) == 2 and self.actions[0].is_pan and self.actions[1].is_tilt
        if len(self.actions) > 1 and not diagonal:
            raise ValueError(f"one action or a pan and a tilt, got {self.actions!r}")

    @property
    def tilt(self) -> PtzAction | None:
        """The tilt of a diagonal; None for a single action."""
        return self.actions[1] if len(self.actions) == 2 else None


class PtzControl(QObject):
    """Sends the operator's PTZ commands through ``client`` (a PtzClient)."""

    failed = Signal(str, str)  # camera_num, the message for the operator
    holder_changed = Signal(str, object)  # camera_num, PtzHolder | None (free)
    taken_over = Signal(str, object)  # camera_num, the PtzHolder who took it from this operator
    preset_stored = Signal(str, int)  # camera_num, preset number
    holds_changed = Signal(str)  # camera_num: a held move started, changed or ended

    def __init__(
        self,
        client: PtzCommands,
        *,
        repeat_ms: int = REPEAT_MS,
        poll_ms: int = HOLDER_POLL_MS,
        nudge_ms: int = NUDGE_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._client = client
        self._commands = TaskRunner(self, max_threads=1)  # in order, one at a time
        self._polls = TaskRunner(self, max_threads=1)
        self._holds: dict[str, Hold] = {}
        self._nudges: dict[str, Hold] = {}  # the wheel's short moves going on
        self._stopped: set[str] = set()  # the last command sent was a stop
        self._nudge_timers: dict[str, QTimer] = {}  # one per camera ever nudged, kept
        self._pending: dict[str, int] = {}  # commands queued or on their way, per camera
        self._touched: set[str] = set()  # commanded since last released
        self._nudge_ms = nudge_ms
        self._repeat = QTimer(self, interval=repeat_ms)
        self._repeat.timeout.connect(self._keep_alive)
        self._poll = QTimer(self, interval=poll_ms)
        self._poll.timeout.connect(self.poll_holder)
        self._watched: str | None = None
        self._holder: PtzHolder | None = None
        self._holder_known = False
        self._polling = False
        self._closed = False
        self.speed = DEFAULT_SPEED  # the panel's speed: used by the keys, buttons and wheel

    @property
    def client(self) -> PtzCommands:
        return self._client

    @property
    def operator(self) -> str:
        return self._client.operator

    @property
    def watched(self) -> str | None:
        """The camera whose holder is polled (the one the panel shows)."""
        return self._watched

    @property
    def holder(self) -> PtzHolder | None:
        """The watched camera's holder as last polled (None: free, or not known yet)."""
        return self._holder

    def hold_of(self, camera_num: str) -> Hold | None:
        return self._holds.get(camera_num)

    def is_moving(self, camera_num: str) -> bool:
        """A held move or a wheel nudge is going on."""
        return camera_num in self._holds or camera_num in self._nudges

    # --- Movement ---------------------------------------------------------------------------

    def hold(self, camera_num: str, actions: Iterable[PtzAction], speed: int | None = None) -> None:
        """Start (or change) a held move: sent now, then repeated until ``let_go``."""
        hold = Hold(tuple(actions), self._speed(speed))
        current = self._holds.get(camera_num)
        if not hold.actions or self._closed or current == hold:
            return
        if current is not None and current.actions == hold.actions:
            # Only the speed changes (a drag): see the module's docstring.
            if abs(hold.speed - current.speed) >= SPEED_CHANGE_MIN:
                self._holds[camera_num] = hold  # goes out with the next repeat
                self.holds_changed.emit(camera_num)
            return
        self._end_nudge(camera_num, stop=False)
        self._holds[camera_num] = hold
        self._send_move(camera_num, hold)
        self._repeat_while_moving()
        self.holds_changed.emit(camera_num)

    def let_go(self, camera_num: str) -> None:
        """End the held move of ``camera_num`` (if any) with a stop."""
        if self._drop_hold(camera_num):
            self._send(camera_num, "stop", self._client.stop, camera_num)

    def nudge(self, camera_num: str, action: PtzAction, speed: int | None = None) -> None:
        """A short move (a wheel notch): ``action`` for NUDGE_MS, then a stop; another notch
        the same way meanwhile makes it longer, and while it lasts it is repeated like a held
        move (the service would stop it otherwise). Nothing while a held move goes on."""
        if self._closed or camera_num in self._holds:
            return
        move = Hold((action,), self._speed(speed))
        if self._nudges.get(camera_num) != move:
            self._nudges[camera_num] = move
            self._send_move(camera_num, move)
            self._repeat_while_moving()
        timer = self._nudge_timers.get(camera_num)
        if timer is None:
            timer = QTimer(self, singleShot=True, interval=self._nudge_ms)
            timer.timeout.connect(lambda: self._end_nudge(camera_num, stop=True))
            self._nudge_timers[camera_num] = timer
        timer.start()

    def drag(self, camera_num: str, dx: float, dy: float, reach: float) -> bool:
        """A drag on the picture (``dx``, ``dy`` pixels from the press point, ``reach`` the
        length of the fastest move): the camera turns that way while it is held; False, and
        nothing sent, inside the dead zone, where a press is a click (``drag_move``)."""
        move = drag_move(dx, dy, reach)
        if move is None:
            return False
        self.hold(camera_num, *move)
        return True

    def zoom(self, camera_num: str, closer: bool) -> None:
        """A wheel notch on the picture: zoom in (``closer``) or out a little (``nudge``)."""
        self.nudge(camera_num, PtzAction.ZOOM_IN if closer else PtzAction.ZOOM_OUT)

    def stop(self, camera_num: str) -> None:
        """Stop the camera whatever moves it (the panel's stop button); nothing to send when
        the last command sent it was a stop and nobody else holds it."""
        moving = self._drop_hold(camera_num) | self._end_nudge(camera_num, stop=False)
        if moving or camera_num not in self._stopped or self._held_by_another(camera_num):
            self._send(camera_num, "stop", self._client.stop, camera_num)

    def switch_light(self, camera_num: str, on: bool) -> None:
        action = PtzAction.LIGHT_ON if on else PtzAction.LIGHT_OFF
        self._send(camera_num, "light", self._client.move, camera_num, action, MIN_STEP)

    # --- Presets ----------------------------------------------------------------------------

    def goto_preset(self, camera_num: str, number: int) -> None:
        """Turn to preset ``number`` (a move under way ends: the camera leaves it)."""
        self._drop_hold(camera_num)
        self._end_nudge(camera_num, stop=False)
        self._send(camera_num, "goto", self._client.goto_preset, camera_num, number)

    def set_preset(self, camera_num: str, number: int, name: str) -> None:
        """Store the current view as preset ``number`` called ``name``; ``preset_stored``
        once the service has it."""
        self._send(
            camera_num,
            "set_preset",
            self._client.set_preset,
            camera_num,
            number,
            name,
            on_done=lambda: self.preset_stored.emit(camera_num, number),
        )

    # --- Control sessions -------------------------------------------------------------------

    def release(self, camera_num: str) -> None:
        """Give ``camera_num`` up (stopping a move of ours first); nothing to say to the
        service when this workstation has not commanded it since it last let it go."""
        if self._drop_hold(camera_num) or self._end_nudge(camera_num, stop=False):
            self._send(camera_num, "stop", self._client.stop, camera_num)
        if camera_num in self._touched:
            self._send(camera_num, "release", self._client.release, camera_num)

    def release_all(self) -> None:
        for camera_num in sorted({*self._holds, *self._nudges, *self._touched}):
            self.release(camera_num)

    def shutdown(self, msecs: int = SHUTDOWN_MS) -> bool:
        """Stop and release every camera and wait (at most ``msecs``) until those commands
        have gone out; no command is taken after. True when all went out in time."""
        self._poll.stop()
        self.release_all()
        self._closed = True
        self._repeat.stop()
        # One deadline for both: who holds a camera is of no use any more, and a poll stuck
        # on its HTTP timeout must not keep the window from closing.
        deadline = time.monotonic() + msecs / 1000
        sent = self._commands.wait(msecs)
        self._polls.wait(max(0, round((deadline - time.monotonic()) * 1000)))
        return sent

    def watch(self, camera_num: str | None) -> None:
        """Poll who holds ``camera_num`` about once a second (None: stop polling)."""
        if camera_num == self._watched:
            return
        self._watched = camera_num
        self._holder, self._holder_known = None, False
        if camera_num is None or self._closed:
            self._poll.stop()
            return
        self._poll.start()
        self.poll_holder()

    def poll_holder(self) -> None:
        """Ask the service now who holds the watched camera (skipped while asking)."""
        camera_num = self._watched
        if camera_num is None or self._polling or self._closed:
            return
        self._polling = True
        self._polls.run(
            self._client.holder,
            camera_num,
            on_done=lambda holder: self._polled(camera_num, holder),
            on_error=lambda error: self._poll_failed(camera_num, error),
            expected=(PlatformError,),
            always=self._poll_settled,
        )

    # --- Internals --------------------------------------------------------------------------

    def _speed(self, speed: int | None) -> int:
        return clamp_speed(self.speed if speed is None else speed)

    def _send_move(self, camera_num: str, hold: Hold) -> None:
        self._send(
            camera_num,
            "move",
            self._client.move,
            camera_num,
            hold.actions[0],
            hold.speed,
            hold.tilt,
        )

    def _keep_alive(self) -> None:
        for camera_num, hold in [*self._holds.items(), *self._nudges.items()]:
            if not self._pending.get(camera_num):
                self._send_move(camera_num, hold)

    def _repeat_while_moving(self) -> None:
        """Run the repeat timer while a hold or a nudge goes on, and only then."""
        if self._holds or self._nudges:
            if not self._repeat.isActive():
                self._repeat.start()
        else:
            self._repeat.stop()

    def _held_by_another(self, camera_num: str) -> bool:
        return camera_num == self._watched and self._holder is not None and not self._is_mine()

    def _drop_hold(self, camera_num: str) -> bool:
        """Forget the held move without a stop; True when there was one."""
        if self._holds.pop(camera_num, None) is None:
            return False
        self._repeat_while_moving()
        self.holds_changed.emit(camera_num)
        return True

    def _end_nudge(self, camera_num: str, *, stop: bool) -> bool:
        if self._nudges.pop(camera_num, None) is None:
            return False
        self._nudge_timers[camera_num].stop()
        self._repeat_while_moving()
        if stop:
            self._send(camera_num, "stop", self._client.stop, camera_num)
        return True

    def _send(
        self,
        camera_num: str,
        kind: Kind,
        call: Callable[..., Any],
        *args: Any,
        on_done: Callable[[], None] | None = None,
    ) -> None:
        if self._closed:
            return
        release = kind == "release"
        self._pending[camera_num] = self._pending.get(camera_num, 0) + 1
        if kind in ("stop", "release"):
            self._stopped.add(camera_num)  # a release stops the camera too
        elif kind in ("move", "goto"):
            self._stopped.discard(camera_num)
        if release:
            self._touched.discard(camera_num)
        else:
            self._touched.add(camera_num)

        def done(_result: object) -> None:
            if on_done is not None:
                on_done()
            if camera_num == self._watched and not release and not self._is_mine():
                self.poll_holder()  # this operator holds it now: show it at once

        def settled() -> None:
            self._sent(camera_num)

        self._commands.run(
            call,
            *args,
            on_done=done,
            on_error=lambda error: self._failed(camera_num, error),
            expected=(PlatformError,),
            always=settled,
        )

    def _sent(self, camera_num: str) -> None:
        left = self._pending.get(camera_num, 1) - 1
        if left:
            self._pending[camera_num] = left
        else:
            self._pending.pop(camera_num, None)

    def _is_mine(self) -> bool:
        return self._holder is not None and self._holder.mine

    def _failed(self, camera_num: str, error: PlatformError) -> None:
        self._stopped.discard(camera_num)  # a stop may not have gone out: the next one does
        held = self._drop_hold(camera_num)
        nudged = self._end_nudge(camera_num, stop=False)
        if error.code in (Code.FORBIDDEN, Code.NOT_FOUND):
            self._touched.discard(camera_num)  # someone else holds it: nothing to give up
        elif held or nudged:
            # The device or the network failed mid-move: ask for a stop all the same (the
            # service's own stop follows MOVE_KEEPALIVE_SECONDS after the last move anyway).
            self._send(camera_num, "stop", self._client.stop, camera_num)
        if error.code == Code.FORBIDDEN and camera_num == self._watched:
            self.poll_holder()
        log.info("PTZ command on %s failed (%s): %s", camera_num, error.code, error)
        self.failed.emit(camera_num, str(error))

    def _poll_settled(self) -> None:
        self._polling = False

    def _polled(self, camera_num: str, holder: PtzHolder | None) -> None:
        if camera_num != self._watched:
            self.poll_holder()  # the panel moved on meanwhile
            return
        before, known = self._holder, self._holder_known
        self._holder, self._holder_known = holder, True
        if known and holder == before:
            return
        self.holder_changed.emit(camera_num, holder)
        if before is not None and before.mine and holder is not None and not holder.mine:
            self.taken_over.emit(camera_num, holder)

    def _poll_failed(self, camera_num: str, error: PlatformError) -> None:
        log.debug("who holds %s: %s", camera_num, error)
