"""Shift handover (P-7): the outgoing operator hands over open events and faults, the patrols
due in the next hour, the equipment condition and the duties; the incoming one accepts; both
names and times are kept. Against a real store with an injected clock."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QTreeWidget
from pytestqt.qtbot import QtBot

from patrol_app.domain.events import CheckOutcome, StepKind
from patrol_app.domain.faults import FaultKind
from patrol_app.store.patrols import PatrolStore
from patrol_app.ui.patrols.handover_dialog import HandoverDialog
from patrol_app.ui.patrols.model import PatrolModel
from tests.ui.helpers import camera, text_of
from tests.ui.patrol_helpers import (
    MAINLINE,
    OPERATOR,
    T0,
    THREE,
    TOLL,
    TUNNEL,
    Clock,
    PatrolModelFactory,
    button,
    check,
    load,
    refreshed,
)

INCOMING = "值班员乙"
OFFLINE = camera("o1", "G4（京港澳高速）…K1859+400（武江特大桥）", "K1859+400", online=False)


def tr(text: str, **values: object) -> str:
    return QCoreApplication.translate("HandoverDialog", text).format(**values)


def dialog_for(qtbot: QtBot, model: PatrolModel) -> HandoverDialog:
    dialog = HandoverDialog(model)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def rows(dialog: HandoverDialog, name: str) -> list[list[str]]:
    tree = dialog.findChild(QTreeWidget, name)
    assert tree is not None
    return [
        [tree.topLevelItem(row).text(column) for column in range(tree.columnCount())]
        for row in range(tree.topLevelItemCount())
    ]


def test_hand_over_then_accept(
    qtbot: QtBot, patrol_model: PatrolModel, patrol_store: PatrolStore, patrol_clock: Clock
) -> None:
    load(qtbot, patrol_model, [*THREE, OFFLINE])  # they join at 09:00
    # 09:10 the tunnel shows a fire (an event, one step recorded since); 09:20 the toll
    # camera is occluded (a fault); m1 and o1 are patrolled at 09:30.
    saved = check(
        patrol_store, TUNNEL, T0 + timedelta(minutes=10), CheckOutcome.ANOMALY, items=("fire",)
    )
    assert saved.event_id is not None
    patrol_store.events.add_event_step(
        saved.event_id,
        StepKind.NOTIFY,
        "已通知路政、消防",
        operator=OPERATOR,
        now=T0 + timedelta(minutes=12),
    )
    check(
        patrol_store,
        TOLL,
        T0 + timedelta(minutes=20),
        CheckOutcome.FAULT,
        fault_kind=FaultKind.OCCLUDED,
    )
    check(patrol_store, MAINLINE, T0 + timedelta(minutes=30))
    check(patrol_store, OFFLINE, T0 + timedelta(minutes=30))
    patrol_clock.advance(minutes=40)  # 09:40
    refreshed(qtbot, patrol_model)

    dialog = dialog_for(qtbot, patrol_model)
    assert text_of(dialog, "handoverHeader") == tr("Outgoing operator: {name}", name=OPERATOR)
    [event] = rows(dialog, "openEvents")
    assert event[:3] == [TUNNEL.name, TUNNEL.pile, "火灾"]
    assert "已通知路政、消防" in event[3] and "09:12" in event[3]
    assert rows(dialog, "openFaults") == [[TOLL.name, TOLL.pile, "图像遮挡", "06-10 09:20"]]
    # Deadlines up to 10:40, soonest first: t1 10:10 (hourly, from its 09:10 check); p1 at
    # 11:20 and m1, o1 at 11:30 are later.
    assert rows(dialog, "dueNextHour") == [[TUNNEL.name, TUNNEL.pile, "06-10 10:10"]]
    condition = dialog.findChild(QPlainTextEdit, "equipmentCondition")
    assert condition.toPlainText() == tr(
        "{online} cameras online, {faults} with faults not repaired", online=3, faults=1
    )
    dialog.findChild(QPlainTextEdit, "duties").setPlainText("盯住大宝山隧道火情")
    assert not button(dialog, "acceptHandover").isVisible()

    patrol_clock.advance(minutes=20)  # 10:00: the next hour now reaches 11:00 (p1 is not due yet)
    with qtbot.waitSignal(patrol_model.changed):
        qtbot.mouseClick(button(dialog, "handOver"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.handover is not None)
    pending = patrol_store.handovers.pending_handover()
    assert pending is not None and pending.outgoing == OPERATOR
    content = pending.content
    assert [e.id for e in content.open_events] == [saved.event_id]
    assert content.open_events[0].items == ("fire",)
    assert [(f.camera_num, f.kind) for f in content.open_faults] == [("p1", FaultKind.OCCLUDED)]
    assert [(number, deadline) for number, _, deadline in content.due_next_hour] == [
        ("t1", T0 + timedelta(hours=1, minutes=10))
    ]
    assert content.duties == "盯住大宝山隧道火情"
    assert content.equipment_condition == condition.toPlainText()
    assert pending.created_at == patrol_clock.now

    # The incoming side: the outgoing operator cannot accept their own handover.
    accept = button(dialog, "acceptHandover")
    name = dialog.findChild(QLineEdit, "incomingName")
    assert accept.isVisible() and not accept.isEnabled()
    assert not button(dialog, "handOver").isVisible()
    name.setText(OPERATOR)
    assert not accept.isEnabled()
    name.setText(INCOMING)
    assert accept.isEnabled()
    patrol_clock.advance(minutes=3)
    with qtbot.waitSignal(patrol_model.changed):
        qtbot.mouseClick(accept, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.handover is not None and dialog.handover.incoming is not None)

    last = patrol_store.handovers.last_handover()
    assert last is not None and patrol_store.handovers.pending_handover() is None
    assert (last.outgoing, last.incoming) == (OPERATOR, INCOMING)
    assert last.accepted_at == patrol_clock.now
    header = text_of(dialog, "handoverHeader")
    assert header == "\n".join(
        [
            tr("Handed over by {outgoing} at {time}", outgoing=OPERATOR, time="06-10 10:00"),
            tr("Accepted by {incoming} at {time}", incoming=INCOMING, time="06-10 10:03"),
        ]
    )
    assert not accept.isVisible() and not name.isVisible()


def test_open_the_pending_handover_and_accept_it(
    qtbot: QtBot,
    patrol_model: PatrolModel,
    patrol_store: PatrolStore,
    patrol_clock: Clock,
    new_patrol_model: PatrolModelFactory,
) -> None:
    """The incoming operator opens the handover left waiting, possibly on another day's
    workstation session: its content is the one handed over, not today's snapshot."""
    load(qtbot, patrol_model, THREE)
    saved = check(
        patrol_store, TUNNEL, T0 + timedelta(minutes=5), CheckOutcome.ANOMALY, items=("accident",)
    )
    refreshed(qtbot, patrol_model)
    outgoing = dialog_for(qtbot, patrol_model)
    outgoing.findChild(QPlainTextEdit, "duties").setPlainText("跟进隧道事故")
    with qtbot.waitSignal(patrol_model.changed):
        outgoing.hand_over()
    qtbot.waitUntil(lambda: outgoing.handover is not None)
    patrol_store.events.add_event_step(
        saved.event_id, StepKind.CLOSE, "已处置", operator=OPERATOR, now=patrol_clock.now
    )

    stale = dialog_for(qtbot, patrol_model)  # another dialog opens it too, and is left open
    with qtbot.waitSignal(patrol_model.changed):
        stale.show_pending()
    assert stale.handover is not None

    patrol_clock.advance(minutes=30)
    incoming_model = new_patrol_model()
    refreshed(qtbot, incoming_model)
    dialog = dialog_for(qtbot, incoming_model)
    assert rows(dialog, "openEvents") == []  # closed since: today's snapshot has none
    with qtbot.waitSignal(incoming_model.changed):
        qtbot.mouseClick(button(dialog, "openPending"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.handover is not None)
    assert [row[:3] for row in rows(dialog, "openEvents")] == [
        [TUNNEL.name, TUNNEL.pile, "交通事故"]
    ]
    duties = dialog.findChild(QPlainTextEdit, "duties")
    assert duties.toPlainText() == "跟进隧道事故" and duties.isReadOnly()
    dialog.findChild(QLineEdit, "incomingName").setText(INCOMING)
    with qtbot.waitSignal(incoming_model.changed):
        dialog.accept_handover()
    assert patrol_store.handovers.last_handover().incoming == INCOMING

    # Nothing is waiting any more; accepting twice is refused by the records.
    again = dialog_for(qtbot, incoming_model)
    with qtbot.waitSignal(incoming_model.changed):
        again.show_pending()
    assert again.handover is None
    error = again.findChild(QLabel, "handoverError")
    assert error.isVisible() and error.text() == tr("No handover is waiting to be accepted.")

    stale.findChild(QLineEdit, "incomingName").setText("值班员丙")
    with qtbot.waitSignal(patrol_model.failed) as failed:
        stale.accept_handover()
    assert INCOMING in failed.args[0]
    qtbot.waitUntil(lambda: stale.findChild(QLabel, "handoverError").isVisible())
