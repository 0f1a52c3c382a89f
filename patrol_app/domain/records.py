"""The patrol records as the store returns them (P-1..P-8, F-1): plain values, no SQL.

What the operator confirmed for a check (CheckInput) and what was stored for it; rounds,
events with their handling steps, faults, patrol records, handovers, equipment inspections,
list changes and weather warnings, as read back."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from patrol_app.domain.events import CheckOutcome, StepKind
from patrol_app.domain.faults import FaultKind
from patrol_app.domain.inspections import InspectionArea
from patrol_app.domain.patrols import SiteType, WeatherWarning


@dataclass(frozen=True)
class ListChange:
    id: int
    camera_num: str
    site: SiteType
    daily: bool
    key: bool
    changed_at: datetime
    changed_by: str
    note: str


@dataclass(frozen=True)
class StoredWarning:
    id: int
    warning: WeatherWarning
    recorded_at: datetime
    recorded_by: str


@dataclass(frozen=True)
class CheckInput:
    """What the operator confirmed for one camera of a round."""

    round_id: int | None
    camera_num: str
    camera_name: str
    pile: str
    outcome: CheckOutcome
    operator: str
    checked_at: datetime
    checklist_version: int
    items: tuple[str, ...] = ()  # checklist item codes marked (anomaly)
    note: str = ""
    snapshot: str = ""  # path of the attached snapshot, if any
    fault_kind: FaultKind | None = None  # required when outcome is FAULT
    presets: tuple[int, ...] = ()  # the presets the camera was shown at (preset patrol)
    corrects: int | None = None  # the earlier check of this camera that this one corrects


@dataclass(frozen=True)
class FirstStep:
    """A handling step recorded with the check whose anomaly opens the event (by the
    check's operator, at its time), e.g. "keep watching"."""

    kind: StepKind
    detail: str


@dataclass(frozen=True)
class CheckSaved:
    check_id: int
    event_id: int | None  # opened for an anomaly
    fault_id: int | None  # registered for a video fault (or a camera that cannot be played)
    step_id: int | None = None  # the event's first step, when one came with the check


@dataclass(frozen=True)
class CheckView:
    id: int
    round_id: int | None
    camera_num: str
    camera_name: str
    pile: str
    outcome: CheckOutcome
    operator: str
    checked_at: datetime
    checklist_version: int
    items: tuple[str, ...]
    note: str
    snapshot: str
    presets: tuple[int, ...] = ()
    corrects: int | None = None  # the earlier check this one corrects


@dataclass(frozen=True)
class RoundState:
    id: int
    operator: str
    started_at: datetime
    planned: tuple[str, ...]  # camera numbers in round order
    checks: tuple[CheckView, ...]  # confirmed so far, oldest first
    closed_at: datetime | None

    @property
    def remaining(self) -> tuple[str, ...]:
        done = {check.camera_num for check in self.checks}
        return tuple(number for number in self.planned if number not in done)


@dataclass(frozen=True)
class EventStep:
    id: int
    kind: StepKind
    detail: str
    operator: str
    at: datetime


@dataclass(frozen=True)
class EventView:
    id: int
    camera_num: str
    camera_name: str
    pile: str
    check_id: int
    opened_at: datetime
    opened_by: str
    items: tuple[str, ...]
    note: str
    steps: tuple[EventStep, ...]
    snapshot: str = ""  # the picture attached to the check that found it

    @property
    def closed(self) -> bool:
        return any(step.kind is StepKind.CLOSE for step in self.steps)


@dataclass(frozen=True)
class FaultView:
    id: int
    camera_num: str
    camera_name: str
    pile: str
    kind: FaultKind
    note: str
    found_at: datetime
    found_by: str
    check_id: int | None
    closed_at: datetime | None


@dataclass(frozen=True)
class PatrolRecord:
    """The record of 12.3.6 (P-6), written when a round is closed."""

    id: int
    round_id: int
    period_start: datetime
    period_end: datetime
    personnel: str
    equipment_condition: str
    handover_pile: str
    anomalies: str
    handling: str
    recorded_at: datetime


@dataclass(frozen=True)
class HandoverContent:
    """What one shift hands to the next (P-7); kept as it was when handed over."""

    duties: str
    equipment_condition: str
    open_events: tuple[EventView, ...]
    open_faults: tuple[FaultView, ...]
    due_next_hour: tuple[tuple[str, str, datetime], ...]  # camera_num, name, deadline


@dataclass(frozen=True)
class HandoverView:
    id: int
    created_at: datetime
    outgoing: str
    content: HandoverContent
    incoming: str | None
    accepted_at: datetime | None


@dataclass(frozen=True)
class InspectionView:
    id: int
    at: datetime
    operator: str
    results: Mapping[InspectionArea, tuple[bool, str]] = field(default_factory=dict)
    note: str = ""
    # The inspection in depth (issue 13, R-2): each area's picture ("" none), the Appendix C
    # header's contact, and how many cameras it checked, how many failed a check.
    pictures: Mapping[InspectionArea, str] = field(default_factory=dict)
    contact: str = ""
    phone: str = ""
    cameras: int = 0
    failed_cameras: int = 0
