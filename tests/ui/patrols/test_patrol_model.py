"""The patrol model (P-1..P-8): snapshots computed in the runner from a real PatrolStore on a
migrated SQLite file, with an injected clock; refreshes coalesce; writes refresh."""

from __future__ import annotations

import traceback
from collections.abc import Iterator
from datetime import datetime, timedelta
from functools import partial

import pytest
from pytestqt.qtbot import QtBot

from patrol_app.domain.camera import CameraEntry
from patrol_app.domain.events import CheckOutcome
from patrol_app.domain.faults import FaultKind
from patrol_app.domain.patrols import (
    BEIJING,
    DueState,
    PatrolList,
    SectionKey,
    SiteType,
    WarningLevel,
    WeatherKind,
    WeatherWarning,
)
from patrol_app.store.patrols import CheckInput, CheckSaved, PatrolStore
from patrol_app.ui.patrols.model import REFRESH_MS, PatrolModel, PatrolSnapshot
from patrol_app.ui.tasks import TaskRunner
from tests.ui.helpers import camera
from tests.ui.patrol_helpers import (
    G4,
    LEGUANG_TUNNEL,
    MAINLINE,
    OPERATOR,
    T0,
    THREE,
    TOLL,
    TUNNEL,
    Clock,
    FlakyStore,
    PatrolModelFactory,
    check,
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


def test_cameras_join_the_lists_and_are_due_at_once(
    qtbot: QtBot, patrol_model: PatrolModel, patrol_store: FlakyStore
) -> None:
    """P-1, P-2: every camera joins the daily list, the tunnel also the key list; never
    patrolled, they are due at once; the shift, inspection and checklist come along."""
    assert patrol_model.snapshot is None
    snapshot = load(qtbot, patrol_model, THREE)
    assert patrol_model.snapshot is snapshot
    assert snapshot.at == T0 and snapshot.at.tzinfo is not None
    assert {number: (e.site, e.daily, e.key) for number, e in snapshot.entries.items()} == {
        "m1": (SiteType.MAINLINE, True, False),
        "p1": (SiteType.TOLL_PLAZA, True, False),
        "t1": (SiteType.TUNNEL, True, True),
    }
    assert all(entry.since == T0 for entry in snapshot.entries.values())
    assert states(snapshot) == {"m1": DueState.DUE, "p1": DueState.DUE, "t1": DueState.DUE}
    tunnel = snapshot.due_of("t1")
    assert tunnel is not None and tunnel.deadline == T0 + timedelta(hours=1)
    assert tunnel.lists == {PatrolList.DAILY, PatrolList.KEY}
    assert snapshot.due_of("m1").deadline == T0 + timedelta(hours=2)
    assert snapshot.shift == (
        datetime(2025, 6, 10, 8, tzinfo=BEIJING),
        datetime(2025, 6, 10, 20, tzinfo=BEIJING),
    )
    assert snapshot.inspection.required == 1 and snapshot.inspection.done == 0
    assert snapshot.inspection.holiday is None
    assert snapshot.calendar_covers
    assert snapshot.checklist_version == 1
    assert snapshot.open_events == () and snapshot.open_faults == ()
    assert [target.camera_num for target in snapshot.targets] == ["m1", "p1", "t1"]


def test_joining_is_once(
    qtbot: QtBot, patrol_model: PatrolModel, patrol_store: PatrolStore, patrol_clock: Clock
) -> None:
    """A camera already on the lists keeps its ``since``; a new one joins when it appears."""
    load(qtbot, patrol_model, [MAINLINE])
    patrol_clock.advance(minutes=40)
    snapshot = load(qtbot, patrol_model, [MAINLINE, TUNNEL])
    assert snapshot.entries["m1"].since == T0
    assert snapshot.entries["t1"].since == patrol_clock.now
    assert len(patrol_store.list_history()) == 2


def test_a_construction_camera_from_the_platform_joins_the_key_list(
    qtbot: QtBot, patrol_model: PatrolModel
) -> None:
    """P-2: a temporary camera of a construction section is on the key list at once."""
    works = camera("w1", "G4（京港澳高速）…K1850+000（施工）", "K1850+000")
    works = CameraEntry(**{**works.__dict__, "patrol_site": "construction"})
    snapshot = load(qtbot, patrol_model, [MAINLINE, works])
    assert snapshot.entries["w1"].site is SiteType.CONSTRUCTION and snapshot.entries["w1"].key
    assert snapshot.due_of("w1").deadline == T0 + timedelta(hours=1)


def test_due_cameras_in_round_order_and_checklists_follow_the_weather(
    qtbot: QtBot, patrol_model: PatrolModel, patrol_store: PatrolStore, patrol_clock: Clock
) -> None:
    snapshot = load(qtbot, patrol_model, [TUNNEL, MAINLINE, LEGUANG_TUNNEL, TOLL])
    # By road, then along it by pile; all four are due.
    assert snapshot.due_cameras() == ["t2", "p1", "m1", "t1"]
    check(patrol_store, MAINLINE, T0 + timedelta(minutes=1))
    tunnel = [item.code for item in snapshot.checklist_for("t1")]
    assert {"fire", "flood", "power_loss"} <= set(tunnel) and "standing_water" not in tunnel

    patrol_store.add_warning(
        WeatherWarning(G4, WarningLevel.ORANGE, WeatherKind.FOG, T0 + timedelta(minutes=2)),
        recorded_by=OPERATOR,
        now=T0,
    )
    patrol_clock.advance(minutes=5)
    snapshot = refreshed(qtbot, patrol_model)
    assert snapshot.due_cameras() == ["t2", "p1", "t1"]  # m1 was patrolled
    foggy = [item.code for item in snapshot.checklist_for("t1")]
    assert foggy[: len(tunnel)] == tunnel and "standing_water" in foggy
    assert [item.code for item in snapshot.checklist_for("t2")] == tunnel  # not its section
    assert [w.warning.section for w in snapshot.active_warnings()] == [G4]
    assert snapshot.active_warnings(SectionKey("G0423", "乐广段")) == []
    # The warning puts m1 under the weather rule: an hour from the warning's start.
    assert PatrolList.WEATHER in snapshot.due_of("m1").lists
    assert snapshot.due_of("m1").deadline == T0 + timedelta(hours=1, minutes=2)


def test_compliance_of_the_current_shift(
    qtbot: QtBot, patrol_model: PatrolModel, patrol_store: PatrolStore, patrol_clock: Clock
) -> None:
    """From the shift's start (08:00) to now: each list with its own rule."""
    load(qtbot, patrol_model, THREE)  # they join at 09:00
    check(patrol_store, MAINLINE, T0 + timedelta(minutes=30))
    patrol_clock.advance(hours=3)  # 12:00
    snapshot = refreshed(qtbot, patrol_model)
    daily = snapshot.compliance[PatrolList.DAILY]
    # 3 cameras x 3 h required; m1 late 11:30-12:00, p1 and t1 late 11:00-12:00.
    assert daily.cameras == 3 and daily.patrols == 1 and daily.late == 0
    assert daily.required_seconds == 3 * 3 * 3600
    assert daily.overdue_seconds == 2.5 * 3600
    assert daily.rate == pytest.approx(1 - 2.5 / 9)
    key = snapshot.compliance[PatrolList.KEY]
    assert (key.cameras, key.required_seconds, key.overdue_seconds) == (1, 3 * 3600, 2 * 3600)
    assert snapshot.compliance[PatrolList.WEATHER].required_seconds == 0
    assert states(snapshot) == {
        "m1": DueState.OVERDUE,
        "p1": DueState.OVERDUE,
        "t1": DueState.OVERDUE,
    }


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


def test_faults_and_inspections_in_the_snapshot(
    qtbot: QtBot, patrol_model: PatrolModel, patrol_store: PatrolStore, patrol_clock: Clock
) -> None:
    load(qtbot, patrol_model, THREE)
    saved = check(patrol_store, TOLL, T0, CheckOutcome.FAULT, fault_kind=FaultKind.OCCLUDED)
    patrol_store.record_inspection(OPERATOR, {}, note="正常", now=T0 + timedelta(minutes=3))
    snapshot = refreshed(qtbot, patrol_model)
    assert [fault.id for fault in snapshot.open_faults] == [saved.fault_id]
    assert snapshot.inspection.done == 1 and snapshot.inspection.state is DueState.DONE
