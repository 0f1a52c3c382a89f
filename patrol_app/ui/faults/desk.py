"""The faults' side of the workstation (F-1..F-3): the fault model, the fault window, the
overdue reminders, the Faults menu and the tiles' "register a video fault"; the main window
composes it with one line, as it does the patrol desk."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Protocol

from PySide6.QtCore import QObject, Qt, Signal, SignalInstance
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenuBar, QSystemTrayIcon, QWidget

from patrol_app.domain.camera import CameraEntry
from patrol_app.domain.faults import OPEN_STATES, FaultRecord
from patrol_app.faults.board import FaultFilter
from patrol_app.faults.repair import RepairDocument, repair_request_pdf
from patrol_app.store.patrols import PatrolStore
from patrol_app.ui.faults.model import FaultModel
from patrol_app.ui.faults.reminders import FaultReminders
from patrol_app.ui.faults.window import FaultWindow
from patrol_app.ui.tasks import TaskRunner


class FaultTile(Protocol):
    """What the desk uses of a wall's tile (the wall feature's: known by this only)."""

    @property
    def fault_requested(self) -> SignalInstance: ...

    @property
    def camera(self) -> CameraEntry | None: ...


class FaultDesk(QObject):
    """``message``: for the status bar (reminders, refusals). ``show_pdf(pdf, title,
    parent)``: shows a repair request to print (the reports' preview; None: no printing)."""

    message = Signal(str)

    def __init__(
        self,
        store: PatrolStore,
        runner: TaskRunner,
        *,
        operator: str,
        clock: Callable[[], datetime],
        window: QWidget,
        tray: QSystemTrayIcon | None,
        play: Callable[[str], None],
        show_pdf: Callable[[bytes, str, QWidget], None] | None = None,
    ) -> None:
        super().__init__(window)
        self._show_pdf = show_pdf
        self._cameras: dict[str, CameraEntry] = {}
        self.model = FaultModel(store, runner, operator=operator, clock=clock, parent=self)
        printing = self.print_repair_request if show_pdf is not None else None
        self.window = FaultWindow(self.model, printing, window)
        self.reminders = FaultReminders(self.model, self, tray=tray, play=play)
        self.reminders.notified.connect(self.message)
        self.model.failed.connect(self.message)
        self._attached: set[int] = set()
        self.model.refresh()

    def add_menu(self, menu_bar: QMenuBar) -> None:
        faults = menu_bar.addMenu(self.tr("Faults"))
        show = faults.addAction(self.tr("Faults and work orders"), self.window.show_faults)
        show.setObjectName("showFaults")
        show.setShortcut(QKeySequence(Qt.Key.Key_F8))
        overdue = faults.addAction(self.tr("Overdue faults"), self.show_overdue)
        overdue.setObjectName("showOverdueFaults")
        register = faults.addAction(self.tr("Register a video fault…"), lambda: self.register())
        register.setObjectName("registerFaultByHand")
        order = faults.addAction(self.tr("Record a work order…"), self.raise_order)
        order.setObjectName("raiseWorkOrder")

    def set_cameras(self, cameras: Sequence[CameraEntry]) -> None:
        self._cameras = {camera.camera_num: camera for camera in cameras}
        self.window.set_cameras(cameras)

    def print_repair_request(self, record: FaultRecord) -> None:
        """The fault's repair request, made in the runner, then shown to print or save."""
        model = self.model
        model.read(
            repair_request_pdf,
            record.id,
            self._cameras.get(record.camera_num),
            operator=model.operator,
            now=model.now(),
            on_done=self._repair_made,
            owner=self.window,
        )

    def _repair_made(self, document: RepairDocument) -> None:
        assert self._show_pdf is not None
        title = self.tr("Repair request {number}").format(number=document.number)
        self._show_pdf(document.pdf, title, self.window)

    def attach(self, tile: FaultTile) -> None:
        """The tile's menu registers a fault of the camera it shows (once per tile)."""
        if id(tile) in self._attached:
            return
        self._attached.add(id(tile))
        tile.fault_requested.connect(lambda: self.register(tile.camera))

    def register(self, camera: CameraEntry | None = None) -> None:
        self.window.show_faults()
        self.window.faults.register(camera)

    def show_overdue(self) -> None:
        """The fault list showing only the open faults past a deadline."""
        self.window.show_faults()
        self.window.faults.set_filter(FaultFilter(states=OPEN_STATES, overdue_only=True))

    def raise_order(self) -> None:
        self.window.show_orders()
        self.window.orders.raise_order()
