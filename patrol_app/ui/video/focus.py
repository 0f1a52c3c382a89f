"""Keeps the keyboard focus off the video surfaces of a window."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import QApplication, QWidget


class VideoFocusGuard(QObject):
    """A tile's video surface (QVideoWidget's native window container) takes the keyboard
    focus when its window shows, that is whenever a tile starts a camera. It has no use for
    keys: the focus goes back where it was in ``window`` (a round's Enter keeps working), or
    to ``fallback`` (the wall) when it was nowhere."""

    def __init__(self, window: QWidget, fallback: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._fallback = fallback
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if new is None or not isinstance(new.parentWidget(), QVideoWidget):
            return
        if old is not None and old.window() is self._window and old.isVisible():
            old.setFocus(Qt.FocusReason.OtherFocusReason)
        elif new.window() is self._window:
            self._fallback.setFocus(Qt.FocusReason.OtherFocusReason)
