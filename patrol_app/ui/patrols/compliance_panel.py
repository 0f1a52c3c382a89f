"""The always-visible patrol panel (P-1..P-3, P-8): per list what is due, overdue and done
this shift with its rate, the shift, the equipment inspection, severe warnings, and the
cameras that are late or due (double-click one to watch it)."""

from __future__ import annotations

from collections import defaultdict
from datetime import time, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from patrol_app.domain.patrols import BEIJING, DueState, PatrolList, SectionKey
from patrol_app.domain.records import StoredWarning
from patrol_app.patrols.snapshot import PatrolSnapshot
from patrol_app.ui.patrols.model import PatrolModel
from patrol_app.ui.widgets.beijing_time import beijing_hm

OVERDUE_COLOUR = "#c0392b"  # red
DUE_COLOUR = "#b9770e"  # amber, dark enough to read on a light background
CAMERA_NUM_ROLE = Qt.ItemDataRole.UserRole + 1


class CompliancePanel(QWidget):
    """Shows ``model``'s snapshots; ``camera_activated(camera_num)`` on a double-click on a
    late or due camera. Rounds start from the round panel below it (or F5)."""

    camera_activated = Signal(str)

    def __init__(self, model: PatrolModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model

        self._shift = QLabel(self.tr("Loading patrol status…"), objectName="shiftPeriod")
        font = self._shift.font()
        font.setBold(True)
        self._shift.setFont(font)

        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        headers = (self.tr("Due"), self.tr("Overdue"), self.tr("Done this shift"), self.tr("Rate"))
        for column, text in enumerate(headers, 1):
            header = QLabel(text)
            header.setAlignment(Qt.AlignmentFlag.AlignRight)
            grid.addWidget(header, 0, column)
        names = {
            PatrolList.DAILY: self.tr("Daily patrol"),
            PatrolList.KEY: self.tr("Key patrol"),
            PatrolList.WEATHER: self.tr("Severe-weather patrol"),
        }
        self._cells: dict[tuple[PatrolList, str], QLabel] = {}
        for row, patrol_list in enumerate(PatrolList, 1):
            grid.addWidget(QLabel(names[patrol_list]), row, 0)
            for column, part in enumerate(("due", "overdue", "done", "rate"), 1):
                cell = QLabel("–", objectName=f"{part}_{patrol_list.value}")
                cell.setAlignment(Qt.AlignmentFlag.AlignRight)
                grid.addWidget(cell, row, column)
                self._cells[patrol_list, part] = cell

        self._inspection = QLabel(objectName="inspection", wordWrap=True)
        self._calendar = QLabel(objectName="calendarWarning", wordWrap=True)
        self._calendar.setStyleSheet(f"color: {DUE_COLOUR};")
        self._calendar.hide()
        self._warnings = QLabel(objectName="severeWarnings", wordWrap=True)
        self._error = QLabel(objectName="patrolError", wordWrap=True)
        self._error.setStyleSheet(f"color: {OVERDUE_COLOUR};")
        self._error.hide()

        self._late = QTreeWidget(objectName="lateCameras")
        self._late.setColumnCount(3)
        self._late.setHeaderLabels([self.tr("Camera"), self.tr("Pile"), self.tr("Status")])
        self._late.setRootIsDecorated(False)
        self._late.setUniformRowHeights(True)
        self._late.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._late.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self._late.itemActivated.connect(self._activated)
        _name_stretches(self._late)

        page = QVBoxLayout(self)
        page.setContentsMargins(4, 4, 4, 4)
        page.addWidget(self._shift)
        page.addLayout(grid)
        page.addWidget(self._inspection)
        page.addWidget(self._calendar)
        page.addWidget(self._warnings)
        page.addWidget(self._error)
        page.addWidget(self._late, 1)

        model.follow(self.show_snapshot, self._failed)

    @property
    def late_cameras(self) -> QTreeWidget:
        return self._late

    def show_snapshot(self, snapshot: PatrolSnapshot) -> None:
        self._error.hide()
        start, end = snapshot.shift
        self._shift.setText(
            self.tr("Shift {start}–{end}").format(start=beijing_hm(start), end=beijing_hm(end))
        )
        self._show_lists(snapshot)
        self._show_inspection(snapshot)
        if snapshot.calendar_covers:
            self._calendar.hide()
        else:
            year = snapshot.at.astimezone(BEIJING).year
            self._calendar.setText(
                self.tr(
                    "The holiday calendar does not cover {year} yet: only New Year's Day, "
                    "Labour Day, National Day and the site's extra holidays count. Update "
                    "the chinesecalendar package or add the dates to extra_holidays."
                ).format(year=year)
            )
            self._calendar.show()
        self._show_warnings(snapshot.active_warnings())
        self._show_late(snapshot)

    def _show_lists(self, snapshot: PatrolSnapshot) -> None:
        for patrol_list in PatrolList:
            figures = snapshot.figures(patrol_list)
            _count(self._cells[patrol_list, "due"], figures.due, DUE_COLOUR)
            _count(self._cells[patrol_list, "overdue"], figures.overdue, OVERDUE_COLOUR)
            self._cells[patrol_list, "done"].setText(str(figures.done))
            rate = self._cells[patrol_list, "rate"]
            if figures.rate is None:
                rate.setText("–")
                rate.setStyleSheet("")
                rate.setToolTip(self.tr("Nothing of this shift is due or done yet"))
            else:
                rate.setText(f"{figures.rate:.1%}")
                rate.setStyleSheet(f"color: {DUE_COLOUR};" if figures.late else "")
                rate.setToolTip("")

    def _show_inspection(self, snapshot: PatrolSnapshot) -> None:
        status = snapshot.inspection
        text = self.tr("Equipment inspection today: {done}/{required}").format(
            done=status.done, required=status.required
        )
        if status.holiday:
            text += self.tr(" (holiday: {name})").format(name=status.holiday)
        colour = ""
        if status.state is DueState.DUE:
            if status.window_end.astimezone(BEIJING).time() == time(0):
                text += self.tr("; due today")
            else:
                text += self.tr("; due by {time}").format(time=beijing_hm(status.window_end))
            colour = DUE_COLOUR
        if status.missed:
            text += self.tr("; {count} missed").format(count=status.missed)
            colour = OVERDUE_COLOUR
        self._inspection.setText(text)
        self._inspection.setStyleSheet(f"color: {colour};" if colour else "")

    def _show_warnings(self, warnings: list[StoredWarning]) -> None:
        if not warnings:
            self._warnings.setText(self.tr("No severe weather warning in force"))
            self._warnings.setStyleSheet("")
            return
        by_section: dict[SectionKey, list[str]] = defaultdict(list)
        for stored in sorted(warnings, key=lambda each: each.warning.starts_at):
            warning = stored.warning
            by_section[warning.section].append(
                self.tr("{level} {kind} since {time}").format(
                    level=warning.level.label,
                    kind=warning.kind.label,
                    time=beijing_hm(warning.starts_at),
                )
            )
        lines = [
            self.tr("Severe warning on {section}: {warnings}").format(
                section=section, warnings=self.tr("; ").join(texts)
            )
            for section, texts in sorted(by_section.items(), key=lambda item: str(item[0]))
        ]
        self._warnings.setText("\n".join(lines))
        self._warnings.setStyleSheet(f"color: {OVERDUE_COLOUR};")

    def _show_late(self, snapshot: PatrolSnapshot) -> None:
        self._late.clear()
        for due in snapshot.late_cameras():
            camera = snapshot.cameras.get(due.camera_num)
            name, pile = (camera.name, camera.pile) if camera else (due.camera_num, "")
            if due.state is DueState.OVERDUE:
                status = self.tr("{duration} late").format(
                    duration=self._duration(snapshot.at - due.deadline)
                )
                colour = OVERDUE_COLOUR
            else:
                status = self.tr("due by {time}").format(time=beijing_hm(due.deadline))
                colour = DUE_COLOUR
            item = QTreeWidgetItem([name, pile, status])
            item.setData(0, CAMERA_NUM_ROLE, due.camera_num)
            item.setToolTip(0, name)
            for column in range(3):
                item.setForeground(column, QBrush(QColor(colour)))
            self._late.addTopLevelItem(item)

    def _duration(self, late: timedelta) -> str:
        minutes = max(0, int(late.total_seconds()) // 60)
        if minutes < 60:
            return self.tr("{minutes} min").format(minutes=minutes)
        return self.tr("{hours} h {minutes} min").format(hours=minutes // 60, minutes=minutes % 60)

    def _activated(self, item: QTreeWidgetItem) -> None:
        self.camera_activated.emit(item.data(0, CAMERA_NUM_ROLE))

    def _failed(self, message: str) -> None:
        self._error.setText(self.tr("Patrol records: {error}").format(error=message))
        self._error.show()


def _name_stretches(tree: QTreeWidget) -> None:
    """The first column (the camera's name) takes the room the others leave."""
    header = tree.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)


def _count(label: QLabel, count: int, colour: str) -> None:
    label.setText(str(count))
    label.setStyleSheet(f"color: {colour}; font-weight: bold;" if count else "")
