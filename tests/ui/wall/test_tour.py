"""Tours on the wall (W-5) with fake players and an injected clock: nothing here sleeps."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from patrol_app.domain.tours import Tour, TourError, TourStep
from patrol_app.ui.tasks import TaskRunner
from patrol_app.ui.video.player import PlayerState
from patrol_app.ui.wall.tile import Tile
from patrol_app.ui.wall.tour import TourPlayer
from patrol_app.ui.wall.wall import VideoWall
from tests.ui.helpers import CAMERAS, PATIENT, FakeClient, FakeClock, FakePlayer, text_of

NIGHT = Tour("夜间重点", (TourStep("c1", 10), TourStep("c2", 20), TourStep("c3", 10)))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def wall(qtbot: QtBot, runner: TaskRunner, clock: FakeClock) -> Iterator[VideoWall]:
    wall = VideoWall(
        FakeClient(CAMERAS), runner, player_factory=FakePlayer, timings=PATIENT, clock=clock
    )
    qtbot.addWidget(wall)
    wall.set_cameras(CAMERAS)
    wall.set_tours([NIGHT])
    yield wall
    wall.stop_all()


def _showing(qtbot: QtBot, player: FakePlayer, camera_num: str) -> None:
    """Wait until ``player`` has opened ``camera_num``, then give it a frame."""
    url = f"http://sim/live/{camera_num}/0.flv"
    qtbot.waitUntil(lambda: player.opened[-1:] == [url])
    player.show_frame()


def _spare(tile: Tile):
    return tile.stream.players[1]


def test_tour_in_a_tile_steps_through_its_cameras_with_their_dwell(
    qtbot: QtBot, wall: VideoWall, clock: FakeClock
) -> None:
    """W-5 (Done when): three cameras in order, each for its dwell time, driven by the
    clock; the next camera is connected on the spare player 3 s before its switch, so the
    switch shows its picture at once (no "connecting" in between)."""
    tile = wall.tiles[1]
    tile.menu().findChild(QAction, "tour:夜间重点").trigger()  # started from the tile's menu
    tour = tile.tour
    assert tour is not None and wall.tours == [tour]
    assert tile.camera.camera_num == "c1"
    assert text_of(tile, "tileTour") == "轮巡 夜间重点 1/3"
    _showing(qtbot, tile.player, "c1")
    assert len(tile.stream.players) == 1  # nothing preloaded before its time

    clock.advance(6.9)
    tour.tick()
    assert len(tile.stream.players) == 1
    clock.advance(0.1)  # 3 s before the switch
    tour.tick()
    spare = _spare(tile)
    qtbot.waitUntil(lambda: spare.opened == ["http://sim/live/c2/0.flv"])
    spare.show_frame()  # preloaded: it has a picture, off screen
    assert tile.camera.camera_num == "c1" and tile.player is not spare

    states: list[PlayerState] = []
    tile.changed.connect(lambda: states.append(tile.state))
    clock.advance(3.0)
    tour.tick()
    assert tile.camera.camera_num == "c2" and tile.player is spare
    assert states[-1] is PlayerState.PLAYING and PlayerState.CONNECTING not in states
    assert text_of(tile, "tileTour") == "轮巡 夜间重点 2/3"

    clock.advance(19.9)  # c2 stays 20 s
    tour.tick()
    assert tile.camera.camera_num == "c2"
    _showing(qtbot, _spare(tile), "c3")
    clock.advance(0.1)
    tour.tick()
    assert tile.camera.camera_num == "c3" and tile.state is PlayerState.PLAYING

    clock.advance(10.0)  # and round again
    tour.tick()
    assert tile.camera.camera_num == "c1"
    assert [t.camera.camera_num if t.camera else None for t in wall.tiles] == [
        None,
        "c1",
        None,
        None,
    ]


def test_pause_resume_next_previous_from_the_tile_menu(
    qtbot: QtBot, wall: VideoWall, clock: FakeClock
) -> None:
    tile = wall.tiles[0]
    tour = wall.start_tour(NIGHT, tile)

    def act(name: str) -> None:
        tile.menu().findChild(QAction, name).trigger()

    act("tourPause")
    assert tour.paused and text_of(tile, "tileTour") == "轮巡 夜间重点 1/3（已暂停）"
    clock.advance(100)
    tour.tick()
    assert tile.camera.camera_num == "c1"  # a paused tour stays
    act("tourResume")
    assert not tour.paused
    act("tourNext")
    assert tile.camera.camera_num == "c2"
    act("tourPrevious")
    act("tourPrevious")
    assert tile.camera.camera_num == "c3"
    assert text_of(tile, "tileTour") == "轮巡 夜间重点 3/3"
    act("tourStop")
    assert tile.tour is None and wall.tours == []
    qtbot.waitUntil(lambda: not wall.findChildren(TourPlayer))  # deleted, not kept
    assert tile.menu().findChild(QAction, "tourStop") is None
    assert tile.camera.camera_num == "c3"  # the last camera stays on


def test_tour_across_the_wall_goes_page_by_page(
    qtbot: QtBot, wall: VideoWall, clock: FakeClock
) -> None:
    """W-5: a tour of six cameras on four tiles: a page of four, then a page of two (the
    other tiles empty); each page stays for its longest dwell."""
    six = Tour("全线", tuple(TourStep(c.camera_num, 10 + n) for n, c in enumerate(CAMERAS)))
    tour = wall.start_tour(six)
    cameras = lambda: [t.camera.camera_num if t.camera else None for t in wall.tiles]  # noqa: E731
    assert cameras() == ["c1", "c2", "c3", "c4"]
    assert {text_of(t, "tileTour") for t in wall.tiles} == {"轮巡 全线 第 1/2 页"}
    clock.advance(12.9)
    tour.tick()
    assert cameras() == ["c1", "c2", "c3", "c4"]
    qtbot.waitUntil(lambda: _spare(wall.tiles[1]).opened == ["http://sim/live/c6/0.flv"])
    clock.advance(0.1)  # 13 s: the longest dwell of page 1
    tour.tick()
    assert cameras() == ["c5", "c6", None, None]
    assert {text_of(t, "tileTour") for t in wall.tiles} == {"轮巡 全线 第 2/2 页"}

    wall.play_in(wall.tiles[2], "c1")  # the operator takes a tile: the tour stops
    assert wall.tours == [] and all(tile.tour is None for tile in wall.tiles)
    assert cameras() == ["c5", "c6", "c1", None]


def test_a_new_tour_in_a_tile_replaces_the_wall_tour(wall: VideoWall) -> None:
    on_wall = wall.start_tour(NIGHT)
    in_tile = wall.start_tour(NIGHT, wall.tiles[0])
    assert wall.tours == [in_tile]
    assert on_wall.tiles[1].tour is None


def test_a_layout_change_stops_the_wall_tour(wall: VideoWall) -> None:
    wall.start_tour(NIGHT)
    in_tile_wall = wall.tours[0]
    wall.set_tile_count(9)
    assert wall.tours == [] and in_tile_wall.tiles[0].tour is None


def test_a_tour_without_known_cameras_is_refused(wall: VideoWall) -> None:
    with pytest.raises(TourError, match="都不在目录中"):
        wall.start_tour(Tour("旧", (TourStep("gone", 10),)))
    assert wall.tours == []


def _min_width(widget: QWidget) -> int:
    """``widget``'s minimum width once its layouts took in what changed."""
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest.value)
    return widget.minimumSizeHint().width()


