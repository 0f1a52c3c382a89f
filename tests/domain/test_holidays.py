"""Major holidays (P-8): statutory holidays in Chinese, weekends and make-up days excluded,
fixed dates and the site's extra dates for a year the package does not know."""

from __future__ import annotations

from datetime import date

import pytest

from patrol_app.domain.holidays import HolidayCalendar

CALENDAR = HolidayCalendar()


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2026, 1, 1), "元旦"),
        (date(2026, 2, 17), "春节"),
        (date(2026, 4, 5), "清明节"),
        (date(2026, 5, 1), "劳动节"),
        (date(2026, 6, 19), "端午节"),
        (date(2026, 9, 25), "中秋节"),
        (date(2026, 10, 1), "国庆节"),
        (date(2026, 10, 3), "国庆节"),  # a Saturday within the holiday
    ],
)
def test_statutory_holidays_have_their_chinese_name(day: date, name: str) -> None:
    assert CALENDAR.holiday_name(day) == name


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 7, 15),  # a Wednesday
        date(2026, 7, 18),  # a Saturday: weekends are not major holidays
        date(2026, 1, 4),  # a Sunday worked in exchange for New Year's Day
        date(2026, 2, 14),  # a Saturday worked for the Spring Festival
        date(2026, 10, 8),  # the day after National Day week
    ],
)
def test_working_days_weekends_and_make_up_days_are_not_holidays(day: date) -> None:
    assert CALENDAR.holiday_name(day) is None


def test_a_year_the_package_does_not_know_keeps_the_fixed_dates() -> None:
    assert not CALENDAR.covers(2027)
    assert CALENDAR.covers(2026)
    assert CALENDAR.holiday_name(date(2027, 1, 1)) == "元旦"
    assert CALENDAR.holiday_name(date(2027, 5, 5)) == "劳动节"
    assert CALENDAR.holiday_name(date(2027, 5, 6)) is None
    assert CALENDAR.holiday_name(date(2027, 10, 3)) == "国庆节"
    assert CALENDAR.holiday_name(date(2027, 10, 8)) is None
    assert CALENDAR.holiday_name(date(2027, 2, 6)) is None  # the Spring Festival is not fixed


def test_extra_dates_of_the_site_count() -> None:
    calendar = HolidayCalendar({date(2027, 2, 6): "春节", date(2026, 7, 15): "台风停工"})
    assert calendar.holiday_name(date(2027, 2, 6)) == "春节"
    assert calendar.holiday_name(date(2026, 7, 15)) == "台风停工"
    assert calendar.holiday_name(date(2027, 2, 7)) is None
    assert not calendar.covers(2027)
