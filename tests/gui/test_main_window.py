"""The main window: title, directory and wall, camera list loading, errors, autoplay."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from patrol_app.gateway.process import free_port
from patrol_app.platform.sharing import SharingClient
from patrol_app.ui.main_window import MainWindow
from patrol_app.ui.player import PlayerState
from patrol_app.ui.tasks import TaskRunner
from tests.gui.helpers import CAMERAS, FakeClient, FakePlayer, text_of


def test_unreachable_platform_is_told_in_chinese(qtbot: QtBot, runner: TaskRunner) -> None:
    """STYLE habit 9: an environment error is shown readably, nothing crashes."""
    base_url = f"http://127.0.0.1:{free_port()}"  # nobody listens there
    client = SharingClient(base_url, timeout=2.0)
    window = MainWindow(client, runner, base_url=base_url, player_factory=FakePlayer)
    qtbot.addWidget(window)
    assert window.windowTitle() == "视频巡查工作站"
    qtbot.waitUntil(lambda: text_of(window, "cameraCount") == "无摄像机目录", timeout=5000)
    assert not window.findChild(QLabel, "platformError").isHidden()
    assert text_of(window, "platformError").startswith("无法加载摄像机目录：无法连接视频平台")
    assert text_of(window, "serviceAddress") == f"服务地址：{base_url}"
    client.close()


def test_loads_cameras_and_autoplays_into_the_wall(qtbot: QtBot, runner: TaskRunner) -> None:
    """W-4: the demo starts with the first cameras playing; 6 cameras need the 9-tile wall."""
    client = FakeClient(CAMERAS)
    window = MainWindow(
        client, runner, base_url="http://sim", autoplay=6, player_factory=FakePlayer
    )
    qtbot.addWidget(window)
    wall = window.wall
    qtbot.waitUntil(lambda: len(wall.tiles) == 9)
    assert text_of(window, "cameraCount") == "摄像机 6 台（在线 5 台）"
    assert _layout_action(window, 9).isChecked()
    assert [tile.camera.camera_num if tile.camera else None for tile in wall.tiles] == [
        "c1",
        "c2",
        "c3",
        "c4",
        "c5",
        "c6",
        None,
        None,
        None,
    ]
    qtbot.waitUntil(lambda: all(len(tile.player.opened) == 1 for tile in wall.tiles[:6]))
    assert wall.tiles[0].state is PlayerState.CONNECTING
    assert window.tree.view.model().rowCount() == 2  # two roads


def _layout_action(window: MainWindow, count: int) -> QAction:
    return window.findChild(QAction, f"layout{count}")


def test_layout_buttons_switch_the_wall(qtbot: QtBot, runner: TaskRunner) -> None:
    window = MainWindow(
        FakeClient(CAMERAS), runner, base_url="http://sim", player_factory=FakePlayer
    )
    qtbot.addWidget(window)
    assert [_layout_action(window, n).text() for n in (1, 4, 9, 16)] == [
        "单画面",
        "四画面",
        "九画面",
        "十六画面",
    ]
    _layout_action(window, 16).trigger()
    assert len(window.wall.tiles) == 16
    _layout_action(window, 1).trigger()
    assert len(window.wall.tiles) == 1
