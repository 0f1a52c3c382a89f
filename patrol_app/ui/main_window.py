"""The main window: camera directory on the left, video wall on the right, and the operator's
layouts, tours, second wall window and snapshots in its menus."""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, Qt, QUrl
from PySide6.QtGui import QCloseEvent, QDesktopServices, QImage, QKeySequence
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from patrol_app.domain.layouts import TILE_COUNTS, WallLayout
from patrol_app.domain.snapshots import snapshot_stem
from patrol_app.domain.tours import Tour, TourError
from patrol_app.platform.sharing import CameraEntry, PlatformError, SharingClient
from patrol_app.store.database import DatabaseError
from patrol_app.store.preferences import PreferenceStore
from patrol_app.ui.camera_tree import CameraTree
from patrol_app.ui.player import QtMultimediaPlayer, VideoPlayer
from patrol_app.ui.stream import DEFAULT_TIMINGS, StreamTimings
from patrol_app.ui.tasks import TaskRunner
from patrol_app.ui.tile import Tile
from patrol_app.ui.tour_dialog import TourDialog
from patrol_app.ui.wall import VideoWall
from patrol_app.ui.wall_window import WallWindow

log = logging.getLogger(__name__)

STATUS_MS = 10_000
JPEG_QUALITY = 90


def utc_now() -> datetime:
    return datetime.now(UTC)


