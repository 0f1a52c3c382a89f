"""The patrol lists' table (P-1, P-2) as a Qt item model: the directory's cameras with their
place in the lists (site type, daily, key, since when), the operator's edits kept apart from
what is recorded until they are saved, an edited row in bold."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QFont

from patrol_app.domain.camera import CameraEntry
from patrol_app.domain.patrols import KEY_SITES, ListEntry, SiteType
from patrol_app.domain.pile import PileNumber, PileNumberError
from patrol_app.patrols.snapshot import section_of
from patrol_app.ui.widgets.beijing_time import beijing_datetime
from patrol_app.ui.widgets.record_model import Index

CAMERA_NUM_ROLE = Qt.ItemDataRole.UserRole + 1
SITE_ROLE = Qt.ItemDataRole.UserRole + 2  # the SiteType code of the site cell

NAME, PILE, SECTION, SITE, DAILY, KEY, SINCE = range(7)
_FIXED = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def _pile_metres(camera: CameraEntry) -> int:
    try:
        return PileNumber.parse(camera.pile).metres
    except PileNumberError:
        return -1


class ListEntriesModel(QAbstractTableModel):
    """One row per camera of the directory, by road, section and pile; ``edits_changed``
    when the edits not saved yet change."""

    edits_changed = Signal()

    def __init__(
        self,
        headers: list[str],
        not_listed: str,
        now: Callable[[], datetime],
        parent: QObject | None = None,
    ) -> None:
        """``not_listed``: the "since" of a camera not on the lists yet; ``now``: the
        "since" of a camera an edit puts on them."""
        super().__init__(parent)
        self._headers = headers
        self._not_listed = not_listed
        self._now = now
        self._cameras: list[CameraEntry] = []
        self._entries: dict[str, ListEntry] = {}  # as recorded (the snapshot's)
        self._edits: dict[str, ListEntry] = {}  # changed in the table, not yet saved

    @property
    def edits(self) -> dict[str, ListEntry]:
        """The edits not saved yet, by camera number."""
        return dict(self._edits)

    def show(self, cameras: Mapping[str, CameraEntry], entries: Mapping[str, ListEntry]) -> bool:
        """The directory and what is recorded; False (nothing done, an open editor left alone)
        when nothing is new. An edit that the records now hold is no longer an edit."""
        if dict(entries) == self._entries and dict(cameras) == self._by_number():
            return False
        self.beginResetModel()
        self._cameras = sorted(
            cameras.values(),
            key=lambda camera: (camera.road, camera.road_sec, _pile_metres(camera), camera.name),
        )
        self._entries = dict(entries)
        self._edits = {
            number: entry
            for number, entry in self._edits.items()
            if number in cameras and self._entries.get(number) != entry
        }
        self.endResetModel()
        self.edits_changed.emit()
        return True

    def saved(self, number: str, entry: ListEntry) -> None:
        """``entry`` of camera ``number`` is recorded now."""
        self._entries[number] = entry
        if self._edits.get(number) == entry:
            del self._edits[number]
        self._row_changed(number)
        self.edits_changed.emit()

    def undo(self) -> None:
        self.beginResetModel()
        self._edits = {}
        self.endResetModel()
        self.edits_changed.emit()

    def camera_name(self, number: str) -> str:
        camera = self._by_number().get(number)
        return camera.name if camera is not None else number

    # --- QAbstractTableModel ----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  # Qt's default
        return 0 if parent.isValid() else len(self._cameras)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if index.column() == SITE:
            return _FIXED | Qt.ItemFlag.ItemIsEditable
        if index.column() in (DAILY, KEY):
            return _FIXED | Qt.ItemFlag.ItemIsUserCheckable
        return _FIXED

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        camera = self._cameras[index.row()]
        entry = self._shown(camera.camera_num)
        column = index.column()
        site = entry.site if entry else SiteType.MAINLINE
        if role == CAMERA_NUM_ROLE:
            return camera.camera_num
        if role == SITE_ROLE and column == SITE:
            return site.value
        if role == Qt.ItemDataRole.FontRole and camera.camera_num in self._edits:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.CheckStateRole and column in (DAILY, KEY):
            if column == DAILY:
                ticked = entry.daily if entry else True
            else:
                ticked = entry.key if entry else site in KEY_SITES
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(camera, entry, site, column)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        number = self._cameras[index.row()].camera_num
        before = self._shown(number)
        current = self._current(number, before)
        column = index.column()
        if role == SITE_ROLE and column == SITE:
            site = SiteType(value)
            if site == current.site:
                return False
            # A key site belongs on the key list, other sites are not key by default (P-2);
            # the operator can still untick or tick the key list afterwards.
            changed = ListEntry(site, current.daily, site in KEY_SITES, current.since)
        elif role == Qt.ItemDataRole.CheckStateRole and column in (DAILY, KEY):
            ticked = Qt.CheckState(value) == Qt.CheckState.Checked
            daily = ticked if column == DAILY else current.daily
            key = ticked if column == KEY else current.key
            changed = ListEntry(current.site, daily, key, current.since)
        else:
            return False
        recorded = self._entries.get(number)
        if recorded is not None and changed == recorded:
            self._edits.pop(number, None)
        else:
            self._edits[number] = changed
        self._row_changed(number)
        self.edits_changed.emit()
        return True

    # --- For the proxy ------------------------------------------------------------------------

    def sort_key(self, row: int) -> int:
        return row  # kept in the directory's order

    def filter_text(self, row: int) -> str:
        return " ".join(
            str(self.data(self.index(row, column))) for column in (NAME, PILE, SECTION, SITE)
        )

    # --- Internals ----------------------------------------------------------------------------

    def _by_number(self) -> dict[str, CameraEntry]:
        return {camera.camera_num: camera for camera in self._cameras}

    def _shown(self, number: str) -> ListEntry | None:
        return self._edits.get(number, self._entries.get(number))

    def _current(self, number: str, shown: ListEntry | None) -> ListEntry:
        """The row as shown, as an entry (a camera not on the lists yet: the defaults)."""
        if shown is not None:
            return shown
        return ListEntry(SiteType.MAINLINE, True, SiteType.MAINLINE in KEY_SITES, self._now())

    def _text(
        self, camera: CameraEntry, entry: ListEntry | None, site: SiteType, column: int
    ) -> str:
        if column == NAME:
            return camera.name
        if column == PILE:
            return camera.pile
        if column == SECTION:
            return str(section_of(camera))
        if column == SITE:
            return site.label
        if column == SINCE:
            return beijing_datetime(entry.since) if entry else self._not_listed
        return ""

    def _row_changed(self, number: str) -> None:
        row = next(row for row, camera in enumerate(self._cameras) if camera.camera_num == number)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self._headers) - 1))
