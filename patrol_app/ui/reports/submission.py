"""The workstation's outbox at work (issue 13 point 6): it sends what waits, through the task
runner, when the workstation starts (every pending one, whatever its backoff), when a
report is submitted, when its backoff is over and as soon as the platform answers again;
and it reads the management unit's reviews of what was delivered.

The rules (backoff, what is final, the idempotency key) are the use case's
(patrol_app/submissions/outbox.py); this only drives it and keeps what the views show:
``entries`` (the outbox, newest first) and ``reviews`` (the platform's record of each
delivered one, by outbox id). ``changed`` when either moves; ``failed(message)`` when the
outbox's database fails (the views say so).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from functools import partial

from PySide6.QtCore import QObject, QTimer, Signal

from patrol_app.domain.submissions import (
    OutboxView,
    SubmissionFieldError,
    SubmissionView,
)
from patrol_app.platform.http import PlatformError
from patrol_app.store.database import DatabaseError
from patrol_app.store.outbox import OutboxKeyTaken
from patrol_app.submissions.outbox import Report, SendRound, SubmissionOutbox
from patrol_app.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

MAX_TIMER_MS = 3_600_000  # a backoff longer than this is checked again after an hour


class SubmissionSender(QObject):
    changed = Signal()
    failed = Signal(str)  # the outbox's database failed

    def __init__(
        self,
        outbox: SubmissionOutbox,
        runner: TaskRunner,
        *,
        operator: str,
        clock: Callable[[], datetime],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._outbox = outbox
        self._runner = runner
        self._operator = operator
        self._clock = clock
        self._sending = False
        self._again: bool | None = None  # a round asked for while one ran (its restart flag)
        self._reading_reviews = False
        self.entries: list[OutboxView] = []
        self.reviews: dict[int, SubmissionView] = {}
        self.review_problem = ""  # why the reviews could not be read, empty when they were
        self._due = QTimer(self, singleShot=True)
        self._due.timeout.connect(self.send_now)

    @property
    def sending(self) -> bool:
        return self._sending

    def start(self) -> None:
        """At the workstation's start: send every pending submission (a restart)."""
        self._send(restart=True)

    def stop(self) -> None:
        self._due.stop()

    def submit(
        self,
        report: Report,
        *,
        on_kept: Callable[[int], None],
        on_refused: Callable[[str], None],
        owner: QObject,
    ) -> None:
        """Put ``report`` in the outbox in the operator's name, then send it; ``on_kept``
        (its outbox id) once it is kept, ``on_refused`` (why, for the operator) when it
        cannot be (a PDF over the limit, the database); for the view ``owner``."""

        def kept(outbox_id: int) -> None:
            on_kept(outbox_id)
            self.refresh()
            self.send_now()

        self._runner.run(
            self._outbox.submit,
            report,
            self._operator,
            self._clock(),
            on_done=kept,
            on_error=lambda error: on_refused(str(error)),
            expected=(SubmissionFieldError, DatabaseError, OutboxKeyTaken),
            owner=owner,
        )

    def send_now(self) -> None:
        """Send what is due now (the timer, a report just kept, the platform back)."""
        self._send(restart=False)

    def platform_changed(self, up: bool) -> None:
        """The platform watch: answered again (``up``), or stopped answering."""
        if up:
            self._send(restart=True)  # what waits goes now, not at the end of its backoff

    def refresh(self) -> None:
        """Read the outbox again, and the reviews of the delivered ones."""
        self._runner.run(
            self._outbox.entries,
            on_done=self._loaded,
            on_error=self._database_failed,
            expected=(DatabaseError,),
            owner=self,
        )

    def refresh_reviews(self) -> None:
        if self._reading_reviews:
            return
        delivered = [entry for entry in self.entries if entry.remote_id is not None]
        if not delivered:
            return
        self._reading_reviews = True
        self._runner.run(
            self._outbox.reviews,
            delivered,
            on_done=self._reviews_read,
            on_error=self._reviews_failed,
            expected=(PlatformError,),
            always=self._reviews_done,
            owner=self,
        )

    def _send(self, *, restart: bool) -> None:
        if self._sending:
            self._again = restart or bool(self._again)
            return
        self._sending = True
        self._due.stop()
        self._runner.run(
            partial(self._outbox.send_due, restart=restart),
            self._clock(),
            on_done=self._sent,
            on_error=self._database_failed,
            expected=(DatabaseError,),
            always=self._round_over,
            owner=self,
        )

    def _round_over(self) -> None:
        self._sending = False

    def _sent(self, round_: SendRound) -> None:
        if self._again is not None:
            restart, self._again = self._again, None
            self._send(restart=restart)
        elif round_.next_due is not None:
            wait = (round_.next_due - self._clock()).total_seconds() * 1000
            self._due.start(int(min(max(wait, 0), MAX_TIMER_MS)))
        self.refresh()

    def _database_failed(self, error: DatabaseError) -> None:
        log.error("%s", error)
        self._again = None
        self.failed.emit(str(error))

    def _loaded(self, entries: list[OutboxView]) -> None:
        self.entries = entries[::-1]
        self.changed.emit()
        self.refresh_reviews()

    def _reviews_read(self, reviews: dict[int, SubmissionView]) -> None:
        self.reviews = reviews
        self.review_problem = ""
        self.changed.emit()

    def _reviews_failed(self, error: PlatformError) -> None:
        self.review_problem = str(error)
        self.changed.emit()

    def _reviews_done(self) -> None:
        self._reading_reviews = False
