"""The main window's Records menu: the history window (P-6), opened beside the wall."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenuBar, QWidget

from patrol_app.store.patrols import PatrolStore
from patrol_app.ui.history.window import HistoryWindow
from patrol_app.ui.tasks import TaskRunner
from patrol_app.ui.widgets.dialogs import show_dialog


class HistoryMenu(QObject):
    """Opens history windows on ``store`` (several may be open, each with its own search)."""

    def __init__(
        self,
        store: PatrolStore,
        runner: TaskRunner,
        *,
        clock: Callable[[], datetime],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._runner = runner
        self._clock = clock
        self._window = parent

    def add_to(self, menu_bar: QMenuBar) -> None:
        records = menu_bar.addMenu(self.tr("Records"))
        records.setObjectName("recordsMenu")
        history = records.addAction(self.tr("History of the records…"), self.open_history)
        history.setObjectName("history")
        history.setShortcut(QKeySequence("Ctrl+H"))

    def open_history(self) -> HistoryWindow:
        window = HistoryWindow(self._store, self._runner, self._window, clock=self._clock)
        return show_dialog(window)
