"""The patrol report of a shift, a day or a month (R-1): how each list was kept, per day for
a day or a month, the patrol records (P-6), the events with their handling, the faults, the
equipment inspections. Blocking: store reads and pure domain calls."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from patrol_app.domain.camera import CameraEntry
from patrol_app.domain.holidays import HolidayCalendar
from patrol_app.domain.inspections import inspection_compliance
from patrol_app.domain.patrols import (
    BEIJING,
    DAILY_INTERVAL,
    KEY_INTERVAL,
    WEATHER_INTERVAL,
    ListCompliance,
    PatrolList,
    PatrolTarget,
    WeatherWarning,
    compliance,
)
from patrol_app.patrols.snapshot import patrol_targets
from patrol_app.reporting.faults import fault_lines, faults_of
from patrol_app.reporting.periods import beijing_days
from patrol_app.reports.document import (
    CancelCheck,
    Progress,
    ReportCancelled,
    ignore_progress,
    never,
)
from patrol_app.reports.patrol_report import (
    DayLines,
    InspectionLine,
    ListLine,
    PatrolReportData,
    ReportPeriod,
)
from patrol_app.store.patrols import PatrolStore

INTERVALS = {
    PatrolList.DAILY: DAILY_INTERVAL,
    PatrolList.KEY: KEY_INTERVAL,
    PatrolList.WEATHER: WEATHER_INTERVAL,
}


def list_line(kept: ListCompliance) -> ListLine:
    """A list's line: ``due`` = the camera-time its rule was in force over its interval (a
    camera on the daily list for a day owes 12 patrols); ``missed`` = the whole intervals a
    camera spent past its deadline (each one a patrol that was not made)."""
    interval = INTERVALS[kept.patrol_list].total_seconds()
    return ListLine(
        patrol_list=kept.patrol_list,
        cameras=kept.cameras,
        due=round(kept.required_seconds / interval),
        done=kept.patrols,
        late=kept.late,
        missed=int(kept.overdue_seconds // interval),
        rate=kept.rate if kept.required_seconds else None,
    )


def _lines(kept: Mapping[PatrolList, ListCompliance]) -> tuple[ListLine, ...]:
    return tuple(list_line(kept[name]) for name in PatrolList)


def _day_times(
    times: Mapping[str, Sequence[datetime]], start: datetime, end: datetime
) -> dict[str, Sequence[datetime]]:
    """Each camera's times in [start, end), headed by its last one before ``start``. The
    bounds in UTC, as the store's times: aware times of one zone compare without computing
    offsets (three times faster over a month's checks)."""
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    sliced: dict[str, Sequence[datetime]] = {}
    for number, each in times.items():
        first = bisect_left(each, start)
        stop = bisect_left(each, end, lo=first)
        sliced[number] = each[max(0, first - 1) : stop]
    return sliced


def daily_compliance(
    targets: Sequence[PatrolTarget],
    times: Mapping[str, Sequence[datetime]],
    warnings: Sequence[WeatherWarning],
    start: datetime,
    end: datetime,
    cancelled: CancelCheck = never,
    progress: Progress = ignore_progress,
) -> list[tuple[date, dict[PatrolList, ListCompliance]]]:
    """How each list was kept each Beijing day of [start, end); ``progress(days done,
    days)``."""
    days = []
    periods = list(beijing_days(start, end))
    for index, (day, day_start, day_end) in enumerate(periods):
        if cancelled():
            raise ReportCancelled
        progress(index, len(periods))
        day_times = _day_times(times, day_start, day_end)
        days.append((day, compliance(targets, day_times, warnings, day_start, day_end)))
    return days


def summed(days: Sequence[Mapping[PatrolList, ListCompliance]]) -> dict[PatrolList, ListCompliance]:
    """The compliance of consecutive days as one period: the days' patrols, late patrols,
    overdue and required time add up exactly (each day starts from the camera's last patrol
    before it, so an overdue stretch over midnight is split, not lost); ``cameras`` is the
    most on any day (the cameras under the list, when the lists did not change)."""
    return {
        name: ListCompliance(
            name,
            cameras=max((day[name].cameras for day in days), default=0),
            patrols=sum(day[name].patrols for day in days),
            late=sum(day[name].late for day in days),
            overdue_seconds=sum(day[name].overdue_seconds for day in days),
            required_seconds=sum(day[name].required_seconds for day in days),
        )
        for name in PatrolList
    }


def gather_patrol_report(
    store: PatrolStore,
    cameras: Mapping[str, CameraEntry],
    period: ReportPeriod,
    start: datetime,
    end: datetime,
    *,
    section_name: str,
    operator: str,
    now: datetime,
    calendar: HolidayCalendar | None = None,
    cancelled: CancelCheck = never,
    progress: Progress = ignore_progress,
) -> PatrolReportData:
    """The rows of the patrol report of [start, end) as they stand at ``now`` (a period
    not over yet is counted up to ``now``); ``cameras``: the directory."""
    upto = max(start, min(end, now))
    targets = patrol_targets(store.lists.list_entries(), cameras)
    warnings = [stored.warning for stored in store.weather.warnings(since=start)]
    times = store.rounds.patrol_times(start, upto)
    if cancelled():
        raise ReportCancelled
    days: tuple[DayLines, ...] = ()
    if period is ReportPeriod.SHIFT:
        kept = compliance(targets, times, warnings, start, upto)
    else:  # each day once; the period is their sum (a month: 31 passes over a day's checks)
        each_day = daily_compliance(targets, times, warnings, start, upto, cancelled, progress)
        days = tuple(DayLines(day, _lines(figures)) for day, figures in each_day)
        kept = summed([figures for _, figures in each_day])
    inspection = None
    if calendar is not None:
        done = [each.at for each in store.inspections.inspections(start, end)]
        last_day = (end - timedelta(microseconds=1)).astimezone(BEIJING).date()
        figures = inspection_compliance(
            done, start.astimezone(BEIJING).date(), last_day, calendar, now
        )
        inspection = InspectionLine(
            figures.required, figures.kept, figures.missed, figures.inspections
        )
    if cancelled():
        raise ReportCancelled
    _, book = store.checklists.checklist()
    return PatrolReportData(
        period=period,
        section_name=section_name,
        start=start,
        end=end,
        generated_at=now,
        generated_by=operator,
        lists=_lines(kept),
        days=days,
        records=tuple(store.rounds.records(start, end)),
        events=tuple(
            replace(event, items=tuple(book.label(code) for code in event.items))
            for event in store.reports.events(start, end)
        ),
        faults=fault_lines(faults_of(store, start, end), now),
        inspection=inspection,
    )
