"""Tables of records as Qt item models (issue 12 point 1, STYLE habit 11)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtTest import QSignalSpy
from pytestqt.qtbot import QtBot

from patrol_app.ui.widgets.record_model import Column, RecordModel, RecordProxy, sorted_view


@dataclass(frozen=True)
class Step:
    id: int
    at: str
    detail: str
    severe: bool = False


STEPS = [Step(2, "09:05", "已报交警"), Step(1, "09:05", "发现落石", True), Step(3, "08:00", "结束")]


def steps_model() -> RecordModel:
    return RecordModel(
        [Column("时间", lambda step: step.at), Column("内容", lambda step: step.detail)],
        key=lambda step: (step.at, step.id),
        bold=lambda step: step.severe,
    )


def texts(model: RecordProxy | RecordModel, column: int = 1) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_a_view_shows_the_records_in_the_models_order(qtbot: QtBot) -> None:
    """The proxy orders by the model's key (Python values: tuples here), newest first when
    asked; a record marked bold is bold in every column; headers are the columns'."""
    model = steps_model()
    model.set_records(STEPS)
    view = sorted_view("steps", model, newest_first=True)
    qtbot.addWidget(view)
    shown = view.model()
    assert isinstance(shown, RecordProxy)
    assert texts(shown) == ["已报交警", "发现落石", "结束"]
    assert shown.headerData(0, Qt.Orientation.Horizontal) == "时间"
    bold = [shown.index(1, column).data(Qt.ItemDataRole.FontRole) for column in (0, 1)]
    assert all(font is not None and font.bold() for font in bold)
    assert shown.index(0, 0).data(Qt.ItemDataRole.FontRole) is None
    assert model.record(shown.source_row(2)) == STEPS[2] and shown.row_of(2) == 2


def test_the_proxy_keeps_the_rows_with_every_word() -> None:
    model = steps_model()
    model.set_records(STEPS)
    proxy = RecordProxy(model)
    proxy.sort(0)
    proxy.set_words(" 09:05  交警 ")
    assert texts(proxy) == ["已报交警"]
    proxy.set_words("")
    assert texts(proxy) == ["结束", "发现落石", "已报交警"]


def test_records_added_at_the_end_are_inserted_not_reset(qtbot: QtBot) -> None:
    """Operators' records are append-only: a refresh that adds steps inserts their rows, so
    that the view keeps its place; the same records again change nothing."""
    model = steps_model()
    model.set_records(STEPS[:2])
    resets, inserts = QSignalSpy(model.modelReset), QSignalSpy(model.rowsInserted)
    model.set_records(STEPS[:2])
    model.set_records(STEPS)
    assert (resets.count(), inserts.count()) == (0, 1)
    model.set_records(STEPS[1:])
    assert (resets.count(), inserts.count()) == (1, 1)
    assert texts(model) == ["发现落石", "结束"]
