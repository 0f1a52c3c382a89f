"""Work orders (F-3): raised against the section for a failing key indicator, their feedback
and their close, each change a row of work_order_transition."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from patrol_app.domain.faults import TransitionError
from patrol_app.domain.work_orders import (
    Indicator,
    WorkOrderInput,
    WorkOrderRecord,
    WorkOrderState,
    WorkOrderTransition,
    check_order_input,
    check_order_transition,
)
from patrol_app.store.fault_tables import WorkOrderRow, WorkOrderTransitionRow
from patrol_app.store.patrol_base import PatrolRepository, PatrolStoreError, chunks, utc


class WorkOrderRepository(PatrolRepository):
    """Work orders and their transitions."""

    _subject = "工单记录"

    def raise_work_order(self, order: WorkOrderInput) -> WorkOrderRecord:
        """Record a work order (state RAISED; its feedback is due FEEDBACK_LIMIT after
        ``order.raised_at``). By hand from the fault window, or from the online rate."""
        try:
            check_order_input(order)
        except TransitionError as error:
            raise PatrolStoreError(str(error)) from error
        with self._write() as session:
            row = WorkOrderRow(
                road=order.road.strip(),
                road_sec=order.road_sec.strip(),
                indicator=order.indicator.value,
                value=order.value.strip(),
                detail=order.detail.strip(),
                reference=order.reference.strip(),
                raised_at=order.raised_at,
                raised_by=order.raised_by,
            )
            session.add(row)
            session.flush()
            return _record(row, [])

    def work_order(self, order_id: int) -> WorkOrderRecord:
        with self._read() as session:
            row = session.get(WorkOrderRow, order_id)
            if row is None:
                raise PatrolStoreError(f"工单 {order_id} 不存在")
            return _records(session, [row])[0]

    def work_orders(
        self,
        start: datetime | None = None,
        end: datetime | None = None,
        *,
        open_only: bool = False,
    ) -> list[WorkOrderRecord]:
        """The orders raised in [start, end) (open or not), oldest first."""
        statement = select(WorkOrderRow).order_by(WorkOrderRow.raised_at, WorkOrderRow.id)
        if start is not None:
            statement = statement.where(WorkOrderRow.raised_at >= start)
        if end is not None:
            statement = statement.where(WorkOrderRow.raised_at < end)
        if open_only:
            statement = statement.where(
                ~exists().where(
                    WorkOrderTransitionRow.order_id == WorkOrderRow.id,
                    WorkOrderTransitionRow.state == WorkOrderState.CLOSED.value,
                )
            )
        with self._read() as session:
            return _records(session, session.scalars(statement).all())

    def transition_work_order(
        self, order_id: int, state: WorkOrderState, *, note: str, operator: str, now: datetime
    ) -> WorkOrderRecord:
        conflict = PatrolStoreError(f"工单 {order_id} 刚被其他人更新，请刷新后再试")
        with self._write(conflict) as session:
            row = session.get(WorkOrderRow, order_id)
            if row is None:
                raise PatrolStoreError(f"工单 {order_id} 不存在")
            record = _records(session, [row])[0]
            try:
                check_order_transition(record, state, note, now)
            except TransitionError as error:
                raise PatrolStoreError(str(error)) from error
            session.add(
                WorkOrderTransitionRow(
                    order_id=order_id,
                    seq=len(record.transitions) + 1,
                    state=state.value,
                    at=now,
                    operator=operator,
                    note=note.strip(),
                )
            )
            session.flush()
            return _records(session, [row])[0]


def _records(session: Session, rows: Sequence[WorkOrderRow]) -> list[WorkOrderRecord]:
    changes: dict[int, list[WorkOrderTransition]] = {row.id: [] for row in rows}
    for chunk in chunks(list(changes)):
        for change in session.scalars(
            select(WorkOrderTransitionRow)
            .where(WorkOrderTransitionRow.order_id.in_(chunk))
            .order_by(WorkOrderTransitionRow.order_id, WorkOrderTransitionRow.seq)
        ):
            changes[change.order_id].append(
                WorkOrderTransition(
                    change.id,
                    WorkOrderState(change.state),
                    utc(change.at),
                    change.operator,
                    change.note,
                )
            )
    return [_record(row, changes[row.id]) for row in rows]


def _record(row: WorkOrderRow, changes: Sequence[WorkOrderTransition]) -> WorkOrderRecord:
    order = WorkOrderInput(
        road=row.road,
        road_sec=row.road_sec,
        indicator=Indicator(row.indicator),
        value=row.value,
        detail=row.detail,
        raised_at=utc(row.raised_at),
        raised_by=row.raised_by,
        reference=row.reference,
    )
    return WorkOrderRecord(row.id, order, tuple(changes))
