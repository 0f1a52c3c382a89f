"""Preset patrols (Z-5, 12.3.3b) on their own, as a step of a tour and in the patrol round: the
camera is sent to each preset in turn (``goto`` recorded here; the end-to-end test checks the
simulated camera's view) at the times the patrol says, under a fake monotonic clock. Nothing
sleeps: time moves when the test moves it and the players' ``tick`` is called."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from itertools import pairwise
from pathlib import Path
from typing import cast

import pytest
from PySide6.QtCore import QEvent, QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from patrol_app.domain.tours import NamedPresetPatrol, Tour, TourStep, named_preset_patrols
from patrol_app.store.database import open_database
from patrol_app.store.ptz import PresetStore
from patrol_app.ui.patrols.model import PatrolModel
from patrol_app.ui.patrols.round_panel import PatrolRoundPanel
from patrol_app.ui.preset_patrols import PresetPatrolPlayer, PresetPatrolSource
from patrol_app.ui.ptz.control import PtzControl
from patrol_app.ui.ptz.preset_patrol_dialog import PresetPatrolDialog
from patrol_app.ui.tasks import TaskRunner
from patrol_app.ui.wall.tour_dialog import TourDialog
from patrol_app.ui.wall.wall import VideoWall
from tests.ui.helpers import CAMERAS, PATIENT, FakeClient, FakeClock, FakePlayer, text_of
from tests.ui.patrol_helpers import MAINLINE, OPERATOR, T0, THREE, TOLL, WAIT_MS, loaded
from tests.ui.ptz.service_doubles import StorePresets

# The toll plaza camera's three presets and its preset patrol: 10 s on the plaza, 5 s on
# the exit lanes, 8 s on the entry lanes, and round again (23 s).
PRESETS = [(1, "收费广场"), (2, "入口车道"), (3, "出口车道")]
STEPS = [(1, 10.0), (3, 5.0), (2, 8.0)]


def plaza(camera_num: str) -> NamedPresetPatrol:
    return named_preset_patrols(camera_num, PRESETS, [("广场一圈", STEPS)])[0]


class Gotos(list[tuple[str, int]]):
    """The PTZ control's preset recall: remembers what it was asked, in order."""

    def __call__(self, camera_num: str, number: int) -> None:
        self.append((camera_num, number))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def gotos() -> Gotos:
    return Gotos()


def test_a_preset_patrol_calls_each_preset_in_turn_for_its_dwell(
    qtbot: QtBot, clock: FakeClock, gotos: Gotos
) -> None:
    """Z-5 (Done when): three presets with dwell times under an injected clock: each preset
    is called when the one before has had its dwell, not a moment earlier; round again."""
    player = PresetPatrolPlayer(plaza("c2"), goto=gotos, clock=clock)
    labels: list[tuple[int, str]] = []
    player.preset_changed.connect(lambda number, text: labels.append((number, text)))
    player.start()
    assert gotos == [("c2", 1)] and player.index == 0
    assert "收费广场" in labels[-1][1] and "1/3" in labels[-1][1]

    seen = []
    for step in (9.9, 0.1, 4.9, 0.1, 7.9, 0.1, 10.0):
        clock.advance(step)
        player.tick()
        seen.append((round(clock.now - 1000.0, 1), gotos[-1][1]))
    assert seen == [(9.9, 1), (10.0, 3), (14.9, 3), (15.0, 2), (22.9, 2), (23.0, 1), (33.0, 3)]
    assert gotos == [("c2", 1), ("c2", 3), ("c2", 2), ("c2", 1), ("c2", 3)]
    assert labels[1][0] == 3 and "出口车道" in labels[1][1] and "2/3" in labels[1][1]
    assert player.covered == (1, 3, 2)

    once = PresetPatrolPlayer(plaza("c4"), goto=gotos, clock=clock, once=True)
    once.start()
    for step in (10, 5, 8, 100):
        clock.advance(step)
        once.tick()
    assert gotos[-3:] == [("c4", 1), ("c4", 3), ("c4", 2)] and once.running  # one round
    once.stop()

    player.skip()  # the operator has seen enough: the next preset now, with its whole dwell
    assert gotos[-1] == ("c2", 2)
    clock.advance(7.9)
    player.tick()
    assert gotos[-1] == ("c2", 2)

    with qtbot.waitSignal(player.stopped):
        player.stop()
    clock.advance(100)
    player.tick()
    player.skip()
    assert not player.running and len(gotos) == 9  # stopped: the camera stays


