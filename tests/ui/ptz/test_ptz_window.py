"""PTZ in the main window (Z-1, Z-3, Z-4): the panel follows the selected tile on either wall,
the wall's keys drive its camera, closing stops and gives up what moves, the PTZ log is
browsed and filtered; and once against the real demo service, with its audit."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtWidgets import QComboBox, QDockWidget, QPushButton, QToolButton
from pytestqt.qtbot import QtBot

from patrol_app.domain.ptz import PtzAction
from patrol_app.platform.http import PlatformError
from patrol_app.platform.ptz import PtzClient
from patrol_app.store.database import open_database
from patrol_app.store.ptz import PresetStore, PtzAuditEntry, PtzAuditStore
from patrol_app.ui.main_window import MainWindow
from patrol_app.ui.ptz.audit_dialog import PtzAuditDialog
from patrol_app.ui.ptz.preset_patrol_dialog import PresetPatrolDialog
from patrol_app.ui.tasks import TaskRunner
from tests.ui.helpers import CAMERAS, FakeClient
from tests.ui.ptz.service_doubles import StoreAudit, StorePresets
from tests.ui.ptz.test_ptz_panel import DOME, FakePtz, mouse, press_key, release_key

A = PtzAction
PTZ_CAMERAS = [DOME, *CAMERAS[1:]]  # c1 controllable, the others not
WindowFactory = Callable[..., MainWindow]


@pytest.fixture
def ptz_stores(database_url: str) -> Iterator[tuple[PresetStore, PtzAuditStore]]:
    sessions = open_database(database_url)
    yield PresetStore(sessions), PtzAuditStore(sessions)
    sessions.kw["bind"].dispose()


@pytest.fixture
def fake(ptz_stores: tuple[PresetStore, PtzAuditStore]) -> FakePtz:
    return FakePtz(ptz_stores[0])


@pytest.fixture
def window(
    qtbot: QtBot,
    runner: TaskRunner,
    ptz_stores: tuple[PresetStore, PtzAuditStore],
    fake: FakePtz,
    new_window: Callable[..., MainWindow],
) -> MainWindow:
    presets, audit = ptz_stores
    window = new_window(
        FakeClient(PTZ_CAMERAS),
        ptz=fake,  # type: ignore[arg-type]  # the PtzClient's calls
        presets=StorePresets(presets),
        ptz_audit=StoreAudit(audit),
    )
    window.resize(1280, 800)
    window.show()
    qtbot.waitUntil(lambda: window.tree.view.model().rowCount() > 0)
    runner.wait(5000)
    return window


def _select(window: MainWindow, index: int, camera_num: str) -> None:
    wall = window.wall
    tile = wall.tiles[index]
    wall.play_in(tile, camera_num)
    wall.select(tile)


def test_the_panel_follows_the_selected_tile_and_the_wall_keys_drive_it(
    qtbot: QtBot, window: MainWindow, fake: FakePtz
) -> None:
    panel = window.ptz_panel
    assert panel is not None and panel.isVisible()
    _select(window, 0, "c1")
    assert panel.camera == DOME and panel.controllable
    _select(window, 1, "c2")
    assert panel.camera.camera_num == "c2" and not panel.controllable
    window.wall.select(window.wall.tiles[0])
    assert panel.camera == DOME
    press_key(window.wall, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: len(fake.moves()) >= 2)
    release_key(window.wall, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: fake.kinds()[-1:] == ["stop"])
    assert {call[2] for call in fake.moves()} == {A.RIGHT}
    window.wall.tiles[0].clear()  # the followed tile empties: the panel has no camera
    assert panel.camera is None
    qtbot.waitUntil(lambda: fake.kinds()[-1:] == ["release"])


def test_the_wall_keys_move_nothing_while_the_panel_is_closed(
    qtbot: QtBot, window: MainWindow, fake: FakePtz
) -> None:
    """Closed, the panel cannot show which camera moves nor who holds it: the wall's arrow
    and +/- keys are the wall's again. (The tile's own drag and wheel are not the keys'.)"""
    control, panel = window.ptz_control, window.ptz_panel
    _select(window, 0, "c1")
    dock = window.findChild(QDockWidget, "ptzDock")
    dock.hide()
    assert not panel.isVisible()
    for code in (Qt.Key.Key_Right, Qt.Key.Key_Plus):
        press_key(window.wall, code)
        assert control.hold_of("c1") is None
        release_key(window.wall, code)
    dock.show()
    press_key(window.wall, Qt.Key.Key_Right)
    assert control.hold_of("c1") is not None
    release_key(window.wall, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: fake.kinds()[-1:] == ["stop"])
    assert {call[2] for call in fake.moves()} == {A.RIGHT}


