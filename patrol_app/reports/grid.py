"""A table flowable that splits page by page in time linear in its rows (reportlab's own
Table recomputes the whole rest of a table at each page: minutes for 2,000 rows).

Cells are text already cut into lines (fonts.wrap), so each row's height is known up front;
``split`` takes the rows that fit and leaves the rest, the header repeated on each page.
Grid lines are drawn once per row and once per column, text through one text object."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Flowable

from patrol_app.reports.fonts import register_font, text_width

PAD_X = 2.0
PAD_Y = 2.0
HEADER_FILL = colors.Color(0.9, 0.9, 0.9)

# A header cell: (first column, first row, last column, last row, its lines).
HeaderBox = tuple[int, int, int, int, Sequence[str]]


class GridTable(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """``header``: boxes of the header grid; ``rows``: each row's cells as lines;
    ``aligns``: per column "LEFT" or "CENTER"."""

    def __init__(
        self,
        widths: Sequence[float],
        header: Sequence[HeaderBox],
        header_rows: int,
        rows: Sequence[Sequence[Sequence[str]]],
        aligns: Sequence[str],
        size: float,
    ) -> None:
        super().__init__()
        self.widths = list(widths)
        self.header = list(header)
        self.header_rows = header_rows
        self.rows = rows
        self.aligns = aligns
        self.size = size
        self.leading = size * 1.25
        self.x = [0.0]
        for width in self.widths:
            self.x.append(self.x[-1] + width)
        self.header_heights = self._header_heights()
        self.heights = [self._height(max(len(cell) for cell in row)) for row in rows]
        self.body_rows = len(rows)

    def _height(self, lines: int) -> float:
        return max(1, lines) * self.leading + 2 * PAD_Y

    def _header_heights(self) -> list[float]:
        heights = [self._height(1)] * self.header_rows
        for _, top, _, bottom, lines in sorted(self.header, key=lambda box: box[3] - box[1]):
            need = self._height(len(lines))
            have = sum(heights[top : bottom + 1])
            if need > have:
                heights[bottom] += need - have
        return heights

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = self.x[-1]
        self.height = sum(self.header_heights) + sum(self.heights)
        return self.width, self.height

    def _part(self, first: int, stop: int) -> GridTable:
        return GridTable(
            self.widths,
            self.header,
            self.header_rows,
            self.rows[first:stop],
            self.aligns,
            self.size,
        )

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        room = avail_height - sum(self.header_heights)
        count, used = 0, 0.0
        while count < len(self.heights) and used + self.heights[count] <= room:
            used += self.heights[count]
            count += 1
        if count == 0:
            return []  # not even one row here: to the next page
        if count == len(self.heights):
            return [self]
        return [self._part(0, count), self._part(count, len(self.rows))]

    def _text(
        self,
        text: Any,
        lines: Sequence[str],
        left: float,
        right: float,
        top: float,
        height: float,
        align: str,
    ) -> None:
        block = len(lines) * self.leading
        baseline = top - (height - block) / 2 - self.leading / 2 - 0.3 * self.size
        for line in lines:
            if line:
                if align == "LEFT":
                    x = left + PAD_X
                else:
                    x = (left + right - text_width(line, self.size)) / 2
                text.setTextOrigin(x, baseline)
                text.textOut(line)
            baseline -= self.leading

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setLineWidth(0.5)
        canvas.setStrokeColor(colors.black)
        top = self.height
        header_top = [top]
        for height in self.header_heights:
            header_top.append(header_top[-1] - height)
        body_top = header_top[-1]
        canvas.setFillColor(HEADER_FILL)
        canvas.rect(0, body_top, self.x[-1], top - body_top, stroke=0, fill=1)
        canvas.setFillColor(colors.black)
        text = canvas.beginText()
        text.setFont(register_font(), self.size, self.leading)
        path = canvas.beginPath()
        for first_col, first_row, last_col, last_row, lines in self.header:
            left, right = self.x[first_col], self.x[last_col + 1]
            box_top, box_bottom = header_top[first_row], header_top[last_row + 1]
            path.rect(left, box_bottom, right - left, box_top - box_bottom)
            self._text(text, lines, left, right, box_top, box_top - box_bottom, "CENTER")
        row_top = body_top
        for row, height in zip(self.rows, self.heights, strict=True):
            for column, lines in enumerate(row):
                self._text(
                    text,
                    lines,
                    self.x[column],
                    self.x[column + 1],
                    row_top,
                    height,
                    self.aligns[column],
                )
            row_top -= height
            path.moveTo(0, row_top)
            path.lineTo(self.x[-1], row_top)
        for x in self.x:
            path.moveTo(x, body_top)
            path.lineTo(x, row_top)
        canvas.drawText(text)
        canvas.drawPath(path, stroke=1, fill=0)
        canvas.restoreState()
