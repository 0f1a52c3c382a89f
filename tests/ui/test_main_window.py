"""The main window: title, directory and wall, camera list loading, errors, autoplay, saved
layouts and tours, the second wall window and the directory's no-signal marks."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QObject, QPoint, QRect, Qt, QUrl, Slot
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QDockWidget,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from patrol_app.domain.events import CheckOutcome
from patrol_app.domain.faults import FaultState
from patrol_app.domain.records import CheckInput
from patrol_app.domain.tours import Tour, TourStep
from patrol_app.platform.sharing import SharingClient
from patrol_app.standalone.process import free_port
from patrol_app.store.database import open_database
from patrol_app.store.patrols import PatrolStore
from patrol_app.store.preferences import PreferenceStore
from patrol_app.ui.main_window import MainWindow
from patrol_app.ui.patrols.model import PatrolModel
from patrol_app.ui.tasks import TaskRunner
from patrol_app.ui.video.player import PlayerState
from patrol_app.ui.wall.camera_tree import CAMERA_NUM_ROLE
from patrol_app.ui.wall.tour_dialog import TourDialog
from patrol_app.ui.widgets.elided_label import ElidedLabel
from tests.ui.helpers import CAMERAS, FakeClient, camera, text_of
from tests.ui.patrol_helpers import T0

WindowFactory = Callable[..., MainWindow]


@pytest.fixture
def make_window(new_window: WindowFactory) -> WindowFactory:
    """Main windows on CAMERAS unless given another client."""
    return lambda client=None, **options: new_window(client or FakeClient(CAMERAS), **options)


def _started(qtbot: QtBot, runner: TaskRunner, window: MainWindow) -> None:
    """Wait for the camera list and the preferences (and what start does with them)."""
    qtbot.waitUntil(lambda: window.tree.view.model().rowCount() > 0)
    runner.wait(5000)


def test_unreachable_platform_is_told_in_chinese(qtbot: QtBot, make_window: WindowFactory) -> None:
    """STYLE habit 9: an environment error is shown readably, nothing crashes."""
    base_url = f"http://127.0.0.1:{free_port()}"  # nobody listens there
    client = SharingClient(base_url, timeout=2.0)
    window = make_window(client)
    assert window.windowTitle() == "视频巡查工作站"
    qtbot.waitUntil(lambda: text_of(window, "cameraCount") == "无摄像机目录", timeout=5000)
    assert not window.findChild(QLabel, "platformError").isHidden()
    assert text_of(window, "platformError").startswith("无法加载摄像机目录：无法连接视频平台")
    assert text_of(window, "serviceAddress") == "服务地址：http://sim"
    client.close()


def test_loads_cameras_and_autoplays_into_the_wall(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    """W-4: the demo starts with the first cameras playing; 6 cameras need the 9-tile wall."""
    window = make_window(autoplay=6)
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


def test_layout_buttons_switch_the_wall(make_window: WindowFactory) -> None:
    window = make_window()
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


def test_saved_layout_is_restored_after_a_restart(
    qtbot: QtBot, runner: TaskRunner, make_window: WindowFactory, database_url: str
) -> None:
    """Layouts (Done when): the operator's layout is saved in the database and the app,
    started again on the same database file, shows it; autoplay gives way to it."""
    first = make_window()
    _started(qtbot, runner, first)
    first.wall.set_tile_count(9)
    first.wall.play_in(first.wall.tiles[0], "c1")
    first.wall.play_in(first.wall.tiles[4], "c3")
    first.wall.tiles[4].set_manual_grade(1)
    first.arrangements.save_layout("夜班")
    qtbot.waitUntil(lambda: [layout.name for layout in first.arrangements.layouts] == ["夜班"])
    first.close()

    # A new window on a new connection to the same file: what the next start sees.
    sessions = open_database(database_url)
    try:
        again = make_window(preferences=PreferenceStore(sessions, "值班员甲"), autoplay=4)
        _started(qtbot, runner, again)
        tiles = again.wall.tiles
        assert len(tiles) == 9
        shown = [(tile.camera.camera_num, tile.grade) if tile.camera else None for tile in tiles]
        assert shown == [("c1", 0), None, None, None, ("c3", 1), None, None, None, None]
        assert _layout_action(again, 9).isChecked()
        again.close()
    finally:
        sessions.kw["bind"].dispose()


def test_layouts_open_and_delete_from_the_menu(
    qtbot: QtBot, runner: TaskRunner, make_window: WindowFactory, preferences: PreferenceStore
) -> None:
    window = make_window()
    _started(qtbot, runner, window)
    window.arrangements.save_layout("白班")
    window.wall.play("c2")
    window.arrangements.save_layout("夜班")
    qtbot.waitUntil(lambda: len(window.arrangements.layouts) == 2)
    window.wall.set_tile_count(16)
    open_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "画面")
    opens = next(a.menu() for a in open_menu.actions() if a.text() == "打开布局")
    assert [action.text() for action in opens.actions()] == ["夜班", "白班"]
    next(a for a in opens.actions() if a.text() == "白班").trigger()
    assert len(window.wall.tiles) == 4 and window.wall.tiles[0].camera is None
    runner.wait(5000)
    assert preferences.last_layout().name == "白班"
    window.arrangements.delete_layout("夜班")
    qtbot.waitUntil(lambda: [layout.name for layout in window.arrangements.layouts] == ["白班"])


def test_new_tour_dialog_saves_a_tour(
    qtbot: QtBot, runner: TaskRunner, make_window: WindowFactory, preferences: PreferenceStore
) -> None:
    """W-5: a name, the cameras ticked in the directory's order (or dragged), a dwell."""
    window = make_window()
    _started(qtbot, runner, window)
    dialog = window.arrangements.new_tour()
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.findChild(QLineEdit, "tourName").setText("夜间重点")
    cameras = dialog.findChild(QListWidget, "tourCameras")
    for row in (3, 0):
        cameras.item(row).setCheckState(Qt.CheckState.Checked)
    cameras.insertItem(0, cameras.takeItem(3))  # dragged to the top
    dialog.findChild(QSpinBox, "tourDwell").setValue(20)
    assert ok.isEnabled()
    ok.click()
    expected = Tour("夜间重点", (TourStep("c4", 20), TourStep("c1", 20)))
    qtbot.waitUntil(lambda: window.arrangements.tours == [expected])
    assert preferences.tours() == [expected]
    assert window.wall.tiles[0].menu().findChild(QAction, "tour:夜间重点") is not None


