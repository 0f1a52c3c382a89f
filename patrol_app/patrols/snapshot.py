"""What is due (P-1..P-3, P-8): the snapshot the patrol views show, computed from the records
and the pure rules at a given instant, and the figures the views read off it.

``compute_snapshot`` is blocking (store reads): the views call it through their task runner.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from patrol_app.domain.checklists import ChecklistBook, ChecklistItem
from patrol_app.domain.holidays import HolidayCalendar
from patrol_app.domain.inspections import InspectionStatus, inspection_status
from patrol_app.domain.patrols import (
    BEIJING,
    CameraDue,
    DueState,
    ListCompliance,
    ListEntry,
    PatrolList,
    PatrolTarget,
    SectionKey,
    SiteType,
    WeatherKind,
    compliance,
    default_site,
    due_status,
    round_order,
    shift_bounds,
)
from patrol_app.domain.pile import PileNumber, PileNumberError
from patrol_app.domain.records import EventView, FaultView, StoredWarning
from patrol_app.platform.sharing import CameraEntry
from patrol_app.store.patrols import PatrolStore

log = logging.getLogger(__name__)

NEXT_HOUR = timedelta(hours=1)


def section_of(camera: CameraEntry) -> SectionKey:
    return SectionKey(camera.road, camera.road_sec)


def site_of(camera: CameraEntry) -> SiteType:
    """The site the platform gives (a construction site's temporary camera joins the key
    list at once, P-2), else the one of its ``classify``."""
    try:
        return SiteType(camera.patrol_site)
    except ValueError:
        pass
    try:
        return default_site(camera.classify)
    except ValueError:
        # An unknown classify code: every camera is at least on the daily list (P-1), as
        # mainline; the list editor can set its real site.
        log.warning("camera %s has an unknown classify %r", camera.camera_num, camera.classify)
        return SiteType.MAINLINE


def join_lists(store: PatrolStore, cameras: Sequence[CameraEntry], now: datetime) -> list[str]:
    """Blocking: the cameras of the directory not yet on the lists join them (P-1, P-2), with
    their site as the platform gives it, else from ``classify``. The numbers that joined."""
    return store.lists.join_new({camera.camera_num: site_of(camera) for camera in cameras}, now)


@dataclass(frozen=True)
class ListFigures:
    """One list's line of the compliance panel."""

    due: int
    overdue: int
    done: int  # patrols of the list this shift
    rate: float | None  # None while nothing of the shift is due or done (shown as "–")
    late: bool  # some camera of the list went overdue this shift


