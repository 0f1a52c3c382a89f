"""The motion of a simulated PTZ camera (Z-1, Z-2): where its view is at any moment.

Pure: times are monotonic seconds passed in. A simulated camera looks at a scene
``SCENE_SCALE`` times larger than its picture in each direction; ``pan`` and ``tilt`` place the
centre of the view (in scene widths and heights from the scene's centre, right and up
positive) and ``zoom`` magnifies it, 1x (the view is 1/SCENE_SCALE of the scene) to
``MAX_ZOOM``. The view never leaves the scene: pan and tilt are held within the travel that
the current zoom leaves. Focus and iris run from -1 (near, closed) to 1 (far, open).

One movement at a time, as a PTZ keyboard sends them: a move starts that axis at a rate
proportional to its speed (1-8) and runs until the next move or a stop; reaching a limit
holds the axis there. A pan may carry a tilt (a diagonal move): both axes then run at once,
each at the speed's rate. Pan and tilt rates are divided by the zoom (proportional PTZ: the
picture moves as fast at every zoom). Zoom changes geometrically: each second multiplies
it by the same factor.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from patrol_app.domain.ptz import MAX_STEP, MIN_STEP, PtzAction

SCENE_SCALE = 1.5
MIN_ZOOM, MAX_ZOOM = 1.0, 4.0
# Rates at the highest speed (8); speed n runs at n/8 of them.
PAN_RATE = 0.2  # scene widths (heights for tilt) per second at 1x
ZOOM_RATE = math.log(MAX_ZOOM) / 2  # natural log of the zoom per second: 1x to 4x in 2 s
LENS_RATE = 1.0  # focus and iris units per second


def travel(zoom: float) -> float:
    """How far (in scene widths or heights) the view's centre may go from the scene's centre
    at ``zoom``: the view's edge then touches the scene's edge."""
    return (1 - 1 / (SCENE_SCALE * zoom)) / 2


def _clamp(value: float, limit: float) -> float:
    return min(limit, max(-limit, value))


@dataclass(frozen=True)
class SimPosition:
    """Where a simulated camera points and how its lens and light are set."""

    pan: float = 0.0
    tilt: float = 0.0
    zoom: float = MIN_ZOOM
    focus: float = 0.0
    iris: float = 0.0
    light: bool = False

    def held(self) -> SimPosition:
        """This position brought within the limits (pan and tilt within the zoom's travel)."""
        zoom = min(MAX_ZOOM, max(MIN_ZOOM, self.zoom))
        limit = travel(zoom)
        return replace(
            self,
            pan=_clamp(self.pan, limit),
            tilt=_clamp(self.tilt, limit),
            zoom=zoom,
            focus=_clamp(self.focus, 1.0),
            iris=_clamp(self.iris, 1.0),
        )


_STILL = (PtzAction.LIGHT_OFF, PtzAction.LIGHT_ON)
_SIGN = {
    PtzAction.LEFT: -1,
    PtzAction.RIGHT: 1,
    PtzAction.UP: 1,
    PtzAction.DOWN: -1,
    PtzAction.ZOOM_OUT: -1,
    PtzAction.ZOOM_IN: 1,
    PtzAction.FOCUS_NEAR: -1,
    PtzAction.FOCUS_FAR: 1,
    PtzAction.IRIS_CLOSE: -1,
    PtzAction.IRIS_OPEN: 1,
}


@dataclass(frozen=True)
class SimMotion:
    """A simulated camera's state: its position ``start`` at time ``since`` and the movement
    under way from then (``action`` at ``speed``, with ``tilt`` at the same speed when a pan
    is diagonal), None when it stands still."""

    start: SimPosition = SimPosition()
    since: float = 0.0
    action: PtzAction | None = None
    speed: int = 0
    tilt: PtzAction | None = None

    def __post_init__(self) -> None:
        if self.action is not None and not MIN_STEP <= self.speed <= MAX_STEP:
            raise ValueError(f"speed should be {MIN_STEP}-{MAX_STEP}, got {self.speed!r}")
        if self.tilt is not None and not (
            self.action is not None and self.action.is_pan and self.tilt.is_tilt
        ):
            raise ValueError(f"a tilt goes only with a pan, got {self.action!r}+{self.tilt!r}")

    def rate(self, action: PtzAction) -> float:
        """The signed rate of ``action``'s axis (LEFT or RIGHT for pan, UP or DOWN for tilt,
        ZOOM_* for zoom, ...) in its unit per second; 0 unless that axis is moving.

        Pan and tilt: scene widths or heights, right and up positive; zoom: natural log of
        the zoom; focus and iris: their units."""
        on_axis = [
            moving
            for moving in (self.action, self.tilt)
            if moving is not None and moving not in _STILL and _axis(moving) == _axis(action)
        ]
        if not on_axis:
            return 0.0
        moving = on_axis[0]  # the pan, or the tilt of a diagonal: one action per axis
        share = _SIGN[moving] * self.speed / MAX_STEP
        if moving.is_movement:
            return share * PAN_RATE / self.start.zoom
        if moving.is_zoom:
            return share * ZOOM_RATE
        return share * LENS_RATE

    def position(self, now: float) -> SimPosition:
        """Where the camera is at ``now`` (not before ``since``)."""
        elapsed = max(0.0, now - self.since)
        start = self.start
        return SimPosition(
            pan=start.pan + self.rate(PtzAction.RIGHT) * elapsed,
            tilt=start.tilt + self.rate(PtzAction.UP) * elapsed,
            zoom=start.zoom * math.exp(self.rate(PtzAction.ZOOM_IN) * elapsed),
            focus=start.focus + self.rate(PtzAction.FOCUS_FAR) * elapsed,
            iris=start.iris + self.rate(PtzAction.IRIS_OPEN) * elapsed,
            light=start.light,
        ).held()

    def moving(
        self, action: PtzAction, speed: int, now: float, tilt: PtzAction | None = None
    ) -> SimMotion:
        """Start ``action`` (with ``tilt``: a diagonal) at ``speed`` from wherever the camera
        is at ``now``; the light actions switch the light and leave a movement under way
        running."""
        here = self.position(now)
        if action in _STILL:
            light = replace(here, light=action is PtzAction.LIGHT_ON)
            return replace(self, start=light, since=now)
        return SimMotion(here, now, action, speed, tilt)

    def stopped(self, now: float) -> SimMotion:
        """Every movement stopped where the camera is at ``now``."""
        return SimMotion(self.position(now), now)

    def moved_to(self, position: SimPosition, now: float) -> SimMotion:
        """Standing still at ``position`` (a preset's view, its light left as it is)."""
        target = replace(position, light=self.position(now).light).held()
        return SimMotion(target, now)


def _axis(action: PtzAction) -> int:
    """One number per axis: pan (1-2), tilt (3-4), zoom (5-6), focus (7-8), iris (9-10)."""
    return (int(action) + 1) // 2
