"""Shift handover (交接班, P-7, spec 12.3.1): the outgoing operator hands over the open events
and faults, the patrols due in the next hour, the equipment condition and the duties; the
incoming operator accepts with their name. Both names and times are kept."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from patrol_app.patrols.handover import accept_handover, hand_over, handover_content, may_accept
from patrol_app.patrols.snapshot import PatrolSnapshot
from patrol_app.store.patrols import EventView, FaultView, HandoverContent, HandoverView
from patrol_app.ui.patrols.model import PatrolModel
from patrol_app.ui.widgets.beijing_time import beijing_hm, beijing_text

ERROR_STYLE = "color: #c0392b;"


class HandoverDialog(QDialog):
    """Opens on the outgoing side (``model.operator``) with the content to hand over, built
    from the model's snapshot; after "Hand over", or with ``show_pending``, on the incoming
    side, which accepts with the incoming operator's name."""

    def __init__(self, model: PatrolModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Shift handover"))
        self._model = model
        self._view: HandoverView | None = None  # the handover being accepted, once made
        self._auto_condition = ""  # the pre-filled equipment text, replaced while unedited
        self._busy = False

        self._header = QLabel(objectName="handoverHeader", wordWrap=True)
        font = self._header.font()
        font.setBold(True)
        self._header.setFont(font)
        self._events = _tree(
            "openEvents",
            [self.tr("Camera"), self.tr("Pile"), self.tr("Found"), self.tr("Last step")],
        )
        self._faults = _tree(
            "openFaults",
            [self.tr("Camera"), self.tr("Pile"), self.tr("Fault"), self.tr("Found at")],
        )
        self._due = _tree("dueNextHour", [self.tr("Camera"), self.tr("Pile"), self.tr("Deadline")])
        self._condition = QPlainTextEdit(objectName="equipmentCondition")
        self._condition.setMaximumHeight(60)
        self._duties = QPlainTextEdit(objectName="duties")
        self._duties.setMaximumHeight(80)
        self._duties.setPlaceholderText(
            self.tr("Duties for the next shift: instructions, follow-ups, calls to return…")
        )
        self._error = QLabel(objectName="handoverError", wordWrap=True)
        self._error.setStyleSheet(ERROR_STYLE)
        self._error.hide()

        self._pending = QPushButton(self.tr("Open pending handover"), objectName="openPending")
        self._pending.clicked.connect(self.show_pending)
        self._hand_over = QPushButton(self.tr("Hand over"), objectName="handOver")
        self._hand_over.clicked.connect(self.hand_over)
        self._incoming_label = QLabel(self.tr("Incoming operator:"))
        self._incoming = QLineEdit(objectName="incomingName")
        self._incoming.setPlaceholderText(self.tr("Your name"))
        self._incoming.textChanged.connect(self._check)
        self._accept = QPushButton(self.tr("Accept"), objectName="acceptHandover")
        self._accept.clicked.connect(self.accept_handover)
        close = QPushButton(self.tr("Close"), objectName="closeHandover")
        close.clicked.connect(self.reject)

        buttons = QHBoxLayout()
        buttons.addWidget(self._pending)
        buttons.addWidget(self._incoming_label)
        buttons.addWidget(self._incoming, 1)
        buttons.addStretch()
        buttons.addWidget(self._hand_over)
        buttons.addWidget(self._accept)
        buttons.addWidget(close)

        column = QVBoxLayout(self)
        column.addWidget(self._header)
        column.addWidget(_group(self.tr("Open events"), self._events))
        column.addWidget(_group(self.tr("Open video faults"), self._faults))
        column.addWidget(_group(self.tr("Patrols due in the next hour"), self._due))
        column.addWidget(_group(self.tr("Equipment condition"), self._condition))
        column.addWidget(_group(self.tr("Duties"), self._duties))
        column.addWidget(self._error)
        column.addLayout(buttons)
        self.resize(760, 640)

        model.changed.connect(self._snapshot_changed)
        model.failed.connect(self._failed)
        self._show_outgoing()
        if model.snapshot is None:
            model.refresh()
        else:
            self._fill_from(model.snapshot)

    @property
    def handover(self) -> HandoverView | None:
        """The handover shown on the incoming side (None while preparing one)."""
        return self._view

    def content(self) -> HandoverContent:
        """What "Hand over" records now, from the latest snapshot and the text fields."""
        return handover_content(
            self._model.snapshot,
            self._model.now(),
            duties=self._duties.toPlainText(),
            equipment_condition=self._condition.toPlainText(),
        )

    def hand_over(self) -> None:
        """Record the handover of ``model.operator``; then the dialog waits for the incoming
        operator."""
        if self._busy or self._view is not None or self._model.snapshot is None:
            return
        self._set_busy(True)
        model = self._model
        content = self.content()
        model.run(
            hand_over, model.store, model.operator, content, model.now(), on_done=self._handed_over
        )

    def accept_handover(self) -> None:
        """The incoming operator (the name typed) accepts the handover shown."""
        view = self._view
        if self._busy or view is None or not self._can_accept():
            return
        self._set_busy(True)
        model = self._model
        incoming = self._incoming.text()
        model.run(accept_handover, model.store, view, incoming, model.now(), on_done=self._accepted)

    def show_pending(self) -> None:
        """Load the handover waiting to be accepted, if any, to accept it."""
        if self._busy:
            return
        self._set_busy(True)
        self._model.run(self._model.store.pending_handover, on_done=self._pending_loaded)

    # The two sides.
    def _show_outgoing(self) -> None:
        self._header.setText(self.tr("Outgoing operator: {name}").format(name=self._model.operator))
        for widget in (self._incoming_label, self._incoming, self._accept):
            widget.hide()
        self._pending.show()
        self._hand_over.show()
        self._check()

    def _show_incoming(self, view: HandoverView) -> None:
        self._view = view
        self._fill(
            view.content.open_events,
            view.content.open_faults,
            view.content.due_next_hour,
        )
        self._condition.setPlainText(view.content.equipment_condition)
        self._duties.setPlainText(view.content.duties)
        for edit in (self._condition, self._duties):
            edit.setReadOnly(True)
        self._pending.hide()
        self._hand_over.hide()
        accepted = view.incoming is not None and view.accepted_at is not None
        for widget in (self._incoming_label, self._incoming, self._accept):
            widget.setVisible(not accepted)
        handed = self.tr("Handed over by {outgoing} at {time}").format(
            outgoing=view.outgoing, time=beijing_text(view.created_at)
        )
        if view.incoming is not None and view.accepted_at is not None:
            handed += "\n" + self.tr("Accepted by {incoming} at {time}").format(
                incoming=view.incoming, time=beijing_text(view.accepted_at)
            )
        self._header.setText(handed)
        self._check()

    # Callbacks.
    def _snapshot_changed(self, snapshot: PatrolSnapshot) -> None:
        if self._view is None:
            self._fill_from(snapshot)

    def _fill_from(self, snapshot: PatrolSnapshot) -> None:
        self._fill(
            snapshot.open_events,
            snapshot.open_faults,
            snapshot.due_soon(self._model.now()),
        )
        online = sum(camera.online for camera in snapshot.cameras.values())
        condition = self.tr("{online} cameras online, {faults} with faults not repaired").format(
            online=online, faults=snapshot.cameras_with_faults()
        )
        if self._condition.toPlainText() in ("", self._auto_condition):
            self._condition.setPlainText(condition)
        self._auto_condition = condition
        self._check()

    def _handed_over(self, view: HandoverView) -> None:
        self._set_busy(False)
        self._show_incoming(view)
        self._incoming.setFocus()

    def _accepted(self, view: HandoverView) -> None:
        self._set_busy(False)
        self._show_incoming(view)

    def _pending_loaded(self, view: HandoverView | None) -> None:
        self._set_busy(False)
        if view is None:
            self._error.setText(self.tr("No handover is waiting to be accepted."))
            self._error.show()
            return
        self._error.hide()
        self._show_incoming(view)

    def _failed(self, message: str) -> None:
        self._set_busy(False)
        self._error.setText(message)
        self._error.show()

    # Helpers.
    def _fill(
        self,
        events: Sequence[EventView],
        faults: Sequence[FaultView],
        due: Sequence[tuple[str, str, datetime]],
    ) -> None:
        snapshot = self._model.snapshot
        label = snapshot.checklist.label if snapshot is not None else str
        cameras = snapshot.cameras if snapshot is not None else {}
        self._events.clear()
        for event in events:
            found = self.tr(", ").join(label(code) for code in event.items) or event.note
            if event.steps:
                step = event.steps[-1]
                last = f"{step.kind.label} {beijing_hm(step.at)} {step.detail}".strip()
            else:
                last = self.tr("none yet (opened {time})").format(time=beijing_hm(event.opened_at))
            self._events.addTopLevelItem(
                QTreeWidgetItem([event.camera_name, event.pile, found, last])
            )
        self._faults.clear()
        for fault in faults:
            self._faults.addTopLevelItem(
                QTreeWidgetItem(
                    [fault.camera_name, fault.pile, fault.kind.label, beijing_text(fault.found_at)]
                )
            )
        self._due.clear()
        for number, name, deadline in due:
            camera = cameras.get(number)
            self._due.addTopLevelItem(
                QTreeWidgetItem([name, camera.pile if camera else "", beijing_text(deadline)])
            )

    def _can_accept(self) -> bool:
        return may_accept(self._view, self._incoming.text())

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._check()

    def _check(self) -> None:
        idle = not self._busy
        self._hand_over.setEnabled(idle and self._model.snapshot is not None)
        self._pending.setEnabled(idle)
        self._accept.setEnabled(idle and self._can_accept())


def _tree(name: str, headers: list[str]) -> QTreeWidget:
    tree = QTreeWidget(objectName=name)
    tree.setHeaderLabels(headers)
    tree.setRootIsDecorated(False)
    tree.setUniformRowHeights(True)
    tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
    header = tree.header()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(False)
    return tree


def _group(title: str, widget: QWidget) -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(4, 4, 4, 4)
    layout.addWidget(widget)
    return box
