"""Reports to submit in the tests: a real PDF (reportlab, with the bundled CJK font) and its
rows, for a month in Beijing time."""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from patrol_app.domain.reports import ReportHeading, ReportKind
from patrol_app.resources import RESOURCES_DIR
from patrol_app.submissions.outbox import Report

BEIJING = timezone(timedelta(hours=8))
NOVEMBER = datetime(2026, 11, 1, tzinfo=BEIJING), datetime(2026, 12, 1, tzinfo=BEIJING)
SECTION = "京珠北段"
_FONT = "SubmissionTestFont"


def pdf_of(*lines: str) -> bytes:
    """A one-page PDF showing ``lines`` (Chinese through the bundled font)."""
    if _FONT not in pdfmetrics.getRegisteredFontNames():
        font = RESOURCES_DIR / "fonts" / "wqy-microhei.ttc"
        pdfmetrics.registerFont(TTFont(_FONT, str(font), subfontIndex=0))
    out = io.BytesIO()
    page = canvas.Canvas(out, invariant=True)  # the same bytes every time
    page.setFont(_FONT, 12)
    for number, line in enumerate(lines):
        page.drawString(72, 770 - 18 * number, line)
    page.save()
    return out.getvalue()


# The rows as patrol_app.reports.report_data gives them.
DATA = {
    "title": "视频巡查报表",
    "header_lines": [f"路段名称：{SECTION}"],
    "blocks": [
        {
            "type": "table",
            "title": "按巡查清单",
            "header": [["清单", "应巡", "已巡", "超时", "漏巡", "完成率"]],
            "rows": [["重点路段", "1440", "1437", "2", "1", "99.8%"]],
        }
    ],
}


def monthly_report(title: str = "视频巡查月报 2026年11月", section: str = SECTION) -> Report:
    return Report(
        ReportHeading(ReportKind.PATROL, title, section, *NOVEMBER),
        pdf=pdf_of(title, section),
        data=DATA,
    )
