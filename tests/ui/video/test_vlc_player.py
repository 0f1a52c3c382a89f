"""The libvlc player (real libvlc 3, memory-sink output as on the offscreen platform) on real
streams of a simulated camera served by the service's media pipelines; backend selection and
the fallback from Qt Multimedia.

VLC 3 needs about 5 s to start a video-only HTTP-FLV stream (docs/VLC.md), so one test plays
HTTP-FLV and the others use HLS, which it starts in a fraction of a second.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from patrol_app.settings import Settings, SettingsError
from patrol_app.standalone.process import free_port
from patrol_app.ui.video import vlc_player
from patrol_app.ui.video.backends import PlayerBackend, create_player
from patrol_app.ui.video.player import FallbackPlayer, PlayerState
from patrol_app.ui.video.vlc_player import VlcOutput, VlcPlayer, live_media_players, wait_released
from tests.conftest import MediaServer
from tests.ui.helpers import FakePlayer, distinct_colours

FLV_START_MS = 15_000  # VLC 3's ~5 s avformat probe of video-only FLV, on a loaded machine
HLS_START_MS = 10_000


@pytest.fixture(autouse=True)
def _no_leaked_players() -> Iterator[None]:
    before = live_media_players()
    yield
    assert wait_released(10), "a stopped libvlc player was not released"
    assert live_media_players() == before, "a libvlc player was left open"


@pytest.fixture
def player(qtbot: QtBot) -> Iterator[VlcPlayer]:
    player = VlcPlayer(timeout_ms=FLV_START_MS)
    qtbot.addWidget(player.view)
    player.view.resize(400, 300)
    player.view.show()
    yield player
    player.stop()  # before the server stops: it waits for its open streams


@pytest.fixture
def road_camera(media_server: Callable[..., MediaServer]) -> MediaServer:
    return media_server({"cam": "sim:road"})


def _assert_road_picture(image: QImage) -> None:
    assert (image.width(), image.height()) == (352, 288)
    assert distinct_colours(image) > 20  # road, lanes, vehicles, text: not a blank frame


def test_offscreen_uses_the_memory_sink(player: VlcPlayer) -> None:
    assert player.output is VlcOutput.MEMORY


def test_http_flv_plays_then_its_end_is_no_signal(
    qtbot: QtBot, player: VlcPlayer, road_camera: MediaServer
) -> None:
    """W-1, W-6 on HTTP-FLV: a picture of the camera; then the camera is removed and the
    player says, in Chinese, that the stream ended."""
    with qtbot.waitSignal(player.first_frame, timeout=FLV_START_MS):
        player.open(f"{road_camera.base_url}/live/cam/0.flv")
    assert player.state is PlayerState.PLAYING
    qtbot.waitUntil(lambda: player.frames >= 5)
    _assert_road_picture(player.snapshot())
    with qtbot.waitSignal(player.error, timeout=10_000) as ended:
        road_camera.call(road_camera.manager.remove, "cam")
    assert ended.args == ["视频流已结束"] and player.state is PlayerState.NO_SIGNAL


def test_hls_plays_and_frames_keep_coming(
    qtbot: QtBot, player: VlcPlayer, road_camera: MediaServer
) -> None:
    with qtbot.waitSignal(player.first_frame, timeout=HLS_START_MS):
        player.open(f"{road_camera.base_url}/live/cam/0/index.m3u8")
    assert player.state is PlayerState.PLAYING
    qtbot.waitUntil(lambda: player.frames >= 25, timeout=5_000)  # a second of video
    _assert_road_picture(player.snapshot())
    painted = player.view.grab().toImage()  # what the memory view shows
    assert distinct_colours(painted) > 20


def test_unreachable_stream_is_no_signal(qtbot: QtBot, player: VlcPlayer) -> None:
    """W-6: the operator reads what went wrong, in Chinese."""
    with qtbot.waitSignal(player.error, timeout=10_000) as failed:
        player.open(f"http://127.0.0.1:{free_port()}/live.flv")  # nobody listens there
    assert failed.args == ["无法打开或读取视频流"] and player.state is PlayerState.NO_SIGNAL
    assert player.snapshot().isNull()


def test_a_server_that_never_answers_times_out(qtbot: QtBot) -> None:
    """libvlc would wait forever: the player gives up after its timeout (W-6)."""
    player = VlcPlayer(timeout_ms=1000)
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        with qtbot.waitSignal(player.error, timeout=5_000) as failed:
            player.open(f"http://127.0.0.1:{silent.getsockname()[1]}/live.flv")
    assert failed.args == ["视频流没有画面"] and player.state is PlayerState.NO_SIGNAL


def test_stop_while_connecting_does_not_block(player: VlcPlayer) -> None:
    """A server that accepts and never answers: stop returns at once; libvlc's own stop and
    release run on a worker thread (the autouse fixture waits for them)."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        player.open(f"http://127.0.0.1:{silent.getsockname()[1]}/live.flv")
        assert player.state is PlayerState.CONNECTING
        started = time.monotonic()
        player.stop()
        assert time.monotonic() - started < 0.5
    assert player.state is PlayerState.IDLE


