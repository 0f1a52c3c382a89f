"""The report window (R-1, R-2, R-4): choose the report, its period and section, generate it
off the GUI thread with a progress bar and a cancel button, preview it, print, save as PDF,
export to Excel. D's submission adds its button with ``add_action`` and follows
``report_ready``."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from datetime import datetime, time
from functools import partial
from typing import Protocol

import shiboken6
from PySide6.QtCore import QDate, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from patrol_app.domain.camera import CameraEntry
from patrol_app.domain.holidays import HolidayCalendar
from patrol_app.domain.patrols import BEIJING
from patrol_app.domain.reports import ReportKind
from patrol_app.patrols.snapshot import PatrolSnapshot
from patrol_app.reporting.build import RenderedReport, ReportRequest, build_report
from patrol_app.reporting.periods import period_bounds
from patrol_app.reports import ReportCancelled, ReportPeriod
from patrol_app.store.database import DatabaseError
from patrol_app.store.patrol_base import PatrolStoreError
from patrol_app.store.patrols import PatrolStore
from patrol_app.ui.reports.preview import PreviewPane
from patrol_app.ui.tasks import TaskRunner


class ReportSources(Protocol):
    """Where the window reads (the patrol model is one): the records, the snapshot with the
    camera directory, the time now, the operator, the shifts and the holiday calendar."""

    @property
    def store(self) -> PatrolStore: ...
    @property
    def snapshot(self) -> PatrolSnapshot | None: ...
    @property
    def operator(self) -> str: ...
    @property
    def shift_starts(self) -> tuple[time, ...]: ...
    @property
    def calendar(self) -> HolidayCalendar: ...
    def now(self) -> datetime: ...


def cameras_of(sources: ReportSources) -> Mapping[str, CameraEntry]:
    snapshot = sources.snapshot
    return {} if snapshot is None else snapshot.cameras


class _Relay(QObject):
    """Carries the builder's progress from the pool thread to the window."""

    progressed = Signal(int, int)


