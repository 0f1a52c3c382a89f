"""A tour running on the wall (W-5, 轮巡): in one tile, or across the wall page by page.

The stepping is the domain's ``TourRun``; this object gives it the time (an injected
monotonic clock), shows each stop in its tiles and connects the next stop's cameras
``preload_seconds`` before the switch on the tiles' spare players, so that the switch
shows no "connecting" gap. Its timer only wakes it up: what is due is decided by the clock,
so tests move a fake clock and call ``tick``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from itertools import zip_longest

from PySide6.QtCore import QObject, QTimer, Signal

from patrol_app.domain.tours import Tour, TourRun
from patrol_app.platform.sharing import CameraEntry
from patrol_app.ui.tile import Tile

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
        preload_seconds: float = PRELOAD_SECONDS,
        parent: QObject | None = None,
    ) -> None:
        """TourError when none of the tour's cameras is in ``cameras`` (the directory)."""
        super().__init__(parent)
        self._tour = tour.only(set(cameras))
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

    def tick(self) -> None:
        """Switch or preload when it is time (its timer calls it; so can a test)."""
        if not self._running:
            return
        now = self._clock()
        run = self._run.advance(now)
        if run.index != self._run.index:
            self._run = run
            self._show()
            return
        preload = self._run.preload_at(self._lead)
        if not self._preloaded and preload is not None and now >= preload:
            self._preload()
        self._schedule()

    def pause(self) -> None:
        self._run = self._run.pause(self._clock())
        self._label()
        self._schedule()

    def resume(self) -> None:
        self._run = self._run.resume(self._clock())
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
        for tile in self._tiles:
            tile.set_tour(None)
            tile.stream.drop_spare()
        self.stopped.emit()

    def _show(self) -> None:
        page = self._pages[self._run.index]
        for tile, step in zip_longest(self._tiles, page.steps):
            if step is None:
                tile.clear()  # the last page has fewer cameras than the wall has tiles
            else:
                tile.play(self._cameras[step.camera_num])
        self._preloaded = False
        self._label()
        self.tick()  # preload at once when the dwell is shorter than the lead

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
            tile.set_tour(self, text)
