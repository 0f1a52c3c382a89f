"""The operator's layouts and tours beside the walls (ui/wall/layouts_tours.py)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtWidgets import QMenu, QWidget
from pytestqt.qtbot import QtBot

from patrol_app.domain.layouts import WallLayout
from patrol_app.store.preferences import PreferenceStore
from patrol_app.ui.tasks import TaskRunner
from patrol_app.ui.wall.layouts_tours import LayoutsAndTours
from patrol_app.ui.wall.walls import Walls
from tests.ui.helpers import CAMERAS, PATIENT, FakeClient, FakePlayer

NOW = datetime(2025, 6, 10, 1, 0, tzinfo=UTC)


class HeldFirstReading:
    """The operator's preferences, whose first reading of the layouts, once read, waits
    until ``release`` is set: a reading overtaken by a later one."""

    def __init__(self, store: PreferenceStore) -> None:
        self._store = store
        self._readings = 0
        self.release = threading.Event()

    def layouts(self) -> list[WallLayout]:
        self._readings += 1
        layouts = self._store.layouts()
        if self._readings == 1:
            assert self.release.wait(10)
        return layouts

    def __getattr__(self, name: str) -> object:
        return getattr(self._store, name)


def test_an_overtaken_reading_does_not_undo_a_later_one(
    qtbot: QtBot, runner: TaskRunner, preferences: PreferenceStore, tmp_path: Path
) -> None:
    """Two layouts saved in quick succession read the preferences twice, side by side: the
    first reading, answered last, must not take the second layout off the menu."""
    window = QWidget()
    qtbot.addWidget(window)
    walls = Walls(
        FakeClient(CAMERAS),
        runner,
        snapshot_dir=tmp_path,
        player_factory=FakePlayer,
        timings=PATIENT,
        clock=lambda: NOW,
        parent=window,
    )
    held = HeldFirstReading(preferences)
    arrangements = LayoutsAndTours(
        held,  # type: ignore[arg-type]  # the PreferenceStore's calls
        runner,
        walls,
        clock=lambda: NOW,
        parent=window,
    )
    menu = QMenu(window)
    arrangements.add_layout_actions(menu)
    preferences.save_layout(WallLayout("白班", (None,) * 4), NOW)
    arrangements.reload()  # the first reading: held
    arrangements.save_layout("夜班")  # then read again
    qtbot.waitUntil(lambda: len(arrangements.layouts) == 2)
    held.release.set()
    assert runner.wait(5000)
    assert {layout.name for layout in arrangements.layouts} == {"夜班", "白班"}
    opens = next(action.menu() for action in menu.actions() if action.menu())
    assert {action.text() for action in opens.actions()} == {"夜班", "白班"}
