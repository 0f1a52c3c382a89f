"""A report as plain values, before it becomes a PDF or a workbook (R-1, R-2, R-4).

Every report is built once as a ``Report`` (title, header lines, blocks) and written by
``pdf.render_pdf`` and ``xlsx.render_xlsx`` alike: the PDF and the workbook hold the same
rows by construction. Cells are text, already formatted (Beijing time, 是/否).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from patrol_app.domain.patrols import BEIJING


class ReportCancelled(Exception):
    """The operator cancelled the report while it was being built."""

    def __init__(self) -> None:
        super().__init__("已取消生成报表")


# Asked now and then while a report is built: True stops it with ReportCancelled.
CancelCheck = Callable[[], bool]
# Told how far a report is: (done, total) rows of its tables.
Progress = Callable[[int, int], None]


def never() -> bool:
    return False


def ignore_progress(_done: int, _total: int) -> None:
    pass


@dataclass(frozen=True)
class HeaderCell:
    """A cell of a table's header: ``text`` spanning ``columns`` columns and ``rows`` rows
    from where it stands (the Appendix C table's two-row header)."""

    text: str
    columns: int = 1
    rows: int = 1


@dataclass(frozen=True)
class Column:
    """A column's relative width (shares of the page's width) and alignment."""

    width: float
    align: str = "CENTER"  # "LEFT" for free text


@dataclass(frozen=True)
class TableBlock:
    """A table that splits over pages, its header repeated on each.

    ``header``: rows of HeaderCell; a cell covered by a span above or to its left is left
    out of its row. ``rows``: the body, one text per column.
    """

    title: str
    columns: tuple[Column, ...]
    header: tuple[tuple[HeaderCell, ...], ...]
    rows: tuple[tuple[str, ...], ...]
    sheet: str = ""  # the worksheet's name in the workbook (default: the title)

    def header_boxes(self) -> list[tuple[int, int, int, int, str]]:
        """Each header cell as (first column, first row, last column, last row, text)."""
        boxes = []
        taken = [[False for _ in self.columns] for _ in self.header]
        for row_index, cells in enumerate(self.header):
            column = 0
            for cell in cells:
                while taken[row_index][column]:
                    column += 1
                last_row, last_column = row_index + cell.rows - 1, column + cell.columns - 1
                for r in range(row_index, last_row + 1):
                    for c in range(column, last_column + 1):
                        taken[r][c] = True
                boxes.append((column, row_index, last_column, last_row, cell.text))
                column += cell.columns
        return boxes

    def header_grid(self) -> list[list[str]]:
        """The header as a full grid: each cell's text at its top-left, "" where it spans."""
        grid = [["" for _ in self.columns] for _ in self.header]
        for column, row, _, _, text in self.header_boxes():
            grid[row][column] = text
        return grid

    def spans(self) -> list[tuple[int, int, int, int]]:
        """(first column, first row, last column, last row) of each header cell spanning
        more than one cell, in header coordinates."""
        return [
            (first_col, first_row, last_col, last_row)
            for first_col, first_row, last_col, last_row, _ in self.header_boxes()
            if (first_col, first_row) != (last_col, last_row)
        ]


@dataclass(frozen=True)
class FieldsBlock:
    """A form: label and value pairs, two pairs a line (the repair request)."""

    title: str
    fields: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class TextBlock:
    """Paragraphs of text (notes under a table, a summary)."""

    title: str
    lines: tuple[str, ...]


Block = TableBlock | FieldsBlock | TextBlock


@dataclass(frozen=True)
class Report:
    """A whole report: its title, the lines under it, its blocks, its page orientation."""

    title: str
    header_lines: tuple[str, ...]
    blocks: tuple[Block, ...]
    landscape: bool = False
    footer: str = ""  # left of the page number on each page
    metadata: dict[str, str] = field(default_factory=dict)  # PDF subject, author

    def table_rows(self) -> int:
        return sum(len(block.rows) for block in self.blocks if isinstance(block, TableBlock))


def beijing(at: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """``at`` in Beijing time as the reports print it; "" for None."""
    return "" if at is None else at.astimezone(BEIJING).strftime(fmt)


def percent(rate: float | None) -> str:
    return "–" if rate is None else f"{rate * 100:.1f}%"
