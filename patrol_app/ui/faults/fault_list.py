"""The fault list (F-1, F-2): the faults on the board, the most pressing first, filtered by
state, camera or pile, kind and overdue; each one's time left or how long overdue (Beijing
time); its transitions under the list; register, move on, print its repair request."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from patrol_app.domain.camera import CameraEntry
from patrol_app.domain.faults import OPEN_STATES, FaultKind, FaultRecord, FaultState
from patrol_app.faults.actions import change_fault
from patrol_app.faults.board import FaultBoard, FaultFilter
from patrol_app.store.patrols import PatrolStore
from patrol_app.ui.faults.dialogs import Choice, RegisterFaultDialog, TransitionDialog
from patrol_app.ui.faults.model import FaultModel
from patrol_app.ui.faults.record_tab import RecordTab
from patrol_app.ui.widgets.beijing_time import beijing_text
from patrol_app.ui.widgets.dialogs import show_dialog
from patrol_app.ui.widgets.record_model import Column

CAMERA_COLUMN, CAMERA_WIDTH = 3, 260
OPEN = "open"  # the state filter's first entry: the faults not yet verified or cancelled
ANY = "any"


class FaultList(RecordTab):
    """The fault tab of the fault window. ``repair_request(record)``: shows the fault's
    repair request to print (None: the button stays disabled)."""

    def __init__(
        self,
        model: FaultModel,
        repair_request: Callable[[FaultRecord], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        self._repair_request = repair_request
        self._cameras: list[CameraEntry] = []
        super().__init__(model, "faultTable", "faultHistory", parent)
        self._narrow(CAMERA_COLUMN, CAMERA_WIDTH)

        self._state = QComboBox(objectName="stateFilter")
        self._state.addItem(self.tr("Open"), OPEN)
        self._state.addItem(self.tr("All states"), ANY)
        for state in FaultState:
            self._state.addItem(state.label, state.value)
        self._search = QLineEdit(objectName="faultSearch")
        self._search.setPlaceholderText(self.tr("Camera or pile"))
        self._search.setClearButtonEnabled(True)
        self._kind = QComboBox(objectName="kindFilter")
        self._kind.addItem(self.tr("All kinds"), ANY)
        for kind in FaultKind:
            self._kind.addItem(kind.label, kind.value)
        self._overdue = QCheckBox(self.tr("Overdue only"), objectName="overdueOnly")
        self._summary = QLabel(objectName="faultSummary")
        for signal in (
            self._state.currentIndexChanged,
            self._kind.currentIndexChanged,
            self._search.textChanged,
            self._overdue.toggled,
        ):
            signal.connect(self._show)

        self._detail = QLabel(objectName="faultDetail", wordWrap=True)

        self._register = QPushButton(self.tr("Register fault…"), objectName="registerFault")
        self._register.clicked.connect(lambda: self.register())
        self._change = QPushButton(self.tr("Change state…"), objectName="changeFault")
        self._change.clicked.connect(self.change_selected)
        self._print = QPushButton(self.tr("Repair request…"), objectName="printRepair")
        self._print.setToolTip(self.tr("Preview, print or save the fault's repair request"))
        self._print.clicked.connect(self.print_selected)

        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("State:")))
        filters.addWidget(self._state)
        filters.addWidget(QLabel(self.tr("Kind:")))
        filters.addWidget(self._kind)
        filters.addWidget(self._search, 1)
        filters.addWidget(self._overdue)
        buttons = QHBoxLayout()
        buttons.addWidget(self._summary, 1)
        for button in (self._register, self._change, self._print):
            buttons.addWidget(button)
        below = QWidget()
        below_column = QVBoxLayout(below)
        below_column.setContentsMargins(0, 0, 0, 0)
        below_column.addWidget(self._detail)
        below_column.addWidget(self._history_view)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self._table)
        split.addWidget(below)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        column = QVBoxLayout(self)
        column.addLayout(filters)
        column.addWidget(split, 1)
        column.addLayout(buttons)
        model.changed.connect(self._show)
        self._show()

    # --- For the window, the wiring and the tests ------------------------------------------

    def set_cameras(self, cameras: Sequence[CameraEntry]) -> None:
        self._cameras = list(cameras)

    def set_filter(self, chosen: FaultFilter) -> None:
        """Show the faults ``chosen`` lets through (the reminders open the overdue ones)."""
        states = chosen.states
        value = OPEN if states == OPEN_STATES else ANY
        if len(states) == 1:
            value = next(iter(states)).value
        self._state.setCurrentIndex(self._state.findData(value))
        kinds = chosen.kinds
        self._kind.setCurrentIndex(
            self._kind.findData(next(iter(kinds)).value if len(kinds) == 1 else ANY)
        )
        self._search.setText(chosen.text)
        self._overdue.setChecked(chosen.overdue_only)

    def register(self, camera: CameraEntry | None = None) -> RegisterFaultDialog:
        """The registration dialog: of ``camera`` (a tile's), or of a camera to pick."""
        return show_dialog(RegisterFaultDialog(self._model, self._cameras, camera, self))

    def change_selected(self) -> TransitionDialog | None:
        """The dialog moving the selected fault on, opened on its next state."""
        record = self.selected()
        if record is None or not record.next_states():
            return None
        choices = [
            Choice(
                state,
                state.label,
                self.tr("Reason") if state is FaultState.CANCELLED else self.tr("Note"),
                state is FaultState.CANCELLED,
            )
            for state in record.next_states()
        ]
        summary = self.tr("Fault {number}: {pile} {camera}, {kind}, now {state}").format(
            number=record.id,
            pile=record.pile,
            camera=record.camera_name,
            kind=record.kind.label,
            state=record.state.label,
        )
        dialog = TransitionDialog(
            self._model,
            self.tr("Change the fault's state"),
            summary,
            choices,
            partial(_change_fault, record.id),
            self,
        )
        return show_dialog(dialog)

    def print_selected(self) -> None:
        record = self.selected()
        if record is not None and self._repair_request is not None:
            self._repair_request(record)

    # --- Showing the board ------------------------------------------------------------------

    def _columns(self) -> list[Column]:
        texts = self._texts
        return [
            Column(self.tr("No."), lambda r: str(r.id)),
            Column(self.tr("State"), lambda r: r.state.label),
            Column(self.tr("Pile"), lambda r: r.pile),
            Column(self.tr("Camera"), lambda r: r.camera_name),
            Column(self.tr("Fault"), lambda r: r.kind.label),
            Column(self.tr("Registered (Beijing)"), lambda r: beijing_text(r.registered_at)),
            Column(self.tr("Deadline"), lambda r: texts.fault_deadline(r, self._now)),
            Column(self.tr("Response"), lambda r: texts.outcome(r.response, self._now)),
            Column(self.tr("Repair"), lambda r: texts.outcome(r.repair, self._now)),
            Column(self.tr("From"), lambda r: r.origin.label),
            Column(self.tr("Registered by"), lambda r: r.registered_by),
            Column(self.tr("Note"), lambda r: r.note),
        ]

    def _bold(self, record: FaultRecord) -> bool:
        return record.overdue(self._now)

    def _filter(self) -> FaultFilter:
        state = self._state.currentData()
        states = OPEN_STATES if state == OPEN else frozenset()
        if state not in (OPEN, ANY):
            states = frozenset({FaultState(state)})
        kind = self._kind.currentData()
        return FaultFilter(
            states=states,
            text=self._search.text(),
            kinds=frozenset() if kind == ANY else frozenset({FaultKind(kind)}),
            overdue_only=self._overdue.isChecked(),
        )

    def _show(self, *_args: object) -> None:
        board = self._model.board
        if board is None:
            self._summary.setText(self.tr("Loading the faults…"))
            self._selected()
            return
        self._show_records(board.shown(self._filter()), board.at)
        self._summary.setText(self._summary_text(board))
        self._selected()

    def _summary_text(self, board: FaultBoard) -> str:
        return self.tr("{open} open, {overdue} overdue; {shown} shown").format(
            open=sum(record.open for record in board.faults),
            overdue=len(board.overdue_faults()),
            shown=len(self._records.records),
        )

    def _selected(self, *_args: object) -> None:
        record = self.selected()
        self._change.setEnabled(record is not None and bool(record.next_states()))
        self._print.setEnabled(record is not None and self._repair_request is not None)
        if record is None:
            self._detail.setText(self.tr("Select a fault to see its changes."))
            self._show_history([])
            return
        self._detail.setText(self._detail_text(record, self._now))
        rows = [(record.registered_at, FaultState.REGISTERED.label, record.registered_by, "")]
        rows += [(t.at, t.state.label, t.operator, t.note) for t in record.transitions]
        self._show_history(rows)

    def _detail_text(self, record: FaultRecord, now: datetime) -> str:
        return self.tr(
            "Fault {number}, {pile} {camera}: {kind}. Response due {response} ({r_state}); "
            "repair due {repair} ({p_state})."
        ).format(
            number=record.id,
            pile=record.pile,
            camera=record.camera_name,
            kind=record.kind.label,
            response=beijing_text(record.response.due_at),
            r_state=record.response.state(now).label,
            repair=beijing_text(record.repair.due_at),
            p_state=record.repair.state(now).label,
        )


def _change_fault(
    fault_id: int, store: PatrolStore, state: FaultState, *, note: str, operator: str, now: datetime
) -> FaultRecord:
    return change_fault(store, fault_id, state, note=note, operator=operator, now=now)
