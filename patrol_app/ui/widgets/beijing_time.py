"""Beijing time in the widgets: texts and date-time editors at the fixed UTC+08:00 offset,
whatever the host's time zone."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone
from PySide6.QtWidgets import QDateTimeEdit

from patrol_app.domain.patrols import BEIJING

BEIJING_ZONE = QTimeZone(8 * 3600)  # the fixed UTC+08:00 offset, whatever the host's zone


def beijing_date_time(at: datetime | None) -> str:
    """``at`` in Beijing time to the minute, with its year ("" for None)."""
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
    edit = QDateTimeEdit(objectName=object_name)
    edit.setTimeZone(BEIJING_ZONE)
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    edit.setCalendarPopup(True)
    return edit
