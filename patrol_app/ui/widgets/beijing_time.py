"""Times as the control room reads them: Beijing time (UTC+08:00) whatever the host's zone,
shown in labels and edited in date-time fields. The records keep UTC (docs/PATROLS.md)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone
from PySide6.QtWidgets import QDateTimeEdit

from patrol_app.domain.patrols import BEIJING

BEIJING_ZONE = QTimeZone(8 * 3600)  # the fixed UTC+08:00 offset, whatever the host's zone


def beijing_hm(at: datetime) -> str:
    """A time as the control room reads it: Beijing ``HH:MM``."""
    return at.astimezone(BEIJING).strftime("%H:%M")


def beijing_text(at: datetime) -> str:
    """A date and time in Beijing time, ``MM-DD HH:MM``."""
    return at.astimezone(BEIJING).strftime("%m-%d %H:%M")


def beijing_datetime(at: datetime | None) -> str:
    """A date and time in Beijing time, ``YYYY-MM-DD HH:MM`` ("" for none)."""
    return "" if at is None else at.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")


def to_qdatetime(at: datetime) -> QDateTime:
    local = at.astimezone(BEIJING)
    return QDateTime(
        QDate(local.year, local.month, local.day),
        QTime(local.hour, local.minute, local.second),
        BEIJING_ZONE,
    )


def from_qdatetime(value: QDateTime) -> datetime:
    """The Beijing wall time shown by a QDateTimeEdit in ``BEIJING_ZONE``, as an aware
    datetime."""
    day, clock = value.date(), value.time()
    return datetime(
        day.year(), day.month(), day.day(), clock.hour(), clock.minute(), tzinfo=BEIJING
    )


def beijing_edit(object_name: str) -> QDateTimeEdit:
    """A date-time field in Beijing time, to the minute, with a calendar."""
    edit = QDateTimeEdit(objectName=object_name)
    edit.setTimeZone(BEIJING_ZONE)
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    edit.setCalendarPopup(True)
    return edit