def test_the_timer_wakes_the_patrol_when_the_dwell_is_over(
    qtbot: QtBot, clock: FakeClock, gotos: Gotos
) -> None:
    """The player's own timer calls ``tick``: with the clock moved past the dwell, the next
    preset comes without the test calling anything."""
    short = named_preset_patrols("c2", PRESETS, [("快", [(1, 0.01), (2, 0.01)])])[0]
    player = PresetPatrolPlayer(short, goto=gotos, clock=clock)
    player.start()
    clock.advance(1.0)
    qtbot.waitUntil(lambda: gotos[-1:] == [("c2", 2)])
    player.stop()


def test_pause_holds_the_preset_and_resume_gives_the_rest_of_its_dwell(
    clock: FakeClock, gotos: Gotos
) -> None:
    player = PresetPatrolPlayer(plaza("c2"), goto=gotos, clock=clock)
    player.start()
    clock.advance(4.0)
    player.pause()
    clock.advance(100.0)
    player.tick()
    assert gotos == [("c2", 1)] and player.paused
    player.resume()
    clock.advance(5.9)
    player.tick()
    assert gotos == [("c2", 1)]
    clock.advance(0.1)
    player.tick()
    assert gotos == [("c2", 1), ("c2", 3)]


@pytest.fixture
def wall(qtbot: QtBot, runner: TaskRunner, clock: FakeClock, gotos: Gotos) -> Iterator[VideoWall]:
    wall = VideoWall(
        FakeClient(CAMERAS),
        runner,
        player_factory=FakePlayer,
        timings=PATIENT,
        clock=clock,
        goto=gotos,
    )
    qtbot.addWidget(wall)
    wall.set_cameras(CAMERAS)
    patrol = plaza("c2")
    wall.set_preset_patrols({patrol.key: patrol})
    yield wall
    wall.stop_all()


def test_a_tour_step_runs_the_cameras_preset_patrol_for_one_round(
    wall: VideoWall, clock: FakeClock, gotos: Gotos
) -> None:
    """A tour of three cameras whose toll plaza step is its preset patrol: the step lasts the
    patrol's round (23 s, whatever dwell was saved), its presets are called in turn, the
    tile says which; the next camera stops the patrol. A step with one preset calls it once
    at its start."""
    tour = Tour(
        "收费站",
        (
            TourStep("c1", 10),
            TourStep("c2", 60, preset_patrol="广场一圈"),
            TourStep("c3", 10, preset=4),
        ),
    )
    tile = wall.tiles[0]
    player = wall.start_tour(tour, tile)
    assert gotos == [] and player.preset_patrol(tile) is None
    clock.advance(10)
    player.tick()
    assert tile.camera.camera_num == "c2" and gotos == [("c2", 1)]
    label = text_of(tile, "tileTour")
    assert "收费站" in label and "2/3" in label and "收费广场" in label and "1/3" in label
    patrol = player.preset_patrol(tile)
    assert patrol is not None
    for step in (10, 5):
        clock.advance(step)
        patrol.tick()
        player.tick()
    assert gotos == [("c2", 1), ("c2", 3), ("c2", 2)] and tile.camera.camera_num == "c2"
    assert "入口车道" in text_of(tile, "tileTour") and "3/3" in text_of(tile, "tileTour")

    clock.advance(8)  # 23 s: the round is over (not round again), and so is the step
    patrol.tick()
    assert gotos[-1] == ("c2", 2)
    player.tick()
    assert tile.camera.camera_num == "c3" and player.preset_patrol(tile) is None
    assert not patrol.running
    assert gotos == [("c2", 1), ("c2", 3), ("c2", 2), ("c3", 4)]
    assert "出口车道" not in text_of(tile, "tileTour")

    player.pause()  # back to the patrol while paused: it waits on its first preset
    player.next()
    player.next()
    assert gotos[-1] == ("c2", 1)
    clock.advance(50)
    player.preset_patrol(tile).tick()
    assert gotos[-1] == ("c2", 1)
    player.stop()
    assert player.preset_patrol(tile) is None


