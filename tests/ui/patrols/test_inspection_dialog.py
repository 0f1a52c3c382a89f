"""The equipment inspection dialog (P-8, R-2) over a real PatrolModel and PatrolStore
(migrated SQLite file), with an injected clock: the areas with their texts and pictures, and
per camera the nine Appendix C checks of a 2,000-camera section, filled from the keyboard,
recorded and read back."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QTabWidget,
    QToolButton,
)
from pytestqt.qtbot import QtBot

from patrol_app.domain.camera import CameraEntry
from patrol_app.domain.faults import FaultKind, FaultOrigin
from patrol_app.domain.inspections import AreaResult, CameraCheck, InspectionArea
from patrol_app.domain.patrols import BEIJING
from patrol_app.patrols.inspection import InspectionDraft, inspection_rows, record_inspection
from patrol_app.store.patrols import PatrolStore
from patrol_app.ui.patrols.inspection_cameras import FIRST_CHECK, HANDLING, NOTE
from patrol_app.ui.patrols.inspection_dialog import InspectionDialog
from patrol_app.ui.patrols.inspection_follow_up import InspectionFollowUpDialog
from patrol_app.ui.patrols.model import PatrolModel
from tests.patrols.helpers import camera
from tests.ui.patrol_helpers import (
    LEGUANG_TUNNEL,
    OPERATOR,
    T0,
    THREE,
    WAIT_MS,
    Clock,
    PatrolModelFactory,
    loaded,
)

W = TypeVar("W", bound=QObject)
CAMERAS = [*THREE, LEGUANG_TUNNEL]
SECTION_SIZE = 2000
DAY = (T0 - timedelta(hours=9), T0 + timedelta(hours=15))


def child(parent: QObject, kind: type[W], name: str) -> W:
    found = parent.findChild(kind, name)
    assert found is not None, f"no {kind.__name__} {name}"
    return found


def section(size: int) -> list[CameraEntry]:
    """A section of ``size`` cameras, one every 100 m from K1800+000, both directions."""
    cameras = []
    for n in range(size):
        pile = f"K{1800 + n // 20}+{n % 20 // 2 * 100:03d}"
        direction = 1 + n % 2
        cameras.append(
            replace(
                camera(
                    f"cam-{n:04d}", f"京港澳高速{pile}{'上行' if direction == 1 else '下行'}", pile
                ),
                orientation=direction,
                manufacturer="海康威视",
            )
        )
    return cameras


def answer_every_area(dialog: InspectionDialog) -> None:
    for area in InspectionArea:
        child(dialog, QRadioButton, f"ok_{area.value}").setChecked(True)


def shown_rows(table: QTableView) -> int:
    return table.model().rowCount()


@pytest.fixture
def model(qtbot: QtBot, patrol_model: PatrolModel) -> PatrolModel:
    return loaded(qtbot, patrol_model, CAMERAS)


# The areas.


def test_an_inspection_is_recorded(
    qtbot: QtBot, model: PatrolModel, patrol_store: PatrolStore, patrol_clock: Clock
) -> None:
    """P-8: every area answered, a problem described; the record is the operator's."""
    dialog = InspectionDialog(model)
    qtbot.addWidget(dialog)
    record: QPushButton = child(dialog, QPushButton, "recordInspection")
    today = child(dialog, QLabel, "inspectionToday").text()
    assert "2025-06-10" in today and "0" in today and "1" in today
    assert "24:00" in today  # due by the end of the day, not "by 00:00"
    assert not record.isEnabled()
    # The cameras all pass until marked: image quality is found in order already.
    assert child(dialog, QRadioButton, "ok_image_quality").isChecked()
    answer_every_area(dialog)
    assert record.isEnabled()
    child(dialog, QRadioButton, "problem_network").setChecked(True)
    assert not record.isEnabled()  # a problem needs its description
    child(dialog, QLineEdit, "note_network").setText("至省中心链路丢包率 2%")
    child(dialog, QLineEdit, "note_image_quality").setText("K1856+300 镜头已清洁")
    child(dialog, QPlainTextEdit, "inspectionNote").setPlainText("已填写附录C巡查表")
    child(dialog, QLineEdit, "inspectionPhone").setText("0751-1234567")
    assert record.isEnabled()

    patrol_clock.now = T0 + timedelta(minutes=20)
    with qtbot.waitSignal(dialog.recorded, timeout=WAIT_MS) as recorded:
        record.click()
    qtbot.waitUntil(lambda: model.snapshot.inspection.done == 1, timeout=WAIT_MS)
    [inspection] = patrol_store.inspections.inspections(*DAY)
    assert inspection.id == recorded.args[0]
    assert inspection.operator == OPERATOR and inspection.at == patrol_clock.now
    assert inspection.note == "已填写附录C巡查表"
    assert (inspection.contact, inspection.phone) == (OPERATOR, "0751-1234567")
    assert inspection.results[InspectionArea.NETWORK] == (False, "至省中心链路丢包率 2%")
    assert inspection.results[InspectionArea.IMAGE_QUALITY] == (True, "K1856+300 镜头已清洁")
    assert inspection.results[InspectionArea.SOFTWARE] == (True, "")
    assert (inspection.cameras, inspection.failed_cameras) == (4, 0)
    assert dialog.result() == dialog.DialogCode.Accepted


