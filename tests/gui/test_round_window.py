"""The patrol round in the main window, as the operator sees it (issue 11): its buttons stay
where they are whatever the camera (point 4a).

The window is the application's, at a control-room screen's size and a laptop's, with a real
store, model and Qt; the platform and the video are test doubles (what is checked here does
not depend on the picture). The checklist through a whole round of the demo site, with its
real service and video, is in test_patrol_workstation.py."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel
from pytestqt.qtbot import QtBot

from patrol_app.store.preferences import PreferenceStore
from patrol_app.ui.event_dialog import load_handling
from patrol_app.ui.main_window import MainWindow
from patrol_app.ui.patrol_model import PatrolModel
from patrol_app.ui.patrol_round import PatrolRoundPanel
from patrol_app.ui.tasks import TaskRunner
from patrol_app.ui.tile import Tile
from tests.gui.helpers import CAMERAS, PATIENT, FakeClient, FakePlayer, camera
from tests.gui.patrol_helpers import WAIT_MS, button

SIZES = [(1600, 900), (1366, 768)]

# Two mainline cameras (the same checklist): a short name, and one of three lines when
# wrapped in the round's panel (the platform's names run that long with a suffix).
SHORT = camera("s1", "G4 路面", "K1845+000")
LONG = camera(
    "l1",
    "G4（京港澳高速）京珠北路段广东省韶关市广东省高速公路有限公司京珠北分公司"
    "K1846+000（上行）（路面）粤北主广场出口方向高位摄像机",
    "K1846+000",
)
DIRECTORY = [*CAMERAS, SHORT, LONG]
BUTTONS = ("markNormal", "markAnomaly", "markFault", "markUnplayable")

WindowFactory = Callable[[int, int], MainWindow]


@pytest.fixture
def client() -> FakeClient:
    return FakeClient(DIRECTORY)


@pytest.fixture
def make_window(
    qtbot: QtBot,
    runner: TaskRunner,
    client: FakeClient,
    preferences: PreferenceStore,
    patrol_model: PatrolModel,
    tmp_path: Path,
) -> Iterator[WindowFactory]:
    """Main windows on DIRECTORY, shown active at ``width`` x ``height`` with their patrol
    lists loaded and the round ready to start; closed at the end of the test."""
    windows: list[MainWindow] = []

    def make(width: int, height: int) -> MainWindow:
        window = MainWindow(
            client,
            runner,
            base_url="http://sim",
            preferences=preferences,
            patrols=patrol_model,
            handling=load_handling(tmp_path),
            snapshot_dir=tmp_path / "snapshots",
            player_factory=FakePlayer,
            timings=PATIENT,
        )
        qtbot.addWidget(window)
        windows.append(window)
        window.resize(width, height)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        qtbot.waitUntil(
            lambda: (
                patrol_model.snapshot is not None
                and len(patrol_model.snapshot.cameras) == len(DIRECTORY)
            ),
            timeout=WAIT_MS,
        )
        qtbot.waitUntil(button(window.patrol_round, "startRound").isEnabled, timeout=WAIT_MS)
        return window

    yield make
    for window in windows:
        window.close()


def _start(qtbot: QtBot, window: MainWindow, cameras: list[str]) -> PatrolRoundPanel:
    panel = window.patrol_round
    with qtbot.waitSignal(panel.running_changed, timeout=WAIT_MS):
        panel.start(cameras)
    return panel


def _next(qtbot: QtBot, panel: PatrolRoundPanel) -> None:
    """Normal and next; wait for the next camera (or the closing form)."""
    camera_num = panel.current_camera
    panel.mark_normal()
    qtbot.waitUntil(lambda: panel.current_camera != camera_num, timeout=WAIT_MS)


def _shows(tile: Tile, camera_num: str | None) -> bool:
    return (tile.camera.camera_num if tile.camera is not None else None) == camera_num


def _buttons_at(window: MainWindow) -> list[QRect]:
    """Where the round's four buttons are in the window."""
    panel = window.patrol_round
    found = [button(panel, name) for name in BUTTONS]
    return [QRect(each.mapTo(window, QPoint(0, 0)), each.size()) for each in found]


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_buttons_stay_where_they_are_whatever_the_camera(
    qtbot: QtBot, make_window: WindowFactory, width: int, height: int
) -> None:
    """Point 4a: the camera's name wrapped over one to three lines and the buttons moved with
    it (a click aimed at "normal and next" opened the fault menu). The name keeps one line,
    whole in its tooltip; a short checklist (a toll plaza's) or the notice of a stream that
    fails do not move the buttons either."""
    window = make_window(width, height)
    panel = _start(qtbot, window, [SHORT.camera_num, LONG.camera_num, "c2"])
    name = panel.findChild(QLabel, "cameraName")
    qtbot.waitUntil(lambda: _shows(window.patrol_tile, SHORT.camera_num), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: panel.findChild(QCheckBox, "item:accident").isVisible())
    QApplication.processEvents()  # the layouts' requests
    where = _buttons_at(window)
    assert all(rect.isValid() and window.rect().contains(rect) for rect in where)

    _next(qtbot, panel)
    assert panel.current_camera == LONG.camera_num
    qtbot.waitUntil(lambda: _buttons_at(window) == where, timeout=WAIT_MS)
    QApplication.processEvents()
    assert _buttons_at(window) == where  # and it stays so
    assert name.height() == name.fontMetrics().height()  # one line, the whole name in its tip
    assert name.toolTip() == LONG.name

    _next(qtbot, panel)  # a toll plaza: two items
    panel.set_unplayable("c2", "连接超时：平台未在 10 秒内返回播放地址，请检查网络")
    QApplication.processEvents()
    assert _buttons_at(window) == where
