"""Patrol records (P-1..P-8, F-1): lists, warnings, checklists, rounds, checks, events,
faults, records, handovers and equipment inspections. Append-only (docs/PATROLS.md)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from sqlalchemy import ColumnElement, CursorResult, delete, exists, func, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, aliased, sessionmaker

from patrol_app.domain.checklists import ChecklistBook
from patrol_app.domain.events import CheckOutcome, StepKind
from patrol_app.domain.faults import FaultKind
from patrol_app.domain.inspections import InspectionArea
from patrol_app.domain.patrols import (
    BEIJING,
    KEY_SITES,
    ListEntry,
    SectionKey,
    SiteType,
    WarningLevel,
    WeatherKind,
    WeatherWarning,
)
from patrol_app.domain.records import (
    CheckInput,
    CheckSaved,
    CheckView,
    EventStep,
    EventView,
    FaultView,
    FirstStep,
    HandoverContent,
    HandoverView,
    InspectionView,
    ListChange,
    PatrolRecord,
    RoundState,
    StoredWarning,
)
from patrol_app.resources import RESOURCES_DIR
from patrol_app.store.database import Repository
from patrol_app.store.models import (
    CameraLastPatrol,
    ChecklistVersion,
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
    VideoFaultClose,
    WeatherWarningRow,
)

MIN_RETENTION = timedelta(days=366)

# The built-in checklist book, version 1.
CHECKLISTS_FILE = RESOURCES_DIR / "patrol" / "checklists.json"

SYSTEM = "system"
JOINED_NOTE = "新接入"
UNPLAYABLE_NOTE = "无法播放"
_CHUNK = 500  # ids per IN (...) when purging


class PatrolStoreError(ValueError):
    """A request the records refuse (unknown round, round already closed...); for the
    operator."""


class _SeededElsewhere(Exception):
    """Version 1 of the checklists was stored by another workstation at the same time."""


class PatrolStore(Repository):
    """The patrol records. Every write is one transaction; reads and writes are blocking (the
    UI calls them through its task runner). Database failures raise DatabaseError, requests
    the records refuse raise PatrolStoreError; both carry a message for the operator."""

    _subject = "巡查记录"

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        super().__init__(sessions)
        # list_entries() as last read, with the (max id, row count) of the change table it
        # was read at: any change adds a row and a purge removes some, so either moves.
        self._entries: tuple[tuple[int | None, int], dict[str, ListEntry]] | None = None

    # The lists (P-1, P-2), versioned: each change is a row; the latest per camera counts.
    def list_entries(self) -> dict[str, ListEntry]:
        """Each camera's latest change; ``since`` is the time of its first change.

        Asked at every refresh of what is due, and the lists seldom change: the entries are
        read again only when the change table has moved (a cheap max/count), by whichever
        workstation of the control room changed it."""
        with self._read() as session:
            count = select(func.max(PatrolListChange.id), func.count(PatrolListChange.id))
            highest, rows_now = session.execute(count).one()
            version = (highest, rows_now)
            cached = self._entries
            if cached is not None and cached[0] == version:
                return dict(cached[1])
            latest: dict[str, tuple[str, bool, bool]] = {}
            since: dict[str, datetime] = {}
            rows = session.execute(
                select(
                    PatrolListChange.camera_num,
                    PatrolListChange.site,
                    PatrolListChange.daily_list,
                    PatrolListChange.key_list,
                    PatrolListChange.changed_at,
                ).order_by(PatrolListChange.camera_num, PatrolListChange.id)
            )
            for number, site, daily, key, changed_at in rows:
                since.setdefault(number, changed_at)
                latest[number] = (site, daily, key)
        entries = {
            number: ListEntry(SiteType(site), daily, key, _utc(since[number]))
            for number, (site, daily, key) in latest.items()
        }
        self._entries = (version, entries)
        return dict(entries)

    def join_new(self, cameras: Mapping[str, SiteType], now: datetime) -> list[str]:
        """Put the cameras never seen by the lists on them (daily; key when their site is
        a key site); returns their numbers, in the order of ``cameras``."""
        with self._write() as session:
            known = set(session.scalars(select(PatrolListChange.camera_num).distinct()))
            joined = [number for number in cameras if number not in known]
            session.add_all(
                PatrolListChange(
                    camera_num=number,
                    site=cameras[number].value,
                    daily_list=True,
                    key_list=cameras[number] in KEY_SITES,
                    changed_at=now,
                    changed_by=SYSTEM,
                    note=JOINED_NOTE,
                )
                for number in joined
            )
            return joined

    def change_list(
        self,
        camera_num: str,
        entry: ListEntry,
        *,
        changed_by: str,
        now: datetime,
        note: str = "",
    ) -> None:
        """Record the camera's new place in the lists (``entry.since`` is not stored: the
        first change's time is)."""
        with self._write() as session:
            session.add(
                PatrolListChange(
                    camera_num=camera_num,
                    site=entry.site.value,
                    daily_list=entry.daily,
                    key_list=entry.key,
                    changed_at=now,
                    changed_by=changed_by,
                    note=note,
                )
            )

    def list_history(self, camera_num: str | None = None) -> list[ListChange]:
        """Every change (of one camera), oldest first."""
        query = select(PatrolListChange).order_by(PatrolListChange.changed_at, PatrolListChange.id)
        if camera_num is not None:
            query = query.where(PatrolListChange.camera_num == camera_num)
        with self._read() as session:
            return [
                ListChange(
                    row.id,
                    row.camera_num,
                    SiteType(row.site),
                    row.daily_list,
                    row.key_list,
                    _utc(row.changed_at),
                    row.changed_by,
                    row.note,
                )
                for row in session.scalars(query)
            ]

    # Weather warnings (P-3).
    def add_warning(self, warning: WeatherWarning, *, recorded_by: str, now: datetime) -> int:
        _check_period(warning.starts_at, warning.ends_at)
        with self._write() as session:
            row = WeatherWarningRow(
                road=warning.section.road,
                road_sec=warning.section.road_sec,
                level=int(warning.level),
                kind=warning.kind.value,
                starts_at=warning.starts_at,
                ends_at=warning.ends_at,
                recorded_at=now,
                recorded_by=recorded_by,
            )
            session.add(row)
            session.flush()
            return row.id

    def end_warning(
        self, warning_id: int, ends_at: datetime, *, recorded_by: str, now: datetime
    ) -> None:
        """End (or correct the end of) a warning: a new version of it, the old one is kept."""
        with self._write() as session:
            chain = next(
                (chain for chain in _warning_chains(session) if warning_id in _ids(chain)), None
            )
            if chain is None:
                raise PatrolStoreError(f"气象预警 {warning_id} 不存在")
            current = chain[-1]
            _check_period(current.starts_at, ends_at)
            session.add(
                WeatherWarningRow(
                    road=current.road,
                    road_sec=current.road_sec,
                    level=current.level,
                    kind=current.kind,
                    starts_at=current.starts_at,
                    ends_at=ends_at,
                    recorded_at=now,
                    recorded_by=recorded_by,
                    corrects_id=current.id,
                )
            )

    def warnings(self, since: datetime | None = None) -> list[StoredWarning]:
        """The current version of each warning (``id``: the warning's first row), by start;
        with ``since``, without those that ended before it."""
        with self._read() as session:
            chains = _warning_chains(session)
        stored = []
        for chain in chains:
            first, current = chain[0], chain[-1]
            if since is not None and current.ends_at is not None and current.ends_at < since:
                continue
            warning = WeatherWarning(
                SectionKey(current.road, current.road_sec),
                WarningLevel(current.level),
                WeatherKind(current.kind),
                _utc(current.starts_at),
                None if current.ends_at is None else _utc(current.ends_at),
            )
            stored.append(
                StoredWarning(first.id, warning, _utc(current.recorded_at), current.recorded_by)
            )
        return sorted(stored, key=lambda item: (item.warning.starts_at, item.id))

    # Checklists (P-4), versioned.
    def checklist(self) -> tuple[int, ChecklistBook]:
        """The latest version of the book; version 1 (CHECKLISTS_FILE) is stored on first use."""
        with self._read() as session:
            row = _latest_checklist(session)
        if row is None:
            try:
                with self._write(_SeededElsewhere()) as session:
                    if _latest_checklist(session) is None:
                        session.add(_builtin_checklist())
            except _SeededElsewhere:
                pass  # another workstation stored version 1 at the same time
            with self._read() as session:
                row = _latest_checklist(session)
            assert row is not None
        return row.id, ChecklistBook.parse(row.content)

    def save_checklist(self, book: ChecklistBook, *, created_by: str, now: datetime) -> int:
        """Store ``book`` as the next version; returns its number."""
        with self._write(
            PatrolStoreError("检查清单已被他人同时修改，请重新打开后再保存")
        ) as session:
            latest = _latest_checklist(session)
            if latest is None:  # version 1 is always the built-in book
                latest = _builtin_checklist()
                session.add(latest)
            version = latest.id + 1
            session.add(
                ChecklistVersion(
                    id=version, content=book.to_json(), created_at=now, created_by=created_by
                )
            )
            return version

    # Rounds and checks.
    def start_round(self, operator: str, planned: Sequence[str], now: datetime) -> RoundState:
        with self._write() as session:
            row = PatrolRound(operator=operator, started_at=now, planned=_dump(list(planned)))
            session.add(row)
            session.flush()
            return RoundState(row.id, operator, _utc(now), tuple(planned), (), None)

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
            row = PatrolCheck(
                round_id=check.round_id,
                camera_num=check.camera_num,
                camera_name=check.camera_name,
                pile=check.pile,
                outcome=check.outcome.value,
                operator=check.operator,
                checked_at=check.checked_at,
                checklist_version=check.checklist_version,
                items=_dump(list(check.items)),
                note=check.note,
                snapshot=check.snapshot,
                fault_kind=None if check.fault_kind is None else check.fault_kind.value,
                presets=_dump(list(check.presets)),
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
                )
                session.add(event)
                session.flush()
                event_id = event.id
                if first_step is not None:
                    step_id = _add_step(
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
                fault = VideoFault(
                    camera_num=check.camera_num,
                    camera_name=check.camera_name,
                    pile=check.pile,
                    kind=kind.value,
                    note=note,
                    found_at=check.checked_at,
                    found_by=check.operator,
                    check_id=row.id,
                )
                session.add(fault)
                session.flush()
                fault_id = fault.id
            return CheckSaved(row.id, event_id, fault_id, step_id)

    def close_round(
        self,
        round_id: int,
        *,
        equipment_condition: str,
        handover_pile: str,
        now: datetime,
    ) -> PatrolRecord:
        """Close the round with its patrol record (P-6): the anomalies found and the handling
        steps recorded so far on their events are written out as text."""
        with self._write(PatrolStoreError(f"巡查轮次 {round_id} 已结束")) as session:
            round_row = _open_round_row(session, round_id)
            row = PatrolRecordRow(
                round_id=round_id,
                period_start=round_row.started_at,
                period_end=now,
                personnel=round_row.operator,
                equipment_condition=equipment_condition,
                handover_pile=handover_pile,
                anomalies=_anomalies_text(session, round_id),
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
            return {number: _utc(checked_at) for number, checked_at in rows}

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
            for number, checked_at in rows:
                times.setdefault(number, []).append(_utc(checked_at))
        return {number: times[number] for number in sorted(times)}

    # Events (P-5) and faults (F-1).
    def add_event_step(
        self, event_id: int, kind: StepKind, detail: str, *, operator: str, now: datetime
    ) -> int:
        with self._write() as session:
            if session.get(PatrolEvent, event_id) is None:
                raise PatrolStoreError(f"事件 {event_id} 不存在")
            if session.scalar(select(_closed(PatrolEvent.id)).where(PatrolEvent.id == event_id)):
                raise PatrolStoreError(f"事件 {event_id} 已结束，不能再记录处置")
            return _add_step(session, event_id, kind, detail, operator, now)

    def event(self, event_id: int) -> EventView:
        with self._read() as session:
            row = session.get(PatrolEvent, event_id)
            if row is None:
                raise PatrolStoreError(f"事件 {event_id} 不存在")
            return _events(session, [row])[0]

    def open_events(self) -> list[EventView]:
        """Events without a CLOSE step, oldest first."""
        with self._read() as session:
            rows = session.scalars(
                select(PatrolEvent)
                .where(~_closed(PatrolEvent.id))
                .order_by(PatrolEvent.opened_at, PatrolEvent.id)
            ).all()
            return _events(session, rows)

    def open_faults(self) -> list[FaultView]:
        """Faults not closed, oldest first."""
        closed = exists().where(VideoFaultClose.fault_id == VideoFault.id)
        with self._read() as session:
            rows = session.scalars(
                select(VideoFault).where(~closed).order_by(VideoFault.found_at, VideoFault.id)
            )
            return [_fault(row, None) for row in rows]

    def close_fault(self, fault_id: int, *, note: str, closed_by: str, now: datetime) -> None:
        with self._write(PatrolStoreError(f"故障 {fault_id} 已关闭")) as session:
            if session.get(VideoFault, fault_id) is None:
                raise PatrolStoreError(f"故障 {fault_id} 不存在")
            if session.scalar(select(VideoFaultClose.id).filter_by(fault_id=fault_id)):
                raise PatrolStoreError(f"故障 {fault_id} 已关闭")
            session.add(
                VideoFaultClose(fault_id=fault_id, closed_at=now, closed_by=closed_by, note=note)
            )

    # Handover (P-7).
    def hand_over(self, outgoing: str, content: HandoverContent, *, now: datetime) -> HandoverView:
        with self._write() as session:
            row = Handover(created_at=now, outgoing=outgoing, content=_dump(_content_json(content)))
            session.add(row)
            session.flush()
            return HandoverView(row.id, _utc(now), outgoing, content, None, None)

    def accept_handover(self, handover_id: int, incoming: str, *, now: datetime) -> None:
        with self._write(PatrolStoreError(f"交接班 {handover_id} 已被接班")) as session:
            if session.get(Handover, handover_id) is None:
                raise PatrolStoreError(f"交接班 {handover_id} 不存在")
            accepted = session.scalar(select(HandoverAccept).filter_by(handover_id=handover_id))
            if accepted is not None:
                at = _utc(accepted.accepted_at).astimezone(BEIJING)
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
                select(Handover, HandoverAccept)
                .outerjoin(HandoverAccept, HandoverAccept.handover_id == Handover.id)
                .order_by(Handover.created_at.desc(), Handover.id.desc())
                .limit(1)
            ).first()
        if found is None:
            return None
        row, accepted = found
        return HandoverView(
            row.id,
            _utc(row.created_at),
            row.outgoing,
            _content_from_json(json.loads(row.content)),
            None if accepted is None else accepted.incoming,
            None if accepted is None else _utc(accepted.accepted_at),
        )

    # Equipment inspection (P-8).
    def record_inspection(
        self,
        operator: str,
        results: Mapping[InspectionArea, tuple[bool, str]],
        *,
        note: str,
        now: datetime,
    ) -> int:
        encoded = {area.value: [bool(ok), text] for area, (ok, text) in results.items()}
        with self._write() as session:
            row = EquipmentInspection(at=now, operator=operator, results=_dump(encoded), note=note)
            session.add(row)
            session.flush()
            return row.id

    def inspections(self, start: datetime, end: datetime) -> list[InspectionView]:
        """Inspections made in [start, end), oldest first."""
        with self._read() as session:
            rows = session.scalars(
                select(EquipmentInspection)
                .where(EquipmentInspection.at >= start, EquipmentInspection.at < end)
                .order_by(EquipmentInspection.at, EquipmentInspection.id)
            )
            return [
                InspectionView(
                    row.id,
                    _utc(row.at),
                    row.operator,
                    {
                        InspectionArea(area): (bool(ok), str(text))
                        for area, (ok, text) in json.loads(row.results).items()
                    },
                    row.note,
                )
                for row in rows
            ]

    # Retention.
    def purge_expired(self, now: datetime, retention: timedelta) -> int:
        """Delete the records whose time is older than ``now - retention`` (never under
        MIN_RETENTION); returns the number of rows deleted.

        What goes: closed events (closed before the cutoff) with their steps; closed faults;
        accepted handovers; inspections; list changes superseded before the cutoff; ended
        warnings (every version); checks older than the cutoff that no kept event, fault or
        correction refers to; closed rounds with their records and checks, when every check
        of the round goes. Open events and faults, pending handovers, unclosed rounds and
        each camera's current list entry stay, whatever their age.
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
                for chunk in _chunks(ids):
                    deleted += _delete(session, model, column.in_(chunk))

            events = session.scalars(
                select(PatrolEventStep.event_id)
                .where(PatrolEventStep.kind == StepKind.CLOSE.value, PatrolEventStep.at < cutoff)
                .distinct()
                .order_by(PatrolEventStep.event_id)
            ).all()
            purge(PatrolEventStep, PatrolEventStep.event_id, events)
            purge(PatrolEvent, PatrolEvent.id, events)

            faults = session.scalars(
                select(VideoFaultClose.fault_id)
                .where(VideoFaultClose.closed_at < cutoff)
                .order_by(VideoFaultClose.fault_id)
            ).all()
            purge(VideoFaultClose, VideoFaultClose.fault_id, faults)
            purge(VideoFault, VideoFault.id, faults)

            handovers = session.scalars(
                select(HandoverAccept.handover_id)
                .where(HandoverAccept.accepted_at < cutoff)
                .order_by(HandoverAccept.handover_id)
            ).all()
            purge(HandoverAccept, HandoverAccept.handover_id, handovers)
            purge(Handover, Handover.id, handovers)

            deleted += _delete(session, EquipmentInspection, EquipmentInspection.at < cutoff)

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
            deleted += _delete(
                session, PatrolListChange, PatrolListChange.changed_at < cutoff, superseded
            )

            ended = [
                row.id
                for chain in _warning_chains(session)
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
            deleted += _delete(
                session,
                PatrolCheck,
                PatrolCheck.round_id.is_(None),
                _removable(PatrolCheck, cutoff),
            )
            purge(PatrolCheck, PatrolCheck.round_id, rounds)
            purge(PatrolRecordRow, PatrolRecordRow.round_id, rounds)
            purge(PatrolRound, PatrolRound.id, rounds)
            return deleted


def _utc(value: datetime) -> datetime:
    """An instant as UTC (the models already read UTC; inputs may come in any zone)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _ids(rows: Iterable[WeatherWarningRow]) -> set[int]:
    return {row.id for row in rows}


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _delete(session: Session, model: Any, *conditions: ColumnElement[bool]) -> int:
    result = session.execute(
        delete(model).where(*conditions), execution_options={"synchronize_session": False}
    )
    return cast(CursorResult[Any], result).rowcount


def _check_period(starts_at: datetime, ends_at: datetime | None) -> None:
    if ends_at is not None and ends_at < starts_at:
        raise PatrolStoreError("预警结束时间不能早于开始时间")


def _warning_chains(session: Session) -> list[list[WeatherWarningRow]]:
    """Each warning as the list of its versions, first row first, current version last."""
    rows = session.scalars(select(WeatherWarningRow).order_by(WeatherWarningRow.id)).all()
    replaced_by: dict[int, WeatherWarningRow] = {}
    for row in rows:
        if row.corrects_id is not None:
            replaced_by[row.corrects_id] = row  # ascending ids: the latest correction wins
    chains = []
    for row in rows:
        if row.corrects_id is None:
            chain = [row]
            while chain[-1].id in replaced_by:
                chain.append(replaced_by[chain[-1].id])
            chains.append(chain)
    return chains


def _latest_checklist(session: Session) -> ChecklistVersion | None:
    return session.scalar(select(ChecklistVersion).order_by(ChecklistVersion.id.desc()).limit(1))


def _builtin_checklist() -> ChecklistVersion:
    book = ChecklistBook.parse(CHECKLISTS_FILE.read_text(encoding="utf-8"))
    return ChecklistVersion(id=1, content=book.to_json(), created_at=None, created_by=SYSTEM)


def _has_record(round_id: Any) -> ColumnElement[bool]:
    return exists().where(PatrolRecordRow.round_id == round_id)


def _open_round_row(session: Session, round_id: int) -> PatrolRound:
    row = session.get(PatrolRound, round_id)
    if row is None:
        raise PatrolStoreError(f"巡查轮次 {round_id} 不存在")
    if session.scalar(select(PatrolRecordRow.id).filter_by(round_id=round_id)) is not None:
        raise PatrolStoreError(f"巡查轮次 {round_id} 已结束")
    return row


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
        _utc(row.started_at),
        tuple(json.loads(row.planned)),
        tuple(_check(check) for check in checks),
        None if closed_at is None else _utc(closed_at),
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
        _utc(row.checked_at),
        row.checklist_version,
        tuple(json.loads(row.items)),
        row.note,
        row.snapshot,
        tuple(json.loads(row.presets)),
    )


