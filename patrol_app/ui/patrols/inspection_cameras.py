"""The cameras' part of the equipment inspection (P-8, R-2): one line per camera of the
directory with the nine Appendix C checks, every check passed until the operator marks what
fails, a note and a picture of what is wrong, and the section's handling (路段处理情况).

Made for a section of 2,000 cameras: a filter by pile or name, "only problems", and the
keyboard: arrows move, Space flips the check under the cursor, 1-9 flip the current camera's
check of that column, F2 or Enter writes in the note or the handling cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from patrol_app.domain.inspections import MAX_CAMERA_TEXT, CameraCheck, CameraInspectionRow
from patrol_app.patrols.inspection import matches

Index = QModelIndex | QPersistentModelIndex

CHECKS = tuple(CameraCheck)
SEQ, PILE, NAME, STATUS = range(4)
FIRST_CHECK = 4
NOTE = FIRST_CHECK + len(CHECKS)
PICTURE = NOTE + 1
HANDLING = NOTE + 2
COLUMNS = HANDLING + 1
FAILED = QBrush(QColor("#f8d7da"))


def check_of(column: int) -> CameraCheck | None:
    index = column - FIRST_CHECK
    return CHECKS[index] if 0 <= index < len(CHECKS) else None


class CameraLinesModel(QAbstractTableModel):
    """The cameras' lines, edited in place (frozen rows replaced); ``edited`` after each
    change the operator makes."""

    edited = Signal()

    def __init__(self, parent: QObject | None = None, *, follow_up: bool = False) -> None:
        """``follow_up``: a recorded inspection, where only the handling is written."""
        super().__init__(parent)
        self._follow_up = follow_up
        self._rows: list[CameraInspectionRow] = []
        self._failed = 0
        self._headers = [
            self.tr("No."),
            self.tr("Pile"),
            self.tr("Device name"),
            self.tr("Status"),
            self.tr("On-screen text"),
            self.tr("HD switching"),
            self.tr("Lens clean"),
            self.tr("Road clear"),
            self.tr("Plaza panorama"),
            self.tr("Not occluded"),
            self.tr("Class and place"),
            self.tr("Clock sync"),
            self.tr("Position marked"),
            self.tr("Note"),
            self.tr("Picture"),
            self.tr("Section's handling"),
        ]
        self._pass_tip = self.tr("Ticked: the camera meets it ({group}: {label})")

    # The lines.

    def set_rows(self, rows: Sequence[CameraInspectionRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._failed = sum(1 for row in self._rows if row.failed)
        self.endResetModel()

    def rows(self) -> list[CameraInspectionRow]:
        return list(self._rows)

    def row(self, row: int) -> CameraInspectionRow:
        return self._rows[row]

    @property
    def failed_count(self) -> int:
        """How many cameras failed a check."""
        return self._failed

    def replace_row(self, row: int, **changes: Any) -> None:
        """Line ``row`` with ``changes`` (failed, note, picture, handling)."""
        old = self._rows[row]
        new = replace(old, **changes)
        if new == old:
            return
        self._rows[row] = new
        self._failed += bool(new.failed) - bool(old.failed)
        self.dataChanged.emit(self.index(row, 0), self.index(row, COLUMNS - 1))
        self.edited.emit()

    def flip(self, row: int, check: CameraCheck) -> None:
        """The camera passes ``check`` now if it failed it, and the other way round."""
        if not self._follow_up:
            self.replace_row(row, failed=self._rows[row].failed ^ {check})

    # QAbstractTableModel.

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  # Qt's default
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            check = check_of(section)
            shortcut = f"{section - FIRST_CHECK + 1} " if check is not None else ""
            return shortcut + self._headers[section]
        if role == Qt.ItemDataRole.ToolTipRole and (check := check_of(section)) is not None:
            return self._pass_tip.format(group=check.group, label=check.label)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._follow_up:
            return flags | Qt.ItemFlag.ItemIsEditable if index.column() == HANDLING else flags
        if check_of(index.column()) is not None:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        if index.column() in (NOTE, HANDLING):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line, column = self._rows[index.row()], index.column()
        check = check_of(column)
        if check is not None:
            if role == Qt.ItemDataRole.CheckStateRole:
                passed = line.passed(check)
                return Qt.CheckState.Checked if passed else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.BackgroundRole and not line.passed(check):
                return FAILED
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(line, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in (NAME, NOTE, PICTURE, HANDLING):
            return self._text(line, column) or None
        if role == Qt.ItemDataRole.BackgroundRole and column == NOTE and line.failed:
            return None if line.note.strip() else FAILED
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        column, row = index.column(), index.row()
        check = check_of(column)
        if not self.flags(index) & (Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable):
            return False
        if check is not None and role == Qt.ItemDataRole.CheckStateRole:
            passed = Qt.CheckState(value) == Qt.CheckState.Checked
            failed = self._rows[row].failed
            self.replace_row(row, failed=failed - {check} if passed else failed | {check})
            return True
        if column in (NOTE, HANDLING) and role == Qt.ItemDataRole.EditRole:
            text = str(value).strip()[:MAX_CAMERA_TEXT]
            self.replace_row(row, **{"note" if column == NOTE else "handling": text})
            return True
        return False

    @staticmethod
    def _text(line: CameraInspectionRow, column: int) -> str:
        camera = line.camera
        if column == SEQ:
            return str(line.seq)
        if column == PILE:
            return camera.pile
        if column == NAME:
            return f"{camera.name}（{camera.name_suffix}）" if camera.name_suffix else camera.name
        if column == STATUS:
            return camera.status
        if column == NOTE:
            return line.note
        if column == PICTURE:
            return line.picture.replace("\\", "/").rsplit("/", 1)[-1]
        if column == HANDLING:
            return line.handling
        return ""


class CameraLinesProxy(QSortFilterProxyModel):
    """The lines whose pile, name, facility or number hold every word of ``set_words``, and
    with ``set_only_problems`` only those that failed a check; in the table's order."""

    def __init__(self, source: CameraLinesModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words = ""
        self._only_problems = False
        self.setSourceModel(source)

    def set_words(self, text: str) -> None:
        self.beginFilterChange()
        self._words = text
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_only_problems(self, only: bool) -> None:
        self.beginFilterChange()
        self._only_problems = only
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        source = self.sourceModel()
        assert isinstance(source, CameraLinesModel)
        line = source.row(source_row)
        if self._only_problems and not line.failed:
            return False
        return matches(line, self._words)


class CameraLinesView(QTableView):
    """The lines' table: cell by cell, keys 1-9 flip the current camera's check."""

    def __init__(self, proxy: CameraLinesProxy, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="inspectionCameras")
        self.setModel(proxy)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        widths = {SEQ: 50, PILE: 100, NAME: 240, STATUS: 50, NOTE: 200, PICTURE: 120}
        metrics = self.fontMetrics()
        for column in range(COLUMNS):
            title = str(proxy.headerData(column, Qt.Orientation.Horizontal))
            width = widths.get(column, metrics.horizontalAdvance(title) + 36)
            self.setColumnWidth(column, width)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_9 and not event.modifiers() & ~(
            Qt.KeyboardModifier.KeypadModifier
        ):
            self.flip_current(CHECKS[key - Qt.Key.Key_1])
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != self.State.EditingState:
            current = self.currentIndex()
            if current.isValid() and current.column() in (NOTE, HANDLING):
                self.edit(current)
                return
        super().keyPressEvent(event)

    def flip_current(self, check: CameraCheck) -> None:
        current = self.currentIndex()
        if not current.isValid():
            return
        proxy = self.model()
        assert isinstance(proxy, CameraLinesProxy)
        source = proxy.sourceModel()
        assert isinstance(source, CameraLinesModel)
        source.flip(proxy.mapToSource(current).row(), check)
