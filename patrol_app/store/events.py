"""Events (P-5) with their handling steps, and video faults (F-1). Append-only: a step, a
close is a row of its own (docs/PATROLS.md)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, exists, select
from sqlalchemy.orm import Session

from patrol_app.domain.events import StepKind
from patrol_app.domain.faults import FaultKind
from patrol_app.domain.records import EventStep, EventView, FaultView
from patrol_app.store.models import (
    PatrolCheck,
    PatrolEvent,
    PatrolEventStep,
    VideoFault,
    VideoFaultClose,
)
from patrol_app.store.patrol_base import PatrolRepository, PatrolStoreError, chunks, utc


class EventRepository(PatrolRepository):
    """Events found by the patrol (P-5) with their handling steps, and video faults (F-1)."""

    def add_event_step(
        self, event_id: int, kind: StepKind, detail: str, *, operator: str, now: datetime
    ) -> int:
        with self._write() as session:
            if session.get(PatrolEvent, event_id) is None:
                raise PatrolStoreError(f"事件 {event_id} 不存在")
            if session.scalar(select(_closed(PatrolEvent.id)).where(PatrolEvent.id == event_id)):
                raise PatrolStoreError(f"事件 {event_id} 已结束，不能再记录处置")
            return add_step(session, event_id, kind, detail, operator, now)

    def event(self, event_id: int) -> EventView:
        with self._read() as session:
            row = session.get(PatrolEvent, event_id)
            if row is None:
                raise PatrolStoreError(f"事件 {event_id} 不存在")
            return event_views(session, [row])[0]

    def open_events(self) -> list[EventView]:
        """Events without a CLOSE step, oldest first."""
        with self._read() as session:
            rows = session.scalars(
                select(PatrolEvent)
                .where(~_closed(PatrolEvent.id))
                .order_by(PatrolEvent.opened_at, PatrolEvent.id)
            ).all()
            return event_views(session, rows)

    def open_faults(self) -> list[FaultView]:
        """Faults not closed, oldest first."""
        closed = exists().where(VideoFaultClose.fault_id == VideoFault.id)
        with self._read() as session:
            rows = session.scalars(
                select(VideoFault).where(~closed).order_by(VideoFault.found_at, VideoFault.id)
            )
            return [fault_view(row, None) for row in rows]

    def close_fault(self, fault_id: int, *, note: str, closed_by: str, now: datetime) -> None:
        with self._write(PatrolStoreError(f"故障 {fault_id} 已关闭")) as session:
            if session.get(VideoFault, fault_id) is None:
                raise PatrolStoreError(f"故障 {fault_id} 不存在")
            if session.scalar(select(VideoFaultClose.id).filter_by(fault_id=fault_id)):
                raise PatrolStoreError(f"故障 {fault_id} 已关闭")
            session.add(
                VideoFaultClose(fault_id=fault_id, closed_at=now, closed_by=closed_by, note=note)
            )


def _closed(event_id: Any) -> ColumnElement[bool]:
    return exists().where(
        PatrolEventStep.event_id == event_id, PatrolEventStep.kind == StepKind.CLOSE.value
    )


def event_views(session: Session, rows: Sequence[PatrolEvent]) -> list[EventView]:
    steps: dict[int, list[EventStep]] = {row.id: [] for row in rows}
    ids = list(steps)
    snapshots: dict[int, str] = {}
    for chunk in chunks([row.check_id for row in rows]):
        query = select(PatrolCheck.id, PatrolCheck.snapshot).where(PatrolCheck.id.in_(chunk))
        snapshots.update((check_id, path) for check_id, path in session.execute(query))
    for chunk in chunks(ids):
        for step in session.scalars(
            select(PatrolEventStep)
            .where(PatrolEventStep.event_id.in_(chunk))
            .order_by(PatrolEventStep.at, PatrolEventStep.id)
        ):
            steps[step.event_id].append(
                EventStep(step.id, StepKind(step.kind), step.detail, step.operator, utc(step.at))
            )
    return [
        EventView(
            row.id,
            row.camera_num,
            row.camera_name,
            row.pile,
            row.check_id,
            utc(row.opened_at),
            row.opened_by,
            tuple(json.loads(row.items)),
            row.note,
            tuple(steps[row.id]),
            snapshots.get(row.check_id, ""),
        )
        for row in rows
    ]


def add_step(
    session: Session, event_id: int, kind: StepKind, detail: str, operator: str, at: datetime
) -> int:
    step = PatrolEventStep(
        event_id=event_id, kind=kind.value, detail=detail, operator=operator, at=at
    )
    session.add(step)
    session.flush()
    return step.id


def fault_view(row: VideoFault, closed_at: datetime | None) -> FaultView:
    return FaultView(
        row.id,
        row.camera_num,
        row.camera_name,
        row.pile,
        FaultKind(row.kind),
        row.note,
        utc(row.found_at),
        row.found_by,
        row.check_id,
        closed_at,
    )
