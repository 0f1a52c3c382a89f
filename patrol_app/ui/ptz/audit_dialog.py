"""The PTZ log (云台操作日志, Z-3): every PTZ operation of the section's workstations and of the
platform, carried out, refused or failed, browsed by time range (Beijing time), camera,
operator and result, newest first (a click on a column's header sorts by it). The log is the
service's, read over HTTP (platform/presets.py) in the task runner; it is append-only and
nothing here changes it."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from patrol_app.domain.camera import CameraEntry
from patrol_app.domain.patrols import BEIJING
from patrol_app.domain.ptz import ControlLevel, PtzAction
from patrol_app.domain.ptz_records import BROWSE_LIMIT, PtzAuditView
from patrol_app.platform.http import PlatformError
from patrol_app.platform.presets import PtzAuditClient
from patrol_app.ui.clock import utc_now
from patrol_app.ui.tasks import TaskRunner
from patrol_app.ui.widgets.beijing_time import beijing_edit, from_qdatetime, to_qdatetime
from patrol_app.ui.widgets.record_table import record_view

DEFAULT_SPAN = timedelta(days=1)
COLUMNS = 10
TIME, OPERATOR, LEVEL, SOURCE, CAMERA, ACTION, STEP, PRESET, RESULT, DETAIL = range(COLUMNS)
CAMERA_WIDTH = 220  # px
RESULT_COLOURS = {"refused": "#b9770e", "failed": "#c0392b"}
SORT_ROLE = Qt.ItemDataRole.UserRole  # what a column sorts by: the time itself, numbers


def level_label(level: str) -> str:
    """The audit's level code ("section_supervisor"...) as the spec names it (路段主管...)."""
    try:
        return ControlLevel[level.upper()].label
    except KeyError:
        return level


def source_label(source: str) -> str:
    """Where a command came from ("workstation", "platform"), as the operator reads it."""
    texts = {
        "workstation": QCoreApplication.translate("PtzAuditDialog", "Workstation"),
        "platform": QCoreApplication.translate("PtzAuditDialog", "Platform"),
    }
    return texts.get(source, source)