def test_a_tour_without_ptz_control_shows_the_cameras_as_they_point(
    qtbot: QtBot, runner: TaskRunner, clock: FakeClock
) -> None:
    wall = VideoWall(
        FakeClient(CAMERAS), runner, player_factory=FakePlayer, timings=PATIENT, clock=clock
    )
    qtbot.addWidget(wall)
    wall.set_cameras(CAMERAS)
    patrol = plaza("c2")
    wall.set_preset_patrols({patrol.key: patrol})
    player = wall.start_tour(Tour("t", (TourStep("c2", 60, preset_patrol="广场一圈"),)))
    assert player.preset_patrol(wall.tiles[0]) is None
    assert player.tour.steps[0].dwell_seconds == 23.0
    wall.stop_all()


def test_a_one_page_tour_runs_its_preset_patrol_again_on_each_pass(
    wall: VideoWall, clock: FakeClock, gotos: Gotos
) -> None:
    """A tour of one page (here one step, across the wall) comes back to its step at every
    pass: its preset patrol starts again from the first preset, not left on the last one
    for good; a step's preset is called again too."""
    tour = Tour("预置位测试", (TourStep("c2", 60, preset_patrol="广场一圈"),))
    player = wall.start_tour(tour)
    tile = wall.tiles[0]
    assert gotos == [("c2", 1)]
    for step in (10, 5):
        clock.advance(step)
        player.preset_patrol(tile).tick()
        player.tick()
    assert gotos == [("c2", 1), ("c2", 3), ("c2", 2)]
    for _pass in range(2):
        clock.advance(8)  # the round is over: the tour's next pass starts it again
        player.preset_patrol(tile).tick()
        player.tick()
        assert gotos[-1] == ("c2", 1) and player.preset_patrol(tile).index == 0
        assert "1/3" in text_of(tile, "tileTour") and tile.camera.camera_num == "c2"
        for step in (10, 5):
            clock.advance(step)
            player.preset_patrol(tile).tick()
            player.tick()
        assert gotos[-2:] == [("c2", 3), ("c2", 2)]
    player.stop()

    gotos.clear()
    single = wall.start_tour(Tour("一个", (TourStep("c3", 10, preset=4),)), wall.tiles[1])
    clock.advance(10)
    single.tick()
    clock.advance(10)
    single.tick()
    assert gotos == [("c3", 4)] * 3 and wall.tiles[1].camera.camera_num == "c3"


class Released(list[tuple[str, str]]):
    """The PTZ control as the tiles use it when they leave a camera: remembered in the same
    list as the preset calls, to see their order."""

    def __init__(self, calls: Gotos) -> None:
        super().__init__()
        self.calls = calls

    def release(self, camera_num: str) -> None:
        self.calls.append(("release", camera_num))  # type: ignore[arg-type]

    def let_go(self, camera_num: str) -> None:
        self.calls.append(("let_go", camera_num))  # type: ignore[arg-type]


def test_a_tour_does_not_give_up_the_camera_it_moves_to_another_tile(
    qtbot: QtBot, wall: VideoWall, clock: FakeClock, gotos: Gotos
) -> None:
    """The wall shows the toll plaza camera in its second tile; a tour of it across the wall
    puts it in the first tile, calls its preset and empties the others: the camera the wall
    keeps showing is not released (the tester saw a release 20 ms after the preset call). A
    camera no tile shows any more is released as before."""
    control = cast(PtzControl, Released(gotos))
    for tile in wall.tiles:
        tile.set_ptz(control)
    wall.play_in(wall.tiles[0], "c1")
    wall.play_in(wall.tiles[1], "c2")
    player = wall.start_tour(Tour("预置位测试", (TourStep("c2", 60, preset_patrol="广场一圈"),)))
    assert wall.tiles[0].camera.camera_num == "c2" and wall.tiles[1].camera is None
    assert gotos == [("release", "c1"), ("c2", 1)]
    clock.advance(23)  # the next pass shows the same camera in the same tile: no release
    player.tick()
    assert gotos == [("release", "c1"), ("c2", 1), ("c2", 1)]
    player.stop()
    wall.close_tile(wall.tiles[0])
    assert gotos[-1] == ("release", "c2")


