"""The main window: camera directory on the left, video wall on the right."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QVBoxLayout, QWidget

from patrol_app.platform.sharing import CameraEntry, PlatformError, SharingClient
from patrol_app.ui.camera_tree import CameraTree
from patrol_app.ui.player import QtMultimediaPlayer, VideoPlayer
from patrol_app.ui.tasks import TaskRunner
from patrol_app.ui.wall import LAYOUTS, VideoWall


class MainWindow(QMainWindow):
    """Loads the camera list at start, then plays its first ``autoplay`` cameras."""

    def __init__(
        self,
        client: SharingClient,
        runner: TaskRunner,
        *,
        base_url: str,
        autoplay: int = 0,
        player_factory: Callable[[], VideoPlayer] = QtMultimediaPlayer,
    ) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Video Patrol Workstation"))
        self._client = client
        self._runner = runner
        self._autoplay = autoplay

        self._tree = CameraTree()
        self._error = QLabel(objectName="platformError", wordWrap=True)
        self._error.setStyleSheet("color: #c0392b; padding: 4px;")
        self._error.hide()
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self._error)
        column.addWidget(self._tree)

        self._wall = VideoWall(client, runner, player_factory=player_factory)
        self._tree.camera_activated.connect(self._wall.play)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self._wall)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([400, 1200])
        self.setCentralWidget(splitter)

        self._layout_actions = self._build_toolbar()
        self._address = QLabel(
            self.tr("Service: {address}").format(address=base_url), objectName="serviceAddress"
        )
        self._count = QLabel(objectName="cameraCount")
        self.statusBar().addWidget(self._address)
        self.statusBar().addPermanentWidget(self._count)
        self.reload_cameras()

    @property
    def tree(self) -> CameraTree:
        return self._tree

    @property
    def wall(self) -> VideoWall:
        return self._wall

    def reload_cameras(self) -> None:
        self._count.setText(self.tr("Loading cameras…"))
        self._runner.run(self._client.cameras, on_done=self._loaded, on_error=self._failed)

    def set_tile_count(self, count: int) -> None:
        self._wall.set_tile_count(count)
        self._layout_actions[count].setChecked(True)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._wall.stop_all()  # let go of the streams now, not when Qt tears down
        super().closeEvent(event)

    def _build_toolbar(self) -> dict[int, QAction]:
        toolbar = self.addToolBar(self.tr("Layout"))
        toolbar.setMovable(False)
        names = {
            1: self.tr("Single view"),
            4: self.tr("Four views"),
            9: self.tr("Nine views"),
            16: self.tr("Sixteen views"),
        }
        group = QActionGroup(self)
        actions = {}
        for count in LAYOUTS:
            action = toolbar.addAction(names[count])
            action.setObjectName(f"layout{count}")
            action.setCheckable(True)
            action.setChecked(count == len(self._wall.tiles))
            action.triggered.connect(lambda _checked, n=count: self._wall.set_tile_count(n))
            group.addAction(action)
            actions[count] = action
        toolbar.addSeparator()
        toolbar.addAction(self.tr("Reload cameras"), self.reload_cameras)
        return actions

    def _loaded(self, cameras: list[CameraEntry]) -> None:
        self._error.hide()
        self._tree.set_cameras(cameras)
        self._wall.set_cameras(cameras)
        online = sum(camera.online for camera in cameras)
        self._count.setText(
            self.tr("Cameras: {count} ({online} online)").format(count=len(cameras), online=online)
        )
        if self._autoplay and cameras:
            wanted = min(self._autoplay, len(cameras), LAYOUTS[-1])
            self.set_tile_count(next(n for n in LAYOUTS if n >= wanted))
            for camera in cameras[:wanted]:
                self._wall.play(camera.camera_num)
            self._autoplay = 0  # only at start, not on a reload

    def _failed(self, error: Exception) -> None:
        if not isinstance(error, PlatformError):
            raise error  # a bug: to the excepthook
        self._error.setText(self.tr("Cannot load the camera list: {error}").format(error=error))
        self._error.show()
        self._count.setText(self.tr("No camera list"))
