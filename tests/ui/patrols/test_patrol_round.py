"""The patrol round beside the wall (P-3 of issue 5, P-4..P-6, F-1): a real PatrolStore on a
migrated SQLite file, the real PatrolModel and task runner, an injected clock and a tile
picture made up by the test. Nothing sleeps: the tests wait on signals and conditions."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QAction, QColor, QImage
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from patrol_app.domain.events import CheckOutcome, StepKind
from patrol_app.domain.faults import FaultKind
from patrol_app.domain.records import PatrolRecord
from patrol_app.store.patrols import PatrolStore
from patrol_app.ui.patrols.model import PatrolModel
from patrol_app.ui.patrols.round_panel import PatrolRoundPanel
from patrol_app.ui.tasks import TaskRunner
from patrol_app.ui.wall.wall import VideoWall
from tests.ui.helpers import PATIENT, FakeClient, FakeClock, FakePlayer, camera, text_of
from tests.ui.patrol_helpers import (
    MAINLINE,
    OPERATOR,
    T0,
    TOLL,
    WAIT_MS,
    Clock,
    FlakyStore,
    PatrolModelFactory,
    button,
    dispose_patrol_model,
    loaded,
    open_patrol_store,
)

# One section in pile order: a toll plaza, a mainline camera and a tunnel in the other
# direction (never patrolled: all three are due at once).
TUNNEL = camera(
    "t1", "G4（京港澳高速）…K1856+300（下行）（大宝山隧道）", "K1856+300", classify=3, orientation=2
)
CAMERAS = [TUNNEL, MAINLINE, TOLL]  # the directory's order is not the round's


class Grabber:
    """The wall's picture of a camera: a generated image, or nothing when told so."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.playing = True

    def __call__(self, camera_num: str) -> QImage | None:
        self.asked.append(camera_num)
        if not self.playing:
            return None
        image = QImage(320, 180, QImage.Format.Format_RGB32)
        image.fill(QColor("#3d8bfd"))
        return image


@pytest.fixture
def patrol_store(database_url: str) -> Iterator[FlakyStore]:
    """This file's store can be made to fail as a full disk does."""
    with open_patrol_store(database_url, FlakyStore) as store:
        yield store


@pytest.fixture
def model(qtbot: QtBot, patrol_model: PatrolModel) -> PatrolModel:
    """The model with the section's cameras, and its first snapshot."""
    return loaded(qtbot, patrol_model, CAMERAS)


@pytest.fixture
def grab() -> Grabber:
    return Grabber()


def make_panel(qtbot: QtBot, model: PatrolModel, tmp_path: Path, grab: Grabber) -> PatrolRoundPanel:
    panel = PatrolRoundPanel(model, snapshot_dir=tmp_path / "snapshots", grab=grab)
    qtbot.addWidget(panel)
    return panel


@pytest.fixture
def panel(qtbot: QtBot, model: PatrolModel, tmp_path: Path, grab: Grabber) -> PatrolRoundPanel:
    panel = make_panel(qtbot, model, tmp_path, grab)
    panel.show()
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)
    return panel


def started(qtbot: QtBot, panel: PatrolRoundPanel, cameras: list[str] | None = None) -> None:
    with qtbot.waitSignal(panel.running_changed, timeout=WAIT_MS) as running:
        panel.start(cameras)
    assert running.args == [True]


def moved_on(qtbot: QtBot, panel: PatrolRoundPanel, key: Qt.Key, **kwargs: Any) -> None:
    """Press ``key`` in the panel and wait until the camera's check is confirmed."""
    before = panel.current_camera
    qtbot.keyClick(panel.focusWidget() or panel, key, **kwargs)
    qtbot.waitUntil(lambda: panel.current_camera != before, timeout=WAIT_MS)


def item_box(panel: PatrolRoundPanel, code: str) -> QCheckBox:
    box = panel.findChild(QCheckBox, f"item:{code}")
    assert box is not None, f"no checklist item {code}"
    return box


def item_codes(panel: PatrolRoundPanel) -> list[str]:
    """The checklist items the panel shows, in order."""
    boxes = panel.findChildren(QCheckBox, QRegularExpression("^item:"))
    return [box.objectName().removeprefix("item:") for box in boxes]


