"""The dialog that makes a tour (W-5): a name, the cameras in the order they are shown (drag
to reorder), and the dwell time of each. A camera with preset patrols (Z-5) may run one of
them during its step instead of being shown as it points: the step then lasts one round of
the patrol."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QWidget,
)

from patrol_app.domain.camera import CameraEntry
from patrol_app.domain.tours import MAX_NAME_CHARS, NamedPresetPatrol, PatrolKey, Tour, TourStep
from patrol_app.ui.wall.camera_tree import CAMERA_NUM_ROLE

DEFAULT_DWELL_SECONDS = 15
MAX_LIST_WIDTH = 640  # px: the camera list's widest, beyond which names are elided
PRESET_PATROL_ROLE = Qt.ItemDataRole.UserRole + 2  # the step's preset patrol name, or None
CAMERA_TEXT_ROLE = Qt.ItemDataRole.UserRole + 3  # the camera's text without the patrol


class TourDialog(QDialog):
    """Fill it, then ``tour()`` is the tour the operator described (once accepted).
    ``preset_patrols``: the stored preset patrols of the cameras (``load_preset_patrols``)."""

    def __init__(
        self,
        cameras: Iterable[CameraEntry],
        parent: QWidget | None = None,
        *,
        preset_patrols: Mapping[PatrolKey, NamedPresetPatrol] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New tour"))
        self._patrols = dict(preset_patrols or {})
        self._name = QLineEdit(objectName="tourName", maxLength=MAX_NAME_CHARS)
        self._name.setPlaceholderText(self.tr("e.g. night key points"))
        self._cameras = QListWidget(objectName="tourCameras")
        self._cameras.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        for camera in cameras:
            text = f"{camera.pile} {camera.name}"
            item = QListWidgetItem(text, self._cameras)
            item.setData(CAMERA_NUM_ROLE, camera.camera_num)
            item.setData(CAMERA_TEXT_ROLE, text)
            item.setToolTip(text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self._cameras.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self._fit_cameras()
        self._view = QComboBox(objectName="tourStepView")
        self._view.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._view.setEnabled(False)
        self._view.activated.connect(self._view_chosen)
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
        form.addRow(self.tr("Selected camera shows"), self._view)
        form.addRow(self.tr("Dwell per camera"), self._dwell)
        form.addRow(self._buttons)
        self._name.textChanged.connect(self._check)
        self._cameras.itemChanged.connect(self._check)
        self._cameras.currentItemChanged.connect(self._show_views)
        self._check()

    def tour(self) -> Tour:
        dwell = float(self._dwell.value())
        steps = []
        for item in self._checked():
            camera_num = item.data(CAMERA_NUM_ROLE)
            patrol = self._patrols.get((camera_num, item.data(PRESET_PATROL_ROLE) or ""))
            if patrol is None:
                steps.append(TourStep(camera_num, dwell))
            else:  # saved with its round now; it runs with the patrol's round then
                steps.append(TourStep(camera_num, patrol.total_seconds, preset_patrol=patrol.name))
        return Tour(self._name.text().strip(), tuple(steps))

    def set_view(self, camera_num: str, preset_patrol: str | None) -> None:
        """Show ``camera_num`` as it points (None) or run its preset patrol of that name;
        ticks the camera (what the view menu does for the selected camera)."""
        for row in range(self._cameras.count()):
            item = self._cameras.item(row)
            if item.data(CAMERA_NUM_ROLE) != camera_num:
                continue
            patrol = self._patrols.get((camera_num, preset_patrol or ""))
            item.setData(PRESET_PATROL_ROLE, None if patrol is None else patrol.name)
            text = item.data(CAMERA_TEXT_ROLE)
            if patrol is not None:
                text = self.tr("{camera} — preset patrol {name}").format(
                    camera=text, name=patrol.name
                )
                item.setCheckState(Qt.CheckState.Checked)
            item.setText(text)
            item.setToolTip(text)
            self._fit_cameras()
            if item is self._cameras.currentItem():
                self._show_views(item)

    def _fit_cameras(self) -> None:
        """The camera list as wide as its texts, up to MAX_LIST_WIDTH: longer ones are elided
        in the middle, whole in their tooltip."""
        cameras = self._cameras
        cameras.setMinimumWidth(
            min(
                MAX_LIST_WIDTH,
                cameras.sizeHintForColumn(0)
                + 2 * cameras.frameWidth()
                + cameras.verticalScrollBar().sizeHint().width(),
            )
        )

    def _patrols_of(self, camera_num: str) -> list[NamedPresetPatrol]:
        return [patrol for key, patrol in self._patrols.items() if key[0] == camera_num]

    def _show_views(self, item: QListWidgetItem | None) -> None:
        self._view.clear()
        if item is None:
            self._view.setEnabled(False)
            return
        patrols = self._patrols_of(item.data(CAMERA_NUM_ROLE))
        self._view.addItem(self.tr("The camera as it points"), "")
        for patrol in patrols:
            self._view.addItem(
                self.tr("Preset patrol: {name} ({seconds:g} s)").format(
                    name=patrol.name, seconds=patrol.total_seconds
                ),
                patrol.name,
            )
        chosen = item.data(PRESET_PATROL_ROLE) or ""
        self._view.setCurrentIndex(max(0, self._view.findData(chosen)))
        self._view.setEnabled(bool(patrols))

    def _view_chosen(self, index: int) -> None:
        item = self._cameras.currentItem()
        if item is not None:
            self.set_view(item.data(CAMERA_NUM_ROLE), self._view.itemData(index) or None)

    def _checked(self) -> list[QListWidgetItem]:
        items = (self._cameras.item(row) for row in range(self._cameras.count()))
        return [item for item in items if item.checkState() is Qt.CheckState.Checked]

    def _check(self) -> None:
        ok = self._buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self._name.text().strip()) and bool(self._checked()))
