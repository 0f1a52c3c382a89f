"""The work orders (F-3): those open and those closed lately, the most pressing first, each
with its feedback deadline (Beijing time); record one, give its feedback, close it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import partial

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from patrol_app.domain.camera import CameraEntry
from patrol_app.domain.work_orders import WorkOrderRecord, WorkOrderState
from patrol_app.faults.actions import change_work_order
from patrol_app.store.patrols import PatrolStore
from patrol_app.ui.faults.dialogs import Choice, TransitionDialog, WorkOrderDialog
from patrol_app.ui.faults.model import FaultModel
from patrol_app.ui.faults.record_tab import RecordTab
from patrol_app.ui.widgets.beijing_time import beijing_text
from patrol_app.ui.widgets.dialogs import show_dialog
from patrol_app.ui.widgets.record_model import Column


class OrderList(RecordTab):
    """The work-order tab of the fault window."""

    def __init__(self, model: FaultModel, parent: QWidget | None = None) -> None:
        self._sections: list[tuple[str, str]] = []
        super().__init__(model, "orderTable", "orderHistory", parent)
        self._history_view.setMaximumHeight(160)
        self._summary = QLabel(objectName="orderSummary")
        self._raise = QPushButton(self.tr("Record work order…"), objectName="raiseOrder")
        self._raise.clicked.connect(lambda: self.raise_order())
        self._change = QPushButton(self.tr("Feedback or close…"), objectName="changeOrder")
        self._change.clicked.connect(self.change_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self._summary, 1)
        buttons.addWidget(self._raise)
        buttons.addWidget(self._change)
        column = QVBoxLayout(self)
        column.addWidget(self._table, 1)
        column.addWidget(self._history_view)
        column.addLayout(buttons)
        model.changed.connect(self._show)
        self._show()

    def set_cameras(self, cameras: Sequence[CameraEntry]) -> None:
        """The sections a work order may be raised against: those of the directory."""
        self._sections = sorted({(camera.road, camera.road_sec) for camera in cameras})

    def raise_order(self) -> WorkOrderDialog:
        return show_dialog(WorkOrderDialog(self._model, self._sections, self))

    def change_selected(self) -> TransitionDialog | None:
        order = self.selected()
        if order is None or not order.next_states():
            return None
        choices = [
            Choice(
                state,
                state.label,
                self.tr("Feedback") if state is WorkOrderState.FEEDBACK else self.tr("Note"),
                state is WorkOrderState.FEEDBACK,
            )
            for state in order.next_states()
        ]
        summary = self.tr(
            "Work order {number}: {section}, {indicator} {value}, now {state}"
        ).format(
            number=order.id,
            section=f"{order.order.road} {order.order.road_sec}",
            indicator=order.order.indicator.label,
            value=order.order.value,
            state=order.state.label,
        )
        dialog = TransitionDialog(
            self._model,
            self.tr("Work order feedback"),
            summary,
            choices,
            partial(_change_order, order.id),
            self,
        )
        return show_dialog(dialog)

    def _columns(self) -> list[Column]:
        texts = self._texts
        return [
            Column(self.tr("No."), lambda o: str(o.id)),
            Column(self.tr("State"), lambda o: o.state.label),
            Column(self.tr("Section"), lambda o: f"{o.order.road} {o.order.road_sec}"),
            Column(self.tr("Indicator"), lambda o: o.order.indicator.label),
            Column(self.tr("Value"), lambda o: o.order.value),
            Column(self.tr("Order number"), lambda o: o.order.reference),
            Column(self.tr("Raised (Beijing)"), lambda o: beijing_text(o.order.raised_at)),
            Column(self.tr("Deadline"), lambda o: texts.order_deadline(o, self._now)),
            Column(self.tr("Feedback"), lambda o: texts.outcome(o.clock, self._now)),
            Column(self.tr("Details"), lambda o: o.order.detail),
        ]

    def _bold(self, record: WorkOrderRecord) -> bool:
        return record.overdue(self._now)

    def _show(self, *_args: object) -> None:
        board = self._model.board
        if board is None:
            return
        self._show_records(board.orders, board.at)
        self._summary.setText(
            self.tr("{open} open, {overdue} overdue for feedback").format(
                open=sum(order.open for order in board.orders),
                overdue=len(board.overdue_orders()),
            )
        )
        self._selected()

    def _selected(self, *_args: object) -> None:
        order = self.selected()
        self._change.setEnabled(order is not None and bool(order.next_states()))
        if order is None:
            self._show_history([])
            return
        rows = [(order.order.raised_at, WorkOrderState.RAISED.label, order.order.raised_by, "")]
        rows += [(t.at, t.state.label, t.operator, t.note) for t in order.transitions]
        self._show_history(rows)


def _change_order(
    order_id: int,
    store: PatrolStore,
    state: WorkOrderState,
    *,
    note: str,
    operator: str,
    now: datetime,
) -> WorkOrderRecord:
    return change_work_order(store, order_id, state, note=note, operator=operator, now=now)
