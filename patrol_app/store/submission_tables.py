"""Tables of the reports submitted to the management unit (issue 13 point 6, migration 0010).

Two sides share the schema, as every database of the project has every table:

- the service's: ``report_submission`` (one row per idempotency key: the PDF, its rows as
  JSON) and ``report_review`` (the management unit's 复核情况, appended);
- the workstation's outbox: ``submission_outbox`` (what the operator submitted, kept until
  delivered and after) and ``submission_attempt`` (each attempt to send it and its outcome).

Append-only: a review, an attempt, a delivery are new rows; nothing is updated.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from patrol_app.domain.reports import ReportHeading, ReportKind
from patrol_app.domain.submissions import SubmissionRequest
from patrol_app.store.models import Base, UtcDateTime


class _Report:
    """The columns of a submission on both sides: which report, who, the PDF, the rows."""

    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(30))
    title: Mapped[str] = mapped_column(String(200))
    section: Mapped[str] = mapped_column(String(100))
    period_start: Mapped[datetime] = mapped_column(UtcDateTime())
    period_end: Mapped[datetime] = mapped_column(UtcDateTime())
    operator: Mapped[str] = mapped_column(String(100))
    pdf: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    data: Mapped[str] = mapped_column(Text, deferred=True)  # the report's rows, JSON

    @property
    def heading(self) -> ReportHeading:
        return ReportHeading(
            ReportKind(self.kind),
            self.title,
            self.section,
            self.period_start.astimezone(UTC),  # as read back, also on a row just written
            self.period_end.astimezone(UTC),
        )

    @staticmethod
    def columns(request: SubmissionRequest) -> dict[str, Any]:
        """The columns of ``request``, to make a row of either side."""
        heading = request.heading
        return {
            "idempotency_key": request.idempotency_key,
            "kind": heading.kind.value,
            "title": heading.title,
            "section": heading.section,
            "period_start": heading.period_start,
            "period_end": heading.period_end,
            "operator": request.operator,
            "pdf": request.pdf,
            "data": json.dumps(request.data, ensure_ascii=False),
        }


class ReportSubmission(_Report, Base):
    """A report as the service received it; ``digest``: SHA-256 of what it says, so that a
    key sent again with another content is told apart from a retry."""

    __tablename__ = "report_submission"
    id: Mapped[int] = mapped_column(primary_key=True)
    digest: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(30), index=True)
    submitted_at: Mapped[datetime] = mapped_column(UtcDateTime())
    received_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    pdf_size: Mapped[int] = mapped_column(Integer)
    pdf_sha256: Mapped[str] = mapped_column(String(64))


class ReportReview(Base):
    """The management unit's review of a submission (复核情况); the latest one counts."""

    __tablename__ = "report_review"
    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("report_submission.id"), index=True)
    reviewer: Mapped[str] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)
    reviewed_at: Mapped[datetime] = mapped_column(UtcDateTime())


class SubmissionOutboxRow(_Report, Base):
    """A submission the operator made, waiting in (or delivered from) the outbox."""

    __tablename__ = "submission_outbox"
    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)


class SubmissionAttempt(Base):
    """One attempt to send an outbox's submission: ``outcome`` an AttemptOutcome;
    ``remote_id`` the service's id when delivered; ``detail`` what the platform said."""

    __tablename__ = "submission_attempt"
    id: Mapped[int] = mapped_column(primary_key=True)
    outbox_id: Mapped[int] = mapped_column(ForeignKey("submission_outbox.id"), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    outcome: Mapped[str] = mapped_column(String(20))
    remote_id: Mapped[int | None] = mapped_column(Integer, default=None)
    detail: Mapped[str] = mapped_column(Text, default="")
