"""An event found by a patrol and its handling (P-5, spec 12.3.4): a real PatrolStore on a
migrated SQLite file, the real PatrolModel, an injected clock; each action of the dialog
records one step with the operator and the time."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QTableView,
)
from pytestqt.qtbot import QtBot

from patrol_app.domain.events import CheckOutcome, HandlingConfig, StepKind
from patrol_app.patrols.events import load_handling
from patrol_app.store.patrols import PatrolStore
from patrol_app.ui.patrols.event_dialog import EventDialog
from patrol_app.ui.patrols.model import PatrolModel
from patrol_app.ui.video.snapshot_files import save_jpeg
from tests.patrols.helpers import HANDLING
from tests.ui.helpers import text_of
from tests.ui.patrol_helpers import (
    MAINLINE,
    OPERATOR,
    T0,
    WAIT_MS,
    Clock,
    button,
    check,
    loaded,
)


def text_at(table: QTableView, row: int, column: int) -> str:
    return table.model().index(row, column).data()


@pytest.fixture
def model(qtbot: QtBot, patrol_model: PatrolModel) -> PatrolModel:
    """The model with the event's camera, and its first snapshot."""
    return loaded(qtbot, patrol_model, [MAINLINE])


@pytest.fixture
def handling(tmp_path: Path) -> HandlingConfig:
    (tmp_path / "handling.json").write_text(HANDLING, encoding="utf-8")
    return load_handling(tmp_path)


@pytest.fixture
def event_id(patrol_store: PatrolStore, tmp_path: Path) -> int:
    """An accident with congestion found on m1 by the patrol, with its snapshot."""
    picture = QImage(640, 360, QImage.Format.Format_RGB32)
    picture.fill(QColor("#c0392b"))
    path = save_jpeg(picture, tmp_path / "snapshots", "K1844+650_20250610-090000")
    saved = check(
        patrol_store,
        MAINLINE,
        T0,
        CheckOutcome.ANOMALY,
        items=("accident", "congestion"),
        note="两车追尾，占用第二车道",
        snapshot=str(path),
    )
    assert saved.event_id is not None
    return saved.event_id


def open_dialog(
    qtbot: QtBot, model: PatrolModel, event_id: int, handling: HandlingConfig
) -> EventDialog:
    dialog = EventDialog(model, event_id, handling)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.shown_event is not None, timeout=WAIT_MS)
    return dialog


def question(qtbot: QtBot, dialog: EventDialog) -> QMessageBox:
    """The question the dialog asks before something leaves the workstation."""
    qtbot.waitUntil(lambda: dialog.findChild(QMessageBox, "eventConfirm") is not None)
    box = dialog.findChild(QMessageBox, "eventConfirm")
    qtbot.waitUntil(box.isVisible)
    return box


def answer(qtbot: QtBot, dialog: EventDialog, *, send: bool) -> str:
    """Answer the dialog's question (the send button, or 取消); the question's text."""
    box = question(qtbot, dialog)
    text = box.text()
    cancel = box.button(QMessageBox.StandardButton.Cancel)
    chosen = next(b for b in box.buttons() if b is not cancel) if send else cancel
    chosen.click()
    qtbot.waitUntil(lambda: dialog.findChild(QMessageBox, "eventConfirm") is None)
    return text


def step_done(qtbot: QtBot, dialog: EventDialog, name: str, *, asks: str = "") -> None:
    """Click the action ``name`` (confirm it when it ``asks``: the question holds that text)
    and wait until its step is read back."""
    before = len(dialog.shown_event.steps)
    button(dialog, name).click()
    if asks:
        assert asks in answer(qtbot, dialog, send=True)
    qtbot.waitUntil(
        lambda: dialog.shown_event is not None and len(dialog.shown_event.steps) == before + 1,
        timeout=WAIT_MS,
    )


def test_the_dialog_shows_the_event(
    qtbot: QtBot, model: PatrolModel, event_id: int, handling: HandlingConfig
) -> None:
    dialog = open_dialog(qtbot, model, event_id, handling)
    assert not dialog.isModal()
    assert text_of(dialog, "eventCamera") == MAINLINE.name
    assert text_of(dialog, "eventPile") == "K1844+650"
    assert text_of(dialog, "eventItems") == "交通事故、交通阻塞"  # labels from the checklist book
    assert text_of(dialog, "eventNote") == "两车追尾，占用第二车道"
    assert "2025-06-10 09:00:00" in text_of(dialog, "eventOpened")
    assert OPERATOR in text_of(dialog, "eventOpened")
    assert dialog.findChild(QTableView, "eventSteps").model().rowCount() == 0


