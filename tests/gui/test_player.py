"""The Qt Multimedia player on real HTTP-FLV streams of a simulated camera served by the
service's media pipelines, read through the QVideoWidget's own sink: the path the wall
uses on screen."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from patrol_app.gateway.process import free_port
from patrol_app.ui.camera_tree import CAMERA_MIME
from patrol_app.ui.player import PlayerState, QtMultimediaPlayer
from patrol_app.ui.tile import Tile
from tests.conftest import MediaServer
from tests.gui.helpers import CAMERAS, distinct_colours, text_of

COPY = Qt.DropAction.CopyAction
NO_KEYS = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def tile(qtbot: QtBot) -> Tile:
    tile = Tile(QtMultimediaPlayer(network_timeout_ms=2000))
    qtbot.addWidget(tile)
    tile.resize(400, 330)
    tile.show()
    return tile


@pytest.fixture
def road_camera(media_server: Callable[..., MediaServer]) -> MediaServer:
    return media_server({"cam": "sim:road"})


def test_plays_http_flv_and_shows_a_picture(
    qtbot: QtBot, tile: Tile, road_camera: MediaServer
) -> None:
    """W-1, W-3: an HTTP-FLV H.264 stream plays; its picture is the camera's, not blank.
    (How fast the first picture comes is measured by bench/first_frame.py.)"""
    tile.assign(CAMERAS[0])
    with qtbot.waitSignal(tile.player.first_frame, timeout=10_000):
        tile.open(f"{road_camera.base_url}/live/cam/0.flv")
    assert tile.state is PlayerState.PLAYING
    qtbot.waitUntil(lambda: tile.player.frames >= 5)
    image = tile.player.snapshot()
    assert (image.width(), image.height()) == (352, 288)
    assert distinct_colours(image) > 20  # road, lanes, vehicles, text: not a blank frame


def test_stream_end_is_no_signal(qtbot: QtBot, tile: Tile, road_camera: MediaServer) -> None:
    """W-6: when the stream ends (here: the camera is removed) the tile says so."""
    tile.assign(CAMERAS[0])
    tile.open(f"{road_camera.base_url}/live/cam/0.flv")
    qtbot.waitUntil(lambda: tile.state is PlayerState.PLAYING, timeout=10_000)
    road_camera.call(road_camera.manager.remove, "cam")
    qtbot.waitUntil(lambda: tile.state is PlayerState.NO_SIGNAL, timeout=10_000)
    assert text_of(tile, "tileMessage") == "无信号\n视频流已结束"


@pytest.mark.qt_log_ignore("Could not open media. FFmpeg error description: Connection refused")
def test_unreachable_stream_is_no_signal(qtbot: QtBot, tile: Tile) -> None:
    """W-6: the operator reads what went wrong, in Chinese."""
    tile.assign(CAMERAS[0])
    tile.open(f"http://127.0.0.1:{free_port()}/live.flv")  # nobody listens there
    qtbot.waitUntil(lambda: tile.state is PlayerState.NO_SIGNAL, timeout=10_000)
    assert text_of(tile, "tileMessage") == "无信号\n无法打开或读取视频流"


def test_drop_on_the_video_reaches_the_tile(qtbot: QtBot, tile: Tile) -> None:
    """QVideoWidget's native container takes drags over the picture: the tile still gets
    them, whichever of its widgets X11 delivers them to."""
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


def test_stop_while_connecting_does_not_block(qtbot: QtBot, tile: Tile) -> None:
    """A server that accepts and never answers: stop returns at once and the tile is idle."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        tile.assign(CAMERAS[0])
        tile.open(f"http://127.0.0.1:{silent.getsockname()[1]}/live.flv")
        assert tile.player.state is PlayerState.CONNECTING
        started = time.monotonic()
        tile.clear()
        assert time.monotonic() - started < 0.5
    assert tile.state is PlayerState.IDLE
