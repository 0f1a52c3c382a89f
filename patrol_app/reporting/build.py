"""One report from the request of the report window to its PDF, workbook and rows as data
(R-1, R-2, R-4): gather, render, with progress and a cancel flag. Blocking: the window runs
it off the GUI thread; D's submission sends what it returns."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from patrol_app.domain.camera import CameraEntry
from patrol_app.domain.holidays import HolidayCalendar
from patrol_app.domain.patrols import BEIJING
from patrol_app.domain.reports import ReportHeading, ReportKind
from patrol_app.reporting.faults import gather_fault_report
from patrol_app.reporting.inspection import gather_inspection_table
from patrol_app.reporting.patrol import gather_patrol_report
from patrol_app.reports import (
    Report,
    ReportPeriod,
    fault_report,
    inspection_table,
    patrol_report,
    render_pdf,
    render_xlsx,
    report_data,
)
from patrol_app.reports.document import CancelCheck, Progress, ignore_progress, never
from patrol_app.store.patrols import PatrolStore

# The share of the progress bar each stage takes: gathering, the PDF, the workbook.
GATHERED, RENDERED = 50, 90  # a month's gathering is half of it


@dataclass(frozen=True)
class ReportRequest:
    """What the operator asked for: the report, its period [start, end) (``period`` for the
    patrol report's kind: shift, day or month), the section's name and contact."""

    kind: ReportKind
    period: ReportPeriod
    start: datetime
    end: datetime
    section_name: str
    operator: str
    contact: str = ""
    phone: str = ""


@dataclass(frozen=True)
class RenderedReport:
    """A report ready to preview, print, save, export and submit."""

    request: ReportRequest
    title: str
    pdf: bytes
    xlsx: bytes
    data: dict[str, Any]  # the rows as JSON-ready data (report_data)
    generated_at: datetime

    @property
    def heading(self) -> ReportHeading:
        """Which report it is (what its submission carries)."""
        return ReportHeading(
            self.request.kind, self.title, self.section, self.request.start, self.request.end
        )

    @property
    def section(self) -> str:
        """The road section it is about (its section name)."""
        return self.request.section_name

    @property
    def file_stem(self) -> str:
        """A file name for it: the title and the period's first Beijing day."""
        day = self.request.start.astimezone(BEIJING)
        return f"{self.title}_{self.request.section_name}_{day:%Y%m%d}"


def gather(
    request: ReportRequest,
    store: PatrolStore,
    cameras: Mapping[str, CameraEntry],
    *,
    now: datetime,
    calendar: HolidayCalendar | None = None,
    cancelled: CancelCheck = never,
    progress: Progress = ignore_progress,
) -> Report:
    """The report's rows from the records, as a Report."""
    if request.kind is ReportKind.PATROL:
        data = gather_patrol_report(
            store,
            cameras,
            request.period,
            request.start,
            request.end,
            section_name=request.section_name,
            operator=request.operator,
            now=now,
            calendar=calendar,
            cancelled=cancelled,
            progress=progress,
        )
        return patrol_report(data)
    if request.kind is ReportKind.FAULTS:
        return fault_report(
            gather_fault_report(
                store,
                request.start,
                request.end,
                section_name=request.section_name,
                operator=request.operator,
                now=now,
            )
        )
    return inspection_table(
        gather_inspection_table(
            store,
            cameras,
            request.start,
            request.end,
            section_name=request.section_name,
            contact=request.contact,
            phone=request.phone,
        )
    )


def build_report(
    request: ReportRequest,
    store: PatrolStore,
    cameras: Mapping[str, CameraEntry],
    *,
    now: datetime,
    calendar: HolidayCalendar | None = None,
    progress: Progress = ignore_progress,
    cancelled: CancelCheck = never,
) -> RenderedReport:
    """Gather and render the report; ``progress(done, 100)``; ReportCancelled when
    ``cancelled()`` turns True."""
    progress(0, 100)

    def gather_progress(done: int, total: int) -> None:
        progress(GATHERED * done // max(total, 1), 100)

    report = gather(
        request,
        store,
        cameras,
        now=now,
        calendar=calendar,
        cancelled=cancelled,
        progress=gather_progress,
    )
    progress(GATHERED, 100)

    def pdf_progress(done: int, total: int) -> None:
        progress(GATHERED + (RENDERED - GATHERED) * done // max(total, 1), 100)

    def xlsx_progress(done: int, total: int) -> None:
        progress(RENDERED + (100 - RENDERED) * done // max(total, 1), 100)

    pdf = render_pdf(report, progress=pdf_progress, cancelled=cancelled)
    xlsx = render_xlsx(report, progress=xlsx_progress, cancelled=cancelled)
    return RenderedReport(request, report.title, pdf, xlsx, report_data(report), now)
