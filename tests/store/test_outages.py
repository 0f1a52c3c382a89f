"""Platform outages (issue 11): one record per outage and its end, append-only, kept for the
records' retention period and never less than a year; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from patrol_app.store.models import PlatformOutage, PlatformOutageEnd
from patrol_app.store.outages import OutageStore
from patrol_app.store.retention import MIN_RETENTION

NOW = datetime(2026, 12, 5, 14, 0, tzinfo=UTC)


def _outage(store: OutageStore, start: datetime, minutes: float | None) -> int:
    outage = store.begin(
        started_at=start, operator="值班员甲", platform="http://127.0.0.1:8640", detail="无应答"
    )
    if minutes is not None:
        store.end(outage, start + timedelta(minutes=minutes))
    return outage


def test_an_outage_and_its_end_are_two_rows_read_back_as_written(
    sessions: sessionmaker[Session],
) -> None:
    store = OutageStore(sessions)
    outage = _outage(store, NOW, 3)
    with sessions() as session:
        row = session.get(PlatformOutage, outage)
        end = session.scalar(select(PlatformOutageEnd))
    assert row is not None and end is not None
    assert (row.started_at, row.operator, row.detail) == (NOW, "值班员甲", "无应答")
    assert (end.outage_id, end.ended_at) == (outage, NOW + timedelta(minutes=3))


def test_purge_keeps_open_and_recent_outages_and_refuses_under_a_year(
    sessions: sessionmaker[Session],
) -> None:
    store = OutageStore(sessions)
    retention = timedelta(days=400)
    old = _outage(store, NOW - timedelta(days=401), 5)
    kept = _outage(store, NOW - timedelta(days=399), 5)
    still_open = _outage(store, NOW - timedelta(days=500), None)
    with pytest.raises(ValueError, match="不得少于 366 天"):
        store.purge_expired(NOW, MIN_RETENTION - timedelta(days=1))
    assert store.purge_expired(NOW, retention) == 2
    with sessions() as session:
        left = set(session.scalars(select(PlatformOutage.id)))
    assert left == {kept, still_open} and old not in left
