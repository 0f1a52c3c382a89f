"""What the reports read that no other repository gives by period (R-1, R-4): the events
opened in a period with their steps, and the video faults alive during a period."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select

from patrol_app.domain.records import EventView, FaultView
from patrol_app.store.events import event_views, fault_view
from patrol_app.store.models import PatrolEvent, VideoFault, VideoFaultClose
from patrol_app.store.patrol_base import PatrolRepository, PatrolStoreError, utc


class ReportRepository(PatrolRepository):
    """Period reads for the reports; blocking, like every repository."""

    def events(self, start: datetime, end: datetime) -> list[EventView]:
        """Events opened in [start, end), oldest first, with all their steps."""
        with self._read() as session:
            rows = session.scalars(
                select(PatrolEvent)
                .where(PatrolEvent.opened_at >= start, PatrolEvent.opened_at < end)
                .order_by(PatrolEvent.opened_at, PatrolEvent.id)
            ).all()
            return event_views(session, rows)

    def faults(self, start: datetime, end: datetime) -> list[FaultView]:
        """Faults registered before ``end`` and not closed before ``start``, oldest first."""
        with self._read() as session:
            rows = session.execute(
                select(VideoFault, VideoFaultClose.closed_at)
                .outerjoin(VideoFaultClose, VideoFaultClose.fault_id == VideoFault.id)
                .where(
                    VideoFault.found_at < end,
                    or_(VideoFaultClose.closed_at.is_(None), VideoFaultClose.closed_at >= start),
                )
                .order_by(VideoFault.found_at, VideoFault.id)
            ).all()
            return [
                fault_view(row, None if closed is None else utc(closed)) for row, closed in rows
            ]

    def fault(self, fault_id: int) -> FaultView:
        """One fault; PatrolStoreError when there is none."""
        with self._read() as session:
            row = session.get(VideoFault, fault_id)
            if row is None:
                raise PatrolStoreError(f"故障 {fault_id} 不存在")
            closed = session.scalar(
                select(VideoFaultClose.closed_at).where(VideoFaultClose.fault_id == fault_id)
            )
            return fault_view(row, None if closed is None else utc(closed))
