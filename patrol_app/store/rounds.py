"""Patrol rounds and checks (P-4..P-6): a check and what it opens are one transaction."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import ColumnElement, Table, exists, func, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from patrol_app.domain.events import CheckOutcome, StepKind
from patrol_app.domain.faults import FaultKind, FaultOrigin
from patrol_app.domain.patrols import BEIJING
from patrol_app.domain.pile import pile_metres
from patrol_app.domain.records import (
    CheckInput,
    CheckSaved,
    CheckView,
    FirstStep,
    PatrolRecord,
    RoundState,
)
from patrol_app.store.events import add_step
from patrol_app.store.faults import insert_fault
from patrol_app.store.models import (
    CameraLastPatrol,
    PatrolCheck,
    PatrolEvent,
    PatrolEventStep,
    PatrolRecordRow,
    PatrolRound,
)
from patrol_app.store.patrol_base import PatrolRepository, PatrolStoreError, dump, utc

UNPLAYABLE_NOTE = "无法播放"


class RoundRepository(PatrolRepository):
    """Patrol rounds, the checks of a camera (in a round or not) with the event or fault
    they open, the patrol record that closes a round (P-6), and when each camera was last
    checked."""

    def start_round(self, operator: str, planned: Sequence[str], now: datetime) -> RoundState:
        with self._write() as session:
            row = PatrolRound(operator=operator, started_at=now, planned=dump(list(planned)))
            session.add(row)
            session.flush()
            return RoundState(row.id, operator, utc(now), tuple(planned), (), None)

    def open_round(self, operator: str) -> RoundState | None:
        """``operator``'s latest round not yet closed (to resume it after a crash)."""
        with self._read() as session:
            round_id = session.scalar(
                select(PatrolRound.id)
                .where(PatrolRound.operator == operator, ~_has_record(PatrolRound.id))
                .order_by(PatrolRound.started_at.desc(), PatrolRound.id.desc())
                .limit(1)
            )
            return None if round_id is None else _round_state(session, round_id)

    def round_state(self, round_id: int) -> RoundState:
        with self._read() as session:
            return _round_state(session, round_id)

    def check(self, check_id: int) -> CheckView:
        with self._read() as session:
            row = session.get(PatrolCheck, check_id)
            if row is None:
                raise PatrolStoreError(f"巡查确认 {check_id} 不存在")
            return _check(row)

    def record(self, record_id: int) -> PatrolRecord:
        """The patrol record ``record_id`` (P-6)."""
        with self._read() as session:
            row = session.get(PatrolRecordRow, record_id)
            if row is None:
                raise PatrolStoreError(f"巡查记录 {record_id} 不存在")
            return _record(row)

    def record_check(self, check: CheckInput, first_step: FirstStep | None = None) -> CheckSaved:
        """Store the check and, in the same transaction, the event it opens (ANOMALY) with
        ``first_step`` when given, or the fault it registers (FAULT; UNPLAYABLE as video
        missing): all of them or nothing."""
        if check.outcome is CheckOutcome.FAULT and check.fault_kind is None:
            raise PatrolStoreError("登记视频故障时须选择故障类型")
        if first_step is not None and check.outcome is not CheckOutcome.ANOMALY:
            raise ValueError(f"a {check.outcome.value} check opens no event to record a step on")
        with self._write() as session:
            if check.round_id is not None:
                _open_round_row(session, check.round_id)
            if check.corrects is not None:
                _corrected_row(session, check)
            metres = pile_metres(check.pile)
            row = PatrolCheck(
                round_id=check.round_id,
                camera_num=check.camera_num,
                camera_name=check.camera_name,
                pile=check.pile,
                outcome=check.outcome.value,
                operator=check.operator,
                checked_at=check.checked_at,
                checklist_version=check.checklist_version,
                items=dump(list(check.items)),
                note=check.note,
                snapshot=check.snapshot,
                fault_kind=None if check.fault_kind is None else check.fault_kind.value,
                presets=dump(list(check.presets)),
                corrects_id=check.corrects,
                pile_metres=metres,
            )
            session.add(row)
            session.flush()
            _note_last_patrol(session, check.camera_num, check.checked_at)
            event_id = fault_id = step_id = None
            if check.outcome is CheckOutcome.ANOMALY:
                event = PatrolEvent(
                    check_id=row.id,
                    camera_num=check.camera_num,
                    camera_name=check.camera_name,
                    pile=check.pile,
                    opened_at=check.checked_at,
                    opened_by=check.operator,
                    items=row.items,
                    note=check.note,
                    pile_metres=metres,
                )
                session.add(event)
                session.flush()
                event_id = event.id
                if first_step is not None:
                    step_id = add_step(
                        session,
                        event.id,
                        first_step.kind,
                        first_step.detail,
                        check.operator,
                        check.checked_at,
                    )
            elif check.outcome in (CheckOutcome.FAULT, CheckOutcome.UNPLAYABLE):
                if check.outcome is CheckOutcome.FAULT:
                    assert check.fault_kind is not None
                    kind, note = check.fault_kind, check.note
                else:
                    kind = FaultKind.MISSING
                    note = f"{UNPLAYABLE_NOTE}：{check.note}" if check.note else UNPLAYABLE_NOTE
                fault = insert_fault(
                    session,
                    camera_num=check.camera_num,
                    camera_name=check.camera_name,
                    pile=check.pile,
                    kind=kind,
                    note=note,
                    operator=check.operator,
                    at=check.checked_at,
                    origin=FaultOrigin.PATROL,
                    check_id=row.id,
                )
                fault_id = fault.id
            return CheckSaved(row.id, event_id, fault_id, step_id)

    def close_round(
        self,
        round_id: int,
        *,
        equipment_condition: str,
        handover_pile: str,
        now: datetime,
        labels: Mapping[str, str] | None = None,
    ) -> PatrolRecord:
        """Close the round with its patrol record (P-6): the anomalies found and the handling
        steps recorded so far on their events are written out as text, the checklist items
        by their ``labels`` (code -> the name the operator saw; a code without one as is)."""
        with self._write(PatrolStoreError(f"巡查轮次 {round_id} 已结束")) as session:
            round_row = _open_round_row(session, round_id)
            row = PatrolRecordRow(
                round_id=round_id,
                period_start=round_row.started_at,
                period_end=now,
                personnel=round_row.operator,
                equipment_condition=equipment_condition,
                handover_pile=handover_pile,
                anomalies=_anomalies_text(session, round_id, labels or {}),
                handling=_handling_text(session, round_id),
                recorded_at=now,
            )
            session.add(row)
            session.flush()
            return _record(row)

    def records(self, start: datetime, end: datetime) -> list[PatrolRecord]:
        """The patrol records of the rounds started in [start, end), oldest first."""
        with self._read() as session:
            rows = session.scalars(
                select(PatrolRecordRow)
                .where(PatrolRecordRow.period_start >= start, PatrolRecordRow.period_start < end)
                .order_by(PatrolRecordRow.period_start, PatrolRecordRow.id)
            )
            return [_record(row) for row in rows]

    def last_patrols(self) -> dict[str, datetime]:
        """{camera_num: time of its latest check}, from camera_last_patrol (one row each)."""
        with self._read() as session:
            rows = session.execute(select(CameraLastPatrol.camera_num, CameraLastPatrol.checked_at))
            return {number: utc(checked_at) for number, checked_at in rows}

    def patrol_times(self, start: datetime, end: datetime) -> dict[str, list[datetime]]:
        """{camera_num: sorted check times in [start, end)}, each list headed by the camera's
        last check before ``start`` when there is one (compliance needs it)."""
        times: dict[str, list[datetime]] = {}
        with self._read() as session:
            for number, last in _latest_checks(session, before=start).items():
                times[number] = [last]
            rows = session.execute(
                select(PatrolCheck.camera_num, PatrolCheck.checked_at)
                .where(PatrolCheck.checked_at >= start, PatrolCheck.checked_at < end)
                .order_by(PatrolCheck.camera_num, PatrolCheck.checked_at, PatrolCheck.id)
            )
            for number, checked_at in rows:  # UtcDateTime reads UTC already
                times.setdefault(number, []).append(checked_at)
        return {number: times[number] for number in sorted(times)}


