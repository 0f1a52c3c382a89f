"""Equipment inspection (P-8): once a day, three 8-hour windows on a major holiday, Beijing
days."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from patrol_app.domain.holidays import HolidayCalendar
from patrol_app.domain.inspections import (
    InspectionCompliance,
    inspection_compliance,
    inspection_status,
    inspection_windows,
    required_inspections,
)
from patrol_app.domain.patrols import BEIJING, DueState

CALENDAR = HolidayCalendar()
NATIONAL_DAY = date(2026, 10, 1)
WORKING_DAY = date(2026, 7, 15)


def bj(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BEIJING)


def test_a_holiday_needs_three_inspections_a_normal_day_one() -> None:
    assert required_inspections(NATIONAL_DAY, CALENDAR) == 3
    assert required_inspections(WORKING_DAY, CALENDAR) == 1
    assert required_inspections(date(2026, 7, 18), CALENDAR) == 1  # a weekend
    assert required_inspections(date(2027, 10, 3), CALENDAR) == 3  # fixed date, year not covered


def test_windows_of_a_holiday_and_of_a_normal_day() -> None:
    after = NATIONAL_DAY + timedelta(days=1)
    assert inspection_windows(NATIONAL_DAY, CALENDAR) == [
        (bj(NATIONAL_DAY, 0), bj(NATIONAL_DAY, 8)),
        (bj(NATIONAL_DAY, 8), bj(NATIONAL_DAY, 16)),
        (bj(NATIONAL_DAY, 16), bj(after, 0)),
    ]
    assert inspection_windows(WORKING_DAY, CALENDAR) == [
        (bj(WORKING_DAY, 0), bj(WORKING_DAY + timedelta(days=1), 0))
    ]


def test_holiday_status_follows_the_current_window() -> None:
    done = [bj(NATIONAL_DAY, 7)]
    status = inspection_status(done, bj(NATIONAL_DAY, 9), CALENDAR)
    assert (status.day, status.holiday, status.required) == (NATIONAL_DAY, "国庆节", 3)
    assert (status.done, status.missed, status.state) == (1, 0, DueState.DUE)
    assert (status.window_start, status.window_end) == (bj(NATIONAL_DAY, 8), bj(NATIONAL_DAY, 16))
    status = inspection_status([*done, bj(NATIONAL_DAY, 8)], bj(NATIONAL_DAY, 9), CALENDAR)
    assert (status.done, status.state) == (2, DueState.DONE)
    # The morning window ended without an inspection: missed, and the evening one is due.
    status = inspection_status([bj(NATIONAL_DAY, 8, 30)], bj(NATIONAL_DAY, 17), CALENDAR)
    assert (status.done, status.missed, status.state) == (1, 1, DueState.DUE)


def test_a_normal_day_is_due_until_inspected_and_never_overdue() -> None:
    status = inspection_status([], bj(WORKING_DAY, 23, 59), CALENDAR)
    assert (status.required, status.done, status.missed, status.state) == (1, 0, 0, DueState.DUE)
    assert status.holiday is None
    assert status.window_end == bj(WORKING_DAY + timedelta(days=1), 0)
    yesterday = bj(WORKING_DAY - timedelta(days=1), 10)
    assert inspection_status([yesterday], bj(WORKING_DAY, 9), CALENDAR).state is DueState.DUE
    status = inspection_status([yesterday, bj(WORKING_DAY, 8)], bj(WORKING_DAY, 9), CALENDAR)
    assert (status.done, status.state) == (1, DueState.DONE)


def test_the_day_changes_at_beijing_midnight() -> None:
    """2026-01-31T23:30+08:00 is 15:30 UTC, 2026-02-01T00:30+08:00 is 16:30 UTC."""
    late_january = datetime(2026, 1, 31, 15, 30, tzinfo=UTC)
    early_february = datetime(2026, 1, 31, 16, 30, tzinfo=UTC)
    status = inspection_status([late_january], early_february, CALENDAR)
    assert (status.day, status.state) == (date(2026, 2, 1), DueState.DUE)
    status = inspection_status([late_january], datetime(2026, 1, 31, 15, 45, tzinfo=UTC), CALENDAR)
    assert (status.day, status.state) == (date(2026, 1, 31), DueState.DONE)
    # UTC midnight is 08:00 in Beijing: it belongs to the Beijing day.
    utc_midnight = datetime(2026, 2, 1, tzinfo=UTC)
    status = inspection_status([early_february], utc_midnight, CALENDAR)
    assert (status.day, status.state) == (date(2026, 2, 1), DueState.DONE)


def test_compliance_of_a_holiday_with_two_inspections() -> None:
    done = [bj(NATIONAL_DAY, 7), bj(NATIONAL_DAY, 9)]
    result = inspection_compliance(done, NATIONAL_DAY, NATIONAL_DAY, CALENDAR)
    assert result == InspectionCompliance(NATIONAL_DAY, NATIONAL_DAY, 3, 2, 1, 2)
    assert result.rate == 2 / 3


def test_compliance_counts_windows_not_inspections() -> None:
    """Two inspections in one window of a normal day keep one window; the period is the
    days inclusive (30 Sep, a normal day, then 1 Oct: 1 + 3 windows)."""
    sept_30 = date(2026, 9, 30)
    done = [bj(sept_30, 9), bj(sept_30, 21), bj(NATIONAL_DAY, 1), bj(NATIONAL_DAY, 10)]
    result = inspection_compliance(done, sept_30, NATIONAL_DAY, CALENDAR)
    assert (result.required, result.kept, result.missed, result.inspections) == (4, 3, 1, 4)
    assert result.rate == 3 / 4
    single = inspection_compliance(done[:2], sept_30, sept_30, CALENDAR)
    assert (single.required, single.kept, single.missed, single.rate) == (1, 1, 0, 1.0)


def test_compliance_splits_months_at_beijing_midnight() -> None:
    jan_31, feb_1 = date(2026, 1, 31), date(2026, 2, 1)
    done = [datetime(2026, 1, 31, 16, 30, tzinfo=UTC)]  # 00:30 on 1 Feb in Beijing
    january = inspection_compliance(done, date(2026, 1, 30), jan_31, CALENDAR)
    assert (january.required, january.kept, january.missed, january.inspections) == (2, 0, 2, 0)
    february = inspection_compliance(done, feb_1, feb_1, CALENDAR)
    assert (february.kept, february.missed, february.inspections) == (1, 0, 1)


def test_a_window_still_open_at_now_is_not_missed() -> None:
    done = [bj(NATIONAL_DAY, 7)]
    result = inspection_compliance(
        done, NATIONAL_DAY, NATIONAL_DAY, CALENDAR, now=bj(NATIONAL_DAY, 10)
    )
    assert (result.required, result.kept, result.missed) == (3, 1, 0)
    assert result.rate == 1.0
    later = inspection_compliance(done, NATIONAL_DAY, NATIONAL_DAY, CALENDAR, bj(NATIONAL_DAY, 17))
    assert (later.missed, later.rate) == (1, 0.5)


def test_a_site_holiday_in_a_year_not_covered() -> None:
    calendar = HolidayCalendar({date(2027, 2, 6): "春节"})
    spring = date(2027, 2, 6)
    assert required_inspections(spring, CALENDAR) == 1
    assert required_inspections(spring, calendar) == 3
    assert len(inspection_windows(spring, calendar)) == 3


def test_an_inspection_at_08_00_belongs_to_the_window_starting_then() -> None:
    status = inspection_status([bj(NATIONAL_DAY, 8)], bj(NATIONAL_DAY, 17), CALENDAR)
    assert (status.done, status.missed) == (1, 1)
