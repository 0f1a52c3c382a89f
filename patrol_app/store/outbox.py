"""The workstation's outbox of report submissions (issue 13 point 6): what the operator
submitted waits here with its idempotency key until the platform has it, and stays after as
the record of it; each attempt to send it is a row (its outcome, the platform's message, the
platform's id once delivered). Append-only: the state is read from the attempts.

Blocking transactions: the UI calls them through its task runner, the use case
(patrol_app/submissions/) through it too.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from patrol_app.domain.submissions import (
    AttemptOutcome,
    OutboxState,
    OutboxView,
    SubmissionRequest,
)
from patrol_app.store.database import Repository
from patrol_app.store.submission_tables import SubmissionAttempt, SubmissionOutboxRow


class OutboxKeyTaken(ValueError):
    """The outbox already holds a submission under this idempotency key."""

    def __init__(self, key: str) -> None:
        super().__init__(f"发件箱中已有幂等键为 {key} 的报表提交")


_FINAL = (AttemptOutcome.DELIVERED.value, AttemptOutcome.REFUSED.value)


class OutboxStore(Repository):
    _subject = "报表发件箱"

    def add(self, request: SubmissionRequest, created_at: datetime) -> int:
        """Put ``request`` in the outbox; its id."""
        with self._write(conflict=OutboxKeyTaken(request.idempotency_key)) as session:
            row = SubmissionOutboxRow(**SubmissionOutboxRow.columns(request), created_at=created_at)
            session.add(row)
            session.flush()
            return row.id

    def record_attempt(
        self,
        outbox_id: int,
        at: datetime,
        outcome: AttemptOutcome,
        *,
        detail: str = "",
        remote_id: int | None = None,
    ) -> None:
        with self._write() as session:
            session.add(
                SubmissionAttempt(
                    outbox_id=outbox_id,
                    at=at,
                    outcome=outcome.value,
                    detail=detail,
                    remote_id=remote_id,
                )
            )

    def request(self, outbox_id: int) -> SubmissionRequest:
        """The submission as it is to be sent (the PDF and rows included)."""
        with self._read() as session:
            row = session.get(SubmissionOutboxRow, outbox_id)
            if row is None:
                raise LookupError(f"发件箱中没有编号 {outbox_id} 的提交")
            return SubmissionRequest(
                idempotency_key=row.idempotency_key,
                heading=row.heading,
                operator=row.operator,
                submitted_at=row.created_at,
                pdf=row.pdf,
                data=json.loads(row.data),
            )

    def entries(self, *, pending_only: bool = False) -> list[OutboxView]:
        """The outbox, oldest first, each with what its attempts came to; ``pending_only``:
        those still to be sent (neither delivered nor refused)."""
        query = select(SubmissionOutboxRow).order_by(SubmissionOutboxRow.id)
        if pending_only:
            final = select(SubmissionAttempt.outbox_id).where(SubmissionAttempt.outcome.in_(_FINAL))
            query = query.where(SubmissionOutboxRow.id.not_in(final))
        with self._read() as session:
            rows = session.scalars(query).all()
            attempts = self._attempts(session, [row.id for row in rows])
            return [_view(row, attempts.get(row.id, [])) for row in rows]

    @staticmethod
    def _attempts(session: Session, ids: list[int]) -> dict[int, list[SubmissionAttempt]]:
        found: dict[int, list[SubmissionAttempt]] = {}
        for start in range(0, len(ids), 500):  # bound the parameters of one statement
            rows = session.scalars(
                select(SubmissionAttempt)
                .where(SubmissionAttempt.outbox_id.in_(ids[start : start + 500]))
                .order_by(SubmissionAttempt.id)
            )
            for attempt in rows:
                found.setdefault(attempt.outbox_id, []).append(attempt)
        return found

    def count(self) -> int:
        with self._read() as session:
            return session.scalar(select(func.count()).select_from(SubmissionOutboxRow)) or 0


def _view(row: SubmissionOutboxRow, attempts: list[SubmissionAttempt]) -> OutboxView:
    """The submission with what its attempts (oldest first) came to: delivered or refused
    by the first final attempt (none follows one); ``last_detail`` the last message."""
    final = next((a for a in attempts if a.outcome in _FINAL), None)
    last = attempts[-1] if attempts else None
    state = OutboxState.PENDING
    if final is not None:
        delivered = final.outcome == AttemptOutcome.DELIVERED.value
        state = OutboxState.DELIVERED if delivered else OutboxState.REFUSED
    delivery = final if state is OutboxState.DELIVERED else None
    return OutboxView(
        id=row.id,
        idempotency_key=row.idempotency_key,
        heading=row.heading,
        operator=row.operator,
        created_at=row.created_at,
        attempts=len(attempts),
        last_attempt_at=None if last is None else last.at,
        last_detail="" if last is None else last.detail,
        state=state,
        remote_id=None if delivery is None else delivery.remote_id,
        delivered_at=None if delivery is None else delivery.at,
    )
