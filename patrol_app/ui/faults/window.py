"""The fault window the operator keeps open beside the wall (F-1..F-3): the fault list and
the work orders, one tab each."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from patrol_app.domain.camera import CameraEntry
from patrol_app.domain.faults import FaultRecord
from patrol_app.ui.faults.fault_list import FaultList
from patrol_app.ui.faults.model import FaultModel
from patrol_app.ui.faults.order_list import OrderList

ERROR_STYLE = "color: #c0392b; padding: 4px;"
SIZE = (1280, 720)


class FaultWindow(QWidget):
    """A window of its own (it may sit on a second screen); closing it only hides it."""

    def __init__(
        self,
        model: FaultModel,
        repair_request: Callable[[FaultRecord], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("faultWindow")
        self.setWindowTitle(self.tr("Faults and work orders"))
        self.resize(*SIZE)
        self.faults = FaultList(model, repair_request, self)
        self.orders = OrderList(model, self)
        self._tabs = QTabWidget(objectName="faultTabs")
        self._tabs.addTab(self.faults, self.tr("Video faults"))
        self._tabs.addTab(self.orders, self.tr("Work orders"))
        self._error = QLabel(objectName="faultError", wordWrap=True)
        self._error.setStyleSheet(ERROR_STYLE)
        self._error.hide()
        column = QVBoxLayout(self)
        column.addWidget(self._error)
        column.addWidget(self._tabs, 1)
        model.failed.connect(self._failed)
        model.changed.connect(lambda _board: self._error.hide())

    @property
    def tabs(self) -> QTabWidget:
        return self._tabs

    def set_cameras(self, cameras: Sequence[CameraEntry]) -> None:
        self.faults.set_cameras(cameras)
        self.orders.set_cameras(cameras)

    def show_faults(self) -> None:
        self._tabs.setCurrentWidget(self.faults)
        self._raise()

    def show_orders(self) -> None:
        self._tabs.setCurrentWidget(self.orders)
        self._raise()

    def _raise(self) -> None:
        self.show()
        self.raise_()
        self.activateWindow()

    def _failed(self, message: str) -> None:
        self._error.setText(message)
        self._error.show()
