"""What a report is, for the reports (patrol_app.reports, patrol_app.reporting) and their
submission to the management unit (domain/submissions.py): its kind and its heading."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from patrol_app.domain.labels import LabelledStr


class ReportKind(LabelledStr):
    """The reports a section makes and submits (issue 13 point 5): R-1, R-2, R-4."""

    PATROL = "patrol", "视频巡查报表"
    INSPECTION_TABLE = "inspection_table", "路段视频云联网情况巡查表"
    FAULTS = "faults", "视频故障报表"


@dataclass(frozen=True)
class ReportHeading:
    """Which report: its kind, title, road section (路段名称) and period, ``period_start``
    (included) to ``period_end`` (excluded), aware times."""

    kind: ReportKind
    title: str
    section: str
    period_start: datetime
    period_end: datetime