def test_three_inspections_on_a_major_holiday(
    qtbot: QtBot, new_patrol_model: PatrolModelFactory
) -> None:
    clock = Clock(datetime(2025, 10, 1, 10, 0, tzinfo=BEIJING))
    model = loaded(qtbot, new_patrol_model(clock=clock), CAMERAS)
    dialog = InspectionDialog(model)
    qtbot.addWidget(dialog)
    assert model.snapshot.inspection.required == 3
    today = child(dialog, QLabel, "inspectionToday").text()
    assert "国庆节" in today and "3" in today and "16:00" in today  # the window's end


def test_an_area_keeps_a_picture_file(
    qtbot: QtBot, model: PatrolModel, patrol_store: PatrolStore, tmp_path: Path
) -> None:
    """11.3.3: each area leaves a text and a picture; the file is kept as a copy."""
    folder = tmp_path / "snapshots" / "inspections"
    dialog = InspectionDialog(model, folder=folder)
    qtbot.addWidget(dialog)
    answer_every_area(dialog)
    screenshot = tmp_path / "磁盘使用率.png"
    image = QImage(64, 36, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    assert image.save(str(screenshot))
    dialog.attach_area_picture(InspectionArea.HARDWARE, screenshot)
    name = child(dialog, QLabel, "pictureName_hardware")
    qtbot.waitUntil(lambda: name.text().endswith(".png"), timeout=WAIT_MS)
    with qtbot.waitSignal(dialog.recorded, timeout=WAIT_MS) as recorded:
        child(dialog, QPushButton, "recordInspection").click()
    sheet = patrol_store.inspections.sheet(recorded.args[0])
    kept = Path(sheet.areas[InspectionArea.HARDWARE].picture)
    assert kept.parent == folder and kept.read_bytes() == screenshot.read_bytes()
    assert sheet.areas[InspectionArea.SOFTWARE].picture == ""


# The cameras of a section.


def test_a_section_of_2000_cameras_is_filled_from_the_keyboard(
    qtbot: QtBot, new_patrol_model: PatrolModelFactory, patrol_store: PatrolStore, tmp_path: Path
) -> None:
    """R-2 at a realistic size: 2,000 cameras all pass by default; the operator finds one by
    its pile, marks a check failed with its number key, writes the note in place, keeps the
    wall's picture; the inspection reads back with the 2,000 lines."""
    model = loaded(qtbot, new_patrol_model(), section(SECTION_SIZE))
    wall = QImage(352, 288, QImage.Format.Format_RGB32)
    wall.fill(QColor("darkGreen"))
    grabbed: list[str] = []

    def grab(camera_num: str) -> QImage:
        grabbed.append(camera_num)
        return wall

    folder = tmp_path / "inspections"
    dialog = InspectionDialog(model, grab=grab, folder=folder)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    answer_every_area(dialog)
    child(dialog, QTabWidget, "inspectionTabs").setCurrentWidget(dialog.cameras)
    table = child(dialog, QTableView, "inspectionCameras")
    count = child(dialog, QLabel, "inspectionCount")
    assert shown_rows(table) == SECTION_SIZE
    assert "2000" in count.text()
    assert table.isVisible() and table.viewport().height() > 300  # room for many lines

    # Ctrl+F goes to the filter; the pile finds the two cameras there (both directions),
    # its number the one.
    qtbot.keyClick(dialog, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    filter_edit = child(dialog, QLineEdit, "inspectionFilter")
    assert filter_edit.hasFocus()
    qtbot.keyClicks(filter_edit, "k1850+300")
    assert shown_rows(table) == 2
    qtbot.keyClicks(filter_edit, " 1007")
    assert shown_rows(table) == 1
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, FIRST_CHECK))
    target = dialog.cameras.current()
    assert target is not None and target.camera.pile == "K1850+300"
    assert target.camera.direction == "下行" and target.camera.manufacturer == "海康威视"

    # 3: the lens is not clean; Space on the occluded column's cell: occluded.
    qtbot.keyClick(table, Qt.Key.Key_3)
    occluded = FIRST_CHECK + list(CameraCheck).index(CameraCheck.OCCLUDED)
    table.setCurrentIndex(table.model().index(0, occluded))
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert dialog.cameras.current().failed == {CameraCheck.LENS_CLEAN, CameraCheck.OCCLUDED}
    assert child(dialog, QRadioButton, "problem_image_quality").isChecked()
    record = child(dialog, QPushButton, "recordInspection")
    status = child(dialog, QLabel, "inspectionStatus")
    assert not record.isEnabled() and "备注" in status.text()  # what is wrong, in words

    # F2 on the note cell, type, Enter.
    table.setCurrentIndex(table.model().index(0, NOTE))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.parent() is table.viewport()
    editor.insert("镜头污渍，广告牌遮挡")  # as the input method commits it (QTest types ASCII)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits on the next turn of the event loop.
    qtbot.waitUntil(lambda: dialog.cameras.current().note == "镜头污渍，广告牌遮挡")
    assert record.isEnabled()

    # The wall's picture of it, kept as a JPEG beside the snapshots.
    child(dialog, QPushButton, "wallSnapshot").click()
    qtbot.waitUntil(lambda: bool(dialog.cameras.current().picture), timeout=WAIT_MS)
    assert grabbed == [target.camera.camera_num]
    picture = Path(dialog.cameras.current().picture)
    assert picture.parent == folder and picture.suffix == ".jpg"
    assert child(dialog, QLabel, "inspectionPicture").pixmap().width() > 0

    # "Only problems" shows it alone, whatever the filter.
    filter_edit.clear()
    assert shown_rows(table) == SECTION_SIZE
    child(dialog, QObject, "onlyProblems").setChecked(True)
    assert shown_rows(table) == 1
    assert "1" in count.text()

    with qtbot.waitSignal(dialog.recorded, timeout=WAIT_MS) as recorded:
        record.click()
    sheet = patrol_store.inspections.sheet(recorded.args[0])
    assert len(sheet.rows) == SECTION_SIZE
    [failed] = sheet.failed_rows
    assert failed.camera == target.camera
    assert failed.failed == {CameraCheck.LENS_CLEAN, CameraCheck.OCCLUDED}
    assert (failed.note, failed.picture) == ("镜头污渍，广告牌遮挡", str(picture))
    assert failed.answer(CameraCheck.OCCLUDED) == "是"
    assert sheet.areas[InspectionArea.IMAGE_QUALITY].ok is False
    assert "1 路" in sheet.areas[InspectionArea.IMAGE_QUALITY].text


