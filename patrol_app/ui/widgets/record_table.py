"""A read-only table of records (steps, versions, warnings, the PTZ log): whole rows are
selected, nothing is edited in place, no row numbers. ``record_view`` shows a model (issue
12 point 1: a QAbstractTableModel per kind of record); ``record_table`` holds its items."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QTableView, QTableWidget


def record_table(name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), objectName=name)
    table.setHorizontalHeaderLabels(headers)
    _read_only(table)
    return table


def record_view(name: str, model: QAbstractItemModel) -> QTableView:
    view = QTableView(objectName=name)
    view.setModel(model)
    _read_only(view)
    return view


def _read_only(table: QTableView) -> None:
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
