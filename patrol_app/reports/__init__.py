"""reportlab PDFs and spreadsheet exports (R-1, R-2, R-4, F-1): no Qt, no store.

A report is built from plain rows (the dataclasses below) into a ``Report``; ``render_pdf``
and ``render_xlsx`` write it, so the PDF and the workbook hold the same rows. The use cases
that gather the rows from the records are in ``patrol_app.reporting``; the preview, print
and export window in ``patrol_app.ui.reports``. docs/REPORTS.md.
"""

from __future__ import annotations

from typing import Any

from patrol_app.reports.document import (
    FieldsBlock,
    Report,
    ReportCancelled,
    TableBlock,
    TextBlock,
)
from patrol_app.reports.faults import (
    FaultLine,
    FaultReportData,
    RepairRequest,
    fault_report,
    repair_request,
)
from patrol_app.reports.inspection_table import (
    InspectionTable,
    InspectionTableRow,
    inspection_table,
)
from patrol_app.reports.patrol_report import (
    DayLines,
    InspectionLine,
    ListLine,
    PatrolReportData,
    ReportPeriod,
    patrol_report,
)
from patrol_app.reports.pdf import render_pdf
from patrol_app.reports.xlsx import render_xlsx


def render_repair_request(request: RepairRequest) -> bytes:
    """The repair request (报修单) of one fault as PDF bytes."""
    return render_pdf(repair_request(request))


def report_data(report: Report) -> dict[str, Any]:
    """The report's rows as JSON-ready data (what a submission sends beside the PDF)."""
    blocks: list[dict[str, Any]] = []
    for block in report.blocks:
        if isinstance(block, TableBlock):
            blocks.append(
                {
                    "type": "table",
                    "title": block.title or block.sheet,
                    "header": block.header_grid(),
                    "rows": [list(row) for row in block.rows],
                }
            )
        elif isinstance(block, FieldsBlock):
            blocks.append({"type": "fields", "title": block.title, "fields": dict(block.fields)})
        else:
            blocks.append({"type": "text", "title": block.title, "lines": list(block.lines)})
    return {"title": report.title, "header_lines": list(report.header_lines), "blocks": blocks}


__all__ = [
    "DayLines",
    "FaultLine",
    "FaultReportData",
    "FieldsBlock",
    "InspectionLine",
    "InspectionTable",
    "InspectionTableRow",
    "ListLine",
    "PatrolReportData",
    "RepairRequest",
    "Report",
    "ReportCancelled",
    "ReportPeriod",
    "TableBlock",
    "TextBlock",
    "fault_report",
    "inspection_table",
    "patrol_report",
    "render_pdf",
    "render_repair_request",
    "render_xlsx",
    "repair_request",
    "report_data",
]
