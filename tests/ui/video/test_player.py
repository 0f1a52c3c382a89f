"""The Qt Multimedia player in a tile, on real HTTP-FLV streams of a simulated camera served
by the service's media pipelines, read through the QVideoWidget's own sink: the path the wall
uses on screen."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from patrol_app.standalone.process import free_port
from patrol_app.ui.tasks import TaskRunner
from patrol_app.ui.video.player import PlayerState, QtMultimediaPlayer
from patrol_app.ui.video.stream import LiveStream
from patrol_app.ui.wall.camera_tree import CAMERA_MIME
from patrol_app.ui.wall.tile import Tile
from tests.conftest import MediaServer
from tests.ui.helpers import CAMERAS, FakeClient, distinct_colours, text_of

COPY = Qt.DropAction.CopyAction
NO_KEYS = Qt.KeyboardModifier.NoModifier


def make_tile(qtbot: QtBot, runner: TaskRunner, base_url: str) -> Tile:
    """A tile whose play addresses are the /live routes at ``base_url``."""
    client = FakeClient(CAMERAS, base_url=base_url)
    tile = Tile(LiveStream(client, runner, lambda: QtMultimediaPlayer(network_timeout_ms=2000)))
    qtbot.addWidget(tile)
    tile.resize(400, 330)
    tile.show()
    return tile


@pytest.fixture
def road_camera(media_server: Callable[..., MediaServer]) -> MediaServer:
    return media_server({"c1": "sim:road"})


@pytest.fixture
def tile(qtbot: QtBot, runner: TaskRunner, road_camera: MediaServer) -> Iterator[Tile]:
    tile = make_tile(qtbot, runner, road_camera.base_url)
    yield tile
    tile.clear()  # before the server stops: it waits for its open streams


def test_plays_http_flv_and_shows_a_picture(qtbot: QtBot, tile: Tile) -> None:
    """W-1, W-3: an HTTP-FLV H.264 stream plays; its picture is the camera's, not blank.
    (How fast the first picture comes is measured by bench/first_frame.py.)"""
    with qtbot.waitSignal(tile.player.first_frame, timeout=10_000):
        tile.play(CAMERAS[0])
    assert tile.state is PlayerState.PLAYING
    assert tile.stream.url.endswith("/live/c1/0.flv")
    qtbot.waitUntil(lambda: tile.player.frames >= 5)
    image = tile.player.snapshot()
    assert (image.width(), image.height()) == (352, 288)
    assert distinct_colours(image) > 20  # road, lanes, vehicles, text: not a blank frame


@pytest.mark.qt_log_ignore(r"Could not open media\. FFmpeg error description: Server returned 404")
def test_stream_end_is_no_signal(qtbot: QtBot, tile: Tile, road_camera: MediaServer) -> None:
    """W-6: when the stream ends (here: the camera is removed) the tile says so."""
    tile.play(CAMERAS[0])
    qtbot.waitUntil(lambda: tile.state is PlayerState.PLAYING, timeout=10_000)
    road_camera.call(road_camera.manager.remove, "c1")
    qtbot.waitUntil(lambda: tile.state is PlayerState.NO_SIGNAL, timeout=10_000)
    assert text_of(tile, "tileMessage") == "无信号：视频流已结束\n正在重连（第 1 次）…"


@pytest.mark.qt_log_ignore("Could not open media. FFmpeg error description: Connection refused")
def test_unreachable_stream_is_no_signal(
    qtbot: QtBot, runner: TaskRunner, request: pytest.FixtureRequest
) -> None:
    """W-6: the operator reads what went wrong, in Chinese."""
    tile = make_tile(qtbot, runner, f"http://127.0.0.1:{free_port()}")  # nobody listens
    request.addfinalizer(tile.clear)
    tile.play(CAMERAS[0])
    qtbot.waitUntil(lambda: tile.state is PlayerState.NO_SIGNAL, timeout=10_000)
    assert text_of(tile, "tileMessage").startswith("无信号：无法打开或读取视频流\n")


def test_drop_on_the_video_reaches_the_tile(qtbot: QtBot, runner: TaskRunner) -> None:
    """QVideoWidget's native container takes drags over the picture: the tile still gets
    them, whichever of its widgets X11 delivers them to."""
    tile = make_tile(qtbot, runner, "http://sim")
    data = QMimeData()
    data.setData(CAMERA_MIME, b"c6")
    view = tile.player.view
    for surface in (view, *view.findChildren(QWidget)):
        with qtbot.waitSignal(tile.camera_dropped) as dropped:
            enter = QDragEnterEvent(QPoint(5, 5), COPY, data, Qt.MouseButton.LeftButton, NO_KEYS)
            QApplication.sendEvent(surface, enter)
            assert enter.isAccepted()
            drop = QDropEvent(QPointF(5, 5), COPY, data, Qt.MouseButton.LeftButton, NO_KEYS)
            QApplication.sendEvent(surface, drop)
        assert dropped.args == ["c6"]


def test_stop_while_connecting_does_not_block(qtbot: QtBot, runner: TaskRunner) -> None:
    """A server that accepts and never answers: closing the tile returns at once."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        tile = make_tile(qtbot, runner, f"http://127.0.0.1:{silent.getsockname()[1]}")
        tile.play(CAMERAS[0])
        qtbot.waitUntil(lambda: tile.player.state is PlayerState.CONNECTING)
        started = time.monotonic()
        tile.clear()
        assert time.monotonic() - started < 0.5
    assert tile.state is PlayerState.IDLE
