"""The camera directory: road → section → site type → camera, with a search box.

Double-click (or Enter) on a camera emits ``camera_activated``; dragging a camera carries its
cameraNum under ``CAMERA_MIME`` to a wall tile.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache

from PySide6.QtCore import QMimeData, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QTreeView, QVBoxLayout, QWidget

from patrol_app.domain.camera import Classify, Orientation
from patrol_app.platform.sharing import CameraEntry

CAMERA_MIME = "application/x-patrol-camera-num"
CAMERA_NUM_ROLE = Qt.ItemDataRole.UserRole + 1


@cache
def _dot(online: bool) -> QIcon:
    """A filled circle: the online (green) or offline (grey) marker of a camera."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#2e9e44" if online else "#9a9a9a"))
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
            kind.appendRow(self._camera_item(camera))
        self._view.expandAll()

    def _camera_item(self, camera: CameraEntry) -> QStandardItem:
        # Pile number, then the Appendix A name: the view elides in the middle, so the road
        # at the start of the name and the direction and site at its end stay visible.
        item = QStandardItem(_dot(camera.online), f"{camera.pile} {camera.name}")
        item.setEditable(False)
        item.setData(camera.camera_num, CAMERA_NUM_ROLE)
        state = self.tr("online") if camera.online else self.tr("offline")
        orientation = Orientation(camera.orientation).label
        item.setToolTip(f"{camera.name}\n{camera.pile} {orientation} · {state}")
        return item

    def _filter(self, text: str) -> None:
        self._proxy.setFilterFixedString(text.strip())
        self._view.expandAll()

    def _activated(self, index: QModelIndex) -> None:
        camera_num = index.data(CAMERA_NUM_ROLE)
        if camera_num:
            self.camera_activated.emit(camera_num)