def _record(row: PatrolRecordRow) -> PatrolRecord:
    return PatrolRecord(
        row.id,
        row.round_id,
        _utc(row.period_start),
        _utc(row.period_end),
        row.personnel,
        row.equipment_condition,
        row.handover_pile,
        row.anomalies,
        row.handling,
        _utc(row.recorded_at),
    )


def _place(camera_name: str, pile: str) -> str:
    return f"{camera_name}（{pile}）" if pile else camera_name


def _anomalies_text(session: Session, round_id: int) -> str:
    """The anomalies of the round, one numbered line each: camera, pile, items, note."""
    rows = session.scalars(
        select(PatrolCheck)
        .where(PatrolCheck.round_id == round_id, PatrolCheck.outcome == CheckOutcome.ANOMALY.value)
        .order_by(PatrolCheck.checked_at, PatrolCheck.id)
    ).all()
    lines = []
    for number, row in enumerate(rows, start=1):
        items = "、".join(json.loads(row.items)) or "未勾选检查项"
        note = f"；{row.note}" if row.note else ""
        lines.append(f"{number}. {_place(row.camera_name, row.pile)}：{items}{note}")
    return "\n".join(lines) or "无"


def _step_text(step: PatrolEventStep) -> str:
    at = _utc(step.at).astimezone(BEIJING)
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


