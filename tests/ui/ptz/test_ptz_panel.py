"""The PTZ panel, the command line behind it and the tile's picture (Z-1, Z-4, Z-5), against a
fake PTZ service: held moves repeat and stop in order, diagonals as one move (buttons, two
keys, drags), keys, refusals naming the holder, a takeover seen, presets by number key, wheel
zoom, drag direction, hasControl = 0; and what a tester found under Xvfb (a + held past its
Shift, a long wheel spin, digits eaten by the list, a panel that jumped, second stops, a
drag's speed changes)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QToolButton,
    QTreeWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from patrol_app.domain.ptz import MAX_PRESET, MAX_PRESET_NAME, PtzAction
from patrol_app.platform.http import PlatformError
from patrol_app.platform.ptz import PtzHolder
from patrol_app.store.database import open_database
from patrol_app.store.ptz import PresetStore, PtzStoreError
from patrol_app.ui.ptz.control import DRAG_DEAD_ZONE, PtzControl, drag_move
from patrol_app.ui.ptz.panel import PtzPanel
from patrol_app.ui.tasks import TaskRunner
from patrol_app.ui.video.stream import LiveStream
from patrol_app.ui.wall.tile import Tile
from patrol_app.ui.widgets.elided_label import ElidedLabel
from tests.ui.helpers import CAMERAS, PATIENT, FakeClient, FakePlayer
from tests.ui.ptz.service_doubles import StorePresets

A = PtzAction
FAST_MS = 30  # the keepalive repeat in these tests (the workstation's: 400 ms)
NO_KEYS = Qt.KeyboardModifier.NoModifier
OPERATOR = "值班员甲"

DOME = replace(CAMERAS[0], has_control=True)  # c1: a controllable dome
FIXED = CAMERAS[1]  # c2: hasControl = 0
CAMERA = DOME.camera_num


class FakePtz:
    """The PtzClient's calls, recorded in the order the service would get them (a diagonal
    move: ``("move", camera, pan, speed, tilt)``). ``refuse``
    makes a camera's commands fail as the service refuses them; ``gate`` (cleared) holds
    every command until set, as a slow service would; ``set_preset`` stores the name in
    ``presets`` as the service does."""

    def __init__(self, presets: PresetStore | None = None, operator: str = OPERATOR) -> None:
        self.operator = operator
        self.presets = presets
        self.calls: list[tuple[object, ...]] = []
        self.refusals: dict[str, PlatformError] = {}
        self.holders: dict[str, PtzHolder | None] = {}
        self.gate = threading.Event()
        self.gate.set()
        self._lock = threading.Lock()

    def _call(self, *call: object) -> None:
        assert self.gate.wait(10), "the test never opened the gate"
        with self._lock:
            self.calls.append(call)
        error = self.refusals.get(str(call[1]))
        if error is not None:
            raise error

    def move(
        self, camera_num: str, action: PtzAction, speed: int, tilt: PtzAction | None = None
    ) -> None:
        diagonal = () if tilt is None else (PtzAction(tilt),)
        self._call("move", camera_num, PtzAction(action), speed, *diagonal)

    def stop(self, camera_num: str) -> None:
        self._call("stop", camera_num)

    def release(self, camera_num: str) -> None:
        self._call("release", camera_num)

    def goto_preset(self, camera_num: str, number: int) -> None:
        self._call("goto", camera_num, number)

    def set_preset(self, camera_num: str, number: int, name: str) -> None:
        self._call("set", camera_num, number, name)
        if self.presets is not None:
            self.presets.save(camera_num, number, name, by=self.operator, now=datetime.now(UTC))

    def holder(self, camera_num: str) -> PtzHolder | None:
        return self.holders.get(camera_num)

    def kinds(self) -> list[object]:
        with self._lock:
            return [call[0] for call in self.calls]

    def moves(self) -> list[tuple[object, ...]]:
        with self._lock:
            return [call for call in self.calls if call[0] == "move"]


def mine(name: str = OPERATOR) -> PtzHolder:
    return PtzHolder(name, "路段值班员", "workstation", True)


SUPERVISOR = PtzHolder("张三", "路段主管", "workstation", False)


@pytest.fixture
def presets(database_url: str) -> Iterator[PresetStore]:
    sessions = open_database(database_url)
    yield PresetStore(sessions)
    sessions.kw["bind"].dispose()


@pytest.fixture
def fake(presets: PresetStore) -> FakePtz:
    return FakePtz(presets)


@pytest.fixture
def control(qapp: QApplication, fake: FakePtz) -> Iterator[PtzControl]:
    control = PtzControl(fake, repeat_ms=FAST_MS, poll_ms=FAST_MS, nudge_ms=2 * FAST_MS)
    yield control
    fake.gate.set()
    control.shutdown()


@pytest.fixture
def panel(
    qtbot: QtBot, control: PtzControl, runner: TaskRunner, presets: PresetStore
) -> Iterator[PtzPanel]:
    panel = PtzPanel(control, runner, StorePresets(presets))  # type: ignore[arg-type]
    qtbot.addWidget(panel)
    panel.show()
    panel.set_camera(DOME)
    panel.setFocus()
    yield panel
    panel.set_camera(None)


def button(panel: QWidget, name: str) -> QToolButton:
    found = panel.findChild(QToolButton, name)
    assert found is not None, name
    return found


def key(
    widget: QWidget,
    kind: QEvent.Type,
    code: Qt.Key,
    *,
    repeat: bool = False,
    modifiers: Qt.KeyboardModifier = NO_KEYS,
    scan_code: int = 0,
    text: str = "",
) -> None:
    """A key event as a keyboard sends it (``scan_code`` 0: none, as synthetic events)."""
    event = QKeyEvent(kind, code, modifiers, scan_code, 0, 0, text, repeat)
    QApplication.sendEvent(widget, event)


def press_key(widget: QWidget, code: Qt.Key, *, repeat: bool = False) -> None:
    key(widget, QEvent.Type.KeyPress, code, repeat=repeat)


def release_key(widget: QWidget, code: Qt.Key, *, repeat: bool = False) -> None:
    key(widget, QEvent.Type.KeyRelease, code, repeat=repeat)


def assert_moves_then_stop(fake: FakePtz, *actions: PtzAction) -> None:
    """Moves of ``actions`` only, then one stop, and nothing after it."""
    kinds = fake.kinds()
    assert kinds[-1] == "stop" and kinds.count("stop") == 1, kinds
    assert {call[2] for call in fake.moves()} == set(actions)
    assert kinds.index("stop") == len(kinds) - 1


# --- Held moves -----------------------------------------------------------------------------


def test_button_held_moves_repeats_and_stops_on_release(
    qtbot: QtBot, panel: PtzPanel, control: PtzControl, fake: FakePtz
) -> None:
    left = button(panel, "ptzLeft")
    qtbot.mousePress(left, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(fake.moves()) >= 3)  # the keepalive repeats the move
    assert control.hold_of(CAMERA) is not None
    qtbot.mouseRelease(left, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: fake.kinds()[-1:] == ["stop"])
    control.shutdown()  # every command sent: nothing may follow the stop
    assert fake.moves()[0] == ("move", CAMERA, A.LEFT, 4)
    assert fake.kinds().count("stop") == 1
    assert fake.kinds()[-1] == "release"  # closing gives the camera back
    assert control.hold_of(CAMERA) is None


@pytest.mark.parametrize(
    ("name", "actions"),
    [
        ("ptzUp", {A.UP}),
        ("ptzDown", {A.DOWN}),
        ("ptzRight", {A.RIGHT}),
        ("ptzZoomIn", {A.ZOOM_IN}),
        ("ptzZoomOut", {A.ZOOM_OUT}),
        ("ptzFocusNear", {A.FOCUS_NEAR}),
        ("ptzFocusFar", {A.FOCUS_FAR}),
        ("ptzIrisClose", {A.IRIS_CLOSE}),
        ("ptzIrisOpen", {A.IRIS_OPEN}),
    ],
)
def test_each_held_button_sends_its_actions(
    qtbot: QtBot, panel: PtzPanel, fake: FakePtz, name: str, actions: set[PtzAction]
) -> None:
    qtbot.mousePress(button(panel, name), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: {call[2] for call in fake.moves()} == actions)
    qtbot.mouseRelease(button(panel, name), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: fake.kinds()[-1:] == ["stop"])
    assert_moves_then_stop(fake, *actions)


@pytest.mark.parametrize(
    ("name", "pan", "tilt"),
    [
        ("ptzUpLeft", A.LEFT, A.UP),
        ("ptzUpRight", A.RIGHT, A.UP),
        ("ptzDownLeft", A.LEFT, A.DOWN),
        ("ptzDownRight", A.RIGHT, A.DOWN),
    ],
)
def test_a_diagonal_button_sends_one_move_of_both_axes(
    qtbot: QtBot, panel: PtzPanel, control: PtzControl, fake: FakePtz, name: str, pan: A, tilt: A
) -> None:
    """Its repeats are the same move carrying the pan and the tilt, never the two in turn
    (the service would take each as replacing the other)."""
    qtbot.mousePress(button(panel, name), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(fake.moves()) >= 3)
    assert control.hold_of(CAMERA).actions == (pan, tilt)
    qtbot.mouseRelease(button(panel, name), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: fake.kinds()[-1:] == ["stop"])
    assert set(fake.moves()) == {("move", CAMERA, pan, 4, tilt)}
    assert_moves_then_stop(fake, pan)


def test_speed_slider_sets_the_step_and_light_is_one_command(
    qtbot: QtBot, panel: PtzPanel, fake: FakePtz
) -> None:
    panel.findChild(QWidget, "ptzSpeed").setValue(7)
    qtbot.mouseClick(button(panel, "ptzLightOn"), Qt.MouseButton.LeftButton)
    qtbot.mousePress(button(panel, "ptzRight"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(fake.moves()) >= 2)
    qtbot.mouseRelease(button(panel, "ptzRight"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: fake.kinds()[-1:] == ["stop"])
    assert fake.moves()[:2] == [("move", CAMERA, A.LIGHT_ON, 1), ("move", CAMERA, A.RIGHT, 7)]


def test_a_stop_never_overtakes_its_move_and_repeats_do_not_pile_up(
    qtbot: QtBot, panel: PtzPanel, control: PtzControl, fake: FakePtz
) -> None:
    """A slow service: the first move hangs; the keepalive does not queue more behind it, and
    the release's stop goes out after the move."""
    ticks: list[int] = []
    control._repeat.timeout.connect(lambda: ticks.append(1))
    fake.gate.clear()
    press_key(panel, Qt.Key.Key_Up)
    qtbot.waitUntil(lambda: len(ticks) >= 5)
    release_key(panel, Qt.Key.Key_Up)
    fake.gate.set()
    qtbot.waitUntil(lambda: fake.kinds()[-1:] == ["stop"])
    assert fake.calls == [("move", CAMERA, A.UP, 4), ("stop", CAMERA)]


