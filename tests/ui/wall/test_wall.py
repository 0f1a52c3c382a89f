"""The video wall and its tiles, with a fake player and a fake platform client: placement,
grades (W-2), failure and reconnection (W-6), enlarging, keyboard and layouts."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from patrol_app.domain.layouts import TileLayout, WallLayout
from patrol_app.ui.tasks import TaskRunner
from patrol_app.ui.video.player import PlayerState
from patrol_app.ui.video.stream import StreamTimings
from patrol_app.ui.wall.camera_tree import CAMERA_MIME
from patrol_app.ui.wall.tile import Tile
from patrol_app.ui.wall.wall import VideoWall
from tests.ui.helpers import CAMERAS, PATIENT, FakeClient, FakePlayer, text_of

NO_KEYS = Qt.KeyboardModifier.NoModifier
WallFactory = Callable[..., VideoWall]


@pytest.fixture
def make_wall(qtbot: QtBot, runner: TaskRunner) -> Iterator[WallFactory]:
    walls = []

    def make(client: FakeClient, timings: StreamTimings = PATIENT) -> VideoWall:
        wall = VideoWall(client, runner, player_factory=FakePlayer, timings=timings)
        qtbot.addWidget(wall)
        wall.set_cameras(CAMERAS)
        walls.append(wall)
        return wall

    yield make
    for wall in walls:
        wall.stop_all()  # no retry and no late answer may reach the next test


@pytest.fixture
def client() -> FakeClient:
    return FakeClient(CAMERAS)


@pytest.fixture
def wall(make_wall: WallFactory, client: FakeClient) -> VideoWall:
    return make_wall(client)


def _playing(wall: VideoWall) -> list[str | None]:
    return [tile.camera.camera_num if tile.camera else None for tile in wall.tiles]


def _opened(qtbot: QtBot, tile: Tile, count: int = 1) -> FakePlayer:
    """Wait for the tile's player to be opened ``count`` times (the address came back)."""
    player = tile.player
    qtbot.waitUntil(lambda: len(player.opened) == count)
    return player


def _action(tile: Tile, name: str) -> QAction:
    action = tile.menu().findChild(QAction, name)
    assert action is not None, f"no action {name} in the tile's menu"
    return action


def test_play_fills_free_tiles_through_the_platform(
    qtbot: QtBot, wall: VideoWall, client: FakeClient
) -> None:
    """W-4, W-2: each camera goes to the next free tile, at the grid's grade (videoType 0)."""
    for camera in CAMERAS[:3]:
        wall.play(camera.camera_num)
    assert _playing(wall) == ["c1", "c2", "c3", None]
    for tile, camera in zip(wall.tiles, CAMERAS[:3], strict=False):
        assert _opened(qtbot, tile).opened == [f"http://sim/live/{camera.camera_num}/0.flv"]
    assert sorted(client.asked) == [("c1", 0), ("c2", 0), ("c3", 0)]


def test_play_goes_to_the_selected_tile(qtbot: QtBot, wall: VideoWall) -> None:
    wall.play("c1")
    qtbot.mouseClick(wall.tiles[2], Qt.MouseButton.LeftButton)
    assert wall.selected is wall.tiles[2]
    wall.play("c4")
    wall.play("c5")  # replaces c4: the selection stays
    assert _playing(wall) == ["c1", None, "c5", None]


def test_layout_switch_keeps_the_remaining_tiles(qtbot: QtBot, wall: VideoWall) -> None:
    """W-4: 4 -> 9 keeps the four cameras playing; 9 -> 1 keeps only the first."""
    for camera in CAMERAS[:4]:
        wall.play(camera.camera_num)
    first_four = wall.tiles
    players = [_opened(qtbot, tile) for tile in first_four]
    for player in players:
        player.show_frame()

    wall.set_tile_count(9)
    assert wall.tiles[:4] == first_four
    assert _playing(wall) == ["c1", "c2", "c3", "c4"] + [None] * 5
    assert [player.state for player in players] == [PlayerState.PLAYING] * 4

    wall.select(wall.tiles[5])
    wall.set_tile_count(1)
    assert wall.tiles == first_four[:1]
    assert _playing(wall) == ["c1"]
    assert [player.state for player in players[1:]] == [PlayerState.IDLE] * 3  # stopped
    assert wall.selected is None  # the selected tile went away