def test_a_round_of_three_cameras_is_walked_with_the_keyboard_and_recorded(
    qtbot: QtBot,
    panel: PatrolRoundPanel,
    patrol_store: FlakyStore,
    model: PatrolModel,
    patrol_clock: Clock,
    grab: Grabber,
    tmp_path: Path,
) -> None:
    """Normal (Return), an anomaly with two items and a note (Ctrl+Return: the tile's snapshot
    is attached), a video fault (its kind from the menu), then the closing form: three checks,
    one event with its items, note and "keep watching" step, one fault, and the record."""
    played: list[str] = []
    pinned: list[str] = []
    events: list[int] = []
    panel.play_requested.connect(played.append)
    panel.pin_requested.connect(pinned.append)
    panel.event_opened.connect(events.append)

    started(qtbot, panel)
    round_id = panel.round_id
    assert round_id is not None
    assert patrol_store.rounds.open_round(OPERATOR).planned == (
        "p1",
        "m1",
        "t1",
    )  # pile order on the road
    assert panel.current_camera == "p1" and played == ["p1"]
    assert text_of(panel, "roundProgress") == "1/3"
    assert text_of(panel, "cameraName") == TOLL.name
    assert text_of(panel, "cameraPile") == "K1844+158"
    assert text_of(panel, "cameraSite") == "收费站广场"
    toll_items = model.snapshot.checklist_for("p1")
    assert item_codes(panel) == [item.code for item in toll_items]

    moved_on(qtbot, panel, Qt.Key.Key_Return)  # normal and next
    assert panel.current_camera == "m1" and played == ["p1", "m1"]
    assert text_of(panel, "roundProgress") == "2/3"
    assert text_of(panel, "cameraDirection") == "上行"
    assert text_of(panel, "cameraSite") == "主线"

    patrol_clock.advance(minutes=1)
    panel.setFocus()
    qtbot.keyClick(panel, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)  # third item
    item_box(panel, "congestion").click()
    assert item_box(panel, "accident").isChecked()  # mainline item 3: 交通事故
    note = panel.findChild(QLineEdit, "checkNote")
    note.setText("两车追尾，占用第二车道")  # (QTest types Latin-1 only)
    assert not button(panel, "markNormal").isEnabled()  # a finding is never "normal"
    with qtbot.waitSignal(panel.event_opened, timeout=WAIT_MS):
        moved_on(qtbot, panel, Qt.Key.Key_Return, modifier=Qt.KeyboardModifier.ControlModifier)
    assert grab.asked == ["m1"]
    assert pinned == ["m1"] and len(events) == 1
    assert panel.current_camera == "t1" and text_of(panel, "roundProgress") == "3/3"

    patrol_clock.advance(minutes=1)
    panel.findChild(QLineEdit, "checkNote").setText("镜头被树枝遮挡")
    fault = panel.findChild(QAction, "fault:occluded")
    fault.trigger()
    qtbot.waitUntil(lambda: panel.current_camera is None, timeout=WAIT_MS)

    # The closing form, pre-filled.
    equipment = panel.findChild(QLineEdit, "closeEquipment")
    handover = panel.findChild(QLineEdit, "closeHandoverPile")
    assert equipment.text() == "1 路正常，1 路异常，1 路视频故障"
    assert handover.text() == "K1856+300"
    handover.setText("K1856+500")
    patrol_clock.advance(minutes=2)
    running: list[bool] = []
    panel.running_changed.connect(running.append)
    with qtbot.waitSignal(panel.round_finished, timeout=WAIT_MS) as finished:
        button(panel, "closeRound").click()
    record = finished.args[0]
    assert running == [False]
    assert isinstance(record, PatrolRecord) and record.round_id == round_id
    assert record.equipment_condition == "1 路正常，1 路异常，1 路视频故障"
    assert record.handover_pile == "K1856+500"
    assert record.personnel == OPERATOR
    assert (record.period_start, record.period_end) == (T0, T0 + timedelta(minutes=4))
    assert panel.round_id is None and panel.current_camera is None

    checks = patrol_store.rounds.round_state(round_id).checks
    assert [(c.camera_num, c.outcome) for c in checks] == [
        ("p1", CheckOutcome.NORMAL),
        ("m1", CheckOutcome.ANOMALY),
        ("t1", CheckOutcome.FAULT),
    ]
    assert all(c.operator == OPERATOR for c in checks)
    assert [c.checked_at for c in checks] == [
        T0,
        T0 + timedelta(minutes=1),
        T0 + timedelta(minutes=2),
    ]
    assert {c.checklist_version for c in checks} == {model.snapshot.checklist_version}
    anomaly = checks[1]
    assert anomaly.items == ("accident", "congestion")
    assert anomaly.note == "两车追尾，占用第二车道"
    picture = Path(anomaly.snapshot)
    assert picture.parent == tmp_path / "snapshots"
    assert picture.name == "K1844+650_20250610-090100.jpg"
    assert QImage(str(picture)).size() == QImage(320, 180, QImage.Format.Format_RGB32).size()
    assert checks[0].snapshot == "" and checks[0].items == ()

    (event,) = patrol_store.events.open_events()
    assert event.id == events[0] and event.check_id == anomaly.id
    assert (event.camera_num, event.items, event.note) == ("m1", anomaly.items, anomaly.note)
    assert [(s.kind, s.detail, s.operator, s.at) for s in event.steps] == [
        (StepKind.WATCH, "K1844+650 固定上墙持续关注", OPERATOR, T0 + timedelta(minutes=1))
    ]
    (fault_view,) = patrol_store.faults.open_faults()
    assert (fault_view.camera_num, fault_view.kind, fault_view.note) == (
        "t1",
        FaultKind.OCCLUDED,
        "镜头被树枝遮挡",
    )
    assert patrol_store.rounds.records(T0, T0 + timedelta(hours=1)) == [record]
    assert patrol_store.rounds.open_round(OPERATOR) is None