def _closed(event_id: Any) -> ColumnElement[bool]:
    return exists().where(
        PatrolEventStep.event_id == event_id, PatrolEventStep.kind == StepKind.CLOSE.value
    )


def _events(session: Session, rows: Sequence[PatrolEvent]) -> list[EventView]:
    steps: dict[int, list[EventStep]] = {row.id: [] for row in rows}
    ids = list(steps)
    snapshots: dict[int, str] = {}
    for chunk in _chunks([row.check_id for row in rows]):
        query = select(PatrolCheck.id, PatrolCheck.snapshot).where(PatrolCheck.id.in_(chunk))
        snapshots.update((check_id, path) for check_id, path in session.execute(query))
    for chunk in _chunks(ids):
        for step in session.scalars(
            select(PatrolEventStep)
            .where(PatrolEventStep.event_id.in_(chunk))
            .order_by(PatrolEventStep.at, PatrolEventStep.id)
        ):
            steps[step.event_id].append(
                EventStep(step.id, StepKind(step.kind), step.detail, step.operator, _utc(step.at))
            )
    return [
        EventView(
            row.id,
            row.camera_num,
            row.camera_name,
            row.pile,
            row.check_id,
            _utc(row.opened_at),
            row.opened_by,
            tuple(json.loads(row.items)),
            row.note,
            tuple(steps[row.id]),
            snapshots.get(row.check_id, ""),
        )
        for row in rows
    ]