class ReportWindow(QWidget):
    """Shown as a window of its own (Reports menu)."""

    report_ready = Signal(object)  # the RenderedReport just generated

    def __init__(
        self, sources: ReportSources, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("reportWindow")
        self.setWindowTitle(self.tr("Reports"))
        self._sources = sources
        self._runner = runner
        self._cancel: threading.Event | None = None
        self._current: RenderedReport | None = None
        self._relay = _Relay(self)
        self._relay.progressed.connect(self._progressed)

        self.kind = QComboBox(objectName="reportKind")
        for kind, text in (
            (ReportKind.PATROL, self.tr("Patrol report")),
            (ReportKind.INSPECTION_TABLE, self.tr("Section video inspection table (Appendix C)")),
            (ReportKind.FAULTS, self.tr("Fault report")),
        ):
            self.kind.addItem(text, kind.value)
        self.period = QComboBox(objectName="reportPeriod")
        for period, text in (
            (ReportPeriod.SHIFT, self.tr("Shift")),
            (ReportPeriod.DAY, self.tr("Day")),
            (ReportPeriod.MONTH, self.tr("Month")),
        ):
            self.period.addItem(text, period.value)
        self.period.setCurrentIndex(1)
        self.day = QDateEdit(objectName="reportDay", calendarPopup=True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        today = sources.now().astimezone(BEIJING).date()
        self.day.setDate(QDate(today.year, today.month, today.day))
        self.shift = QComboBox(objectName="reportShift")
        for start in sources.shift_starts:
            self.shift.addItem(self.tr("Shift from {start}").format(start=f"{start:%H:%M}"), start)
        self.section = QComboBox(objectName="reportSection", editable=True)
        self.contact = QLineEdit(objectName="reportContact")
        self.phone = QLineEdit(objectName="reportPhone")
        self.generate = QPushButton(self.tr("Generate"), objectName="generateReport")
        self.cancel = QPushButton(self.tr("Cancel"), objectName="cancelReport")
        self.progress = QProgressBar(objectName="reportProgress")
        self.progress.setRange(0, 100)
        self.status = QLabel(objectName="reportStatus", wordWrap=True)

        form = QFormLayout()
        form.addRow(self.tr("Report"), self.kind)
        form.addRow(self.tr("Period"), self.period)
        form.addRow(self.tr("Date"), self.day)
        form.addRow(self.tr("Shift"), self.shift)
        form.addRow(self.tr("Section"), self.section)
        form.addRow(self.tr("Contact"), self.contact)
        form.addRow(self.tr("Phone"), self.phone)
        buttons = QHBoxLayout()
        buttons.addWidget(self.generate)
        buttons.addWidget(self.cancel)
        side = QWidget(objectName="reportChoices")
        column = QVBoxLayout(side)
        column.addLayout(form)
        column.addLayout(buttons)
        column.addWidget(self.progress)
        column.addWidget(self.status)
        column.addStretch(1)
        self._column = column
        self.preview = PreviewPane(self)
        splitter = QSplitter(self)
        splitter.addWidget(side)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([320, 1000])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.kind.currentIndexChanged.connect(self._follow_choice)
        self.period.currentIndexChanged.connect(self._follow_choice)
        self.generate.clicked.connect(self.start)
        self.cancel.clicked.connect(self.stop)
        self._busy(False)
        self.set_sections()
        self._follow_choice()
        self.resize(1400, 860)

    # --- Hooks for the submission (D) --------------------------------------------------------

    @property
    def current(self) -> RenderedReport | None:
        """The report shown, None before the first one."""
        return self._current

    def add_action(self, widget: QWidget) -> None:
        """Add ``widget`` (a button) beside print, save and export."""
        self.preview.buttons.addWidget(widget)

    def add_pane(self, widget: QWidget) -> None:
        """Add ``widget`` (a list) to the side column under the status line, taking the
        column's free height."""
        last = self._column.count() - 1  # the stretch
        self._column.insertWidget(last, widget, 1)
        self._column.setStretch(last + 1, 0)

    # --- Choosing -----------------------------------------------------------------------------

    def set_sections(self) -> None:
        """The road sections of the directory, the most cameras first."""
        counts: dict[str, int] = {}
        for camera in cameras_of(self._sources).values():
            if camera.road_sec:
                counts[camera.road_sec] = counts.get(camera.road_sec, 0) + 1
        chosen = self.section.currentText()
        self.section.clear()
        self.section.addItems(sorted(counts, key=lambda name: (-counts[name], name)))
        if chosen:
            self.section.setCurrentText(chosen)

    @property
    def chosen_kind(self) -> ReportKind:
        return ReportKind(self.kind.currentData())

    @property
    def chosen_period(self) -> ReportPeriod:
        return ReportPeriod(self.period.currentData())

    def choose(self, kind: ReportKind, period: ReportPeriod = ReportPeriod.DAY) -> None:
        """Choose the report and its period, as the operator does with the lists."""
        self.kind.setCurrentIndex(self.kind.findData(kind.value))
        self.period.setCurrentIndex(self.period.findData(period.value))

    def _follow_choice(self) -> None:
        table = self.chosen_kind is ReportKind.INSPECTION_TABLE
        self.period.setEnabled(not table)
        self.shift.setEnabled(not table and self.chosen_period is ReportPeriod.SHIFT)
        self.contact.setEnabled(table)
        self.phone.setEnabled(table)

    def request(self) -> ReportRequest:
        """What the form asks for."""
        kind = self.chosen_kind
        period = ReportPeriod.DAY if kind is ReportKind.INSPECTION_TABLE else self.chosen_period
        chosen = self.day.date()
        day = datetime(chosen.year(), chosen.month(), chosen.day(), 12, tzinfo=BEIJING)
        if period is ReportPeriod.SHIFT:
            start_time: time = self.shift.currentData()
            at = day.replace(hour=start_time.hour, minute=start_time.minute)
        else:
            at = day
        start, end = period_bounds(period, at, self._sources.shift_starts)
        return ReportRequest(
            kind=kind,
            period=period,
            start=start,
            end=end,
            section_name=self.section.currentText().strip(),
            operator=self._sources.operator,
            contact=self.contact.text().strip(),
            phone=self.phone.text().strip(),
        )

    # --- Generating ---------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._cancel is not None

    def _busy(self, busy: bool) -> None:
        self.generate.setEnabled(not busy)
        self.cancel.setEnabled(busy)
        self.progress.setVisible(busy)

    def start(self) -> None:
        """Generate the report of the form off the GUI thread."""
        if self.busy:
            return
        request = self.request()
        cancel = threading.Event()
        self._cancel = cancel
        relay = self._relay

        def progress(done: int, total: int) -> None:
            if shiboken6.isValid(relay):
                relay.progressed.emit(done, total)

        self.progress.setValue(0)
        self.status.setText(self.tr("Generating…"))
        self._busy(True)
        self._runner.run(
            partial(
                build_report,
                request,
                self._sources.store,
                dict(cameras_of(self._sources)),
                now=self._sources.now(),
                calendar=self._sources.calendar,
                progress=progress,
                cancelled=cancel.is_set,
            ),
            on_done=self._built,
            on_error=self._failed,
            expected=(ReportCancelled, DatabaseError, PatrolStoreError),
            always=self._settled,
            owner=self,
        )

    def stop(self) -> None:
        """Cancel the report being generated."""
        if self._cancel is not None:
            self._cancel.set()
            self.status.setText(self.tr("Cancelling…"))

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setValue(100 * done // max(total, 1))

    def _settled(self) -> None:
        self._cancel = None
        self._busy(False)

    def _built(self, report: RenderedReport) -> None:
        self._current = report
        if self.preview.show_report(report.pdf, report.title, report.xlsx, report.file_stem):
            self.status.setText(self.tr("Generated."))
        else:
            self.status.setText(self.tr("The report was generated but cannot be shown."))
        self.report_ready.emit(report)

    def _failed(self, error: Exception) -> None:
        if isinstance(error, ReportCancelled):
            self.status.setText(self.tr("Cancelled."))
        else:
            self.status.setText(self.tr("Cannot generate the report: {error}").format(error=error))

    def closeEvent(self, event: object) -> None:
        self.stop()
        super().closeEvent(event)  # type: ignore[arg-type]
