"""The history of the records (P-6): every kind of record of a period, filtered by pile range,
camera, operator and kind, in time order, a page at a time (a year never reaches the
screen at once). Read-only: nothing here writes."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any, TypeAlias, TypeVar

from sqlalchemy import ColumnElement, Select, and_, exists, func, literal, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session, aliased

from patrol_app.domain.events import CheckOutcome, StepKind
from patrol_app.domain.faults import FaultKind, FaultState
from patrol_app.domain.history import (
    PAGE_SIZE,
    HistoryFilter,
    HistoryKind,
    HistoryPage,
    HistoryPosition,
    HistoryRow,
    PileRange,
)
from patrol_app.domain.inspections import CameraCheck
from patrol_app.domain.patrols import BEIJING
from patrol_app.store.fault_tables import FaultTransitionRow
from patrol_app.store.inspection_tables import InspectionCamera, InspectionCameraInfo
from patrol_app.store.inspections import failed_checks
from patrol_app.store.models import (
    EquipmentInspection,
    Handover,
    HandoverAccept,
    PatrolCheck,
    PatrolEvent,
    PatrolEventStep,
    PatrolRecordRow,
    VideoFault,
)
from patrol_app.store.patrol_base import PatrolRepository, utc

Column = InstrumentedAttribute[Any]
FEW_PILES = 10  # piles of a range read one by one (see _checks; bench/history.py)
AnySelect: TypeAlias = "Select[*tuple[Any, ...]]"
Query = TypeVar("Query", bound=AnySelect)


class HistoryRepository(PatrolRepository):
    """Finds past records of every kind; a search reads at most ``limit`` + 1 rows of each
    kind it covers, from the time and pile indexes of migration 0011."""

    def page(
        self,
        search: HistoryFilter,
        after: HistoryPosition | None = None,
        limit: int = PAGE_SIZE,
    ) -> HistoryPage:
        """The first ``limit`` records matching ``search`` after ``after`` (from the start
        of the period when None), in time order (then kind, then id)."""
        if limit < 1:
            raise ValueError(f"a page holds at least one row, not {limit}")
        found: list[HistoryRow] = []
        with self._read() as session:
            number = bool(search.camera) and _a_camera_number(session, search.camera)
            for kind in search.searched_kinds:
                window = _Window(search, kind, after, limit, camera_number=number)
                found += _READERS[kind](session, window)
        found.sort(key=lambda row: row.position)
        return HistoryPage(tuple(found[:limit]), len(found) > limit)


class _Window:
    """The part of one kind's rows a page reads: the period, after the previous page, the
    filters on the record's own columns, in order, ``limit`` + 1 rows."""

    def __init__(
        self,
        search: HistoryFilter,
        kind: HistoryKind,
        after: HistoryPosition | None,
        limit: int,
        *,
        camera_number: bool = False,
    ) -> None:
        """``camera_number``: the camera filter is a camera's number, not a part of a name."""
        self.search = search
        self.kind = kind
        self.after = after
        self.limit = limit
        self.camera_number = camera_number

    def apply(
        self,
        query: Query,
        at: Column,
        key: Column,
        *,
        operator: Sequence[Column],
        camera: tuple[Column, Column, Column] | None = None,
        pile: int | None = None,
        line: Column | None = None,
    ) -> Query:
        """``at``, ``key``: the record's time and id; ``operator``: who may have made it;
        ``camera``: its camera number, name and pile in metres; ``pile``: only this pile of
        the range (in metres); ``line``: the line within the record (an inspection's
        camera)."""
        search = self.search
        conditions: list[ColumnElement[bool]] = [at >= search.start, at < search.end]
        if self.after is not None:
            conditions.append(_after(at, key, line, self.kind.rank, self.after))
        if search.operator:
            conditions.append(or_(*(column == search.operator for column in operator)))
        if camera is not None:
            number, name, metres = camera
            if self.camera_number:  # the (camera_num, time) indexes serve it
                conditions.append(number == search.camera)
            elif search.camera:
                conditions.append(name.contains(search.camera, autoescape=True))
            if pile is not None:
                conditions.append(metres == pile)
            elif search.piles is not None:
                conditions.append(
                    metres.between(search.piles.start.metres, search.piles.end.metres)
                )
        order = (at, key) if line is None else (at, key, line)
        return query.where(*conditions).order_by(*order).limit(self.limit + 1)


def _a_camera_number(session: Session, text: str) -> bool:
    """Whether ``text`` is the number of a camera with checks or faults (an index seek
    each; events come from checks); then it is searched as that camera, else as a part of
    cameras' names."""
    for number in (PatrolCheck.camera_num, VideoFault.camera_num, InspectionCamera.camera_num):
        if session.scalar(select(number).where(number == text).limit(1)) is not None:
            return True
    return False


