"""Events (P-5) with their handling steps. Append-only: a step, a close is a row of its own
(docs/PATROLS.md). Video faults are in store/faults.py."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, exists, select
from sqlalchemy.orm import Session

from patrol_app.domain.events import StepKind
from patrol_app.domain.records import EventStep, EventView
from patrol_app.store.models import (
    PatrolCheck,
    PatrolEvent,
    PatrolEventStep,
)
from patrol_app.store.patrol_base import PatrolRepository, PatrolStoreError, chunks, utc


class EventRepository(PatrolRepository):
    """Events found by the patrol (P-5) with their handling steps."""

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