# --- Keyboard -------------------------------------------------------------------------------


def test_arrow_key_held_moves_and_auto_repeat_is_ignored(
    qtbot: QtBot, panel: PtzPanel, control: PtzControl, fake: FakePtz
) -> None:
    press_key(panel, Qt.Key.Key_Left)
    qtbot.waitUntil(lambda: len(fake.moves()) >= 2)
    for _ in range(3):  # what X11 sends while the key stays down
        release_key(panel, Qt.Key.Key_Left, repeat=True)
        press_key(panel, Qt.Key.Key_Left, repeat=True)
    qtbot.waitUntil(lambda: len(fake.moves()) >= 4)
    assert "stop" not in fake.kinds() and control.hold_of(CAMERA) is not None
    release_key(panel, Qt.Key.Key_Left)
    qtbot.waitUntil(lambda: fake.kinds()[-1:] == ["stop"])
    assert_moves_then_stop(fake, A.LEFT)


def test_two_arrows_of_both_axes_move_diagonally_and_plus_minus_zoom(
    qtbot: QtBot, panel: PtzPanel, control: PtzControl, fake: FakePtz
) -> None:
    """A horizontal and a vertical arrow held together: one diagonal move; of two arrows on
    one axis the one pressed last counts; + and - zoom (the last key pressed wins)."""

    def held() -> tuple[A, ...]:
        return control.hold_of(CAMERA).actions

    press_key(panel, Qt.Key.Key_Up)
    press_key(panel, Qt.Key.Key_Left)
    qtbot.waitUntil(lambda: ("move", CAMERA, A.LEFT, 4, A.UP) in fake.moves())
    assert held() == (A.LEFT, A.UP)
    release_key(panel, Qt.Key.Key_Left)
    assert held() == (A.UP,)
    press_key(panel, Qt.Key.Key_Left)
    release_key(panel, Qt.Key.Key_Up)
    assert held() == (A.LEFT,)
    press_key(panel, Qt.Key.Key_Right)  # the newest of the pan axis
    assert held() == (A.RIGHT,)
    press_key(panel, Qt.Key.Key_Down)
    assert held() == (A.RIGHT, A.DOWN)
    release_key(panel, Qt.Key.Key_Right)  # the older pan, still down, takes over
    assert held() == (A.LEFT, A.DOWN)
    press_key(panel, Qt.Key.Key_Plus)
    assert held() == (A.ZOOM_IN,)
    release_key(panel, Qt.Key.Key_Plus)
    assert held() == (A.LEFT, A.DOWN)
    release_key(panel, Qt.Key.Key_Left)
    assert held() == (A.DOWN,)
    release_key(panel, Qt.Key.Key_Down)
    press_key(panel, Qt.Key.Key_Minus)
    assert held() == (A.ZOOM_OUT,)
    release_key(panel, Qt.Key.Key_Minus)
    # The stop after the zoom, not the one before it (sent when the arrows were let go).
    qtbot.waitUntil(
        lambda: ("move", CAMERA, A.ZOOM_OUT, 4) in fake.moves() and fake.kinds()[-1:] == ["stop"]
    )
    assert control.hold_of(CAMERA) is None
    sent = {call[2:] for call in fake.moves()}
    assert {(A.LEFT, 4, A.UP), (A.LEFT, 4, A.DOWN), (A.ZOOM_IN, 4), (A.ZOOM_OUT, 4)} <= sent
    assert sent <= {
        (A.LEFT, 4, A.UP),
        (A.UP, 4),
        (A.LEFT, 4),
        (A.RIGHT, 4),
        (A.RIGHT, 4, A.DOWN),
        (A.LEFT, 4, A.DOWN),
        (A.DOWN, 4),
        (A.ZOOM_IN, 4),
        (A.ZOOM_OUT, 4),
    }  # each hold one move, a diagonal never split in two