def test_a_snapshot_of_a_camera_no_tile_shows_says_so(
    qtbot: QtBot, model: PatrolModel, tmp_path: Path
) -> None:
    dialog = InspectionDialog(model, grab=lambda _number: None, folder=tmp_path)
    qtbot.addWidget(dialog)
    shown: list[str] = []
    dialog.camera_activated.connect(shown.append)
    child(dialog, QPushButton, "showCamera").click()
    first = dialog.cameras.current()
    assert first is not None and shown == [first.camera.camera_num]
    child(dialog, QPushButton, "wallSnapshot").click()
    assert (
        "墙" in child(dialog, QLabel, "inspectionStatus").text()
        or "wall" in child(dialog, QLabel, "inspectionStatus").text()
    )
    assert dialog.cameras.current().picture == ""


# The section's handling, written after the inspection (R-2 note 3).


def test_the_handling_is_written_after_the_inspection(
    qtbot: QtBot,
    model: PatrolModel,
    patrol_store: PatrolStore,
    patrol_clock: Clock,
) -> None:
    rows = inspection_rows(CAMERAS)
    rows[1] = replace(rows[1], failed=frozenset({CameraCheck.POSITION}), note="桩号标注错误")
    areas = {area: AreaResult(True) for area in InspectionArea}
    inspection = record_inspection(
        patrol_store, InspectionDraft(areas=areas, rows=rows), operator=OPERATOR, now=T0
    )
    patrol_clock.now = T0 + timedelta(hours=3)
    dialog = InspectionFollowUpDialog(model)
    qtbot.addWidget(dialog)
    table = child(dialog, QTableView, "followUpLines")
    qtbot.waitUntil(lambda: shown_rows(table) == 1, timeout=WAIT_MS)  # only the problem
    assert child(dialog, QComboBox, "inspectionChoice").currentData() == inspection
    assert "4" in child(dialog, QComboBox, "inspectionChoice").currentText()
    save = child(dialog, QPushButton, "saveHandling")
    assert not save.isEnabled()
    occluded = table.model().index(0, FIRST_CHECK)
    assert not table.model().setData(
        occluded, Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole
    )
    assert not table.model().setData(table.model().index(0, NOTE), "改")  # the record stays
    table.model().setData(table.model().index(0, HANDLING), "已更正平台桩号")
    assert dialog.changed_handling() == {rows[1].seq: "已更正平台桩号"}
    assert save.isEnabled()
    save.click()
    qtbot.waitUntil(
        lambda: "已保存" in child(dialog, QLabel, "followUpStatus").text(), timeout=WAIT_MS
    )
    assert not save.isEnabled()
    [line] = patrol_store.inspections.sheet(inspection).failed_rows
    assert (line.note, line.handling) == ("桩号标注错误", "已更正平台桩号")


