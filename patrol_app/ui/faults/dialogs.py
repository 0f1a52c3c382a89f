"""The fault window's dialogs (F-1..F-3): register a fault (from a tile, its camera given, or
by hand, a camera picked from the directory), raise a work order, and move a fault or a work
order on (a reason required to cancel a fault, the feedback's text to give it). Each one
writes through the fault model and stays open, with the refusal, when the records refuse."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from patrol_app.domain.camera import CameraEntry
from patrol_app.domain.faults import FaultKind
from patrol_app.domain.work_orders import Indicator, WorkOrderInput
from patrol_app.faults.actions import FaultRegistration, raise_work_order, register_fault
from patrol_app.ui.faults.model import FaultModel
from patrol_app.ui.widgets.beijing_time import beijing_edit, from_qdatetime, to_qdatetime

ERROR_STYLE = "color: #c0392b;"
MIN_WIDTH = 460


class _WritingDialog(QDialog):
    """A dialog whose OK writes through the model: busy meanwhile, closed when written,
    the refusal shown in it otherwise."""

    def __init__(self, model: FaultModel, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(MIN_WIDTH)
        self._model = model
        self._form = QFormLayout()
        self._error = QLabel(objectName="dialogError", wordWrap=True)
        self._error.setStyleSheet(ERROR_STYLE)
        self._error.hide()
        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self._buttons.accepted.connect(self._submit)
        self._buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addLayout(self._form)
        column.addWidget(self._error)
        column.addWidget(self._buttons)

    @property
    def ok_button(self) -> QPushButton:
        button = self._buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert button is not None
        return button

    def _submit(self) -> None:
        raise NotImplementedError

    def _write(self, change: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        self.ok_button.setEnabled(False)
        self._error.hide()
        self._model.run(
            change, *args, on_done=self._written, on_error=self._refused, owner=self, **kwargs
        )

    def _written(self, _result: object) -> None:
        self.accept()

    def _refused(self, error: Exception) -> None:
        self._error.setText(str(error))
        self._error.show()
        self.ok_button.setEnabled(True)


class RegisterFaultDialog(_WritingDialog):
    """Register a fault of ``camera`` (from a tile's menu), or of a camera picked among
    ``cameras`` (by hand)."""

    def __init__(
        self,
        model: FaultModel,
        cameras: Sequence[CameraEntry],
        camera: CameraEntry | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(model, self.tr("Register a video fault"), parent)
        self._cameras = [camera] if camera is not None else list(cameras)
        self._camera = QComboBox(objectName="faultCamera")
        self._camera.setEditable(camera is None)  # typing filters a long directory
        for entry in self._cameras:
            self._camera.addItem(f"{entry.pile}  {entry.name}", entry.camera_num)
        self._camera.setEnabled(camera is None)
        if camera is None:
            self._camera.setCurrentIndex(-1)
            line = self._camera.lineEdit()
            assert line is not None  # editable
            line.setPlaceholderText(self.tr("Pile or camera name"))
        self._kind = QComboBox(objectName="faultKind")
        for kind in FaultKind:
            self._kind.addItem(kind.label, kind.value)
        self._note = QPlainTextEdit(objectName="faultNote")
        self._note.setPlaceholderText(self.tr("What is wrong, where, since when…"))
        self._note.setMaximumHeight(90)
        self._form.addRow(self.tr("Camera:"), self._camera)
        self._form.addRow(self.tr("Fault:"), self._kind)
        self._form.addRow(self.tr("Note:"), self._note)

    def _submit(self) -> None:
        number = self._camera.currentData()
        if self._camera.currentIndex() < 0 or number is None:
            self._refused(ValueError(self.tr("Choose the camera")))
            return
        entry = next(entry for entry in self._cameras if entry.camera_num == number)
        registration = FaultRegistration(
            entry.camera_num,
            entry.name,
            entry.pile,
            FaultKind(self._kind.currentData()),
            self._note.toPlainText(),
        )
        model = self._model
        self._write(register_fault, registration, operator=model.operator, now=model.now())


class WorkOrderDialog(_WritingDialog):
    """Record a work order the management unit raised against a section (F-3)."""

    def __init__(
        self,
        model: FaultModel,
        sections: Sequence[tuple[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(model, self.tr("Record a work order"), parent)
        self._section = QComboBox(objectName="orderSection")
        for road, road_sec in sections:
            self._section.addItem(f"{road} {road_sec}", (road, road_sec))
        self._indicator = QComboBox(objectName="orderIndicator")
        for indicator in Indicator:
            self._indicator.addItem(indicator.label, indicator.value)
        self._value = QLineEdit(objectName="orderValue")
        self._value.setPlaceholderText(self.tr("e.g. 92.5%"))
        self._reference = QLineEdit(objectName="orderReference")
        self._reference.setPlaceholderText(self.tr("The management unit's number, if any"))
        self._raised = beijing_edit("orderRaisedAt")
        self._raised.setDateTime(to_qdatetime(model.now()))
        self._detail = QPlainTextEdit(objectName="orderDetail")
        self._detail.setMaximumHeight(90)
        self._form.addRow(self.tr("Section:"), self._section)
        self._form.addRow(self.tr("Indicator:"), self._indicator)
        self._form.addRow(self.tr("Value:"), self._value)
        self._form.addRow(self.tr("Order number:"), self._reference)
        self._form.addRow(self.tr("Raised at (Beijing time):"), self._raised)
        self._form.addRow(self.tr("Details:"), self._detail)

    def _submit(self) -> None:
        section = self._section.currentData()
        if section is None:
            self._refused(ValueError(self.tr("No road section in the camera directory")))
            return
        road, road_sec = section
        order = WorkOrderInput(
            road=road,
            road_sec=road_sec,
            indicator=Indicator(self._indicator.currentData()),
            value=self._value.text(),
            detail=self._detail.toPlainText(),
            raised_at=from_qdatetime(self._raised.dateTime()),
            raised_by=self._model.operator,
            reference=self._reference.text(),
        )
        self._write(raise_work_order, order)


@dataclass(frozen=True)
class Choice:
    """A state the record may move to: its value, its label, what the note is called and
    whether it is required."""

    value: object
    label: str
    note_label: str
    note_required: bool


class TransitionDialog(_WritingDialog):
    """Move a fault or a work order on: one of ``choices``, a note; ``change(store, state,
    *, note, operator, now)`` writes it."""

    def __init__(
        self,
        model: FaultModel,
        title: str,
        summary: str,
        choices: Sequence[Choice],
        change: Callable[..., Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(model, title, parent)
        self._choices = list(choices)
        self._change = change
        self._summary = QLabel(summary, objectName="transitionSummary", wordWrap=True)
        self._state = QComboBox(objectName="transitionState")
        for choice in self._choices:
            self._state.addItem(choice.label)
        self._note_label = QLabel()
        self._note = QPlainTextEdit(objectName="transitionNote")
        self._note.setMaximumHeight(90)
        self._form.addRow(self._summary)
        self._form.addRow(self.tr("New state:"), self._state)
        self._form.addRow(self._note_label, self._note)
        self._state.currentIndexChanged.connect(self._check)
        self._note.textChanged.connect(self._check)
        self._check()

    def choose(self, label: str) -> None:
        """Select the state called ``label`` (the list's buttons open on their state)."""
        index = self._state.findText(label)
        if index >= 0:
            self._state.setCurrentIndex(index)

    def _current(self) -> Choice:
        return self._choices[self._state.currentIndex()]

    def _check(self) -> None:
        choice = self._current()
        required = self.tr("{label} (required)").format(label=choice.note_label)
        self._note_label.setText(required if choice.note_required else choice.note_label)
        missing = choice.note_required and not self._note.toPlainText().strip()
        self.ok_button.setEnabled(not missing)

    def _submit(self) -> None:
        model = self._model
        self._write(
            self._change,
            self._current().value,
            note=self._note.toPlainText(),
            operator=model.operator,
            now=model.now(),
        )
