"""Test doubles and helpers of the patrol GUI tests; their fixtures (``patrol_store``,
``patrol_clock``, ``patrol_model``, ``new_patrol_model``) are in conftest.py.

The store is a real PatrolStore on a migrated SQLite file, the model the real PatrolModel on
the test's task runner; only the clock is the test's."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import shiboken6
from PySide6.QtCore import QPoint, QRect, QRegularExpression
from PySide6.QtWidgets import QCheckBox, QPushButton, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from patrol_app.domain.camera import CameraEntry
from patrol_app.domain.holidays import HolidayCalendar
from patrol_app.patrols.snapshot import PatrolSnapshot
from patrol_app.store.patrols import PatrolStore
from patrol_app.ui.patrols.model import PatrolModel
from patrol_app.ui.tasks import TaskRunner
from tests.patrols.helpers import (  # noqa: F401 (the GUI tests take them from here too)
    G4,
    LEGUANG_TUNNEL,
    MAINLINE,
    OPERATOR,
    SHIFT_STARTS,
    T0,
    THREE,
    TOLL,
    TUNNEL,
    Clock,
    FlakyStore,
    check,
    open_patrol_store,
)

WAIT_MS = 10_000  # for writes and snapshots through the runner (2 shared cores in CI)
# The refresh timer of the ``patrol_model`` fixture: a day, so it never fires in a test; a
# test that wants it sets its own interval (``model.timer.setInterval``, which restarts it).
TIMER_OFF_MS = 24 * 60 * 60 * 1000

# What ``new_patrol_model`` returns: builds a model, torn down at the end of the test.
PatrolModelFactory = Callable[..., PatrolModel]


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
