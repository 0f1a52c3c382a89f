"""PTZ (云台) control and presets (Z-1, Z-4, Z-5; E 5.3 ``video.PTZControl``, E-G3).

Pure: no clock is read here. Times are monotonic seconds passed in by the caller, and every
state change returns a new immutable value.

- ``PtzAction`` / ``ptz_command_from_e53``: the twelve actions of E 5.3 and the validation of
  one request body (a JSON value already parsed; malformed text is the HTTP layer's job);
  ``ptz_move_from_json``: a workstation's held move, which may add a ``tilt`` to a pan (a
  diagonal move; E 5.3 has none).
- ``PtzSessions``: who controls which camera (Z-4). The road section outranks the province
  (spec 6.3) and a supervisor outranks an operator. A holder keeps the camera until released
  or idle for ``idle_release`` seconds; a higher level takes over at once, an equal or lower
  level waits.
- ``Preset`` / ``PresetPatrol`` / ``PresetPatrolRun``: preset positions and a patrol stepping
  through them (Z-5), run like tours.py's ``TourRun``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from patrol_app.domain.config_json import json_integer, json_shown, json_type
from patrol_app.domain.labels import LabelledInt, LabelledStr

MIN_STEP = 1
MAX_STEP = 8
MIN_PRESET = 1
MAX_PRESET = 255
MAX_PRESET_NAME = 50
MAX_OPERATOR = 100  # the audit's operator column
DEFAULT_IDLE_RELEASE = 15.0
# A workstation's held move (button, key or drag) is a stream of moves: the service stops the
# camera by itself MOVE_KEEPALIVE_SECONDS after the last one, so that a workstation that
# crashes or loses the network never leaves a camera moving; the workstation repeats its move
# every KEEPALIVE_REPEAT_SECONDS while held (two repeats may be lost before the camera stops).
MOVE_KEEPALIVE_SECONDS = 1.0
KEEPALIVE_REPEAT_SECONDS = 0.4


class PtzAction(LabelledInt):
    """``action`` of E 5.3, numbered as the API numbers it (Z-1)."""

    LEFT = 1, "向左"
    RIGHT = 2, "向右"
    UP = 3, "向上"
    DOWN = 4, "向下"
    ZOOM_OUT = 5, "变倍短"
    ZOOM_IN = 6, "变倍长"
    FOCUS_NEAR = 7, "聚焦近"
    FOCUS_FAR = 8, "聚焦远"
    IRIS_CLOSE = 9, "光圈小"
    IRIS_OPEN = 10, "光圈大"
    LIGHT_OFF = 11, "灯光关"
    LIGHT_ON = 12, "灯光开"

    @property
    def is_movement(self) -> bool:
        """Pan or tilt (1-4)."""
        return self <= PtzAction.DOWN

    @property
    def is_pan(self) -> bool:
        return self in (PtzAction.LEFT, PtzAction.RIGHT)

    @property
    def is_tilt(self) -> bool:
        return self in (PtzAction.UP, PtzAction.DOWN)

    @property
    def is_zoom(self) -> bool:
        return self in (PtzAction.ZOOM_OUT, PtzAction.ZOOM_IN)

    @property
    def is_focus(self) -> bool:
        return self in (PtzAction.FOCUS_NEAR, PtzAction.FOCUS_FAR)

    @property
    def is_iris(self) -> bool:
        return self in (PtzAction.IRIS_CLOSE, PtzAction.IRIS_OPEN)

    @property
    def is_light(self) -> bool:
        return self in (PtzAction.LIGHT_OFF, PtzAction.LIGHT_ON)

    @property
    def is_continuous(self) -> bool:
        """Moves until stopped (1-10); the light (11-12) is switched."""
        return not self.is_light

    @property
    def needs_step(self) -> bool:
        """Pan, tilt and zoom (1-6) must say their step; the others default to 1."""
        return self.is_movement or self.is_zoom


class PtzFieldError(ValueError):
    """An invalid E 5.3 field; ``field`` is its JSON name ("" when the body is no object)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


_ACTION_NUMBERS = frozenset(action.value for action in PtzAction)
_ACTIONS = "、".join(f"{action.value} {action.label}" for action in PtzAction)
_STEP_RULE = f"{MIN_STEP}-{MAX_STEP} 的整数（{MIN_STEP} 为最小步长，{MAX_STEP} 为最大步长）"