def test_the_round_moves_on_only_once_the_store_confirmed_and_never_records_twice(
    qtbot: QtBot, panel: PatrolRoundPanel, patrol_store: FlakyStore
) -> None:
    started(qtbot, panel)
    round_id = panel.round_id
    qtbot.keyClick(panel, Qt.Key.Key_Return)
    # The write is in flight: nothing has moved, and the buttons and keys are held.
    assert panel.current_camera == "p1"
    assert not button(panel, "markNormal").isEnabled()
    assert not button(panel, "markFault").isEnabled()
    qtbot.keyClick(panel, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.current_camera == "m1", timeout=WAIT_MS)
    assert button(panel, "markNormal").isEnabled()
    assert [c.camera_num for c in patrol_store.rounds.round_state(round_id).checks] == ["p1"]


def test_a_failed_write_keeps_the_camera_and_lets_the_operator_try_again(
    qtbot: QtBot, panel: PatrolRoundPanel, patrol_store: FlakyStore, model: PatrolModel
) -> None:
    started(qtbot, panel)
    patrol_store.fail_next = True
    with qtbot.waitSignal(model.failed, timeout=WAIT_MS):
        qtbot.keyClick(panel, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: button(panel, "markNormal").isEnabled(), timeout=WAIT_MS)
    assert panel.current_camera == "p1"
    assert "磁盘已满" in text_of(panel, "roundMessage")
    moved_on(qtbot, panel, Qt.Key.Key_Return)
    assert [c.camera_num for c in patrol_store.rounds.round_state(panel.round_id).checks] == ["p1"]


def test_a_camera_that_cannot_be_played_is_recorded_as_such(
    qtbot: QtBot, panel: PatrolRoundPanel, patrol_store: FlakyStore
) -> None:
    """The wall reports the patrol tile's stream failed: the panel says so and Return records
    "cannot be played" (a video-missing fault), never a silent skip."""
    started(qtbot, panel)
    notice = panel.findChild(QLabel, "unplayableNotice")
    assert notice.isHidden()
    panel.set_unplayable("p1", "连接超时")
    assert not notice.isHidden() and "连接超时" in notice.text()
    assert button(panel, "markUnplayable").isDefault()
    moved_on(qtbot, panel, Qt.Key.Key_Return)
    (check,) = patrol_store.rounds.round_state(panel.round_id).checks
    assert (check.camera_num, check.outcome, check.note) == (
        "p1",
        CheckOutcome.UNPLAYABLE,
        "连接超时",
    )
    (fault,) = patrol_store.faults.open_faults()
    assert (fault.camera_num, fault.kind) == ("p1", FaultKind.MISSING)
    assert notice.isHidden()  # the next camera starts afresh


