"""Work orders (工单, F-3, spec 10.4, 11.2): the video-cloud management unit raises one against
the section for a failing key indicator; the section gives its feedback within 48 h
(FEEDBACK_LIMIT), then the order is closed. Each change is a row of its own (append-only)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from patrol_app.domain.faults import FEEDBACK_LIMIT, Clock, TransitionError
from patrol_app.domain.labels import LabelledStr


class Indicator(LabelledStr):
    """The key indicators the management unit checks (10.4, 11.2)."""

    ONLINE_RATE = "online_rate", "在线率"
    ACCESS_RATE = "access_rate", "接入率"
    VIDEO_QUALITY = "video_quality", "图像质量"
    OTHER = "other", "其他"


class WorkOrderState(LabelledStr):
    RAISED = "raised", "已下发"
    FEEDBACK = "feedback", "已反馈"
    CLOSED = "closed", "已关闭"


NEXT_ORDER_STATES: dict[WorkOrderState, tuple[WorkOrderState, ...]] = {
    WorkOrderState.RAISED: (WorkOrderState.FEEDBACK,),
    WorkOrderState.FEEDBACK: (WorkOrderState.CLOSED,),
    WorkOrderState.CLOSED: (),
}


@dataclass(frozen=True)
class WorkOrderInput:
    """A work order as it is raised: by hand now, from the online rate later (camera
    health). ``road``/``road_sec``: the section (as the camera directory names it);
    ``value``: the indicator's failing figure as given ("92.5%"); ``reference``: the
    management unit's number for the order, when it has one."""

    road: str
    road_sec: str
    indicator: Indicator
    value: str
    detail: str
    raised_at: datetime
    raised_by: str
    reference: str = ""


@dataclass(frozen=True)
class WorkOrderTransition:
    id: int
    state: WorkOrderState
    at: datetime
    operator: str
    note: str  # the feedback given, or why it was closed


@dataclass(frozen=True)
class WorkOrderRecord:
    """A work order with its transitions, oldest first, and its feedback clock."""

    id: int
    order: WorkOrderInput
    transitions: tuple[WorkOrderTransition, ...] = ()

    @property
    def state(self) -> WorkOrderState:
        return self.transitions[-1].state if self.transitions else WorkOrderState.RAISED

    @property
    def open(self) -> bool:
        return self.state is not WorkOrderState.CLOSED

    @property
    def feedback(self) -> WorkOrderTransition | None:
        return next((t for t in self.transitions if t.state is WorkOrderState.FEEDBACK), None)

    @property
    def clock(self) -> Clock:
        """Feedback within FEEDBACK_LIMIT (48 h) of the order (F-3)."""
        given = self.feedback
        return Clock(self.order.raised_at + FEEDBACK_LIMIT, None if given is None else given.at)

    def overdue(self, now: datetime) -> bool:
        return self.open and self.clock.overdue(now)

    def next_states(self) -> tuple[WorkOrderState, ...]:
        return NEXT_ORDER_STATES[self.state]


def check_order_transition(
    record: WorkOrderRecord, state: WorkOrderState, note: str, at: datetime
) -> None:
    """Refuse a transition not next from the order's state, a feedback without its text, a
    time before the order's last change."""
    if state not in NEXT_ORDER_STATES[record.state]:
        raise TransitionError(
            f"工单 {record.id} 当前为“{record.state.label}”，不能改为“{state.label}”"
        )
    if state is WorkOrderState.FEEDBACK and not note.strip():
        raise TransitionError("反馈工单须填写反馈情况")
    last = record.transitions[-1].at if record.transitions else record.order.raised_at
    if at < last:
        raise TransitionError(f"工单 {record.id} 的状态变更时间不能早于上一次变更")


def check_order_input(order: WorkOrderInput) -> None:
    """Refuse an order without its section or what fails."""
    if not order.road.strip() or not order.road_sec.strip():
        raise TransitionError("工单须指明路段")
    if not order.value.strip() and not order.detail.strip():
        raise TransitionError("工单须填写不合格的指标值或情况说明")
