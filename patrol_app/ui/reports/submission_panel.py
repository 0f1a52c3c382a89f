"""The "提交" button of a report and the submissions beside it (issue 13 point 6): each
submission of the outbox with its state (等待发送 with the attempts so far and the platform's
last answer, 已送达, 已复核, 被拒收) and the management unit's review (复核情况, reviewer,
time) read from the platform. The submissions of the report shown are in bold.

One report is submitted once from here: the button turns off once it is in the outbox, until
another report is shown (a second submission of the same report would be a second copy; the
outbox's idempotency key covers the retries of one).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QPushButton, QVBoxLayout, QWidget

from patrol_app.domain.submissions import OutboxState, OutboxView, ReviewView
from patrol_app.submissions.outbox import Report
from patrol_app.ui.reports.submission import SubmissionSender
from patrol_app.ui.widgets.beijing_time import beijing_datetime
from patrol_app.ui.widgets.message_line import MessageLine
from patrol_app.ui.widgets.record_model import Column, RecordModel, sorted_view

REVIEW_POLL_MS = 60_000  # the reviews are read again this often while the panel is shown


@dataclass(frozen=True)
class SubmissionRow:
    """One submission as the panel shows it: the outbox's entry and its latest review."""

    entry: OutboxView
    review: ReviewView | None


class SubmissionPanel(QWidget):
    def __init__(self, sender: SubmissionSender, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sender = sender
        self._report: Report | None = None
        self.submit_button = QPushButton(self.tr("Submit"), objectName="submitReport")
        self.submit_button.setToolTip(
            self.tr("Send the report (PDF and data) to the video-cloud management unit")
        )
        self.submit_button.setEnabled(False)
        self.submit_button.clicked.connect(self.submit)
        self.refresh_button = QPushButton(self.tr("Refresh reviews"), objectName="refreshReviews")
        self.refresh_button.clicked.connect(sender.refresh)
        self.message = MessageLine(objectName="submissionMessage")
        self.model = RecordModel(
            [
                Column(self.tr("Report"), lambda row: row.entry.heading.title),
                Column(self.tr("Period"), self._period),
                Column(self.tr("Submitted at"), lambda row: beijing_datetime(row.entry.created_at)),
                Column(self.tr("State"), self.state_text),
                Column(self.tr("Review"), lambda row: row.review.text if row.review else ""),
                Column(self.tr("Reviewer"), lambda row: row.review.reviewer if row.review else ""),
                Column(
                    self.tr("Review time"),
                    lambda row: beijing_datetime(row.review.reviewed_at) if row.review else "",
                ),
            ],
            key=lambda row: row.entry.id,
            bold=self._of_report,
            parent=self,
        )
        self.table = sorted_view("submissions", self.model, newest_first=True)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        buttons = QHBoxLayout()
        buttons.addWidget(self.submit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        self._poll = QTimer(self, interval=REVIEW_POLL_MS)
        self._poll.timeout.connect(sender.refresh_reviews)
        sender.changed.connect(self._show)
        sender.failed.connect(self.message.say)
        self._show()

    @property
    def rows(self) -> list[SubmissionRow]:
        return self.model.records

    def set_report(self, report: Report | None) -> None:
        """The report shown beside the panel (None: none yet): the one "Submit" sends."""
        self._report = report
        self.submit_button.setEnabled(report is not None)
        self.message.say("")
        self._show()

    def submit(self) -> None:
        if self._report is None:
            return
        self.submit_button.setEnabled(False)
        self.message.say(self.tr("Submitting…"))
        self._sender.submit(self._report, on_kept=self._kept, on_refused=self._refused, owner=self)

    def state_text(self, row: SubmissionRow) -> str:
        entry = row.entry
        if entry.state is OutboxState.DELIVERED:
            return self.tr("Reviewed") if row.review is not None else self.tr("Delivered")
        if entry.state is OutboxState.REFUSED:
            return self.tr("Refused: {reason}").format(reason=entry.last_detail)
        if entry.attempts == 0:
            return self.tr("Waiting to be sent")
        return self.tr("Waiting to be sent (tried {count} times: {reason})").format(
            count=entry.attempts, reason=entry.last_detail
        )

    def showEvent(self, event: QShowEvent) -> None:
        self._poll.start()
        self._sender.refresh()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._poll.stop()
        super().hideEvent(event)

    def _period(self, row: SubmissionRow) -> str:
        heading = row.entry.heading
        return f"{beijing_datetime(heading.period_start)} – {beijing_datetime(heading.period_end)}"

    def _of_report(self, row: SubmissionRow) -> bool:
        report, heading = self._report, row.entry.heading
        return report is not None and (heading.kind, heading.period_start, heading.period_end) == (
            report.heading.kind,
            report.heading.period_start,
            report.heading.period_end,
        )

    def _show(self) -> None:
        reviews = self._sender.reviews
        rows = [
            SubmissionRow(entry, reviews[entry.id].review if entry.id in reviews else None)
            for entry in reversed(self._sender.entries)  # oldest first: new ones are appended
        ]
        self.model.set_records(rows)
        self.table.resizeColumnsToContents()
        problem = self._sender.review_problem
        self.refresh_button.setToolTip(
            self.tr("The reviews cannot be read now: {problem}").format(problem=problem)
            if problem
            else ""
        )

    def _kept(self, _outbox_id: int) -> None:
        self.message.say(
            self.tr("The report is in the outbox; it is sent as soon as the platform answers.")
        )

    def _refused(self, message: str) -> None:
        self.message.say(self.tr("The report cannot be submitted: {error}").format(error=message))
        self.submit_button.setEnabled(self._report is not None)
