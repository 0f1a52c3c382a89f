"""A second wall in its own window, for a second monitor: the big screen of the control room
(spec 12.3.2, big-screen monitoring of key areas). It has its own tiles and layout buttons;
the main window gives it cameras and tours."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QMainWindow, QWidget

from patrol_app.ui.wall.wall import VideoWall


class WallWindow(QMainWindow):
    def __init__(self, wall: VideoWall, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Video wall (second screen)"))
        self._wall = wall
        self.setCentralWidget(wall)
        toolbar = self.addToolBar(self.tr("Layout"))
        toolbar.setMovable(False)
        toolbar.addActions(list(wall.layout_actions.values()))

    @property
    def wall(self) -> VideoWall:
        return self._wall

    def show_on_big_screen(self, over: QRect) -> None:
        """Full screen on the second screen when there is one; else a window over ``over``
        (the main wall's area, on the screen), frame included, so that the camera tree and
        the patrols beside the main wall stay free. Shown again, it stays where it is."""
        screens = QGuiApplication.screens()
        if len(screens) > 1:
            self.setScreen(screens[1])
            self.setGeometry(screens[1].geometry())
            self.showFullScreen()
        elif not self.isVisible():
            self.show()
            frame = self.frameGeometry().size() - self.geometry().size()
            self.move(over.topLeft())  # a window's position is its frame's
            self.resize(over.size() - frame)
        self.raise_()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._wall.stop_all()  # a closed wall plays nothing
        super().closeEvent(event)
