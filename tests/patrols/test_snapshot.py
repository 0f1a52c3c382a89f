"""What is due (P-1..P-3, P-8), without a display: the snapshot computed from a real
PatrolStore on a migrated SQLite file at an instant the test gives, and the figures the
compliance panel and the handover read off it."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

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
from patrol_app.patrols.snapshot import PatrolSnapshot
from patrol_app.platform.sharing import CameraEntry
from patrol_app.store.patrols import PatrolStore
from tests.patrols.helpers import (
    G4,
    LEGUANG_TUNNEL,
    MAINLINE,
    OPERATOR,
    T0,
    THREE,
    TOLL,
    TUNNEL,
    camera,
    check,
    snapshot_at,
)


def states(snapshot: PatrolSnapshot) -> dict[str, DueState]:
    return {due.camera_num: due.state for due in snapshot.due}


def test_cameras_join_the_lists_and_are_due_at_once(patrol_store: PatrolStore) -> None:
    """P-1, P-2: every camera joins the daily list, the tunnel also the key list; never
    patrolled, they are due at once; the shift, inspection and checklist come along."""
    snapshot = snapshot_at(patrol_store, THREE, T0)
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


def test_joining_is_once(patrol_store: PatrolStore) -> None:
    """A camera already on the lists keeps its ``since``; a new one joins when it appears."""
    snapshot_at(patrol_store, [MAINLINE], T0)
    later = T0 + timedelta(minutes=40)
    snapshot = snapshot_at(patrol_store, [MAINLINE, TUNNEL], later)
    assert snapshot.entries["m1"].since == T0
    assert snapshot.entries["t1"].since == later
    assert len(patrol_store.list_history()) == 2


def test_a_construction_camera_from_the_platform_joins_the_key_list(
    patrol_store: PatrolStore,
) -> None:
    """P-2: a temporary camera of a construction section is on the key list at once."""
    works = camera("w1", "G4（京港澳高速）…K1850+000（施工）", "K1850+000")
    works = CameraEntry(**{**works.__dict__, "patrol_site": "construction"})
    snapshot = snapshot_at(patrol_store, [MAINLINE, works], T0)
    assert snapshot.entries["w1"].site is SiteType.CONSTRUCTION and snapshot.entries["w1"].key
    assert snapshot.due_of("w1").deadline == T0 + timedelta(hours=1)


def test_an_unknown_classify_is_on_the_daily_list_as_mainline(
    patrol_store: PatrolStore, caplog: pytest.LogCaptureFixture
) -> None:
    odd = camera("x1", "G4（京港澳高速）…K1851+000", "K1851+000", classify=99)
    snapshot = snapshot_at(patrol_store, [odd], T0)
    assert snapshot.entries["x1"].site is SiteType.MAINLINE and snapshot.entries["x1"].daily
    assert "unknown classify" in caplog.text


def test_due_cameras_in_round_order_and_checklists_follow_the_weather(
    patrol_store: PatrolStore,
) -> None:
    cameras = [TUNNEL, MAINLINE, LEGUANG_TUNNEL, TOLL]
    snapshot = snapshot_at(patrol_store, cameras, T0)
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
    snapshot = snapshot_at(patrol_store, cameras, T0 + timedelta(minutes=5))
    assert snapshot.due_cameras() == ["t2", "p1", "t1"]  # m1 was patrolled
    foggy = [item.code for item in snapshot.checklist_for("t1")]
    assert foggy[: len(tunnel)] == tunnel and "standing_water" in foggy
    assert [item.code for item in snapshot.checklist_for("t2")] == tunnel  # not its section
    assert [w.warning.section for w in snapshot.active_warnings()] == [G4]
    assert snapshot.active_warnings(SectionKey("G0423", "乐广段")) == []
    # The warning puts m1 under the weather rule: an hour from the warning's start.
    assert PatrolList.WEATHER in snapshot.due_of("m1").lists
    assert snapshot.due_of("m1").deadline == T0 + timedelta(hours=1, minutes=2)


def test_a_camera_with_an_unreadable_pile_comes_last_in_a_round(
    patrol_store: PatrolStore,
) -> None:
    stray = camera("s1", "G4（京港澳高速）…（无桩号）", "")
    snapshot = snapshot_at(patrol_store, [stray, TUNNEL, MAINLINE], T0)
    assert snapshot.due_cameras() == ["m1", "t1", "s1"]


def test_compliance_of_the_current_shift(patrol_store: PatrolStore) -> None:
    """From the shift's start (08:00) to now: each list with its own rule."""
    snapshot_at(patrol_store, THREE, T0)  # they join at 09:00
    check(patrol_store, MAINLINE, T0 + timedelta(minutes=30))
    snapshot = snapshot_at(patrol_store, THREE, T0 + timedelta(hours=3))  # 12:00
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


