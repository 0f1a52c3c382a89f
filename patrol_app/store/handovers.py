"""Shift handovers (P-7)."""

from __future__ import annotations

from datetime import datetime

from pydantic import TypeAdapter
from sqlalchemy import Select, select

from patrol_app.domain.patrols import BEIJING
from patrol_app.domain.records import HandoverContent, HandoverView
from patrol_app.store.models import Handover, HandoverAccept
from patrol_app.store.patrol_base import PatrolRepository, PatrolStoreError, utc

# The content is kept as JSON, as it was when handed over; rows written by the former
# hand-written codec (times as ISO text with their offset) read the same.
_CONTENT = TypeAdapter(HandoverContent)


class HandoverRepository(PatrolRepository):
    """Shift handovers (P-7): the content kept as it was handed over; an acceptance is a row
    of its own."""

    def hand_over(self, outgoing: str, content: HandoverContent, *, now: datetime) -> HandoverView:
        with self._write() as session:
            row = Handover(
                created_at=now, outgoing=outgoing, content=_CONTENT.dump_json(content).decode()
            )
            session.add(row)
            session.flush()
            return HandoverView(row.id, utc(now), outgoing, content, None, None)

    def accept_handover(self, handover_id: int, incoming: str, *, now: datetime) -> None:
        with self._write(PatrolStoreError(f"交接班 {handover_id} 已被接班")) as session:
            if session.get(Handover, handover_id) is None:
                raise PatrolStoreError(f"交接班 {handover_id} 不存在")
            accepted = session.scalar(select(HandoverAccept).filter_by(handover_id=handover_id))
            if accepted is not None:
                at = utc(accepted.accepted_at).astimezone(BEIJING)
                raise PatrolStoreError(
                    f"交接班 {handover_id} 已由 {accepted.incoming} 于 {at:%Y-%m-%d %H:%M} 接班"
                )
            session.add(HandoverAccept(handover_id=handover_id, incoming=incoming, accepted_at=now))

    def pending_handover(self) -> HandoverView | None:
        """The latest handover when it is not yet accepted (an older one left unaccepted is
        superseded by the later handovers)."""
        latest = self.last_handover()
        return latest if latest is not None and latest.incoming is None else None

    def last_handover(self) -> HandoverView | None:
        with self._read() as session:
            found = session.execute(
                _with_acceptance().order_by(Handover.created_at.desc(), Handover.id.desc()).limit(1)
            ).first()
        return None if found is None else _view(found[0], found[1])

    def handover(self, handover_id: int) -> HandoverView:
        with self._read() as session:
            found = session.execute(_with_acceptance().where(Handover.id == handover_id)).first()
        if found is None:
            raise PatrolStoreError(f"交接班 {handover_id} 不存在")
        return _view(found[0], found[1])


def _with_acceptance() -> Select[Handover, HandoverAccept]:
    return select(Handover, HandoverAccept).outerjoin(
        HandoverAccept, HandoverAccept.handover_id == Handover.id
    )


def _view(row: Handover, accepted: HandoverAccept | None) -> HandoverView:
    return HandoverView(
        row.id,
        utc(row.created_at),
        row.outgoing,
        _CONTENT.validate_json(row.content),
        None if accepted is None else accepted.incoming,
        None if accepted is None else utc(accepted.accepted_at),
    )
