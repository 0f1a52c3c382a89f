"""The main window's Reports menu: opens the report window (one, raised again when open)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMenuBar, QWidget

from patrol_app.ui.reports.report_window import ReportSources, ReportWindow
from patrol_app.ui.tasks import TaskRunner


class ReportsMenu(QObject):
    """The Reports menu; ``window_opened`` (and ``on_open``) once, with the report window when
    first made (where the submission adds its button and its list: ``ReportWindow.add_action``,
    ``add_pane``)."""

    window_opened = Signal(object)  # the ReportWindow

    def __init__(
        self,
        sources: ReportSources,
        runner: TaskRunner,
        *,
        parent: QWidget,
        on_open: Callable[[ReportWindow], None] | None = None,
    ) -> None:
        super().__init__(parent)
        if on_open is not None:
            self.window_opened.connect(on_open)
        self._sources = sources
        self._runner = runner
        self._parent = parent
        self._window: ReportWindow | None = None

    def add_to(self, menu_bar: QMenuBar) -> None:
        reports = menu_bar.addMenu(self.tr("Reports"))
        reports.addAction(self.tr("Reports…"), self.open).setObjectName("openReports")

    @property
    def window(self) -> ReportWindow | None:
        return self._window

    def open(self) -> ReportWindow:
        """The report window, made once, shown and raised."""
        if self._window is None:
            self._window = ReportWindow(self._sources, self._runner, self._parent)
            self.window_opened.emit(self._window)
        self._window.set_sections()
        self._window.show()
        self._window.raise_()
        self._window.activateWindow()
        return self._window
