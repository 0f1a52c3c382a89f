"""A platform that stops answering (issue 11 point 2, W-6): the window says so in plain
Chinese above the wall, no camera is shown online, the round pauses instead of offering
"cannot be played" for every camera, and the outage is one record. The platform's E-G5 is
a probe the test breaks and mends; the window, round, model, store and runner are real."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from patrol_app.platform.http import UNREACHABLE, PlatformError, PlatformUnreachable
from patrol_app.store.database import open_database
from patrol_app.store.models import PlatformOutage, PlatformOutageEnd
from patrol_app.store.outages import OutageStore
from patrol_app.store.patrols import PatrolStore
from patrol_app.ui.main_window import MainWindow
from patrol_app.ui.platform_watch import OutageRecorder, PlatformWatch
from patrol_app.ui.tasks import TaskRunner
from patrol_app.ui.video.stream import StreamTimings
from tests.ui.helpers import CAMERAS, FakeClient, text_of
from tests.ui.patrol_helpers import WAIT_MS, Clock, button

NOT_SHOWN = re.compile(r"Errno|[A-Za-z]{3,}|\(\d+(\.\d+)+\)")  # errno, English, clause numbers
TIMER_OFF_MS = 24 * 60 * 60 * 1000  # the test probes when it wants to
# Streams that never retry by themselves: only the platform's return makes them reconnect.
NEVER = 600_000
WAITING = StreamTimings(
    connect_timeout_ms=NEVER, stall_ms=NEVER, retry_first_ms=NEVER, retry_max_ms=NEVER
)


class Probe:
    """The platform's E-G5 as the test wants it: answering, not answering, or failing."""

    def __init__(self) -> None:
        self.error: PlatformError | None = None

    def __call__(self) -> dict[str, int]:
        if self.error is not None:
            raise self.error
        return {"systemTime": 0, "cameraCount": len(CAMERAS)}


@pytest.fixture
def sessions(database_url: str) -> Iterator[object]:
    sessions = open_database(database_url)
    yield sessions
    sessions.kw["bind"].dispose()


@pytest.fixture
def probe() -> Probe:
    return Probe()


@pytest.fixture
def watch(
    qtbot: QtBot, runner: TaskRunner, probe: Probe, patrol_clock: Clock
) -> Iterator[PlatformWatch]:
    """Deleted here on the GUI thread at the end: left to the garbage collector, it could be
    destroyed with its timer on a pool thread (Qt warns, and a later test fails)."""
    watch = PlatformWatch(probe, runner, clock=patrol_clock, interval_ms=TIMER_OFF_MS)
    watch.start()
    assert runner.wait(WAIT_MS)  # its first answer (no change: the platform was up)
    yield watch
    watch.stop()
    assert runner.wait(WAIT_MS)
    shiboken6.delete(watch)


@pytest.fixture
def window(qtbot: QtBot, watch: PlatformWatch, new_window: Callable[..., MainWindow]) -> MainWindow:
    window = new_window(
        FakeClient(CAMERAS),
        timings=WAITING,
        platform_watch=watch,
        autoplay=4,
    )
    window.resize(1600, 900)
    window.show()
    qtbot.waitUntil(lambda: text_of(window, "cameraCount") == "摄像机 6 台（在线 5 台）")
    return window


def banner(window: MainWindow) -> QLabel:
    label = window.findChild(QLabel, "platformDown")
    assert label is not None
    return label


def goes_down(qtbot: QtBot, watch: PlatformWatch, probe: Probe, error: PlatformError) -> None:
    probe.error = error
    with qtbot.waitSignal(watch.changed, timeout=WAIT_MS):
        watch.probe_now()


def comes_back(qtbot: QtBot, watch: PlatformWatch, probe: Probe) -> None:
    probe.error = None
    with qtbot.waitSignal(watch.changed, timeout=WAIT_MS):
        watch.probe_now()


