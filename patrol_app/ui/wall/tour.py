"""A tour running on the wall (W-5, 轮巡): in one tile, or across the wall page by page.

The stepping is the domain's ``TourRun``; this object gives it the time (an injected
monotonic clock), shows each stop in its tiles and connects the next stop's cameras
``preload_seconds`` before the switch on the tiles' spare players, so that the switch
shows no "connecting" gap. Its timer only wakes it up: what is due is decided by the clock,
so tests move a fake clock and call ``tick``.

A step with a preset sends its camera there (``goto``, the PTZ control's preset recall) when
the step starts; a step with a preset patrol runs it (``PresetPatrolPlayer``) for as long as
the step is on screen, one round of the patrol, and its tile's label says which preset is on.
Each pass of the tour starts the step again, a tour of one page or one step included: its
preset is called and its preset patrol runs from the first preset again.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from itertools import zip_longest

from PySide6.QtCore import QObject, QTimer, Signal

from patrol_app.domain.camera import CameraEntry
from patrol_app.domain.tours import NamedPresetPatrol, PatrolKey, Tour, TourRun, TourStep
from patrol_app.ui.preset_patrols import Goto, PresetPatrolPlayer
from patrol_app.ui.wall.tile import Tile

PRELOAD_SECONDS = 3.0  # above the slowest first picture measured for grade 1 (1.9 s)


class TourPlayer(QObject):
    """Runs ``tour`` in ``tiles``: one tile shows a camera at a time, several a page."""

    stopped = Signal()

    def __init__(
        self,
        tour: Tour,
        tiles: Sequence[Tile],
        cameras: Mapping[str, CameraEntry],
        *,
        clock: Callable[[], float],
        goto: Goto | None = None,
        preset_patrols: Mapping[PatrolKey, NamedPresetPatrol] | None = None,
        preload_seconds: float = PRELOAD_SECONDS,
        parent: QObject | None = None,
    ) -> None:
        """TourError when none of the tour's cameras is in ``cameras`` (the directory).
        ``preset_patrols``: the stored preset patrols its steps may name; without ``goto``
        (no PTZ control) presets and preset patrols are not called."""
        super().__init__(parent)
        self._tour = tour.only(set(cameras)).with_preset_patrols(preset_patrols or {})
        self._patrols = dict(preset_patrols or {})
        self._goto = goto
        self._presets: dict[Tile, PresetPatrolPlayer] = {}
        self._tiles = list(tiles)
        self._pages = self._tour.pages(len(self._tiles))
        self._cameras = dict(cameras)
        self._clock = clock
        self._lead = preload_seconds
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.tick)
        self._run = TourRun.start([page.dwell_seconds for page in self._pages], clock())
        self._preloaded = False
        self._running = True
        self._show()

    @property
    def tiles(self) -> list[Tile]:
        return list(self._tiles)

    @property
    def index(self) -> int:
        """The stop on screen: a step of a tour in one tile, a page of a tour on the wall."""
        return self._run.index

    @property
    def paused(self) -> bool:
        return self._run.paused

    @property
    def tour(self) -> Tour:
        """The tour as it runs (preset-patrol steps last one round of their patrol)."""
        return self._tour

    def preset_patrol(self, tile: Tile) -> PresetPatrolPlayer | None:
        """The preset patrol running in ``tile`` for the current step, if any."""
        return self._presets.get(tile)

    def tick(self) -> None:
        """Switch or preload when it is time (its timer calls it; so can a test)."""
        if not self._running:
            return
        now = self._clock()
        run = self._run.advance(now)
        if run != self._run:  # the next stop, or the same one again (a one-page tour)
            self._run = run
            self._show()
            return
        preload = self._run.preload_at(self._lead)
        if not self._preloaded and preload is not None and now >= preload:
            self._preload()
        self._schedule()

    def pause(self) -> None:
        self._run = self._run.pause(self._clock())
        for patrol in self._presets.values():
            patrol.pause()
        self._label()
        self._schedule()

    def resume(self) -> None:
        self._run = self._run.resume(self._clock())
        for patrol in self._presets.values():
            patrol.resume()
        self._label()
        self._schedule()

    def next(self) -> None:
        self._run = self._run.next(self._clock())
        self._show()

    def previous(self) -> None:
        self._run = self._run.previous(self._clock())
        self._show()

    def stop(self) -> None:
        """Stop touring; the tiles keep showing their cameras."""
        if not self._running:
            return
        self._running = False
        self._timer.stop()
        self._stop_presets()
        for tile in self._tiles:
            tile.set_tour(None)
            tile.stream.drop_spare()
        self.stopped.emit()

    def _show(self) -> None:
        page = self._pages[self._run.index]
        self._stop_presets()
        for tile, step in zip_longest(self._tiles, page.steps):
            if step is None:
                tile.clear()  # the last page has fewer cameras than the wall has tiles
            else:
                tile.play(self._cameras[step.camera_num])
                self._point(tile, step)
        self._preloaded = False
        self._label()
        self.tick()  # preload at once when the dwell is shorter than the lead

    def _point(self, tile: Tile, step: TourStep) -> None:
        """Send the step's camera to its preset, or start its preset patrol."""
        if self._goto is None:
            return
        key = step.patrol_key
        if key is not None and key in self._patrols:
            patrol = PresetPatrolPlayer(
                self._patrols[key], goto=self._goto, clock=self._clock, once=True, parent=self
            )
            patrol.preset_changed.connect(lambda _number, _text: self._label())
            self._presets[tile] = patrol
            patrol.start()
            if self.paused:  # a step chosen while paused waits with its first preset
                patrol.pause()
        elif step.preset is not None:
            self._goto(step.camera_num, step.preset)

    def _stop_presets(self) -> None:
        presets, self._presets = self._presets, {}
        for patrol in presets.values():
            patrol.stop()
            patrol.deleteLater()

    def _preload(self) -> None:
        self._preloaded = True
        for tile, step in zip(self._tiles, self._pages[self._run.following].steps, strict=False):
            tile.preload(self._cameras[step.camera_num])

    def _schedule(self) -> None:
        self._timer.stop()
        if self._run.due is None:
            return
        wake = self._run.due
        if not self._preloaded:
            wake = min(wake, self._run.due - self._lead)
        self._timer.start(max(0, math.ceil((wake - self._clock()) * 1000)))

    def _label(self) -> None:
        progress = {"name": self._tour.name, "current": self.index + 1, "total": len(self._pages)}
        if len(self._tiles) == 1:
            text = self.tr("Tour {name} {current}/{total}").format(**progress)
        else:
            text = self.tr("Tour {name} page {current}/{total}").format(**progress)
        if self.paused:
            text = self.tr("{tour} (paused)").format(tour=text)
        for tile in self._tiles:
            patrol = self._presets.get(tile)
            if patrol is None or not patrol.running:
                tile.set_tour(self, text)
            else:
                both = self.tr("{tour}, {preset}").format(tour=text, preset=patrol.text)
                tile.set_tour(self, both)
