"""Test doubles and helpers of the patrol GUI tests; their fixtures (``patrol_store``,
``patrol_clock``, ``patrol_model``, ``new_patrol_model``) are in conftest.py.

The store is a real PatrolStore on a migrated SQLite file, the model the real PatrolModel on
the test's task runner; only the clock is the test's."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, time, timedelta
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QPoint, QRect, QRegularExpression
from PySide6.QtWidgets import QCheckBox, QPushButton, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from patrol_app.domain.camera import CameraEntry
from patrol_app.domain.events import CheckOutcome
from patrol_app.domain.holidays import HolidayCalendar
from patrol_app.domain.patrols import SectionKey
from patrol_app.store.database import DatabaseError, open_database
from patrol_app.store.patrols import CheckInput, CheckSaved, PatrolStore
from patrol_app.ui.patrols.model import PatrolModel, PatrolSnapshot
from patrol_app.ui.tasks import TaskRunner
from tests.ui.helpers import camera

# Tuesday 10 June 2025, 09:00 in Beijing: a working day, in the day shift (08:00-20:00).
T0 = datetime(2025, 6, 10, 1, 0, tzinfo=UTC)
OPERATOR = "值班员甲"
SHIFT_STARTS = (time(8), time(20))
WAIT_MS = 10_000  # for writes and snapshots through the runner (2 shared cores in CI)
# The refresh timer of the ``patrol_model`` fixture: a day, so it never fires in a test; a
# test that wants it sets its own interval (``model.timer.setInterval``, which restarts it).
TIMER_OFF_MS = 24 * 60 * 60 * 1000
G4 = SectionKey("G4", "京珠北段")

# Three cameras of one G4 section: mainline, toll plaza, and a tunnel (on the key list).
MAINLINE = camera("m1", "G4（京港澳高速）…K1844+650（上行）（路面）", "K1844+650")
TOLL = camera("p1", "G4（京港澳高速）…K1844+158（粤北收费站）", "K1844+158", classify=1)
TUNNEL = camera("t1", "G4（京港澳高速）…K1856+300（上行）（大宝山隧道）", "K1856+300", classify=3)
THREE = [MAINLINE, TOLL, TUNNEL]
# A tunnel on another road and section.
LEGUANG_TUNNEL = camera(
    "t2",
    "G0423（乐广高速）…K12+300（下行）（云岩隧道）",
    "K12+300",
    road="G0423",
    road_name="乐广高速",
    road_sec="乐广段",
    classify=3,
)

S = TypeVar("S", bound=PatrolStore)

# What ``new_patrol_model`` returns: builds a model, torn down at the end of the test.
PatrolModelFactory = Callable[..., PatrolModel]


class Clock:
    """Aware UTC time that moves only when a test moves it (``advance``, or set ``now``)."""

    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


class FlakyStore(PatrolStore):
    """A real store that counts snapshot computations (``list_entries``) and fails as a full
    disk does: every computation while ``broken``, the next ``record_check`` once told."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.computed = 0
        self.broken = False
        self.fail_next = False

    def list_entries(self) -> Any:
        self.computed += 1
        if self.broken:
            raise DatabaseError("无法读取巡查记录：磁盘已满")
        return super().list_entries()

    def record_check(self, check: CheckInput) -> CheckSaved:
        if self.fail_next:
            self.fail_next = False
            raise DatabaseError("无法保存巡查记录：磁盘已满")
        return super().record_check(check)


@contextmanager
def open_patrol_store(database_url: str, store_class: type[S]) -> Iterator[S]:
    """A ``store_class`` (PatrolStore or a test's subclass) on the migrated database at
    ``database_url``; its engine disposed at the end."""
    sessions = open_database(database_url)
    try:
        yield store_class(sessions)
    finally:
        sessions.kw["bind"].dispose()


