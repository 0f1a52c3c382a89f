"""The workbook of every report (openpyxl): the same title, header lines and rows as its
PDF. Each table (or form) gets a worksheet of its own, with the table's header (merged cells
as in the PDF) and its rows; notes go under the table they follow. Whole numbers are
written as numbers, everything else as the text the PDF shows."""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from patrol_app.reports.document import (
    CancelCheck,
    FieldsBlock,
    Progress,
    Report,
    ReportCancelled,
    TableBlock,
    ignore_progress,
    never,
)

_INTEGER = re.compile(r"-?\d{1,15}")
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="E6E6E6")
_WRAP = Alignment(wrap_text=True, vertical="center")
_CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")
CANCEL_EVERY = 500


def cell_value(text: str) -> str | int:
    """What a cell holds: a whole number as a number, else the text."""
    return int(text) if _INTEGER.fullmatch(text) else text


def sheet_title(name: str, taken: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub("", name)[:28] or "表"
    title, number = base, 2
    while title in taken:
        title, number = f"{base}{number}", number + 1
    taken.add(title)
    return title


def _write_table(
    sheet: Worksheet,
    start: int,
    block: TableBlock,
    progress: Progress,
    cancelled: CancelCheck,
    done: int,
    total: int,
) -> tuple[int, int]:
    """Writes the table from row ``start``; the next free row and the rows done so far."""
    for offset, titles in enumerate(block.header_grid()):
        for number, text in enumerate(titles, start=1):
            cell = sheet.cell(row=start + offset, column=number, value=text or None)
            cell.font, cell.fill, cell.border, cell.alignment = (
                Font(bold=True),
                _HEADER_FILL,
                _BORDER,
                _CENTER,
            )
    for first_col, first_row, last_col, last_row in block.spans():
        sheet.merge_cells(
            start_row=start + first_row,
            start_column=first_col + 1,
            end_row=start + last_row,
            end_column=last_col + 1,
        )
    row_number = start + len(block.header)
    for index, row in enumerate(block.rows):
        if index % CANCEL_EVERY == 0:
            if cancelled():
                raise ReportCancelled
            progress(done + index, total)
        sheet.append([cell_value(text) for text in row])
        row_number += 1
    for number, column in enumerate(block.columns, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = max(6.0, column.width * 2.2)
    return row_number, done + len(block.rows)


def render_xlsx(
    report: Report,
    *,
    progress: Progress = ignore_progress,
    cancelled: CancelCheck = never,
) -> bytes:
    """The report as the bytes of an .xlsx workbook."""
    workbook = Workbook()
    sheet: Worksheet | None = None
    taken: set[str] = set()
    total, done, row = report.table_rows(), 0, 1

    def new_sheet(name: str) -> Worksheet:
        nonlocal row
        made = workbook.active if sheet is None else workbook.create_sheet()
        assert isinstance(made, Worksheet)
        made.title = sheet_title(name or report.title, taken)
        made.cell(row=1, column=1, value=report.title).font = Font(bold=True, size=14)
        row = 2
        for line in report.header_lines:
            made.cell(row=row, column=1, value=line)
            row += 1
        row += 1
        return made

    for block in report.blocks:
        if isinstance(block, TableBlock):
            sheet = new_sheet(block.sheet or block.title)
            if block.title:
                sheet.cell(row=row, column=1, value=block.title).font = Font(bold=True)
                row += 1
            row, done = _write_table(sheet, row, block, progress, cancelled, done, total)
        elif isinstance(block, FieldsBlock):
            sheet = new_sheet(block.title)
            for label, value in block.fields:
                sheet.cell(row=row, column=1, value=label).font = Font(bold=True)
                sheet.cell(row=row, column=2, value=value).alignment = _WRAP
                row += 1
            sheet.column_dimensions["A"].width = 16
            sheet.column_dimensions["B"].width = 80
        else:
            if sheet is None:
                sheet = new_sheet(block.title)
            row += 1
            if block.title:
                sheet.cell(row=row, column=1, value=block.title).font = Font(bold=True)
                row += 1
            for line in block.lines:
                sheet.cell(row=row, column=1, value=line)
                row += 1
    if sheet is None:
        new_sheet(report.title)
    progress(total, total)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
