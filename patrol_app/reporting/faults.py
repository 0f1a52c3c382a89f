"""The fault report of a period (R-4) and the repair request of one fault (F-1, F-2): the
faults as the reports print them, with their clocks kept or missed at ``now``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from patrol_app.domain.faults import Clock, ClockState, FaultQuery, FaultRecord
from patrol_app.domain.patrols import BEIJING
from patrol_app.reports.faults import FaultLine, FaultReportData, RepairRequest
from patrol_app.store.patrols import PatrolStore

_KEPT = {ClockState.MET: True, ClockState.MISSED: False, ClockState.OVERDUE: False}


def clock_kept(clock: Clock, now: datetime) -> bool | None:
    """Whether a clock was kept at ``now``: True done in time, False done late or overdue,
    None while it runs or once the fault was cancelled before it was done."""
    return _KEPT.get(clock.state(now))


def handling_text(record: FaultRecord) -> str:
    """The fault's transitions, one line each: time, state, operator, note."""
    return "\n".join(
        f"{each.at.astimezone(BEIJING):%m-%d %H:%M} {each.state.label}（{each.operator}）"
        + (f"：{each.note}" if each.note else "")
        for each in record.transitions
    )


def fault_line(record: FaultRecord, now: datetime) -> FaultLine:
    """A fault of the records as the reports print it, its clocks at ``now``."""
    return FaultLine(
        fault_id=record.id,
        camera_num=record.camera_num,
        camera_name=record.camera_name,
        pile=record.pile,
        kind=record.kind.label,
        state=record.state.label,
        note=record.note,
        registered_at=record.registered_at,
        registered_by=record.registered_by,
        responded_at=record.responded_at,
        repaired_at=record.repaired_at,
        closed_at=record.closed_at,
        response_met=clock_kept(record.response, now),
        repair_met=clock_kept(record.repair, now),
        handling=handling_text(record),
    )


def fault_lines(records: Sequence[FaultRecord], now: datetime) -> tuple[FaultLine, ...]:
    return tuple(fault_line(record, now) for record in records)


def faults_of(store: PatrolStore, start: datetime, end: datetime) -> list[FaultRecord]:
    """The faults a period's report covers: registered before its end, not closed before
    its start."""
    return store.faults.faults(FaultQuery(start=start, end=end, alive=True))


def gather_fault_report(
    store: PatrolStore,
    start: datetime,
    end: datetime,
    *,
    section_name: str,
    operator: str,
    now: datetime,
) -> FaultReportData:
    """The faults alive in [start, end) (registered before its end, not closed before its
    start) with their clocks at ``now``."""
    return FaultReportData(
        section_name=section_name,
        start=start,
        end=end,
        generated_at=now,
        generated_by=operator,
        faults=fault_lines(faults_of(store, start, end), now),
    )


def repair_number(line: FaultLine) -> str:
    """The repair request's number: BX, the Beijing day of the registration, the fault id."""
    return f"BX{line.registered_at.astimezone(BEIJING):%Y%m%d}-{line.fault_id:05d}"


def gather_repair_request(
    store: PatrolStore,
    fault_id: int,
    *,
    section_name: str,
    maintainer: str,
    operator: str,
    phone: str,
    now: datetime,
) -> RepairRequest:
    """The repair request of fault ``fault_id``; PatrolStoreError when there is none."""
    line = fault_line(store.faults.fault(fault_id), now)
    return RepairRequest(
        number=repair_number(line),
        section_name=section_name,
        maintainer=maintainer,
        requested_at=now,
        requested_by=operator,
        phone=phone,
        fault=line,
    )