def test_the_dialog_shows_the_snapshot_thumbnail(
    qtbot: QtBot, model: PatrolModel, event_id: int, handling: HandlingConfig
) -> None:
    dialog = open_dialog(qtbot, model, event_id, handling)
    thumbnail = dialog.findChild(QLabel, "eventSnapshot")
    assert not thumbnail.isHidden()
    assert thumbnail.pixmap().width() == 320  # 640 x 360 scaled into 320 x 180


def test_each_action_records_its_step_with_operator_and_time(
    qtbot: QtBot,
    model: PatrolModel,
    patrol_store: PatrolStore,
    event_id: int,
    handling: HandlingConfig,
    patrol_clock: Clock,
) -> None:
    dialog = open_dialog(qtbot, model, event_id, handling)
    pinned: list[str] = []
    dialog.pin_requested.connect(pinned.append)

    patrol_clock.advance(minutes=1)
    step_done(qtbot, dialog, "watchButton")
    assert pinned == ["m1"]

    patrol_clock.advance(minutes=1)
    units = dialog.findChild(QListWidget, "notifyUnits")
    assert not button(dialog, "notifyButton").isEnabled()  # nobody chosen yet
    units.item(0).setCheckState(Qt.CheckState.Checked)
    units.item(1).setCheckState(Qt.CheckState.Checked)
    step_done(qtbot, dialog, "notifyButton")
    assert units.item(0).checkState() is Qt.CheckState.Unchecked  # ready for the next call

    patrol_clock.advance(minutes=1)
    signs = dialog.findChild(QComboBox, "signChoice")
    assert signs.currentData().sign_id == "near"  # the nearest sign on the camera's road first
    assert signs.itemData(signs.count() - 1).sign_id == "other"  # the others below
    dialog.findChild(QLineEdit, "signMessage").setText("前方事故 减速慢行")
    step_done(qtbot, dialog, "signButton", asks="K1845 南行情报板")

    patrol_clock.advance(minutes=1)
    plans = dialog.findChild(QComboBox, "planChoice")
    assert plans.currentData().name == "交通事故应急预案"  # its conditions are met: first
    assert plans.itemData(plans.count() - 1).name == "隧道火灾应急预案"
    step_done(qtbot, dialog, "planButton", asks="交通事故应急预案（Ⅲ级）")

    patrol_clock.advance(minutes=1)
    dialog.findChild(QLineEdit, "reportText").setText("已报省路网中心")
    step_done(qtbot, dialog, "reportButton")

    patrol_clock.advance(minutes=30)
    assert not button(dialog, "closeEventButton").isEnabled()  # a closing note is needed
    dialog.findChild(QLineEdit, "closeNote").setText("现场已清理，恢复通行")
    step_done(qtbot, dialog, "closeEventButton")

    steps = patrol_store.events.event(event_id).steps
    assert [(s.kind, s.detail, s.operator, s.at) for s in steps] == [
        (StepKind.WATCH, "K1844+650 固定上墙持续关注", OPERATOR, T0 + timedelta(minutes=1)),
        (StepKind.NOTIFY, "路政、交警高速大队", OPERATOR, T0 + timedelta(minutes=2)),
        (StepKind.SIGN, "K1845+000 情报板：前方事故 减速慢行", OPERATOR, T0 + timedelta(minutes=3)),
        (StepKind.PLAN, "交通事故应急预案", OPERATOR, T0 + timedelta(minutes=4)),
        (StepKind.REPORT, "已报省路网中心", OPERATOR, T0 + timedelta(minutes=5)),
        (StepKind.CLOSE, "现场已清理，恢复通行", OPERATOR, T0 + timedelta(minutes=35)),
    ]
    table = dialog.findChild(QTableView, "eventSteps")
    assert table.model().rowCount() == 6
    assert [text_at(table, 1, column) for column in range(4)] == [
        "2025-06-10 09:02:00",
        "通知处置单位",
        "路政、交警高速大队",
        OPERATOR,
    ]
    # A closed event takes no more steps.
    assert dialog.shown_event.closed
    for name in ("watchButton", "notifyButton", "signButton", "planButton", "reportButton"):
        assert not button(dialog, name).isEnabled(), name
    assert patrol_store.events.open_events() == []


