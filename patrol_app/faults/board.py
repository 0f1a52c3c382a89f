"""What the fault window shows at an instant (F-1..F-3): the open faults and work orders and
those closed lately, sorted by what is most pressing, and the filters of the fault list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from patrol_app.domain.faults import FaultKind, FaultQuery, FaultRecord, FaultState
from patrol_app.domain.work_orders import WorkOrderRecord
from patrol_app.store.patrols import PatrolStore

# How long a verified or cancelled fault, a closed work order, stays on the board.
CLOSED_SHOWN = timedelta(days=7)


@dataclass(frozen=True)
class FaultFilter:
    """The fault list's filter: a present state among ``states`` (any when empty), ``text``
    in the camera's number, name or pile, a kind among ``kinds`` (any when empty), overdue
    only."""

    states: frozenset[FaultState] = frozenset()
    text: str = ""
    kinds: frozenset[FaultKind] = frozenset()
    overdue_only: bool = False

    def matches(self, record: FaultRecord, now: datetime) -> bool:
        if self.states and record.state not in self.states:
            return False
        if self.kinds and record.kind not in self.kinds:
            return False
        text = self.text.strip().upper()
        where = f"{record.camera_num} {record.camera_name} {record.pile}".upper()
        if text and text not in where:
            return False
        return not self.overdue_only or record.overdue(now)


def urgency(record: FaultRecord, now: datetime) -> tuple[int, float, int]:
    """Sort key, most pressing first: overdue (longest overdue first), then running (the
    nearest deadline first), then awaiting verification, then closed (latest first)."""
    clock = record.running_clock()
    if clock is not None:
        return (0 if clock.overdue(now) else 1, clock.due_at.timestamp(), record.id)
    if record.open:
        return (2, (record.repaired_at or record.registered_at).timestamp(), record.id)
    closed = record.closed_at or record.registered_at
    return (3, -closed.timestamp(), -record.id)


@dataclass(frozen=True)
class FaultBoard:
    """The faults and work orders as they stood at ``at``, the most pressing first."""

    at: datetime
    faults: tuple[FaultRecord, ...] = ()
    orders: tuple[WorkOrderRecord, ...] = ()

    def overdue_faults(self) -> list[FaultRecord]:
        return [record for record in self.faults if record.overdue(self.at)]

    def overdue_orders(self) -> list[WorkOrderRecord]:
        return [order for order in self.orders if order.overdue(self.at)]

    def shown(self, chosen: FaultFilter) -> list[FaultRecord]:
        return [record for record in self.faults if chosen.matches(record, self.at)]

    def fault(self, fault_id: int) -> FaultRecord | None:
        return next((record for record in self.faults if record.id == fault_id), None)

    def order(self, order_id: int) -> WorkOrderRecord | None:
        return next((order for order in self.orders if order.id == order_id), None)


def load_board(
    store: PatrolStore, now: datetime, *, closed_shown: timedelta = CLOSED_SHOWN
) -> FaultBoard:
    """Blocking: the faults not closed before ``now - closed_shown`` and the work orders open
    or raised since then, sorted."""
    since = now - closed_shown
    faults = store.faults.faults(FaultQuery(start=since, alive=True))
    orders = {order.id: order for order in store.work_orders.work_orders(open_only=True)}
    orders.update((order.id, order) for order in store.work_orders.work_orders(since))
    return FaultBoard(
        at=now,
        faults=tuple(sorted(faults, key=lambda record: urgency(record, now))),
        orders=tuple(sorted(orders.values(), key=lambda order: _order_urgency(order, now))),
    )


def _order_urgency(order: WorkOrderRecord, now: datetime) -> tuple[int, float, int]:
    """Awaiting feedback (overdue first, then by deadline), then awaiting close, then
    closed (latest raised first)."""
    if order.feedback is None:
        return (0 if order.overdue(now) else 1, order.clock.due_at.timestamp(), order.id)
    if order.open:
        return (2, order.order.raised_at.timestamp(), order.id)
    return (3, -order.order.raised_at.timestamp(), -order.id)
