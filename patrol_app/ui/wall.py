"""The video wall (W-4): 1, 4, 9 or 16 tiles in a grid.

Play addresses come from the platform through the task runner, never on the GUI thread. A tile
that loses its stream asks for a fresh address after ``retry_ms`` until it plays again or gets
another camera (W-6).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QGridLayout, QWidget

from patrol_app.platform.sharing import CameraEntry, PlatformError, PlayAddress, SharingClient
from patrol_app.ui.player import PlayerState, QtMultimediaPlayer, VideoPlayer
from patrol_app.ui.tasks import TaskRunner
from patrol_app.ui.tile import Tile

LAYOUTS = (1, 4, 9, 16)
WALL_GRADE = 0  # videoType of the wall: 128 kbps CIF, the grade meant for many tiles (W-2)


class VideoWall(QWidget):
    """The tiles; ``play`` puts a camera into the selected tile or the first free one."""

    def __init__(
        self,
        client: SharingClient,
        runner: TaskRunner,
        *,
        player_factory: Callable[[], VideoPlayer] = QtMultimediaPlayer,
        retry_ms: int = 5000,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._client = client
        self._runner = runner
        self._player_factory = player_factory
        self._retry_ms = retry_ms
        self._cameras: dict[str, CameraEntry] = {}
        self._tiles: list[Tile] = []
        self._selected: Tile | None = None
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(2)
        self.set_tile_count(4)

    @property
    def tiles(self) -> list[Tile]:
        return list(self._tiles)

    @property
    def selected(self) -> Tile | None:
        return self._selected

    def set_cameras(self, cameras: Iterable[CameraEntry]) -> None:
        """The cameras ``play`` can show (the directory's list)."""
        self._cameras = {camera.camera_num: camera for camera in cameras}

    def set_tile_count(self, count: int) -> None:
        """Switch to a layout of ``count`` tiles; the first tiles keep their cameras."""
        if count not in LAYOUTS:
            raise ValueError(f"layout of {count} tiles; expected one of {LAYOUTS}")
        for tile in self._tiles[count:]:
            tile.clear()
            tile.deleteLater()
        if self._selected in self._tiles[count:]:
            self._selected = None
        self._tiles = self._tiles[:count]
        while len(self._tiles) < count:
            self._tiles.append(self._new_tile())
        for tile in self._tiles:
            self._grid.removeWidget(tile)
        columns = math.isqrt(count)
        for index, tile in enumerate(self._tiles):
            self._grid.addWidget(tile, index // columns, index % columns)
        for line in range(max(self._grid.rowCount(), self._grid.columnCount())):
            self._grid.setRowStretch(line, 1 if line < columns else 0)
            self._grid.setColumnStretch(line, 1 if line < columns else 0)

    def stop_all(self) -> None:
        """Stop every stream and empty the tiles (the window closes)."""
        for tile in self._tiles:
            tile.clear()

    def select(self, tile: Tile | None) -> None:
        for each in self._tiles:
            each.set_selected(each is tile)
        self._selected = tile

    def play(self, camera_num: str) -> None:
        """Play a camera in the selected tile, else the first free tile, else the first."""
        free = [tile for tile in self._tiles if tile.camera is None]
        self.play_in(self._selected or (free or self._tiles)[0], camera_num)

    def play_in(self, tile: Tile, camera_num: str) -> None:
        tile.assign(self._cameras[camera_num])
        self._fetch(tile, camera_num)

    def _new_tile(self) -> Tile:
        tile = Tile(self._player_factory())
        tile.clicked.connect(lambda: self.select(tile))
        tile.camera_dropped.connect(lambda camera_num: self.play_in(tile, camera_num))
        tile.state_changed.connect(lambda state: self._state_changed(tile, state))
        return tile

    def _fetch(self, tile: Tile, camera_num: str) -> None:
        self._runner.run(
            self._client.play_address,
            camera_num,
            WALL_GRADE,
            on_done=lambda address: self._got_address(tile, address),
            on_error=lambda error: self._no_address(tile, camera_num, error),
        )

    def _showing(self, tile: Tile, camera_num: str) -> bool:
        """Whether ``tile`` is still on the wall with ``camera_num`` (answers come late)."""
        return (
            tile in self._tiles
            and tile.camera is not None
            and (tile.camera.camera_num == camera_num)
        )

    def _got_address(self, tile: Tile, address: PlayAddress) -> None:
        if self._showing(tile, address.camera_num):
            tile.open(address.flv)

    def _no_address(self, tile: Tile, camera_num: str, error: Exception) -> None:
        if not isinstance(error, PlatformError):
            raise error  # a bug: to the excepthook
        if self._showing(tile, camera_num):
            tile.fail(str(error))

    def _state_changed(self, tile: Tile, state: PlayerState) -> None:
        if state is PlayerState.NO_SIGNAL and tile.camera is not None:
            camera_num = tile.camera.camera_num
            QTimer.singleShot(self._retry_ms, tile, lambda: self._retry(tile, camera_num))

    def _retry(self, tile: Tile, camera_num: str) -> None:
        if self._showing(tile, camera_num) and tile.state is PlayerState.NO_SIGNAL:
            self.play_in(tile, camera_num)
