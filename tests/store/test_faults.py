"""Video faults followed to repair (F-1, F-2) and work orders (F-3) on real migrated SQLite
and PostgreSQL: each change of state a row of its own, the rules' refusals in Chinese, the
reads of a period, and what migration 0008 makes of the old closes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from patrol_app.domain.events import CheckOutcome
from patrol_app.domain.faults import (
    ClockState,
    FaultKind,
    FaultOrigin,
    FaultQuery,
    FaultState,
)
from patrol_app.domain.work_orders import Indicator, WorkOrderInput, WorkOrderState
from patrol_app.resources import MIGRATIONS_DIR
from patrol_app.store.patrol_base import PatrolStoreError
from patrol_app.store.patrols import PatrolStore
from tests.store.patrol_helpers import NOW, OPERATOR, check, count, minutes

HOUR = timedelta(hours=1)


def register(store: PatrolStore, camera: str = "c1", at_minutes: float = 0) -> int:
    return store.faults.register_fault(
        camera,
        f"摄像机{camera}",
        "K1844+650",
        FaultKind.OCCLUDED,
        "镜头被遮挡",
        operator=OPERATOR,
        now=NOW + minutes(at_minutes),
    ).id


def test_a_fault_goes_to_verified_one_row_per_change(
    store: PatrolStore, sessions: sessionmaker[Session]
) -> None:
    fault_id = register(store)
    faults = store.faults
    faults.transition_fault(
        fault_id, FaultState.RESPONDED, note="已通知养护", operator="值班员乙", now=NOW + HOUR
    )
    faults.transition_fault(
        fault_id, FaultState.REPAIRED, note="已清洁镜头", operator="维护员", now=NOW + 30 * HOUR
    )
    record = faults.transition_fault(
        fault_id, FaultState.VERIFIED, note="画面正常", operator=OPERATOR, now=NOW + 31 * HOUR
    )
    assert [(t.state, t.operator, t.note) for t in record.transitions] == [
        (FaultState.RESPONDED, "值班员乙", "已通知养护"),
        (FaultState.REPAIRED, "维护员", "已清洁镜头"),
        (FaultState.VERIFIED, OPERATOR, "画面正常"),
    ]
    assert record.origin is FaultOrigin.MANUAL and record.closed_at == NOW + 31 * HOUR
    assert record.response.state(NOW + 40 * HOUR) is ClockState.MET
    assert record.repair.state(NOW + 40 * HOUR) is ClockState.MET
    assert faults.fault(fault_id) == record
    assert faults.open_faults() == []
    assert count(sessions, "video_fault") == 1 and count(sessions, "video_fault_transition") == 3


def test_the_rules_refuse_in_chinese(store: PatrolStore) -> None:
    fault_id = register(store)
    faults = store.faults
    with pytest.raises(PatrolStoreError, match="不能改为“已验证”"):
        faults.transition_fault(fault_id, FaultState.VERIFIED, note="", operator=OPERATOR, now=NOW)
    with pytest.raises(PatrolStoreError, match="须填写原因"):
        faults.transition_fault(
            fault_id, FaultState.CANCELLED, note="  ", operator=OPERATOR, now=NOW
        )
    with pytest.raises(PatrolStoreError, match="不能早于"):
        faults.transition_fault(
            fault_id, FaultState.RESPONDED, note="", operator=OPERATOR, now=NOW - minutes(1)
        )
    with pytest.raises(PatrolStoreError, match="不存在"):
        faults.transition_fault(fault_id + 9, FaultState.RESPONDED, note="", operator="", now=NOW)
    cancelled = faults.transition_fault(
        fault_id, FaultState.CANCELLED, note="误报：雾天", operator=OPERATOR, now=NOW + HOUR
    )
    assert cancelled.state is FaultState.CANCELLED and not cancelled.open
    assert cancelled.response.state(NOW + 5 * HOUR) is ClockState.STOPPED
    with pytest.raises(PatrolStoreError, match="已撤销"):
        faults.transition_fault(
            fault_id, FaultState.RESPONDED, note="", operator=OPERATOR, now=NOW + 2 * HOUR
        )


def test_two_workstations_changing_one_fault_at_once_keep_one_change(
    store: PatrolStore, sessions: sessionmaker[Session]
) -> None:
    """The second writer computed the same ``seq``: refused, not both kept."""
    fault_id = register(store)
    with sessions.begin() as session:
        session.execute(
            text(
                "insert into video_fault_transition (fault_id, seq, state, at, operator, note) "
                "values (:fault, 1, 'responded', :at, '甲', '')"
            ),
            {"fault": fault_id, "at": "2026-11-25 00:30:00.000000"},
        )
    with pytest.raises(IntegrityError), sessions.begin() as session:
        session.execute(
            text(
                "insert into video_fault_transition (fault_id, seq, state, at, operator, "
                "note) values (:fault, 1, 'cancelled', :at, '乙', '重复')"
            ),
            {"fault": fault_id, "at": "2026-11-25 00:31:00.000000"},
        )
    assert [t.state for t in store.faults.fault(fault_id).transitions] == [FaultState.RESPONDED]


def test_a_check_registers_a_fault_from_the_patrol(store: PatrolStore) -> None:
    saved = store.rounds.record_check(
        check(None, "c3", NOW, CheckOutcome.FAULT, fault_kind=FaultKind.JUMPING, note="抖动")
    )
    assert saved.fault_id is not None
    record = store.faults.fault(saved.fault_id)
    assert (record.origin, record.kind, record.note, record.check_id) == (
        FaultOrigin.PATROL,
        FaultKind.JUMPING,
        "抖动",
        saved.check_id,
    )
    assert record.state is FaultState.REGISTERED and record.registered_at == NOW


def test_the_faults_of_a_period_and_of_a_filter(store: PatrolStore) -> None:
    before = register(store, "c1", -60 * 24)
    inside = register(store, "c2", 10)
    later = register(store, "c3", 60 * 25)
    store.faults.transition_fault(
        before, FaultState.CANCELLED, note="重复登记", operator=OPERATOR, now=NOW - HOUR
    )
    day = FaultQuery(start=NOW, end=NOW + timedelta(days=1))
    assert [f.id for f in store.faults.faults(day)] == [inside]
    assert [f.id for f in store.faults.faults()] == [before, inside, later]
    alive = FaultQuery(start=NOW - 30 * HOUR, end=NOW + timedelta(days=2), alive=True)
    assert [f.id for f in store.faults.faults(alive)] == [before, inside, later]
    closed_before = FaultQuery(start=NOW, end=NOW + timedelta(days=2), alive=True)
    assert [f.id for f in store.faults.faults(closed_before)] == [inside, later]
    cancelled = FaultQuery(states=frozenset({FaultState.CANCELLED}))
    assert [f.id for f in store.faults.faults(cancelled)] == [before]
    assert [f.id for f in store.faults.faults(FaultQuery(camera_num="c3"))] == [later]
    none = FaultQuery(kinds=frozenset({FaultKind.MISSING}))
    assert store.faults.faults(none) == []
    assert [f.id for f in store.faults.open_faults()] == [inside, later]


def test_a_work_order_gets_its_feedback_then_is_closed(
    store: PatrolStore, sessions: sessionmaker[Session]
) -> None:
    order = WorkOrderInput(
        road="G4",
        road_sec="京珠北段",
        indicator=Indicator.ONLINE_RATE,
        value="92.5%",
        detail="11 月 24 日在线率低于 95%",
        raised_at=NOW,
        raised_by=OPERATOR,
        reference="GD-2026-118",
    )
    raised = store.work_orders.raise_work_order(order)
    assert raised.order == order and raised.state is WorkOrderState.RAISED
    orders = store.work_orders
    with pytest.raises(PatrolStoreError, match="须填写反馈"):
        orders.transition_work_order(
            raised.id, WorkOrderState.FEEDBACK, note="", operator=OPERATOR, now=NOW
        )
    with pytest.raises(PatrolStoreError, match="不能改为“已关闭”"):
        orders.transition_work_order(
            raised.id, WorkOrderState.CLOSED, note="", operator=OPERATOR, now=NOW
        )
    fed = orders.transition_work_order(
        raised.id,
        WorkOrderState.FEEDBACK,
        note="3 台摄像机光纤中断，已抢修",
        operator=OPERATOR,
        now=NOW + 48 * HOUR,
    )
    assert fed.clock.state(NOW + 50 * HOUR) is ClockState.MET
    assert [o.id for o in orders.work_orders(open_only=True)] == [raised.id]
    orders.transition_work_order(
        raised.id, WorkOrderState.CLOSED, note="", operator=OPERATOR, now=NOW + 49 * HOUR
    )
    assert orders.work_orders(open_only=True) == []
    assert [o.state for o in orders.work_orders(NOW, NOW + HOUR)] == [WorkOrderState.CLOSED]
    assert count(sessions, "work_order_transition") == 2
    with pytest.raises(PatrolStoreError, match="须指明路段"):
        orders.raise_work_order(WorkOrderInput("", "", Indicator.OTHER, "1", "", NOW, OPERATOR))


def test_migration_0008_makes_each_old_close_a_verification(
    sessions: sessionmaker[Session],
) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = sessions.kw["bind"]
    command.downgrade(config, "0007")
    with sessions.begin() as session:
        for number, found in ((1, "2026-11-25 00:00:00.000000"), (2, "2026-11-25 01:00:00.000000")):
            session.execute(
                text(
                    "insert into video_fault (id, camera_num, camera_name, pile, kind, note, "
                    "found_at, found_by) values (:id, 'c1', '大岭隧道', 'K1+0', 'occluded', '', "
                    ":found, '甲')"
                ),
                {"id": number, "found": found},
            )
        session.execute(
            text(
                "insert into video_fault_close (fault_id, closed_at, closed_by, note) values "
                "(1, '2026-11-25 03:00:00.000000', '乙', '已清洁镜头')"
            )
        )
    command.upgrade(config, "head")
    store = PatrolStore(sessions)
    closed, still_open = store.faults.faults()
    assert closed.origin is FaultOrigin.PATROL and closed.state is FaultState.VERIFIED
    ((state, at, operator, note),) = [
        (t.state, t.at, t.operator, t.note) for t in closed.transitions
    ]
    assert (state, operator, note) == (FaultState.VERIFIED, "乙", "已清洁镜头")
    assert at == closed.registered_at + 3 * HOUR
    assert closed.response.state(at) is ClockState.MISSED  # nothing recorded within 2 h
    assert closed.repair.state(at) is ClockState.MET
    assert still_open.state is FaultState.REGISTERED
    assert [f.id for f in store.faults.open_faults()] == [still_open.id]
    command.downgrade(config, "0007")
    assert count(sessions, "video_fault_close") == 1
    command.upgrade(config, "head")