@dataclass(frozen=True)
class PtzCommand:
    """One PTZ operation: ``step`` is 1 (smallest) to 8 (largest). ``tilt`` (UP or DOWN) goes
    only with a pan (``action`` LEFT or RIGHT): both axes move at once, at the same step (a
    diagonal move of a workstation; E 5.3 commands have none)."""

    camera_num: str
    action: PtzAction
    step: int = MIN_STEP
    tilt: PtzAction | None = None

    def __post_init__(self) -> None:
        if not self.camera_num:
            raise PtzFieldError("cameraNum", "cameraNum 为必填字段，不能缺少或为空")
        if not MIN_STEP <= self.step <= MAX_STEP:
            raise PtzFieldError("step", f"step 应为 {_STEP_RULE}，收到 {self.step!r}")
        if self.tilt is not None and not (self.action.is_pan and self.tilt.is_tilt):
            raise _tilt_error(int(self.tilt), self.action)


def ptz_command_from_e53(obj: object) -> PtzCommand:
    """Validate one E 5.3 request body; raises PtzFieldError on the first fault.

    ``action`` and ``step`` may be JSON integers, integral floats or strings of digits.
    ``step`` is required for pan, tilt and zoom (1-6); for the other actions it may be left
    out (or null) and is then 1, but a step that is given must be 1-8. Unknown keys are ignored.
    """
    camera_num = _camera_num(obj)
    assert isinstance(obj, dict)  # _camera_num checked it
    raw_action = obj.get("action")
    if raw_action is None:
        raise PtzFieldError("action", f"action 为必填字段，应为 {_ACTIONS} 之一")
    number = json_integer(raw_action)
    if number not in _ACTION_NUMBERS:
        raise PtzFieldError("action", f"action 应为 {_ACTIONS} 之一，收到 {json_shown(raw_action)}")
    action = PtzAction(number)

    raw_step = obj.get("step")
    if raw_step is None:
        if action.needs_step:
            raise PtzFieldError(
                "step",
                f"step 为必填字段：动作 {action.value} {action.label} 的步长应为 {_STEP_RULE}",
            )
        step = MIN_STEP
    else:
        given = json_integer(raw_step)
        if given is None or not MIN_STEP <= given <= MAX_STEP:
            raise PtzFieldError("step", f"step 应为 {_STEP_RULE}，收到 {json_shown(raw_step)}")
        step = given
    return PtzCommand(camera_num, action, step)


def ptz_move_from_json(obj: object) -> PtzCommand:
    """Validate a workstation's held move: an E 5.3 body (``ptz_command_from_e53``) and an
    optional ``tilt``, 3 (up) or 4 (down), only with ``action`` 1 (left) or 2 (right): a
    diagonal move. A null ``tilt`` is none. Raises PtzFieldError on the first fault."""
    command = ptz_command_from_e53(obj)
    assert isinstance(obj, dict)  # ptz_command_from_e53 checked it
    raw_tilt = obj.get("tilt")
    if raw_tilt is None:
        return command
    number = json_integer(raw_tilt)
    if number not in (PtzAction.UP, PtzAction.DOWN):
        raise _tilt_error(raw_tilt, command.action)
    return replace(command, tilt=PtzAction(number))


def _tilt_error(raw_tilt: object, action: PtzAction) -> PtzFieldError:
    return PtzFieldError(
        "tilt",
        f"tilt 应为 {PtzAction.UP.value} {PtzAction.UP.label} 或 "
        f"{PtzAction.DOWN.value} {PtzAction.DOWN.label}，且只能与 action "
        f"{PtzAction.LEFT.value} {PtzAction.LEFT.label} 或 "
        f"{PtzAction.RIGHT.value} {PtzAction.RIGHT.label} 同时给出（斜向移动），"
        f"收到 tilt {json_shown(raw_tilt)}、action {action.value} {action.label}",
    )


def _camera_num(obj: object) -> str:
    """The ``cameraNum`` of a request body, stripped; PtzFieldError when missing or blank."""
    if not isinstance(obj, dict):
        raise PtzFieldError("", f"云台控制请求应为 JSON 对象，收到 {json_type(obj)}")
    camera_num = obj.get("cameraNum")
    if camera_num is None:
        camera_num = ""
    if not isinstance(camera_num, str):
        raise PtzFieldError("cameraNum", f"cameraNum 应为字符串，收到 {json_shown(camera_num)}")
    if not camera_num.strip():
        raise PtzFieldError("cameraNum", "cameraNum 为必填字段，不能缺少或为空")
    return camera_num.strip()


