"""What the fault list and the work orders share: a table of records on the board, the most
pressing first, the selection kept across refreshes, and the selected record's transitions
under it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QHeaderView, QTableView, QWidget

from patrol_app.ui.faults.model import FaultModel
from patrol_app.ui.faults.texts import DeadlineTexts
from patrol_app.ui.widgets.beijing_time import beijing_text
from patrol_app.ui.widgets.record_model import Column, RecordModel
from patrol_app.ui.widgets.record_table import record_view

# The history's time, state and operator columns; the note takes the rest.
HISTORY_WIDTHS = (130, 80, 110)
# A row of the history: (time, state's label, operator, note).
HistoryRow = tuple[datetime, str, str, str]


def stretch_last(view: QTableView) -> QTableView:
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return view


class RecordTab(QWidget):
    """A tab of the fault window: ``_columns()`` says what the table shows, ``_bold`` which
    records stand out (overdue); double-click moves the selected one on."""

    def __init__(
        self, model: FaultModel, table_name: str, history_name: str, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self._model = model
        self._texts = DeadlineTexts(self)
        self._now = model.now()
        self._records = RecordModel(self._columns(), bold=self._bold, parent=self)
        self._table = stretch_last(record_view(table_name, self._records))
        self._table.selectionModel().selectionChanged.connect(self._selected)
        self._table.doubleClicked.connect(lambda _index: self.change_selected())
        headers = [self.tr("Time"), self.tr("State"), self.tr("Operator"), self.tr("Note")]
        self._history = RecordModel(
            [
                Column(headers[0], lambda row: beijing_text(row[0])),
                Column(headers[1], lambda row: row[1]),
                Column(headers[2], lambda row: row[2]),
                Column(headers[3], lambda row: row[3]),
            ],
            parent=self,
        )
        self._history_view = record_view(history_name, self._history)
        self._history_view.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate(HISTORY_WIDTHS):
            self._history_view.setColumnWidth(column, width)

    def _narrow(self, column: int, width: int) -> None:
        """Keep ``column`` (long camera names) at ``width``, elided in the middle: the pile
        has a column of its own, and the columns after it stay in view."""
        self._table.horizontalHeader().setSectionResizeMode(
            column, QHeaderView.ResizeMode.Interactive
        )
        self._table.setColumnWidth(column, width)
        self._table.setTextElideMode(Qt.TextElideMode.ElideMiddle)

    @property
    def table(self) -> QTableView:
        return self._table

    @property
    def model(self) -> FaultModel:
        return self._model

    @property
    def shown(self) -> list[Any]:
        return self._records.records

    def selected(self) -> Any | None:
        rows = self._table.selectionModel().selectedRows()
        return self._records.record(rows[0].row()) if rows else None

    def select(self, record_id: int) -> bool:
        """Select the record numbered ``record_id`` when it is shown."""
        for row, record in enumerate(self._records.records):
            if record.id == record_id:
                index = self._records.index(row, 0)
                self._table.selectionModel().select(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                self._table.scrollTo(index)
                return True
        return False

    def change_selected(self) -> QWidget | None:
        raise NotImplementedError

    def _columns(self) -> list[Column]:
        raise NotImplementedError

    def _bold(self, record: Any) -> bool:
        return False

    def _show_records(self, records: Sequence[Any], now: datetime) -> None:
        """Show ``records`` as they stand at ``now``, the selection kept."""
        self._now = now
        kept = self.selected()
        self._records.set_records(records)
        if kept is not None:
            self.select(kept.id)

    def _show_history(self, rows: Sequence[HistoryRow]) -> None:
        self._history.set_records(list(rows))

    def _selected(self, *_args: object) -> None:
        raise NotImplementedError
