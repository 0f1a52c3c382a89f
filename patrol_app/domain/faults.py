"""Video faults found during patrols (F-1, spec 12.3.5)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from patrol_app.domain.labels import LabelledStr


class FaultKind(LabelledStr):
    """What keeps a camera from being patrolled (12.3.5)."""

    MISSING = "missing", "视频缺失"
    UNCONTROLLABLE = "uncontrollable", "不可控"
    OCCLUDED = "occluded", "图像遮挡"
    UNCLEAR = "unclear", "摄像头不清"
    JUMPING = "jumping", "画面跳动"


class FaultState(LabelledStr):
    """Where a fault stands (F-1, F-2): registered -> responded -> repaired -> verified, or
    cancelled with a reason. Each change is a new record row (append-only)."""

    REGISTERED = "registered", "已登记"
    RESPONDED = "responded", "已响应"
    REPAIRED = "repaired", "已修复"
    VERIFIED = "verified", "已验证"
    CANCELLED = "cancelled", "已撤销"


# F-2 (spec 10.3, 11.4): response within 2 h and repair within 48 h of the registration.
RESPONSE_LIMIT = timedelta(hours=2)
REPAIR_LIMIT = timedelta(hours=48)
# F-3 (spec 10.4): a work order for a failing indicator gets its feedback within 48 h.
FEEDBACK_LIMIT = timedelta(hours=48)


class FaultOrigin(LabelledStr):
    """Where a fault was registered from."""

    PATROL = "patrol", "巡查登记"
    MANUAL = "manual", "手工登记"
    INSPECTION = "inspection", "设备巡检"


OPEN_STATES = frozenset({FaultState.REGISTERED, FaultState.RESPONDED, FaultState.REPAIRED})
DONE_STATES = frozenset({FaultState.VERIFIED, FaultState.CANCELLED})

# The transitions an operator may make from each state (F-1). A cancel needs a reason.
NEXT_STATES: dict[FaultState, tuple[FaultState, ...]] = {
    FaultState.REGISTERED: (FaultState.RESPONDED, FaultState.CANCELLED),
    FaultState.RESPONDED: (FaultState.REPAIRED, FaultState.CANCELLED),
    FaultState.REPAIRED: (FaultState.VERIFIED, FaultState.CANCELLED),
    FaultState.VERIFIED: (),
    FaultState.CANCELLED: (),
}
# The states a fault has been responded to in, and repaired in: the clocks stop at the first
# transition into one of them. Rows migrated from the old close (docs/FAULTS.md) go straight
# to VERIFIED, which therefore stops both clocks too.
_RESPONDED = frozenset({FaultState.RESPONDED, FaultState.REPAIRED, FaultState.VERIFIED})
_REPAIRED = frozenset({FaultState.REPAIRED, FaultState.VERIFIED})


class TransitionError(ValueError):
    """A transition the rules refuse; the message is for the operator."""


class ClockState(LabelledStr):
    """Where a deadline stands (F-2, F-3)."""

    RUNNING = "running", "未到期"
    OVERDUE = "overdue", "已超时"
    MET = "met", "按时完成"
    MISSED = "missed", "超时完成"
    STOPPED = "stopped", "不计时"  # cancelled before it was done


@dataclass(frozen=True)
class Clock:
    """A deadline: ``due_at``; ``done_at`` when what it waits for was done; ``stopped_at``
    when the record ended (cancelled, closed) before that. Met when done at or before
    ``due_at`` (2 h 00 min still counts as within 2 h)."""

    due_at: datetime
    done_at: datetime | None = None
    stopped_at: datetime | None = None

    def state(self, now: datetime) -> ClockState:
        if self.done_at is not None:
            return ClockState.MET if self.done_at <= self.due_at else ClockState.MISSED
        if self.stopped_at is not None:
            return ClockState.STOPPED
        return ClockState.RUNNING if now <= self.due_at else ClockState.OVERDUE

    def left(self, now: datetime) -> timedelta | None:
        """Time left until ``due_at`` while the clock runs (negative: overdue by that much);
        None once it is done or stopped."""
        if self.done_at is not None or self.stopped_at is not None:
            return None
        return self.due_at - now

    def overdue(self, now: datetime) -> bool:
        return self.state(now) is ClockState.OVERDUE

    @property
    def met(self) -> bool | None:
        """Whether it was done in time; None while not done (running, overdue, stopped)."""
        if self.done_at is None:
            return None
        return self.done_at <= self.due_at


@dataclass(frozen=True)
class FaultTransition:
    """One change of a fault's state (a row of its own, append-only)."""

    id: int
    state: FaultState
    at: datetime
    operator: str
    note: str


