"""The period a report covers, in Beijing time: a shift, a day or a month."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime, time, timedelta

from patrol_app.domain.patrols import BEIJING, DEFAULT_SHIFT_STARTS, shift_bounds
from patrol_app.reports.patrol_report import ReportPeriod


def period_bounds(
    period: ReportPeriod, at: datetime, shift_starts: Sequence[time] = DEFAULT_SHIFT_STARTS
) -> tuple[datetime, datetime]:
    """The shift, Beijing day or Beijing month holding ``at``, as [start, end)."""
    if period is ReportPeriod.SHIFT:
        return shift_bounds(at, shift_starts)
    day = at.astimezone(BEIJING).date()
    if period is ReportPeriod.DAY:
        start = datetime.combine(day, time(), BEIJING)
        return start, start + timedelta(days=1)
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return datetime.combine(first, time(), BEIJING), datetime.combine(following, time(), BEIJING)


def beijing_days(start: datetime, end: datetime) -> Iterator[tuple[date, datetime, datetime]]:
    """The Beijing days overlapping [start, end): (day, its start, its end), clipped."""
    day = start.astimezone(BEIJING).date()
    while True:
        day_start = datetime.combine(day, time(), BEIJING)
        if day_start >= end:
            return
        day_end = day_start + timedelta(days=1)
        yield day, max(day_start, start), min(day_end, end)
        day += timedelta(days=1)
