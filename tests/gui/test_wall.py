"""The video wall and its tiles, with a fake player and a fake platform client."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from patrol_app.ui.camera_tree import CAMERA_MIME
from patrol_app.ui.player import PlayerState
from patrol_app.ui.tasks import TaskRunner
from patrol_app.ui.tile import Tile
from patrol_app.ui.wall import VideoWall
from tests.gui.helpers import CAMERAS, FakeClient, FakePlayer, text_of

NO_KEYS = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def make_wall(qtbot: QtBot, runner: TaskRunner) -> Iterator[Callable[[FakeClient], VideoWall]]:
    walls = []

    def make(client: FakeClient) -> VideoWall:
        wall = VideoWall(client, runner, player_factory=FakePlayer, retry_ms=10)
        qtbot.addWidget(wall)
        wall.set_cameras(CAMERAS)
        walls.append(wall)
        return wall

    yield make
    for tile in (tile for wall in walls for tile in wall.tiles):
        tile.clear()  # no retry and no late answer may reach the next test


@pytest.fixture
def client() -> FakeClient:
    return FakeClient(CAMERAS)


@pytest.fixture
def wall(make_wall: Callable[[FakeClient], VideoWall], client: FakeClient) -> VideoWall:
    return make_wall(client)


def _playing(wall: VideoWall) -> list[str | None]:
    return [tile.camera.camera_num if tile.camera else None for tile in wall.tiles]


def _opened(qtbot: QtBot, tile: Tile, count: int = 1) -> FakePlayer:
    """Wait for the tile's player to be opened ``count`` times (the address came back)."""
    player = tile.player
    qtbot.waitUntil(lambda: len(player.opened) == count)
    return player


def test_play_fills_free_tiles_through_the_platform(
    qtbot: QtBot, wall: VideoWall, client: FakeClient
) -> None:
    """W-4, W-2: each camera goes to the next free tile, at the wall's grade (videoType 0)."""
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
    assert players[0].state is PlayerState.PLAYING
    assert [player.state for player in players[1:]] == [PlayerState.IDLE] * 3  # stopped
    assert wall.selected is None  # the selected tile went away


def test_tile_shows_camera_and_state(qtbot: QtBot, wall: VideoWall) -> None:
    """W-4: name, pile number and direction in the header; the state as text; the video
    only once it has a picture."""
    tile = wall.tiles[0]
    assert text_of(tile, "tileState") == "空闲"
    wall.play("c3")
    assert text_of(tile, "tileName") == CAMERAS[2].name
    assert text_of(tile, "tilePlace") == "K1851+200 下行"
    assert text_of(tile, "tileState") == "连接中"
    player = _opened(qtbot, tile)
    assert player.view.isHidden()
    player.show_frame()
    assert text_of(tile, "tileState") == "播放中"
    assert not player.view.isHidden()
    player.lose("Demuxing failed")
    assert text_of(tile, "tileState") == "无信号"
    assert text_of(tile, "tileMessage") == "无信号\nDemuxing failed"
    assert player.view.isHidden()


def test_lost_stream_recovers_by_itself(qtbot: QtBot, wall: VideoWall) -> None:
    """W-6: a tile that loses its stream says so, then asks for the address again."""
    wall.play("c1")
    tile = wall.tiles[0]
    player = _opened(qtbot, tile)
    player.show_frame()
    player.lose("The stream ended")
    assert tile.state is PlayerState.NO_SIGNAL
    _opened(qtbot, tile, count=2)
    assert tile.state is PlayerState.CONNECTING
    player.show_frame()
    assert tile.state is PlayerState.PLAYING


def test_platform_error_is_shown_in_the_tile(
    qtbot: QtBot, make_wall: Callable[[FakeClient], VideoWall]
) -> None:
    wall = make_wall(FakeClient(CAMERAS, fail="无法连接视频平台"))
    wall.play("c2")
    tile = wall.tiles[0]
    qtbot.waitUntil(lambda: tile.state is PlayerState.NO_SIGNAL)
    assert text_of(tile, "tileMessage") == "无信号\n无法连接视频平台"
    assert tile.player.opened == []


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


def test_double_click_on_an_empty_tile_is_harmless(qtbot: QtBot, wall: VideoWall) -> None:
    tile = wall.tiles[1]
    qtbot.mouseDClick(tile, Qt.MouseButton.LeftButton)
    assert tile.camera is None and tile.state is PlayerState.IDLE