def save_jpeg(image: QImage, folder: Path, stem: str) -> Path:
    """Write ``image`` as ``<stem>.jpg`` in ``folder``, or ``<stem>-2.jpg``... when that is
    taken (two snapshots in one second); runs in the task runner, off the GUI thread. The
    name is claimed by an exclusive create, so snapshots saved at once never share one."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "JPG", JPEG_QUALITY):
        raise OSError(f"无法编码抓图 {stem}")
    folder.mkdir(parents=True, exist_ok=True)
    for number in itertools.count(1):
        path = folder / (f"{stem}.jpg" if number == 1 else f"{stem}-{number}.jpg")
        try:
            with path.open("xb") as file:
                file.write(buffer.data().data())
        except FileExistsError:
            continue
        return path
    raise AssertionError("unreachable")


class MainWindow(QMainWindow):
    """Loads the camera list and the operator's preferences at start, then shows the layout
    used last, or else plays the first ``autoplay`` cameras."""

    def __init__(
        self,
        client: SharingClient,
        runner: TaskRunner,
        *,
        base_url: str,
        preferences: PreferenceStore,
        snapshot_dir: Path,
        autoplay: int = 0,
        player_factory: Callable[[], VideoPlayer] = QtMultimediaPlayer,
        timings: StreamTimings = DEFAULT_TIMINGS,
        clock: Callable[[], datetime] = utc_now,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Video Patrol Workstation"))
        self._client = client
        self._runner = runner
        self._preferences = preferences
        self._snapshot_dir = snapshot_dir
        self._autoplay = autoplay
        self._clock = clock
        self._new_wall = lambda: VideoWall(
            client, runner, player_factory=player_factory, timings=timings, clock=monotonic
        )
        self._cameras: list[CameraEntry] = []
        self._layouts: list[WallLayout] = []
        self._tours: list[Tour] = []
        self._starting = {"cameras", "preferences"}  # what start waits for
        self._last_layout: WallLayout | None = None
        self._walls: list[VideoWall] = []
        self._lost: dict[VideoWall, dict[str, str]] = {}
        self._second: WallWindow | None = None
        self._debug = False

        self._tree = CameraTree()
        self._error = QLabel(objectName="platformError", wordWrap=True)
        self._error.setStyleSheet("color: #c0392b; padding: 4px;")
        self._error.hide()
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self._error)
        column.addWidget(self._tree)

        self._wall = self._add_wall()
        self._active_wall = self._wall
        self._tree.camera_activated.connect(lambda number: self._active_wall.play(number))

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self._wall)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([400, 1200])
        self.setCentralWidget(splitter)

        self._build_toolbar()
        self._build_menus()
        self._address = QLabel(
            self.tr("Service: {address}").format(address=base_url), objectName="serviceAddress"
        )
        self._count = QLabel(objectName="cameraCount")
        self.statusBar().addWidget(self._address)
        self.statusBar().addPermanentWidget(self._count)
        self.reload_cameras()
        self.reload_preferences()

    @property
    def tree(self) -> CameraTree:
        return self._tree

    @property
    def wall(self) -> VideoWall:
        return self._wall

    @property
    def second_window(self) -> WallWindow | None:
        return self._second

    @property
    def layouts(self) -> list[WallLayout]:
        return list(self._layouts)

    @property
    def tours(self) -> list[Tour]:
        return list(self._tours)

    def reload_cameras(self) -> None:
        self._count.setText(self.tr("Loading cameras…"))
        self._runner.run(self._client.cameras, on_done=self._loaded, on_error=self._failed)

    def reload_preferences(self) -> None:
        store = self._preferences
        self._runner.run(
            lambda: (store.layouts(), store.tours(), store.last_layout()),
            on_done=self._preferences_loaded,
            on_error=self._store_failed,
        )

    def set_tile_count(self, count: int) -> None:
        self._wall.set_tile_count(count)

    def save_layout(self, name: str) -> None:
        """Save the main wall as the layout ``name`` (replacing one of that name)."""
        layout = self._wall.layout(name)
        self._store(self._preferences.save_layout, layout, self._clock())

    def load_layout(self, name: str) -> None:
        layout = next(layout for layout in self._layouts if layout.name == name)
        self._wall.apply(layout)
        self._store(self._preferences.mark_used, name, self._clock())

    def delete_layout(self, name: str) -> None:
        self._store(self._preferences.delete_layout, name)

    def save_tour(self, tour: Tour) -> None:
        self._store(self._preferences.save_tour, tour, self._clock())

    def delete_tour(self, name: str) -> None:
        self._store(self._preferences.delete_tour, name)

    def new_tour(self) -> TourDialog:
        """Open the dialog that makes a tour; it is saved when the operator accepts."""
        dialog = TourDialog(self._cameras, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.save_tour(dialog.tour()))
        dialog.open()
        return dialog

    def tour_on_wall(self, name: str) -> None:
        """Run the tour ``name`` across the active wall, page by page."""
        tour = next(tour for tour in self._tours if tour.name == name)
        try:
            self._active_wall.start_tour(tour)
        except TourError as error:
            self.statusBar().showMessage(str(error), STATUS_MS)

    def open_second_wall(self) -> WallWindow:
        """The second wall window (its own tiles), on the second screen when there is one."""
        if self._second is None:
            self._second = WallWindow(self._add_wall())
            self._second.wall.set_cameras(self._cameras)
            self._second.wall.set_tours(self._tours)
        self._second.show_on_big_screen()
        return self._second

    def set_debug(self, shown: bool) -> None:
        """Start time and frame count in the tiles of every wall (W-3)."""
        self._debug = shown
        for wall in self._walls:
            wall.set_debug(shown)

    def open_snapshot_folder(self) -> None:
        self._snapshot_dir.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._snapshot_dir)))

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._second is not None:
            self._second.close()
        self._wall.stop_all()  # let go of the streams now, not when Qt tears down
        super().closeEvent(event)

    def _add_wall(self) -> VideoWall:
        wall = self._new_wall()
        wall.set_debug(self._debug)
        self._walls.append(wall)
        wall.lost_changed.connect(lambda lost: self._wall_lost(wall, lost))
        wall.activated.connect(lambda: self._activate(wall))
        wall.snapshot_requested.connect(self._snapshot)
        return wall

    def _build_toolbar(self) -> None:
        toolbar = self.addToolBar(self.tr("Layout"))
        toolbar.setMovable(False)
        toolbar.addActions(list(self._wall.layout_actions.values()))
        toolbar.addSeparator()
        toolbar.addAction(self.tr("Reload cameras"), self.reload_cameras)

    def _build_menus(self) -> None:
        wall = self.menuBar().addMenu(self.tr("Wall"))
        wall.addAction(self.tr("Save layout…"), self._ask_layout_name).setObjectName("saveLayout")
        self._open_menu = wall.addMenu(self.tr("Open layout"))
        self._delete_menu = wall.addMenu(self.tr("Delete layout"))
        wall.addSeparator()
        wall.addAction(self.tr("Second wall window"), self.open_second_wall).setObjectName(
            "secondWall"
        )
        debug = wall.addAction(self.tr("Start time and frames in tiles"))
        debug.setObjectName("debugOverlay")
        debug.setCheckable(True)
        debug.setShortcut(QKeySequence(Qt.Key.Key_F12))
        debug.toggled.connect(self.set_debug)
        wall.addAction(self.tr("Open snapshot folder"), self.open_snapshot_folder).setObjectName(
            "openSnapshots"
        )
        tours = self.menuBar().addMenu(self.tr("Tours"))
        tours.addAction(self.tr("New tour…"), self.new_tour).setObjectName("newTour")
        self._wall_tour_menu = tours.addMenu(self.tr("Tour across the wall"))
        tours.addAction(self.tr("Stop tours"), lambda: self._active_wall.stop_tours())
        self._delete_tour_menu = tours.addMenu(self.tr("Delete tour"))
        self._fill_menus()

    def _fill_menus(self) -> None:
        layouts = [layout.name for layout in self._layouts]
        tours = [tour.name for tour in self._tours]
        for menu, names, act in (
            (self._open_menu, layouts, self.load_layout),
            (self._delete_menu, layouts, self.delete_layout),
            (self._wall_tour_menu, tours, self.tour_on_wall),
            (self._delete_tour_menu, tours, self.delete_tour),
        ):
            _fill(menu, names, act)

    def _ask_layout_name(self) -> None:
        dialog = QInputDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowTitle(self.tr("Save layout"))
        dialog.setLabelText(self.tr("Layout name:"))
        dialog.textValueSelected.connect(self._layout_named)
        dialog.open()

    def _layout_named(self, name: str) -> None:
        if name.strip():
            self.save_layout(name.strip())

    def _activate(self, wall: VideoWall) -> None:
        """Cameras activated in the directory go to the wall the operator used last."""
        self._active_wall = wall

    def _store(self, change: Callable[..., None], *args: object) -> None:
        """Change the preferences off the GUI thread, then read them again."""
        self._runner.run(
            change, *args, on_done=lambda _: self.reload_preferences(), on_error=self._store_failed
        )

    def _preferences_loaded(
        self, loaded: tuple[list[WallLayout], list[Tour], WallLayout | None]
    ) -> None:
        self._layouts, self._tours, self._last_layout = loaded
        for wall in self._walls:
            wall.set_tours(self._tours)
        self._fill_menus()
        self._started("preferences")

    def _store_failed(self, error: Exception) -> None:
        if not isinstance(error, DatabaseError):
            raise error  # a bug: to the excepthook
        log.error("%s", error)
        self.statusBar().showMessage(str(error), STATUS_MS)
        self._started("preferences")

    def _loaded(self, cameras: list[CameraEntry]) -> None:
        self._error.hide()
        self._cameras = cameras
        self._tree.set_cameras(cameras)
        for wall in self._walls:
            wall.set_cameras(cameras)
        online = sum(camera.online for camera in cameras)
        self._count.setText(
            self.tr("Cameras: {count} ({online} online)").format(count=len(cameras), online=online)
        )
        self._started("cameras")

    def _started(self, part: str) -> None:
        """Once the cameras and the preferences are in: the last layout, or autoplay."""
        if part not in self._starting:
            return
        self._starting.discard(part)
        if self._starting:
            return
        if self._last_layout is not None:
            self._wall.apply(self._last_layout)
        elif self._autoplay and self._cameras:
            wanted = min(self._autoplay, len(self._cameras), TILE_COUNTS[-1])
            self.set_tile_count(next(n for n in TILE_COUNTS if n >= wanted))
            for camera in self._cameras[:wanted]:
                self._wall.play(camera.camera_num)

    def _failed(self, error: Exception) -> None:
        if not isinstance(error, PlatformError):
            raise error  # a bug: to the excepthook
        self._error.setText(self.tr("Cannot load the camera list: {error}").format(error=error))
        self._error.show()
        self._count.setText(self.tr("No camera list"))

    def _wall_lost(self, wall: VideoWall, lost: dict[str, str]) -> None:
        self._lost[wall] = lost
        self._tree.set_signal_lost({n: r for each in self._lost.values() for n, r in each.items()})

    def _snapshot(self, tile: Tile) -> None:
        image = tile.player.snapshot()
        if tile.camera is None or image.isNull():
            return
        self._runner.run(
            save_jpeg,
            image,
            self._snapshot_dir,
            snapshot_stem(tile.camera.pile, self._clock()),
            on_done=lambda path: self.statusBar().showMessage(
                self.tr("Snapshot saved: {path}").format(path=path), STATUS_MS
            ),
            on_error=self._snapshot_failed,
        )

    def _snapshot_failed(self, error: Exception) -> None:
        if not isinstance(error, OSError):
            raise error  # a bug: to the excepthook
        self.statusBar().showMessage(
            self.tr("Cannot save the snapshot: {error}").format(error=error), STATUS_MS
        )


def _fill(menu: QMenu, names: list[str], act: Callable[[str], None]) -> None:
    menu.clear()
    for name in names:
        menu.addAction(name, lambda n=name: act(n))
    menu.setEnabled(bool(names))