def _has_record(round_id: Any) -> ColumnElement[bool]:
    return exists().where(PatrolRecordRow.round_id == round_id)


def _open_round_row(session: Session, round_id: int) -> PatrolRound:
    row = session.get(PatrolRound, round_id)
    if row is None:
        raise PatrolStoreError(f"巡查轮次 {round_id} 不存在")
    if session.scalar(select(PatrolRecordRow.id).filter_by(round_id=round_id)) is not None:
        raise PatrolStoreError(f"巡查轮次 {round_id} 已结束")
    return row


def _corrected_row(session: Session, check: CheckInput) -> None:
    """A correction names an earlier check of the same camera (records are append-only: the
    corrected check stays, the correction is a later row)."""
    corrected = session.get(PatrolCheck, check.corrects)
    if corrected is None:
        raise PatrolStoreError(f"要更正的巡查确认 {check.corrects} 不存在")
    if corrected.camera_num != check.camera_num:
        raise PatrolStoreError(f"巡查确认 {check.corrects} 不是摄像机 {check.camera_name} 的记录")


def _round_state(session: Session, round_id: int) -> RoundState:
    row = session.get(PatrolRound, round_id)
    if row is None:
        raise PatrolStoreError(f"巡查轮次 {round_id} 不存在")
    checks = session.scalars(
        select(PatrolCheck)
        .where(PatrolCheck.round_id == round_id)
        .order_by(PatrolCheck.checked_at, PatrolCheck.id)
    )
    closed_at = session.scalar(
        select(PatrolRecordRow.period_end).where(PatrolRecordRow.round_id == round_id)
    )
    return RoundState(
        row.id,
        row.operator,
        utc(row.started_at),
        tuple(json.loads(row.planned)),
        tuple(_check(check) for check in checks),
        None if closed_at is None else utc(closed_at),
    )