def test_a_long_tour_label_does_not_widen_the_tile_or_the_wall(
    qtbot: QtBot, wall: VideoWall, clock: FakeClock
) -> None:
    """The tester's tour label ("轮巡 预置位测试 第 1/1 页，预置位 1 收费站方向（1/2）")
    widened the wall and the window past the screen, for good. A tile's header texts are
    elided, the whole text in their tooltip: no text changes the tile's minimum width."""
    wall.resize(800, 500)
    wall.show()
    qtbot.waitExposed(wall)
    wall.play_in(wall.tiles[0], "c1")
    tile = wall.tiles[0]
    wall_width = _min_width(wall)
    wall.start_tour(Tour("短", (TourStep("c2", 10),)), tile)
    tile_width = _min_width(tile)  # with a short tour label
    name = "预置位测试一个很长很长的轮巡名称" * 4
    player = wall.start_tour(Tour(name, (TourStep("c2", 10), TourStep("c6", 10))), tile)
    label = tile.findChild(QLabel, "tileTour")
    assert label.isVisibleTo(tile) and name in label.text()
    assert label.fontMetrics().horizontalAdvance(label.text()) > 800  # the wall's width
    assert _min_width(tile) <= tile_width
    assert name in label.toolTip()
    clock.advance(10)
    player.tick()
    assert tile.camera.camera_num == "c6"  # a long camera name and place do not either
    assert tile.findChild(QLabel, "tileName").toolTip() == tile.camera.name
    assert _min_width(tile) <= tile_width
    player.stop()
    assert not label.isVisibleTo(tile)
    assert _min_width(wall) <= wall_width