@dataclass(frozen=True)
class PtzRequest:
    """A workstation's request beyond E 5.3 (stop, release, presets, who holds): the camera,
    the operator who asks, and for presets the number and, when storing one, its name."""

    camera_num: str
    operator: str
    preset: int | None = None
    name: str = ""


def ptz_request_from_json(obj: object, *, preset: bool = False, name: bool = False) -> PtzRequest:
    """Validate a workstation request body: ``cameraNum`` and ``operator`` always, ``preset``
    (1-255) and ``name`` when asked for; raises PtzFieldError on the first fault."""
    camera_num = _camera_num(obj)
    assert isinstance(obj, dict)
    operator = obj.get("operator")
    if not isinstance(operator, str) or not operator.strip():
        raise PtzFieldError("operator", "operator 为必填字段：发出指令的值班员姓名")
    if len(operator.strip()) > MAX_OPERATOR:
        raise PtzFieldError("operator", f"operator 最多 {MAX_OPERATOR} 个字符")
    number = None
    if preset:
        raw = obj.get("preset")
        number = json_integer(raw) if raw is not None else None
        if number is None or not MIN_PRESET <= number <= MAX_PRESET:
            raise PtzFieldError(
                "preset",
                f"preset 应为 {MIN_PRESET}-{MAX_PRESET} 的整数，收到 {json_shown(raw)}",
            )
    text = ""
    if name:
        raw_name = obj.get("name")
        text = raw_name.strip() if isinstance(raw_name, str) else ""
        if not text or len(text) > MAX_PRESET_NAME:
            raise PtzFieldError(
                "name",
                f"name 应为 1-{MAX_PRESET_NAME} 个字符的预置位名称，收到 {json_shown(raw_name)}",
            )
    return PtzRequest(camera_num, operator.strip(), number, text)


# --- Control sessions and priority (Z-4) ---------------------------------------------------


class ControlLevel(LabelledInt):
    """Who may take PTZ control from whom: a higher value outranks a lower one."""

    PROVINCE = 1, "省级平台"
    SECTION_OPERATOR = 2, "路段值班员"
    SECTION_SUPERVISOR = 3, "路段主管"


SOURCES = ("workstation", "platform")


@dataclass(frozen=True)
class Controller:
    """Someone who moves cameras. The same person is the same ``name`` from the same
    ``source`` ("workstation" or "platform"), whatever level they have now."""

    name: str
    level: ControlLevel
    source: str

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("a controller needs a name")
        if self.source not in SOURCES:
            raise ValueError(f"source should be one of {SOURCES}, got {self.source!r}")

    def is_same_person(self, other: Controller) -> bool:
        return (self.name, self.source) == (other.name, other.source)


@dataclass(frozen=True)
class PtzSession:
    """``controller`` holds ``camera_num`` since ``since``; last granted command at
    ``last_active``."""

    camera_num: str
    controller: Controller
    since: float
    last_active: float


class DecisionKind(LabelledStr):
    """The outcome of a control request, worded for the PTZ log (Z-3)."""

    NEW = "new", "获得控制"
    CONTINUED = "continued", "继续控制"
    TAKEN_OVER = "taken_over", "接管控制"
    REFUSED = "refused", "拒绝控制"


@dataclass(frozen=True)
class Decision:
    """``holder`` controls the camera after the request: the requester when granted, the one
    who keeps it when refused. ``taken_from`` is the lower holder a takeover displaced."""

    kind: DecisionKind
    holder: Controller
    taken_from: Controller | None = None

    @property
    def granted(self) -> bool:
        return self.kind is not DecisionKind.REFUSED

    @property
    def message(self) -> str:
        """For the operator who asked; "" when there is nothing to say."""
        if self.kind is DecisionKind.REFUSED:
            return f"摄像机正由 {self.holder.level.label} {self.holder.name} 控制，请稍后再试"
        if self.taken_from is not None:
            who = f"{self.taken_from.level.label} {self.taken_from.name}"
            return f"已从 {who} 接管摄像机控制"
        return ""


