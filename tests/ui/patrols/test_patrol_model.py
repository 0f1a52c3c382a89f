"""The patrol model (P-1..P-8): snapshots computed in the runner from a real PatrolStore on a
migrated SQLite file, with an injected clock; refreshes coalesce; writes refresh. What the
snapshots hold is tested without a display (tests/patrols/test_snapshot.py)."""

from __future__ import annotations

import traceback
from collections.abc import Iterator
from functools import partial

import pytest
from pytestqt.qtbot import QtBot

from patrol_app.domain.events import CheckOutcome
from patrol_app.domain.patrols import (
    DueState,
)
from patrol_app.store.patrols import CheckInput, CheckSaved, PatrolStore
from patrol_app.ui.patrols.model import REFRESH_MS, PatrolModel, PatrolSnapshot
from patrol_app.ui.tasks import TaskRunner
from tests.ui.patrol_helpers import (
    LEGUANG_TUNNEL,
    OPERATOR,
    T0,
    THREE,
    TUNNEL,
    Clock,
    FlakyStore,
    PatrolModelFactory,
    dispose_patrol_model,
    load,
    make_patrol_model,
    open_patrol_store,
    refreshed,
)


@pytest.fixture
def patrol_store(database_url: str) -> Iterator[FlakyStore]:
    """This file's store counts snapshot computations and can be made to fail."""
    with open_patrol_store(database_url, FlakyStore) as store:
        yield store


def states(snapshot: PatrolSnapshot) -> dict[str, DueState]:
    return {due.camera_num: due.state for due in snapshot.due}


def test_the_cameras_join_the_lists_then_a_snapshot_is_shown(
    qtbot: QtBot, patrol_model: PatrolModel, patrol_clock: Clock
) -> None:
    """The model's part (the rules are tested without a display, in tests/patrols/): the
    directory's cameras join the lists in the runner, then the snapshot at the model's clock
    is handed to the views; a camera already on the lists keeps its place."""
    assert patrol_model.snapshot is None
    snapshot = load(qtbot, patrol_model, THREE)
    assert patrol_model.snapshot is snapshot and snapshot.at == T0
    assert sorted(snapshot.entries) == ["m1", "p1", "t1"]
    assert states(snapshot) == {"m1": DueState.DUE, "p1": DueState.DUE, "t1": DueState.DUE}
    patrol_clock.advance(minutes=40)
    snapshot = load(qtbot, patrol_model, [*THREE, LEGUANG_TUNNEL])
    assert snapshot.entries["m1"].since == T0 and snapshot.entries["t2"].since == patrol_clock.now


def test_refreshes_coalesce(
    qtbot: QtBot, patrol_model: PatrolModel, patrol_store: FlakyStore
) -> None:
    """While one snapshot is being computed, more requests make exactly one more."""
    load(qtbot, patrol_model, THREE)
    patrol_store.computed = 0
    snapshots: list[PatrolSnapshot] = []
    patrol_model.changed.connect(snapshots.append)
    patrol_model.refresh()
    assert patrol_model.refreshing
    patrol_model.refresh()
    patrol_model.refresh()
    qtbot.waitUntil(lambda: len(snapshots) == 2 and not patrol_model.refreshing)
    assert patrol_store.computed == 2
    assert patrol_model.snapshot is snapshots[-1]


def test_the_timer_refreshes(
    qtbot: QtBot,
    patrol_store: PatrolStore,
    runner: TaskRunner,
    new_patrol_model: PatrolModelFactory,
) -> None:
    default = make_patrol_model(patrol_store, runner, Clock())  # the model's own interval
    assert default.timer.interval() == REFRESH_MS == 30_000
    dispose_patrol_model(runner, default)
    fast = new_patrol_model(clock=Clock(), refresh_ms=10)
    with qtbot.waitSignal(fast.changed) as changed:
        pass  # nobody asks: the timer does
    assert changed.args[0].at == T0
    fast.timer.stop()


def test_a_write_calls_back_then_refreshes(
    qtbot: QtBot, patrol_model: PatrolModel, patrol_store: PatrolStore, patrol_clock: Clock
) -> None:
    load(qtbot, patrol_model, THREE)
    order: list[str] = []
    saved: list[CheckSaved] = []
    patrol_model.changed.connect(lambda snapshot: order.append("changed"))

    def done(result: CheckSaved) -> None:
        order.append("done")
        saved.append(result)

    patrol_clock.advance(minutes=10)
    anomaly = CheckInput(
        round_id=None,
        camera_num="t1",
        camera_name=TUNNEL.name,
        pile=TUNNEL.pile,
        outcome=CheckOutcome.ANOMALY,
        operator=OPERATOR,
        checked_at=patrol_clock.now,
        checklist_version=1,
        items=("fire",),
    )
    with qtbot.waitSignal(patrol_model.changed) as changed:
        patrol_model.run(patrol_store.record_check, anomaly, on_done=done)
    assert order == ["done", "changed"]
    snapshot = changed.args[0]
    assert saved[0].event_id is not None
    assert [event.id for event in snapshot.open_events] == [saved[0].event_id]
    assert snapshot.due_of("t1").state is DueState.DONE


def test_environment_errors_are_told_and_bugs_raised(
    qtbot: QtBot, patrol_model: PatrolModel, patrol_store: FlakyStore, patrol_clock: Clock
) -> None:
    load(qtbot, patrol_model, THREE)
    with qtbot.waitSignal(patrol_model.failed) as failed:
        patrol_model.run(
            partial(patrol_store.accept_handover, now=patrol_clock.now), 999, "值班员乙"
        )
    assert "999" in failed.args[0]

    patrol_store.broken = True
    with qtbot.waitSignal(patrol_model.failed) as failed:
        patrol_model.refresh()
    assert failed.args[0] == "无法读取巡查记录：磁盘已满"
    assert not patrol_model.refreshing
    patrol_store.broken = False
    refreshed(qtbot, patrol_model)  # and it recovers

    with qtbot.captureExceptions() as exceptions:
        patrol_model.run(lambda: 1 / 0)
        qtbot.waitUntil(lambda: bool(exceptions))
    assert isinstance(exceptions[0][1], ZeroDivisionError)
    # The traceback's frames (the runner's among them) and the exception make a reference
    # cycle, which the collector would free on whatever thread it runs: break it here.
    traceback.clear_frames(exceptions[0][2])
    exceptions.clear()
