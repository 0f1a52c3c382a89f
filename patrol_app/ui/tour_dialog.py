"""The dialog that makes a tour (W-5): a name, the cameras in the order they are shown (drag
to reorder), and the dwell time of each."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QWidget,
)

from patrol_app.domain.tours import MAX_NAME_CHARS, Tour, TourStep
from patrol_app.platform.sharing import CameraEntry
from patrol_app.ui.camera_tree import CAMERA_NUM_ROLE

DEFAULT_DWELL_SECONDS = 15


class TourDialog(QDialog):
    """Fill it, then ``tour()`` is the tour the operator described (once accepted)."""

    def __init__(self, cameras: Iterable[CameraEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New tour"))
        self._name = QLineEdit(objectName="tourName", maxLength=MAX_NAME_CHARS)
        self._name.setPlaceholderText(self.tr("e.g. night key points"))
        self._cameras = QListWidget(objectName="tourCameras")
        self._cameras.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        for camera in cameras:
            item = QListWidgetItem(f"{camera.pile} {camera.name}", self._cameras)
            item.setData(CAMERA_NUM_ROLE, camera.camera_num)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self._dwell = QSpinBox(objectName="tourDwell", minimum=5, maximum=3600)
        self._dwell.setValue(DEFAULT_DWELL_SECONDS)
        self._dwell.setSuffix(self.tr(" s"))
        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Name"), self._name)
        form.addRow(self.tr("Cameras (tick, drag to order)"), self._cameras)
        form.addRow(self.tr("Dwell per camera"), self._dwell)
        form.addRow(self._buttons)
        self._name.textChanged.connect(self._check)
        self._cameras.itemChanged.connect(self._check)
        self._check()

    def tour(self) -> Tour:
        dwell = float(self._dwell.value())
        return Tour(
            self._name.text().strip(),
            tuple(TourStep(number, dwell) for number in self._checked()),
        )

    def _checked(self) -> list[str]:
        items = (self._cameras.item(row) for row in range(self._cameras.count()))
        return [
            item.data(CAMERA_NUM_ROLE)
            for item in items
            if item.checkState() is Qt.CheckState.Checked
        ]

    def _check(self) -> None:
        ok = self._buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self._name.text().strip()) and bool(self._checked()))