def _check(row: PatrolCheck) -> CheckView:
    return CheckView(
        row.id,
        row.round_id,
        row.camera_num,
        row.camera_name,
        row.pile,
        CheckOutcome(row.outcome),
        row.operator,
        utc(row.checked_at),
        row.checklist_version,
        tuple(json.loads(row.items)),
        row.note,
        row.snapshot,
        tuple(json.loads(row.presets)),
        row.corrects_id,
    )


def _record(row: PatrolRecordRow) -> PatrolRecord:
    return PatrolRecord(
        row.id,
        row.round_id,
        utc(row.period_start),
        utc(row.period_end),
        row.personnel,
        row.equipment_condition,
        row.handover_pile,
        row.anomalies,
        row.handling,
        utc(row.recorded_at),
    )


def _place(camera_name: str, pile: str) -> str:
    return f"{camera_name}（{pile}）" if pile else camera_name


def _anomalies_text(session: Session, round_id: int, labels: Mapping[str, str]) -> str:
    """The anomalies of the round, one numbered line each: camera, pile, items, note."""
    rows = session.scalars(
        select(PatrolCheck)
        .where(PatrolCheck.round_id == round_id, PatrolCheck.outcome == CheckOutcome.ANOMALY.value)
        .order_by(PatrolCheck.checked_at, PatrolCheck.id)
    ).all()
    lines = []
    for number, row in enumerate(rows, start=1):
        items = (
            "、".join(labels.get(code, code) for code in json.loads(row.items)) or "未勾选检查项"
        )
        note = f"；{row.note}" if row.note else ""
        lines.append(f"{number}. {_place(row.camera_name, row.pile)}：{items}{note}")
    return "\n".join(lines) or "无"


def _step_text(step: PatrolEventStep) -> str:
    at = utc(step.at).astimezone(BEIJING)
    detail = f"：{step.detail}" if step.detail else ""
    return f"{at:%H:%M} {StepKind(step.kind).label}{detail}"


def _handling_text(session: Session, round_id: int) -> str:
    """The handling recorded so far on the round's events, one line per event."""
    events = session.scalars(
        select(PatrolEvent)
        .join(PatrolCheck, PatrolEvent.check_id == PatrolCheck.id)
        .where(PatrolCheck.round_id == round_id)
        .order_by(PatrolEvent.opened_at, PatrolEvent.id)
    ).all()
    lines = []
    for event in events:
        steps = session.scalars(
            select(PatrolEventStep)
            .where(PatrolEventStep.event_id == event.id)
            .order_by(PatrolEventStep.at, PatrolEventStep.id)
        )
        handled = "；".join(_step_text(step) for step in steps) or "未记录处置"
        lines.append(f"{_place(event.camera_name, event.pile)}：{handled}")
    return "\n".join(lines) or "无"


def _note_last_patrol(session: Session, camera_num: str, checked_at: datetime) -> None:
    """Move the camera's last patrol to ``checked_at`` unless it has a later one (checks of
    one camera may come from several workstations, or be entered late)."""
    table = cast(Table, CameraLastPatrol.__table__)
    dialect = session.get_bind().dialect.name
    insert = sqlite_insert if dialect == "sqlite" else postgresql_insert
    later = func.max if dialect == "sqlite" else func.greatest
    statement = insert(table).values(camera_num=camera_num, checked_at=checked_at)
    session.execute(
        statement.on_conflict_do_update(
            index_elements=[table.c.camera_num],
            set_={"checked_at": later(table.c.checked_at, statement.excluded.checked_at)},
        )
    )


def _latest_checks(session: Session, *, before: datetime) -> dict[str, datetime]:
    """{camera_num: its latest check before ``before``} (compliance needs where each camera
    stood when a period began).

    A loose index scan over ix_patrol_check_camera_num_checked_at, on SQLite and PostgreSQL
    alike: a recursive CTE steps from one camera number to the next (one index seek each),
    then a correlated MAX per camera (one more seek). A GROUP BY would read the whole index.
    """
    cameras = select(func.min(PatrolCheck.camera_num).label("num")).cte("cameras", recursive=True)
    following = (
        select(func.min(PatrolCheck.camera_num))
        .where(PatrolCheck.camera_num > cameras.c.num)
        .scalar_subquery()
    )
    cameras = cameras.union_all(select(following).where(cameras.c.num.is_not(None)))
    latest = select(func.max(PatrolCheck.checked_at)).where(
        PatrolCheck.camera_num == cameras.c.num, PatrolCheck.checked_at < before
    )
    query = (
        select(cameras.c.num, latest.scalar_subquery())
        .where(cameras.c.num.is_not(None))
        .order_by(cameras.c.num)
    )
    return {number: utc(last) for number, last in session.execute(query) if last is not None}