def _add_step(
    session: Session, event_id: int, kind: StepKind, detail: str, operator: str, at: datetime
) -> int:
    step = PatrolEventStep(
        event_id=event_id, kind=kind.value, detail=detail, operator=operator, at=at
    )
    session.add(step)
    session.flush()
    return step.id


def _fault(row: VideoFault, closed_at: datetime | None) -> FaultView:
    return FaultView(
        row.id,
        row.camera_num,
        row.camera_name,
        row.pile,
        FaultKind(row.kind),
        row.note,
        _utc(row.found_at),
        row.found_by,
        row.check_id,
        closed_at,
    )


def _note_last_patrol(session: Session, camera_num: str, checked_at: datetime) -> None:
    """Move the camera's last patrol to ``checked_at`` unless it has a later one (checks of
    one camera may come from several workstations, or be entered late)."""
    table = CameraLastPatrol.__table__
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
    return {number: _utc(last) for number, last in session.execute(query) if last is not None}


def _removable(check: Any, cutoff: datetime) -> ColumnElement[bool]:
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


# The handover's content is kept as JSON, as it was when handed over.
def _time_json(value: datetime) -> str:
    return _utc(value).isoformat()


def _time_from_json(value: str) -> datetime:
    return _utc(datetime.fromisoformat(value))


