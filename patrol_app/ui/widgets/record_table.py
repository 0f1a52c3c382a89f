"""A read-only table of records (steps, versions, warnings, the PTZ log): whole rows are
selected, nothing is edited in place, no row numbers."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QTableWidget


def record_table(name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), objectName=name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    return table
