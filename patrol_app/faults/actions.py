"""Registering a fault and moving faults and work orders on (F-1..F-3): blocking store
writes, called by the fault window through its task runner, and by whoever raises work
orders (the camera-health work, from the online rate)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from patrol_app.domain.faults import (
    FaultKind,
    FaultOrigin,
    FaultRecord,
    FaultState,
)
from patrol_app.domain.work_orders import WorkOrderInput, WorkOrderRecord, WorkOrderState
from patrol_app.store.patrols import PatrolStore


@dataclass(frozen=True)
class FaultRegistration:
    """A fault as the operator registers it: from a tile (its camera), by hand (a camera
    picked from the directory), from an inspection finding."""

    camera_num: str
    camera_name: str
    pile: str
    kind: FaultKind
    note: str = ""
    origin: FaultOrigin = FaultOrigin.MANUAL


def register_fault(
    store: PatrolStore, registration: FaultRegistration, *, operator: str, now: datetime
) -> FaultRecord:
    """Blocking: register the fault; refused when the camera already has an open fault of
    that kind (the store's rule)."""
    return store.faults.register_fault(
        registration.camera_num,
        registration.camera_name,
        registration.pile,
        registration.kind,
        registration.note.strip(),
        operator=operator,
        now=now,
        origin=registration.origin,
    )


def change_fault(
    store: PatrolStore,
    fault_id: int,
    state: FaultState,
    *,
    note: str,
    operator: str,
    now: datetime,
) -> FaultRecord:
    """Blocking: the fault moves to ``state`` (a new row); refused (PatrolStoreError, in
    Chinese) when the rules do not allow it."""
    return store.faults.transition_fault(fault_id, state, note=note, operator=operator, now=now)


def raise_work_order(store: PatrolStore, order: WorkOrderInput) -> WorkOrderRecord:
    """Blocking: record a work order raised against the section (by hand, or from the
    online rate); its feedback is due within 48 h."""
    return store.work_orders.raise_work_order(order)


def change_work_order(
    store: PatrolStore,
    order_id: int,
    state: WorkOrderState,
    *,
    note: str,
    operator: str,
    now: datetime,
) -> WorkOrderRecord:
    """Blocking: the feedback given (its text in ``note``), or the order closed."""
    return store.work_orders.transition_work_order(
        order_id, state, note=note, operator=operator, now=now
    )