def test_tour_dialog_lists_the_directory(qtbot: QtBot) -> None:
    dialog = TourDialog(CAMERAS[:2])
    qtbot.addWidget(dialog)
    cameras = dialog.findChild(QListWidget, "tourCameras")
    assert [cameras.item(row).data(CAMERA_NUM_ROLE) for row in range(2)] == ["c1", "c2"]
    assert cameras.item(0).text() == f"K1844+650 {CAMERAS[0].name}"


def test_second_window_has_its_own_wall(
    qtbot: QtBot, runner: TaskRunner, make_window: WindowFactory
) -> None:
    """The big screen (12.3.2): a second wall with its own tiles; the directory plays into
    the wall the operator clicked last."""
    window = make_window()
    _started(qtbot, runner, window)
    window.findChild(QAction, "secondWall").trigger()
    second = window.walls.second
    assert second is not None and second.isVisible()
    assert second.windowTitle() == "视频墙（第二屏）"
    assert set(second.wall.tiles).isdisjoint(window.wall.tiles)
    qtbot.mouseClick(second.wall.tiles[1], Qt.MouseButton.LeftButton)
    window.tree.camera_activated.emit("c5")
    assert second.wall.tiles[1].camera.camera_num == "c5"
    assert all(tile.camera is None for tile in window.wall.tiles)
    second.findChild(QAction, "layout9").trigger()
    assert len(second.wall.tiles) == 9 and len(window.wall.tiles) == 4
    window.close()
    assert not second.isVisible() and second.wall.tiles[1].camera is None


def test_directory_marks_cameras_without_signal(
    qtbot: QtBot, runner: TaskRunner, make_window: WindowFactory
) -> None:
    """W-6: a red dot and the reason in the tooltip while a tile of the camera has no
    signal, in either wall; back to the online dot once it plays."""
    window = make_window()
    _started(qtbot, runner, window)
    model = window.tree.view.model()
    (index,) = model.match(model.index(0, 0), CAMERA_NUM_ROLE, "c1", 1, Qt.MatchFlag.MatchRecursive)

    def dot() -> tuple[int, int, int]:
        icon = index.data(Qt.ItemDataRole.DecorationRole).pixmap(16, 16).toImage()
        colour = icon.pixelColor(8, 8)
        return colour.red(), colour.green(), colour.blue()

    online = dot()
    window.wall.play("c1")
    tile = window.wall.tiles[0]
    qtbot.waitUntil(lambda: len(tile.player.opened) == 1)
    tile.player.show_frame()
    tile.player.lose("视频流已结束")
    red, green, _ = dot()
    assert red > green + 100
    assert index.data(Qt.ItemDataRole.ToolTipRole).endswith("\n画面无信号：视频流已结束")
    qtbot.waitUntil(lambda: len(tile.player.opened) == 2)
    tile.player.show_frame()
    assert dot() == online
    assert "无信号" not in index.data(Qt.ItemDataRole.ToolTipRole)


