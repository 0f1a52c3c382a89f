"""The history window (历史记录, P-6): past records of every kind (patrol records, checks,
events, faults, handovers, equipment inspections) by period (Beijing time), pile range,
camera, operator and kind, in time order; the selected record whole in the pane beside.

Read-only. A correction is a later row of its own, marked, and the record it corrects stays
listed, marked as corrected. Results come a page at a time (the use case's ``find`` in the
task runner): the next page when the operator scrolls to the end of the table, or asks for
it, so that a year of records never loads into the table at once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from patrol_app.domain.history import (
    HistoryError,
    HistoryFilter,
    HistoryKind,
    HistoryPage,
    HistoryRow,
)
from patrol_app.history.search import HistorySearch, RecordDetail, find, read_record
from patrol_app.store.database import DatabaseError
from patrol_app.store.patrol_base import PatrolStoreError
from patrol_app.store.patrols import PatrolStore
from patrol_app.ui.clock import utc_now
from patrol_app.ui.history.details import RecordDetails
from patrol_app.ui.tasks import TaskRunner
from patrol_app.ui.widgets.beijing_time import (
    beijing_datetime,
    beijing_edit,
    from_qdatetime,
    to_qdatetime,
)
from patrol_app.ui.widgets.record_model import (
    Column,
    Index,
    RecordModel,
    RecordProxy,
    sorted_view,
)

DEFAULT_SPAN = timedelta(days=7)
STORE_ERRORS = (HistoryError, DatabaseError, PatrolStoreError)
# Time, record, camera (its full name in the details), pile, operator, correction; the
# content takes the rest.
COLUMN_WIDTHS = (125, 130, 190, 85, 70, 105)


def _content(row: HistoryRow) -> str:
    """The outcome or state and note, then the checklist items marked."""
    return "；".join(part for part in (row.summary, "、".join(row.items)) if part)


class HistoryRecords(RecordModel):
    """The rows found so far; asks for the next page (``more_wanted``) when the view
    reaches the last row and the store said more follow."""

    more_wanted = Signal()

    def __init__(self, columns: list[Column], parent: QObject | None = None) -> None:
        super().__init__(
            columns,
            key=lambda row: row.position,
            bold=lambda row: row.corrects is not None,
            parent=parent,
        )
        self._more = False

    @property
    def more(self) -> bool:
        return self._more

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:  # a long name or content, whole
            return super().data(index, Qt.ItemDataRole.DisplayRole) or None
        return super().data(index, role)

    def set_more(self, more: bool) -> None:
        self._more = more

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008  # Qt's default
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._more = False  # until the page asked for comes
            self.more_wanted.emit()


class HistoryWindow(QDialog):
    """Finds records in ``store`` through ``runner``; ``clock``: the default period ends now."""

    def __init__(
        self,
        store: PatrolStore,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("historyWindow")
        self.setWindowTitle(self.tr("History of the records"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint)
        self._store = store
        self._runner = runner
        self._search: HistoryFilter | None = None
        self._generation = 0  # a newer search makes the pages of older ones stale
        self._loading = False
        self._selected: HistoryRow | None = None

        now = clock()
        self._start = beijing_edit("historyStart")
        self._start.setDateTime(to_qdatetime(now - DEFAULT_SPAN))
        self._end = beijing_edit("historyEnd")
        self._end.setDateTime(to_qdatetime(now + timedelta(minutes=1)))
        self._pile_from = QLineEdit(objectName="historyPileFrom", maxLength=20)
        self._pile_from.setPlaceholderText("K100+000")
        self._pile_to = QLineEdit(objectName="historyPileTo", maxLength=20)
        self._pile_to.setPlaceholderText("K120+000")
        self._camera = QLineEdit(objectName="historyCamera", maxLength=100)
        self._camera.setPlaceholderText(self.tr("Camera number or part of its name"))
        self._operator = QLineEdit(objectName="historyOperator", maxLength=100)
        self._operator.setPlaceholderText(self.tr("Everyone"))
        self._kinds = {
            kind: QCheckBox(kind.label, objectName=f"historyKind_{kind.value}", checked=True)
            for kind in HistoryKind
        }
        search = QPushButton(self.tr("Search"), objectName="historySearch")
        search.setDefault(True)
        search.clicked.connect(self.search)
        for field in (self._pile_from, self._pile_to, self._camera, self._operator):
            field.returnPressed.connect(self.search)

        filters = QFormLayout()
        span = QHBoxLayout()
        span.addWidget(self._start)
        span.addWidget(QLabel("—"))
        span.addWidget(self._end)
        span.addStretch(1)
        filters.addRow(self.tr("Period (Beijing time)"), span)
        where = QHBoxLayout()
        where.addWidget(self._pile_from)
        where.addWidget(QLabel("—"))
        where.addWidget(self._pile_to)
        where.addWidget(QLabel(self.tr("Camera")))
        where.addWidget(self._camera, 1)
        where.addWidget(QLabel(self.tr("Operator")))
        where.addWidget(self._operator)
        filters.addRow(self.tr("Pile range"), where)
        kinds = QHBoxLayout()
        for box in self._kinds.values():
            kinds.addWidget(box)
        kinds.addStretch(1)
        kinds.addWidget(search)
        filters.addRow(self.tr("Records"), kinds)

        self._model = HistoryRecords(self._columns(), self)
        self._model.more_wanted.connect(self.load_more)
        self._table = sorted_view("historyTable", self._model)
        header = self._table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate(COLUMN_WIDTHS):
            self._table.setColumnWidth(column, width)
        self._table.selectionModel().currentRowChanged.connect(self._row_selected)
        self._details = RecordDetails()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._table)
        splitter.addWidget(self._details)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 2)
        self._status = QLabel(objectName="historyStatus", wordWrap=True)
        self._more_button = QPushButton(self.tr("Load more"), objectName="historyMore")
        self._more_button.clicked.connect(self.load_more)
        self._more_button.hide()
        bottom = QHBoxLayout()
        bottom.addWidget(self._status, 1)
        bottom.addWidget(self._more_button)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self.resize(1480, 800)
        self.search()

    def _columns(self) -> list[Column]:
        return [
            Column(self.tr("Time"), lambda row: beijing_datetime(row.at)),
            Column(self.tr("Record"), lambda row: row.kind.label),
            Column(self.tr("Camera"), lambda row: row.camera_name),
            Column(self.tr("Pile"), lambda row: row.pile),
            Column(self.tr("Operator"), lambda row: row.operator),
            Column(self.tr("Correction"), self._correction_text),
            Column(self.tr("Content"), _content),
        ]

    def _correction_text(self, row: HistoryRow) -> str:
        if row.corrects is not None:
            return self.tr("Corrects #{id}").format(id=row.corrects)
        if row.corrected_by is not None:
            return self.tr("Corrected by #{id}").format(id=row.corrected_by)
        return ""

    # What tests and the operator see.
    @property
    def table(self) -> QTableView:
        return self._table

    @property
    def details(self) -> RecordDetails:
        return self._details

    @property
    def rows(self) -> list[HistoryRow]:
        return self._model.records

    @property
    def status(self) -> str:
        return self._status.text()

    @property
    def loading(self) -> bool:
        return self._loading

    @property
    def more(self) -> bool:
        return self._model.more

    def set_filters(
        self,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        piles: tuple[str, str] = ("", ""),
        camera: str = "",
        operator: str = "",
        kinds: frozenset[HistoryKind] | None = None,
    ) -> None:
        """Fill the filters as the operator would (then ``search``)."""
        if start is not None:
            self._start.setDateTime(to_qdatetime(start))
        if end is not None:
            self._end.setDateTime(to_qdatetime(end))
        self._pile_from.setText(piles[0])
        self._pile_to.setText(piles[1])
        self._camera.setText(camera)
        self._operator.setText(operator)
        for kind, box in self._kinds.items():
            box.setChecked(kinds is None or kind in kinds)

    def select_row(self, row: int) -> None:
        self._table.selectRow(row)

    # Searching.
    def search(self) -> None:
        """Find the first page for the filters as they stand (in the task runner)."""
        typed = HistorySearch(
            from_qdatetime(self._start.dateTime()),
            from_qdatetime(self._end.dateTime()),
            frozenset(kind for kind, box in self._kinds.items() if box.isChecked()),
            self._pile_from.text(),
            self._pile_to.text(),
            self._camera.text(),
            self._operator.text(),
        )
        try:
            search = typed.to_filter()
        except HistoryError as error:
            self._tell(str(error), error=True)
            return
        self._generation += 1
        self._search = search
        self._model.set_more(False)
        self._model.set_records([])
        self._details.show_text(self.tr("Select a record to see it whole."))
        self._load(None)

    def load_more(self) -> None:
        """The next page of the current search, after the rows shown."""
        rows = self._model.records
        if self._search is None or self._loading or not rows:
            return
        self._model.set_more(False)
        self._load(rows[-1])

    def _load(self, after: HistoryRow | None) -> None:
        assert self._search is not None
        self._loading = True
        self._more_button.setEnabled(False)
        self._tell(self.tr("Searching…"))
        generation = self._generation
        self._runner.run(
            find,
            self._store,
            self._search,
            None if after is None else after.position,
            on_done=lambda page: self._show(generation, page),
            on_error=self._failed,
            expected=STORE_ERRORS,
            always=self._settled,
            owner=self,
        )

    def _settled(self) -> None:
        self._loading = False
        self._more_button.setEnabled(True)

    def _show(self, generation: int, page: HistoryPage) -> None:
        if generation != self._generation:
            return  # a later search replaced this one
        self._model.set_records([*self._model.records, *page.rows])
        self._model.set_more(page.more)
        self._more_button.setVisible(page.more)
        count = len(self._model.records)
        if page.more:
            text = self.tr("{count} records shown; more follow (scroll down or Load more).")
        elif count:
            text = self.tr("{count} records, oldest first.")
        else:
            text = self.tr("No record matches.")
        self._tell(text.format(count=count))

    def _failed(self, error: Exception) -> None:
        self._tell(str(error), error=True)

    def _tell(self, text: str, *, error: bool = False) -> None:
        self._status.setStyleSheet("color: #c0392b;" if error else "")
        self._status.setText(text)

    # The details pane.
    def _row_selected(self, current: QModelIndex | QPersistentModelIndex, _: object) -> None:
        if not current.isValid():
            return
        proxy = self._table.model()
        assert isinstance(proxy, RecordProxy)
        row = self._model.record(proxy.source_row(current.row()))
        self._selected = row
        self._details.show_text(self.tr("Reading the record…"))
        self._runner.run(
            read_record,
            self._store,
            row,
            on_done=lambda record: self._show_record(row, record),
            on_error=self._detail_failed,
            expected=STORE_ERRORS,
            owner=self,
        )

    def _show_record(self, row: HistoryRow, record: RecordDetail) -> None:
        if row is self._selected:
            self._details.show_record(row, record)

    def _detail_failed(self, error: Exception) -> None:
        self._details.show_text(str(error))