@dataclass(frozen=True)
class PatrolSnapshot:
    """Everything the patrol views show, as it stood at ``at``."""

    at: datetime  # aware UTC "now" of this snapshot
    cameras: Mapping[str, CameraEntry]  # the directory
    entries: Mapping[str, ListEntry]  # current list entries
    targets: tuple[PatrolTarget, ...]
    due: tuple[CameraDue, ...]  # due_status at `at`
    shift: tuple[datetime, datetime]  # shift_bounds of `at`
    compliance: Mapping[PatrolList, ListCompliance]  # from the shift's start to `at`
    warnings: tuple[StoredWarning, ...]  # not ended before `at`
    checklist_version: int
    checklist: ChecklistBook
    open_events: tuple[EventView, ...]
    open_faults: tuple[FaultView, ...]
    inspection: InspectionStatus
    calendar_covers: bool  # the holiday calendar knows this year

    def due_cameras(self) -> list[str]:
        """The cameras DUE or OVERDUE, in round order (unreadable piles last, by number):
        the cameras of a round started now."""
        walkable: list[tuple[str, SectionKey, PileNumber]] = []
        stray: list[str] = []
        for due in self.due:
            if due.state is DueState.DONE:
                continue
            camera = self.cameras.get(due.camera_num)
            try:
                if camera is None:
                    raise PileNumberError(due.camera_num)
                walkable.append((due.camera_num, section_of(camera), PileNumber.parse(camera.pile)))
            except PileNumberError:
                stray.append(due.camera_num)
        return round_order(walkable) + sorted(stray)

    def late_cameras(self) -> list[CameraDue]:
        """The cameras DUE or OVERDUE, the overdue first, each by deadline."""
        return sorted(
            (due for due in self.due if due.state is not DueState.DONE),
            key=lambda due: (due.state is not DueState.OVERDUE, due.deadline, due.camera_num),
        )

    def due_soon(
        self, now: datetime, within: timedelta = NEXT_HOUR
    ) -> tuple[tuple[str, str, datetime], ...]:
        """The cameras whose deadline is at most ``within`` after ``now`` (or already past),
        soonest first, as a handover keeps them: (camera_num, name, deadline)."""
        horizon = now + within
        soon = sorted(
            (due for due in self.due if due.deadline <= horizon),
            key=lambda due: (due.deadline, due.camera_num),
        )
        return tuple((due.camera_num, self.name_of(due.camera_num), due.deadline) for due in soon)

    def figures(self, patrol_list: PatrolList) -> ListFigures:
        """The due and overdue cameras of ``patrol_list`` now, and how its rule was kept
        this shift."""
        states = [due.state for due in self.due if patrol_list in due.lists]
        kept = self.compliance.get(patrol_list)
        measured = kept is not None and bool(kept.required_seconds) and kept.measured
        return ListFigures(
            due=states.count(DueState.DUE),
            overdue=states.count(DueState.OVERDUE),
            done=kept.patrols if kept is not None else 0,
            rate=kept.rate if measured and kept is not None else None,
            late=measured and kept is not None and bool(kept.overdue_seconds),
        )

    def active_warnings(self, section: SectionKey | None = None) -> list[StoredWarning]:
        """The severe warnings in force at ``at`` (on ``section`` when given)."""
        return [
            stored
            for stored in self.warnings
            if stored.warning.level.severe
            and stored.warning.active(self.at)
            and (section is None or stored.warning.section == section)
        ]

    def checklist_for(self, camera_num: str) -> tuple[ChecklistItem, ...]:
        """What to look for at the camera: its site's items, plus the weather items of the
        severe warnings in force on its section."""
        entry = self.entries.get(camera_num)
        site = entry.site if entry is not None else SiteType.MAINLINE
        camera = self.cameras.get(camera_num)
        kinds: list[WeatherKind] = []
        if camera is not None:
            kinds = [stored.warning.kind for stored in self.active_warnings(section_of(camera))]
        return self.checklist.items_for(site, kinds)

    def sections(self) -> list[SectionKey]:
        """The road sections of the directory, by name (where warnings are given)."""
        return sorted({section_of(camera) for camera in self.cameras.values()}, key=str)

    def due_of(self, camera_num: str) -> CameraDue | None:
        return next((due for due in self.due if due.camera_num == camera_num), None)

    def name_of(self, camera_num: str) -> str:
        """The camera's name in the directory, else its number."""
        camera = self.cameras.get(camera_num)
        return camera.name if camera is not None else camera_num

    def cameras_with_faults(self) -> int:
        """How many cameras have a video fault not yet closed."""
        return len({fault.camera_num for fault in self.open_faults})


def beijing_day(at: datetime) -> tuple[datetime, datetime]:
    """The Beijing calendar day holding ``at``, as [start, end)."""
    day = at.astimezone(BEIJING).date()
    start = datetime.combine(day, time(0), BEIJING)
    return start, start + timedelta(days=1)


def compute_snapshot(
    store: PatrolStore,
    cameras: Mapping[str, CameraEntry],
    now: datetime,
    shift_starts: Sequence[time],
    calendar: HolidayCalendar,
) -> PatrolSnapshot:
    """Blocking: the snapshot at ``now``, from store reads and pure domain calls only."""
    entries = store.lists.list_entries()
    targets = tuple(
        PatrolTarget(
            camera_num=number,
            section=section_of(cameras[number]),
            site=entry.site,
            daily=entry.daily,
            key=entry.key,
            since=entry.since,
        )
        for number, entry in entries.items()
        if number in cameras  # a camera gone from the directory has no section to patrol
    )
    shift = shift_bounds(now, shift_starts)
    stored = store.weather.warnings(since=shift[0])
    warnings = [each.warning for each in stored]
    due = due_status(targets, store.rounds.last_patrols(), warnings, now)
    kept = compliance(targets, store.rounds.patrol_times(shift[0], now), warnings, shift[0], now)
    version, book = store.checklists.checklist()
    day_start, day_end = beijing_day(now)
    done = [each.at for each in store.inspections.inspections(day_start, day_end)]
    return PatrolSnapshot(
        at=now,
        cameras=dict(cameras),
        entries=entries,
        targets=targets,
        due=tuple(due),
        shift=shift,
        compliance=kept,
        warnings=tuple(
            each for each in stored if each.warning.ends_at is None or each.warning.ends_at > now
        ),
        checklist_version=version,
        checklist=book,
        open_events=tuple(store.events.open_events()),
        open_faults=tuple(store.faults.open_faults()),
        inspection=inspection_status(done, now, calendar),
        calendar_covers=calendar.covers(now.astimezone(BEIJING).year),
    )
