"""The patrol round without a display (P-3 of issue 5, P-4..P-6, F-1): which camera comes next,
what a check records, the closing summary, and the use cases on a real PatrolStore."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from patrol_app.domain.events import CheckOutcome, StepKind
from patrol_app.domain.faults import FaultKind
from patrol_app.patrols.rounds import (
    NOT_IN_DIRECTORY,
    Marks,
    RoundWalk,
    begin_round,
    close_round,
    handover_pile_problem,
    record_check,
    resume_round,
)
from patrol_app.store.patrols import PatrolStore
from tests.patrols.helpers import MAINLINE, OPERATOR, T0, THREE, TOLL, TUNNEL, snapshot_at

MINUTE = timedelta(minutes=1)


def test_a_round_takes_the_due_cameras_in_pile_order_and_resumes(
    patrol_store: PatrolStore,
) -> None:
    snapshot = snapshot_at(patrol_store, [TUNNEL, MAINLINE, TOLL], T0)
    state, resumed = begin_round(patrol_store, OPERATOR, snapshot.due_cameras(), T0)
    assert not resumed and state.planned == ("p1", "m1", "t1")
    walk = RoundWalk(state)
    assert walk.current == "p1" and walk.position == (1, 3)
    check = walk.check(CheckOutcome.NORMAL, Marks(), snapshot, operator=OPERATOR, now=T0)
    record_check(patrol_store, check, None, watch=False)
    walk.recorded(check)
    assert walk.current == "m1" and walk.position == (2, 3)

    # The workstation restarts: the open round continues at its first camera not recorded,
    # and starting another gives that one back.
    again = resume_round(patrol_store, OPERATOR)
    assert again is not None and again.id == state.id
    assert RoundWalk(again).current == "m1"
    assert begin_round(patrol_store, OPERATOR, ["t1"], T0 + MINUTE) == (again, True)


def test_what_each_outcome_records(patrol_store: PatrolStore) -> None:
    """Items only for an anomaly, no note for normal, the wall's reason before the note for
    "cannot be played"; normal is refused with a finding, an anomaly needs one."""
    snapshot = snapshot_at(patrol_store, THREE, T0)
    walk = RoundWalk(patrol_store.rounds.start_round(OPERATOR, ["p1", "m1", "t1"], T0))
    marks = Marks(items=("accident",), note="两车追尾", presets=(2, 1))
    assert not marks.allow(CheckOutcome.NORMAL) and marks.allow(CheckOutcome.ANOMALY)
    assert Marks().allow(CheckOutcome.NORMAL) and not Marks().allow(CheckOutcome.ANOMALY)
    assert Marks().allow(CheckOutcome.FAULT) and Marks().allow(CheckOutcome.UNPLAYABLE)

    anomaly = walk.check(CheckOutcome.ANOMALY, marks, snapshot, operator=OPERATOR, now=T0)
    assert (anomaly.camera_num, anomaly.camera_name, anomaly.pile) == ("p1", TOLL.name, TOLL.pile)
    assert (anomaly.items, anomaly.note, anomaly.presets) == (("accident",), "两车追尾", (2, 1))
    assert anomaly.checklist_version == snapshot.checklist_version
    assert anomaly.round_id == walk.round_id and anomaly.checked_at == T0
    normal = walk.check(CheckOutcome.NORMAL, Marks(note="x"), snapshot, operator=OPERATOR, now=T0)
    assert (normal.items, normal.note) == ((), "")
    fault = walk.check(
        CheckOutcome.FAULT,
        marks,
        snapshot,
        operator=OPERATOR,
        now=T0,
        fault_kind=FaultKind.OCCLUDED,
    )
    assert (fault.items, fault.note, fault.fault_kind) == ((), "两车追尾", FaultKind.OCCLUDED)
    walk.set_unplayable("p1", "连接超时")
    assert walk.unplayable_reason() == "连接超时"
    unplayable = walk.check(CheckOutcome.UNPLAYABLE, marks, snapshot, operator=OPERATOR, now=T0)
    assert unplayable.note == "连接超时；两车追尾"
    walk.recorded(unplayable)
    assert walk.unplayable_reason("p1") is None and walk.current == "m1"


def test_a_camera_gone_from_the_directory_cannot_be_played(patrol_store: PatrolStore) -> None:
    snapshot = snapshot_at(patrol_store, THREE, T0)
    walk = RoundWalk(patrol_store.rounds.start_round(OPERATOR, ["gone", "m1"], T0))
    assert not walk.show(snapshot)  # nothing to play
    check = walk.check(CheckOutcome.UNPLAYABLE, Marks(), snapshot, operator=OPERATOR, now=T0)
    assert (check.camera_name, check.pile, check.note) == ("gone", "", NOT_IN_DIRECTORY)
    walk.recorded(check)
    walk.set_unplayable("m1", "无视频流")
    assert walk.show(snapshot)  # shown afresh: the wall tries again
    assert walk.unplayable_reason() is None


def test_platform_outages_are_counted_and_forget_what_the_wall_said(
    patrol_store: PatrolStore,
) -> None:
    snapshot = snapshot_at(patrol_store, THREE, T0)
    walk = RoundWalk(patrol_store.rounds.start_round(OPERATOR, ["m1"], T0), platform_down=True)
    assert walk.outages == 1  # it started during one
    walk.set_unplayable("m1", "连接超时")
    walk.set_platform_down(True)  # the same outage
    walk.set_platform_down(False)
    assert walk.outages == 1 and walk.unplayable_reason() is None
    walk.set_platform_down(True)
    walk.set_platform_down(False)
    check = walk.check(CheckOutcome.NORMAL, Marks(), snapshot, operator=OPERATOR, now=T0)
    walk.recorded(check)
    assert walk.current is None
    assert (
        walk.summary().equipment_condition == "1 路正常，0 路异常，0 路视频故障；视频平台中断 2 次"
    )


def test_the_closing_summary_and_the_record(patrol_store: PatrolStore, tmp_path: Path) -> None:
    """A normal, an anomaly kept watching with its snapshot, a video fault; the summary counts
    them, offers the last camera's pile, and the record is written with the form's text."""
    snapshot = snapshot_at(patrol_store, THREE, T0)
    walk = RoundWalk(patrol_store.rounds.start_round(OPERATOR, ["p1", "m1", "t1"], T0))
    saved: list[str] = []

    def save(stem: str) -> Path:
        saved.append(stem)
        path = tmp_path / f"{stem}.jpg"
        path.write_bytes(b"jpeg")
        return path

    steps = [
        (CheckOutcome.NORMAL, Marks(), None),
        (CheckOutcome.ANOMALY, Marks(items=("accident",)), FaultKind.OCCLUDED),
        (CheckOutcome.FAULT, Marks(), FaultKind.OCCLUDED),
    ]
    results = []
    for minute, (outcome, marks, kind) in enumerate(steps):
        check = walk.check(
            outcome,
            marks,
            snapshot,
            operator=OPERATOR,
            now=T0 + minute * MINUTE,
            fault_kind=kind if outcome is CheckOutcome.FAULT else None,
        )
        anomaly = outcome is CheckOutcome.ANOMALY
        results.append(record_check(patrol_store, check, save if anomaly else None, watch=anomaly))
        walk.recorded(check)
    assert saved == ["K1844+650_20250610-090100"]
    normal, anomaly, fault = results
    assert normal.saved.event_id is None and normal.snapshot == ""
    assert anomaly.watching and anomaly.snapshot == str(tmp_path / f"{saved[0]}.jpg")
    assert fault.saved.fault_id is not None and not fault.watching
    (event,) = patrol_store.events.open_events()
    assert [(s.kind, s.detail, s.at) for s in event.steps] == [
        (StepKind.WATCH, "K1844+650 固定上墙持续关注", T0 + MINUTE)
    ]

    summary = walk.summary()
    assert (summary.recorded, summary.unplayable) == (3, 0)
    assert summary.equipment_condition == "1 路正常，1 路异常，1 路视频故障"
    assert summary.handover_pile == TUNNEL.pile
    assert handover_pile_problem("K18") is not None
    assert handover_pile_problem(" K1856+500 ") is None
    record = close_round(
        patrol_store,
        walk.round_id,
        equipment_condition=f" {summary.equipment_condition} ",
        handover_pile=" K1856+500 ",
        checklist=snapshot.checklist,
        now=T0 + 4 * MINUTE,
    )
    # The anomaly's item by the name the operator ticked (P-6), not its code.
    label = snapshot.checklist.label("accident")
    assert label != "accident" and f"：{label}" in record.anomalies
    assert (record.equipment_condition, record.handover_pile) == (
        summary.equipment_condition,
        "K1856+500",
    )
    assert (record.period_start, record.period_end) == (T0, T0 + 4 * MINUTE)
    assert resume_round(patrol_store, OPERATOR) is None


def test_a_snapshot_the_disk_refuses_does_not_lose_the_finding(
    patrol_store: PatrolStore,
) -> None:
    snapshot = snapshot_at(patrol_store, THREE, T0)
    walk = RoundWalk(patrol_store.rounds.start_round(OPERATOR, ["m1"], T0))

    def full_disk(_stem: str) -> Path:
        raise OSError("磁盘已满")

    check = walk.check(
        CheckOutcome.ANOMALY, Marks(note="路面有抛洒物"), snapshot, operator=OPERATOR, now=T0
    )
    recorded = record_check(patrol_store, check, full_disk, watch=False)
    assert (recorded.snapshot, recorded.snapshot_error) == ("", "磁盘已满")
    assert not recorded.watching
    (stored,) = patrol_store.rounds.round_state(walk.round_id).checks
    assert (stored.note, stored.snapshot) == ("路面有抛洒物", "")
    (event,) = patrol_store.events.open_events()
    assert event.steps == ()


def test_the_walk_follows_the_records_after_a_failed_write(patrol_store: PatrolStore) -> None:
    snapshot = snapshot_at(patrol_store, THREE, T0)
    walk = RoundWalk(patrol_store.rounds.start_round(OPERATOR, ["m1", "t1"], T0))
    check = walk.check(CheckOutcome.NORMAL, Marks(), snapshot, operator=OPERATOR, now=T0)
    record_check(patrol_store, check, None, watch=False)  # written, but the answer was lost
    walk.follow(patrol_store.rounds.round_state(walk.round_id))
    assert walk.current == "t1" and walk.position == (2, 2)


@pytest.mark.parametrize("pile", ["", "K1844", "路口"])
def test_a_handover_pile_must_read_as_a_pile(pile: str) -> None:
    assert handover_pile_problem(pile)
