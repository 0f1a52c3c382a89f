"""The workstation's walls: the main wall and the second wall window (its own tiles), what
they are given alike (the directory's cameras, the tours, the preset patrols, the debug
overlay), the wall the operator used last, their cameras without a signal, and the tiles'
snapshots."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QPoint, QRect, QUrl, Signal
from PySide6.QtGui import QDesktopServices

from patrol_app.domain.camera import CameraEntry
from patrol_app.domain.snapshots import snapshot_stem
from patrol_app.domain.tours import NamedPresetPatrol, PatrolKey, Tour
from patrol_app.platform.sharing import SharingClient
from patrol_app.ui.preset_patrols import Goto
from patrol_app.ui.tasks import TaskRunner
from patrol_app.ui.video.player import QtMultimediaPlayer, VideoPlayer
from patrol_app.ui.video.snapshot_files import save_jpeg
from patrol_app.ui.video.stream import DEFAULT_TIMINGS, StreamTimings
from patrol_app.ui.wall.tile import Tile
from patrol_app.ui.wall.wall import VideoWall
from patrol_app.ui.wall.wall_window import WallWindow


class Walls(QObject):
    """Makes the walls and keeps them alike; the main wall is made at once, the second one
    when the operator first opens its window."""

    tile_added = Signal(Tile)  # a tile of any wall, the first ones included (PTZ wiring)
    lost_changed = Signal(VideoWall, dict)  # a wall's {cameraNum: reason} without a signal
    message = Signal(str)  # for the status bar

    def __init__(
        self,
        client: SharingClient,
        runner: TaskRunner,
        *,
        snapshot_dir: Path,
        player_factory: Callable[[], VideoPlayer] = QtMultimediaPlayer,
        timings: StreamTimings = DEFAULT_TIMINGS,
        clock: Callable[[], datetime],
        monotonic: Callable[[], float] = time.monotonic,
        goto: Goto | None = None,
        keys: QObject | None = None,
        parent: QObject | None = None,
    ) -> None:
        """``clock``: the snapshots' names; ``monotonic``: the tours' dwell; ``goto``: the PTZ
        control's preset recall, for the tours' steps (None: no PTZ); ``keys``: an event filter
        every wall gets (the PTZ keys)."""
        super().__init__(parent)
        self._client = client
        self._runner = runner
        self._snapshot_dir = snapshot_dir
        self._clock = clock
        self._new_wall = lambda: VideoWall(
            client,
            runner,
            player_factory=player_factory,
            timings=timings,
            clock=monotonic,
            goto=goto,
            shown_elsewhere=self.shown_elsewhere,
        )
        self._walls: list[VideoWall] = []
        self._lost: dict[VideoWall, dict[str, str]] = {}
        self._cameras: list[CameraEntry] = []
        self._tours: list[Tour] = []
        self._preset_patrols: dict[PatrolKey, NamedPresetPatrol] = {}
        self._debug = False
        self._keys = keys
        self._second: WallWindow | None = None
        self._main = self._add_wall()
        self._active = self._main

    @property
    def main(self) -> VideoWall:
        return self._main

    @property
    def active(self) -> VideoWall:
        """The wall the operator clicked last: cameras activated in the directory go there."""
        return self._active

    @property
    def all(self) -> list[VideoWall]:
        return list(self._walls)

    @property
    def second(self) -> WallWindow | None:
        return self._second

    @property
    def cameras(self) -> list[CameraEntry]:
        return list(self._cameras)

    @property
    def preset_patrols(self) -> dict[PatrolKey, NamedPresetPatrol]:
        return dict(self._preset_patrols)

    @property
    def lost(self) -> dict[str, str]:
        """Every wall's cameras without a signal, with the reason."""
        return {number: why for lost in self._lost.values() for number, why in lost.items()}

    def set_cameras(self, cameras: Iterable[CameraEntry]) -> None:
        self._cameras = list(cameras)
        for wall in self._walls:
            wall.set_cameras(self._cameras)

    def set_tours(self, tours: Iterable[Tour]) -> None:
        self._tours = list(tours)
        for wall in self._walls:
            wall.set_tours(self._tours)

    def set_preset_patrols(self, patrols: Mapping[PatrolKey, NamedPresetPatrol]) -> None:
        self._preset_patrols = dict(patrols)
        for wall in self._walls:
            wall.set_preset_patrols(self._preset_patrols)

    def set_debug(self, shown: bool) -> None:
        """Start time and frame count in the tiles of every wall (W-3)."""
        self._debug = shown
        for wall in self._walls:
            wall.set_debug(shown)

    def reconnect_now(self) -> None:
        for wall in self._walls:
            wall.reconnect_now()

    def open_second(self) -> WallWindow:
        """The second wall window (its own tiles), on the second screen when there is one."""
        if self._second is None:
            self._second = WallWindow(self._add_wall())
        main = self._main
        self._second.show_on_big_screen(QRect(main.mapToGlobal(QPoint(0, 0)), main.size()))
        return self._second

    def tiles_showing(self, camera_num: str) -> Iterator[Tile]:
        """The tiles of every wall that show ``camera_num``."""
        for wall in self._walls:
            for tile in wall.tiles:
                if tile.camera is not None and tile.camera.camera_num == camera_num:
                    yield tile

    def shown_elsewhere(self, camera_num: str, tile: Tile) -> bool:
        """A tile other than ``tile``, on either wall, shows ``camera_num``: the camera
        ``tile`` leaves is not given up (a tour on one wall must not release the camera the
        PTZ panel follows on the other)."""
        return any(other is not tile for other in self.tiles_showing(camera_num))

    def stop(self) -> None:
        """The window closes: the second window closes, the main wall lets go of its streams
        now, not when Qt tears down."""
        if self._second is not None:
            self._second.close()
        self._main.stop_all()

    def open_snapshot_folder(self) -> None:
        self._snapshot_dir.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._snapshot_dir)))

    def _add_wall(self) -> VideoWall:
        wall = self._new_wall()
        wall.set_cameras(self._cameras)
        wall.set_tours(self._tours)
        wall.set_preset_patrols(self._preset_patrols)
        wall.set_debug(self._debug)
        if self._keys is not None:
            wall.installEventFilter(self._keys)
        self._walls.append(wall)
        wall.lost_changed.connect(lambda lost: self._wall_lost(wall, lost))
        wall.activated.connect(lambda: self._activate(wall))
        wall.snapshot_requested.connect(self._snapshot)
        wall.tile_added.connect(self.tile_added)
        for tile in wall.tiles:
            self.tile_added.emit(tile)
        return wall

    def _activate(self, wall: VideoWall) -> None:
        self._active = wall

    def _wall_lost(self, wall: VideoWall, lost: dict[str, str]) -> None:
        self._lost[wall] = lost
        self.lost_changed.emit(wall, lost)

    def _snapshot(self, tile: Tile) -> None:
        image = tile.player.snapshot()
        if tile.camera is None or image.isNull():
            return
        self._runner.run(
            save_jpeg,
            image,
            self._snapshot_dir,
            snapshot_stem(tile.camera.pile, self._clock()),
            on_done=lambda path: self.message.emit(
                self.tr("Snapshot saved: {path}").format(path=path)
            ),
            on_error=lambda error: self.message.emit(
                self.tr("Cannot save the snapshot: {error}").format(error=error)
            ),
            expected=(OSError,),
        )