def make_patrol_model(
    store: PatrolStore, runner: TaskRunner, clock: Callable[[], datetime], **options: Any
) -> PatrolModel:
    """A model as the workstation makes it: operator 值班员甲, shifts from 08:00 and 20:00,
    the bundled holiday calendar, the model's own refresh interval; ``options`` (PatrolModel's
    keywords: ``calendar``, ``refresh_ms``...) change them. Tests take theirs from the
    ``new_patrol_model`` fixture, which also tears them down."""
    settings = {
        "operator": OPERATOR,
        "shift_starts": SHIFT_STARTS,
        "calendar": HolidayCalendar(),
        **options,
    }
    return PatrolModel(store, runner, clock=clock, **settings)


def dispose_patrol_model(runner: TaskRunner, model: PatrolModel) -> None:
    """Stop the model's timer, let its tasks end, then delete it here on the GUI thread: left
    to the garbage collector, it could be destroyed with its timer on a pool thread, and Qt
    warns "Timers cannot be stopped from another thread". Once is enough: again does nothing.
    """
    if not shiboken6.isValid(model):
        return
    model.timer.stop()
    # Until nothing is in flight: a delivered callback may start more (a write refreshes, a
    # snapshot asked for meanwhile computes again, a window's late camera list is a write).
    assert runner.wait(WAIT_MS)
    while not runner.wait(0) or model.refreshing or model.writing:
        assert runner.wait(WAIT_MS)
    shiboken6.delete(model)


def load(qtbot: QtBot, model: PatrolModel, cameras: list[CameraEntry]) -> PatrolSnapshot:
    """Give the model its cameras; the snapshot computed after they joined the lists."""
    with qtbot.waitSignal(model.changed, timeout=WAIT_MS) as changed:
        model.set_cameras(cameras)
    return changed.args[0]


def loaded(qtbot: QtBot, model: PatrolModel, cameras: list[CameraEntry]) -> PatrolModel:
    """``model`` with its cameras and its first snapshot."""
    load(qtbot, model, cameras)
    return model


def refreshed(qtbot: QtBot, model: PatrolModel) -> PatrolSnapshot:
    """A snapshot computed now."""
    with qtbot.waitSignal(model.changed, timeout=WAIT_MS) as changed:
        model.refresh()
    return changed.args[0]


def check(
    store: PatrolStore,
    entry: CameraEntry,
    at: datetime,
    outcome: CheckOutcome = CheckOutcome.NORMAL,
    **extra: Any,
) -> CheckSaved:
    """A patrol of ``entry`` at ``at`` outside any round (from the test thread); ``extra``
    are CheckInput's other fields (items, note, snapshot, fault_kind...)."""
    return store.record_check(
        CheckInput(
            round_id=None,
            camera_num=entry.camera_num,
            camera_name=entry.name,
            pile=entry.pile,
            outcome=outcome,
            operator=OPERATOR,
            checked_at=at,
            checklist_version=1,
            **extra,
        )
    )


def button(widget: QWidget, name: str) -> QPushButton:
    """The button named ``name`` (its objectName) inside ``widget``."""
    found = widget.findChild(QPushButton, name)
    assert found is not None, f"no button {name} in {widget}"
    return found


def checklist_items(widget: QWidget) -> list[QCheckBox]:
    """The checklist items of the round panel in ``widget``, in order."""
    return widget.findChildren(QCheckBox, QRegularExpression("^item:"))


def checklist_on_screen(widget: QWidget) -> bool:
    """Every checklist item of the round panel in ``widget`` is there to read without
    scrolling: visible, of its full height, inside the viewport of the checklist's scroll
    area."""
    scroll = widget.findChild(QScrollArea, "checklistScroll")
    viewport = scroll.viewport()
    items = checklist_items(widget)
    return (
        bool(items)
        and scroll.isVisible()
        and all(
            box.isVisible()
            and box.height() >= box.sizeHint().height()
            and viewport.rect().contains(QRect(box.mapTo(viewport, QPoint(0, 0)), box.size()))
            for box in items
        )
    )


def checklist_places(widget: QWidget) -> str:
    """Where the checklist and its items are (a failed ``checklist_on_screen`` says it)."""
    scroll = widget.findChild(QScrollArea, "checklistScroll")
    return (
        f"scroll area {scroll.geometry().getRect()}, viewport "
        f"{scroll.viewport().geometry().getRect()}, items "
        + ", ".join(f"{box.geometry().getRect()}" for box in checklist_items(widget))
    )