def test_a_key_held_when_the_focus_leaves_stops_the_camera(
    qtbot: QtBot, panel: PtzPanel, control: PtzControl, fake: FakePtz
) -> None:
    press_key(panel, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: len(fake.moves()) >= 1)
    QApplication.sendEvent(panel, QFocusEvent(QEvent.Type.FocusOut))  # its release won't come
    qtbot.waitUntil(lambda: fake.kinds()[-1:] == ["stop"])
    assert control.hold_of(CAMERA) is None


# --- Refusals, holder, takeover -------------------------------------------------------------


def test_a_refused_move_shows_who_holds_the_camera_and_ends_the_hold(
    qtbot: QtBot, panel: PtzPanel, control: PtzControl, fake: FakePtz
) -> None:
    fake.refusals[CAMERA] = PlatformError("摄像机由 张三（路段主管）控制中", code=403)
    fake.holders[CAMERA] = SUPERVISOR
    qtbot.mousePress(button(panel, "ptzLeft"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "张三" in panel.message)
    assert "路段主管" in panel.message
    assert control.hold_of(CAMERA) is None  # no repeat of a refused move
    qtbot.waitUntil(lambda: "张三" in panel.holder_text)
    qtbot.mouseRelease(button(panel, "ptzLeft"), Qt.MouseButton.LeftButton)
    control.shutdown()
    assert fake.kinds() == ["move"]  # refused: nothing moved, nothing to stop or release


def test_the_holder_is_shown_and_a_takeover_is_seen(
    qtbot: QtBot, panel: PtzPanel, control: PtzControl, fake: FakePtz
) -> None:
    fake.holders[CAMERA] = None
    qtbot.waitUntil(lambda: control.holder is None and panel.holder_text != "")
    free = panel.holder_text
    fake.holders[CAMERA] = mine()
    press_key(panel, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: panel.holder_text != free)
    yours = panel.holder_text
    assert "张三" not in yours
    with qtbot.waitSignal(control.taken_over) as taken:
        fake.holders[CAMERA] = SUPERVISOR
    assert taken.args == [CAMERA, SUPERVISOR]
    assert "张三" in panel.message and "路段主管" in panel.message
    assert "张三" in panel.holder_text
    qtbot.waitUntil(lambda: fake.kinds()[-1:] == ["stop"])  # the key's hold ended
    assert control.hold_of(CAMERA) is None


# --- Presets --------------------------------------------------------------------------------


def test_number_keys_and_the_list_recall_presets(
    qtbot: QtBot, panel: PtzPanel, presets: PresetStore, fake: FakePtz
) -> None:
    now = datetime.now(UTC)
    for number, name in ((1, "收费站广场"), (2, "主线上行"), (3, "匝道口")):
        presets.save(CAMERA, number, name, by=OPERATOR, now=now)
    panel.reload_presets()
    qtbot.waitUntil(lambda: len(panel.presets) == 3)
    press_key(panel, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: ("goto", CAMERA, 2) in fake.calls)
    press_key(panel, Qt.Key.Key_7)  # not stored: said, not sent
    assert "7" in panel.message
    tree = panel.findChild(QWidget, "ptzPresets")
    tree.setCurrentItem(tree.topLevelItem(2))
    qtbot.mouseClick(panel.findChild(QPushButton, "ptzRecall"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ("goto", CAMERA, 3) in fake.calls)
    assert [call for call in fake.calls if call[0] == "goto"] == [
        ("goto", CAMERA, 2),
        ("goto", CAMERA, 3),
    ]


def test_store_the_view_as_a_preset_and_rename_it(
    qtbot: QtBot, panel: PtzPanel, presets: PresetStore, fake: FakePtz
) -> None:
    name = panel.findChild(QLineEdit, "ptzPresetName")
    name.setText("收费站广场")
    qtbot.mouseClick(panel.findChild(QPushButton, "ptzStorePreset"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: [p.name for p in panel.presets] == ["收费站广场"])
    assert ("set", CAMERA, 1, "收费站广场") in fake.calls
    assert "1" in panel.message and name.text() == ""
    tree = panel.findChild(QWidget, "ptzPresets")
    tree.topLevelItem(0).setText(1, "收费站广场（东）")  # the operator's edit (F2)
    qtbot.waitUntil(lambda: [p.name for p in presets.presets(CAMERA)] == ["收费站广场（东）"])
    qtbot.waitUntil(lambda: [p.name for p in panel.presets] == ["收费站广场（东）"])
    assert [c for c in fake.calls if c[0] == "set"] == [("set", CAMERA, 1, "收费站广场")]


def test_a_preset_name_is_capped_and_a_refused_name_is_told(
    qtbot: QtBot,
    panel: PtzPanel,
    presets: PresetStore,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The list's editor takes at most MAX_PRESET_NAME characters; a longer name (set
    otherwise) is refused with a message, as is a name the store refuses: said to the
    operator, never the crash dialog."""
    presets.save(CAMERA, 1, "收费站广场", by=OPERATOR, now=datetime.now(UTC))
    panel.reload_presets()
    qtbot.waitUntil(lambda: len(panel.presets) == 1)
    tree = panel.findChild(QTreeWidget, "ptzPresets")
    item = tree.topLevelItem(0)
    tree.editItem(item, 1)
    editor = tree.viewport().findChild(QLineEdit)
    assert editor is not None
    editor.selectAll()
    qtbot.keyClicks(editor, "x" * (MAX_PRESET_NAME + 10))
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    capped = "x" * MAX_PRESET_NAME
    qtbot.waitUntil(lambda: [p.name for p in presets.presets(CAMERA)] == [capped])
    qtbot.waitUntil(lambda: [p.name for p in panel.presets] == [capped])
    tree.topLevelItem(0).setText(1, "长" * (MAX_PRESET_NAME + 1))  # not through the editor
    assert str(MAX_PRESET_NAME) in panel.message
    assert tree.topLevelItem(0).text(1) == capped  # put back
    assert [p.name for p in presets.presets(CAMERA)] == [capped]

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PtzStoreError("预置位名称不合规")

    monkeypatch.setattr(presets, "save", refuse)
    panel.rename_preset(1, "入口")
    qtbot.waitUntil(lambda: panel.message == "预置位名称不合规")


def test_store_is_disabled_while_every_preset_number_is_used(
    qtbot: QtBot, panel: PtzPanel, presets: PresetStore
) -> None:
    now = datetime.now(UTC)
    for number in range(1, MAX_PRESET + 1):
        if number != 7:
            presets.save(CAMERA, number, f"预置位{number}", by=OPERATOR, now=now)
    panel.reload_presets()
    qtbot.waitUntil(lambda: len(panel.presets) == MAX_PRESET - 1)
    store = panel.findChild(QPushButton, "ptzStorePreset")
    number = panel.findChild(QSpinBox, "ptzPresetNumber")
    assert store.isEnabled() and number.value() == 7  # the one number free
    presets.save(CAMERA, 7, "预置位7", by=OPERATOR, now=now)
    panel.reload_presets()
    qtbot.waitUntil(lambda: len(panel.presets) == MAX_PRESET)
    name = panel.findChild(QLineEdit, "ptzPresetName")
    assert not store.isEnabled() and not name.isEnabled()
    assert str(MAX_PRESET) in name.placeholderText() and str(MAX_PRESET) in store.toolTip()
    presets.remove(CAMERA, 200)
    panel.reload_presets()
    qtbot.waitUntil(lambda: len(panel.presets) == MAX_PRESET - 1)
    assert store.isEnabled() and name.isEnabled() and number.value() == 200


# --- Cameras without PTZ, camera changes, closing ------------------------------------------


def test_a_camera_without_control_disables_the_panel_with_the_reason(
    qtbot: QtBot, panel: PtzPanel, control: PtzControl, fake: FakePtz
) -> None:
    panel.set_camera(FIXED)
    assert not panel.findChild(QWidget, "ptzControls").isEnabled()
    reason = panel.findChild(QLabel, "ptzReason").text()
    assert reason and "hasControl" not in reason  # the operator's words, not the spec's
    assert control.watched is None  # nobody to ask who holds it
    press_key(panel, Qt.Key.Key_Left)
    release_key(panel, Qt.Key.Key_Left)
    press_key(panel, Qt.Key.Key_1)
    assert panel.message == reason
    control.shutdown()
    assert fake.calls == []
    panel.set_camera(None)
    assert not panel.findChild(QWidget, "ptzControls").isEnabled()


def test_following_another_camera_stops_and_releases_the_one_moving(
    qtbot: QtBot, panel: PtzPanel, control: PtzControl, fake: FakePtz
) -> None:
    press_key(panel, Qt.Key.Key_Left)
    qtbot.waitUntil(lambda: len(fake.moves()) >= 1)
    panel.set_camera(replace(CAMERAS[2], has_control=True))
    qtbot.waitUntil(lambda: fake.kinds()[-2:] == ["stop", "release"])
    release_key(panel, Qt.Key.Key_Left)  # the release of a key whose hold already ended
    assert control.hold_of(CAMERA) is None
    assert not control.is_moving(CAMERAS[2].camera_num)


def test_shutdown_stops_and_releases_every_camera_moving(
    qtbot: QtBot, control: PtzControl, fake: FakePtz
) -> None:
    control.hold(CAMERA, (A.LEFT,))
    control.nudge("c3", A.ZOOM_IN)
    qtbot.waitUntil(lambda: len(fake.moves()) >= 2)
    assert control.shutdown()
    for camera_num in (CAMERA, "c3"):
        mine_calls = [call[0] for call in fake.calls if call[1] == camera_num]
        assert mine_calls[-2:] == ["stop", "release"], mine_calls
    control.hold(CAMERA, (A.RIGHT,))  # nothing goes out after the shutdown
    assert control.hold_of(CAMERA) is None
    assert ("move", CAMERA, A.RIGHT, 4) not in fake.calls


def test_shutdown_waits_once_however_many_things_are_stuck(
    qtbot: QtBot, control: PtzControl, fake: FakePtz, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stuck command and a stuck question of who holds the camera share one wait: closing
    the window blocks at most ``msecs``, not that twice."""
    asked, answer = threading.Event(), threading.Event()

    def holder(_camera_num: str) -> PtzHolder | None:
        asked.set()
        answer.wait(10)
        return None

    monkeypatch.setattr(fake, "holder", holder)
    control.watch(CAMERA)
    assert asked.wait(5)
    fake.gate.clear()  # the service hangs: the stop and the release never go out
    control.hold(CAMERA, (A.LEFT,))
    started = time.monotonic()
    try:
        assert not control.shutdown(500)
        assert time.monotonic() - started < 0.9
    finally:
        answer.set()
        fake.gate.set()
    qtbot.waitUntil(lambda: fake.kinds()[-2:] == ["stop", "release"])  # they went out late


# --- The tile's picture ----------------------------------------------------------------------


@pytest.fixture
def tile(qtbot: QtBot, runner: TaskRunner, control: PtzControl) -> Iterator[Tile]:
    client = FakeClient([DOME, FIXED])
    tile = Tile(LiveStream(client, runner, FakePlayer, PATIENT))
    qtbot.addWidget(tile)
    tile.resize(400, 300)
    tile.show()
    tile.set_ptz(control)
    tile.play(DOME)
    qtbot.waitUntil(lambda: len(tile.player.opened) == 1)
    tile.player.show_frame()
    yield tile
    tile.clear()


def mouse(widget: QWidget, kind: QEvent.Type, at: QPointF) -> None:
    left = Qt.MouseButton.LeftButton
    buttons = Qt.MouseButton.NoButton if kind is QEvent.Type.MouseButtonRelease else left
    local = widget.mapFromGlobal(at)
    QApplication.sendEvent(widget, QMouseEvent(kind, local, at, left, buttons, NO_KEYS))


def test_dragging_the_picture_turns_the_camera_until_released(
    qtbot: QtBot, tile: Tile, control: PtzControl, fake: FakePtz
) -> None:
    view = tile.player.view
    centre = QPointF(view.mapToGlobal(view.rect().center()))
    mouse(view, QEvent.Type.MouseButtonPress, centre)
    mouse(view, QEvent.Type.MouseMove, centre + QPointF(-3, 2))  # inside the dead zone
    assert control.hold_of(CAMERA) is None
    mouse(view, QEvent.Type.MouseMove, centre + QPointF(-120, 4))
    hold = control.hold_of(CAMERA)
    assert hold is not None and hold.actions == (A.LEFT,)
    mouse(view, QEvent.Type.MouseMove, centre + QPointF(-5, -30))  # mostly up, shorter
    upwards = control.hold_of(CAMERA)
    assert upwards.actions == (A.UP,) and upwards.speed < hold.speed
    mouse(view, QEvent.Type.MouseMove, centre + QPointF(70, 60))  # down and right: diagonal
    diagonal = control.hold_of(CAMERA)
    assert diagonal.actions == (A.RIGHT, A.DOWN)
    qtbot.waitUntil(lambda: ("move", CAMERA, A.RIGHT, diagonal.speed, A.DOWN) in fake.moves())
    mouse(view, QEvent.Type.MouseButtonRelease, centre + QPointF(70, 60))
    qtbot.waitUntil(lambda: fake.kinds()[-1:] == ["stop"])
    assert control.hold_of(CAMERA) is None
    assert {call[2:3] + call[4:] for call in fake.moves()} == {
        (A.LEFT,),
        (A.UP,),
        (A.RIGHT, A.DOWN),
    }


def test_the_wheel_zooms_a_notch_then_stops(qtbot: QtBot, tile: Tile, fake: FakePtz) -> None:
    view = tile.player.view
    at = QPointF(view.rect().center())
    for delta in (120, 120):  # two notches in: one longer move
        QApplication.sendEvent(
            view,
            QWheelEvent(
                at,
                QPointF(view.mapToGlobal(at)),
                QPoint(),
                QPoint(0, delta),
                Qt.MouseButton.NoButton,
                NO_KEYS,
                Qt.ScrollPhase.NoScrollPhase,
                False,
            ),
        )
    qtbot.waitUntil(lambda: fake.kinds()[-1:] == ["stop"])
    assert set(fake.moves()) == {("move", CAMERA, A.ZOOM_IN, 4)}  # the move and its repeats
    assert fake.kinds().count("stop") == 1


def test_a_tile_without_ptz_camera_keeps_the_mouse_for_itself(
    qtbot: QtBot, tile: Tile, control: PtzControl, fake: FakePtz
) -> None:
    tile.play(FIXED)
    qtbot.waitUntil(lambda: len(tile.player.opened) >= 2)
    assert not tile.controllable
    view = tile.player.view
    centre = QPointF(view.mapToGlobal(view.rect().center()))
    with qtbot.waitSignal(tile.clicked):
        mouse(view, QEvent.Type.MouseButtonPress, centre)
    mouse(view, QEvent.Type.MouseMove, centre + QPointF(100, 0))
    mouse(view, QEvent.Type.MouseButtonRelease, centre + QPointF(100, 0))
    menu = tile.menu()
    assert not menu.findChild(QWidget, "ptzMenu").isEnabled()
    control.shutdown()
    assert fake.calls == []


def test_the_tile_menu_has_the_ptz_entries(qtbot: QtBot, tile: Tile, fake: FakePtz) -> None:
    menu = tile.menu()
    ptz = menu.findChild(QWidget, "ptzMenu")
    assert ptz.isEnabled()
    names = [action.objectName() for action in ptz.actions()]
    assert names == ["ptzPanel", "ptzStop", "ptzLightOn", "ptzLightOff", "ptzRelease"]
    with qtbot.waitSignal(tile.ptz_panel_requested):
        ptz.actions()[0].trigger()
    ptz.actions()[2].trigger()
    qtbot.waitUntil(lambda: fake.calls == [("move", CAMERA, A.LIGHT_ON, 1)])


def test_a_tile_changing_camera_stops_and_gives_up_the_one_it_moved(
    qtbot: QtBot, tile: Tile, control: PtzControl, fake: FakePtz
) -> None:
    view = tile.player.view
    centre = QPointF(view.mapToGlobal(view.rect().center()))
    mouse(view, QEvent.Type.MouseButtonPress, centre)
    mouse(view, QEvent.Type.MouseMove, centre + QPointF(0, 100))
    qtbot.waitUntil(lambda: len(fake.moves()) >= 1)
    tile.play(FIXED)  # a tour moves on, say, with the button still down
    qtbot.waitUntil(lambda: fake.kinds()[-2:] == ["stop", "release"])
    assert control.hold_of(CAMERA) is None


# --- The drag's geometry ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dx", "dy", "actions"),
    [
        (100, 0, (A.RIGHT,)),
        (-100, 0, (A.LEFT,)),
        (0, -100, (A.UP,)),
        (0, 100, (A.DOWN,)),
        (100, -30, (A.RIGHT,)),  # 17° above the horizontal: right
        (100, -40, (A.RIGHT,)),  # 21.8°: still right
        (100, -43, (A.RIGHT, A.UP)),  # 23.3°: up and right
        (100, -95, (A.RIGHT, A.UP)),  # 43.5°
        (95, -100, (A.RIGHT, A.UP)),  # 46.5°
        (42, -100, (A.RIGHT, A.UP)),  # 67.2°
        (41, -100, (A.UP,)),  # 67.7°: up
        (-70, 75, (A.LEFT, A.DOWN)),
        (-75, 70, (A.LEFT, A.DOWN)),
        (-100, -30, (A.LEFT,)),
        (-100, -60, (A.LEFT, A.UP)),
        (20, 100, (A.DOWN,)),
        (60, 100, (A.RIGHT, A.DOWN)),
    ],
)
def test_drag_direction_by_the_vector(dx: float, dy: float, actions: tuple[A, ...]) -> None:
    move = drag_move(dx, dy, reach=200)
    assert move is not None and move[0] == actions


def test_drag_speed_grows_with_the_length() -> None:
    assert drag_move(DRAG_DEAD_ZONE - 1, 0, reach=200) is None
    assert drag_move(DRAG_DEAD_ZONE, 0, reach=200) == ((A.RIGHT,), 1)
    speeds = [drag_move(length, 0, reach=200)[1] for length in range(20, 400, 20)]
    assert speeds == sorted(speeds) and speeds[-1] == 8
    assert drag_move(200, 0, reach=200)[1] == 8


def test_a_device_error_mid_move_ends_the_hold_with_a_stop(
    qtbot: QtBot, panel: PtzPanel, control: PtzControl, fake: FakePtz
) -> None:
    fake.refusals[CAMERA] = PlatformError("云台控制失败：设备无响应", code=500)
    qtbot.mousePress(button(panel, "ptzLeft"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: fake.kinds() == ["move", "stop"])
    assert "设备无响应" in panel.message
    assert control.hold_of(CAMERA) is None
    qtbot.mouseRelease(button(panel, "ptzLeft"), Qt.MouseButton.LeftButton)


# --- Found under Xvfb -------------------------------------------------------------------------


SHIFT = Qt.KeyboardModifier.ShiftModifier
KEYPAD = Qt.KeyboardModifier.KeypadModifier


@pytest.mark.parametrize(
    ("pressed", "released"),
    [
        # Shift, =, Shift let go, = let go: the press says +, the release =.
        ((Qt.Key.Key_Plus, SHIFT, 0), (Qt.Key.Key_Equal, NO_KEYS, 0)),
        ((Qt.Key.Key_Equal, NO_KEYS, 0), (Qt.Key.Key_Plus, SHIFT, 0)),
        ((Qt.Key.Key_Minus, NO_KEYS, 0), (Qt.Key.Key_Underscore, SHIFT, 0)),
        ((Qt.Key.Key_Plus, KEYPAD, 0), (Qt.Key.Key_Plus, KEYPAD, 0)),
        # A real keyboard's scan code is the physical key, whatever Shift says.
        ((Qt.Key.Key_Plus, SHIFT, 21), (Qt.Key.Key_Equal, NO_KEYS, 21)),
    ],
)
def test_a_zoom_key_released_in_another_form_ends_the_zoom(
    qtbot: QtBot,
    panel: PtzPanel,
    control: PtzControl,
    fake: FakePtz,
    pressed: tuple[Qt.Key, Qt.KeyboardModifier, int],
    released: tuple[Qt.Key, Qt.KeyboardModifier, int],
) -> None:
    code, modifiers, scan_code = pressed
    key(panel, QEvent.Type.KeyPress, code, modifiers=modifiers, scan_code=scan_code)
    assert control.hold_of(CAMERA) is not None
    code, modifiers, scan_code = released
    key(panel, QEvent.Type.KeyRelease, code, modifiers=modifiers, scan_code=scan_code)
    assert control.hold_of(CAMERA) is None
    qtbot.waitUntil(lambda: fake.kinds()[-1:] == ["stop"])
    assert {call[2] for call in fake.moves()} <= {A.ZOOM_IN, A.ZOOM_OUT}


def test_a_release_matching_no_key_held_lets_go(
    qtbot: QtBot, panel: PtzPanel, control: PtzControl, fake: FakePtz
) -> None:
    """A move key's release that matches none held (its press went elsewhere, a layout
    that changes the key between press and release): the keys are let go, the camera
    stops, rather than a move that no release will ever end."""
    key(panel, QEvent.Type.KeyPress, Qt.Key.Key_Left, scan_code=113)
    assert control.hold_of(CAMERA) is not None
    key(panel, QEvent.Type.KeyRelease, Qt.Key.Key_Right, scan_code=114)
    assert control.hold_of(CAMERA) is None
    qtbot.waitUntil(lambda: fake.kinds()[-1:] == ["stop"])
    key(panel, QEvent.Type.KeyRelease, Qt.Key.Key_Left, scan_code=113)  # nothing more
    control.shutdown()
    assert fake.kinds().count("stop") == 1


def test_a_long_wheel_spin_is_one_move_kept_alive_and_one_stop(qtbot: QtBot, fake: FakePtz) -> None:
    """Notches keep coming for longer than the service waits for a repeat: the nudge is
    repeated like a held move (not a stop by the service, then a new move per notch)."""
    control = PtzControl(fake, repeat_ms=FAST_MS, poll_ms=FAST_MS, nudge_ms=10 * FAST_MS)
    notches = QTimer(interval=FAST_MS // 2)  # the wheel, well within the nudge's time
    notches.timeout.connect(lambda: control.nudge(CAMERA, A.ZOOM_OUT))
    notches.start()
    try:
        qtbot.waitUntil(lambda: len(fake.moves()) >= 5)  # the keepalive repeats it
        assert control.is_moving(CAMERA) and "stop" not in fake.kinds()
    finally:
        notches.stop()
    qtbot.waitUntil(lambda: fake.kinds()[-1:] == ["stop"])
    assert not control.is_moving(CAMERA)
    assert control.shutdown()
    kinds = fake.kinds()
    assert kinds[-2:] == ["stop", "release"] and kinds.count("stop") == 1, kinds
    assert set(fake.moves()) == {("move", CAMERA, A.ZOOM_OUT, 4)}


def test_number_keys_recall_presets_whichever_part_of_the_panel_has_the_focus(
    qtbot: QtBot, panel: PtzPanel, presets: PresetStore, fake: FakePtz
) -> None:
    """The preset list would take 1-9 for its own (it moves the selection); the name and
    number fields keep them, digits are typed there."""
    now = datetime.now(UTC)
    for number, name in ((1, "收费站广场"), (2, "主线上行"), (3, "匝道口")):
        presets.save(CAMERA, number, name, by=OPERATOR, now=now)
    panel.reload_presets()
    qtbot.waitUntil(lambda: len(panel.presets) == 3)
    tree = panel.findChild(QTreeWidget, "ptzPresets")
    tree.setCurrentItem(tree.topLevelItem(0))
    key(tree, QEvent.Type.KeyPress, Qt.Key.Key_3, text="3")  # as a keyboard sends it
    qtbot.waitUntil(lambda: ("goto", CAMERA, 3) in fake.calls)
    assert tree.currentItem() is tree.topLevelItem(0)  # the list did not take the key
    name = panel.findChild(QLineEdit, "ptzPresetName")
    key(name, QEvent.Type.KeyPress, Qt.Key.Key_2, text="2")
    assert name.text() == "2"
    number = panel.findChild(QSpinBox, "ptzPresetNumber")
    number.lineEdit().selectAll()
    key(number, QEvent.Type.KeyPress, Qt.Key.Key_9, text="9")
    assert number.value() == 9
    shifted = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_1, SHIFT, "1")
    QApplication.sendEvent(tree, shifted)  # not a bare digit: the list's
    panel.control.shutdown()
    assert [call for call in fake.calls if call[0] == "goto"] == [("goto", CAMERA, 3)]


def test_messages_and_long_names_never_move_the_pad(qtbot: QtBot, panel: PtzPanel) -> None:
    """A message coming and going, a long one, a long camera name, a long holder: one line
    each (elided, the whole text as tooltip), the pad and the list stay where they are."""
    panel.resize(240, 600)
    controls = panel.findChild(QWidget, "ptzControls")
    message = panel.findChild(ElidedLabel, "ptzMessage")

    def top() -> int:
        panel.layout().activate()  # lay out now, as the next event loop pass would
        return controls.geometry().top()

    before = top()
    press_key(panel, Qt.Key.Key_7)  # no such preset: said
    assert panel.message and top() == before
    long = "摄像机由 张三（路段主管）控制中，请稍后再试。" * 4
    panel.control.failed.emit(CAMERA, long)
    assert panel.message == long and top() == before
    assert message.height() == message.fontMetrics().height()
    assert message.toolTip() == long and message.shown_text() != long  # elided
    panel.set_camera(None)
    panel.set_camera(replace(DOME, name="K1844+650 东莞往广州方向收费站广场全景球机（主线上行）"))
    assert panel.message == "" and top() == before
    title = panel.findChild(ElidedLabel, "ptzCamera")
    assert title.toolTip().startswith("K1844+650") and title.shown_text() != title.toolTip()
    assert title.height() == title.fontMetrics().height()


def test_a_second_stop_is_not_sent_but_a_stop_after_a_move_is(
    qtbot: QtBot, panel: PtzPanel, control: PtzControl, fake: FakePtz
) -> None:
    """■ after a hold was let go (its stop sent) adds nothing: a second stop would only be a
    second row in the audit. After a preset call (the camera turns) it stops again."""
    left, stop = button(panel, "ptzLeft"), button(panel, "ptzStop")
    qtbot.mousePress(left, Qt.MouseButton.LeftButton)
    qtbot.mouseRelease(left, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(stop, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(stop, Qt.MouseButton.LeftButton)
    control.goto_preset(CAMERA, 2)
    qtbot.mouseClick(stop, Qt.MouseButton.LeftButton)
    control.switch_light(CAMERA, True)  # the light moves nothing
    qtbot.mouseClick(stop, Qt.MouseButton.LeftButton)
    control.shutdown()
    assert [call[0] for call in fake.calls] == [
        "move",
        "stop",
        "goto",
        "stop",
        "move",
        "release",
    ]


def test_a_stop_goes_out_when_someone_else_holds_the_camera(
    qtbot: QtBot, panel: PtzPanel, control: PtzControl, fake: FakePtz
) -> None:
    """Moving it is another's doing: the stop goes (and its refusal names them)."""
    qtbot.mouseClick(button(panel, "ptzStop"), Qt.MouseButton.LeftButton)
    fake.holders[CAMERA] = SUPERVISOR
    qtbot.waitUntil(lambda: control.holder == SUPERVISOR)
    qtbot.mouseClick(button(panel, "ptzStop"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: fake.kinds().count("stop") == 2)


def test_a_drag_pulled_out_is_its_first_move_and_the_speed_it_settles_at(
    qtbot: QtBot, tile: Tile, control: PtzControl, fake: FakePtz
) -> None:
    """Every pixel of a drag would change the speed (a new command, an audit row each): the
    same direction's speed changes only by 2 or more, at the next repeat."""
    view = tile.player.view
    centre = QPointF(view.mapToGlobal(view.rect().center()))
    mouse(view, QEvent.Type.MouseButtonPress, centre)
    for dx in range(DRAG_DEAD_ZONE, 160, 4):  # straight right, through every speed
        mouse(view, QEvent.Type.MouseMove, centre + QPointF(dx, 0))
    fastest = control.hold_of(CAMERA).speed
    assert fastest >= 3
    qtbot.waitUntil(lambda: ("move", CAMERA, A.RIGHT, fastest) in fake.moves())
    mouse(view, QEvent.Type.MouseMove, centre + QPointF(150, 0))  # a little back: the same
    assert control.hold_of(CAMERA).speed == fastest
    mouse(view, QEvent.Type.MouseButtonRelease, centre + QPointF(150, 0))
    qtbot.waitUntil(lambda: fake.kinds()[-1:] == ["stop"])
    assert sorted(set(fake.moves())) == sorted(
        {("move", CAMERA, A.RIGHT, 1), ("move", CAMERA, A.RIGHT, fastest)}
    )


def test_the_speed_of_a_held_move_changes_by_two_or_more(
    qtbot: QtBot, control: PtzControl, fake: FakePtz
) -> None:
    control.hold(CAMERA, (A.UP,), 4)
    control.hold(CAMERA, (A.UP,), 5)
    control.hold(CAMERA, (A.UP,), 3)
    assert control.hold_of(CAMERA).speed == 4
    control.hold(CAMERA, (A.UP,), 6)
    assert control.hold_of(CAMERA).speed == 6
    qtbot.waitUntil(lambda: ("move", CAMERA, A.UP, 6) in fake.moves())
    control.hold(CAMERA, (A.LEFT,), 7)  # a new direction: at once, at its own speed
    assert control.hold_of(CAMERA).speed == 7
    qtbot.waitUntil(lambda: ("move", CAMERA, A.LEFT, 7) in fake.moves())
    control.let_go(CAMERA)
    qtbot.waitUntil(lambda: fake.kinds()[-1:] == ["stop"])
    assert {call[3] for call in fake.moves() if call[2] is A.UP} == {4, 6}