def test_tiles_added_later_and_the_second_wall_get_ptz(qtbot: QtBot, window: MainWindow) -> None:
    window.wall.set_tile_count(9)
    _select(window, 8, "c1")
    assert window.wall.tiles[8].controllable
    assert window.ptz_panel.camera == DOME
    second = window.walls.open_second()
    tile = second.wall.tiles[0]
    second.wall.play_in(tile, "c1")
    second.wall.select(tile)
    assert tile.controllable and window.ptz_panel.camera == DOME


def test_closing_the_window_stops_and_gives_up_a_moving_camera(
    qtbot: QtBot, window: MainWindow, fake: FakePtz
) -> None:
    _select(window, 0, "c1")
    left = window.ptz_panel.findChild(QToolButton, "ptzLeft")
    qtbot.mousePress(left, Qt.MouseButton.LeftButton)  # and never released
    qtbot.waitUntil(lambda: len(fake.moves()) >= 1)
    window.close()
    assert fake.kinds()[-2:] == ["stop", "release"]  # sent before close returned


def test_a_refusal_is_told_in_the_status_bar_too(
    qtbot: QtBot, window: MainWindow, fake: FakePtz
) -> None:
    fake.refusals["c1"] = PlatformError("摄像机由 张三（路段主管）控制中", code=403)
    _select(window, 0, "c1")
    press_key(window.wall, Qt.Key.Key_Up)
    qtbot.waitUntil(lambda: "张三" in window.statusBar().currentMessage())
    assert "K1844+650" in window.statusBar().currentMessage()
    assert "张三" in window.ptz_panel.message
    release_key(window.wall, Qt.Key.Key_Up)


# --- The PTZ log ----------------------------------------------------------------------------


def _entry(at: datetime, **fields: object) -> PtzAuditEntry:
    values: dict[str, object] = {
        "at": at,
        "operator": "值班员甲",
        "level": "section_operator",
        "source": "workstation",
        "camera_num": "c1",
        "kind": "command",
        "result": "ok",
        "action": 1,
        "step": 4,
    }
    values.update(fields)
    return PtzAuditEntry(**values)  # type: ignore[arg-type]


