"""The submission in the report window (issue 13 point 6): its "提交" button beside print,
save and export, the submissions with their state and review beside the report, and the
report the window renders as the one "提交" sends.

The window's hooks are ``add_action(widget)``, ``add_pane(widget)`` and ``report_ready``
(a RenderedReport of patrol_app.reporting); they are read here by what they offer
(``ReportHost``, ``Rendered``), so that the window and its report need not know of the
submission.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QWidget

from patrol_app.domain.reports import ReportHeading, ReportKind
from patrol_app.submissions.outbox import Report
from patrol_app.ui.reports.submission import SubmissionSender
from patrol_app.ui.reports.submission_panel import SubmissionPanel


class RenderedRequest(Protocol):
    """What the operator asked the report window for."""

    @property
    def kind(self) -> Any: ...  # a report kind whose ``value`` is a ReportKind's

    @property
    def start(self) -> datetime: ...

    @property
    def end(self) -> datetime: ...

    @property
    def section_name(self) -> str: ...


class Rendered(Protocol):
    """A report the window rendered."""

    @property
    def request(self) -> RenderedRequest: ...

    @property
    def title(self) -> str: ...

    @property
    def pdf(self) -> bytes: ...

    @property
    def data(self) -> dict[str, Any]: ...


class ReportHost(Protocol):
    """The report window's hooks."""

    @property
    def report_ready(self) -> SignalInstance: ...

    def add_action(self, widget: QWidget) -> None: ...

    def add_pane(self, widget: QWidget) -> None: ...


def submission_report(rendered: Rendered) -> Report:
    """The rendered report as it is submitted: its PDF and its rows as data."""
    request = rendered.request
    heading = ReportHeading(
        ReportKind(request.kind.value),
        rendered.title,
        request.section_name,
        request.start,
        request.end,
    )
    return Report(heading, rendered.pdf, rendered.data)


def attach_submission(
    window: ReportHost, sender: SubmissionSender | None
) -> SubmissionPanel | None:
    """Give ``window`` the submission of its reports (None without an outbox)."""
    if sender is None:
        return None
    panel = SubmissionPanel(sender, button_elsewhere=True)
    window.add_action(panel.submit_button)
    window.add_pane(panel)
    window.report_ready.connect(lambda rendered: panel.set_report(submission_report(rendered)))
    return panel
