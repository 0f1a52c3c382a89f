"""The PDF writer of every report: A4 (landscape when the report says so), the bundled CJK
font embedded, the title and header lines on the first page, the report's title and the
page number ("第 N 页 共 M 页") on every page, tables that split over pages with their header
repeated. Cells are cut into lines here (fonts.wrap), which keeps a 2,000-row table fast."""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from patrol_app.reports.document import (
    Block,
    CancelCheck,
    FieldsBlock,
    Progress,
    Report,
    ReportCancelled,
    TableBlock,
    ignore_progress,
    never,
)
from patrol_app.reports.fonts import register_font, wrap
from patrol_app.reports.grid import PAD_X, GridTable

MARGIN = 12 * mm
CANCEL_EVERY = 200  # rows prepared between two looks at the cancel flag


class _NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab is untyped
    """Holds the pages back until the end, to print "第 N 页 共 M 页" on each."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["initialFontName"] = register_font()  # no Helvetica, never embedded
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._draw_page_frame(number, total)
            super().showPage()
        super().save()

    def _draw_page_frame(self, number: int, total: int) -> None:
        width, height = self._pagesize
        self.saveState()
        self.setFont(register_font(), 8)
        self.setFillColor(colors.black)
        title = getattr(self, "report_title", "")
        if number > 1 and title:
            self.drawString(MARGIN, height - MARGIN + 4, title)
        footer = getattr(self, "report_footer", "")
        if footer:
            self.drawString(MARGIN, MARGIN - 12, footer)
        self.drawRightString(width - MARGIN, MARGIN - 12, f"第 {number} 页 共 {total} 页")
        self.restoreState()


class _Document(BaseDocTemplate):  # type: ignore[misc]  # reportlab is untyped
    """Counts the table rows laid out, tells the progress and looks at the cancel flag after
    each flowable (a table's piece on one page is one)."""

    def __init__(
        self,
        buffer: io.BytesIO,
        report: Report,
        progress: Progress,
        cancelled: CancelCheck,
        **kwargs: Any,
    ) -> None:
        super().__init__(buffer, **kwargs)
        self._report = report
        self._progress = progress
        self._cancelled = cancelled
        self._total = report.table_rows()
        self._done = 0

    def afterFlowable(self, flowable: Flowable) -> None:
        if self._cancelled():
            raise ReportCancelled
        body = getattr(flowable, "body_rows", 0)
        if body:
            self._done = min(self._total, self._done + body)
            self._progress(self._done, self._total)

    def handle_pageBegin(self) -> None:
        self.canv.report_title = self._report.title
        self.canv.report_footer = self._report.footer
        super().handle_pageBegin()


def _styles(size: float) -> dict[str, ParagraphStyle]:
    font = register_font()
    return {
        "title": ParagraphStyle(
            "title", fontName=font, fontSize=16, leading=22, alignment=1, spaceAfter=4
        ),
        "line": ParagraphStyle("line", fontName=font, fontSize=size + 1, leading=(size + 1) * 1.5),
        "heading": ParagraphStyle(
            "heading",
            fontName=font,
            fontSize=size + 3,
            leading=(size + 3) * 1.4,
            spaceBefore=8,
            spaceAfter=4,
        ),
        "text": ParagraphStyle(
            "text", fontName=font, fontSize=size, leading=size * 1.5, wordWrap="CJK"
        ),
    }


def _paragraph(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _table(block: TableBlock, width: float, size: float, cancelled: CancelCheck) -> Flowable:
    shares = [column.width for column in block.columns]
    widths = [share * width / sum(shares) for share in shares]
    inner = [max(4.0, w - 2 * PAD_X) for w in widths]
    header = [
        (
            first_col,
            first_row,
            last_col,
            last_row,
            wrap(text, sum(widths[first_col : last_col + 1]) - 2 * PAD_X, size),
        )
        for first_col, first_row, last_col, last_row, text in block.header_boxes()
    ]
    body: list[list[list[str]]] = []
    for index, row in enumerate(block.rows):
        if index % CANCEL_EVERY == 0 and cancelled():
            raise ReportCancelled
        body.append([wrap(text, inner[i], size) for i, text in enumerate(row)])
    aligns = [column.align for column in block.columns]
    if not body:
        body = [[["无"]] + [[] for _ in block.columns[1:]]]
    return GridTable(widths, header, len(block.header), body, aligns, size)


def _fields(block: FieldsBlock, width: float, size: float) -> Flowable:
    label_width = width * 0.14
    value_width = width / 2 - label_width
    rows: list[list[str]] = []
    style: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), register_font(), size + 1, (size + 1) * 1.35),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (0, -1), colors.Color(0.93, 0.93, 0.93)),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]
    pending: list[tuple[str, str]] = []

    def flush() -> None:
        if pending:
            cells = [part for label, value in pending for part in (label, value)]
            rows.append(cells + [""] * (4 - len(cells)))
            style.append(
                (
                    "BACKGROUND",
                    (2, len(rows) - 1),
                    (2, len(rows) - 1),
                    colors.Color(0.93, 0.93, 0.93),
                )
            )
            pending.clear()

    inner = value_width - 2 * 6
    for label, value in block.fields:
        lines = [line for part in value.split("\n") for line in wrap(part, inner, size + 1)]
        if len(lines) > 1 or "\n" in value:
            wide = wrap(value, width - label_width - 12, size + 1)
            rows.append([label, "\n".join(wide), "", ""])
            style.append(("SPAN", (1, len(rows) - 1), (3, len(rows) - 1)))
        else:
            pending.append((label, value))
            if len(pending) == 2:
                flush()
    flush()
    table = Table(rows, colWidths=[label_width, value_width, label_width, value_width])
    table.setStyle(TableStyle(style))
    return table


def _flowables(
    block: Block,
    width: float,
    size: float,
    styles: dict[str, ParagraphStyle],
    cancelled: CancelCheck,
) -> list[Flowable]:
    out: list[Flowable] = []
    if block.title:
        out.append(_paragraph(block.title, styles["heading"]))
    if isinstance(block, TableBlock):
        out.append(_table(block, width, size, cancelled))
    elif isinstance(block, FieldsBlock):
        out.append(_fields(block, width, size))
    else:
        out.extend(_paragraph(line, styles["text"]) for line in block.lines)
    return out


def render_pdf(
    report: Report,
    *,
    progress: Progress = ignore_progress,
    cancelled: CancelCheck = never,
) -> bytes:
    """The report as PDF bytes. ``cancelled`` is asked between rows and pages: True raises
    ReportCancelled; ``progress(done, total)`` follows the table rows laid out."""
    register_font()
    size = 7.0 if report.landscape else 8.5
    pagesize = landscape(A4) if report.landscape else A4
    buffer = io.BytesIO()
    document = _Document(
        buffer,
        report,
        progress,
        cancelled,
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=report.title,
        subject=report.metadata.get("subject", report.title),
        author=report.metadata.get("author", ""),
        creator="视频巡查工作站",
    )
    frame = Frame(
        MARGIN,
        MARGIN,
        pagesize[0] - 2 * MARGIN,
        pagesize[1] - 2 * MARGIN,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    document.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    styles = _styles(size)
    story: list[Flowable] = [_paragraph(report.title, styles["title"])]
    story.extend(_paragraph(line, styles["line"]) for line in report.header_lines)
    story.append(Spacer(1, 4))
    for block in report.blocks:
        story.extend(_flowables(block, frame._width, size, styles, cancelled))
    progress(0, report.table_rows())
    document.build(story, canvasmaker=_NumberedCanvas)
    progress(report.table_rows(), report.table_rows())
    return buffer.getvalue()