# The patrol round.


@pytest.fixture
def preset_store(database_url: str) -> Iterator[PresetStore]:
    sessions = open_database(database_url)
    yield PresetStore(sessions)
    sessions.kw["bind"].dispose()


def store_plaza_patrol(store: PresetStore, camera_num: str) -> None:
    """The toll plaza's three presets and its patrol (PRESETS, STEPS) on ``camera_num``."""
    for number, name in PRESETS:
        store.save(camera_num, number, name, by=OPERATOR, now=T0)
    store.save_patrol(camera_num, "广场一圈", STEPS, by=OPERATOR, now=T0)


def round_panel(
    model: PatrolModel,
    tmp_path: Path,
    store: PresetStore,
    runner: TaskRunner,
    **options: object,
) -> PatrolRoundPanel:
    """The round panel reading ``store``'s preset patrols; ``options``: its goto, monotonic
    clock and parent."""
    return PatrolRoundPanel(
        model,
        snapshot_dir=tmp_path / "snapshots",
        grab=lambda _camera_num: None,
        preset_patrols=PresetPatrolSource(StorePresets(store), runner),  # type: ignore[arg-type]
        **options,  # type: ignore[arg-type]
    )


def test_the_round_runs_the_cameras_preset_patrol_until_it_is_confirmed(
    qtbot: QtBot,
    patrol_model: PatrolModel,
    preset_store: PresetStore,
    runner: TaskRunner,
    tmp_path: Path,
    clock: FakeClock,
    gotos: Gotos,
) -> None:
    """12.3.3b: the round reaches the toll plaza camera, which has a preset patrol: the panel
    shows it and runs it, the operator moves on to the next preset; confirming the camera
    stops it. The mainline camera without one shows no preset patrol."""
    store_plaza_patrol(preset_store, TOLL.camera_num)
    model = loaded(qtbot, patrol_model, THREE)
    panel = round_panel(model, tmp_path, preset_store, runner, goto=gotos, monotonic=clock)
    qtbot.addWidget(panel)
    panel.show()
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)
    box = panel.findChild(QGroupBox, "presetPatrol")

    with qtbot.waitSignal(panel.running_changed, timeout=WAIT_MS):
        panel.start([TOLL.camera_num, MAINLINE.camera_num])
    qtbot.waitUntil(lambda: gotos == [(TOLL.camera_num, 1)], timeout=WAIT_MS)
    patrol = panel.presets.player
    assert patrol is not None and box.isVisible()
    assert "收费广场" in text_of(panel, "presetPatrolLabel")
    clock.advance(10)
    patrol.tick()
    assert gotos[-1] == (TOLL.camera_num, 3)
    assert "出口车道" in text_of(panel, "presetPatrolLabel")
    assert "2" in text_of(panel, "presetPatrolCovered")
    qtbot.keyClick(panel, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert gotos[-1] == (TOLL.camera_num, 2) and patrol.covered == (1, 3, 2)
    assert panel.presets.covered == (1, 3, 2)

    panel.presets.toggle()  # the operator stops it, and runs it again
    assert panel.presets.player is None and not patrol.running
    panel.presets.toggle()
    assert gotos[-1] == (TOLL.camera_num, 1)
    patrol = panel.presets.player
    assert patrol is not None

    assert panel.presets.covered == (1, 3, 2)  # over both runs
    panel.mark_normal()  # confirmed: the patrol stops at once, the camera stays
    assert panel.presets.player is None and not patrol.running
    qtbot.waitUntil(lambda: panel.current_camera == MAINLINE.camera_num, timeout=WAIT_MS)
    assert panel.round_id is not None
    [check] = patrol_model.store.rounds.round_state(panel.round_id).checks
    assert (check.camera_num, check.presets) == (TOLL.camera_num, (1, 3, 2))  # in its record
    calls = len(gotos)
    clock.advance(60)
    patrol.tick()
    assert len(gotos) == calls
    runner.wait(WAIT_MS)  # the mainline camera's (empty) preset patrols are in
    assert not box.isVisible() and panel.presets.player is None
    assert panel.presets.covered == ()
    assert panel.findChild(QLabel, "presetPatrolLabel") is not None


def test_the_round_without_ptz_control_runs_no_preset_patrol(
    qtbot: QtBot,
    patrol_model: PatrolModel,
    preset_store: PresetStore,
    runner: TaskRunner,
    tmp_path: Path,
) -> None:
    preset_store.save_patrol(
        TOLL.camera_num, "广场一圈", STEPS, by=OPERATOR, now=T0 + timedelta(minutes=1)
    )
    model = loaded(qtbot, patrol_model, THREE)
    panel = round_panel(model, tmp_path, preset_store, runner)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.running_changed, timeout=WAIT_MS):
        panel.start([TOLL.camera_num])
    runner.wait(WAIT_MS)
    assert panel.presets.player is None