def test_debug_overlay_toggles_with_f12(
    qtbot: QtBot, runner: TaskRunner, make_window: WindowFactory
) -> None:
    window = make_window()
    _started(qtbot, runner, window)
    action = window.findChild(QAction, "debugOverlay")
    assert action.shortcut().toString() == "F12"
    action.trigger()
    assert not window.wall.tiles[0].findChild(QLabel, "tileDebug").isHidden()
    second = window.walls.open_second()  # a wall opened later follows the switch too
    assert not second.wall.tiles[0].findChild(QLabel, "tileDebug").isHidden()
    action.trigger()
    assert window.wall.tiles[0].findChild(QLabel, "tileDebug").isHidden()
    assert second.wall.tiles[0].findChild(QLabel, "tileDebug").isHidden()


class _UrlCatcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def catch(self, url: QUrl) -> None:
        self.urls.append(url)


def test_snapshot_folder_opens_from_the_menu(make_window: WindowFactory, tmp_path) -> None:
    window = make_window()
    catcher = _UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "catch")
    try:
        window.findChild(QAction, "openSnapshots").trigger()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert catcher.urls == [QUrl.fromLocalFile(str(tmp_path / "snapshots"))]
    assert (tmp_path / "snapshots").is_dir()


def test_an_open_round_continues_once_the_cameras_are_in(
    qtbot: QtBot,
    make_window: WindowFactory,
    runner: TaskRunner,
    patrol_model: PatrolModel,
    patrol_store: PatrolStore,
) -> None:
    """The workstation stopped in the middle of a round: at the next start the round goes on
    at its next camera, in the patrol tile, even when a snapshot without the directory's
    cameras came first (the start's purge refreshes the model before they are loaded)."""
    walked = patrol_store.rounds.start_round(patrol_model.operator, ["c1", "c3"], T0)
    first = CheckInput(walked.id, "c1", "c1", "K1844+650", CheckOutcome.NORMAL, "值班员甲", T0, 1)
    patrol_store.rounds.record_check(first)
    patrol_model.refresh()
    qtbot.waitUntil(lambda: patrol_model.snapshot is not None)
    window = make_window()
    _started(qtbot, runner, window)
    qtbot.waitUntil(lambda: window.patrol_round.current_camera == "c3")
    tile = window.patrol_tile
    assert tile is not None and tile.camera is not None and tile.camera.camera_num == "c3"
    assert window.patrol_round.round_id == walked.id


def _menu_action(window: MainWindow, menu_text: str, action_text: str) -> QAction:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == menu_text)
    return next(a for a in menu.actions() if a.text() == action_text)


def _close_question(qtbot: QtBot, window: MainWindow) -> QMessageBox:
    """The question closing asks, once it is on screen."""
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "closeQuestion") is not None)
    box = window.findChild(QMessageBox, "closeQuestion")
    qtbot.waitUntil(box.isVisible)
    return box


def test_closing_during_a_round_asks_first_and_file_quit_asks_the_same(
    qtbot: QtBot,
    runner: TaskRunner,
    make_window: WindowFactory,
    patrol_model: PatrolModel,
    patrol_store: PatrolStore,
) -> None:
    """Issue 11 point 5: the window's close button during a round asks first; 取消 keeps the
    workstation and the round; 文件 → 退出 (Ctrl+Q) asks the same, and 关闭 closes it."""
    patrol_store.rounds.start_round(patrol_model.operator, ["c1", "c3"], T0)  # the round under way
    window = make_window()
    window.resize(1600, 900)
    window.show()
    _started(qtbot, runner, window)
    qtbot.waitUntil(lambda: window.patrol_round.current_camera == "c1")

    assert not window.close()
    box = _close_question(qtbot, window)
    assert box.windowTitle() == "关闭工作站"
    assert "巡查正在进行" in box.text() and box.text().endswith("确定要关闭工作站吗？")
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    assert box.button(QMessageBox.StandardButton.Close).text() == "关闭"
    box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "closeQuestion") is None)
    assert window.isVisible() and window.patrol_round.running

    quit_action = _menu_action(window, "文件", "退出")
    assert quit_action.shortcut().toString() == "Ctrl+Q"
    quit_action.trigger()
    box = _close_question(qtbot, window)
    assert "巡查正在进行" in box.text()
    box.button(QMessageBox.StandardButton.Close).click()
    qtbot.waitUntil(lambda: not window.isVisible())