def test_a_smaller_layout_gives_its_cameras_back_when_the_wall_grows(
    qtbot: QtBot, wall: VideoWall
) -> None:
    """Issue 11 point 6: 单画面 then 四画面 again shows the four cameras, each in its tile
    and at the grade the operator chose; 16 -> 4 -> 1 -> 9 -> 16 gives every one back in
    order. A camera the operator put on the smaller wall meanwhile is not shown twice."""
    for camera in CAMERAS[:4]:
        wall.play(camera.camera_num)
    wall.tiles[2].set_manual_grade(2)
    wall.layout_actions[1].trigger()
    assert _playing(wall) == ["c1"]
    wall.layout_actions[4].trigger()
    assert _playing(wall) == ["c1", "c2", "c3", "c4"]
    assert [tile.manual_grade for tile in wall.tiles] == [None, None, 2, None]
    qtbot.waitUntil(lambda: wall.tiles[2].player.opened[-1:] == ["http://sim/live/c3/2.flv"])

    wall.layout_actions[16].trigger()
    wall.play_in(wall.tiles[9], "c5")
    wall.play_in(wall.tiles[15], "c6")
    wall.layout_actions[4].trigger()
    wall.layout_actions[1].trigger()
    wall.play_in(wall.tiles[0], "c3")  # c3 moves to the single view
    wall.layout_actions[9].trigger()
    assert _playing(wall) == ["c3", "c2", None, "c4"] + [None] * 5
    wall.layout_actions[16].trigger()
    assert _playing(wall) == ["c3", "c2", None, "c4"] + [None] * 5 + ["c5"] + [None] * 5 + ["c6"]


def test_a_loaded_layout_is_not_mixed_with_the_cameras_of_an_earlier_one(
    wall: VideoWall,
) -> None:
    for camera in CAMERAS[:4]:
        wall.play(camera.camera_num)
    wall.layout_actions[1].trigger()
    wall.apply(WallLayout("单画面", (TileLayout("c6"),)))
    wall.layout_actions[4].trigger()
    assert _playing(wall) == ["c6", None, None, None]


def test_tile_shows_camera_grade_and_state(qtbot: QtBot, wall: VideoWall) -> None:
    """W-4: name, pile number, direction and grade in the header; the state as text; the
    video only once it has a picture; why there is none, and that it reconnects."""
    tile = wall.tiles[0]
    assert text_of(tile, "tileState") == "空闲"
    assert tile.findChild(QLabel, "tileGrade").isHidden()  # no camera, no grade
    wall.play("c3")
    assert text_of(tile, "tileName") == CAMERAS[2].name
    assert text_of(tile, "tilePlace") == "K1851+200 下行"
    assert text_of(tile, "tileGrade") == "标清 128k"
    assert text_of(tile, "tileState") == "连接中"
    player = _opened(qtbot, tile)
    assert player.view.isHidden()
    player.show_frame()
    assert text_of(tile, "tileState") == "播放中"
    assert not player.view.isHidden()
    player.lose("视频流已结束")
    assert text_of(tile, "tileState") == "无信号"
    assert text_of(tile, "tileMessage") == "无信号：视频流已结束\n正在重连（第 1 次）…"
    assert player.view.isHidden()


def test_lost_stream_reconnects_by_itself(qtbot: QtBot, wall: VideoWall) -> None:
    """W-6: a tile that loses its stream says so, asks for the address again after the
    backoff, and plays again without the operator; "no signal" lasts until it does."""
    wall.play("c1")
    tile = wall.tiles[0]
    player = _opened(qtbot, tile)
    player.show_frame()
    player.lose("视频流已结束")
    assert tile.state is PlayerState.NO_SIGNAL
    _opened(qtbot, tile, count=2)
    assert tile.state is PlayerState.NO_SIGNAL  # reconnecting: not "connecting" again
    player.lose("无法打开或读取视频流")
    _opened(qtbot, tile, count=3)
    assert tile.stream.attempts == 2
    player.show_frame()
    assert tile.state is PlayerState.PLAYING
    assert tile.stream.attempts == 0  # the next loss starts the backoff again


