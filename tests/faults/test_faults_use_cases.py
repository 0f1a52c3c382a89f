"""The fault window's use cases (F-1..F-3) on a real store, the time passed in: registering
(once per open fault of a kind), the board's order and filters, the overdue news told once
per clock."""

from __future__ import annotations

import subprocess
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from patrol_app.domain.faults import FaultKind, FaultOrigin, FaultState
from patrol_app.domain.patrols import BEIJING
from patrol_app.domain.work_orders import Indicator, WorkOrderInput, WorkOrderState
from patrol_app.faults.actions import (
    FaultRegistration,
    change_fault,
    change_work_order,
    raise_work_order,
    register_fault,
)
from patrol_app.faults.board import FaultFilter, load_board
from patrol_app.faults.reminders import OverdueWatch
from patrol_app.faults.repair import repair_request_pdf
from patrol_app.store.patrol_base import PatrolStoreError
from patrol_app.store.patrols import PatrolStore
from tests.patrols.helpers import camera

T0 = datetime(2026, 11, 30, 22, 0, tzinfo=BEIJING)
HOUR = timedelta(hours=1)
OPERATOR = "值班员甲"


def registration(camera: str, kind: FaultKind = FaultKind.OCCLUDED) -> FaultRegistration:
    piles = {"c1": "K1844+650", "c2": "K1846+120", "c3": "K1850+000"}
    return FaultRegistration(camera, f"大岭隧道{camera}", piles[camera], kind, " 镜头脏污 ")


def test_a_camera_gets_one_open_fault_of_a_kind(patrol_store: PatrolStore) -> None:
    first = register_fault(patrol_store, registration("c1"), operator=OPERATOR, now=T0)
    assert (first.note, first.origin, first.state) == (
        "镜头脏污",
        FaultOrigin.MANUAL,
        FaultState.REGISTERED,
    )
    with pytest.raises(
        PatrolStoreError, match=f"K1844\\+650 已有未关闭的“图像遮挡”故障（编号 {first.id}）"
    ):
        register_fault(patrol_store, registration("c1"), operator=OPERATOR, now=T0 + HOUR)
    other = register_fault(
        patrol_store, registration("c1", FaultKind.JUMPING), operator=OPERATOR, now=T0 + HOUR
    )
    change_fault(
        patrol_store, first.id, FaultState.CANCELLED, note="重复", operator=OPERATOR, now=T0 + HOUR
    )
    again = register_fault(patrol_store, registration("c1"), operator=OPERATOR, now=T0 + 2 * HOUR)
    assert len({first.id, other.id, again.id}) == 3


def test_the_board_puts_the_most_pressing_first_and_filters(patrol_store: PatrolStore) -> None:
    late = register_fault(patrol_store, registration("c1"), operator=OPERATOR, now=T0)
    fresh = register_fault(patrol_store, registration("c2"), operator=OPERATOR, now=T0 + 2 * HOUR)
    done = register_fault(patrol_store, registration("c3"), operator=OPERATOR, now=T0)
    for state in (FaultState.RESPONDED, FaultState.REPAIRED, FaultState.VERIFIED):
        change_fault(patrol_store, done.id, state, note="", operator=OPERATOR, now=T0 + HOUR)
    now = T0 + 3 * HOUR  # 01:00 on 1 December: the first fault's response is 1 h overdue
    board = load_board(patrol_store, now)
    assert [record.id for record in board.faults] == [late.id, fresh.id, done.id]
    assert [record.id for record in board.overdue_faults()] == [late.id]
    assert [r.id for r in board.shown(FaultFilter(overdue_only=True))] == [late.id]
    assert [r.id for r in board.shown(FaultFilter(text="k1846"))] == [fresh.id]
    assert [r.id for r in board.shown(FaultFilter(text="c3"))] == [done.id]
    verified = FaultFilter(states=frozenset({FaultState.VERIFIED}))
    assert [r.id for r in board.shown(verified)] == [done.id]
    assert board.shown(FaultFilter(kinds=frozenset({FaultKind.MISSING}))) == []
    a_week_later = load_board(patrol_store, T0 + timedelta(days=8))
    assert [record.id for record in a_week_later.faults] == [late.id, fresh.id]


def test_each_clock_going_overdue_is_told_once(patrol_store: PatrolStore) -> None:
    fault = register_fault(patrol_store, registration("c1"), operator=OPERATOR, now=T0)
    order = raise_work_order(
        patrol_store,
        WorkOrderInput("G4", "京珠北段", Indicator.ONLINE_RATE, "92%", "", T0, OPERATOR),
    )
    watch = OverdueWatch()
    assert not watch.update(load_board(patrol_store, T0 + HOUR))
    news = watch.update(load_board(patrol_store, T0 + 2 * HOUR + timedelta(minutes=1)))
    assert [record.id for record in news.faults] == [fault.id] and news.orders == ()
    assert not watch.update(load_board(patrol_store, T0 + 3 * HOUR))
    change_fault(
        patrol_store, fault.id, FaultState.RESPONDED, note="", operator=OPERATOR, now=T0 + 3 * HOUR
    )
    news = watch.update(load_board(patrol_store, T0 + 49 * HOUR))  # repair and feedback late
    assert [r.id for r in news.faults] == [fault.id] and [o.id for o in news.orders] == [order.id]
    change_work_order(
        patrol_store,
        order.id,
        WorkOrderState.FEEDBACK,
        note="已抢修光缆",
        operator=OPERATOR,
        now=T0 + 50 * HOUR,
    )
    board = load_board(patrol_store, T0 + 51 * HOUR)
    assert board.overdue_orders() == [] and not watch.update(board)


def test_a_repair_request_is_a_pdf_of_the_fault_and_its_camera(
    patrol_store: PatrolStore, tmp_path: Path
) -> None:
    fault = register_fault(patrol_store, registration("c1"), operator=OPERATOR, now=T0)
    change_fault(
        patrol_store, fault.id, FaultState.RESPONDED, note="已通知", operator=OPERATOR, now=T0
    )
    entry = camera("c1", "G4（京港澳高速）…K1844+650（上行）（路面）", "K1844+650")
    document = repair_request_pdf(patrol_store, fault.id, entry, operator="值班员乙", now=T0 + HOUR)
    assert document.number == f"BX20261130-{fault.id:05d}"
    (tmp_path / "repair.pdf").write_bytes(document.pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "repair.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for shown in ("报修单", document.number, "K1844+650", "图像遮挡", "已响应", "值班员乙"):
        assert shown in text, shown
    with pytest.raises(PatrolStoreError, match="不存在"):
        repair_request_pdf(patrol_store, fault.id + 9, None, operator=OPERATOR, now=T0)