def test_the_figures_of_each_list_and_the_late_cameras(patrol_store: PatrolStore) -> None:
    """What the compliance panel shows: per list the due and overdue cameras, the patrols of
    the shift and the rate (none until something is measured); the overdue cameras first."""
    fresh = snapshot_at(patrol_store, THREE, T0)
    daily = fresh.figures(PatrolList.DAILY)
    assert (daily.due, daily.overdue, daily.done, daily.rate) == (3, 0, 0, None)
    assert fresh.figures(PatrolList.WEATHER).rate is None

    check(patrol_store, MAINLINE, T0 + timedelta(minutes=30))
    snapshot = snapshot_at(patrol_store, THREE, T0 + timedelta(hours=1, minutes=10))
    daily = snapshot.figures(PatrolList.DAILY)  # t1 is overdue by the key rule
    assert (daily.due, daily.overdue, daily.done) == (1, 1, 1)
    assert daily.rate == pytest.approx(1.0) and not daily.late  # the daily rule was kept
    key = snapshot.figures(PatrolList.KEY)
    assert (key.due, key.overdue, key.done) == (0, 1, 0)
    assert key.rate is not None and key.rate < 1 and key.late
    assert [due.camera_num for due in snapshot.late_cameras()] == ["t1", "p1"]


def test_due_soon_and_faults_for_the_handover(patrol_store: PatrolStore) -> None:
    snapshot_at(patrol_store, THREE, T0)
    check(patrol_store, TOLL, T0, CheckOutcome.FAULT, fault_kind=FaultKind.OCCLUDED)
    check(patrol_store, TOLL, T0, CheckOutcome.FAULT, fault_kind=FaultKind.UNCLEAR)
    snapshot = snapshot_at(patrol_store, THREE, T0 + timedelta(minutes=10))
    # t1 by 10:00 (hourly); m1 by 11:00 and p1 by 11:00 are beyond the next hour.
    assert snapshot.due_soon(snapshot.at) == (("t1", TUNNEL.name, T0 + timedelta(hours=1)),)
    later = snapshot.due_soon(T0 + timedelta(hours=1))
    assert [number for number, _name, _deadline in later] == ["t1", "m1", "p1"]
    assert snapshot.cameras_with_faults() == 1
    assert snapshot.name_of("gone") == "gone"


def test_faults_and_inspections_in_the_snapshot(patrol_store: PatrolStore) -> None:
    snapshot_at(patrol_store, THREE, T0)
    saved = check(patrol_store, TOLL, T0, CheckOutcome.FAULT, fault_kind=FaultKind.OCCLUDED)
    patrol_store.record_inspection(OPERATOR, {}, note="正常", now=T0 + timedelta(minutes=3))
    snapshot = snapshot_at(patrol_store, THREE, T0)
    assert [fault.id for fault in snapshot.open_faults] == [saved.fault_id]
    assert snapshot.inspection.done == 1 and snapshot.inspection.state is DueState.DONE