def test_backoff_doubles_up_to_its_cap() -> None:
    """0.5 s doubling to 4 s: a returning source plays within 5 s of its return (W-6)."""
    timings = StreamTimings()
    assert [timings.retry_ms(n) for n in range(6)] == [500, 1000, 2000, 4000, 4000, 4000]
    assert timings.retry_ms(10_000) == 4000


def test_removed_camera_is_told_and_retried(
    qtbot: QtBot, wall: VideoWall, client: FakeClient
) -> None:
    """W-6: the platform's 404 means the camera was removed; it may come back, so the tile
    keeps asking (at most every retry_max_ms)."""
    client.removed.add("c2")
    wall.play("c2")
    tile = wall.tiles[0]
    qtbot.waitUntil(lambda: tile.state is PlayerState.NO_SIGNAL)
    assert text_of(tile, "tileMessage").startswith("无信号：摄像机已删除\n")
    client.removed.clear()
    player = _opened(qtbot, tile)
    player.show_frame()
    assert tile.state is PlayerState.PLAYING


def test_platform_error_is_shown_in_the_tile(qtbot: QtBot, make_wall: WallFactory) -> None:
    wall = make_wall(FakeClient(CAMERAS, fail="无法连接视频平台"))
    wall.play("c2")
    tile = wall.tiles[0]
    qtbot.waitUntil(lambda: tile.state is PlayerState.NO_SIGNAL)
    assert text_of(tile, "tileMessage").startswith("无信号：无法连接视频平台\n")
    assert tile.player.opened == []


def test_no_tile_hangs_in_connecting(qtbot: QtBot, make_wall: WallFactory) -> None:
    """W-6: a stream that never shows a picture is given up after connect_timeout_ms and
    tried again."""
    wall = make_wall(FakeClient(CAMERAS), StreamTimings(connect_timeout_ms=50))
    wall.play("c1")
    tile = wall.tiles[0]
    qtbot.waitUntil(lambda: tile.state is PlayerState.NO_SIGNAL)
    assert text_of(tile, "tileMessage").startswith("无信号：连接超时\n")
    _opened(qtbot, tile, count=2)


def test_a_stalled_picture_is_no_signal(qtbot: QtBot, make_wall: WallFactory) -> None:
    """W-6: frames stop coming while the connection stays open: no signal after stall_ms."""
    wall = make_wall(FakeClient(CAMERAS), StreamTimings(stall_ms=60))
    wall.play("c1")
    tile = wall.tiles[0]
    _opened(qtbot, tile).show_frame()
    qtbot.waitUntil(lambda: tile.state is PlayerState.NO_SIGNAL)
    assert text_of(tile, "tileMessage").startswith("无信号：画面停滞\n")


def test_the_wall_tells_which_cameras_have_no_signal(qtbot: QtBot, wall: VideoWall) -> None:
    """W-6: the directory marks them from this signal."""
    reported: list[dict[str, str]] = []
    wall.lost_changed.connect(reported.append)
    wall.play("c1")
    player = _opened(qtbot, wall.tiles[0])
    player.show_frame()
    player.lose("视频流已结束")
    assert reported[-1] == {"c1": "视频流已结束"}
    _opened(qtbot, wall.tiles[0], count=2).show_frame()
    assert reported[-1] == {}
    player.lose("视频流已结束")
    wall.close_tile(wall.tiles[0])  # an emptied tile has nothing to report
    assert reported[-1] == {}


