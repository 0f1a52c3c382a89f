"""A preset patrol running on one camera (Z-5, 12.3.3b): the camera is sent to each of its
presets in turn and stays there for the preset's dwell, so that one camera covers every
important view. Tours run one in a step (``TourPlayer``), the patrol round runs one on the
camera being checked (``PatrolRoundPanel``); the PTZ menu edits them (ui/ptz/). Shared by
those features, it sits beside them at the top of ``ui``, as the task runner does.

The stepping is the domain's ``PresetPatrolRun``; this object gives it the time (an injected
monotonic clock) and moves the camera through ``goto(camera_num, preset)``, the PTZ control's
preset recall, which does not wait for the camera. Its timer only wakes it up: what is due is
decided by the clock, so tests move a fake clock and call ``tick``.

``load_preset_patrols`` reads the cameras' preset patrols from the service; it blocks, so
the UI runs it in the task runner.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Iterable
from dataclasses import replace

from PySide6.QtCore import QObject, QTimer, Signal

from patrol_app.domain.ptz import PresetPatrolRun, PresetPatrolStep
from patrol_app.domain.tours import NamedPresetPatrol, PatrolKey, named_preset_patrols
from patrol_app.platform.http import PlatformError
from patrol_app.platform.presets import PresetClient
from patrol_app.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

# Recall preset ``number`` of ``camera_num`` (PtzControl.goto_preset): fire and forget.
Goto = Callable[[str, int], None]


def load_preset_patrols(
    store: PresetClient, camera_nums: Iterable[str]
) -> dict[PatrolKey, NamedPresetPatrol]:
    """The preset patrols of ``camera_nums`` with their presets' names, by (camera, name).
    Blocking (runs in the task runner); PlatformError when the service fails."""
    found: dict[PatrolKey, NamedPresetPatrol] = {}
    for camera_num in dict.fromkeys(camera_nums):
        patrols = store.patrols(camera_num)
        if not patrols:
            continue
        presets = [(preset.number, preset.name) for preset in store.presets(camera_num)]
        views = [(patrol.name, patrol.steps) for patrol in patrols]
        for named in named_preset_patrols(camera_num, presets, views):
            found[named.key] = named
    return found


class PresetPatrolPlayer(QObject):
    """Runs ``patrol`` on its camera from ``start`` until ``stop``, round after round; with
    ``once``, one round only: the camera then stays at the last preset (a tour's step lasts
    one round, and the camera is not sent back to the first preset as the step ends).

    ``preset_changed(number, text)`` comes each time the camera is sent to a preset, with the
    operator's label ("Preset 3 toll plaza (2/3)"); ``stopped`` once, when it stops.
    """

    preset_changed = Signal(int, str)
    stopped = Signal()

    def __init__(
        self,
        patrol: NamedPresetPatrol,
        *,
        goto: Goto,
        clock: Callable[[], float],
        once: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._once = once
        self._patrol = patrol
        self._goto = goto
        self._clock = clock
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.tick)
        self._run: PresetPatrolRun | None = None
        self._left: float | None = None  # the current preset's dwell left while paused
        self._covered: list[int] = []

    @property
    def patrol(self) -> NamedPresetPatrol:
        return self._patrol

    @property
    def camera_num(self) -> str:
        return self._patrol.camera_num

    @property
    def running(self) -> bool:
        return self._run is not None

    @property
    def paused(self) -> bool:
        return self._left is not None

    @property
    def index(self) -> int | None:
        """The step of the patrol the camera is at (0-based), None when not running."""
        return None if self._run is None else self._run.index

    @property
    def current(self) -> PresetPatrolStep | None:
        return None if self._run is None else self._run.current

    @property
    def covered(self) -> tuple[int, ...]:
        """The presets the camera was sent to since ``start``, each once, in that order."""
        return tuple(self._covered)

    @property
    def text(self) -> str:
        """The label of the current preset; "" when not running."""
        if self._run is None:
            return ""
        number = self._run.current.preset
        values = {
            "number": number,
            "name": self._patrol.preset_name(number),
            "current": self._run.index + 1,
            "total": len(self._patrol.steps),
        }
        if values["name"]:
            return self.tr("Preset {number} {name} ({current}/{total})").format(**values)
        return self.tr("Preset {number} ({current}/{total})").format(**values)

    def start(self) -> None:
        """Send the camera to the first preset now (again from the first when running)."""
        self._timer.stop()
        self._left = None
        self._covered = []
        self._run = PresetPatrolRun.start(self._patrol.patrol, self._clock())
        self._arrived()

    def tick(self) -> None:
        """Move on when the current preset's dwell is over (its timer calls it; so can a
        test)."""
        if self._run is None or self._left is not None:
            return
        if self._once and self._run.index == len(self._patrol.steps) - 1:
            return  # the round is over: the camera stays at the last preset
        run, preset = self._run.tick(self._clock())
        self._run = run
        if preset is None:
            self._schedule()
        else:
            self._arrived()

    def skip(self) -> None:
        """The next preset now (the operator has seen enough of this one)."""
        if self._run is None:
            return
        run, _preset = replace(self._run, next_at=self._clock()).tick(self._clock())
        self._run = run
        if self._left is not None:  # paused: stays paused, with the new preset's whole dwell
            self._left = run.current.dwell_seconds
        self._arrived()

    def pause(self) -> None:
        """Hold the camera at its preset (the tour is paused); ``resume`` goes on."""
        if self._run is None or self._left is not None:
            return
        self._left = max(0.0, self._run.next_at - self._clock())
        self._timer.stop()

    def resume(self) -> None:
        if self._run is None or self._left is None:
            return
        self._run = replace(self._run, next_at=self._clock() + self._left)
        self._left = None
        self._schedule()

    def stop(self) -> None:
        """Stop moving the camera between presets; it stays where it is."""
        if self._run is None:
            return
        self._run = None
        self._left = None
        self._timer.stop()
        self.stopped.emit()

    def _arrived(self) -> None:
        assert self._run is not None
        number = self._run.current.preset
        if number not in self._covered:
            self._covered.append(number)
        self._goto(self._patrol.camera_num, number)
        self.preset_changed.emit(number, self.text)
        self._schedule()

    def _schedule(self) -> None:
        self._timer.stop()
        if self._run is None or self._left is not None:
            return
        if self._once and self._run.index == len(self._patrol.steps) - 1:
            return
        self._timer.start(max(0, math.ceil((self._run.next_at - self._clock()) * 1000)))


class PresetPatrolSource:
    """Reads cameras' preset patrols from the service in the task runner, for the
    views that run them (the round panel, the wall's tours)."""

    def __init__(self, store: PresetClient, runner: TaskRunner) -> None:
        self._store = store
        self._runner = runner

    def load(
        self,
        camera_nums: Iterable[str],
        on_done: Callable[[dict[PatrolKey, NamedPresetPatrol]], None],
        on_error: Callable[[str], None] | None = None,
    ) -> None:
        """``on_done(patrols)`` on the GUI thread; the service's failure goes to ``on_error``
        as the operator's message (logged when nobody listens), any other error is a bug."""

        def failed(error: PlatformError) -> None:
            if on_error is None:
                log.error("%s", error)
            else:
                on_error(str(error))

        self._runner.run(
            load_preset_patrols,
            self._store,
            list(camera_nums),
            on_done=on_done,
            on_error=failed,
            expected=(PlatformError,),
        )