# A camera's problem becomes a fault in one step (F-1).


def test_a_cameras_problem_becomes_a_fault_in_one_step(
    qtbot: QtBot, model: PatrolModel, patrol_store: PatrolStore, patrol_clock: Clock
) -> None:
    dialog = InspectionDialog(model)
    qtbot.addWidget(dialog)
    dialog.resize(1600, 900)
    answer_every_area(dialog)
    table = child(dialog, QTableView, "inspectionCameras")
    fault_button = child(dialog, QToolButton, "registerFault")
    assert not fault_button.isEnabled()  # nothing wrong with the camera yet
    table.setCurrentIndex(table.model().index(2, FIRST_CHECK))
    line = dialog.cameras.current()
    assert line is not None
    qtbot.keyClick(table, Qt.Key.Key_6)  # occluded
    table.model().setData(table.model().index(2, NOTE), "施工围挡遮挡画面")
    table.model().setData(table.model().index(2, HANDLING), "已通知施工单位")
    assert fault_button.isEnabled()
    patrol_clock.now = T0 + timedelta(minutes=5)
    fault_button.click()  # occluded: the kind is plain, no question asked
    qtbot.waitUntil(lambda: "1" in fault_button.text(), timeout=WAIT_MS)
    assert not fault_button.isEnabled()  # once per line
    [fault] = patrol_store.faults.faults()
    assert (fault.camera_num, fault.kind, fault.origin) == (
        line.camera.camera_num,
        FaultKind.OCCLUDED,
        FaultOrigin.INSPECTION,
    )
    assert fault.registered_at == patrol_clock.now and fault.registered_by == OPERATOR
    assert fault.note == "设备巡查发现：是否被遮挡：是。施工围挡遮挡画面"
    assert dialog.cameras.current().handling == f"已通知施工单位；已登记故障 {fault.id}（图像遮挡）"
    assert "11:05" in child(dialog, QLabel, "inspectionStatus").text()  # response due

    # A check no fault kind fits: the operator picks the kind from the button's menu.
    table.setCurrentIndex(table.model().index(3, FIRST_CHECK))
    qtbot.keyClick(table, Qt.Key.Key_8)  # clock not in sync
    table.model().setData(table.model().index(3, NOTE), "时钟慢 5 分钟")
    unclear = next(a for a in fault_button.menu().actions() if a.text() == FaultKind.UNCLEAR.label)
    unclear.trigger()
    qtbot.waitUntil(lambda: len(patrol_store.faults.faults()) == 2, timeout=WAIT_MS)

    with qtbot.waitSignal(dialog.recorded, timeout=WAIT_MS) as recorded:
        child(dialog, QPushButton, "recordInspection").click()
    sheet = patrol_store.inspections.sheet(recorded.args[0])
    assert [row.handling for row in sheet.failed_rows] == [
        f"已通知施工单位；已登记故障 {fault.id}（图像遮挡）",
        f"已登记故障 {fault.id + 1}（摄像头不清）",
    ]
