"""The workstation on the real demo site: the embedded service, its simulated cameras and
their on-demand HTTP-FLV pipelines, played by the wall as ``patrol-app demo`` shows them."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from patrol_app.ui.main_window import MainWindow
from patrol_app.ui.player import PlayerState
from patrol_app.ui.tasks import TaskRunner
from tests.gui.helpers import distinct_colours


def test_demo_wall_plays_four_cameras(qtbot: QtBot, runner: TaskRunner, demo_site) -> None:
    """W-1, W-4 (Done when): tiles reach "playing" and their frames are not blank; the
    first-frame times (W-3) are recorded."""
    window = MainWindow(demo_site.client, runner, base_url=demo_site.base_url, autoplay=4)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    first_frames: dict[int, float] = {}
    for index, tile in enumerate(window.wall.tiles):
        tile.player.first_frame.connect(
            lambda seconds, i=index: first_frames.setdefault(i, seconds)
        )

    tiles = window.wall.tiles
    qtbot.waitUntil(
        lambda: all(tile.state is PlayerState.PLAYING for tile in tiles), timeout=30_000
    )
    qtbot.waitUntil(lambda: all(tile.player.frames >= 5 for tile in tiles), timeout=10_000)
    print("first frame after (s):", sorted(round(s, 3) for s in first_frames.values()))
    assert len(tiles) == 4
    assert {tile.camera.camera_num for tile in tiles} <= set(demo_site.cameras)
    for tile in tiles:
        image = tile.player.snapshot()
        assert not image.isNull()
        assert distinct_colours(image) > 8, f"blank frame from {tile.camera.name}"