def test_the_checklist_stays_readable_beside_the_preset_patrol(
    qtbot: QtBot,
    patrol_model: PatrolModel,
    preset_store: PresetStore,
    runner: TaskRunner,
    tmp_path: Path,
    clock: FakeClock,
    gotos: Gotos,
) -> None:
    """The round on a camera with a preset patrol, in a dock of 400 x 520 (what the compliance
    panel leaves it): the preset patrol box squeezed the checklist, its items were drawn on
    top of each other and the window grew taller than the screen. Each item keeps its
    height, below the one before it (the checklist scrolls), and the panel asks for no more
    than the dock's height. (A mainline camera: its checklist has ten items.)"""
    store_plaza_patrol(preset_store, MAINLINE.camera_num)
    model = loaded(qtbot, patrol_model, THREE)
    host = QWidget()
    qtbot.addWidget(host)
    host.resize(400, 520)
    panel = round_panel(
        model, tmp_path, preset_store, runner, goto=gotos, monotonic=clock, parent=host
    )
    panel.setGeometry(0, 0, 400, 520)  # what a dock of that size gives it
    host.show()
    with qtbot.waitSignal(panel.running_changed, timeout=WAIT_MS):
        panel.start([MAINLINE.camera_num])
    qtbot.waitUntil(lambda: panel.presets.player is not None, timeout=WAIT_MS)
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest.value)
    assert panel.findChild(QGroupBox, "presetPatrol").isVisible()
    items = [box for box in panel.findChildren(QCheckBox) if box.objectName().startswith("item:")]
    assert len(items) >= 8
    places = [QRect(box.mapTo(panel, QPoint(0, 0)), box.size()) for box in items]
    for box in items:
        assert box.height() >= box.minimumSizeHint().height()
        assert box.width() >= box.minimumSizeHint().width()  # not cut on the right either
    for above, below in pairwise(places):
        assert below.top() > above.bottom()
    assert panel.minimumSizeHint().height() <= 520  # never more than the dock has
    scroll = panel.findChild(QScrollArea, "checklistScroll")
    assert scroll.height() >= 3 * items[0].sizeHint().height()  # a few items at a glance
    scroll.ensureWidgetVisible(items[-1])  # the last one is there to scroll to
    assert not items[-1].visibleRegion().isEmpty()


# The editors.


