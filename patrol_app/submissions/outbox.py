"""The outbox of report submissions (issue 13 point 6; R-1, R-2, R-4): nothing submitted is
lost or sent twice.

``submit`` puts a report in the workstation's database with an idempotency key chosen once;
``send_due`` sends what waits, each attempt a row (delivered with the service's id, or the
platform's message), and tells when to try again: a platform that does not answer, answers
500 or cannot be read is retried after a backoff that doubles up to a ceiling; an answer of
400 (the service refuses the body; sending it again cannot help) ends it as refused. The key
makes a retry of a submission the service did receive (its answer lost) give back that
submission, never a second copy. What waits survives a restart: the workstation calls
``send_due(now, restart=True)`` when it starts, which sends every pending one at once.

``reviews`` reads the management unit's reviews of the delivered ones from the platform.

Blocking (database and HTTP): the UI calls it through its task runner. One round at a time:
a round asked for while another runs returns at once without sending.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from patrol_app.domain.codes import Code
from patrol_app.domain.reports import ReportHeading
from patrol_app.domain.submissions import (
    AttemptOutcome,
    OutboxState,
    OutboxView,
    SubmissionRequest,
    SubmissionView,
    check_pdf,
)
from patrol_app.platform.http import PlatformError, PlatformUnreachable
from patrol_app.store.outbox import OutboxStore


class Platform(Protocol):
    """What the outbox needs of the platform (platform/submissions.py SubmissionClient)."""

    def submit(self, request: SubmissionRequest) -> SubmissionView: ...

    def submission(self, submission_id: int) -> SubmissionView: ...


@dataclass(frozen=True)
class Backoff:
    """The wait before attempt n + 1 after n failed ones: ``first``, doubling, at most
    ``longest``."""

    first: timedelta = timedelta(seconds=5)
    longest: timedelta = timedelta(minutes=5)

    def delay(self, failures: int) -> timedelta:
        if failures <= 0:
            return timedelta(0)
        doubled: timedelta = self.first * 2 ** min(failures - 1, 30)
        return min(doubled, self.longest)


@dataclass(frozen=True)
class Report:
    """A rendered report as the operator submits it."""

    heading: ReportHeading
    pdf: bytes = field(repr=False)
    data: dict[str, Any] = field(default_factory=dict, repr=False)  # reports.report_data


@dataclass(frozen=True)
class SendRound:
    """What a round did: the outbox ids delivered, refused and still waiting; ``next_due``:
    when the earliest waiting one is due again (None: nothing waits)."""

    delivered: tuple[int, ...] = ()
    refused: tuple[int, ...] = ()
    waiting: tuple[int, ...] = ()
    next_due: datetime | None = None


def _new_key() -> str:
    return uuid.uuid4().hex


class SubmissionOutbox:
    def __init__(
        self,
        store: OutboxStore,
        platform: Platform,
        *,
        backoff: Backoff | None = None,
        new_key: Callable[[], str] = _new_key,
    ) -> None:
        self.store = store
        self._platform = platform
        self._backoff = backoff or Backoff()
        self._new_key = new_key
        self._round = threading.Lock()

    def submit(self, report: Report, operator: str, now: datetime) -> int:
        """Put ``report`` in the outbox in ``operator``'s name; its outbox id.
        SubmissionFieldError when the PDF is not one or is too large (nothing is stored)."""
        check_pdf(report.pdf)
        request = SubmissionRequest(
            idempotency_key=self._new_key(),
            heading=report.heading,
            operator=operator,
            submitted_at=now,
            pdf=report.pdf,
            data=report.data,
        )
        return self.store.add(request, now)

    def due_at(self, entry: OutboxView) -> datetime | None:
        """When ``entry`` is to be sent (again); None once delivered or refused."""
        if entry.state is not OutboxState.PENDING:
            return None
        if entry.last_attempt_at is None:
            return entry.created_at
        return entry.last_attempt_at + self._backoff.delay(entry.attempts)

    def send_due(self, now: datetime, *, restart: bool = False) -> SendRound:
        """Send each waiting submission that is due at ``now`` (every one with ``restart``),
        oldest first; stop at the first that finds the platform unreachable (the others
        would find it so too; they stay due)."""
        if not self._round.acquire(blocking=False):
            return self._waiting(now)
        try:
            delivered: list[int] = []
            refused: list[int] = []
            for entry in self.store.entries(pending_only=True):
                due = self.due_at(entry)
                if not restart and (due is None or due > now):
                    continue
                outcome = self._attempt(entry.id, now)
                if outcome is AttemptOutcome.DELIVERED:
                    delivered.append(entry.id)
                elif outcome is AttemptOutcome.REFUSED:
                    refused.append(entry.id)
                elif outcome is AttemptOutcome.UNREACHABLE:
                    break
            done = self._waiting(now)
            return SendRound(tuple(delivered), tuple(refused), done.waiting, done.next_due)
        finally:
            self._round.release()

    def _waiting(self, now: datetime) -> SendRound:
        pending = self.store.entries(pending_only=True)
        dues = [due for entry in pending if (due := self.due_at(entry)) is not None]
        return SendRound(
            waiting=tuple(entry.id for entry in pending),
            next_due=max(min(dues), now) if dues else None,
        )

    def _attempt(self, outbox_id: int, now: datetime) -> AttemptOutcome:
        request = self.store.request(outbox_id)
        remote_id: int | None = None
        try:
            remote_id = self._platform.submit(request).id
            outcome, detail = AttemptOutcome.DELIVERED, ""
        except PlatformUnreachable as error:
            outcome, detail = AttemptOutcome.UNREACHABLE, str(error)
        except PlatformError as error:
            refused = error.code == Code.BAD_REQUEST
            outcome = AttemptOutcome.REFUSED if refused else AttemptOutcome.FAILED
            detail = str(error)
        self.store.record_attempt(outbox_id, now, outcome, detail=detail, remote_id=remote_id)
        return outcome

    def entries(self) -> list[OutboxView]:
        """The outbox, oldest first."""
        return self.store.entries()

    def reviews(self, entries: Sequence[OutboxView]) -> dict[int, SubmissionView]:
        """The platform's record of each delivered entry, with its reviews, by outbox id.
        PlatformError when the platform cannot tell."""
        return {
            entry.id: self._platform.submission(entry.remote_id)
            for entry in entries
            if entry.remote_id is not None
        }
