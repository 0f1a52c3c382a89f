"""Video faults followed to repair (F-1, F-2): registration, the changes of state (each a row
of video_fault_transition), and the reads of the fault list, the reports and the history."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Select, exists, select
from sqlalchemy.orm import Session

from patrol_app.domain.faults import (
    DONE_STATES,
    FaultKind,
    FaultOrigin,
    FaultQuery,
    FaultRecord,
    FaultState,
    FaultTransition,
    TransitionError,
    check_transition,
)
from patrol_app.domain.pile import pile_metres
from patrol_app.domain.records import FaultView
from patrol_app.store.fault_tables import FaultTransitionRow, TransitionRow
from patrol_app.store.models import VideoFault
from patrol_app.store.patrol_base import PatrolRepository, PatrolStoreError, chunks, utc


class FaultRepository(PatrolRepository):
    """Video faults and their transitions."""

    _subject = "故障记录"

    def register_fault(
        self,
        camera_num: str,
        camera_name: str,
        pile: str,
        kind: FaultKind,
        note: str,
        *,
        operator: str,
        now: datetime,
        origin: FaultOrigin = FaultOrigin.MANUAL,
        check_id: int | None = None,
    ) -> FaultRecord:
        """Register a fault (state REGISTERED, its clocks start at ``now``), unless the camera
        has an open fault of that kind: the same fault registered twice (from a tile, by
        hand, from an inspection) would count twice in the fault report. A check of a round
        records its fault through ``insert_fault`` whatever is open: a check is never lost."""
        if not camera_num.strip():
            raise PatrolStoreError("登记故障须选择摄像机")
        with self._write() as session:
            same = session.scalars(
                select(VideoFault).where(
                    VideoFault.camera_num == camera_num, VideoFault.kind == kind.value
                )
            ).all()
            for record in _records(session, same):
                if record.open:
                    place = pile or camera_name or camera_num
                    raise PatrolStoreError(
                        f"{place} 已有未关闭的“{kind.label}”故障（编号 {record.id}），无需重复登记"
                    )
            row = insert_fault(
                session,
                camera_num=camera_num,
                camera_name=camera_name,
                pile=pile,
                kind=kind,
                note=note,
                operator=operator,
                at=now,
                origin=origin,
                check_id=check_id,
            )
            return _record(row, [])

    def fault(self, fault_id: int) -> FaultRecord:
        with self._read() as session:
            row = session.get(VideoFault, fault_id)
            if row is None:
                raise PatrolStoreError(f"故障 {fault_id} 不存在")
            return _records(session, [row])[0]

    def faults(self, query: FaultQuery | None = None) -> list[FaultRecord]:
        """The faults ``query`` selects (all of them without one), oldest first."""
        query = query if query is not None else FaultQuery()
        with self._read() as session:
            rows = session.scalars(_select(query)).all()
            records = _records(session, rows)
        if query.states:
            records = [record for record in records if record.state in query.states]
        return records

    def open_faults(self) -> list[FaultView]:
        """The faults neither verified nor cancelled, oldest first (the snapshot, the
        handover, the camera tree)."""
        done = [state.value for state in DONE_STATES]
        closed = exists().where(
            FaultTransitionRow.fault_id == VideoFault.id, FaultTransitionRow.state.in_(done)
        )
        with self._read() as session:
            rows = session.scalars(
                select(VideoFault).where(~closed).order_by(VideoFault.found_at, VideoFault.id)
            )
            return [fault_view(row) for row in rows]

    def transition_fault(
        self, fault_id: int, state: FaultState, *, note: str, operator: str, now: datetime
    ) -> FaultRecord:
        """Move the fault to ``state`` (a new row); refused with a message for the operator
        when the rules do not allow it or someone else changed the fault meanwhile."""
        conflict = PatrolStoreError(f"故障 {fault_id} 刚被其他人更新，请刷新后再试")
        with self._write(conflict) as session:
            row = session.get(VideoFault, fault_id)
            if row is None:
                raise PatrolStoreError(f"故障 {fault_id} 不存在")
            record = _records(session, [row])[0]
            try:
                check_transition(record, state, note, now)
            except TransitionError as error:
                raise PatrolStoreError(str(error)) from error
            change = FaultTransitionRow(
                fault_id=fault_id,
                seq=len(record.transitions) + 1,
                state=state.value,
                at=now,
                operator=operator,
                note=note.strip(),
            )
            session.add(change)
            session.flush()
            return _records(session, [row])[0]


def insert_fault(
    session: Session,
    *,
    camera_num: str,
    camera_name: str,
    pile: str,
    kind: FaultKind,
    note: str,
    operator: str,
    at: datetime,
    origin: FaultOrigin,
    check_id: int | None = None,
) -> VideoFault:
    """A fault's registration row, in the caller's transaction (a check that registers a
    fault, an inspection finding)."""
    row = VideoFault(
        camera_num=camera_num,
        camera_name=camera_name,
        pile=pile,
        kind=kind.value,
        note=note,
        found_at=at,
        found_by=operator,
        check_id=check_id,
        origin=origin.value,
        pile_metres=pile_metres(pile),  # the history's pile ranges (P-6, migration 0011)
    )
    session.add(row)
    session.flush()
    return row


def _select(query: FaultQuery) -> Select[VideoFault]:
    statement = select(VideoFault).order_by(VideoFault.found_at, VideoFault.id)
    if query.alive:
        if query.start is not None:
            done = [state.value for state in DONE_STATES]
            closed_before = exists().where(
                FaultTransitionRow.fault_id == VideoFault.id,
                FaultTransitionRow.state.in_(done),
                FaultTransitionRow.at < query.start,
            )
            statement = statement.where(~closed_before)
    elif query.start is not None:
        statement = statement.where(VideoFault.found_at >= query.start)
    if query.end is not None:
        statement = statement.where(VideoFault.found_at < query.end)
    if query.camera_num is not None:
        statement = statement.where(VideoFault.camera_num == query.camera_num)
    if query.kinds:
        statement = statement.where(VideoFault.kind.in_([kind.value for kind in query.kinds]))
    return statement


def _records(session: Session, rows: Sequence[VideoFault]) -> list[FaultRecord]:
    changes = transition_rows(session, FaultTransitionRow, [row.id for row in rows])
    return [
        _record(
            row,
            [
                FaultTransition(c.id, FaultState(c.state), utc(c.at), c.operator, c.note)
                for c in changes.get(row.id, [])
            ],
        )
        for row in rows
    ]


def transition_rows(
    session: Session, model: type[TransitionRow], owners: Sequence[int]
) -> dict[int, list[TransitionRow]]:
    """{owner id: its transition rows in order} of a fault's or a work order's table."""
    owner = model.owner_column()
    rows: dict[int, list[TransitionRow]] = {}
    for chunk in chunks(list(owners)):
        for change in session.scalars(
            select(model).where(owner.in_(chunk)).order_by(owner, model.seq)
        ):
            rows.setdefault(change.owner_id, []).append(change)
    return rows


def _record(row: VideoFault, changes: Sequence[FaultTransition]) -> FaultRecord:
    return FaultRecord(
        id=row.id,
        camera_num=row.camera_num,
        camera_name=row.camera_name,
        pile=row.pile,
        kind=FaultKind(row.kind),
        note=row.note,
        registered_at=utc(row.found_at),
        registered_by=row.found_by,
        check_id=row.check_id,
        origin=FaultOrigin(row.origin),
        transitions=tuple(changes),
    )


def fault_view(row: VideoFault) -> FaultView:
    """The short view of an open fault the snapshot and the handover keep."""
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
        None,
    )