@dataclass(frozen=True)
class FaultRecord:
    """A fault with every transition it went through, oldest first (F-1, F-2); its clocks
    are computed from them. What the fault list, the fault report, the repair request and
    the history read."""

    id: int
    camera_num: str
    camera_name: str
    pile: str
    kind: FaultKind
    note: str
    registered_at: datetime
    registered_by: str
    check_id: int | None
    origin: FaultOrigin
    transitions: tuple[FaultTransition, ...] = ()

    @property
    def state(self) -> FaultState:
        return self.transitions[-1].state if self.transitions else FaultState.REGISTERED

    @property
    def open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def closed_at(self) -> datetime | None:
        """When it was verified or cancelled."""
        last = self.transitions[-1] if self.transitions else None
        return last.at if last is not None and last.state in DONE_STATES else None

    def reached(self, states: frozenset[FaultState]) -> FaultTransition | None:
        """The first transition into one of ``states``."""
        return next((each for each in self.transitions if each.state in states), None)

    @property
    def responded_at(self) -> datetime | None:
        first = self.reached(_RESPONDED)
        return None if first is None else first.at

    @property
    def repaired_at(self) -> datetime | None:
        first = self.reached(_REPAIRED)
        return None if first is None else first.at

    @property
    def cancelled(self) -> FaultTransition | None:
        return self.reached(frozenset({FaultState.CANCELLED}))

    @property
    def response(self) -> Clock:
        """Responded within RESPONSE_LIMIT (2 h) of the registration (F-2)."""
        stopped = self.cancelled
        return Clock(
            self.registered_at + RESPONSE_LIMIT,
            self.responded_at,
            None if stopped is None else stopped.at,
        )

    @property
    def repair(self) -> Clock:
        """Repaired within REPAIR_LIMIT (48 h) of the registration (F-2)."""
        stopped = self.cancelled
        return Clock(
            self.registered_at + REPAIR_LIMIT,
            self.repaired_at,
            None if stopped is None else stopped.at,
        )

    def running_clock(self) -> Clock | None:
        """The clock an open fault is now held to: the response until responded, then the
        repair; None once repaired (awaiting verification) or closed."""
        if not self.open or self.repaired_at is not None:
            return None
        return self.response if self.responded_at is None else self.repair

    def overdue(self, now: datetime) -> bool:
        """Open and past a deadline it has not met yet."""
        clock = self.running_clock()
        return clock is not None and clock.overdue(now)

    def next_states(self) -> tuple[FaultState, ...]:
        return NEXT_STATES[self.state]


def check_transition(record: FaultRecord, state: FaultState, note: str, at: datetime) -> None:
    """Refuse what the rules do not allow: a transition not next from the fault's state, a
    cancel without a reason, a time before the fault's last change."""
    if state not in NEXT_STATES[record.state]:
        raise TransitionError(
            f"故障 {record.id} 当前为“{record.state.label}”，不能改为“{state.label}”"
        )
    if state is FaultState.CANCELLED and not note.strip():
        raise TransitionError("撤销故障须填写原因")
    last = record.transitions[-1].at if record.transitions else record.registered_at
    if at < last:
        raise TransitionError(f"故障 {record.id} 的状态变更时间不能早于上一次变更")


@dataclass(frozen=True)
class FaultQuery:
    """Which faults to read. ``start``/``end``: registered in [start, end), or, with
    ``alive``, not closed before ``start`` and registered before ``end`` (the faults a
    period's report covers); ``states``: their present state among these (any when empty);
    ``camera_num``, ``kinds``: of this camera, of these kinds."""

    start: datetime | None = None
    end: datetime | None = None
    alive: bool = False
    states: frozenset[FaultState] = frozenset()
    camera_num: str | None = None
    kinds: frozenset[FaultKind] = frozenset()