def _content_json(content: HandoverContent) -> dict[str, Any]:
    return {
        "duties": content.duties,
        "equipment_condition": content.equipment_condition,
        "open_events": [
            {
                "id": event.id,
                "camera_num": event.camera_num,
                "camera_name": event.camera_name,
                "pile": event.pile,
                "check_id": event.check_id,
                "opened_at": _time_json(event.opened_at),
                "opened_by": event.opened_by,
                "items": list(event.items),
                "note": event.note,
                "snapshot": event.snapshot,
                "steps": [
                    {
                        "id": step.id,
                        "kind": step.kind.value,
                        "detail": step.detail,
                        "operator": step.operator,
                        "at": _time_json(step.at),
                    }
                    for step in event.steps
                ],
            }
            for event in content.open_events
        ],
        "open_faults": [
            {
                "id": fault.id,
                "camera_num": fault.camera_num,
                "camera_name": fault.camera_name,
                "pile": fault.pile,
                "kind": fault.kind.value,
                "note": fault.note,
                "found_at": _time_json(fault.found_at),
                "found_by": fault.found_by,
                "check_id": fault.check_id,
                "closed_at": None if fault.closed_at is None else _time_json(fault.closed_at),
            }
            for fault in content.open_faults
        ],
        "due_next_hour": [
            [number, name, _time_json(deadline)] for number, name, deadline in content.due_next_hour
        ],
    }