def test_grade_from_the_menu_keeps_the_tile_and_the_picture(
    qtbot: QtBot, wall: VideoWall, client: FakeClient
) -> None:
    """W-2 "高清切换": the new grade connects on the spare player while the old picture
    stays; at its first frame the spare takes over the same tile."""
    wall.play("c1")
    tile = wall.tiles[0]
    old = _opened(qtbot, tile)
    old.show_frame()
    _action(tile, "grade1").trigger()
    assert tile.grade == 1 and tile.manual_grade == 1
    assert text_of(tile, "tileGrade") == "高清 1M"
    spare = tile.stream.players[1]
    qtbot.waitUntil(lambda: spare.opened == ["http://sim/live/c1/1.flv"])
    assert tile.player is old and tile.state is PlayerState.PLAYING  # the old picture stays
    spare.show_frame()
    assert tile.player is spare and tile.state is PlayerState.PLAYING
    assert old.state is PlayerState.IDLE
    assert tile.stream.url == "http://sim/live/c1/1.flv"
    assert wall.tiles[0] is tile and tile.camera.camera_num == "c1"
    assert _action(tile, "grade1").isChecked()

    _action(tile, "gradeAuto").trigger()  # back to the wall's grade
    assert tile.manual_grade is None
    qtbot.waitUntil(lambda: old.opened == ["http://sim/live/c1/0.flv"] * 2)
    old.show_frame()
    assert tile.player is old and text_of(tile, "tileGrade") == "标清 128k"


def test_grade_change_while_no_picture_connects_at_once(qtbot: QtBot, wall: VideoWall) -> None:
    wall.play("c1")
    tile = wall.tiles[0]
    player = _opened(qtbot, tile)  # connecting, no frame yet
    _action(tile, "grade3").trigger()
    qtbot.waitUntil(lambda: player.opened[-1] == "http://sim/live/c1/3.flv")
    assert len(tile.stream.players) == 1


def test_enlarged_tile_plays_the_high_grade_and_comes_back(
    qtbot: QtBot, wall: VideoWall, client: FakeClient
) -> None:
    """W-2: a double-click enlarges a tile to the whole wall at grade 1; another double-click
    (or Esc) brings the grid back at grade 0. The operator's own grade is kept."""
    wall.play("c1")
    wall.play("c2")
    first, second = wall.tiles[:2]
    for tile in (first, second):
        _opened(qtbot, tile).show_frame()
    qtbot.mouseDClick(first, Qt.MouseButton.LeftButton)
    assert wall.enlarged is first
    assert [tile.isHidden() for tile in wall.tiles] == [False, True, True, True]
    assert first.grade == 1
    spare = first.stream.players[1]
    qtbot.waitUntil(lambda: spare.opened == ["http://sim/live/c1/1.flv"])
    spare.show_frame()
    assert first.player is spare
    assert second.grade == 0  # hidden tiles keep their grid grade

    qtbot.mouseDClick(first, Qt.MouseButton.LeftButton)
    assert wall.enlarged is None
    assert not any(tile.isHidden() for tile in wall.tiles)
    assert first.grade == 0

    second.set_manual_grade(2)
    wall.toggle_enlarged(second)
    assert second.grade == 2
    wall.show_all()
    assert second.grade == 2


def test_double_click_on_an_empty_tile_is_harmless(qtbot: QtBot, wall: VideoWall) -> None:
    tile = wall.tiles[1]
    qtbot.mouseDClick(tile, Qt.MouseButton.LeftButton)
    assert tile.camera is None and tile.state is PlayerState.IDLE
    assert wall.enlarged is None


def test_keyboard_digits_select_enter_enlarges_esc_returns(
    qtbot: QtBot, make_wall: WallFactory, client: FakeClient
) -> None:
    wall = make_wall(client)
    wall.set_tile_count(9)
    for camera in CAMERAS[:3]:
        wall.play(camera.camera_num)
    wall.show()
    wall.activateWindow()
    qtbot.waitUntil(wall.isActiveWindow)
    qtbot.mouseClick(wall.tiles[0], Qt.MouseButton.LeftButton)  # the wall takes the focus
    assert wall.hasFocus()
    qtbot.keyClick(wall, Qt.Key.Key_3)
    assert wall.selected is wall.tiles[2]
    qtbot.keyClick(wall, Qt.Key.Key_9)
    assert wall.selected is wall.tiles[8]
    qtbot.keyClick(wall, Qt.Key.Key_2)
    qtbot.keyClick(wall, Qt.Key.Key_Return)
    assert wall.enlarged is wall.tiles[1]
    qtbot.keyClick(wall, Qt.Key.Key_Escape)
    assert wall.enlarged is None
    qtbot.keyClick(wall, Qt.Key.Key_Enter)
    assert wall.enlarged is wall.tiles[1]
    qtbot.keyClick(wall, Qt.Key.Key_Enter)
    assert wall.enlarged is None