@dataclass(frozen=True)
class PtzSessions:
    """Who holds which camera. Immutable: ``request`` and ``release`` return a new value.

    A session ends on ``release`` by its holder or once ``idle_release`` seconds have passed
    since its last granted command (at exactly that moment, not before).
    """

    idle_release: float = DEFAULT_IDLE_RELEASE
    sessions: dict[str, PtzSession] = field(default_factory=dict)  # never mutated

    def __post_init__(self) -> None:
        if not self.idle_release > 0:
            raise ValueError(f"idle_release should be > 0 s, got {self.idle_release!r}")

    def holder(self, camera_num: str, now: float) -> PtzSession | None:
        """The active session on ``camera_num``, None when the camera is free."""
        session = self.sessions.get(camera_num)
        if session is None or now - session.last_active >= self.idle_release:
            return None
        return session

    def request(
        self, camera_num: str, controller: Controller, now: float
    ) -> tuple[PtzSessions, Decision]:
        """Ask to send one command to ``camera_num``; a grant refreshes the holder's activity.

        The same person is always granted. Someone else gets the camera when it is free or
        when their level is higher than the holder's; an equal or lower level is refused while
        the holder is active (first come keeps it).
        """
        current = self.holder(camera_num, now)
        if current is None:
            kind, taken_from, since = DecisionKind.NEW, None, now
        elif current.controller.is_same_person(controller):
            kind, taken_from, since = DecisionKind.CONTINUED, None, current.since
        elif controller.level > current.controller.level:
            kind, taken_from, since = DecisionKind.TAKEN_OVER, current.controller, now
        else:
            return self, Decision(DecisionKind.REFUSED, current.controller)
        session = PtzSession(camera_num, controller, since, now)
        sessions = replace(self, sessions={**self.sessions, camera_num: session})
        return sessions, Decision(kind, controller, taken_from)

    def release(self, camera_num: str, controller: Controller, now: float) -> PtzSessions:
        """End ``controller``'s session on ``camera_num`` (an idle session is forgotten
        whoever releases it); unchanged while someone else holds the camera."""
        current = self.holder(camera_num, now)
        if current is not None and not current.controller.is_same_person(controller):
            return self
        if camera_num not in self.sessions:
            return self
        sessions = {num: held for num, held in self.sessions.items() if num != camera_num}
        return replace(self, sessions=sessions)


# --- Presets and preset patrols (Z-5) -------------------------------------------------------


class PresetError(ValueError):
    """A preset or preset patrol that cannot be used; the message says why, for the operator."""


def _check_preset_number(number: int) -> None:
    is_int = isinstance(number, int) and not isinstance(number, bool)
    if not (is_int and MIN_PRESET <= number <= MAX_PRESET):
        raise PresetError(f"预置位编号应为 {MIN_PRESET}-{MAX_PRESET} 的整数，收到 {number!r}")


@dataclass(frozen=True)
class Preset:
    """A stored camera position, called by its number (1-255)."""

    number: int
    name: str

    def __post_init__(self) -> None:
        _check_preset_number(self.number)
        if not self.name.strip() or len(self.name) > MAX_PRESET_NAME:
            raise PresetError(
                f"预置位名称应为 1-{MAX_PRESET_NAME} 个字符，收到 {json_shown(self.name)}"
            )


@dataclass(frozen=True)
class PresetPatrolStep:
    """Call ``preset``, then stay ``dwell_seconds`` there."""

    preset: int
    dwell_seconds: float

    def __post_init__(self) -> None:
        _check_preset_number(self.preset)
        if not self.dwell_seconds > 0:
            raise PresetError(f"停留时间应大于 0 秒，收到 {self.dwell_seconds!r}")


@dataclass(frozen=True)
class PresetPatrol:
    """The presets of one camera, visited in order and round again."""

    camera_num: str
    steps: tuple[PresetPatrolStep, ...]

    def __post_init__(self) -> None:
        if not self.camera_num:
            raise PresetError("预置位巡查缺少摄像机编号")
        if not self.steps:
            raise PresetError("预置位巡查至少需要一个预置位")


@dataclass(frozen=True)
class PresetPatrolRun:
    """A running preset patrol: ``index`` of the current step, ``next_at`` when to move on.

    ``start`` begins at the first step: the caller calls ``current.preset`` at once. A late
    ``tick`` moves on by exactly one step, which then gets its whole dwell from that tick.
    """

    patrol: PresetPatrol
    index: int
    next_at: float

    @classmethod
    def start(cls, patrol: PresetPatrol, now: float) -> PresetPatrolRun:
        return cls(patrol, 0, now + patrol.steps[0].dwell_seconds)

    @property
    def current(self) -> PresetPatrolStep:
        return self.patrol.steps[self.index]

    def tick(self, now: float) -> tuple[PresetPatrolRun, int | None]:
        """The run at ``now`` and the preset to call now (None when nothing is due)."""
        if now < self.next_at:
            return self, None
        index = (self.index + 1) % len(self.patrol.steps)
        step = self.patrol.steps[index]
        return replace(self, index=index, next_at=now + step.dwell_seconds), step.preset