def _content_from_json(data: dict[str, Any]) -> HandoverContent:
    return HandoverContent(
        duties=data["duties"],
        equipment_condition=data["equipment_condition"],
        open_events=tuple(
            EventView(
                event["id"],
                event["camera_num"],
                event["camera_name"],
                event["pile"],
                event["check_id"],
                _time_from_json(event["opened_at"]),
                event["opened_by"],
                tuple(event["items"]),
                event["note"],
                tuple(
                    EventStep(
                        step["id"],
                        StepKind(step["kind"]),
                        step["detail"],
                        step["operator"],
                        _time_from_json(step["at"]),
                    )
                    for step in event["steps"]
                ),
                event["snapshot"],
            )
            for event in data["open_events"]
        ),
        open_faults=tuple(
            FaultView(
                fault["id"],
                fault["camera_num"],
                fault["camera_name"],
                fault["pile"],
                FaultKind(fault["kind"]),
                fault["note"],
                _time_from_json(fault["found_at"]),
                fault["found_by"],
                fault["check_id"],
                None if fault["closed_at"] is None else _time_from_json(fault["closed_at"]),
            )
            for fault in data["open_faults"]
        ),
        due_next_hour=tuple(
            (number, name, _time_from_json(deadline))
            for number, name, deadline in data["due_next_hour"]
        ),
    )
