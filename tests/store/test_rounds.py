"""Rounds, checks and the patrol record (P-4..P-6): a check and what it opens are one
transaction."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker

from patrol_app.domain.events import CheckOutcome, StepKind
from patrol_app.domain.faults import FaultKind
from patrol_app.domain.records import FirstStep
from patrol_app.resources import MIGRATIONS_DIR
from patrol_app.store.database import DatabaseError, open_database
from patrol_app.store.patrol_base import PatrolStoreError
from patrol_app.store.patrols import PatrolStore
from tests.store.patrol_helpers import CAMERAS, NOW, OPERATOR, check, count, minutes, refuse_inserts

# Rounds and checks.


def test_a_round_is_resumed_after_two_of_three_checks(
    sessions: sessionmaker[Session],
) -> None:
    before = PatrolStore(sessions)
    started = before.rounds.start_round(OPERATOR, ["c1", "c2", "c3"], NOW)
    assert (started.remaining, started.checks, started.closed_at) == (("c1", "c2", "c3"), (), None)
    before.rounds.record_check(check(started.id, "c1", NOW + minutes(1), snapshot="/tmp/c1.jpg"))
    before.rounds.record_check(check(started.id, "c2", NOW + minutes(2), note="雾大，能见度一般"))
    # The workstation is killed; a new one opens the same database.
    after = PatrolStore(sessions)
    assert after.rounds.open_round("值班员乙") is None
    resumed = after.rounds.open_round(OPERATOR)
    assert resumed is not None and resumed.id == started.id
    assert resumed.started_at == NOW and resumed.planned == ("c1", "c2", "c3")
    assert resumed.remaining == ("c3",)
    first, second = resumed.checks
    assert (first.camera_num, first.checked_at, first.snapshot) == (
        "c1",
        NOW + minutes(1),
        "/tmp/c1.jpg",
    )
    assert (first.camera_name, first.pile, first.outcome) == (*CAMERAS["c1"], CheckOutcome.NORMAL)
    assert (second.camera_num, second.note, second.round_id) == (
        "c2",
        "雾大，能见度一般",
        started.id,
    )
    after.rounds.record_check(check(started.id, "c3", NOW + minutes(3)))
    record = after.rounds.close_round(
        started.id, equipment_condition="正常", handover_pile="K1850+000", now=NOW + minutes(4)
    )
    assert after.rounds.open_round(OPERATOR) is None
    state = after.rounds.round_state(started.id)
    assert (state.remaining, state.closed_at) == ((), NOW + minutes(4))
    assert (record.period_start, record.period_end) == (NOW, NOW + minutes(4))


def test_open_round_is_the_operators_latest_unclosed_round(store: PatrolStore) -> None:
    older = store.rounds.start_round(OPERATOR, ["c1"], NOW)
    newer = store.rounds.start_round(OPERATOR, ["c2"], NOW + minutes(5))
    store.rounds.start_round("值班员乙", ["c3"], NOW + minutes(6))
    opened = store.rounds.open_round(OPERATOR)
    assert opened is not None and opened.id == newer.id
    store.rounds.close_round(
        newer.id, equipment_condition="", handover_pile="", now=NOW + minutes(7)
    )
    opened = store.rounds.open_round(OPERATOR)
    assert opened is not None and opened.id == older.id  # not lost: it still needs its record


def test_a_check_outside_the_plan_is_recorded(store: PatrolStore) -> None:
    walked = store.rounds.start_round(OPERATOR, ["c1"], NOW)
    store.rounds.record_check(check(walked.id, "c4", NOW + minutes(1)))  # the operator added it
    state = store.rounds.round_state(walked.id)
    assert [item.camera_num for item in state.checks] == ["c4"]
    assert state.remaining == ("c1",)


def test_a_check_of_a_closed_or_unknown_round_is_refused(
    store: PatrolStore, sessions: sessionmaker[Session]
) -> None:
    walked = store.rounds.start_round(OPERATOR, ["c1"], NOW)
    store.rounds.close_round(walked.id, equipment_condition="", handover_pile="", now=NOW)
    with pytest.raises(PatrolStoreError, match="已结束"):
        store.rounds.record_check(check(walked.id, "c1", NOW + minutes(1)))
    with pytest.raises(PatrolStoreError, match="不存在"):
        store.rounds.record_check(check(walked.id + 1, "c1", NOW + minutes(1)))
    with pytest.raises(PatrolStoreError, match="不存在"):
        store.rounds.round_state(walked.id + 1)
    assert count(sessions, "patrol_check") == 0
    with pytest.raises(PatrolStoreError, match="已结束"):
        store.rounds.close_round(walked.id, equipment_condition="", handover_pile="", now=NOW)
    assert count(sessions, "patrol_record") == 1


def test_each_outcome_writes_its_event_or_fault(
    store: PatrolStore, sessions: sessionmaker[Session]
) -> None:
    walked = store.rounds.start_round(OPERATOR, list(CAMERAS), NOW)
    normal = store.rounds.record_check(check(walked.id, "c1", NOW + minutes(1)))
    assert (normal.event_id, normal.fault_id) == (None, None)
    anomaly = store.rounds.record_check(
        check(
            walked.id,
            "c2",
            NOW + minutes(2),
            CheckOutcome.ANOMALY,
            items=("accident", "congestion"),
            note="两车追尾，占用第二车道",
        )
    )
    assert anomaly.event_id is not None and anomaly.fault_id is None
    opened = store.events.event(anomaly.event_id)
    assert (opened.camera_num, opened.camera_name, opened.pile) == ("c2", *CAMERAS["c2"])
    assert (opened.check_id, opened.opened_at, opened.opened_by) == (
        anomaly.check_id,
        NOW + minutes(2),
        OPERATOR,
    )
    assert (opened.items, opened.note, opened.steps) == (
        ("accident", "congestion"),
        "两车追尾，占用第二车道",
        (),
    )
    fault = store.rounds.record_check(
        check(
            walked.id,
            "c3",
            NOW + minutes(3),
            CheckOutcome.FAULT,
            fault_kind=FaultKind.OCCLUDED,
            note="镜头被树枝遮挡",
        )
    )
    unplayable = store.rounds.record_check(
        check(walked.id, "c4", NOW + minutes(4), CheckOutcome.UNPLAYABLE, note="黑屏")
    )
    assert fault.event_id is None and unplayable.event_id is None
    faults = store.faults.open_faults()
    assert [(f.id, f.kind, f.note, f.check_id) for f in faults] == [
        (fault.fault_id, FaultKind.OCCLUDED, "镜头被树枝遮挡", fault.check_id),
        (unplayable.fault_id, FaultKind.MISSING, "无法播放：黑屏", unplayable.check_id),
    ]
    assert (faults[0].camera_name, faults[0].pile) == CAMERAS["c3"]
    assert (faults[0].found_at, faults[0].found_by, faults[0].closed_at) == (
        NOW + minutes(3),
        OPERATOR,
        None,
    )
    silent = store.rounds.record_check(check(None, "c1", NOW + minutes(5), CheckOutcome.UNPLAYABLE))
    assert store.faults.open_faults()[-1].id == silent.fault_id
    assert store.faults.open_faults()[-1].note == "无法播放"
    assert [e.id for e in store.events.open_events()] == [anomaly.event_id]
    assert count(sessions, "patrol_check") == 5


def test_a_fault_needs_its_kind(store: PatrolStore, sessions: sessionmaker[Session]) -> None:
    with pytest.raises(PatrolStoreError, match="故障类型"):
        store.rounds.record_check(check(None, "c3", NOW, CheckOutcome.FAULT))
    assert count(sessions, "patrol_check") == count(sessions, "video_fault") == 0


@pytest.mark.parametrize(
    ("refused", "outcome", "fields"),
    [
        ("patrol_event", CheckOutcome.ANOMALY, {"items": ("accident",)}),
        ("video_fault", CheckOutcome.FAULT, {"fault_kind": FaultKind.JUMPING}),
        ("video_fault", CheckOutcome.UNPLAYABLE, {}),
    ],
)
def test_a_check_and_its_event_or_fault_are_one_transaction(
    sessions: sessionmaker[Session],
    refused: str,
    outcome: CheckOutcome,
    fields: dict[str, Any],
) -> None:
    store = PatrolStore(sessions)
    walked = store.rounds.start_round(OPERATOR, ["c1"], NOW)
    refuse_inserts(sessions, refused)
    with pytest.raises(DatabaseError, match="无法保存巡查记录"):
        store.rounds.record_check(check(walked.id, "c1", NOW + minutes(1), outcome, **fields))
    for table in ("patrol_check", "patrol_event", "video_fault"):
        assert count(sessions, table) == 0, table
    assert store.rounds.round_state(walked.id).remaining == ("c1",)


def test_an_anomaly_and_its_first_step_are_recorded_together(store: PatrolStore) -> None:
    walked = store.rounds.start_round(OPERATOR, ["c1"], NOW)
    watch = FirstStep(StepKind.WATCH, "K1844+650 固定上墙持续关注")
    saved = store.rounds.record_check(
        check(walked.id, "c1", NOW + minutes(1), CheckOutcome.ANOMALY, items=("accident",)),
        watch,
    )
    assert saved.event_id is not None and saved.step_id is not None
    steps = store.events.event(saved.event_id).steps
    assert [(s.id, s.kind, s.detail, s.operator, s.at) for s in steps] == [
        (saved.step_id, StepKind.WATCH, watch.detail, OPERATOR, NOW + minutes(1))
    ]
    with pytest.raises(ValueError, match="opens no event"):
        store.rounds.record_check(check(walked.id, "c1", NOW + minutes(2)), watch)


def test_a_failed_first_step_leaves_no_check_behind(sessions: sessionmaker[Session]) -> None:
    store = PatrolStore(sessions)
    walked = store.rounds.start_round(OPERATOR, ["c1"], NOW)
    refuse_inserts(sessions, "patrol_event_step")
    with pytest.raises(DatabaseError, match="无法保存巡查记录"):
        store.rounds.record_check(
            check(walked.id, "c1", NOW + minutes(1), CheckOutcome.ANOMALY, items=("accident",)),
            FirstStep(StepKind.WATCH, "持续关注"),
        )
    for table in ("patrol_check", "patrol_event", "patrol_event_step", "camera_last_patrol"):
        assert count(sessions, table) == 0, table
    assert store.rounds.round_state(walked.id).remaining == ("c1",)
    assert store.rounds.last_patrols() == {}


def test_closing_a_round_writes_the_patrol_record(store: PatrolStore) -> None:
    walked = store.rounds.start_round(OPERATOR, ["c1", "c2", "c3"], NOW)
    store.rounds.record_check(check(walked.id, "c1", NOW + minutes(1)))
    crash = store.rounds.record_check(
        check(
            walked.id,
            "c2",
            NOW + minutes(2),
            CheckOutcome.ANOMALY,
            items=("accident", "abnormal_stop"),
            note="小客车侧翻",
        )
    )
    spill = store.rounds.record_check(
        check(walked.id, "c3", NOW + minutes(3), CheckOutcome.ANOMALY, items=("spilled_object",))
    )
    assert crash.event_id is not None and spill.event_id is not None
    store.events.add_event_step(
        crash.event_id, StepKind.WATCH, "", operator=OPERATOR, now=NOW + minutes(5)
    )
    store.events.add_event_step(
        crash.event_id, StepKind.NOTIFY, "路政", operator=OPERATOR, now=NOW + minutes(7)
    )
    record = store.rounds.close_round(
        walked.id,
        equipment_condition="c3 画面偶有卡顿",
        handover_pile="K1846+120",
        now=NOW + minutes(9),
    )
    assert (record.round_id, record.period_start, record.period_end) == (
        walked.id,
        NOW,
        NOW + minutes(9),
    )
    assert (record.personnel, record.equipment_condition, record.handover_pile) == (
        OPERATOR,
        "c3 画面偶有卡顿",
        "K1846+120",
    )
    assert record.anomalies == (
        "1. 京港澳高速大岭隧道出口（K1846+120）：accident、abnormal_stop；小客车侧翻\n"
        "2. 京港澳高速北江特大桥（K1850+000）：spilled_object"
    )
    assert record.handling == (
        "京港澳高速大岭隧道出口（K1846+120）：08:05 持续关注；08:07 通知处置单位：路政\n"
        "京港澳高速北江特大桥（K1850+000）：未记录处置"
    )
    assert record.recorded_at == NOW + minutes(9)
    assert store.rounds.records(NOW, NOW + minutes(1)) == [record]
    assert store.rounds.records(NOW + minutes(1), NOW + timedelta(hours=2)) == []
    # Steps recorded after the close are on the event, not in the record written then.
    store.events.add_event_step(
        crash.event_id, StepKind.CLOSE, "已清障", operator=OPERATOR, now=NOW + minutes(30)
    )
    assert store.rounds.records(NOW, NOW + minutes(1)) == [record]


def test_a_round_without_anomalies_says_so(store: PatrolStore) -> None:
    walked = store.rounds.start_round(OPERATOR, ["c1"], NOW)
    store.rounds.record_check(check(walked.id, "c1", NOW + minutes(1)))
    record = store.rounds.close_round(
        walked.id, equipment_condition="正常", handover_pile="", now=NOW
    )
    assert (record.anomalies, record.handling) == ("无", "无")


def test_records_are_listed_by_round_start(store: PatrolStore) -> None:
    late = store.rounds.start_round(OPERATOR, [], NOW + timedelta(hours=1))
    early = store.rounds.start_round("值班员乙", [], NOW)
    for walked in (late, early):
        store.rounds.close_round(
            walked.id, equipment_condition="", handover_pile="", now=NOW + timedelta(hours=2)
        )
    listed = store.rounds.records(NOW, NOW + timedelta(hours=3))
    assert [record.round_id for record in listed] == [early.id, late.id]


def test_last_patrols_and_patrol_times(store: PatrolStore) -> None:
    assert store.rounds.last_patrols() == {}
    assert store.rounds.patrol_times(NOW, NOW + timedelta(hours=2)) == {}
    times = {
        "c1": [NOW - minutes(90), NOW - minutes(30), NOW + minutes(10), NOW + minutes(70)],
        "c2": [NOW + minutes(120)],  # at ``end``: outside [start, end)
        "c3": [NOW - minutes(5)],
        "c4": [NOW, NOW + minutes(50)],
    }
    walked = store.rounds.start_round(OPERATOR, list(CAMERAS), NOW - timedelta(hours=2))
    for camera, stamps in times.items():
        for at in reversed(stamps):
            store.rounds.record_check(check(walked.id if camera == "c1" else None, camera, at))
    assert store.rounds.last_patrols() == {camera: stamps[-1] for camera, stamps in times.items()}
    assert store.rounds.patrol_times(NOW, NOW + timedelta(hours=2)) == {
        "c1": [NOW - minutes(30), NOW + minutes(10), NOW + minutes(70)],
        "c3": [NOW - minutes(5)],
        "c4": [NOW, NOW + minutes(50)],
    }


def test_a_check_entered_late_does_not_move_the_last_patrol_back(
    store: PatrolStore, sessions: sessionmaker[Session]
) -> None:
    """camera_last_patrol keeps the latest, whatever order checks arrive in; migration 0004
    builds it from the checks already there."""
    store.rounds.record_check(check(None, "c1", NOW))
    store.rounds.record_check(check(None, "c1", NOW - minutes(40)))  # entered afterwards
    store.rounds.record_check(check(None, "c2", NOW - minutes(10)))
    expected = {"c1": NOW, "c2": NOW - minutes(10)}
    assert store.rounds.last_patrols() == expected
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = sessions.kw["bind"]
    command.downgrade(config, "0003")
    command.upgrade(config, "head")
    assert store.rounds.last_patrols() == expected


def test_where_cameras_stood_seeks_the_index_per_camera(tmp_path: Path) -> None:
    """20 million checks: the last check of each camera before a period (compliance) must
    not read the whole table or index (SQLite plan)."""
    sessions = open_database(f"sqlite:///{tmp_path / 'patrol.db'}")
    store = PatrolStore(sessions)
    for number in ("c1", "c2", "c3"):
        store.rounds.record_check(check(None, number, NOW))
    engine = sessions.kw["bind"]
    statements: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        assert list(store.rounds.patrol_times(NOW + minutes(1), NOW + minutes(2))) == [
            "c1",
            "c2",
            "c3",
        ]
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    ((statement, parameters),) = (item for item in statements if "RECURSIVE" in item[0])
    with engine.connect() as connection:
        plan = [
            row[3]
            for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
        ]
    on_checks = [step for step in plan if "patrol_check" in step]
    assert on_checks, plan
    assert all(
        step.startswith("SEARCH patrol_check USING COVERING INDEX ix_patrol_check_camera_num_")
        for step in on_checks
    ), plan
    assert any("(camera_num=? AND checked_at<?)" in step for step in on_checks), plan
