"""The video wall (W-4): 1, 4, 9 or 16 tiles in a grid, one of which can be enlarged.

Each tile's stream gets its play addresses from the platform through the task runner and
reconnects by itself (W-6); the wall says which cameras have no signal (``lost_changed``),
picks each tile's automatic grade (W-2), runs tours (W-5) and saves and shows layouts. A tour's
steps may call a camera's preset or run one of its preset patrols (Z-5) through ``goto``, the
PTZ control's preset recall; the main window gives the wall the stored preset patrols
(``set_preset_patrols``) as it gives it the tours.

Keyboard, while the wall has the focus (a click on a tile gives it): digits 1-9 select a
tile, Enter enlarges the selected tile to the whole wall or brings it back (unless someone
took the key, ``set_enter``: a patrol round), Esc brings it back.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QShortcut
from PySide6.QtWidgets import QGridLayout, QWidget

from patrol_app.domain.camera import CameraEntry
from patrol_app.domain.layouts import TILE_COUNTS, TileLayout, WallLayout, automatic_grade
from patrol_app.domain.tours import NamedPresetPatrol, PatrolKey, Tour
from patrol_app.platform.sharing import SharingClient
from patrol_app.ui.preset_patrols import Goto
from patrol_app.ui.tasks import TaskRunner
from patrol_app.ui.video.player import PlayerState, QtMultimediaPlayer, VideoPlayer
from patrol_app.ui.video.stream import DEFAULT_TIMINGS, LiveStream, StreamTimings
from patrol_app.ui.wall.tile import Tile
from patrol_app.ui.wall.tour import TourPlayer


class VideoWall(QWidget):
    """The tiles; ``play`` puts a camera into the selected tile or the first free one."""

    lost_changed = Signal(dict)  # {cameraNum: reason} of its tiles without a signal
    activated = Signal()  # the operator clicked one of its tiles
    snapshot_requested = Signal(Tile)
    tile_added = Signal(Tile)  # a tile made when the wall grows (the first ones too)

    def __init__(
        self,
        client: SharingClient,
        runner: TaskRunner,
        *,
        player_factory: Callable[[], VideoPlayer] = QtMultimediaPlayer,
        timings: StreamTimings = DEFAULT_TIMINGS,
        clock: Callable[[], float] = time.monotonic,
        goto: Goto | None = None,
        shown_elsewhere: Callable[[str, Tile], bool] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``shown_elsewhere(camera_num, tile)``: a tile other than ``tile`` shows the camera
        (the main window asks every wall); None: another tile of this wall shows it."""
        super().__init__(parent)
        self._client = client
        self._runner = runner
        self._player_factory = player_factory
        self._timings = timings
        self._clock = clock
        self._goto = goto
        self._shown_elsewhere = shown_elsewhere or self._shows
        self._cameras: dict[str, CameraEntry] = {}
        self._tour_list: list[Tour] = []
        self._preset_patrols: dict[PatrolKey, NamedPresetPatrol] = {}
        self._tiles: list[Tile] = []
        # Tile position -> the camera (and grade) a smaller layout took from it, given back
        # when the wall grows again (单画面 and back to 四画面 keeps the four cameras).
        self._parked: dict[int, TileLayout] = {}
        self._selected: Tile | None = None
        self._enlarged: Tile | None = None
        self._tours: list[TourPlayer] = []
        self._lost: dict[str, str] = {}
        self._debug = False
        self._enter: Callable[[], None] | None = None  # what Enter does instead of enlarging
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(2)
        self.layout_actions = self._build_layout_actions()
        self._add_shortcuts()
        self.set_tile_count(4)

    @property
    def tiles(self) -> list[Tile]:
        return list(self._tiles)

    @property
    def selected(self) -> Tile | None:
        return self._selected

    @property
    def enlarged(self) -> Tile | None:
        return self._enlarged

    @property
    def tours(self) -> list[TourPlayer]:
        """The tours running on this wall."""
        return list(self._tours)

    def set_cameras(self, cameras: Iterable[CameraEntry]) -> None:
        """The cameras the wall can show (the directory's list)."""
        self._cameras = {camera.camera_num: camera for camera in cameras}

    def set_tours(self, tours: Iterable[Tour]) -> None:
        """The saved tours the tiles' menus offer."""
        self._tour_list = list(tours)
        for tile in self._tiles:
            tile.set_tour_names([tour.name for tour in self._tour_list])

    def set_preset_patrols(self, patrols: Mapping[PatrolKey, NamedPresetPatrol]) -> None:
        """The stored preset patrols the tours' steps may run (``load_preset_patrols``); a
        tour started later uses them, a running one keeps those it started with."""
        self._preset_patrols = dict(patrols)

    def set_tile_count(self, count: int) -> None:
        """Switch to a layout of ``count`` tiles; the first tiles keep their cameras, and the
        cameras of the tiles a smaller layout removed come back, each to its own tile, when
        the wall grows again (unless a tile shows one already). A tour across the wall stops
        (its pages were cut for the old count)."""
        if count not in TILE_COUNTS:
            raise ValueError(f"layout of {count} tiles; expected one of {TILE_COUNTS}")
        for tour in self.tours:
            if len(tour.tiles) > 1 or tour.tiles[0] in self._tiles[count:]:
                tour.stop()
        for index, tile in enumerate(self._tiles[count:], count):
            if tile.camera is not None:
                self._parked[index] = TileLayout(tile.camera.camera_num, tile.manual_grade)
            tile.clear()
            tile.deleteLater()
        if self._selected in self._tiles[count:]:
            self._selected = None
        self._tiles = self._tiles[:count]
        added = range(len(self._tiles), count)
        while len(self._tiles) < count:
            self._tiles.append(self._new_tile())
        self._set_enlarged(None)
        self.layout_actions[count].setChecked(True)
        for index in added:
            self._unpark(index)
        self._update_lost()

    def stop_tours(self) -> None:
        """Stop every tour on this wall; the tiles keep their cameras."""
        for tour in self.tours:
            tour.stop()

    def stop_all(self) -> None:
        """Stop every tour and stream and empty the tiles (the window closes)."""
        self._parked.clear()
        self.stop_tours()
        for tile in self._tiles:
            tile.clear()

    def reconnect_now(self) -> None:
        """Every tile without a signal reconnects at once (the platform is back)."""
        for tile in self._tiles:
            tile.stream.retry_now()

    def select(self, tile: Tile | None) -> None:
        for each in self._tiles:
            each.set_selected(each is tile)
        self._selected = tile

    def play(self, camera_num: str) -> None:
        """Play a camera in the selected tile, else the first free tile, else the first."""
        free = [tile for tile in self._tiles if tile.camera is None]
        self.play_in(self._selected or (free or self._tiles)[0], camera_num)

    def play_in(self, tile: Tile, camera_num: str) -> None:
        """The operator puts a camera into ``tile``: a tour showing that tile stops."""
        self._stop_tour_of(tile)
        tile.play(self._cameras[camera_num])

    def close_tile(self, tile: Tile) -> None:
        self._stop_tour_of(tile)
        tile.clear()
        if tile is self._enlarged:
            self._set_enlarged(None)

    def toggle_enlarged(self, tile: Tile | None) -> None:
        """Enlarge ``tile`` to the whole wall (at the single-view grade), or bring it back."""
        if tile is None:
            return
        if tile is self._enlarged:
            self._set_enlarged(None)
        elif tile.camera is not None:
            self._set_enlarged(tile)

    def show_all(self) -> None:
        """Back from an enlarged tile to the whole wall."""
        self._set_enlarged(None)

    def start_tour(self, tour: Tour, tile: Tile | None = None) -> TourPlayer:
        """Run ``tour`` in ``tile``, or across the whole wall page by page; tours running in
        the same tiles stop. TourError when none of its cameras is in the directory."""
        tour = tour.only(set(self._cameras))  # refused before anything stops
        tiles = [tile] if tile is not None else self._tiles
        for running in self.tours:
            if set(running.tiles) & set(tiles):
                running.stop()
        player = TourPlayer(
            tour,
            tiles,
            self._cameras,
            clock=self._clock,
            goto=self._goto,
            preset_patrols=self._preset_patrols,
            parent=self,
        )
        self._tours.append(player)
        player.stopped.connect(lambda: self._tour_stopped(player))
        return player

    def saved_as(self, name: str) -> WallLayout:
        """The wall as a layout called ``name``: cameras, and the grades the operator chose."""
        return WallLayout(
            name,
            tuple(
                TileLayout(tile.camera.camera_num, tile.manual_grade) if tile.camera else None
                for tile in self._tiles
            ),
        )

    def apply(self, layout: WallLayout) -> None:
        """Show ``layout``; cameras no longer in the directory leave their tile empty. The
        cameras of an earlier, larger layout are forgotten: the layout says it all."""
        self.stop_tours()
        self._parked.clear()
        self.set_tile_count(layout.tile_count)
        for tile, entry in zip(self._tiles, layout.tiles, strict=True):
            camera = self._cameras.get(entry.camera_num) if entry else None
            if camera is None or camera != tile.camera:
                tile.clear()
            tile.set_manual_grade(entry.grade if entry else None)
            if camera is not None:
                tile.play(camera)

    def set_debug(self, shown: bool) -> None:
        """Start time and frame count in every tile's header (W-3)."""
        self._debug = shown
        for tile in self._tiles:
            tile.set_debug(shown)

    def _build_layout_actions(self) -> dict[int, QAction]:
        names = {
            1: self.tr("Single view"),
            4: self.tr("Four views"),
            9: self.tr("Nine views"),
            16: self.tr("Sixteen views"),
        }
        group = QActionGroup(self)
        actions = {}
        for count in TILE_COUNTS:
            action = QAction(names[count], group, objectName=f"layout{count}", checkable=True)
            action.triggered.connect(lambda _checked, n=count: self.set_tile_count(n))
            actions[count] = action
        return actions

    def _add_shortcuts(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for digit in range(1, 10):
            shortcut = QShortcut(QKeySequence(str(digit)), self, context=context)
            shortcut.activated.connect(lambda n=digit: self._select_number(n))
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self, context=context)
            shortcut.activated.connect(self._enter_pressed)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, context=context)
        escape.activated.connect(self.show_all)

    def set_enter(self, act: Callable[[], None] | None) -> None:
        """Enter on the wall calls ``act`` instead of enlarging the selected tile (a patrol
        round running beside the wall takes the key); None gives the key back."""
        self._enter = act

    def _enter_pressed(self) -> None:
        if self._enter is not None:
            self._enter()
        else:
            self.toggle_enlarged(self._selected)

    def _unpark(self, index: int) -> None:
        """Give the new tile at ``index`` the camera a smaller layout took from it."""
        parked = self._parked.pop(index, None)
        camera = self._cameras.get(parked.camera_num) if parked is not None else None
        if parked is None or camera is None:
            return
        tile = self._tiles[index]
        if self._shows(camera.camera_num, tile):
            return  # the operator put it elsewhere meanwhile: one camera, one tile
        tile.set_manual_grade(parked.grade)
        tile.play(camera)

    def _select_number(self, number: int) -> None:
        if number <= len(self._tiles):
            self.select(self._tiles[number - 1])

    def _new_tile(self) -> Tile:
        stream = LiveStream(self._client, self._runner, self._player_factory, self._timings)
        tile = Tile(stream)
        tile.clicked.connect(lambda: self._clicked(tile))
        tile.enlarge_requested.connect(lambda: self.toggle_enlarged(tile))
        tile.camera_dropped.connect(lambda camera_num: self.play_in(tile, camera_num))
        tile.close_requested.connect(lambda: self.close_tile(tile))
        tile.snapshot_requested.connect(lambda: self.snapshot_requested.emit(tile))
        tile.tour_requested.connect(lambda name: self._tour_in(tile, name))
        tile.changed.connect(self._update_lost)
        tile.set_shown_elsewhere(lambda camera_num: self._shown_elsewhere(camera_num, tile))
        tile.set_tour_names([tour.name for tour in self._tour_list])
        tile.set_debug(self._debug)
        self.tile_added.emit(tile)
        return tile

    def _shows(self, camera_num: str, besides: Tile) -> bool:
        """A tile other than ``besides`` shows ``camera_num``."""
        return any(
            tile is not besides and tile.camera is not None and tile.camera.camera_num == camera_num
            for tile in self._tiles
        )

    def _clicked(self, tile: Tile) -> None:
        self.select(tile)
        self.setFocus()
        self.activated.emit()

    def _tour_in(self, tile: Tile, name: str) -> None:
        tour = next(tour for tour in self._tour_list if tour.name == name)
        self.start_tour(tour, tile)

    def _tour_stopped(self, tour: TourPlayer) -> None:
        self._tours.remove(tour)
        tour.deleteLater()  # a shift starts many tours: none may stay behind

    def _stop_tour_of(self, tile: Tile) -> None:
        if tile.tour is not None:
            tile.tour.stop()

    def _set_enlarged(self, tile: Tile | None) -> None:
        if self._enlarged is not None:
            self._enlarged.set_enlarged(False)
        self._enlarged = tile
        shown = [tile] if tile is not None else self._tiles
        for each in self._tiles:
            self._grid.removeWidget(each)
            each.setVisible(each in shown)
        columns = math.isqrt(len(shown))
        for index, each in enumerate(shown):
            self._grid.addWidget(each, index // columns, index % columns)
        for line in range(max(self._grid.rowCount(), self._grid.columnCount())):
            self._grid.setRowStretch(line, 1 if line < columns else 0)
            self._grid.setColumnStretch(line, 1 if line < columns else 0)
        for each in self._tiles:
            each.set_auto_grade(automatic_grade(len(shown) if each in shown else len(self._tiles)))
        if tile is not None:
            tile.set_enlarged(True)

    def _update_lost(self) -> None:
        lost = {
            tile.camera.camera_num: tile.stream.reason
            for tile in self._tiles
            if tile.camera is not None and tile.state is PlayerState.NO_SIGNAL
        }
        if lost != self._lost:
            self._lost = lost
            self.lost_changed.emit(lost)