def test_a_finding_needs_an_item_or_a_note_and_return_never_files_it_as_normal(
    qtbot: QtBot, panel: PatrolRoundPanel, patrol_store: FlakyStore
) -> None:
    started(qtbot, panel)
    qtbot.keyClick(panel, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # nothing marked
    assert not button(panel, "markAnomaly").isEnabled()
    qtbot.keyClick(panel, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert button(panel, "markAnomaly").isEnabled()
    qtbot.keyClick(panel, Qt.Key.Key_Return)  # refused: an item is ticked
    assert panel.current_camera == "p1"
    assert text_of(panel, "roundMessage")  # tells the operator what to do
    qtbot.keyClick(panel, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)  # untick
    assert button(panel, "markNormal").isEnabled() and not button(panel, "markAnomaly").isEnabled()
    moved_on(qtbot, panel, Qt.Key.Key_Return)
    assert [c.outcome for c in patrol_store.rounds.round_state(panel.round_id).checks] == [
        CheckOutcome.NORMAL
    ]


def test_an_anomaly_without_a_picture_is_still_recorded(
    qtbot: QtBot, panel: PatrolRoundPanel, patrol_store: FlakyStore, grab: Grabber
) -> None:
    grab.playing = False
    started(qtbot, panel)
    item_box(panel, "accident").click()
    with qtbot.waitSignal(panel.event_opened, timeout=WAIT_MS):
        button(panel, "markAnomaly").click()
    (check,) = patrol_store.rounds.round_state(panel.round_id).checks
    assert (check.outcome, check.items, check.snapshot) == (CheckOutcome.ANOMALY, ("accident",), "")


def test_a_snapshot_the_disk_refuses_does_not_lose_the_finding(
    qtbot: QtBot, model: PatrolModel, patrol_store: FlakyStore, grab: Grabber, tmp_path: Path
) -> None:
    (tmp_path / "snapshots").write_text("a file where the folder should be")
    panel = make_panel(qtbot, model, tmp_path, grab)
    started(qtbot, panel)
    panel.findChild(QLineEdit, "checkNote").setText("路面有抛洒物")
    panel.findChild(QCheckBox, "keepWatching").setChecked(False)
    with qtbot.waitSignal(panel.event_opened, timeout=WAIT_MS):
        button(panel, "markAnomaly").click()
    (check,) = patrol_store.rounds.round_state(panel.round_id).checks
    assert (check.outcome, check.note, check.snapshot) == (CheckOutcome.ANOMALY, "路面有抛洒物", "")
    assert text_of(panel, "roundMessage")
    (event,) = patrol_store.events.open_events()
    assert event.steps == ()  # not kept watching: no step


def test_an_empty_round_is_refused_with_a_message(
    qtbot: QtBot, panel: PatrolRoundPanel, patrol_store: FlakyStore
) -> None:
    changes: list[bool] = []
    panel.running_changed.connect(changes.append)
    panel.start([])
    assert text_of(panel, "roundMessage")
    assert panel.round_id is None and changes == []
    assert patrol_store.rounds.open_round(OPERATOR) is None


def test_a_round_resumes_at_its_first_camera_not_recorded(
    qtbot: QtBot,
    panel: PatrolRoundPanel,
    runner: TaskRunner,
    new_patrol_model: PatrolModelFactory,
    database_url: str,
    grab: Grabber,
    tmp_path: Path,
) -> None:
    """A workstation stopped after two of three cameras: a new model and panel on the same
    database continue at the third, and the closing form counts all three."""
    started(qtbot, panel)
    round_id = panel.round_id
    moved_on(qtbot, panel, Qt.Key.Key_Return)
    panel.set_unplayable("m1", "无视频流")
    moved_on(qtbot, panel, Qt.Key.Key_Return)
    assert panel.current_camera == "t1"

    with open_patrol_store(database_url, PatrolStore) as restarted:  # "restarted"
        again = new_patrol_model(restarted)
        resumed = make_panel(qtbot, again, tmp_path, grab)
        played: list[str] = []
        resumed.play_requested.connect(played.append)
        with qtbot.waitSignal(resumed.running_changed, timeout=WAIT_MS):
            resumed.resume()  # before the model's first snapshot: it waits for it
            loaded(qtbot, again, CAMERAS)
        assert resumed.round_id == round_id
        assert resumed.current_camera == "t1" and played == ["t1"]
        assert text_of(resumed, "roundProgress") == "3/3"
        button(resumed, "markNormal").click()
        qtbot.waitUntil(lambda: resumed.current_camera is None, timeout=WAIT_MS)
        equipment = resumed.findChild(QLineEdit, "closeEquipment")
        assert equipment.text() == "2 路正常，0 路异常，1 路视频故障"
        dispose_patrol_model(runner, again)  # before its store's engine goes


def test_resume_without_an_open_round_does_nothing(
    qtbot: QtBot, panel: PatrolRoundPanel, runner: TaskRunner
) -> None:
    changes: list[bool] = []
    panel.running_changed.connect(changes.append)
    panel.resume()
    assert runner.wait(10_000)
    assert panel.round_id is None and changes == []
    assert button(panel, "startRound").isEnabled()


def test_its_keys_and_the_walls_do_not_collide(
    qtbot: QtBot, model: PatrolModel, runner: TaskRunner, grab: Grabber, tmp_path: Path
) -> None:
    """Return is "normal and next" while the panel has the focus and enlarges the selected
    tile while the wall has it."""
    window = QWidget()
    qtbot.addWidget(window)
    wall = VideoWall(
        FakeClient(CAMERAS), runner, player_factory=FakePlayer, timings=PATIENT, clock=FakeClock()
    )
    wall.set_cameras(CAMERAS)
    panel = PatrolRoundPanel(model, snapshot_dir=tmp_path, grab=grab)
    row = QHBoxLayout(window)
    row.addWidget(wall, 1)
    row.addWidget(panel)
    panel.play_requested.connect(wall.play)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    started(qtbot, panel)
    try:
        assert wall.tiles[0].camera.camera_num == "p1"
        qtbot.mouseClick(wall.tiles[0], Qt.MouseButton.LeftButton)
        qtbot.keyClick(wall, Qt.Key.Key_Return)
        assert wall.enlarged is wall.tiles[0]
        assert panel.current_camera == "p1"  # the panel did not take it
        qtbot.keyClick(wall, Qt.Key.Key_Escape)
        panel.setFocus()
        moved_on(qtbot, panel, Qt.Key.Key_Return)
        assert wall.enlarged is None and panel.current_camera == "m1"
    finally:
        wall.stop_all()


def test_start_continues_the_operators_open_round_instead_of_a_second_one(
    qtbot: QtBot, panel: PatrolRoundPanel, patrol_store: FlakyStore
) -> None:
    open_round = patrol_store.rounds.start_round(OPERATOR, ["m1", "t1"], T0 - timedelta(minutes=10))
    started(qtbot, panel)
    assert panel.round_id == open_round.id and panel.current_camera == "m1"
    assert text_of(panel, "roundProgress") == "1/2"
    assert text_of(panel, "roundMessage")  # says so


def test_a_camera_gone_from_the_directory_is_recorded_not_skipped(
    qtbot: QtBot, panel: PatrolRoundPanel, patrol_store: FlakyStore
) -> None:
    played: list[str] = []
    panel.play_requested.connect(played.append)
    started(qtbot, panel, ["gone"])
    assert panel.current_camera == "gone" and played == []  # nothing to play
    assert not panel.findChild(QLabel, "unplayableNotice").isHidden()
    qtbot.keyClick(panel, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.current_camera is None, timeout=WAIT_MS)
    (check,) = patrol_store.rounds.round_state(panel.round_id).checks
    assert (check.camera_num, check.outcome, check.note) == (
        "gone",
        CheckOutcome.UNPLAYABLE,
        "摄像机已不在目录中",
    )
