"""Failure and recovery on real streams (W-6, issue 4 "Done when"): the service's media
pipelines in this process (so that a test can kill or freeze their ffmpeg), the wall's real
Qt Multimedia players, and the service's own supervisor bringing ffmpeg back."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtMultimedia import QMediaPlayer
from pytestqt.qtbot import QtBot

from patrol_app.gateway.media import pipeline
from patrol_app.ui.tasks import TaskRunner
from patrol_app.ui.video.player import PlayerState, QtMultimediaPlayer
from patrol_app.ui.video.stream import DEFAULT_TIMINGS, StreamTimings
from patrol_app.ui.wall.wall import VideoWall
from tests.conftest import MediaServer
from tests.ui.helpers import CAMERAS, FakeClient, text_of

# The service's pipeline being restarted: the tile's retries find it failed (HTTP 500).
RESTARTING = r"Could not open media\. FFmpeg error description: Server returned 5XX"
WallFactory = Callable[..., tuple[VideoWall, MediaServer]]


@pytest.fixture
def live_wall(
    qtbot: QtBot, runner: TaskRunner, media_server: Callable[..., MediaServer]
) -> Iterator[WallFactory]:
    """A factory: a wall of real players on simulated cameras ``c1``... of a media server."""
    walls = []

    def make(cameras: int, timings: StreamTimings = DEFAULT_TIMINGS) -> tuple[VideoWall, Any]:
        server = media_server({f"c{n}": "sim:road" for n in range(1, cameras + 1)})
        client = FakeClient(CAMERAS, base_url=server.base_url)
        wall = VideoWall(client, runner, player_factory=QtMultimediaPlayer, timings=timings)
        qtbot.addWidget(wall)
        wall.set_cameras(CAMERAS)
        wall.resize(800, 600)
        wall.show()
        walls.append(wall)
        for camera in CAMERAS[:cameras]:
            wall.play(camera.camera_num)
        tiles = wall.tiles[:cameras]
        qtbot.waitUntil(
            lambda: all(tile.state is PlayerState.PLAYING for tile in tiles), timeout=15_000
        )
        return wall, server

    yield make
    for wall in walls:
        wall.stop_all()  # before the servers stop: they wait for their open streams


def _grade0(server: MediaServer, camera_num: str) -> dict[str, Any]:
    return server.call(server.manager.state, camera_num)["grades"][0]


def _restarted(server: MediaServer, camera_num: str, old_pid: int) -> Callable[[], bool]:
    def check() -> bool:
        state = _grade0(server, camera_num)
        return state["state"] == "running" and state["pid"] not in (None, old_pid)

    return check


@pytest.mark.qt_log_ignore(RESTARTING)
def test_killed_pipeline_is_no_signal_then_plays_again(qtbot: QtBot, live_wall) -> None:
    """Done when: killing a camera's pipeline turns its tile to a clear "no signal /
    reconnecting" state within 5 s, and back to playing within 5 s of the source returning
    (the service's supervisor restarts ffmpeg). The wall's default timings, not test ones."""
    wall, server = live_wall(1)
    tile = wall.tiles[0]
    lost: list[dict[str, str]] = []
    wall.lost_changed.connect(lost.append)
    old = _grade0(server, "c1")["pid"]

    os.kill(old, signal.SIGKILL)
    qtbot.waitUntil(lambda: tile.state is PlayerState.NO_SIGNAL, timeout=5000)
    assert text_of(tile, "tileState") == "无信号"
    assert text_of(tile, "tileMessage").startswith("无信号：视频流已结束\n正在重连（第 ")
    assert lost == [{"c1": "视频流已结束"}]  # the directory marks the camera

    qtbot.waitUntil(_restarted(server, "c1", old), timeout=10_000)
    qtbot.waitUntil(lambda: tile.state is PlayerState.PLAYING, timeout=5000)
    frames = tile.player.frames
    qtbot.waitUntil(lambda: tile.player.frames >= frames + 10, timeout=5000)
    assert lost[-1] == {}


@pytest.mark.qt_log_ignore(RESTARTING)
def test_twenty_kill_cycles_leave_no_hung_tile_and_no_leaked_player(
    qtbot: QtBot, live_wall, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Done when: 20 kill/restart cycles, across a wall of four cameras, leave every tile
    playing, one player per tile, and one viewer per camera at the service. The service's
    restart delay and the tiles' backoff are shortened to keep the test short."""
    monkeypatch.setattr(pipeline, "_RETRY_MIN", 0.1)
    fast = StreamTimings(retry_first_ms=100, retry_max_ms=400)
    wall, server = live_wall(4, fast)
    tiles = wall.tiles
    for cycle in range(20):
        camera_num, tile = f"c{cycle % 4 + 1}", tiles[cycle % 4]
        old = _grade0(server, camera_num)["pid"]
        os.kill(old, signal.SIGKILL)
        qtbot.waitUntil(lambda tile=tile: tile.state is PlayerState.NO_SIGNAL, timeout=5000)
        qtbot.waitUntil(_restarted(server, camera_num, old), timeout=10_000)
        qtbot.waitUntil(lambda tile=tile: tile.state is PlayerState.PLAYING, timeout=5000)

    assert all(tile.state is PlayerState.PLAYING for tile in tiles)
    frames = [tile.player.frames for tile in tiles]
    qtbot.waitUntil(
        lambda: all(t.player.frames > f + 10 for t, f in zip(tiles, frames, strict=True)),
        timeout=5000,
    )
    assert len(wall.findChildren(QMediaPlayer)) == 4
    qtbot.waitUntil(
        lambda: [_grade0(server, f"c{n}")["viewers"] for n in range(1, 5)] == [1] * 4,
        timeout=5000,
    )


def test_frozen_source_is_a_stall(qtbot: QtBot, live_wall) -> None:
    """W-6: the connection stays open but no frame comes (ffmpeg stopped, not dead): the
    stall watchdog says so; the picture comes back when the source does."""
    wall, server = live_wall(1, StreamTimings(stall_ms=1500))
    tile = wall.tiles[0]
    pid = _grade0(server, "c1")["pid"]
    os.kill(pid, signal.SIGSTOP)
    try:
        qtbot.waitUntil(lambda: tile.state is PlayerState.NO_SIGNAL, timeout=5000)
        assert text_of(tile, "tileMessage").startswith("无信号：画面停滞\n")
    finally:
        os.kill(pid, signal.SIGCONT)
    qtbot.waitUntil(lambda: tile.state is PlayerState.PLAYING, timeout=10_000)
    frames = tile.player.frames
    qtbot.waitUntil(lambda: tile.player.frames >= frames + 50, timeout=5000)  # 2 s of video
    assert tile.state is PlayerState.PLAYING