def test_the_ptz_log_is_browsed_newest_first_and_filtered(
    qtbot: QtBot, runner: TaskRunner, ptz_stores: tuple[PresetStore, PtzAuditStore]
) -> None:
    audit = ptz_stores[1]
    now = datetime.now(UTC).replace(microsecond=0)
    audit.record(_entry(now - timedelta(minutes=30)))
    audit.record(_entry(now - timedelta(minutes=29), kind="stop", action=1, step=None))
    audit.record(
        _entry(
            now - timedelta(minutes=20),
            operator="gd-province",
            level="province",
            source="platform",
            action=3,
            result="refused",
            detail="摄像机正由 路段值班员 值班员甲 控制，请稍后再试",
        )
    )
    audit.record(_entry(now - timedelta(minutes=10), kind="preset_call", action=None, preset=2))
    audit.record(_entry(now - timedelta(days=3)))  # outside the default day
    dialog = PtzAuditDialog(StoreAudit(audit), runner, PTZ_CAMERAS)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: len(dialog.rows) == 4)
    table = dialog.table
    model = table.model()
    texts = [[model.index(row, col).data() for col in range(10)] for row in range(4)]
    assert [row[5] for row in texts] == [texts[0][5], "向上", texts[2][5], "向左"]
    assert "（向左）" in texts[2][5]  # the stop names the move it ended
    assert texts[0][7] == "2"  # the preset called
    refused = texts[1]
    assert refused[1:3] == ["gd-province", "省级平台"]
    assert "值班员甲" in refused[9]
    assert "K1844+650" in refused[4]  # the camera's pile and name, not its number
    beijing = (now - timedelta(minutes=20)).astimezone(UTC) + timedelta(hours=8)
    assert refused[0] == beijing.strftime("%Y-%m-%d %H:%M:%S")

    table.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # a click on the operator's header
    assert [model.index(row, 1).data() for row in range(4)] == sorted(row[1] for row in texts)
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # by time, oldest first
    assert [model.index(row, 0).data() for row in range(4)] == [row[0] for row in texts][::-1]
    table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    dialog.set_filters(result="refused")
    dialog.search()
    qtbot.waitUntil(lambda: len(dialog.rows) == 1 and not dialog.busy)
    assert dialog.rows[0].operator == "gd-province"
    dialog.set_filters(operator="值班员甲", start=now - timedelta(days=4))
    qtbot.mouseClick(dialog.findChild(QPushButton, "auditSearch"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(dialog.rows) == 4 and not dialog.busy)
    assert {row.operator for row in dialog.rows} == {"值班员甲"}
    camera = dialog.findChild(QComboBox, "auditCamera")
    dialog.set_filters(camera_num="c2", start=now - timedelta(days=4))
    assert camera.currentData() == "c2"
    dialog.search()
    qtbot.waitUntil(lambda: dialog.rows == [] and not dialog.busy)
    assert dialog.status != ""


def test_the_ptz_menu_opens_the_log(qtbot: QtBot, window: MainWindow) -> None:
    dialog = window.ptz_menu.open_audit()
    assert isinstance(dialog, PtzAuditDialog)
    qtbot.waitUntil(lambda: not dialog.busy)
    dialog.close()


def test_the_ptz_menu_edits_the_preset_patrols_of_the_panels_camera(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Z-5: the preset patrols are edited for the camera the PTZ panel shows; a camera
    without PTZ has none, and the status bar says why."""
    _select(window, 1, "c2")
    assert window.ptz_menu.open_preset_patrols() is None
    assert window.statusBar().currentMessage()  # says to select a controllable camera
    _select(window, 0, "c1")
    dialog = window.ptz_menu.open_preset_patrols()
    assert isinstance(dialog, PresetPatrolDialog) and DOME.name in dialog.windowTitle()
    dialog.close()


# --- Against the demo service ---------------------------------------------------------------


def test_a_held_button_on_the_demo_service_moves_stops_and_is_audited(
    qtbot: QtBot,
    make_live_window: WindowFactory,
    demo_site,
) -> None:
    operator = "值班员丙"
    client = PtzClient(demo_site.base_url, operator=operator)
    try:
        window = make_live_window(ptz=client)
        control, panel = window.ptz_control, window.ptz_panel
        dome = next(camera for camera in demo_site.client.cameras() if camera.has_control)
        _select(window, 0, dome.camera_num)
        assert panel.camera == dome and panel.controllable
        started = datetime.now(UTC) - timedelta(seconds=1)
        left = panel.findChild(QToolButton, "ptzLeft")
        qtbot.mousePress(left, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: control.holder is not None and control.holder.mine)
        qtbot.mouseRelease(left, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not control.is_moving(dome.camera_num))
        window.close()  # stops and releases: the commands are out when it returns

        sessions = open_database(f"sqlite:///{(demo_site.data_dir / 'patrol.db').as_posix()}")
        try:
            audit = PtzAuditStore(sessions)

            def rows() -> list[tuple[str, int | None, str, str]]:
                found = audit.browse(
                    start=started,
                    end=datetime.now(UTC) + timedelta(minutes=1),
                    camera_num=dome.camera_num,
                    operator=operator,
                )
                return [(r.kind, r.action, r.source, r.result) for r in reversed(found)]

            qtbot.waitUntil(lambda: [row[0] for row in rows()][:2] == ["command", "stop"])
            command, stop = rows()[:2]
            assert command == ("command", int(A.LEFT), "workstation", "ok")
            assert stop[2:] == ("workstation", "ok")
        finally:
            sessions.kw["bind"].dispose()
    finally:
        client.close()


def test_the_same_camera_keeps_its_details(qtbot: QtBot, window: MainWindow, fake: FakePtz) -> None:
    """A tile's stream state changes re-send its camera: the panel keeps it, no release."""
    _select(window, 0, "c1")
    window.ptz_control.goto_preset("c1", 1)  # commanded: there is something to give up
    window.ptz_panel.set_camera(replace(DOME, online=False))
    assert window.ptz_panel.camera.online is False
    window.ptz_control.goto_preset("c1", 2)  # commands go out in order: this one comes last
    qtbot.waitUntil(lambda: fake.kinds().count("goto") == 2)
    assert "release" not in fake.kinds()


def test_the_pictures_drag_drives_the_camera_only_while_the_panel_is_shown(
    qtbot: QtBot, window: MainWindow, fake: FakePtz
) -> None:
    """With the panel closed nothing on screen says who holds the camera: a drag on the
    picture then only shows video; reopened, it turns the camera again."""
    _select(window, 0, "c1")
    view = window.wall.tiles[0].player.view
    centre = QPointF(view.mapToGlobal(view.rect().center()))

    def drag() -> None:
        mouse(view, QEvent.Type.MouseButtonPress, centre)
        mouse(view, QEvent.Type.MouseMove, centre + QPointF(-120, 0))
        mouse(view, QEvent.Type.MouseButtonRelease, centre + QPointF(-120, 0))

    window.findChild(QDockWidget, "ptzDock").hide()
    drag()
    assert window.ptz_control.hold_of("c1") is None and fake.moves() == []
    window.ptz.show_panel()
    drag()
    qtbot.waitUntil(lambda: fake.kinds()[-1:] == ["stop"])
    assert fake.moves()[0][2] == A.LEFT


def test_a_tour_moving_the_followed_camera_to_another_tile_keeps_the_panel_on_it(
    qtbot: QtBot, window: MainWindow, fake: FakePtz
) -> None:
    """The followed tile empties while another tile shows its camera: the panel follows
    that tile and gives nothing up."""
    _select(window, 1, "c1")
    window.wall.play_in(window.wall.tiles[0], "c1")
    window.wall.tiles[1].clear()
    assert window.ptz_panel.camera == DOME
    window.ptz_control.goto_preset("c1", 1)  # commands go out in order: this one comes last
    qtbot.waitUntil(lambda: "goto" in fake.kinds())
    assert "release" not in fake.kinds()


def test_a_tile_leaving_a_camera_another_wall_shows_keeps_its_control(
    qtbot: QtBot, window: MainWindow, fake: FakePtz
) -> None:
    """A tour on the main wall moves on from the camera the panel follows on the second
    wall: the camera is not given up (either wall's tiles count as "another tile")."""
    second = window.walls.open_second()
    followed = second.wall.tiles[0]
    second.wall.play_in(followed, "c1")
    second.wall.select(followed)
    assert window.ptz_panel.camera == DOME
    window.wall.play_in(window.wall.tiles[0], "c1")
    window.ptz_control.goto_preset("c1", 1)  # the control, taken to call a preset
    window.wall.play_in(window.wall.tiles[0], "c2")  # the main wall's tile moves on
    window.ptz_control.goto_preset("c1", 2)  # commands go out in order: this one comes last
    qtbot.waitUntil(lambda: fake.kinds().count("goto") == 2)
    assert "release" not in fake.kinds()
    assert window.ptz_panel.camera == DOME
    second.wall.close_tile(followed)  # no tile shows it any more: given up
    qtbot.waitUntil(lambda: fake.kinds()[-1:] == ["release"])
