"""The fault and work-order clocks at their boundaries (F-2, F-3): a response within 2 h, a
repair within 48 h of the registration, a work order's feedback within 48 h; in Beijing time
across a day change and a month change, the time passed in."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from patrol_app.domain.faults import (
    ClockState,
    FaultKind,
    FaultOrigin,
    FaultRecord,
    FaultState,
    FaultTransition,
    TransitionError,
    check_transition,
)
from patrol_app.domain.patrols import BEIJING
from patrol_app.domain.work_orders import (
    Indicator,
    WorkOrderInput,
    WorkOrderRecord,
    WorkOrderState,
    WorkOrderTransition,
    check_order_transition,
)

MINUTE = timedelta(minutes=1)
HOUR = timedelta(hours=1)
# Registered late in the evening, Beijing time: the 2 h response falls on the next day, and
# on the first of the next month for the second one.
DAY_CHANGE = datetime(2026, 12, 5, 23, 0, tzinfo=BEIJING)
MONTH_CHANGE = datetime(2026, 11, 30, 23, 30, tzinfo=BEIJING)
REGISTRATIONS = pytest.mark.parametrize(
    "registered", [DAY_CHANGE, MONTH_CHANGE], ids=["day-change", "month-change"]
)


def fault(registered: datetime, *changes: tuple[FaultState, datetime]) -> FaultRecord:
    return FaultRecord(
        id=7,
        camera_num="44000000001310000123",
        camera_name="京港澳高速北江特大桥",
        pile="K1850+000",
        kind=FaultKind.UNCLEAR,
        note="",
        registered_at=registered,
        registered_by="值班员甲",
        check_id=None,
        origin=FaultOrigin.MANUAL,
        transitions=tuple(
            FaultTransition(number, state, at, "值班员乙", "")
            for number, (state, at) in enumerate(changes, start=1)
        ),
    )


@REGISTRATIONS
def test_the_deadlines_are_2_h_and_48_h_after_the_registration(registered: datetime) -> None:
    record = fault(registered)
    response_due = record.response.due_at.astimezone(BEIJING)
    repair_due = record.repair.due_at.astimezone(BEIJING)
    assert response_due == registered + 2 * HOUR
    assert response_due.date() == registered.date() + timedelta(days=1)
    assert repair_due == registered + 48 * HOUR
    if registered is MONTH_CHANGE:
        assert (response_due.month, response_due.day) == (12, 1)
        assert (repair_due.month, repair_due.day, repair_due.hour) == (12, 2, 23)


@REGISTRATIONS
def test_responded_at_1_h_59_min_is_met_at_2_h_01_min_missed(registered: datetime) -> None:
    early = fault(registered, (FaultState.RESPONDED, registered + 2 * HOUR - MINUTE))
    late = fault(registered, (FaultState.RESPONDED, registered + 2 * HOUR + MINUTE))
    on_the_dot = fault(registered, (FaultState.RESPONDED, registered + 2 * HOUR))
    later = registered + 3 * HOUR
    assert early.response.state(later) is ClockState.MET and early.response.met is True
    assert late.response.state(later) is ClockState.MISSED and late.response.met is False
    assert on_the_dot.response.met is True  # "within 2 h" includes 2 h 00 min
    assert early.response.left(later) is None


@REGISTRATIONS
def test_an_unanswered_fault_runs_then_is_overdue_at_2_h(registered: datetime) -> None:
    record = fault(registered)
    before, after = registered + 2 * HOUR - MINUTE, registered + 2 * HOUR + MINUTE
    assert record.response.state(before) is ClockState.RUNNING
    assert record.response.left(before) == MINUTE and not record.overdue(before)
    assert record.response.state(registered + 2 * HOUR) is ClockState.RUNNING
    assert record.response.state(after) is ClockState.OVERDUE
    assert record.response.left(after) == -MINUTE and record.overdue(after)
    assert record.running_clock() == record.response


@REGISTRATIONS
def test_repaired_at_47_h_59_min_is_met_at_48_h_01_min_missed(registered: datetime) -> None:
    responded = (FaultState.RESPONDED, registered + HOUR)
    early = fault(registered, responded, (FaultState.REPAIRED, registered + 48 * HOUR - MINUTE))
    late = fault(registered, responded, (FaultState.REPAIRED, registered + 48 * HOUR + MINUTE))
    later = registered + 50 * HOUR
    assert early.repair.state(later) is ClockState.MET
    assert late.repair.state(later) is ClockState.MISSED
    assert early.running_clock() is None and not late.overdue(later)  # awaits verification


@REGISTRATIONS
def test_a_responded_fault_is_held_to_the_repair_clock(registered: datetime) -> None:
    record = fault(registered, (FaultState.RESPONDED, registered + HOUR))
    before, after = registered + 48 * HOUR - MINUTE, registered + 48 * HOUR + MINUTE
    assert record.running_clock() == record.repair
    assert record.repair.state(before) is ClockState.RUNNING and not record.overdue(before)
    assert record.repair.left(before) == MINUTE
    assert record.repair.state(after) is ClockState.OVERDUE and record.overdue(after)


def test_a_cancelled_fault_stops_its_clocks_but_keeps_what_was_met() -> None:
    registered = MONTH_CHANGE
    record = fault(
        registered,
        (FaultState.RESPONDED, registered + HOUR),
        (FaultState.CANCELLED, registered + 3 * HOUR),
    )
    later = registered + 60 * HOUR
    assert record.state is FaultState.CANCELLED and not record.open
    assert record.closed_at == registered + 3 * HOUR
    assert record.response.state(later) is ClockState.MET
    assert record.repair.state(later) is ClockState.STOPPED
    assert not record.overdue(later) and record.running_clock() is None


def test_the_transitions_the_rules_allow() -> None:
    at = DAY_CHANGE + HOUR
    registered = fault(DAY_CHANGE)
    assert registered.next_states() == (FaultState.RESPONDED, FaultState.CANCELLED)
    check_transition(registered, FaultState.RESPONDED, "", at)
    check_transition(registered, FaultState.CANCELLED, "误报", at)
    with pytest.raises(TransitionError, match="须填写原因"):
        check_transition(registered, FaultState.CANCELLED, " ", at)
    with pytest.raises(TransitionError, match="不能改为“已修复”"):
        check_transition(registered, FaultState.REPAIRED, "", at)
    with pytest.raises(TransitionError, match="不能早于"):
        check_transition(registered, FaultState.RESPONDED, "", DAY_CHANGE - MINUTE)
    verified = fault(
        DAY_CHANGE,
        (FaultState.RESPONDED, at),
        (FaultState.REPAIRED, at),
        (FaultState.VERIFIED, at),
    )
    assert verified.state is FaultState.VERIFIED and verified.next_states() == ()
    with pytest.raises(TransitionError, match="当前为“已验证”"):
        check_transition(verified, FaultState.CANCELLED, "重复", at)


def test_an_old_close_migrated_as_verified_stops_both_clocks() -> None:
    """What migration 0008 makes of a video_fault_close row: one VERIFIED transition."""
    record = fault(MONTH_CHANGE, (FaultState.VERIFIED, MONTH_CHANGE + 3 * HOUR))
    assert record.responded_at == record.repaired_at == MONTH_CHANGE + 3 * HOUR
    assert record.response.met is False and record.repair.met is True


def order(raised: datetime, *changes: tuple[WorkOrderState, datetime]) -> WorkOrderRecord:
    return WorkOrderRecord(
        3,
        WorkOrderInput("G4", "京珠北段", Indicator.ONLINE_RATE, "92.5%", "", raised, "值班员甲"),
        tuple(
            WorkOrderTransition(number, state, at, "值班员甲", "已反馈")
            for number, (state, at) in enumerate(changes, start=1)
        ),
    )


@pytest.mark.parametrize(
    "raised",
    [datetime(2026, 12, 4, 22, 0, tzinfo=BEIJING), datetime(2026, 11, 29, 23, 30, tzinfo=BEIJING)],
    ids=["day-change", "month-change"],
)
def test_a_work_orders_feedback_at_48_h_is_in_time(raised: datetime) -> None:
    due = raised + 48 * HOUR
    open_order = order(raised)
    assert open_order.clock.due_at.astimezone(BEIJING) == due
    assert open_order.clock.state(due) is ClockState.RUNNING and not open_order.overdue(due)
    assert open_order.overdue(due + MINUTE)
    assert order(raised, (WorkOrderState.FEEDBACK, due)).clock.met is True
    late = order(raised, (WorkOrderState.FEEDBACK, due + MINUTE))
    assert late.clock.state(due + HOUR) is ClockState.MISSED and not late.overdue(due + HOUR)
    closed = order(raised, (WorkOrderState.FEEDBACK, due), (WorkOrderState.CLOSED, due + HOUR))
    assert not closed.open and closed.next_states() == ()
    with pytest.raises(TransitionError, match="须填写反馈"):
        check_order_transition(open_order, WorkOrderState.FEEDBACK, "", due)
