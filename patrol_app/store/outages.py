"""Platform outages as the workstation saw them (issue 11): one record per outage.

Append-only like every record: ``begin`` writes the outage when the platform stops answering,
``end`` writes its end. Kept for the records' retention period, as the patrol records they
explain (a round that paused, cameras that could not be patrolled).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, select

from patrol_app.store.database import Repository
from patrol_app.store.models import PlatformOutage, PlatformOutageEnd
from patrol_app.store.retention import MIN_RETENTION


class OutageStore(Repository):
    """Every method is one transaction (blocking: the UI calls it through its task runner)."""

    _subject = "平台中断记录"

    def begin(self, *, started_at: datetime, operator: str, platform: str, detail: str) -> int:
        """Record an outage that started at ``started_at``; its id, for ``end``."""
        with self._write() as session:
            row = PlatformOutage(
                started_at=started_at, operator=operator, platform=platform, detail=detail
            )
            session.add(row)
            session.flush()
            return row.id

    def end(self, outage_id: int, ended_at: datetime) -> None:
        with self._write() as session:
            session.add(PlatformOutageEnd(outage_id=outage_id, ended_at=ended_at))

    def purge_expired(self, now: datetime, retention: timedelta) -> int:
        """Delete the outages that ended before ``now - retention`` (never under a year)."""
        if retention < MIN_RETENTION:
            raise ValueError(f"记录保存期不得少于 {MIN_RETENTION.days} 天")
        cutoff = now - retention
        with self._write() as session:
            ended = session.scalars(
                select(PlatformOutageEnd.outage_id).where(PlatformOutageEnd.ended_at < cutoff)
            ).all()
            if not ended:
                return 0
            session.execute(delete(PlatformOutageEnd).where(PlatformOutageEnd.outage_id.in_(ended)))
            session.execute(delete(PlatformOutage).where(PlatformOutage.id.in_(ended)))
            return 2 * len(ended)
