"""The fault window as an operator uses it (F-1..F-3), in the main window at 1600x900: a fault
registered from a tile's menu and taken through its dialogs to verification, a cancel that
needs its reason, an overdue fault reminded and filtered, a work order fed back and closed.
A real store, the real task runner; only the clock is the test's."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from patrol_app.domain.faults import FaultKind, FaultState
from patrol_app.domain.patrols import BEIJING
from patrol_app.domain.work_orders import Indicator, WorkOrderInput, WorkOrderState
from patrol_app.faults.board import FaultBoard
from patrol_app.store.patrols import PatrolStore
from patrol_app.ui.faults.dialogs import RegisterFaultDialog, TransitionDialog, WorkOrderDialog
from patrol_app.ui.faults.window import FaultWindow
from patrol_app.ui.main_window import MainWindow
from patrol_app.ui.reports.preview import PdfPreviewDialog
from patrol_app.ui.tasks import TaskRunner
from tests.ui.helpers import CAMERAS, FakeClient
from tests.ui.patrol_helpers import WAIT_MS, Clock

# 23:00 on 30 November, Beijing time: the response is due on 1 December.
START = datetime(2026, 11, 30, 23, 0, tzinfo=BEIJING)
WindowFactory = Callable[..., MainWindow]
D = TypeVar("D", bound=QDialog)


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
def window(qtbot: QtBot, new_window: WindowFactory, runner: TaskRunner, clock: Clock) -> MainWindow:
    window = new_window(FakeClient(CAMERAS), clock=clock)
    window.resize(1600, 900)
    window.show()
    qtbot.waitUntil(lambda: len(window.walls.cameras) == len(CAMERAS), timeout=WAIT_MS)
    runner.wait(WAIT_MS)
    return window


def fault_window(window: MainWindow) -> FaultWindow:
    return window.faults.window


def cell(table_owner: object, row: int, header: str) -> str:
    table = table_owner.table  # type: ignore[attr-defined]
    model = table.model()
    columns = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert header in columns, columns
    return str(model.index(row, columns.index(header)).data())


def opened(parent: QWidget, kind: type[D]) -> D:
    """The dialog of ``kind`` open now (those closed before wait for their deletion)."""
    (dialog,) = [each for each in parent.findChildren(kind) if each.isVisible()]
    return dialog


def ok(dialog: RegisterFaultDialog | TransitionDialog | WorkOrderDialog) -> QPushButton:
    return dialog.ok_button


def window_board(faults: FaultWindow) -> FaultBoard:
    board = faults.faults.model.board
    assert board is not None
    return board


def move_on(
    qtbot: QtBot, runner: TaskRunner, faults: FaultWindow, state: str, note: str
) -> TransitionDialog:
    """Select the first fault, open "变更状态…", choose ``state``, write ``note``, OK."""
    faults.faults.table.selectRow(0)
    button = faults.faults.findChild(QPushButton, "changeFault")
    assert button.isEnabled() and button.text() == "变更状态…"
    button.click()
    dialog = opened(faults.faults, TransitionDialog)
    dialog.choose(state)
    dialog.findChild(QPlainTextEdit, "transitionNote").setPlainText(note)
    with qtbot.waitSignal(dialog.finished, timeout=WAIT_MS):
        ok(dialog).click()
    runner.wait(WAIT_MS)
    qtbot.waitUntil(lambda: [r.state.label for r in window_board(faults).faults] == [state])
    return dialog


def test_a_fault_from_a_tile_is_taken_to_verification_through_the_dialogs(
    qtbot: QtBot,
    window: MainWindow,
    runner: TaskRunner,
    clock: Clock,
    patrol_store: PatrolStore,
    tmp_path: Path,
) -> None:
    tile = window.wall.tiles[0]
    window.wall.play("c1")
    qtbot.waitUntil(lambda: tile.camera is not None and tile.camera.camera_num == "c1")
    menu = tile.menu()
    action = next(a for a in menu.actions() if a.objectName() == "registerFault")
    assert action.text() == "登记视频故障…" and action.isEnabled()
    action.trigger()
    faults = fault_window(window)
    assert faults.isVisible() and faults.windowTitle() == "故障与工单"
    assert faults.width() >= 1200 and faults.height() >= 700
    dialog = opened(faults, RegisterFaultDialog)
    assert dialog is not None and dialog.windowTitle() == "登记视频故障"
    camera = dialog.findChild(QComboBox, "faultCamera")
    assert not camera.isEnabled() and camera.currentText().startswith("K1844+650")
    kind = dialog.findChild(QComboBox, "faultKind")
    kind.setCurrentIndex(kind.findText("图像遮挡"))
    dialog.findChild(QPlainTextEdit, "faultNote").setPlainText("镜头被树枝遮挡")
    with qtbot.waitSignal(dialog.finished, timeout=WAIT_MS):
        ok(dialog).click()
    runner.wait(WAIT_MS)
    qtbot.waitUntil(lambda: len(faults.faults.shown) == 1)
    assert cell(faults.faults, 0, "状态") == "已登记"
    assert cell(faults.faults, 0, "桩号") == "K1844+650"
    assert cell(faults.faults, 0, "登记时间（北京时间）") == "11-30 23:00"
    assert cell(faults.faults, 0, "时限") == "响应剩余 2 小时 0 分钟（时限 12-01 01:00）"
    assert cell(faults.faults, 0, "来源") == "手工登记"

    clock.advance(hours=1, minutes=59)
    move_on(qtbot, runner, faults, "已响应", "已通知养护单位")
    assert cell(faults.faults, 0, "响应") == "按时完成（12-01 00:59）"
    assert cell(faults.faults, 0, "时限").startswith("修复剩余 46 小时 1 分钟（时限 12-02 23:00）")
    clock.advance(hours=46)  # 47 h 59 min after the registration
    move_on(qtbot, runner, faults, "已修复", "已清理树枝")
    assert cell(faults.faults, 0, "修复") == "按时完成（12-02 22:59）"
    assert cell(faults.faults, 0, "时限") == "待验证"
    clock.advance(minutes=30)
    move_on(qtbot, runner, faults, "已验证", "画面清晰")
    # A verified fault leaves the open faults; all states show it, with its history.
    assert faults.faults.shown == []
    state = faults.faults.findChild(QComboBox, "stateFilter")
    state.setCurrentIndex(state.findText("全部状态"))
    assert [record.state for record in faults.faults.shown] == [FaultState.VERIFIED]
    faults.faults.table.selectRow(0)
    history = faults.faults.findChild(type(faults.faults.table), "faultHistory").model()
    rows = [
        [history.index(row, column).data() for column in range(4)]
        for row in range(history.rowCount())
    ]
    assert rows == [
        ["11-30 23:00", "已登记", "值班员甲", ""],
        ["12-01 00:59", "已响应", "值班员甲", "已通知养护单位"],
        ["12-02 22:59", "已修复", "值班员甲", "已清理树枝"],
        ["12-02 23:29", "已验证", "值班员甲", "画面清晰"],
    ]
    assert faults.faults.findChild(QPushButton, "changeFault").isEnabled() is False
    assert patrol_store.faults.open_faults() == []

    # Its repair request: previewed, then printed to a PDF file.
    print_button = faults.faults.findChild(QPushButton, "printRepair")
    assert print_button.isEnabled() and print_button.text() == "打印报修单…"
    print_button.click()
    qtbot.waitUntil(lambda: faults.findChild(PdfPreviewDialog) is not None, timeout=WAIT_MS)
    preview = opened(faults, PdfPreviewDialog)
    assert preview.windowTitle().startswith("报修单 BX20261130-")
    assert preview.pane.view.document.pageCount() == 1
    # 打印…: Qt's print dialog, its printer set to a PDF file as an operator would choose.
    preview.pane.print_button.click()
    printing = opened(preview.pane, QPrintDialog)
    printers = printing.findChild(QComboBox, "printers")
    printers.setCurrentIndex(printers.findText("打印到文件(PDF)"))  # no printer on this machine
    printing.findChild(QLineEdit, "filename").setText(str(tmp_path / "repair.pdf"))
    with qtbot.waitSignal(preview.pane.printed, timeout=WAIT_MS):
        printing.accept()
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "repair.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for shown in ("报修单", "K1844+650", "图像遮挡", "镜头被树枝遮挡", "已验证", "画面清晰"):
        assert shown in text, shown


def test_a_cancel_needs_its_reason(
    qtbot: QtBot, window: MainWindow, runner: TaskRunner, patrol_store: PatrolStore
) -> None:
    window.findChild(QAction, "registerFaultByHand").trigger()  # 故障 → 登记视频故障…
    faults = fault_window(window)
    dialog = opened(faults, RegisterFaultDialog)
    ok(dialog).click()
    error = dialog.findChild(QLabel, "dialogError")
    assert error.isVisible() and error.text() == "请选择摄像机"
    camera = dialog.findChild(QComboBox, "faultCamera")
    camera.setCurrentIndex(camera.findText("K1851+200", flags=Qt.MatchFlag.MatchStartsWith))
    with qtbot.waitSignal(dialog.finished, timeout=WAIT_MS):
        ok(dialog).click()
    runner.wait(WAIT_MS)
    qtbot.waitUntil(lambda: len(faults.faults.shown) == 1)
    faults.faults.table.selectRow(0)
    faults.faults.findChild(QPushButton, "changeFault").click()
    change = opened(faults.faults, TransitionDialog)
    change.choose("已撤销")
    assert not ok(change).isEnabled()
    change.findChild(QPlainTextEdit, "transitionNote").setPlainText("  ")
    assert not ok(change).isEnabled()
    change.findChild(QPlainTextEdit, "transitionNote").setPlainText("雾天误判")
    assert ok(change).isEnabled()
    with qtbot.waitSignal(change.finished, timeout=WAIT_MS):
        ok(change).click()
    runner.wait(WAIT_MS)
    (record,) = patrol_store.faults.faults()
    assert record.state is FaultState.CANCELLED and record.transitions[-1].note == "雾天误判"


def test_an_overdue_fault_is_reminded_once_and_filtered(
    qtbot: QtBot, window: MainWindow, runner: TaskRunner, clock: Clock, patrol_store: PatrolStore
) -> None:
    late = patrol_store.faults.register_fault(
        "c3", "K1851+200 路面", "K1851+200", FaultKind.JUMPING, "", operator="值班员乙", now=START
    )
    patrol_store.faults.register_fault(
        "c4", "大宝山隧道", "K1856+300", FaultKind.JUMPING, "", operator="值班员乙", now=START
    )
    patrol_store.faults.transition_fault(
        late.id, FaultState.RESPONDED, note="", operator="值班员乙", now=START
    )
    patrol_store.work_orders.raise_work_order(  # its feedback due at START + 1 h
        WorkOrderInput(
            "G4", "京珠北段", Indicator.ONLINE_RATE, "93%", "", START - timedelta(hours=47), "乙"
        )
    )
    told: list[str] = []
    window.faults.reminders.notified.connect(told.append)
    clock.advance(hours=2, minutes=1)
    window.faults.model.refresh()
    qtbot.waitUntil(lambda: bool(told), timeout=WAIT_MS)
    assert told == ["1 条视频故障已超时：K1856+300 画面跳动\n1 张工单反馈已超时"]
    assert window.statusBar().currentMessage() == told[0]
    assert "反馈超时 1 张" in fault_window(window).orders.findChild(QLabel, "orderSummary").text()
    with qtbot.waitSignal(window.faults.model.changed, timeout=WAIT_MS):
        window.faults.model.refresh()
    assert len(told) == 1  # told once
    faults = fault_window(window)
    faults.faults.findChild(QLineEdit, "faultSearch").setText("k185")
    assert len(faults.faults.shown) == 2
    overdue = faults.faults.findChild(QCheckBox, "overdueOnly")
    overdue.setChecked(True)
    assert [record.pile for record in faults.faults.shown] == ["K1856+300"]
    overdue.setChecked(False)
    faults.faults.findChild(QLineEdit, "faultSearch").clear()
    assert len(faults.faults.shown) == 2
    window.findChild(QAction, "showOverdueFaults").trigger()  # 故障 → 超时故障
    assert overdue.isChecked()
    assert faults.faults.findChild(QComboBox, "stateFilter").currentText() == "未关闭"
    assert [record.pile for record in faults.faults.shown] == ["K1856+300"]
    assert cell(faults.faults, 0, "时限") == "响应已超时 1 分钟（时限 12-01 01:00）"
    assert "超时 1 条" in faults.faults.findChild(QLabel, "faultSummary").text()


def test_a_work_order_gets_its_feedback_and_is_closed(
    qtbot: QtBot, window: MainWindow, runner: TaskRunner, clock: Clock, patrol_store: PatrolStore
) -> None:
    window.findChild(QAction, "raiseWorkOrder").trigger()  # 故障 → 登记工单…
    faults = fault_window(window)
    assert faults.tabs.currentWidget() is faults.orders
    dialog = opened(faults, WorkOrderDialog)
    section = dialog.findChild(QComboBox, "orderSection")
    assert [section.itemText(i) for i in range(section.count())] == ["G0423 乐广段", "G4 京珠北段"]
    section.setCurrentIndex(1)
    indicator = dialog.findChild(QComboBox, "orderIndicator")
    indicator.setCurrentIndex(indicator.findText("在线率"))
    dialog.findChild(QLineEdit, "orderValue").setText("92.5%")
    dialog.findChild(QLineEdit, "orderReference").setText("粤视云〔2026〕118号")
    with qtbot.waitSignal(dialog.finished, timeout=WAIT_MS):
        ok(dialog).click()
    runner.wait(WAIT_MS)
    qtbot.waitUntil(lambda: len(faults.orders.shown) == 1)
    assert cell(faults.orders, 0, "时限") == "反馈剩余 48 小时 0 分钟（时限 12-02 23:00）"
    clock.advance(hours=48)
    faults.orders.table.selectRow(0)
    faults.orders.findChild(QPushButton, "changeOrder").click()
    change = opened(faults.orders, TransitionDialog)
    assert not ok(change).isEnabled()  # the feedback's text first
    change.findChild(QPlainTextEdit, "transitionNote").setPlainText("3 台摄像机光缆中断，已抢通")
    with qtbot.waitSignal(change.finished, timeout=WAIT_MS):
        ok(change).click()
    runner.wait(WAIT_MS)
    qtbot.waitUntil(lambda: faults.orders.shown[0].state is WorkOrderState.FEEDBACK)
    assert cell(faults.orders, 0, "反馈") == "按时完成（12-02 23:00）"
    faults.orders.table.selectRow(0)
    faults.orders.findChild(QPushButton, "changeOrder").click()
    close = opened(faults.orders, TransitionDialog)
    with qtbot.waitSignal(close.finished, timeout=WAIT_MS):
        ok(close).click()
    runner.wait(WAIT_MS)
    qtbot.waitUntil(lambda: faults.orders.shown[0].state is WorkOrderState.CLOSED)
    assert clock.now - START == timedelta(hours=48)
