"""The fault report of a period (R-4) and the repair request of one fault (F-1, F-2): the
faults as the reports print them, with their clocks kept or missed at ``now``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from patrol_app.domain.faults import REPAIR_LIMIT, RESPONSE_LIMIT, FaultState
from patrol_app.domain.patrols import BEIJING
from patrol_app.domain.records import FaultView
from patrol_app.reports.faults import FaultLine, FaultReportData, RepairRequest
from patrol_app.store.patrols import PatrolStore


def clock_met(due: datetime, done: datetime | None, now: datetime) -> bool | None:
    """Whether a clock was kept: True done by ``due`` (the limit itself still counts), False
    done late or not done past it, None while it runs."""
    if done is not None:
        return done <= due
    return False if now > due else None


def fault_line(view: FaultView, now: datetime) -> FaultLine:
    """A fault of the records as the reports print it. A closed fault counts as responded
    and repaired when it was closed (the old close; the fault work turns it into VERIFIED)."""
    closed = view.closed_at
    state = FaultState.VERIFIED if closed is not None else FaultState.REGISTERED
    handling = ""
    if closed is not None:
        handling = f"{closed.astimezone(BEIJING):%m-%d %H:%M} {state.label}"
    return FaultLine(
        fault_id=view.id,
        camera_num=view.camera_num,
        camera_name=view.camera_name,
        pile=view.pile,
        kind=view.kind.label,
        state=state.label,
        note=view.note,
        registered_at=view.found_at,
        registered_by=view.found_by,
        responded_at=closed,
        repaired_at=closed,
        closed_at=closed,
        response_met=clock_met(view.found_at + RESPONSE_LIMIT, closed, now),
        repair_met=clock_met(view.found_at + REPAIR_LIMIT, closed, now),
        handling=handling,
    )


def fault_lines(views: Sequence[FaultView], now: datetime) -> tuple[FaultLine, ...]:
    return tuple(fault_line(view, now) for view in views)


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
        faults=fault_lines(store.reports.faults(start, end), now),
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
    line = fault_line(store.reports.fault(fault_id), now)
    return RepairRequest(
        number=repair_number(line),
        section_name=section_name,
        maintainer=maintainer,
        requested_at=now,
        requested_by=operator,
        phone=phone,
        fault=line,
    )
