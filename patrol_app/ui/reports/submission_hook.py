"""The submission in the report window (issue 13 point 6): its "提交" button beside print,
save and export (``ReportWindow.add_action``), the submissions with their state and review
beside the report (``add_pane``: the window's side column), and the report the window
renders (``report_ready``) as the one "提交" sends. main_window calls ``attach_submission``
when the Reports menu makes the window (``ReportsMenu.window_opened``).
"""

from __future__ import annotations

from patrol_app.reporting.build import RenderedReport
from patrol_app.submissions.outbox import Report
from patrol_app.ui.reports.report_window import ReportWindow
from patrol_app.ui.reports.submission import SubmissionSender
from patrol_app.ui.reports.submission_panel import SubmissionPanel


def submission_report(rendered: RenderedReport) -> Report:
    """The rendered report as it is submitted: its heading, its PDF, its rows as data."""
    return Report(rendered.heading, rendered.pdf, rendered.data)


def attach_submission(window: ReportWindow, sender: SubmissionSender | None) -> None:
    """Give ``window`` the submission of its reports (nothing without an outbox)."""
    if sender is None:
        return
    panel = SubmissionPanel(sender, window, button_elsewhere=True, compact=True)
    panel.setObjectName("reportSubmissions")
    window.add_action(panel.submit_button)
    window.add_pane(panel)
    window.report_ready.connect(lambda rendered: panel.set_report(submission_report(rendered)))
    if window.current is not None:
        panel.set_report(submission_report(window.current))