def test_the_operator_reads_that_the_platform_is_down_and_no_camera_is_online(
    qtbot: QtBot, window: MainWindow, watch: PlatformWatch, probe: Probe
) -> None:
    assert banner(window).isHidden()
    goes_down(qtbot, watch, probe, PlatformUnreachable(UNREACHABLE))
    shown = banner(window)
    assert shown.isVisible() and shown.height() > 0
    assert shown.text() == "视频平台无法连接，正在重试…"
    # Above the wall, as wide as it.
    wall = window.wall
    top_left = shown.mapTo(window, shown.rect().topLeft())
    assert top_left.y() < wall.mapTo(window, wall.rect().topLeft()).y()
    assert shown.width() >= wall.width()
    assert text_of(window, "cameraCount") == "摄像机 6 台（视频平台无应答，在线情况未知）"
    model = window.tree.view.model()
    tips = []
    for road in range(model.rowCount()):
        stack = [model.index(road, 0)]
        while stack:
            index = stack.pop()
            if not model.hasChildren(index):
                tips.append(index.data(Qt.ItemDataRole.ToolTipRole))
            stack += [model.index(row, 0, index) for row in range(model.rowCount(index))]
    assert len(tips) == len(CAMERAS)
    assert all("状态未知（视频平台无应答）" in tip and "在线" not in tip for tip in tips)

    # The embedded service's supervisor (another thread) says it restarts the service.
    restarting = threading.Thread(target=watch.service_state, args=("restarting", 2))
    with qtbot.waitSignal(watch.changed, timeout=WAIT_MS):
        restarting.start()
    restarting.join()
    assert shown.text() == "视频平台无法连接：平台服务已停止，正在重新启动（第 2 次）…"
    assert not NOT_SHOWN.search(shown.text())

    comes_back(qtbot, watch, probe)
    assert banner(window).isHidden()
    qtbot.waitUntil(lambda: text_of(window, "cameraCount") == "摄像机 6 台（在线 5 台）")
    assert window.statusBar().currentMessage() == "视频平台已恢复"


def test_a_platform_answering_500_is_told_with_its_message(
    qtbot: QtBot, window: MainWindow, watch: PlatformWatch, probe: Probe
) -> None:
    goes_down(qtbot, watch, probe, PlatformError("数据库不可用", code=500))
    assert banner(window).text() == "视频平台故障：数据库不可用，正在重试…"


def test_the_round_pauses_during_an_outage_and_records_it_once(
    qtbot: QtBot,
    window: MainWindow,
    watch: PlatformWatch,
    probe: Probe,
    runner: TaskRunner,
    patrol_store: PatrolStore,
    patrol_clock: Clock,
    sessions,
) -> None:
    """Every camera of the wall loses its picture, but the round records nothing for them:
    Enter says the round waits; the outage is one record, and the round's record says so."""
    OutageRecorder(
        watch,
        OutageStore(sessions),
        runner,
        operator="值班员甲",
        platform="http://sim",
        clock=patrol_clock,
        parent=watch,
    )
    panel = window.patrol_round
    qtbot.waitUntil(lambda: bool(window.patrols.snapshot and window.patrols.snapshot.cameras))
    runner.wait(WAIT_MS)  # the window's look for an open round to resume is answered
    with qtbot.waitSignal(panel.running_changed, timeout=WAIT_MS):
        panel.start([camera.camera_num for camera in CAMERAS[:2]])
    first = panel.current_camera
    goes_down(qtbot, watch, probe, PlatformUnreachable(UNREACHABLE))
    for tile in window.wall.tiles:  # what the wall reports when its streams fail
        if tile.camera is not None:
            tile.player.lose("无法连接视频平台")
    panel.set_unplayable(first, "无法连接视频平台")
    notice = panel.findChild(QLabel, "unplayableNotice")
    assert notice.isVisible()
    assert notice.text() == "视频平台无法连接，正在重试…\n巡查暂停，平台恢复后继续。"
    for name in ("markNormal", "markAnomaly", "markFault", "markUnplayable"):
        assert not button(panel, name).isEnabled(), name
    panel.setFocus()
    qtbot.keyClick(panel, Qt.Key.Key_Return)
    assert text_of(panel, "roundMessage") == "视频平台无法连接：巡查暂停，平台恢复后继续。"
    runner.wait(WAIT_MS)
    assert panel.current_camera == first
    assert patrol_store.rounds.round_state(panel.round_id).checks == ()

    patrol_clock.advance(minutes=3)
    playing = [tile for tile in window.wall.tiles if tile.camera is not None]
    opened = {tile: len(tile.player.opened) for tile in playing}
    comes_back(qtbot, watch, probe)
    assert notice.isHidden()  # what failed during the outage is forgotten
    # The tiles reconnect at once, not after their backoff, and play again.
    qtbot.waitUntil(lambda: all(len(t.player.opened) > opened[t] for t in playing), timeout=WAIT_MS)
    for tile in playing:
        tile.player.show_frame()
    assert button(panel, "markNormal").isEnabled()
    qtbot.keyClick(panel, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.current_camera != first, timeout=WAIT_MS)
    qtbot.keyClick(panel, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.current_camera is None, timeout=WAIT_MS)
    condition = panel.findChild(QLineEdit, "closeEquipment").text()
    assert condition == "2 路正常，0 路异常，0 路视频故障；视频平台中断 1 次"

    runner.wait(WAIT_MS)
    with sessions() as session:
        outages = session.scalars(select(PlatformOutage)).all()
        ends = session.scalars(select(PlatformOutageEnd)).all()
    assert len(outages) == 1 and len(ends) == 1
    assert outages[0].operator == "值班员甲" and outages[0].detail == "视频平台无法连接，正在重试…"
    assert ends[0].outage_id == outages[0].id
    assert ends[0].ended_at - outages[0].started_at == patrol_clock.now - outages[0].started_at