def test_the_sign_and_the_plan_say_what_goes_out_and_ask_first(
    qtbot: QtBot,
    model: PatrolModel,
    patrol_store: PatrolStore,
    event_id: int,
    handling: HandlingConfig,
) -> None:
    """Issue 11 point 7: publishing on a roadside sign and starting an emergency plan reach
    the road and other units: the dialog shows what will be sent and records the step only
    when the operator confirms; 取消 sends nothing and keeps the message to correct."""
    dialog = open_dialog(qtbot, model, event_id, handling)
    message = dialog.findChild(QLineEdit, "signMessage")
    message.setText("前方事故 减速慢行")
    button(dialog, "signButton").click()
    box = question(qtbot, dialog)
    assert box.windowTitle() == "发布到情报板"
    assert (
        box.text()
        == "将在情报板“K1845+000 K1845 南行情报板”上发布：\n\n前方事故 减速慢行\n\n确定发布吗？"
    )
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    answer(qtbot, dialog, send=False)
    button(dialog, "planButton").click()
    box = question(qtbot, dialog)
    assert box.windowTitle() == "启动应急预案"
    assert box.text() == "将启动应急预案：交通事故应急预案（Ⅲ级）\n\n确定启动吗？"
    answer(qtbot, dialog, send=False)
    model.refresh()
    qtbot.waitUntil(lambda: not model.refreshing, timeout=WAIT_MS)
    assert patrol_store.events.event(event_id).steps == ()
    assert message.text() == "前方事故 减速慢行"


def test_the_step_log_scrolls_to_the_new_step(
    qtbot: QtBot,
    model: PatrolModel,
    patrol_store: PatrolStore,
    event_id: int,
    handling: HandlingConfig,
) -> None:
    """Issue 11 point 7: a long handling log shows the step just recorded, not the first
    ones, at the size the dialog opens with."""
    for number in range(1, 31):
        patrol_store.events.add_event_step(
            event_id, StepKind.REPORT, f"第 {number} 次报送", operator="值班员乙", now=T0
        )
    dialog = open_dialog(qtbot, model, event_id, handling)
    table = dialog.findChild(QTableView, "eventSteps")
    qtbot.waitExposed(dialog)

    def shown(row: int) -> bool:
        return table.viewport().rect().contains(table.visualRect(table.model().index(row, 0)))

    assert table.model().rowCount() == 30 and not shown(0) and shown(29)
    dialog.findChild(QLineEdit, "reportText").setText("已报省路网中心")
    step_done(qtbot, dialog, "reportButton")
    assert table.model().rowCount() == 31 and shown(30)
    assert text_at(table, 30, 2) == "已报省路网中心"


def test_a_refused_step_is_told_and_the_dialog_stays_usable(
    qtbot: QtBot,
    model: PatrolModel,
    patrol_store: PatrolStore,
    event_id: int,
    handling: HandlingConfig,
) -> None:
    """The event was closed on another workstation meanwhile: the store refuses the step."""
    dialog = open_dialog(qtbot, model, event_id, handling)
    # No snapshot in flight: one computed after the step below would show the event closed
    # before the refused write is told.
    qtbot.waitUntil(lambda: not model.refreshing and not model.writing, timeout=WAIT_MS)
    patrol_store.events.add_event_step(
        event_id, StepKind.CLOSE, "另一工位已结束", operator="值班员乙", now=T0
    )
    dialog.findChild(QLineEdit, "reportText").setText("已报省路网中心")
    with qtbot.waitSignal(model.failed, timeout=WAIT_MS):
        button(dialog, "reportButton").click()
    assert "已结束" in text_of(dialog, "eventMessage")
    assert button(dialog, "reportButton").isEnabled()
    dialog.reload()
    qtbot.waitUntil(
        lambda: dialog.shown_event is not None and dialog.shown_event.closed, timeout=WAIT_MS
    )
    assert not button(dialog, "reportButton").isEnabled()


def test_steps_recorded_elsewhere_show_up_with_the_next_snapshot(
    qtbot: QtBot,
    model: PatrolModel,
    patrol_store: PatrolStore,
    event_id: int,
    handling: HandlingConfig,
) -> None:
    dialog = open_dialog(qtbot, model, event_id, handling)
    patrol_store.events.add_event_step(
        event_id, StepKind.REPORT, "已报交警", operator="值班员乙", now=T0
    )
    table = dialog.findChild(QTableView, "eventSteps")
    model.refresh()  # the model's 30 s timer, or a write anywhere in the workstation
    qtbot.waitUntil(lambda: table.model().rowCount() == 1, timeout=WAIT_MS)
    assert [text_at(table, 0, column) for column in (2, 3)] == ["已报交警", "值班员乙"]