def test_a_workstation_running_the_platform_asks_before_closing(
    qtbot: QtBot, runner: TaskRunner, make_window: WindowFactory
) -> None:
    """Issue 11 point 5: a standalone site's workstation (the demo) started the platform
    service: closing it stops the video of every other workstation, so it asks first."""
    window = make_window(embedded_service=True)
    window.resize(1600, 900)
    window.show()
    _started(qtbot, runner, window)
    window.wall.play("c1")
    window.close()
    box = _close_question(qtbot, window)
    assert "其他工作站" in box.text() and "巡查正在进行" not in box.text()
    assert window.wall.tiles[0].camera is not None  # nothing stopped while it asks
    box.button(QMessageBox.StandardButton.Close).click()
    qtbot.waitUntil(lambda: not window.isVisible())
    assert window.wall.tiles[0].camera is None  # closed as before: the streams stopped


def test_a_client_workstation_without_a_round_closes_at_once(
    qtbot: QtBot, runner: TaskRunner, make_window: WindowFactory
) -> None:
    window = make_window()
    window.show()
    _started(qtbot, runner, window)
    assert window.close()
    assert window.findChild(QMessageBox, "closeQuestion") is None


def test_a_layout_without_a_name_is_not_saved_and_the_operator_is_told_why(
    qtbot: QtBot, runner: TaskRunner, make_window: WindowFactory
) -> None:
    """Issue 11 point 7: 保存布局 with an empty name said nothing; now it says why."""
    window = make_window()
    window.resize(1600, 900)
    window.show()
    _started(qtbot, runner, window)
    window.findChild(QAction, "saveLayout").trigger()
    qtbot.waitUntil(lambda: window.findChild(QInputDialog) is not None)
    dialog = window.findChild(QInputDialog)
    dialog.setTextValue("   ")
    dialog.accept()
    assert window.statusBar().currentMessage() == "布局未保存：请输入布局名称。"
    runner.wait(5000)
    assert window.arrangements.layouts == []


def test_a_registered_fault_is_confirmed_and_marked_in_the_directory(
    qtbot: QtBot,
    runner: TaskRunner,
    make_window: WindowFactory,
    patrol_model: PatrolModel,
    patrol_store: PatrolStore,
) -> None:
    """Issue 11 point 7: a video fault chosen from the round's menu (Ctrl+F) is confirmed
    beside the round, and the directory marks the camera (its dot and tooltip) for as long
    as the fault is open."""
    patrol_store.rounds.start_round(patrol_model.operator, ["c1", "c3"], T0)
    window = make_window()
    window.resize(1600, 900)
    window.show()
    _started(qtbot, runner, window)
    qtbot.waitUntil(lambda: window.patrol_round.current_camera == "c1")
    model = window.tree.view.model()
    (index,) = model.match(model.index(0, 0), CAMERA_NUM_ROLE, "c1", 1, Qt.MatchFlag.MatchRecursive)

    def dot() -> tuple[int, int, int]:
        icon = index.data(Qt.ItemDataRole.DecorationRole).pixmap(16, 16).toImage()
        colour = icon.pixelColor(8, 8)
        return colour.red(), colour.green(), colour.blue()

    online = dot()
    window.patrol_round.findChild(QAction, "fault:occluded").trigger()
    qtbot.waitUntil(lambda: window.patrol_round.current_camera == "c3")
    message = window.patrol_round.findChild(QLabel, "roundMessage")
    assert message.isVisible()
    assert message.text() == "已登记 K1844+650 的视频故障（图像遮挡），摄像机目录中已标出。"
    tip = "\n视频故障未修复：图像遮挡（06-10 09:00 登记）"
    qtbot.waitUntil(lambda: index.data(Qt.ItemDataRole.ToolTipRole).endswith(tip))
    red, green, blue = dot()
    assert dot() != online and red > blue + 100 and green > blue  # orange, not the red of
    # a lost signal nor the green of a camera online

    (fault,) = patrol_store.faults.open_faults()
    patrol_store.faults.transition_fault(
        fault.id, FaultState.CANCELLED, note="已清洁镜头", operator="维护员", now=fault.found_at
    )
    patrol_model.refresh()
    qtbot.waitUntil(lambda: "视频故障" not in index.data(Qt.ItemDataRole.ToolTipRole))
    assert dot() == online


