"""What the reports read that no other repository gives by period (R-1): the events opened
in a period with all their steps."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from patrol_app.domain.records import EventView
from patrol_app.store.events import event_views
from patrol_app.store.models import PatrolEvent
from patrol_app.store.patrol_base import PatrolRepository


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
