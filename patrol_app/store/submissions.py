"""What the service keeps of the reports submitted to it and their reviews (issue 13 point 6):
one submission per idempotency key, however often it is sent; reviews appended.

Blocking transactions: the service calls them off its event loop (gateway/submissions.py).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from patrol_app.domain.submissions import (
    ReviewRequest,
    ReviewView,
    SubmissionRequest,
    SubmissionView,
)
from patrol_app.store.database import Repository
from patrol_app.store.submission_tables import ReportReview, ReportSubmission


class SubmissionStoreError(ValueError):
    """A write the store refuses (code 400); the message is for the caller, in Chinese."""


class SubmissionNotFound(LookupError):
    """No submission has that id (code 404)."""

    def __init__(self, submission_id: int) -> None:
        super().__init__(f"报表提交 {submission_id} 不存在")


class _KeyTaken(Exception):
    """Another request stored the same key first (a concurrent retry)."""


def _review_view(row: ReportReview) -> ReviewView:
    return ReviewView(row.id, row.submission_id, row.reviewer, row.text, row.reviewed_at)


class SubmissionStore(Repository):
    _subject = "报表提交记录"

    def receive(self, request: SubmissionRequest, now: datetime) -> tuple[SubmissionView, bool]:
        """Keep ``request`` received at ``now``; (the submission, whether it was already
        there: the same key sent again). SubmissionStoreError when the key was used for
        another content."""
        known = self._by_key(request)
        if known is not None:
            return known, True
        try:
            with self._write(conflict=_KeyTaken()) as session:
                row = ReportSubmission(
                    **ReportSubmission.columns(request),
                    digest=request.digest,
                    submitted_at=request.submitted_at,
                    received_at=now,
                    pdf_size=len(request.pdf),
                    pdf_sha256=hashlib.sha256(request.pdf).hexdigest(),
                )
                session.add(row)
                session.flush()
                return self._view(session, row), False
        except _KeyTaken:
            known = self._by_key(request)
            assert known is not None  # the row that took the key is committed
            return known, True

    def _by_key(self, request: SubmissionRequest) -> SubmissionView | None:
        with self._read() as session:
            row = session.scalars(
                select(ReportSubmission).where(
                    ReportSubmission.idempotency_key == request.idempotency_key
                )
            ).one_or_none()
            if row is None:
                return None
            if row.digest != request.digest:
                raise SubmissionStoreError(
                    f"幂等键 {request.idempotency_key} 已用于另一份内容不同的报表提交"
                    f"（编号 {row.id}）；新的提交请换一个幂等键"
                )
            return self._view(session, row)

    def submissions(
        self, *, kind: str | None = None, section: str | None = None, limit: int = 500
    ) -> list[SubmissionView]:
        """The submissions, newest first, with their reviews; narrowed when asked."""
        query = select(ReportSubmission).order_by(ReportSubmission.id.desc()).limit(limit)
        if kind is not None:
            query = query.where(ReportSubmission.kind == kind)
        if section is not None:
            query = query.where(ReportSubmission.section == section)
        with self._read() as session:
            rows = session.scalars(query).all()
            reviews = self._reviews(session, [row.id for row in rows])
            return [self._view(session, row, reviews.get(row.id, ())) for row in rows]

    def submission(self, submission_id: int) -> SubmissionView:
        with self._read() as session:
            row = session.get(ReportSubmission, submission_id)
            if row is None:
                raise SubmissionNotFound(submission_id)
            return self._view(session, row)

    def pdf(self, submission_id: int) -> bytes:
        with self._read() as session:
            pdf = session.scalar(
                select(ReportSubmission.pdf).where(ReportSubmission.id == submission_id)
            )
            if pdf is None:
                raise SubmissionNotFound(submission_id)
            return pdf

    def data(self, submission_id: int) -> dict[str, Any]:
        """The report's rows as submitted."""
        with self._read() as session:
            text = session.scalar(
                select(ReportSubmission.data).where(ReportSubmission.id == submission_id)
            )
        if text is None:
            raise SubmissionNotFound(submission_id)
        data: dict[str, Any] = json.loads(text)
        return data

    def review(self, submission_id: int, review: ReviewRequest, now: datetime) -> ReviewView:
        """Append the management unit's review of a submission, recorded at ``now``."""
        with self._write() as session:
            if session.get(ReportSubmission, submission_id) is None:
                raise SubmissionNotFound(submission_id)
            row = ReportReview(
                submission_id=submission_id,
                reviewer=review.reviewer,
                text=review.text,
                reviewed_at=now,
            )
            session.add(row)
            session.flush()
            return _review_view(row)

    @staticmethod
    def _reviews(session: Session, ids: Sequence[int]) -> dict[int, tuple[ReviewView, ...]]:
        found: dict[int, list[ReviewView]] = {}
        if ids:
            rows = session.scalars(
                select(ReportReview)
                .where(ReportReview.submission_id.in_(ids))
                .order_by(ReportReview.id)
            )
            for row in rows:
                found.setdefault(row.submission_id, []).append(_review_view(row))
        return {key: tuple(value) for key, value in found.items()}

    def _view(  # times in UTC, as read back (a row just written has the caller's offsets)
        self,
        session: Session,
        row: ReportSubmission,
        reviews: tuple[ReviewView, ...] | None = None,
    ) -> SubmissionView:
        if reviews is None:
            reviews = self._reviews(session, [row.id]).get(row.id, ())
        heading = row.heading
        return SubmissionView(
            id=row.id,
            idempotency_key=row.idempotency_key,
            kind=heading.kind.value,
            title=heading.title,
            section=heading.section,
            period_start=heading.period_start,
            period_end=heading.period_end,
            operator=row.operator,
            submitted_at=row.submitted_at.astimezone(UTC),
            received_at=row.received_at.astimezone(UTC),
            pdf_size=row.pdf_size,
            pdf_sha256=row.pdf_sha256,
            reviews=reviews,
        )