# Appendix A names as the demo site's platform gives them: long, ending with the pile, the
# direction and the site.
LONG_NAMES = [
    camera(
        f"L{number}",
        f"G4（京港澳高速）京珠北路段广东省韶关市广东省高速公路有限公司京珠北分公司{pile}{site}",
        pile,
    )
    for number, (pile, site) in enumerate(
        [
            ("K1844+650", "（上行）（路面）"),
            ("K1844+158", "（粤北收费站）"),
            ("K1848+020", "（粤北ETC门架）"),
            ("K1856+300", "（上行）（大宝山隧道）"),
            ("K1859+400", "（武江特大桥）"),
            ("K1866+500", "（乌石服务区）"),
        ],
        1,
    )
]


@pytest.mark.parametrize("size", [(1600, 900), (1366, 768)])
@pytest.mark.parametrize("count", [9, 16])
def test_tile_titles_keep_the_pile_and_the_site(
    qtbot: QtBot,
    runner: TaskRunner,
    make_window: WindowFactory,
    size: tuple[int, int],
    count: int,
) -> None:
    """Issue 11 point 8: in 9 and 16 views a title was just "G…）". A long name loses its
    start, never the site at its end; the pile and direction are shown whole inside the
    tile; sixteen tiles leave the camera tree its room."""
    window = make_window(FakeClient(LONG_NAMES))
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    _started(qtbot, runner, window)
    tree_width = window.tree.width()
    window.wall.set_tile_count(count)
    for entry in LONG_NAMES:
        window.wall.play(entry.camera_num)
    tiles = window.wall.tiles[: len(LONG_NAMES)]
    names = [tile.findChild(ElidedLabel, "tileName") for tile in tiles]
    qtbot.waitUntil(lambda: all(name.isVisible() and name.width() > 0 for name in names))
    wall = window.wall.rect()
    for tile, name, entry in zip(tiles, names, LONG_NAMES, strict=True):
        site = entry.name[entry.name.rindex("（") :]
        if entry.name.endswith("（路面）"):
            site = entry.name[entry.name.rindex("（", 0, -len("（路面）")) :]
        shown = name.shown_text()
        assert shown.startswith("…") and shown.endswith(site), shown
        assert entry.name.endswith(shown[1:])
        place = tile.findChild(QLabel, "tilePlace")
        assert place.text() == f"{entry.pile} 上行"
        assert place.isVisible()
        assert place.width() >= place.fontMetrics().horizontalAdvance(place.text())
        for label in (name, place):
            corner = label.mapTo(window.wall, label.rect().bottomRight())
            assert wall.contains(label.mapTo(window.wall, label.rect().topLeft()))
            assert wall.contains(corner) and tile.geometry().contains(
                label.mapTo(tile, label.rect().bottomRight()) + tile.geometry().topLeft()
            )
    assert window.tree.width() >= min(tree_width, 300)


def test_the_second_wall_on_a_single_screen_leaves_the_camera_tree_free(
    qtbot: QtBot, runner: TaskRunner, make_window: WindowFactory
) -> None:
    """Issue 11 point 8: with one screen the second wall window opened over the camera tree;
    it opens over the main wall instead, the tree and the patrols beside it free."""
    assert len(QGuiApplication.screens()) == 1
    window = make_window()
    window.resize(1600, 900)
    window.show()
    qtbot.waitExposed(window)
    _started(qtbot, runner, window)
    second = window.walls.open_second()
    qtbot.waitExposed(second)

    def on_screen(widget: QWidget) -> QRect:
        return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())

    covered = second.frameGeometry()
    for name in ("cameraDock", "patrolDock"):
        dock = window.findChild(QDockWidget, name)
        assert dock.isVisible() and not covered.intersects(on_screen(dock)), name
    wall = on_screen(window.wall)
    assert wall.contains(covered.center()) and covered.width() >= wall.width() * 3 // 4
