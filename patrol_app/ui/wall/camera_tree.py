"""The camera directory: road → section → site type → camera, with a search box.

Double-click (or Enter) on a camera emits ``camera_activated``; dragging a camera carries its
cameraNum under ``CAMERA_MIME`` to a wall tile. A camera whose tile has no signal is marked
with a red dot and the reason in its tooltip (W-6); one with a video fault not yet repaired
(F-1) with an orange dot and the faults in its tooltip. While the platform does not answer,
no camera's state is known: each is marked so (slate), none is shown online.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cache

from PySide6.QtCore import QMimeData, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QTreeView, QVBoxLayout, QWidget

from patrol_app.domain.camera import CameraEntry, Classify, Orientation
from patrol_app.domain.records import FaultView
from patrol_app.ui.widgets.beijing_time import beijing_text

CAMERA_MIME = "application/x-patrol-camera-num"
CAMERA_NUM_ROLE = Qt.ItemDataRole.UserRole + 1


ONLINE, OFFLINE, NO_SIGNAL, FAULT, UNKNOWN = "#2e9e44", "#9a9a9a", "#e0301e", "#f08c00", "#5b7fb0"


@cache
def _dot(colour: str) -> QIcon:
    """A filled circle: a camera's marker, ONLINE, OFFLINE, NO_SIGNAL, FAULT or UNKNOWN."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawEllipse(3, 3, 10, 10)
    painter.end()
    return QIcon(pixmap)


class _CameraModel(QStandardItemModel):
    """The directory's items; only camera items can be dragged, as ``CAMERA_MIME``."""

    def mimeTypes(self) -> list[str]:
        return [CAMERA_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        numbers = [index.data(CAMERA_NUM_ROLE) for index in indexes]
        data.setData(CAMERA_MIME, "\n".join(n for n in numbers if n).encode())
        return data


def _group(
    parent: QStandardItem, groups: dict[tuple, QStandardItem], key: tuple, text: str
) -> QStandardItem:
    item = groups.get(key)
    if item is None:
        item = groups[key] = QStandardItem(text)
        item.setEditable(False)
        item.setDragEnabled(False)
        parent.appendRow(item)
    return item


class CameraTree(QWidget):
    """The directory widget; fill it with ``set_cameras``."""

    camera_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = _CameraModel(self)
        self._items: dict[str, tuple[CameraEntry, QStandardItem]] = {}
        self._lost: dict[str, str] = {}
        self._known = True  # the platform answers: the cameras' online states are current
        self._faults: dict[str, str] = {}  # cameraNum: its open faults, as the tooltip says
        self._proxy = QSortFilterProxyModel(self)
        self._proxy.setSourceModel(self._model)
        self._proxy.setRecursiveFilteringEnabled(True)
        self._proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self._search = QLineEdit()
        self._search.setPlaceholderText(self.tr("Search by name or pile number"))
        self._search.setClearButtonEnabled(True)
        self._search.textChanged.connect(self._filter)

        self._view = QTreeView()
        self._view.setModel(self._proxy)
        self._view.setHeaderHidden(True)
        self._view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self._view.setDragEnabled(True)
        self._view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self._view.activated.connect(self._activated)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._search)
        layout.addWidget(self._view)

    @property
    def search_box(self) -> QLineEdit:
        return self._search

    @property
    def view(self) -> QTreeView:
        return self._view

    def set_cameras(self, cameras: Iterable[CameraEntry]) -> None:
        """Rebuild the tree, sorted by road, section and site type code; the cameras of one
        group keep the order they come in."""
        self._model.clear()
        self._items.clear()
        root = self._model.invisibleRootItem()
        groups: dict[tuple, QStandardItem] = {}
        ordered = sorted(cameras, key=lambda c: (c.road, c.road_sec, c.classify))
        for camera in ordered:
            road = _group(root, groups, (camera.road,), f"{camera.road} {camera.road_name}")
            section = _group(road, groups, (camera.road, camera.road_sec), camera.road_sec)
            kind = _group(
                section,
                groups,
                (camera.road, camera.road_sec, camera.classify),
                Classify(camera.classify).label,
            )
            # Pile number, then the Appendix A name: the view elides in the middle, so the
            # road at the start of the name and the direction and site at its end stay visible.
            item = QStandardItem(f"{camera.pile} {camera.name}")
            item.setEditable(False)
            item.setData(camera.camera_num, CAMERA_NUM_ROLE)
            self._items[camera.camera_num] = camera, item
            self._mark(camera, item)
            kind.appendRow(item)
        self._view.expandAll()

    def set_signal_lost(self, lost: Mapping[str, str]) -> None:
        """Mark the cameras in ``lost`` (cameraNum: reason) as without signal on the wall, and
        unmark the others."""
        touched = set(lost) | set(self._lost)
        self._lost = dict(lost)
        for camera_num in touched & self._items.keys():
            self._mark(*self._items[camera_num])

    def set_states_known(self, known: bool) -> None:
        """False while the platform does not answer: every camera's state is unknown."""
        if known != self._known:
            self._known = known
            for camera, item in self._items.values():
                self._mark(camera, item)

    def set_faults(self, faults: Iterable[FaultView]) -> None:
        """Mark the cameras with an open video fault (F-1), and unmark the others."""
        texts: dict[str, list[str]] = {}
        for fault in faults:
            texts.setdefault(fault.camera_num, []).append(
                self.tr("{kind} (registered {time})").format(
                    kind=fault.kind.label, time=beijing_text(fault.found_at)
                )
            )
        marked = {number: self.tr("; ").join(each) for number, each in texts.items()}
        touched = set(marked) | set(self._faults)
        self._faults = marked
        for camera_num in touched & self._items.keys():
            self._mark(*self._items[camera_num])

    def _mark(self, camera: CameraEntry, item: QStandardItem) -> None:
        if not self._known:
            state, colour = self.tr("state unknown (platform not answering)"), UNKNOWN
        elif camera.online:
            state, colour = self.tr("online"), ONLINE
        else:
            state, colour = self.tr("offline"), OFFLINE
        tip = f"{camera.name}\n{camera.pile} {Orientation(camera.orientation).label} · {state}"
        reason = self._lost.get(camera.camera_num)
        faults = self._faults.get(camera.camera_num)
        if faults is not None:
            colour = FAULT
            tip += "\n" + self.tr("Video fault not repaired: {faults}").format(faults=faults)
        if reason is not None:
            colour = NO_SIGNAL  # what the wall sees now comes first
            tip += "\n" + self.tr("No signal on the wall: {reason}").format(reason=reason)
        if not self._known:
            colour = UNKNOWN  # the platform is away: a lost picture says nothing of the camera
        item.setIcon(_dot(colour))
        item.setToolTip(tip)

    def _filter(self, text: str) -> None:
        self._proxy.setFilterFixedString(text.strip())
        self._view.expandAll()

    def _activated(self, index: QModelIndex) -> None:
        camera_num = index.data(CAMERA_NUM_ROLE)
        if camera_num:
            self.camera_activated.emit(camera_num)
