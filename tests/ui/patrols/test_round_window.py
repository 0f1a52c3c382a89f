"""The patrol round in the main window, as the operator sees it (issue 11): its buttons stay
where they are whatever the camera (point 4a), Enter is the round's while it runs (4b), the
tile it borrows is given back and no camera is shown twice (6b), a grade chosen on the patrol
tile is for its camera only (8).

The window is the application's, at a control-room screen's size and a laptop's, with a real
store, model and Qt; the platform and the video are test doubles (what is checked here does
not depend on the picture). The checklist through a whole round of the demo site, with its
real service and video, is in test_patrol_workstation.py."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel
from pytestqt.qtbot import QtBot

from patrol_app.domain.events import CheckOutcome
from patrol_app.domain.layouts import GRID_GRADE
from patrol_app.store.patrols import PatrolStore
from patrol_app.ui.main_window import MainWindow
from patrol_app.ui.patrols.model import PatrolModel
from patrol_app.ui.patrols.round_panel import PatrolRoundPanel
from patrol_app.ui.wall.tile import Tile
from tests.ui.helpers import CAMERAS, FakeClient, camera
from tests.ui.patrol_helpers import WAIT_MS, button

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
    new_window: Callable[..., MainWindow],
    client: FakeClient,
    patrol_model: PatrolModel,
) -> WindowFactory:
    """Main windows on DIRECTORY, shown active at ``width`` x ``height`` with their patrol
    lists loaded and the round ready to start."""

    def make(width: int, height: int) -> MainWindow:
        window = new_window(client)
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

    return make


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


def _on_wall(window: MainWindow) -> list[str | None]:
    return [tile.camera.camera_num if tile.camera else None for tile in window.wall.tiles]


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


def test_enter_on_the_wall_is_the_rounds_while_a_round_runs(
    qtbot: QtBot, make_window: WindowFactory, patrol_store: PatrolStore
) -> None:
    """Point 4b: after a click on a tile, Enter enlarged the tile instead of recording
    "normal" for the round's camera. While the round runs it is the round's, from the wall
    too; once the round is closed, Enter on the wall enlarges the selected tile again."""
    window = make_window(*SIZES[0])
    wall = window.wall
    panel = _start(qtbot, window, ["c1", "c3"])
    round_id = panel.round_id
    qtbot.waitUntil(lambda: _shows(window.patrol_tile, "c1"), timeout=WAIT_MS)

    qtbot.mouseClick(wall.tiles[0], Qt.MouseButton.LeftButton)
    focus = QApplication.focusWidget()
    assert focus is wall  # the operator's click gave the wall the keyboard
    qtbot.keyClick(focus, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.current_camera == "c3", timeout=WAIT_MS)
    assert wall.enlarged is None
    qtbot.mouseClick(wall.tiles[1], Qt.MouseButton.LeftButton)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Enter)  # the keypad's
    qtbot.waitUntil(lambda: panel.current_camera is None, timeout=WAIT_MS)
    assert wall.enlarged is None
    checks = patrol_store.rounds.round_state(round_id).checks
    assert [(c.camera_num, c.outcome) for c in checks] == [
        ("c1", CheckOutcome.NORMAL),
        ("c3", CheckOutcome.NORMAL),
    ]

    with qtbot.waitSignal(panel.running_changed, timeout=WAIT_MS):
        button(panel, "closeRound").click()
    wall.play_in(wall.tiles[1], "c4")
    qtbot.mouseClick(wall.tiles[1], Qt.MouseButton.LeftButton)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert wall.enlarged is wall.tiles[1]


def test_the_round_gives_the_operators_tile_back_and_never_shows_a_camera_twice(
    qtbot: QtBot, make_window: WindowFactory, client: FakeClient
) -> None:
    """Point 6b: the round borrows the selected tile; a camera the wall shows already is
    checked where it is (the borrowed tile shows the operator's camera meanwhile); when the
    round is closed, the tile shows again what it showed, at the grade the operator chose."""
    window = make_window(*SIZES[0])
    wall = window.wall
    mine, other = wall.tiles[0], wall.tiles[1]
    wall.play_in(mine, "c4")
    mine.set_manual_grade(2)
    wall.play_in(other, "c6")
    wall.select(mine)

    panel = _start(qtbot, window, ["c1", "c6", "c3"])
    qtbot.waitUntil(lambda: _shows(mine, "c1"), timeout=WAIT_MS)
    assert window.patrol_tile is mine
    assert _on_wall(window) == ["c1", "c6", None, None]

    _next(qtbot, panel)
    assert panel.current_camera == "c6"
    assert window.patrol_tile is other  # checked where it is
    assert _on_wall(window) == ["c4", "c6", None, None]
    assert mine.manual_grade == 2

    _next(qtbot, panel)
    assert panel.current_camera == "c3" and window.patrol_tile is mine
    assert _on_wall(window) == ["c3", "c6", None, None]

    _next(qtbot, panel)
    with qtbot.waitSignal(panel.running_changed, timeout=WAIT_MS):
        button(panel, "closeRound").click()
    assert _on_wall(window) == ["c4", "c6", None, None]
    assert mine.manual_grade == 2 and window.patrol_tile is None
    qtbot.waitUntil(lambda: client.asked[-1] == ("c4", 2), timeout=WAIT_MS)


def test_a_grade_chosen_on_the_patrol_tile_is_for_its_camera_only(
    qtbot: QtBot, make_window: WindowFactory, client: FakeClient
) -> None:
    """Point 8: 4M chosen on the patrol tile stayed for every camera of the round. The next
    camera plays at the wall's grade, asked for once (the camera before is not switched back
    to the wall's grade first)."""
    window = make_window(*SIZES[0])
    panel = _start(qtbot, window, ["c1", "c3"])
    tile = window.patrol_tile
    qtbot.waitUntil(
        lambda: _shows(tile, "c1") and client.asked[-1:] == [("c1", GRID_GRADE)], timeout=WAIT_MS
    )
    tile.menu().findChild(QAction, "grade2").trigger()  # 4M, from the tile's menu
    assert tile.manual_grade == 2
    qtbot.waitUntil(lambda: client.asked[-1] == ("c1", 2), timeout=WAIT_MS)
    asked = len(client.asked)

    _next(qtbot, panel)
    assert window.patrol_tile is tile and _shows(tile, "c3")
    assert tile.manual_grade is None and tile.grade == GRID_GRADE
    qtbot.waitUntil(lambda: len(client.asked) > asked, timeout=WAIT_MS)
    assert client.asked[asked:] == [("c3", GRID_GRADE)]