class PtzAuditModel(QAbstractTableModel):
    """The operations found, one row each in the order the service gives (newest first);
    camera names from ``names`` (the directory), the number for a camera no longer in it."""

    def __init__(self, names: Mapping[str, str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._names = names
        self._rows: list[PtzAuditView] = []
        self._texts: list[list[str]] = []
        self._headers = [
            self.tr("Time"),
            self.tr("Operator"),
            self.tr("Level"),
            self.tr("Source"),
            self.tr("Camera"),
            self.tr("Operation"),
            self.tr("Speed"),
            self.tr("Preset"),
            self.tr("Result"),
            self.tr("Detail"),
        ]

    @property
    def rows(self) -> list[PtzAuditView]:
        return list(self._rows)

    def set_rows(self, rows: list[PtzAuditView]) -> None:
        self.beginResetModel()
        self._rows = rows
        self._texts = [self._row_texts(entry) for entry in rows]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        text = self._texts[row][column]
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == Qt.ItemDataRole.ToolTipRole and column in (CAMERA, DETAIL):
            return text
        if role == Qt.ItemDataRole.ForegroundRole and column == RESULT:
            colour = RESULT_COLOURS.get(self._rows[row].result)
            return QColor(colour) if colour is not None else None
        if role == SORT_ROLE:
            entry = self._rows[row]
            number = {TIME: entry.at.timestamp(), STEP: entry.step, PRESET: entry.preset}
            found = number.get(column, text)
            return -1 if found is None else found
        return None

    def _row_texts(self, entry: PtzAuditView) -> list[str]:
        return [
            entry.at.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M:%S"),
            entry.operator,
            level_label(entry.level),
            source_label(entry.source),
            self._names.get(entry.camera_num, entry.camera_num),
            self._operation_text(entry),
            "" if entry.step is None else str(entry.step),
            "" if entry.preset is None else str(entry.preset),
            self._result_text(entry.result),
            entry.detail,
        ]

    def _result_text(self, result: str) -> str:
        texts = {"ok": self.tr("Done"), "refused": self.tr("Refused"), "failed": self.tr("Failed")}
        return texts.get(result, result)

    def _operation_text(self, entry: PtzAuditView) -> str:
        action = ""
        if entry.action is not None and entry.action in range(1, 13):
            action = PtzAction(entry.action).label
        kind = {
            "stop": self.tr("Stop"),
            "preset_call": self.tr("Go to preset"),
            "preset_set": self.tr("Store preset"),
            "release": self.tr("Release control"),
        }.get(entry.kind)
        if kind is None:  # a command: the action says it all
            return action or entry.kind
        return f"{kind}（{action}）" if action else kind


class PtzAuditDialog(QDialog):
    """Browses the service's log through ``store``; camera names come from ``cameras`` (the
    directory), the number is shown for a camera no longer in it."""

    def __init__(
        self,
        store: PtzAuditClient,
        runner: TaskRunner,
        cameras: Sequence[CameraEntry],
        parent: QWidget | None = None,
        *,
        clock: Callable[[], datetime] = utc_now,
        limit: int = BROWSE_LIMIT,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ptzAuditDialog")
        self.setWindowTitle(self.tr("PTZ log"))
        self._store = store
        self._runner = runner
        self._limit = limit
        names = {camera.camera_num: f"{camera.pile} {camera.name}" for camera in cameras}
        self._model = PtzAuditModel(names, self)
        self._busy = False
        self._clock = clock

        now = clock()
        self._start = beijing_edit("auditStart")
        self._start.setDateTime(to_qdatetime(now - DEFAULT_SPAN))
        self._end = beijing_edit("auditEnd")
        self._end.setDateTime(to_qdatetime(now + timedelta(minutes=1)))
        # Up to now by default: each search then sees the operations made since it opened.
        self._until_now = QCheckBox(self.tr("Up to now"), objectName="auditUntilNow")
        self._until_now.toggled.connect(lambda checked: self._end.setEnabled(not checked))
        self._until_now.setChecked(True)
        self._camera = QComboBox(objectName="auditCamera")
        self._camera.addItem(self.tr("All cameras"), None)
        for camera in sorted(cameras, key=lambda c: (c.road, c.pile, c.name)):
            self._camera.addItem(f"{camera.pile} {camera.name}", camera.camera_num)
        self._operator = QLineEdit(objectName="auditOperator")
        self._operator.setPlaceholderText(self.tr("Everyone"))
        self._operator.returnPressed.connect(self.search)
        self._result = QComboBox(objectName="auditResult")
        for text, value in (
            (self.tr("All results"), None),
            (self.tr("Done"), "ok"),
            (self.tr("Refused"), "refused"),
            (self.tr("Failed"), "failed"),
        ):
            self._result.addItem(text, value)
        search = QPushButton(self.tr("Search"), objectName="auditSearch")
        search.setDefault(True)
        search.clicked.connect(self.search)

        filters = QFormLayout()
        span = QHBoxLayout()
        span.addWidget(self._start)
        span.addWidget(QLabel("—"))
        span.addWidget(self._end)
        span.addWidget(self._until_now)
        span.addStretch(1)
        filters.addRow(self.tr("Time (Beijing time)"), span)
        filters.addRow(self.tr("Camera"), self._camera)
        who = QHBoxLayout()
        who.addWidget(self._operator, 1)
        who.addWidget(QLabel(self.tr("Result")))
        who.addWidget(self._result)
        who.addWidget(search)
        filters.addRow(self.tr("Operator"), who)

        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self._model)
        proxy.setSortRole(SORT_ROLE)
        self._table = record_view("auditTable", proxy)
        self._table.setSortingEnabled(True)
        self._table.sortByColumn(TIME, Qt.SortOrder.DescendingOrder)  # newest first
        header = self._table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # A camera's full name is long: the column keeps a width that leaves the result and
        # the detail in sight, the full name in its tooltip.
        header.setSectionResizeMode(CAMERA, QHeaderView.ResizeMode.Interactive)
        self._table.setColumnWidth(CAMERA, CAMERA_WIDTH)
        header.setStretchLastSection(True)
        self._status = QLabel(objectName="auditStatus", wordWrap=True)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self._table, 1)
        layout.addWidget(self._status)
        self.resize(1100, 600)
        self.search()

    @property
    def rows(self) -> list[PtzAuditView]:
        return self._model.rows

    @property
    def table(self) -> QTableView:
        return self._table

    @property
    def status(self) -> str:
        return self._status.text()

    @property
    def busy(self) -> bool:
        return self._busy

    def set_filters(
        self,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        camera_num: str | None = None,
        operator: str | None = None,
        result: str | None = None,
    ) -> None:
        """Set the filters as the operator would (then ``search``)."""
        if start is not None:
            self._start.setDateTime(to_qdatetime(start))
        self._until_now.setChecked(end is None)
        if end is not None:
            self._end.setDateTime(to_qdatetime(end))
        self._camera.setCurrentIndex(max(0, self._camera.findData(camera_num)))
        self._operator.setText(operator or "")
        self._result.setCurrentIndex(max(0, self._result.findData(result)))

    def search(self) -> None:
        """Read the log for the filters (in the task runner)."""
        start = from_qdatetime(self._start.dateTime())
        if self._until_now.isChecked():
            end = self._clock() + timedelta(minutes=1)
            self._end.setDateTime(to_qdatetime(end))
        else:
            end = from_qdatetime(self._end.dateTime())
        if end <= start:
            self._status.setText(self.tr("The end of the range must come after its start."))
            return
        self._busy = True
        self._status.setText(self.tr("Searching…"))
        filters = {
            "start": start,
            "end": end,
            "camera_num": self._camera.currentData(),
            "operator": self._operator.text().strip() or None,
            "result": self._result.currentData(),
            "limit": self._limit,
        }
        self._runner.run(
            lambda: self._store.browse(**filters),
            on_done=self._show,
            on_error=self._failed,
            expected=(PlatformError,),
            always=self._searched,
            owner=self,
        )

    def _searched(self) -> None:
        self._busy = False

    def _show(self, rows: list[PtzAuditView]) -> None:
        self._model.set_rows(rows)
        if len(rows) >= self._limit:
            text = self.tr("The newest {count} operations; narrow the search to see older ones.")
        elif rows:
            text = self.tr("{count} operations, newest first.")
        else:
            text = self.tr("No PTZ operation matches.")
        self._status.setText(text.format(count=len(rows)))

    def _failed(self, error: PlatformError) -> None:
        self._status.setText(str(error))
