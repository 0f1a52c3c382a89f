"""The workstation's client of the service's report submissions (gateway/submissions.py):
submit a report, read back a submission with the management unit's reviews, list them, and
(what the management unit does) record a review.

Blocking calls: the outbox's use case (patrol_app/submissions/) runs them through the UI's
task runner. Failures raise PlatformError: PlatformUnreachable when the service does not
answer, else ``code`` 400 (refused: the field named), 404 (no such submission), 500 (its
database failed) or None (an answer that cannot be read)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from patrol_app.domain.reports import ReportKind
from patrol_app.domain.submissions import (
    LIST_LIMIT,
    ReviewView,
    SubmissionRequest,
    SubmissionView,
    WireError,
    decode_review,
    decode_submission,
    decode_submissions,
)
from patrol_app.platform.http import EnvelopeClient, PlatformError

ROUTE = "/api/report/submissions"
T = TypeVar("T")


def _read(decode: Callable[[object], T], data: object) -> T:
    try:
        return decode(data)
    except WireError as error:
        raise PlatformError(f"视频平台返回的报表提交记录无法读取：{error}") from error


class SubmissionClient(EnvelopeClient):
    """Submissions are large (a PDF of up to 20 MiB): give the client a timeout to match."""

    def submit(self, request: SubmissionRequest) -> SubmissionView:
        """Send ``request``; the service's submission, the one it already had when the key
        was sent before (a retry)."""
        return _read(decode_submission, self.request("POST", ROUTE, json=request.to_json()))

    def submission(self, submission_id: int) -> SubmissionView:
        """One submission with its reviews, oldest first."""
        return _read(decode_submission, self.request("GET", f"{ROUTE}/{submission_id}"))

    def submissions(
        self, *, kind: ReportKind | None = None, section: str | None = None, limit: int = LIST_LIMIT
    ) -> list[SubmissionView]:
        """The service's submissions, newest first."""
        params: dict[str, Any] = {"limit": limit}
        if kind is not None:
            params["kind"] = kind.value
        if section is not None:
            params["section"] = section
        return _read(decode_submissions, self.request("GET", ROUTE, params=params))

    def review(self, submission_id: int, reviewer: str, text: str) -> ReviewView:
        """Record the management unit's review (复核情况) of a submission."""
        data = self.request(
            "POST", f"{ROUTE}/{submission_id}/reviews", json={"reviewer": reviewer, "text": text}
        )
        return _read(decode_review, data)
