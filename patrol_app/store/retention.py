"""Retention of the patrol records (docs/PATROLS.md): what goes after the retention period."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, exists, select
from sqlalchemy.orm import aliased
from sqlalchemy.orm.util import AliasedClass

from patrol_app.domain.events import StepKind
from patrol_app.domain.faults import DONE_STATES
from patrol_app.domain.work_orders import WorkOrderState
from patrol_app.store.fault_tables import (
    FaultTransitionRow,
    WorkOrderRow,
    WorkOrderTransitionRow,
)
from patrol_app.store.inspection_tables import InspectionCamera, InspectionCameraHandling
from patrol_app.store.lists import warning_chains
from patrol_app.store.models import (
    EquipmentInspection,
    Handover,
    HandoverAccept,
    PatrolCheck,
    PatrolEvent,
    PatrolEventStep,
    PatrolListChange,
    PatrolRecordRow,
    PatrolRound,
    VideoFault,
    WeatherWarningRow,
)
from patrol_app.store.patrol_base import PatrolRepository, chunks, delete_rows

MIN_RETENTION = timedelta(days=366)


class RetentionRepository(PatrolRepository):
    """Deleting the patrol records past their retention: the only deletes of these tables."""

    def purge_expired(self, now: datetime, retention: timedelta) -> int:
        """Delete the records whose time is older than ``now - retention`` (never under
        MIN_RETENTION); returns the number of rows deleted.

        What goes: closed events (closed before the cutoff) with their steps; faults verified or
        cancelled and work orders closed before the cutoff, with their transitions;
        accepted handovers; inspections; list changes superseded before the cutoff; ended
        warnings (every version); checks older than the cutoff that no kept event, fault or
        correction refers to; closed rounds with their records and checks, when every check
        of the round goes. Open events, faults and work orders, pending handovers, unclosed
        rounds and each camera's current list entry stay, whatever their age.
        """
        if retention < MIN_RETENTION:
            raise ValueError(
                f"巡查记录保存期不得少于 {MIN_RETENTION.days} 天，收到 {retention.days} 天"
            )
        cutoff = now - retention
        with self._write() as session:
            deleted = 0

            def purge(model: Any, column: Any, ids: Sequence[int]) -> None:
                nonlocal deleted
                for chunk in chunks(ids):
                    deleted += delete_rows(session, model, column.in_(chunk))

            events = session.scalars(
                select(PatrolEventStep.event_id)
                .where(PatrolEventStep.kind == StepKind.CLOSE.value, PatrolEventStep.at < cutoff)
                .distinct()
                .order_by(PatrolEventStep.event_id)
            ).all()
            purge(PatrolEventStep, PatrolEventStep.event_id, events)
            purge(PatrolEvent, PatrolEvent.id, events)

            faults = session.scalars(
                select(FaultTransitionRow.fault_id)
                .where(
                    FaultTransitionRow.state.in_([state.value for state in DONE_STATES]),
                    FaultTransitionRow.at < cutoff,
                )
                .distinct()
                .order_by(FaultTransitionRow.fault_id)
            ).all()
            purge(FaultTransitionRow, FaultTransitionRow.fault_id, faults)
            purge(VideoFault, VideoFault.id, faults)

            orders = session.scalars(
                select(WorkOrderTransitionRow.order_id)
                .where(
                    WorkOrderTransitionRow.state == WorkOrderState.CLOSED.value,
                    WorkOrderTransitionRow.at < cutoff,
                )
                .distinct()
                .order_by(WorkOrderTransitionRow.order_id)
            ).all()
            purge(WorkOrderTransitionRow, WorkOrderTransitionRow.order_id, orders)
            purge(WorkOrderRow, WorkOrderRow.id, orders)

            handovers = session.scalars(
                select(HandoverAccept.handover_id)
                .where(HandoverAccept.accepted_at < cutoff)
                .order_by(HandoverAccept.handover_id)
            ).all()
            purge(HandoverAccept, HandoverAccept.handover_id, handovers)
            purge(Handover, Handover.id, handovers)

            inspections = session.scalars(
                select(EquipmentInspection.id)
                .where(EquipmentInspection.at < cutoff)
                .order_by(EquipmentInspection.id)
            ).all()
            purge(InspectionCameraHandling, InspectionCameraHandling.inspection_id, inspections)
            purge(InspectionCamera, InspectionCamera.inspection_id, inspections)
            purge(EquipmentInspection, EquipmentInspection.id, inspections)

            newer = aliased(PatrolListChange)
            superseded = (
                exists()
                .where(
                    newer.camera_num == PatrolListChange.camera_num,
                    newer.id > PatrolListChange.id,
                    newer.changed_at < cutoff,
                )
                .correlate(PatrolListChange)
            )
            deleted += delete_rows(
                session, PatrolListChange, PatrolListChange.changed_at < cutoff, superseded
            )

            ended = [
                row.id
                for chain in warning_chains(session)
                if chain[-1].ends_at is not None and chain[-1].ends_at < cutoff
                for row in chain
            ]
            purge(WeatherWarningRow, WeatherWarningRow.id, sorted(ended, reverse=True))

            blocking = aliased(PatrolCheck)
            rounds = session.scalars(
                select(PatrolRound.id)
                .join(PatrolRecordRow, PatrolRecordRow.round_id == PatrolRound.id)
                .where(
                    PatrolRecordRow.recorded_at < cutoff,
                    ~exists()
                    .where(blocking.round_id == PatrolRound.id, ~_removable(blocking, cutoff))
                    .correlate(PatrolRound),
                )
                .order_by(PatrolRound.id)
            ).all()
            deleted += delete_rows(
                session,
                PatrolCheck,
                PatrolCheck.round_id.is_(None),
                _removable(PatrolCheck, cutoff),
            )
            purge(PatrolCheck, PatrolCheck.round_id, rounds)
            purge(PatrolRecordRow, PatrolRecordRow.round_id, rounds)
            purge(PatrolRound, PatrolRound.id, rounds)
            return deleted


def _removable(
    check: type[PatrolCheck] | AliasedClass[PatrolCheck], cutoff: datetime
) -> ColumnElement[bool]:
    """A check older than ``cutoff`` that no event, fault or kept correction refers to."""
    correction = aliased(PatrolCheck)
    return (
        (check.checked_at < cutoff)
        & ~exists().where(PatrolEvent.check_id == check.id).correlate(check)
        & ~exists().where(VideoFault.check_id == check.id).correlate(check)
        & ~exists()
        .where(correction.corrects_id == check.id, correction.checked_at >= cutoff)
        .correlate(check)
    )