def _after(
    at: Column, key: Column, line: Column | None, rank: int, after: HistoryPosition
) -> ColumnElement[bool]:
    """Rows listed after ``after``: later, or at the same time of a later kind, id or line.
    Written as a range on the time (``at >= ...``) that the time indexes serve."""
    if rank > after.rank:
        return at >= after.at
    if rank < after.rank:
        return at > after.at
    later = key > after.id
    if line is not None:
        later = or_(later, and_(key == after.id, line > after.line))
    return and_(at >= after.at, or_(at > after.at, later))


def _text(parts: Sequence[str]) -> str:
    return "；".join(part for part in parts if part)


def _records(session: Session, window: _Window) -> list[HistoryRow]:
    row = PatrolRecordRow
    query = window.apply(select(row), row.period_start, row.id, operator=[row.personnel])
    found = []
    for record in session.scalars(query):
        start, end = utc(record.period_start), utc(record.period_end)
        period = f"{start.astimezone(BEIJING):%H:%M}–{end.astimezone(BEIJING):%H:%M}"
        pile = f"交接桩号 {record.handover_pile}" if record.handover_pile else ""
        found.append(
            HistoryRow(
                HistoryKind.PATROL_RECORD,
                record.id,
                start,
                record.personnel,
                _text([f"巡查时段 {period}", pile]),
            )
        )
    return found


def _checks(session: Session, window: _Window) -> list[HistoryRow]:
    """The checks of the window. A narrow pile range (a few piles: a camera, a junction)
    finds the page's checks pile by pile in the (pile_metres, checked_at) index, reading
    only the index (time and id), then reads those checks whole; so a year of one camera
    does not scan a year of the section. A wider range reads the period in time order, where
    its cameras' checks are dense enough. (The databases' planners cannot tell the two cases
    apart: SQLite's keeps no statistics on value ranges.)"""
    check = PatrolCheck
    if window.search.piles is not None:
        piles = _piles_within(session, window.search.piles, FEW_PILES + 1)
        if len(piles) <= FEW_PILES:
            found = [
                (at, key)
                for pile in piles
                for at, key in session.execute(
                    _about_camera(
                        window,
                        select(check.checked_at, check.id),
                        check,
                        check.checked_at,
                        check.operator,
                        pile,
                    )
                )
            ]
            ids = [key for _, key in sorted(found)[: window.limit + 1]]
            return _check_rows(
                session,
                lambda query: query.where(check.id.in_(ids)).order_by(check.checked_at, check.id),
            )
    return _check_rows(
        session,
        lambda query: _about_camera(window, query, check, check.checked_at, check.operator),
    )


def _piles_within(session: Session, piles: PileRange, most: int) -> list[int]:
    """Up to ``most`` distinct piles (metres) of checks within ``piles``: one index seek each
    (a recursive CTE stepping from one value to the next), not a read of the range."""
    check = PatrolCheck
    low, high = piles.start.metres, piles.end.metres
    first = select(func.min(check.pile_metres)).where(check.pile_metres.between(low, high))
    found = select(first.scalar_subquery().label("metres"), literal(1).label("n")).cte(
        "piles", recursive=True
    )
    following = (
        select(func.min(check.pile_metres))
        .where(check.pile_metres > found.c.metres, check.pile_metres <= high)
        .scalar_subquery()
    )
    found = found.union_all(
        select(following, found.c.n + 1).where(found.c.metres.is_not(None), found.c.n < most)
    )
    query = select(found.c.metres).where(found.c.metres.is_not(None)).order_by(found.c.metres)
    return list(session.scalars(query))


def _check_rows(session: Session, narrow: Callable[[AnySelect], AnySelect]) -> list[HistoryRow]:
    """The checks ``narrow`` keeps (and orders), whole."""
    check = PatrolCheck
    correction = aliased(PatrolCheck)
    corrected_by = (
        select(func.min(correction.id))
        .where(correction.corrects_id == check.id)
        .correlate(check)
        .scalar_subquery()
    )
    query = narrow(
        select(
            check.id,
            check.checked_at,
            check.operator,
            check.camera_num,
            check.camera_name,
            check.pile,
            check.outcome,
            check.note,
            check.items,
            check.corrects_id,
            corrected_by,
        )
    )
    return [
        HistoryRow(
            HistoryKind.CHECK,
            key,
            utc(at),
            operator,
            _text([CheckOutcome(outcome).label, note]),
            number,
            name,
            pile_text,
            tuple(json.loads(items)),
            corrects,
            later,
        )
        for key, at, operator, number, name, pile_text, outcome, note, items, corrects, later in (
            session.execute(query)
        )
    ]


def _about_camera(
    window: _Window,
    query: Query,
    record: type[PatrolCheck | PatrolEvent | VideoFault],
    at: Column,
    by: Column,
    pile: int | None = None,
) -> Query:
    """``window`` on a record of one camera: its number, name and pile in metres."""
    camera = (record.camera_num, record.camera_name, record.pile_metres)
    return window.apply(query, at, record.id, operator=[by], camera=camera, pile=pile)


