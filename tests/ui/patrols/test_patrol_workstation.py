"""A whole patrol round on the demo site, through the main window (P-3..P-7, F-1).

The demo service runs in its own process with its simulated cameras; the workstation plays
each camera of the round in its patrol tile, the operator confirms with the keyboard and the
panel's buttons, and what they found is in the database afterwards.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QCheckBox, QLineEdit, QListWidget, QPushButton
from pytestqt.exceptions import TimeoutError
from pytestqt.qtbot import QtBot

from patrol_app.domain.events import CheckOutcome, StepKind
from patrol_app.domain.faults import FaultKind
from patrol_app.platform.presets import PresetClient, PtzAuditClient
from patrol_app.platform.ptz import PtzClient
from patrol_app.store.patrols import PatrolStore
from patrol_app.ui.main_window import MainWindow
from patrol_app.ui.patrols.event_dialog import EventDialog
from patrol_app.ui.patrols.handover_dialog import HandoverDialog
from patrol_app.ui.video.player import PlayerState
from tests.ui.patrol_helpers import WAIT_MS, button, checklist_on_screen, checklist_places

PLAYING_MS = 20_000


def _showing(qtbot: QtBot, window: MainWindow, camera_num: str) -> None:
    """Wait until the round shows ``camera_num`` and its tile plays real frames."""
    panel = window.patrol_round
    qtbot.waitUntil(lambda: panel.current_camera == camera_num, timeout=PLAYING_MS)
    tile = window.patrol_tile
    qtbot.waitUntil(
        lambda: tile.camera is not None and tile.camera.camera_num == camera_num, timeout=5000
    )
    qtbot.waitUntil(
        lambda: tile.state is PlayerState.PLAYING and tile.player.frames >= 3, timeout=PLAYING_MS
    )


def test_a_round_on_the_demo_site_is_recorded_and_handed_over(
    qtbot: QtBot, make_live_window, patrol_store: PatrolStore, demo_site, tmp_path: Path
) -> None:
    window: MainWindow = make_live_window()
    model = window.patrols
    qtbot.waitUntil(
        lambda: model.snapshot is not None and bool(model.snapshot.cameras), timeout=10_000
    )
    normal, anomaly, fault = demo_site.cameras[:3]
    panel = window.patrol_round
    start = panel.findChild(QPushButton, "startRound")  # once the look for an open round is done
    qtbot.waitUntil(start.isEnabled, timeout=10_000)
    panel.start([normal, anomaly, fault])

    _showing(qtbot, window, normal)  # one key: normal and next
    qtbot.keyClick(panel, Qt.Key.Key_Return)

    _showing(qtbot, window, anomaly)  # two checklist items and a note
    boxes = [box for box in panel.findChildren(QCheckBox) if box.objectName() != "keepWatching"]
    ticked = [box for box in boxes if box.isVisible()][:2]
    for box in ticked:
        box.setChecked(True)
    panel.findChild(QLineEdit, "checkNote").setText("第二车道停有故障车，双闪")
    with qtbot.waitSignal(panel.event_opened, timeout=10_000) as opened:
        qtbot.keyClick(panel, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    event_id = opened.args[0]

    _showing(qtbot, window, fault)
    panel.mark_fault(FaultKind.OCCLUDED)
    qtbot.waitUntil(lambda: panel.current_camera is None, timeout=10_000)
    with qtbot.waitSignal(panel.round_finished, timeout=10_000) as finished:
        panel.close_round()
    record = finished.args[0]

    # The anomaly's camera is kept in a tile of its own (keep watching, P-5).
    qtbot.waitUntil(lambda: _pinned(window, anomaly), timeout=10_000)

    # The event dialog came up by itself: the operator notifies two units.
    dialog = window.findChild(EventDialog)
    assert dialog is not None and dialog.event_id == event_id
    units = dialog.findChild(QListWidget, "notifyUnits")
    qtbot.waitUntil(lambda: units.count() >= 2)
    for row in (0, 1):
        units.item(row).setCheckState(Qt.CheckState.Checked)
    dialog.notify_units()
    qtbot.waitUntil(lambda: len(patrol_store.events.event(event_id).steps) >= 2, timeout=10_000)

    state = patrol_store.rounds.round_state(record.round_id)
    assert [(c.camera_num, c.outcome) for c in state.checks] == [
        (normal, CheckOutcome.NORMAL),
        (anomaly, CheckOutcome.ANOMALY),
        (fault, CheckOutcome.FAULT),
    ]
    assert state.closed_at is not None and state.remaining == ()
    found = state.checks[1]
    assert len(found.items) == 2 and found.note == "第二车道停有故障车，双闪"
    assert Path(found.snapshot).is_file()  # the tile's real picture
    event = patrol_store.events.event(event_id)
    assert (event.camera_num, event.items, event.note) == (anomaly, found.items, found.note)
    assert [step.kind for step in event.steps] == [StepKind.WATCH, StepKind.NOTIFY]
    assert all(step.operator == model.operator for step in event.steps)
    [open_fault] = patrol_store.faults.open_faults()
    assert (open_fault.camera_num, open_fault.kind) == (fault, FaultKind.OCCLUDED)
    assert record.personnel == model.operator and found.pile in record.anomalies

    # The shift hands over: the open event and the open fault go to the next operator.
    handover: HandoverDialog = window.desk.open_handover()
    qtbot.waitUntil(lambda: bool(model.snapshot.open_events), timeout=10_000)
    handover.hand_over()
    qtbot.waitUntil(lambda: patrol_store.handovers.pending_handover() is not None, timeout=10_000)
    pending = patrol_store.handovers.pending_handover()
    assert [e.id for e in pending.content.open_events] == [event_id]
    assert [f.id for f in pending.content.open_faults] == [open_fault.id]
    incoming: HandoverDialog = window.desk.accept_handover()  # the next operator, in the menu
    qtbot.waitUntil(lambda: incoming.handover is not None, timeout=10_000)
    assert [e.id for e in incoming.handover.content.open_events] == [event_id]
    incoming.findChild(QLineEdit, "incomingName").setText("值班员乙")
    incoming.accept_handover()
    qtbot.waitUntil(lambda: patrol_store.handovers.pending_handover() is None, timeout=10_000)
    accepted = patrol_store.handovers.last_handover()
    assert (accepted.outgoing, accepted.incoming) == (model.operator, "值班员乙")


def _pinned(window: MainWindow, camera_num: str) -> bool:
    return any(
        tile.camera is not None and tile.camera.camera_num == camera_num
        for tile in window.wall.tiles
        if tile is not window.patrol_tile
    )


@pytest.mark.parametrize(("width", "height"), [(1600, 900), (1366, 768)])
def test_every_cameras_checklist_is_on_screen_through_a_round(
    qtbot: QtBot, make_live_window, demo_site, width: int, height: int
) -> None:
    """Issue 11 point 1: from the second camera of a round on, the checklist was an empty grey
    strip while Alt+3 still ticked its hidden items. The window as the application builds it
    (PTZ, presets and PTZ log too), at a control-room screen's size and a laptop's, walks the
    demo site's eight cameras: on each, every item of its checklist is on screen without
    scrolling, and the round's buttons stay where they were (point 4a)."""
    ptz = PtzClient(demo_site.base_url, operator="值班员甲")
    presets = PresetClient(demo_site.base_url, operator="值班员甲")
    audit = PtzAuditClient(demo_site.base_url)
    try:
        window: MainWindow = make_live_window(ptz=ptz, presets=presets, ptz_audit=audit)
        window.resize(width, height)
        model, panel = window.patrols, window.patrol_round
        qtbot.waitUntil(lambda: model.snapshot is not None and bool(model.snapshot.cameras))
        qtbot.waitUntil(button(panel, "startRound").isEnabled, timeout=WAIT_MS)
        with qtbot.waitSignal(panel.running_changed, timeout=WAIT_MS):
            panel.start(demo_site.cameras)
        normal = button(panel, "markNormal")
        places: set[tuple[int, int, int, int]] = set()
        for number in range(1, len(demo_site.cameras) + 1):
            camera = panel.current_camera
            assert camera is not None
            try:
                qtbot.waitUntil(lambda: checklist_on_screen(panel), timeout=WAIT_MS)
            except TimeoutError:
                where = checklist_places(panel)
                pytest.fail(f"{number}/8 at {width}x{height}: {where}")
            places.add(QRect(normal.mapTo(window, QPoint(0, 0)), normal.size()).getRect())
            panel.mark_normal()
            qtbot.waitUntil(lambda c=camera: panel.current_camera != c, timeout=WAIT_MS)
        assert panel.current_camera is None  # all eight recorded
        assert len(places) == 1
    finally:
        for client in (ptz, presets, audit):
            client.close()
