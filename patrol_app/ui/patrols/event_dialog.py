"""An event a patrol found (P-5, spec 12.3.4) and its handling, step by step.

The dialog shows what was found (camera, pile, checklist items, note, snapshot) and every
handling step so far with its time and operator; each action records one more step: keep
watching the camera, notify the units, publish on a roadside message sign (情报板), start an
emergency plan (those whose conditions the items meet first), report, close the event.
Non-modal: the operator keeps working on the wall while it is open.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from patrol_app.domain.events import EmergencyPlan, HandlingConfig, MessageSign, StepKind
from patrol_app.domain.patrols import BEIJING
from patrol_app.domain.records import EventView
from patrol_app.patrols.events import (
    add_step,
    notify_detail,
    plans_in_order,
    sign_detail,
    signs_in_order,
    watch_detail,
)
from patrol_app.patrols.snapshot import PatrolSnapshot
from patrol_app.store.patrols import PatrolStore
from patrol_app.ui.patrols.model import PatrolModel
from patrol_app.ui.widgets.message_line import MessageLine
from patrol_app.ui.widgets.record_model import Column, RecordModel, sorted_view

THUMBNAIL_WIDTH = 320
THUMBNAIL_HEIGHT = 180


def load_event(store: PatrolStore, event_id: int) -> tuple[EventView, QImage | None]:
    """Runs in the task runner: the event and a thumbnail of its snapshot (None when it has
    none or the file cannot be read)."""
    event = store.events.event(event_id)
    path = event.snapshot
    if not path:
        return event, None
    image = QImage(path)
    if image.isNull():
        return event, None
    return event, image.scaled(
        THUMBNAIL_WIDTH,
        THUMBNAIL_HEIGHT,
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )


class EventDialog(QDialog):
    """One event; its actions are written through the model's runner."""

    pin_requested = Signal(str)  # keep watching: the main window pins the camera to a tile

    def __init__(
        self,
        model: PatrolModel,
        event_id: int,
        handling: HandlingConfig,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setModal(False)
        self.setObjectName("eventDialog")
        self.setWindowTitle(self.tr("Event {id}").format(id=event_id))
        self._model = model
        self._event_id = event_id
        self._handling = handling
        self._event: EventView | None = None
        self._busy = False
        self._choices_filled = False

        self._message = MessageLine(objectName="eventMessage")
        self._message.setStyleSheet("color: #c0392b;")
        column = QVBoxLayout(self)
        column.addWidget(self._message)
        top = QHBoxLayout()
        top.addWidget(self._build_facts(), 1)
        self._thumbnail = QLabel(objectName="eventSnapshot")
        self._thumbnail.setFixedSize(THUMBNAIL_WIDTH, THUMBNAIL_HEIGHT)
        self._thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._thumbnail.hide()
        top.addWidget(self._thumbnail)
        column.addLayout(top)
        column.addWidget(self._build_steps(), 1)
        column.addWidget(self._build_actions())
        self._update_buttons()

        model.changed.connect(self._snapshot_changed)
        model.failed.connect(self._write_failed)
        self.reload()

    @property
    def event_id(self) -> int:
        return self._event_id

    @property
    def shown_event(self) -> EventView | None:
        """The event as last read (None until it is loaded)."""
        return self._event

    def reload(self) -> None:
        """Read the event again from the records."""
        self._set_busy(True)
        self._model.run(load_event, self._model.store, self._event_id, on_done=self._loaded)

    # Building.
    def _build_facts(self) -> QWidget:
        box = QWidget()
        form = QFormLayout(box)
        form.setContentsMargins(0, 0, 0, 0)
        self._camera = QLabel(objectName="eventCamera", wordWrap=True)
        self._pile = QLabel(objectName="eventPile")
        self._opened = QLabel(objectName="eventOpened")
        self._items = QLabel(objectName="eventItems", wordWrap=True)
        self._note = QLabel(objectName="eventNote", wordWrap=True)
        self._state = QLabel(objectName="eventState")
        form.addRow(self.tr("Camera"), self._camera)
        form.addRow(self.tr("Pile"), self._pile)
        form.addRow(self.tr("Found"), self._opened)
        form.addRow(self.tr("Checklist items"), self._items)
        form.addRow(self.tr("Note"), self._note)
        form.addRow(self.tr("State"), self._state)
        return box

    def _build_steps(self) -> QWidget:
        self._step_records = RecordModel(
            [
                Column(self.tr("Time"), lambda step: _beijing(step.at)),
                Column(self.tr("Step"), lambda step: step.kind.label),
                Column(self.tr("Detail"), lambda step: step.detail),
                Column(self.tr("Operator"), lambda step: step.operator),
            ],
            parent=self,
        )
        self._steps = sorted_view("eventSteps", self._step_records)
        header = self._steps.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        return self._steps

    def _build_actions(self) -> QWidget:
        box = QGroupBox(self.tr("Handling"))
        grid = QGridLayout(box)

        self._watch = QPushButton(self.tr("Keep watching"), objectName="watchButton")
        self._watch.clicked.connect(self.keep_watching)
        grid.addWidget(self._watch, 0, 0)
        grid.addWidget(QLabel(self.tr("Pin the camera to a tile of the wall.")), 0, 1, 1, 2)

        self._units = QListWidget(objectName="notifyUnits")
        self._units.setMaximumHeight(90)
        for unit in self._handling.units:
            text = f"{unit.name}（{unit.phone}）" if unit.phone else unit.name
            item = QListWidgetItem(text, self._units)
            item.setData(Qt.ItemDataRole.UserRole, unit.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self._units.itemChanged.connect(self._update_buttons)
        self._notify = QPushButton(self.tr("Notify units"), objectName="notifyButton")
        self._notify.clicked.connect(self.notify_units)
        grid.addWidget(self._notify, 1, 0)
        grid.addWidget(self._units, 1, 1, 1, 2)

        self._signs = QComboBox(objectName="signChoice")
        self._signs.currentIndexChanged.connect(self._update_buttons)
        self._sign_text = QLineEdit(objectName="signMessage")
        self._sign_text.setPlaceholderText(self.tr("Message shown on the sign"))
        self._sign_text.textChanged.connect(self._update_buttons)
        self._publish = QPushButton(self.tr("Publish on message sign"), objectName="signButton")
        self._publish.clicked.connect(self.publish_sign)
        grid.addWidget(self._publish, 2, 0)
        grid.addWidget(self._signs, 2, 1)
        grid.addWidget(self._sign_text, 2, 2)

        self._plans = QComboBox(objectName="planChoice")
        self._plans.currentIndexChanged.connect(self._update_buttons)
        self._plan = QPushButton(self.tr("Start emergency plan"), objectName="planButton")
        self._plan.clicked.connect(self.start_plan)
        grid.addWidget(self._plan, 3, 0)
        grid.addWidget(self._plans, 3, 1, 1, 2)

        self._report_text = QLineEdit(objectName="reportText")
        self._report_text.setPlaceholderText(self.tr("What was reported, to whom"))
        self._report_text.textChanged.connect(self._update_buttons)
        self._report = QPushButton(self.tr("Report"), objectName="reportButton")
        self._report.clicked.connect(self.report)
        grid.addWidget(self._report, 4, 0)
        grid.addWidget(self._report_text, 4, 1, 1, 2)

        self._close_note = QLineEdit(objectName="closeNote")
        self._close_note.setPlaceholderText(self.tr("How it ended (closing note)"))
        self._close_note.textChanged.connect(self._update_buttons)
        self._close_event = QPushButton(self.tr("Close event"), objectName="closeEventButton")
        self._close_event.clicked.connect(self.close_event)
        grid.addWidget(self._close_event, 5, 0)
        grid.addWidget(self._close_note, 5, 1, 1, 2)
        grid.setColumnStretch(2, 1)
        return box

    # Actions: each records one step.
    def keep_watching(self) -> None:
        if not self._watch.isEnabled() or self._event is None:
            return
        event = self._event
        detail = watch_detail(event.pile, event.camera_name)
        self._add_step(
            StepKind.WATCH, detail, then=lambda: self.pin_requested.emit(event.camera_num)
        )

    def notify_units(self) -> None:
        names = self._checked_units()
        if self._notify.isEnabled() and names:
            self._add_step(StepKind.NOTIFY, notify_detail(names), then=self._clear_units)

    def publish_sign(self) -> None:
        """Show the sign and the message, and record the step once the operator confirms."""
        sign = self._signs.currentData()
        text = self._sign_text.text().strip()
        if self._publish.isEnabled() and isinstance(sign, MessageSign) and text:
            detail = sign_detail(sign, text)
            self._confirm(
                self.tr("Publish on a message sign"),
                self.tr("This goes on the sign “{sign}”:\n\n{message}\n\nPublish it?").format(
                    sign=_sign_text(sign), message=text
                ),
                self.tr("Publish"),
                self._publish,
                lambda: self._add_step(StepKind.SIGN, detail, then=self._sign_text.clear),
            )

    def start_plan(self) -> None:
        """Show the plan (and what it is), and record the step once the operator confirms."""
        plan = self._plans.currentData()
        if self._plan.isEnabled() and isinstance(plan, EmergencyPlan):
            text = self.tr("The emergency plan {name} ({level}) starts.").format(
                name=plan.name, level=plan.level
            )
            if plan.description:
                text += "\n" + plan.description
            self._confirm(
                self.tr("Start an emergency plan"),
                text + "\n\n" + self.tr("Start it?"),
                self.tr("Start"),
                self._plan,
                lambda: self._add_step(StepKind.PLAN, plan.name),
            )

    def report(self) -> None:
        text = self._report_text.text().strip()
        if self._report.isEnabled() and text:
            self._add_step(StepKind.REPORT, text, then=self._report_text.clear)

    def close_event(self) -> None:
        text = self._close_note.text().strip()
        if self._close_event.isEnabled() and text:
            self._add_step(StepKind.CLOSE, text, then=self._close_note.clear)

    def _confirm(
        self, title: str, text: str, act: str, action: QPushButton, send: Callable[[], None]
    ) -> None:
        """Ask before something leaves the workstation for the road or another unit: ``send``
        when the operator presses ``act`` (取消 is the default) and ``action`` still may."""
        box = QMessageBox(
            QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Cancel, self
        )
        box.setObjectName("eventConfirm")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        confirm = box.addButton(act, QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)

        def answered(_result: int) -> None:
            if box.clickedButton() is confirm and action.isEnabled():
                send()

        box.finished.connect(answered)
        box.open()

    def _add_step(
        self, kind: StepKind, detail: str, *, then: Callable[[], None] | None = None
    ) -> None:
        def recorded(_step_id: int) -> None:
            if then is not None:
                then()
            self.reload()

        self._message.say("")
        self._set_busy(True)
        self._model.run(
            partial(
                add_step,
                self._model.store,
                self._event_id,
                kind,
                detail,
                operator=self._model.operator,
                now=self._model.now(),
            ),
            on_done=recorded,
        )

    # Answers (GUI thread).
    def _loaded(self, loaded: tuple[EventView, QImage | None]) -> None:
        event, image = loaded
        self._set_busy(False)
        if image is not None:
            self._thumbnail.setPixmap(QPixmap.fromImage(image))
            self._thumbnail.show()
        self._show(event)

    def _snapshot_changed(self, snapshot: PatrolSnapshot) -> None:
        """Steps recorded elsewhere (another view, another workstation) show up here. Steps
        are only ever added: a snapshot computed before the last read has fewer, and is
        ignored."""
        if self._busy or self._event is None:
            return
        event = next((each for each in snapshot.open_events if each.id == self._event_id), None)
        if event is not None and len(event.steps) > len(self._event.steps):
            self._show(event)

    def _write_failed(self, error: str) -> None:
        if not self._busy:
            return
        self._set_busy(False)
        self._message.say(self.tr("Not saved: {error}").format(error=error))

    # Showing.
    def _show(self, event: EventView) -> None:
        self._event = event
        snapshot = self._model.snapshot
        self._camera.setText(event.camera_name)
        self._pile.setText(event.pile)
        self._opened.setText(
            self.tr("{time} by {operator}").format(
                time=_beijing(event.opened_at), operator=event.opened_by
            )
        )
        labels = [snapshot.checklist.label(code) if snapshot else code for code in event.items]
        self._items.setText("、".join(labels) or "—")
        self._note.setText(event.note or "—")
        self._state.setText(self.tr("Closed") if event.closed else self.tr("Open"))
        added = len(event.steps) > self._step_records.rowCount()
        self._step_records.set_records(event.steps)
        if added:
            self._steps.scrollToBottom()  # the step just recorded, not the first ones
        if not self._choices_filled:
            self._choices_filled = True
            self._fill_signs(event, snapshot)
            self._fill_plans(event)
        self._update_buttons()

    def _fill_signs(self, event: EventView, snapshot: PatrolSnapshot | None) -> None:
        """The signs near the event first (nearest first), then the others."""
        camera = snapshot.cameras.get(event.camera_num) if snapshot is not None else None
        road = camera.road if camera is not None else None
        near, others = signs_in_order(self._handling, road, event.pile)
        for sign in near:
            self._signs.addItem(_sign_text(sign), sign)
        if near and others:
            self._signs.insertSeparator(self._signs.count())
        for sign in others:
            self._signs.addItem(_sign_text(sign), sign)
        self._signs.setCurrentIndex(0 if self._handling.signs else -1)

    def _fill_plans(self, event: EventView) -> None:
        """The plans whose conditions the event's items meet first, then the others."""
        met, others = plans_in_order(self._handling, event)
        for plan in met:
            self._plans.addItem(
                self.tr("{name} ({level}), conditions met").format(
                    name=plan.name, level=plan.level
                ),
                plan,
            )
        if met and others:
            self._plans.insertSeparator(self._plans.count())
        for plan in others:
            self._plans.addItem(f"{plan.name}（{plan.level}）", plan)
        for index in range(self._plans.count()):
            plan = self._plans.itemData(index)
            if isinstance(plan, EmergencyPlan) and plan.description:
                self._plans.setItemData(index, plan.description, Qt.ItemDataRole.ToolTipRole)
        self._plans.setCurrentIndex(0 if self._handling.plans else -1)

    def _checked_units(self) -> list[str]:
        items = (self._units.item(row) for row in range(self._units.count()))
        return [
            item.data(Qt.ItemDataRole.UserRole)
            for item in items
            if item.checkState() is Qt.CheckState.Checked
        ]

    def _clear_units(self) -> None:
        for row in range(self._units.count()):
            self._units.item(row).setCheckState(Qt.CheckState.Unchecked)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_buttons()

    def _update_buttons(self) -> None:
        can = not self._busy and self._event is not None and not self._event.closed
        self._watch.setEnabled(can)
        self._notify.setEnabled(can and bool(self._checked_units()))
        self._publish.setEnabled(
            can
            and isinstance(self._signs.currentData(), MessageSign)
            and bool(self._sign_text.text().strip())
        )
        self._plan.setEnabled(can and isinstance(self._plans.currentData(), EmergencyPlan))
        self._report.setEnabled(can and bool(self._report_text.text().strip()))
        self._close_event.setEnabled(can and bool(self._close_note.text().strip()))


def _sign_text(sign: MessageSign) -> str:
    return sign.name if sign.pile in sign.name else f"{sign.pile} {sign.name}"


def _beijing(at: datetime) -> str:
    return at.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M:%S")
