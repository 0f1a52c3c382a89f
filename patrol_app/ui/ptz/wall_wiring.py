"""The PTZ of the walls' tiles (Z-1, Z-2): every tile of every wall gets the PTZ control for
its picture (drag, wheel) and its menu, the tiles a wall adds later included; the PTZ panel,
docked under the camera tree, follows the camera of the tile selected last, on either wall;
the walls' arrow and +/- keys drive that camera too (``PtzKeys``).

The tiles and walls are the wall feature's; this module knows them by what it uses of them
(``PtzTile``), so that the PTZ package does not depend on the wall package."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import Protocol

from PySide6.QtCore import QObject, Qt, Signal, SignalInstance
from PySide6.QtWidgets import QDockWidget, QMainWindow

from patrol_app.domain.camera import CameraEntry
from patrol_app.platform.presets import PresetClient
from patrol_app.platform.ptz import PtzClient
from patrol_app.ui.ptz.control import PtzControl
from patrol_app.ui.ptz.panel import PtzKeys, PtzPanel
from patrol_app.ui.tasks import TaskRunner


class PtzTile(Protocol):
    """What the wiring uses of a wall's tile."""

    @property
    def camera(self) -> CameraEntry | None: ...

    @property
    def selection_changed(self) -> SignalInstance: ...

    @property
    def changed(self) -> SignalInstance: ...

    @property
    def ptz_panel_requested(self) -> SignalInstance: ...

    @property
    def destroyed(self) -> SignalInstance: ...

    def set_ptz(self, control: PtzControl | None) -> None: ...

    def set_gestures(self, enabled: bool) -> None: ...


class PtzWiring(QObject):
    """Owns the PTZ control, the panel and its dock; ``attach`` each tile, install ``keys`` on
    each wall."""

    failed = Signal(str)  # a command failed: the operator's message, naming the camera

    def __init__(
        self,
        client: PtzClient,
        runner: TaskRunner,
        presets: PresetClient | None,
        *,
        window: QMainWindow,
        below: QDockWidget,
        tiles_showing: Callable[[str], Iterator[PtzTile]],
        all_tiles: Callable[[], Iterable[PtzTile]],
        cameras: Callable[[], Iterable[CameraEntry]],
    ) -> None:
        """``below``: the dock the panel's dock goes under (the camera tree's);
        ``tiles_showing(camera_num)``: the tiles of every wall that show the camera;
        ``all_tiles()``: every wall's tiles; ``cameras()``: the directory, to name a camera
        whose command failed."""
        super().__init__(window)
        self._control = PtzControl(client, parent=self)
        self._panel = PtzPanel(self._control, runner, presets)
        self._keys = PtzKeys(self._panel)
        self._tiles_showing = tiles_showing
        self._all_tiles = all_tiles
        self._cameras = cameras
        self._tile: PtzTile | None = None  # the tile whose camera the panel shows
        self._attached: set[int] = set()  # ids of the tiles given the PTZ control
        self._shown = True  # the panel: the tiles' gestures follow it
        self._control.failed.connect(self._failed)
        self._dock = QDockWidget(self.tr("PTZ"), window, objectName="ptzDock")
        self._dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self._dock.setWidget(self._panel)
        self._dock.visibilityChanged.connect(self._panel_shown)
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self._dock)
        window.splitDockWidget(below, self._dock, Qt.Orientation.Vertical)

    @property
    def control(self) -> PtzControl:
        return self._control

    @property
    def panel(self) -> PtzPanel:
        return self._panel

    @property
    def dock(self) -> QDockWidget:
        return self._dock

    @property
    def camera(self) -> CameraEntry | None:
        """The camera of the tile the panel follows."""
        return self._tile.camera if self._tile is not None else None

    @property
    def keys(self) -> PtzKeys:
        """Installed on a wall, its arrow and +/- keys drive the panel's camera."""
        return self._keys

    def attach(self, tile: PtzTile) -> None:
        """Give a wall's tile the PTZ control; its selection moves the panel to its camera."""
        if id(tile) in self._attached:
            return
        self._attached.add(id(tile))
        tile.set_ptz(self._control)
        tile.set_gestures(self._shown)
        tile.selection_changed.connect(partial(self._selected, tile))
        tile.changed.connect(lambda: self._tile_changed(tile))
        tile.ptz_panel_requested.connect(lambda: self._panel_for(tile))
        tile.destroyed.connect(lambda: self._tile_destroyed(tile))

    def show_panel(self) -> None:
        """Show the PTZ panel and give it the keyboard (F7)."""
        self._dock.show()
        self._panel.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def shutdown(self) -> bool:
        """Every move stops and every camera this workstation holds is given up, before the
        tiles let go of their cameras; True when those commands have gone out."""
        return self._control.shutdown()

    def _selected(self, tile: PtzTile, selected: bool) -> None:
        if selected:
            self._follow(tile)

    def _follow(self, tile: PtzTile) -> None:
        self._tile = tile
        self._panel.set_camera(tile.camera)

    def _tile_changed(self, tile: PtzTile) -> None:
        if tile is not self._tile:
            return
        # The followed tile leaves its camera: follow another tile still showing it (a tour
        # moving it across the wall) rather than give up the control the tour just took.
        shown = self._panel.camera
        if shown is not None and (
            tile.camera is None or tile.camera.camera_num != shown.camera_num
        ):
            other = next(self._tiles_showing(shown.camera_num), None)
            if other is not None:
                self._follow(other)
                return
        self._panel.set_camera(tile.camera)

    def _panel_shown(self, shown: bool) -> None:
        """The picture's drag and wheel drive cameras only while the panel is shown."""
        self._shown = shown
        for tile in self._all_tiles():
            tile.set_gestures(shown)

    def _panel_for(self, tile: PtzTile) -> None:
        self._follow(tile)
        self.show_panel()

    def _tile_destroyed(self, tile: PtzTile) -> None:
        # The panel left its camera when the tile was cleared, before; and when the window
        # itself goes, the panel may be gone already.
        self._attached.discard(id(tile))
        if tile is self._tile:
            self._tile = None

    def _failed(self, camera_num: str, message: str) -> None:
        camera = next((c for c in self._cameras() if c.camera_num == camera_num), None)
        where = f"{camera.pile} {camera.name}" if camera is not None else camera_num
        self.failed.emit(
            self.tr("PTZ of {camera}: {message}").format(camera=where, message=message)
        )