def test_close_from_the_menu_empties_the_tile(qtbot: QtBot, wall: VideoWall) -> None:
    wall.play("c4")
    tile = wall.tiles[0]
    player = _opened(qtbot, tile)
    player.show_frame()
    assert _action(tile, "snapshot").isEnabled()
    _action(tile, "close").trigger()
    assert tile.camera is None and tile.state is PlayerState.IDLE
    assert player.state is PlayerState.IDLE
    assert not _action(tile, "snapshot").isEnabled()


def test_layout_is_captured_and_applied(qtbot: QtBot, wall: VideoWall) -> None:
    wall.play("c1")
    wall.play("c2")
    wall.tiles[1].set_manual_grade(1)
    assert wall.saved_as("夜班") == WallLayout(
        "夜班", (TileLayout("c1"), TileLayout("c2", 1), None, None)
    )
    wall.apply(WallLayout("白班", (TileLayout("c6", 2),) + (None,) * 7 + (TileLayout("gone"),)))
    assert _playing(wall) == ["c6"] + [None] * 8  # a camera not in the directory: empty
    assert wall.tiles[0].grade == 2
    assert wall.layout_actions[9].isChecked()
    qtbot.waitUntil(lambda: wall.tiles[0].player.opened[-1:] == ["http://sim/live/c6/2.flv"])


def _drag_enter(tile: Tile, data: QMimeData) -> bool:
    """Whether ``tile`` takes a drag of ``data``; Qt delivers a drop only after this."""
    enter = QDragEnterEvent(
        QPoint(5, 5), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton, NO_KEYS
    )
    QApplication.sendEvent(tile, enter)
    return enter.isAccepted()


def test_drop_plays_the_camera_in_that_tile(qtbot: QtBot, wall: VideoWall) -> None:
    data = QMimeData()
    data.setData(CAMERA_MIME, b"c6")
    tile = wall.tiles[3]
    assert _drag_enter(tile, data)
    drop = QDropEvent(
        QPointF(5, 5), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton, NO_KEYS
    )
    QApplication.sendEvent(tile, drop)
    assert drop.isAccepted()
    assert _playing(wall) == [None, None, None, "c6"]
    _opened(qtbot, tile)


def test_tile_refuses_other_drags(wall: VideoWall) -> None:
    data = QMimeData()
    data.setText("c6")
    assert not _drag_enter(wall.tiles[0], data)


def test_debug_overlay_shows_start_time_and_frames(qtbot: QtBot, wall: VideoWall) -> None:
    """W-3: the measured time to the first picture and the frames, in the header."""
    wall.play("c1")
    tile = wall.tiles[0]
    player = _opened(qtbot, tile)
    wall.set_debug(True)
    assert text_of(tile, "tileDebug") == "首帧 — 秒 · 0 帧"
    player.show_frame()
    player.show_frame()
    qtbot.waitUntil(lambda: text_of(tile, "tileDebug").endswith("· 2 帧"))
    assert text_of(tile, "tileDebug").startswith("首帧 0.")
    wall.set_debug(False)
    assert tile.findChild(QLabel, "tileDebug").isHidden()


class _HlsPlayer(FakePlayer):
    prefers_hls = True


def test_a_backend_that_prefers_hls_gets_the_hls_address(
    qtbot: QtBot, runner: TaskRunner, client: FakeClient
) -> None:
    """libvlc starts the service's HLS far sooner than its video-only FLV (docs/VLC.md)."""
    wall = VideoWall(client, runner, player_factory=_HlsPlayer, timings=PATIENT)
    qtbot.addWidget(wall)
    wall.set_cameras(CAMERAS)
    wall.play("c2")
    tile = wall.tiles[0]
    assert _opened(qtbot, tile).opened == ["http://sim/live/c2/0/index.m3u8"]
    tile.clear()
