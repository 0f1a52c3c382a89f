"""Issue 12, Done when: the service owns the presets and the PTZ log (Z-3, Z-5), and a
workstation with a database of its own shows the service's. The real service process (the
demo site, its patrol.db) and a workstation window built as ``patrol-app gui --platform URL``
builds it (ui/app.py Workstation) on ANOTHER database: a preset stored and a camera moved
through the service are in the workstation's preset list and PTZ log, and nothing of them
is in the workstation's database."""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from patrol_app.domain.ptz import PtzAction
from patrol_app.settings import Settings
from patrol_app.store.models import PtzAudit, PtzPreset
from patrol_app.ui.app import Workstation

PRESET = 201  # a number no other test of the demo site stores
NAME = "两库测试广场"


@pytest.fixture
def workstation(qtbot: QtBot, demo_site, tmp_path: Path) -> Iterator[Workstation]:
    """The workstation as ``patrol-app gui --platform`` makes it (ui/app.py Workstation),
    with its own data directory and database."""
    settings = Settings.load(tmp_path / "workstation")
    assert settings.data_dir != demo_site.data_dir  # two databases
    workstation = Workstation(demo_site.base_url, settings)
    window = workstation.window
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitUntil(lambda: window.tree.view.model().rowCount() > 0, timeout=10_000)
    yield workstation
    workstation.close()
    window.patrols.deleteLater()  # the factory parents it to the application


def rows_of(sessions: sessionmaker[Session], model: type[PtzAudit] | type[PtzPreset]) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_the_workstation_shows_the_services_presets_and_log_not_its_own_databases(
    qtbot: QtBot,
    demo_site,
    workstation: Workstation,
) -> None:
    window, local = workstation.window, workstation.sessions
    operator = getpass.getuser()
    panel, control = window.ptz_panel, window.ptz_control
    assert panel is not None and control is not None
    dome = next(camera for camera in demo_site.client.cameras() if camera.has_control)
    tile = window.wall.tiles[0]
    window.wall.play_in(tile, dome.camera_num)
    window.wall.select(tile)
    assert panel.camera == dome and panel.controllable

    panel.store_preset(PRESET, NAME)  # through the service: PtzClient's preset.set
    qtbot.waitUntil(lambda: (PRESET, NAME) in [(p.number, p.name) for p in panel.presets])
    left = panel.findChild(QToolButton, "ptzLeft")
    qtbot.mousePress(left, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: control.holder is not None and control.holder.mine)
    qtbot.mouseRelease(left, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not control.is_moving(dome.camera_num))

    dialog = window.ptz_menu.open_audit()
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.busy)  # its first search, unfiltered
    dialog.set_filters(camera_num=dome.camera_num, operator=operator)
    dialog.search()

    def logged() -> list[tuple[str, int | None, int | None]]:
        return [(row.kind, row.action, row.preset) for row in reversed(dialog.rows)]

    def searched() -> bool:
        if dialog.busy:
            return False
        kinds = [kind for kind, _action, _preset in logged()]
        if "stop" in kinds:
            return True
        dialog.search()  # the service writes its log as it answers: look again
        return False

    qtbot.waitUntil(searched, timeout=10_000)
    assert ("preset_set", None, PRESET) in logged()
    assert ("command", int(PtzAction.LEFT), None) in logged()
    text = [dialog.table.model().index(row, 1).data() for row in range(len(dialog.rows))]
    assert set(text) == {operator}
    dialog.close()

    # The workstation's own database holds nothing of it: it has the tables, not the data.
    assert rows_of(local, PtzPreset) == 0
    assert rows_of(local, PtzAudit) == 0