def test_open_stop_cycles_leak_no_player(
    qtbot: QtBot, player: VlcPlayer, road_camera: MediaServer
) -> None:
    """20 cycles, stopped while connecting or while playing: every libvlc media player made is
    released (the autouse fixture checks the count), and the player still plays after."""
    url = f"{road_camera.base_url}/live/cam/0/index.m3u8"
    for cycle in range(20):
        player.open(url)
        if cycle % 5 == 4:
            qtbot.waitUntil(lambda: player.state is PlayerState.PLAYING, timeout=HLS_START_MS)
        player.stop()
        assert player.state is PlayerState.IDLE
    assert wait_released(10)
    assert live_media_players() == 0
    with qtbot.waitSignal(player.first_frame, timeout=HLS_START_MS):
        player.open(url)


def test_late_events_of_a_stopped_stream_are_ignored(player: VlcPlayer) -> None:
    """An error or a frame libvlc reports after stop belongs to a session that is gone."""
    player.open(f"http://127.0.0.1:{free_port()}/live.flv")
    session_id = player._session.id  # white box: the id libvlc's callbacks carry
    player.stop()
    for event in (vlc_player._Event.ERROR, vlc_player._Event.FRAME):
        vlc_player._dispatch(session_id, event)
    assert player.state is PlayerState.IDLE and player.frames == 0


# --- Backend selection ----------------------------------------------------------------------


def test_player_backend_setting(tmp_path: Path) -> None:
    assert Settings.load(tmp_path).player_backend == "qt"
    assert Settings.load(tmp_path, player_backend="vlc").player_backend == "vlc"
    with pytest.raises(SettingsError, match="player_backend"):
        Settings.load(tmp_path, player_backend="mpv")


def test_create_player_per_backend(qtbot: QtBot) -> None:
    vlc = create_player(PlayerBackend.VLC)
    assert isinstance(vlc, VlcPlayer) and vlc.prefers_hls  # docs/VLC.md: FLV starts in ~5 s
    qt = create_player("qt")
    assert isinstance(qt, FallbackPlayer) and not qt.prefers_hls
    assert type(qt.active).__name__ == "QtMultimediaPlayer"
    with pytest.raises(ValueError):
        create_player("mpv")


def _fallback_pair(qtbot: QtBot) -> tuple[FallbackPlayer, FakePlayer, list[FakePlayer]]:
    made: list[FakePlayer] = []

    def second() -> FakePlayer:
        made.append(FakePlayer())
        return made[-1]

    primary = FakePlayer()
    player = FallbackPlayer(primary, second)
    qtbot.addWidget(player.view)
    return player, primary, made


def test_fallback_takes_what_the_primary_cannot_open(qtbot: QtBot) -> None:
    player, primary, made = _fallback_pair(qtbot)
    states: list[PlayerState] = []
    player.state_changed.connect(states.append)
    player.open("http://sim/odd.flv")
    primary.lose("unsupported")
    assert [fallback.opened for fallback in made] == [["http://sim/odd.flv"]]
    assert player.state is PlayerState.CONNECTING and primary.state is PlayerState.IDLE
    assert player.active is made[0]
    assert isinstance(player.view, QWidget) and player.view.currentWidget() is made[0].view
    with qtbot.waitSignal(player.first_frame):
        made[0].show_frame()
    assert states == [PlayerState.CONNECTING, PlayerState.PLAYING]
    # The next open starts with the primary again; the fallback is reused, not remade.
    player.open("http://sim/next.flv")
    assert player.active is primary and primary.opened[-1] == "http://sim/next.flv"
    primary.lose("unsupported")
    assert len(made) == 1 and made[0].opened[-1] == "http://sim/next.flv"


def test_no_fallback_once_the_primary_has_played(qtbot: QtBot) -> None:
    player, primary, made = _fallback_pair(qtbot)
    player.open("http://sim/cam.flv")
    primary.show_frame()
    with qtbot.waitSignal(player.error) as failed:
        primary.lose("stream ended")
    assert failed.args == ["stream ended"] and player.state is PlayerState.NO_SIGNAL
    assert made == []


def test_the_fallback_failing_too_is_no_signal(qtbot: QtBot) -> None:
    player, primary, made = _fallback_pair(qtbot)
    player.open("http://sim/cam.flv")
    primary.lose("cannot open")
    with qtbot.waitSignal(player.error) as failed:
        made[0].lose("cannot open either")
    assert failed.args == ["cannot open either"] and player.state is PlayerState.NO_SIGNAL


@pytest.mark.qt_log_ignore("Could not open media. FFmpeg error description: Connection refused")
def test_real_fallback_from_qt_to_vlc(qtbot: QtBot) -> None:
    """Both real backends: Qt Multimedia cannot open the URL, libvlc is tried, and the player
    reports libvlc's verdict."""
    player = create_player(PlayerBackend.QT)
    qtbot.addWidget(player.view)
    with qtbot.waitSignal(player.error, timeout=10_000) as failed:
        player.open(f"http://127.0.0.1:{free_port()}/live.flv")
    assert isinstance(player, FallbackPlayer) and isinstance(player.active, VlcPlayer)
    assert failed.args == ["无法打开或读取视频流"] and player.state is PlayerState.NO_SIGNAL
    player.stop()
