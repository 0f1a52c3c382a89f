"""Major holidays (法定节假日) for the equipment inspection rule (P-8, spec 11.3.3).

The statutory holidays come from the ``chinese_calendar`` package, which knows a year once
the State Council has published its arrangement. Weekends are not major holidays, and
neither are the make-up working days (调休上班). For a year the package does not know yet,
only the fixed-date holidays and the site's extra dates count, and ``covers`` says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType

import chinese_calendar
from chinese_calendar.constants import Holiday

_CHINESE_NAMES = {
    Holiday.new_years_day.value: "元旦",
    Holiday.spring_festival.value: "春节",
    Holiday.tomb_sweeping_day.value: "清明节",
    Holiday.labour_day.value: "劳动节",
    Holiday.dragon_boat_festival.value: "端午节",
    Holiday.national_day.value: "国庆节",
    Holiday.mid_autumn_festival.value: "中秋节",
    Holiday.anti_fascist_70th_day.value: "抗战胜利70周年纪念日",
}
# A name a newer package adds before this table knows it.
_UNKNOWN_NAME = "节假日"

# Holidays on the same dates every year, for the years the package does not cover.
_FIXED_DATES = {
    (1, 1): "元旦",
    **{(5, day): "劳动节" for day in range(1, 6)},
    **{(10, day): "国庆节" for day in range(1, 8)},
}


class HolidayCalendar:
    """Which days are major holidays. ``extra``: the site's own dates (for a year the package
    does not cover yet); they count in every year and their name wins."""

    def __init__(self, extra: Mapping[date, str] = MappingProxyType({})) -> None:
        self._extra = dict(extra)

    def holiday_name(self, day: date) -> str | None:
        """The Chinese name of the major holiday ``day`` belongs to, or None."""
        if day in self._extra:
            return self._extra[day]
        try:
            on_holiday, name = chinese_calendar.get_holiday_detail(day)
        except NotImplementedError:  # a year the package does not know
            return _FIXED_DATES.get((day.month, day.day))
        if not on_holiday or name is None:  # a working day, a make-up working day, a weekend
            return None
        return _CHINESE_NAMES.get(name, _UNKNOWN_NAME)

    def covers(self, year: int) -> bool:
        """Whether the package knows the statutory holidays of ``year``."""
        try:
            chinese_calendar.get_holiday_detail(date(year, 1, 1))
        except NotImplementedError:
            return False
        return True
