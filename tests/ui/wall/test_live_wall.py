"""The workstation on the real demo site: the embedded service in its own process, its
simulated cameras and their on-demand HTTP-FLV pipelines, played by the wall's Qt Multimedia
players as ``patrol-app demo`` shows them."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QImage
from pytestqt.qtbot import QtBot

from patrol_app.domain.tours import Tour, TourStep
from patrol_app.platform.gateway import GatewayClient
from patrol_app.standalone.demo_site import demo_cameras
from patrol_app.ui.main_window import MainWindow
from patrol_app.ui.tasks import TaskRunner
from patrol_app.ui.video.player import PlayerState
from patrol_app.ui.wall.camera_tree import CAMERA_NUM_ROLE
from patrol_app.ui.wall.tile import Tile
from tests.ui.helpers import FakeClock, distinct_colours, text_of

SNAPSHOT_TIME = datetime(2026, 11, 25, 0, 0, 5, tzinfo=UTC)  # 08:00:05 in Beijing


def _playing(qtbot: QtBot, tile: Tile, frames: int = 5) -> None:
    qtbot.waitUntil(lambda: tile.state is PlayerState.PLAYING, timeout=15_000)
    qtbot.waitUntil(lambda: tile.player.frames >= frames, timeout=10_000)


def _size(tile: Tile) -> tuple[int, int]:
    image = tile.player.snapshot()
    return image.width(), image.height()


def test_demo_wall_plays_four_cameras(
    qtbot: QtBot, make_live_window: Callable[..., MainWindow], demo_site
) -> None:
    """W-1, W-4 (Done when): tiles reach "playing" and their frames are not blank; the
    first-frame times (W-3) are recorded."""
    window = make_live_window(autoplay=4)
    tiles = window.wall.tiles
    for tile in tiles:
        _playing(qtbot, tile)
    starts = sorted(round(tile.stream.start_seconds, 3) for tile in tiles)
    print("first frame after (s):", starts)
    assert len(tiles) == 4
    assert {tile.camera.camera_num for tile in tiles} <= set(demo_site.cameras)
    for tile in tiles:
        image = tile.player.snapshot()
        assert not image.isNull()
        assert distinct_colours(image) > 8, f"blank frame from {tile.camera.name}"


def test_grade_switch_keeps_the_tile_and_changes_the_stream(
    qtbot: QtBot, make_live_window: Callable[..., MainWindow], demo_site
) -> None:
    """W-2 "高清切换" (Done when): from the tile's menu, the same tile and camera go to the
    1 Mbps grade: the address becomes .../1.flv and 1280x720 frames arrive; double-click
    enlarges a tile at that grade and Esc brings the grid back at CIF."""
    window = make_live_window()
    wall = window.wall
    wall.play(demo_site.cameras[0])
    tile = wall.tiles[0]
    _playing(qtbot, tile)
    assert tile.stream.url.endswith(f"/live/{demo_site.cameras[0]}/0.flv")
    assert _size(tile) == (352, 288)

    tile.menu().findChild(QAction, "grade1").trigger()
    qtbot.waitUntil(lambda: _size(tile) == (1280, 720), timeout=15_000)
    assert wall.tiles[0] is tile and tile.camera.camera_num == demo_site.cameras[0]
    assert tile.stream.url.endswith(f"/live/{demo_site.cameras[0]}/1.flv")
    assert text_of(tile, "tileGrade") == "高清 1M"
    assert tile.state is PlayerState.PLAYING

    tile.menu().findChild(QAction, "gradeAuto").trigger()
    qtbot.waitUntil(lambda: _size(tile) == (352, 288), timeout=15_000)
    qtbot.mouseDClick(tile, Qt.MouseButton.LeftButton)
    assert wall.enlarged is tile
    qtbot.waitUntil(lambda: _size(tile) == (1280, 720), timeout=15_000)
    wall.setFocus()
    qtbot.keyClick(wall, Qt.Key.Key_Escape)
    assert wall.enlarged is None
    qtbot.waitUntil(lambda: _size(tile) == (352, 288), timeout=15_000)
    assert tile.stream.url.endswith("/0.flv")


def test_tour_switches_real_cameras_without_a_gap(
    qtbot: QtBot, make_live_window: Callable[..., MainWindow], demo_site
) -> None:
    """W-5 (Done when) on real streams: three cameras in order with their dwell, driven by
    an injected clock; each next camera is connected before its switch and plays at once."""
    clock = FakeClock()
    window = make_live_window(monotonic=clock)
    three = demo_site.cameras[1:4]
    tour = Tour("夜间重点", tuple(TourStep(number, 10) for number in three))
    tile = window.wall.tiles[0]
    running = window.wall.start_tour(tour, tile)
    states: list[PlayerState] = []
    tile.changed.connect(lambda: states.append(tile.state))
    shown = []
    for step in range(4):
        _playing(qtbot, tile, frames=3)
        shown.append(tile.camera.camera_num)
        assert tile.stream.url.endswith(f"/live/{shown[-1]}/0.flv")
        clock.advance(7.0)
        running.tick()  # 3 s before the switch: the next camera connects on the spare
        spare = tile.stream.players[1]
        qtbot.waitUntil(lambda spare=spare: spare.state is PlayerState.PLAYING, timeout=15_000)
        states.clear()
        clock.advance(3.0)
        running.tick()
        assert states == [PlayerState.PLAYING], f"a gap at switch {step}: {states}"
        assert tile.player is spare
    assert shown == [*three, three[0]]
    assert text_of(tile, "tileTour") == "轮巡 夜间重点 2/3"


@pytest.mark.qt_log_ignore(r"Could not open media\. FFmpeg error description: Server returned 404")
def test_removed_camera_is_told_and_marked(
    qtbot: QtBot, make_live_window: Callable[..., MainWindow], demo_site
) -> None:
    """W-6: a camera removed from the platform (E-C3) while it plays: the tile says so
    (the platform's 404) and the directory marks it; it keeps trying, should it come back."""
    extra = {**demo_cameras()[0], "cameraNum": str(uuid.uuid4()), "pileNum": "K1900+000"}
    with GatewayClient(demo_site.base_url) as gateway:
        assert gateway.register_cameras([extra])[0]["status"] == 0
        try:
            window = make_live_window()
            window.wall.play(extra["cameraNum"])
            tile = window.wall.tiles[0]
            _playing(qtbot, tile)
            gateway.remove_cameras([extra["cameraNum"]])
            qtbot.waitUntil(
                lambda: text_of(tile, "tileMessage").startswith("无信号：摄像机已删除\n"),
                timeout=10_000,
            )
        finally:
            gateway.remove_cameras([extra["cameraNum"]])  # never left for the next tests
    model = window.tree.view.model()
    (index,) = model.match(
        model.index(0, 0), CAMERA_NUM_ROLE, extra["cameraNum"], 1, Qt.MatchFlag.MatchRecursive
    )
    assert index.data(Qt.ItemDataRole.ToolTipRole).endswith("\n画面无信号：摄像机已删除")


def test_snapshot_from_a_tile(
    qtbot: QtBot,
    runner: TaskRunner,
    make_live_window: Callable[..., MainWindow],
    demo_site,
    tmp_path: Path,
) -> None:
    """The tile's menu "抓图": the picture on screen as a JPEG named after the camera's
    pile and the (window's) time in Beijing time, in the snapshot folder."""
    window = make_live_window(clock=lambda: SNAPSHOT_TIME)
    window.wall.play(demo_site.cameras[0])
    tile = window.wall.tiles[0]
    _playing(qtbot, tile)
    for _ in range(2):
        tile.menu().findChild(QAction, "snapshot").trigger()
    assert runner.wait(5000)  # the files are written off the GUI thread
    folder = tmp_path / "snapshots"
    names = ["K1844+650_20261125-080005.jpg", "K1844+650_20261125-080005-2.jpg"]
    assert {path.name for path in folder.iterdir()} == set(names)
    data = (folder / names[0]).read_bytes()
    assert data[:3] == b"\xff\xd8\xff"  # a JPEG
    image = QImage(str(folder / names[0]))
    assert (image.width(), image.height()) == (352, 288)
    assert distinct_colours(image) > 8
    assert window.statusBar().currentMessage().startswith("抓图已保存：")
