"""A tile of the main wall lent to the patrol round for its cameras (P-3), given back with
what it showed before when the round ends; and the cameras an anomaly asks to keep watching
(P-5), pinned in a free tile beside it."""

from __future__ import annotations

from PySide6.QtGui import QImage

from patrol_app.domain.layouts import TILE_COUNTS, TileLayout
from patrol_app.ui.wall.tile import Tile
from patrol_app.ui.wall.walls import Walls


class TileLending:
    """The round's tile on the main wall of ``walls``."""

    def __init__(self, walls: Walls) -> None:
        self._walls = walls
        self._tile: Tile | None = None  # the tile showing the round's camera
        self._lent: Tile | None = None  # the tile the round borrowed for its cameras
        self._lent_before: TileLayout | None = None  # what it showed before (None: nothing)

    @property
    def tile(self) -> Tile | None:
        """The tile of the main wall that shows the round's camera: the tile the round
        borrowed, or the one that showed the camera already."""
        return self._tile

    def show(self, camera_num: str) -> bool:
        """The round's camera goes into the tile it borrowed (the one it used so far, else the
        selected tile, else the first), at the wall's grade: a grade the operator chose there
        was for the camera before. A camera the wall shows already is checked where it is,
        not played twice; the borrowed tile meanwhile shows again what it showed before.
        False when the camera is not in the directory."""
        if camera_num not in self._known():
            return False
        shown = self._main_tile_showing(camera_num)
        if shown is not None and shown is not self._lent:
            self._give_back()
            self._tile = shown
            return True
        wall = self._walls.main
        tile = self._lent
        if tile is None or tile not in wall.tiles:  # first camera, or a layout took the tile
            tile = self._lent = wall.selected or wall.tiles[0]
            camera = tile.camera
            self._lent_before = TileLayout(camera.camera_num, tile.manual_grade) if camera else None
        self._tile = tile
        self._show_in(tile, TileLayout(camera_num))
        return True

    def end(self) -> None:
        """The round ended: the tile it borrowed shows again what it showed before."""
        self._give_back()
        self._tile = None

    def pin(self, camera_num: str) -> None:
        """Keep watching a camera (P-5): into a free tile of the main wall other than the
        tile the round borrowed, growing the wall when none is free; nothing when a tile
        shows it."""
        wall = self._walls.main
        others = [tile for tile in wall.tiles if tile is not self._lent]
        if any(tile.camera and tile.camera.camera_num == camera_num for tile in others):
            return
        free = [tile for tile in others if tile.camera is None]
        if not free and len(wall.tiles) < TILE_COUNTS[-1]:
            wall.set_tile_count(next(n for n in TILE_COUNTS if n > len(wall.tiles)))
            free = [tile for tile in wall.tiles if tile is not self._lent and not tile.camera]
        target = free[0] if free else others[-1]
        if camera_num in self._known():
            wall.play_in(target, camera_num)

    def picture(self, camera_num: str) -> QImage | None:
        """The picture of the round's tile when it shows ``camera_num`` (a round's anomaly)."""
        tile = self._tile
        if tile is None or tile.camera is None or tile.camera.camera_num != camera_num:
            return None
        image = tile.player.snapshot()
        return None if image.isNull() else image

    def _known(self) -> set[str]:
        return {camera.camera_num for camera in self._walls.cameras}

    def _give_back(self) -> None:
        """The tile the round borrowed shows again what it showed before (nothing when its
        camera left the directory or another tile of the wall shows it meanwhile)."""
        tile, before = self._lent, self._lent_before
        self._lent = self._lent_before = None
        wall = self._walls.main
        if tile is None or tile not in wall.tiles:
            return
        alone = before is not None and self._main_tile_showing(before.camera_num) in (None, tile)
        if before is not None and before.camera_num in self._known() and alone:
            self._show_in(tile, before)
        else:
            wall.close_tile(tile)

    def _show_in(self, tile: Tile, shown: TileLayout) -> None:
        """``tile`` plays ``shown``'s camera at ``shown``'s grade (None: the wall's)."""
        if tile.manual_grade != shown.grade:
            tile.clear()  # the grade is for the new camera: the old one is not switched first
            tile.set_manual_grade(shown.grade)
        self._walls.main.play_in(tile, shown.camera_num)

    def _main_tile_showing(self, camera_num: str) -> Tile | None:
        """The first tile of the main wall that shows ``camera_num``."""
        return next(
            (
                tile
                for tile in self._walls.main.tiles
                if tile.camera is not None and tile.camera.camera_num == camera_num
            ),
            None,
        )
