"""The patrols' side of the main window: the compliance panel and the round, docked beside
the wall (P-1..P-3), the reminders (tray and sound), the Patrols menu and its dialogs (events,
handovers, inspections, lists, checklists). What the round does on the wall (its tile, the
cameras it pins) the main window wires to the wall."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QMainWindow,
    QMenuBar,
    QStyle,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from patrol_app.domain.events import HandlingConfig
from patrol_app.patrols.snapshot import PatrolSnapshot
from patrol_app.ui.patrols.checklist_editor import ChecklistEditor
from patrol_app.ui.patrols.compliance_panel import CompliancePanel
from patrol_app.ui.patrols.event_dialog import EventDialog
from patrol_app.ui.patrols.handover_dialog import HandoverDialog
from patrol_app.ui.patrols.inspection_camera_panel import Grab
from patrol_app.ui.patrols.inspection_dialog import InspectionDialog
from patrol_app.ui.patrols.inspection_follow_up import InspectionFollowUpDialog
from patrol_app.ui.patrols.lists_dialog import PatrolListsDialog
from patrol_app.ui.patrols.model import PatrolModel
from patrol_app.ui.patrols.reminders import Reminders
from patrol_app.ui.patrols.round_panel import PatrolRoundPanel
from patrol_app.ui.widgets.dialogs import show_dialog

DOCK_MIN_WIDTH = 400  # the late cameras' names and piles stay readable


class PatrolDesk(QObject):
    """Builds the patrol views into ``window``; an open round of the operator (the
    workstation was closed or killed during it) continues once the lists know the cameras."""

    camera_activated = Signal(str)  # the operator wants a late or due camera on the wall
    pin_requested = Signal(str)  # keep watching a camera (an event, an anomaly, P-5)
    message = Signal(str)  # for the status bar

    def __init__(
        self,
        patrols: PatrolModel,
        round_panel: PatrolRoundPanel,
        *,
        handling: HandlingConfig,
        supervisor: bool,
        window: QMainWindow,
    ) -> None:
        """``round_panel``: the round, on ``patrols``; ``supervisor``: the operator may edit
        the checklists."""
        super().__init__(window)
        self._patrols = patrols
        self._handling = handling
        self._supervisor = supervisor
        self._window = window
        self._grab: Grab | None = None
        self._picture_folder: Path | None = None
        self._compliance = CompliancePanel(patrols)
        self._round = round_panel
        self._add_dock()
        self._reminders = Reminders(patrols, window, tray=self._tray())
        patrols.failed.connect(self.message)
        patrols.changed.connect(self._resume_round)

    @property
    def compliance(self) -> CompliancePanel:
        return self._compliance

    @property
    def round(self) -> PatrolRoundPanel:
        return self._round

    @property
    def reminders(self) -> Reminders:
        return self._reminders

    def add_menu(self, menu_bar: QMenuBar) -> None:
        patrols = menu_bar.addMenu(self.tr("Patrols"))
        start = patrols.addAction(self.tr("Start patrol"), lambda: self._round.start())
        start.setObjectName("startPatrol")
        start.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self._events_menu = patrols.addMenu(self.tr("Open events"))
        self._events_menu.aboutToShow.connect(self._fill_events)
        patrols.addSeparator()
        for text, act, name in (
            (self.tr("Shift handover…"), self.open_handover, "handover"),
            (self.tr("Accept handover…"), self.accept_handover, "acceptHandover"),
            (self.tr("Equipment inspection…"), self.open_inspection, "inspection"),
            (self.tr("Handling of inspection findings…"), self.open_follow_up, "followUp"),
            (self.tr("Patrol lists and weather warnings…"), self.open_patrol_lists, "lists"),
            (self.tr("Checklists…"), self.open_checklists, "checklists"),
        ):
            patrols.addAction(text, act).setObjectName(name)

    def open_event(self, event_id: int) -> EventDialog:
        """The event ``event_id`` and its handling steps, beside the wall (P-5)."""
        dialog = EventDialog(self._patrols, event_id, self._handling, self._window)
        dialog.pin_requested.connect(self.pin_requested)
        return show_dialog(dialog)

    def open_handover(self) -> HandoverDialog:
        return show_dialog(HandoverDialog(self._patrols, self._window))

    def accept_handover(self) -> HandoverDialog:
        dialog = show_dialog(HandoverDialog(self._patrols, self._window))
        dialog.show_pending()
        return dialog

    def open_patrol_lists(self) -> PatrolListsDialog:
        return show_dialog(PatrolListsDialog(self._patrols, self._window))

    def open_checklists(self) -> ChecklistEditor:
        editor = ChecklistEditor(self._patrols, self._window, supervisor=self._supervisor)
        return show_dialog(editor)

    def set_inspection_pictures(self, grab: Grab, folder: Path) -> None:
        """Where the inspection gets a camera's picture (a tile of the wall showing it) and
        keeps pictures."""
        self._grab, self._picture_folder = grab, folder

    def open_inspection(self) -> InspectionDialog:
        dialog = InspectionDialog(
            self._patrols, self._window, grab=self._grab, folder=self._picture_folder
        )
        dialog.camera_activated.connect(self.camera_activated)
        return show_dialog(dialog)

    def open_follow_up(self) -> InspectionFollowUpDialog:
        return show_dialog(InspectionFollowUpDialog(self._patrols, self._window))

    def _add_dock(self) -> None:
        """The compliance panel and the round, always beside the wall (reminders, P-1..P-3)."""
        panel = QWidget()
        column = QVBoxLayout(panel)
        column.setContentsMargins(4, 4, 4, 4)
        column.addWidget(self._compliance)
        column.addWidget(self._round, 1)
        dock = QDockWidget(self.tr("Patrols"), self._window, objectName="patrolDock")
        dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        dock.setWidget(panel)
        dock.setMinimumWidth(DOCK_MIN_WIDTH)
        self._window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        self._compliance.camera_activated.connect(self.camera_activated)
        # A round walks the late and due cameras one by one: while it runs, their list gives
        # its height to the round's checklist (every item on screen, at 1366x768 too).
        self._round.running_changed.connect(self._compliance.late_cameras.setHidden)
        self._round.pin_requested.connect(self.pin_requested)
        self._round.event_opened.connect(self.open_event)
        self._round.round_finished.connect(
            lambda _record: self.message.emit(self.tr("Patrol record saved"))
        )

    def _fill_events(self) -> None:
        snapshot = self._patrols.snapshot
        events = snapshot.open_events if snapshot is not None else ()
        self._events_menu.clear()
        for event in events:
            text = f"{event.pile} {event.camera_name}"
            self._events_menu.addAction(text, partial(self.open_event, event.id))
        if not events:
            self._events_menu.addAction(self.tr("No open event")).setEnabled(False)

    def _resume_round(self, snapshot: PatrolSnapshot) -> None:
        """Continue the operator's open round once the lists know the directory's cameras
        (an earlier snapshot, e.g. after the start's purge, has none to play)."""
        if snapshot.cameras:
            self._patrols.changed.disconnect(self._resume_round)
            self._round.resume()

    def _tray(self) -> QSystemTrayIcon | None:
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return None
        icon = self._window.style().standardIcon(QStyle.StandardPixmap.SP_ComputerIcon)
        tray = QSystemTrayIcon(icon, self._window)
        tray.setToolTip(self.tr("Video Patrol Workstation"))
        tray.show()
        return tray