def test_the_tour_editor_lets_a_step_run_a_preset_patrol(qtbot: QtBot) -> None:
    """A camera with preset patrols offers them for its step; the step is saved with the
    patrol's round as its dwell. A camera without any offers nothing to choose."""
    patrol = plaza("c2")
    dialog = TourDialog(CAMERAS, preset_patrols={patrol.key: patrol})
    qtbot.addWidget(dialog)
    cameras = dialog.findChild(QListWidget, "tourCameras")
    view = dialog.findChild(QComboBox, "tourStepView")
    dialog.findChild(QLineEdit, "tourName").setText("收费站")
    cameras.item(0).setCheckState(Qt.CheckState.Checked)
    cameras.setCurrentRow(0)
    assert not view.isEnabled()
    cameras.setCurrentRow(1)
    assert view.isEnabled() and view.count() == 2 and "广场一圈" in view.itemText(1)
    view.setCurrentIndex(1)
    view.activated.emit(1)
    assert cameras.item(1).checkState() is Qt.CheckState.Checked
    assert "广场一圈" in cameras.item(1).text()
    assert dialog.tour() == Tour(
        "收费站", (TourStep("c1", 15), TourStep("c2", 23.0, preset_patrol="广场一圈"))
    )
    view.setCurrentIndex(0)  # back to the camera as it points
    view.activated.emit(0)
    assert dialog.tour().steps[1] == TourStep("c2", 15)
    assert "广场一圈" not in cameras.item(1).text()


def test_the_preset_patrol_editor_saves_through_the_store(
    qtbot: QtBot, preset_store: PresetStore, runner: TaskRunner
) -> None:
    """Z-5: a patrol of the camera's stored presets, in order, each with its dwell, saved
    and removed through the task runner."""
    for number, name in PRESETS:
        preset_store.save("c2", number, name, by=OPERATOR, now=T0)
    presets = StorePresets(preset_store, OPERATOR, lambda: T0)
    dialog = PresetPatrolDialog(presets, runner, "c2", title="粤北收费站")  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)
    save = dialog.findChild(QPushButton, "savePresetPatrol")
    assert not save.isEnabled()
    for _ in range(3):
        dialog.findChild(QPushButton, "addPresetStep").click()
    assert dialog.steps() == [(1, 10.0), (2, 10.0), (3, 10.0)]
    dialog.findChild(QDoubleSpinBox, "presetDwell:1").setValue(8)
    dialog.findChild(QDoubleSpinBox, "presetDwell:2").setValue(5)
    table = dialog.findChild(QTableWidget, "presetPatrolSteps")
    table.selectRow(2)
    dialog.findChild(QPushButton, "presetStepUp").click()  # the exit lanes before the entry
    assert dialog.steps() == STEPS
    assert "23" in text_of(dialog, "presetPatrolTotal")
    dialog.findChild(QLineEdit, "presetPatrolName").setText(" 广场一圈 ")
    with qtbot.waitSignal(dialog.changed, timeout=WAIT_MS):
        save.click()
    assert [(p.name, p.steps) for p in preset_store.patrols("c2")] == [("广场一圈", tuple(STEPS))]
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)
    patrols = dialog.findChild(QListWidget, "presetPatrols")
    assert [patrols.item(row).text() for row in range(patrols.count())] == ["广场一圈"]

    combo = dialog.findChild(QComboBox, "presetStep:0")  # the same patrol, first preset 2
    combo.setCurrentIndex(combo.findData(2))
    with qtbot.waitSignal(dialog.changed, timeout=WAIT_MS):
        save.click()
    assert preset_store.patrols("c2")[0].steps[0] == (2, 10.0)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)
    with qtbot.waitSignal(dialog.changed, timeout=WAIT_MS):
        dialog.findChild(QPushButton, "deletePresetPatrol").click()
    assert preset_store.patrols("c2") == []
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)
    assert patrols.count() == 0 and dialog.steps() == []


def test_the_preset_patrol_editor_says_when_the_camera_has_no_presets(
    qtbot: QtBot, preset_store: PresetStore, runner: TaskRunner
) -> None:
    dialog = PresetPatrolDialog(StorePresets(preset_store), runner, "c9", title="c9")  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)
    assert not dialog.findChild(QPushButton, "addPresetStep").isEnabled()
    assert text_of(dialog, "presetPatrolMessage")
