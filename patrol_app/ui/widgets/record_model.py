"""Tables of records as Qt item models (issue 12 point 1, STYLE habit 11): a ``RecordModel``
holds the records of one kind, one per row, its ``Column`` s say what each column shows of a
record; a ``RecordProxy`` orders them by the model's key and keeps those that match the words
typed in a filter; ``sorted_view`` shows them, read-only."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QTableView

from patrol_app.ui.widgets.record_table import record_view

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """A column: its header and the text it shows of a record."""

    header: str
    text: Callable[[Any], str]


class SortedRecords(Protocol):
    """What a ``RecordProxy`` needs of its source model."""

    def sort_key(self, row: int) -> Any: ...

    def filter_text(self, row: int) -> str: ...


class RecordModel(QAbstractTableModel):
    """Records of one kind, in the order ``set_records`` gives them; ``key`` orders them in
    a ``RecordProxy``, ``bold`` marks the ones to stand out (a severe warning)."""

    def __init__(
        self,
        columns: Sequence[Column],
        *,
        key: Callable[[Any], Any] | None = None,
        bold: Callable[[Any], bool] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._key = key
        self._bold = bold
        self._records: list[Any] = []

    @property
    def records(self) -> list[Any]:
        return list(self._records)

    def set_records(self, records: Sequence[Any]) -> None:
        """Show ``records``. Records added after those shown (the operators' records are
        append-only) are inserted, so that the view keeps its place and its selection."""
        records, old = list(records), self._records
        if records == old:
            return
        if len(records) > len(old) and records[: len(old)] == old:
            self.beginInsertRows(QModelIndex(), len(old), len(records) - 1)
            self._records = records
            self.endInsertRows()
            return
        self.beginResetModel()
        self._records = records
        self.endResetModel()

    def record(self, row: int) -> Any:
        return self._records[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  # Qt's default
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._records[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[index.column()].text(record)
        if role == Qt.ItemDataRole.FontRole and self._bold is not None and self._bold(record):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].header
        return None

    def sort_key(self, row: int) -> Any:
        return self._key(self._records[row]) if self._key is not None else row

    def filter_text(self, row: int) -> str:
        record = self._records[row]
        return " ".join(column.text(record) for column in self._columns)


class RecordProxy(QSortFilterProxyModel):
    """Orders the source's rows by its ``sort_key`` (Python values: tuples, datetimes) and
    keeps the rows whose ``filter_text`` holds every word of ``set_words``."""

    def __init__(self, source: QAbstractTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self.setSourceModel(source)

    def set_words(self, text: str) -> None:
        self.beginFilterChange()
        self._words = text.strip().lower().split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        text = self._source().filter_text(source_row).lower()
        return all(word in text for word in self._words)

    def lessThan(self, left: Index, right: Index) -> bool:
        source = self._source()
        return bool(source.sort_key(left.row()) < source.sort_key(right.row()))

    def source_row(self, row: int) -> int:
        return self.mapToSource(self.index(row, 0)).row()

    def row_of(self, source_row: int) -> int:
        return self.mapFromSource(self.sourceModel().index(source_row, 0)).row()

    def _source(self) -> SortedRecords:
        source = self.sourceModel()
        assert hasattr(source, "sort_key") and hasattr(source, "filter_text")
        return source


def sorted_view(name: str, model: QAbstractTableModel, *, newest_first: bool = False) -> QTableView:
    """A read-only view of ``model`` through a ``RecordProxy``, in the model's order (or the
    reverse: ``newest_first``); ``view.model()`` is the proxy."""
    view = record_view(name, RecordProxy(model))
    proxy = view.model()
    proxy.setParent(view)
    order = Qt.SortOrder.DescendingOrder if newest_first else Qt.SortOrder.AscendingOrder
    proxy.sort(0, order)
    return view