def _events(session: Session, window: _Window) -> list[HistoryRow]:
    event = PatrolEvent
    closed = (
        exists()
        .where(PatrolEventStep.event_id == event.id, PatrolEventStep.kind == StepKind.CLOSE.value)
        .correlate(event)
    )
    query = _about_camera(window, select(event, closed), event, event.opened_at, event.opened_by)
    return [
        HistoryRow(
            HistoryKind.EVENT,
            row.id,
            utc(row.opened_at),
            row.opened_by,
            _text(["已结束" if is_closed else "处置中", row.note]),
            row.camera_num,
            row.camera_name,
            row.pile,
            tuple(json.loads(row.items)),
        )
        for row, is_closed in session.execute(query)
    ]


def _faults(session: Session, window: _Window) -> list[HistoryRow]:
    """Faults with where they stand: their latest transition (F-1)."""
    fault = VideoFault
    latest = (
        select(FaultTransitionRow.state)
        .where(FaultTransitionRow.fault_id == fault.id)
        .order_by(FaultTransitionRow.seq.desc())
        .limit(1)
        .correlate(fault)
        .scalar_subquery()
    )
    query = _about_camera(window, select(fault, latest), fault, fault.found_at, fault.found_by)
    return [
        HistoryRow(
            HistoryKind.FAULT,
            row.id,
            utc(row.found_at),
            row.found_by,
            _text(
                [
                    FaultState(state or FaultState.REGISTERED).label,
                    FaultKind(row.kind).label,
                    row.note,
                ]
            ),
            row.camera_num,
            row.camera_name,
            row.pile,
        )
        for row, state in session.execute(query)
    ]


def _handovers(session: Session, window: _Window) -> list[HistoryRow]:
    query = window.apply(
        select(Handover, HandoverAccept).outerjoin(
            HandoverAccept, HandoverAccept.handover_id == Handover.id
        ),
        Handover.created_at,
        Handover.id,
        operator=[Handover.outgoing, HandoverAccept.incoming],
    )
    return [
        HistoryRow(
            HistoryKind.HANDOVER,
            row.id,
            utc(row.created_at),
            row.outgoing,
            f"{row.outgoing} → {accepted.incoming}" if accepted else f"{row.outgoing} → 待接班",
        )
        for row, accepted in session.execute(query)
    ]


def _inspections(session: Session, window: _Window) -> list[HistoryRow]:
    row = EquipmentInspection
    query = window.apply(select(row), row.at, row.id, operator=[row.operator])
    found = []
    for inspection in session.scalars(query):
        # {area: [ok, text(, picture)]}, as store/inspections.py writes it
        failed = sum(1 for result in json.loads(inspection.results).values() if not result[0])
        state = f"{failed} 项异常" if failed else "全部正常"
        found.append(
            HistoryRow(
                HistoryKind.INSPECTION,
                inspection.id,
                utc(inspection.at),
                inspection.operator,
                _text([state, inspection.note]),
            )
        )
    return found


def _camera_inspections(session: Session, window: _Window) -> list[HistoryRow]:
    """The cameras' lines of the inspections (P-8, R-2), at their inspection's time. A narrow
    pile range reads its few cameras' lines on the (camera_num, inspection_id) index rather
    than every line of the period's inspections (a daily inspection has a line per camera)."""
    line, info, inspection = InspectionCamera, InspectionCameraInfo, EquipmentInspection
    few: list[str] | None = None
    if window.search.piles is not None and not window.camera_number:
        low, high = window.search.piles.start.metres, window.search.piles.end.metres
        within = select(info.camera_num).where(info.pile_metres.between(low, high)).distinct()
        few = list(session.scalars(within.limit(FEW_PILES + 1)))
        if len(few) > FEW_PILES:
            few = None
    query = window.apply(
        select(
            line.inspection_id,
            line.seq,
            line.failed,
            line.note,
            inspection.at,
            inspection.operator,
            line.camera_num,
            info.name,
            info.pile,
        )
        .join(inspection, inspection.id == line.inspection_id)
        .join(info, info.id == line.info_id),
        inspection.at,
        line.inspection_id,
        operator=[inspection.operator],
        camera=(line.camera_num, info.name, info.pile_metres),
        line=line.seq,
    )
    if few is not None:
        query = query.where(line.camera_num.in_(few))
    found = []
    for key, seq, mask, note, at, operator, number, name, pile in session.execute(query):
        failed = failed_checks(mask)
        names = "、".join(check.label for check in CameraCheck if check in failed)
        outcome = f"未通过：{names}" if failed else "通过"
        found.append(
            HistoryRow(
                HistoryKind.CAMERA_INSPECTION,
                key,
                utc(at),
                operator,
                _text([outcome, note]),
                number,
                name,
                pile,
                line=seq,
            )
        )
    return found


_READERS: dict[HistoryKind, Callable[[Session, _Window], list[HistoryRow]]] = {
    HistoryKind.PATROL_RECORD: _records,
    HistoryKind.CHECK: _checks,
    HistoryKind.EVENT: _events,
    HistoryKind.FAULT: _faults,
    HistoryKind.HANDOVER: _handovers,
    HistoryKind.INSPECTION: _inspections,
    HistoryKind.CAMERA_INSPECTION: _camera_inspections,
}
