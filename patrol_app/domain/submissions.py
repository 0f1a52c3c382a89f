"""Reports submitted to the video-cloud management unit (视频云联网管理单位), and its reviews
(复核情况): Appendix C notes 3 and 4, issue 13 point 6 (R-1, R-2, R-4).

Appendix E has no call for it, so the embedded service takes submissions on a route of its
own (``/api/report/submissions``, gateway/submissions.py, docs/SERVICE.md). This module is
the wire both ends read:

- ``SubmissionRequest``: what a workstation sends, a report's PDF (base64 in the JSON body)
  with its rows as data (a JSON object: patrol_app.reports ``report_data``, the same rows as
  the PDF and the xlsx), under an idempotency key the workstation chose once: the service
  keeps one submission per key, whatever the number of retries;
  ``submission_from_json`` validates a body with a message naming the field, in Chinese;
- ``SubmissionView`` / ``ReviewView``: what the service answers and lists;
- ``review_from_json``: the management unit's review (``reviewer``, ``text``), appended.
- ``OutboxState`` / ``OutboxView``: a submission as the workstation's outbox keeps it.

Pure: no clock is read here; times come in with the values.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pydantic import ConfigDict, TypeAdapter, ValidationError
from pydantic.alias_generators import to_camel

from patrol_app.domain.config_json import json_shown, json_type
from patrol_app.domain.labels import LabelledStr
from patrol_app.domain.reports import ReportHeading, ReportKind

MIB = 1024 * 1024
MAX_PDF_BYTES = 20 * MIB  # a month's patrol report of 2,000 cameras is a few MiB
# The whole JSON body: the PDF in base64 (4/3 of it) and the rows.
MAX_BODY_BYTES = 40 * MIB
MAX_TITLE = 200
MAX_SECTION = 100
MAX_OPERATOR = 100
MAX_REVIEW_TEXT = 2000
LIST_LIMIT = 500  # submissions one list answers at most
_KEY = re.compile(r"[A-Za-z0-9_-]{8,64}")
PDF_MAGIC = b"%PDF-"


class SubmissionFieldError(ValueError):
    """A body the service refuses (code 400); ``message`` names the field, in Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class SubmissionRequest:
    """A report submitted; ``submitted_at``: when the operator pressed submit (the service
    stamps its own time of receipt too)."""

    idempotency_key: str
    heading: ReportHeading
    operator: str
    submitted_at: datetime
    pdf: bytes = field(repr=False)
    data: dict[str, Any] = field(default_factory=dict, repr=False)

    def to_json(self) -> dict[str, Any]:
        """The body of ``POST /api/report/submissions``."""
        heading = self.heading
        return {
            "idempotencyKey": self.idempotency_key,
            "kind": heading.kind.value,
            "title": heading.title,
            "section": heading.section,
            "periodStart": heading.period_start.isoformat(),
            "periodEnd": heading.period_end.isoformat(),
            "operator": self.operator,
            "submittedAt": self.submitted_at.isoformat(),
            "pdf": base64.b64encode(self.pdf).decode("ascii"),
            "data": self.data,
        }

    @property
    def digest(self) -> str:
        """What the submission says (its PDF included), as SHA-256: a key sent again with
        another content is refused rather than taken for the first one."""
        content = self.to_json()
        content["pdf"] = hashlib.sha256(self.pdf).hexdigest()
        for name in ("periodStart", "periodEnd", "submittedAt"):  # the instant, not its offset
            content[name] = datetime.fromisoformat(content[name]).astimezone(UTC).isoformat()
        text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def check_pdf(pdf: bytes) -> None:
    """SubmissionFieldError unless ``pdf`` is a PDF of at most MAX_PDF_BYTES."""
    if not pdf.startswith(PDF_MAGIC):
        raise SubmissionFieldError("pdf 不是 PDF 文件（应以 %PDF- 开头）")
    if len(pdf) > MAX_PDF_BYTES:
        raise SubmissionFieldError(
            f"PDF 过大：{len(pdf) / MIB:.1f} MiB，最多 {MAX_PDF_BYTES // MIB} MiB"
        )


def _text(body: dict[str, Any], name: str, limit: int, what: str) -> str:
    value = body.get(name)
    if not isinstance(value, str) or not value.strip():
        raise SubmissionFieldError(f"{name} 为必填字段：{what}（字符串）")
    if len(value) > limit:
        raise SubmissionFieldError(f"{name} 过长：{len(value)} 个字符，最多 {limit} 个")
    return value.strip()


def _instant(body: dict[str, Any], name: str) -> datetime:
    value = body.get(name)
    try:
        instant = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        instant = None
    if instant is None or instant.tzinfo is None:
        raise SubmissionFieldError(
            f"{name} 应为带时区的 ISO 8601 时间（如 2026-11-01T00:00:00+08:00），"
            f"收到 {json_shown(value)}"
        )
    return instant


def _pdf(value: object) -> bytes:
    if not isinstance(value, str) or not value:
        raise SubmissionFieldError("pdf 为必填字段：报表 PDF 的 base64 编码（字符串）")
    if len(value) > MAX_PDF_BYTES * 4 // 3 + 4:
        raise SubmissionFieldError(f"PDF 过大：最多 {MAX_PDF_BYTES // MIB} MiB")
    try:
        pdf = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError) as error:
        raise SubmissionFieldError("pdf 不是有效的 base64 编码") from error
    check_pdf(pdf)
    return pdf


def submission_from_json(body: object) -> SubmissionRequest:
    """A submission's body (a parsed JSON value) checked field by field."""
    if not isinstance(body, dict):
        raise SubmissionFieldError(f"请求体应为 JSON 对象，收到{json_type(body)}")
    key = body.get("idempotencyKey")
    if not isinstance(key, str) or not _KEY.fullmatch(key):
        raise SubmissionFieldError(
            "idempotencyKey 为必填字段：8 至 64 个字母、数字、- 或 _（同一份提交重发时不变）"
        )
    kind_value = body.get("kind")
    if kind_value not in set(ReportKind):
        kinds = "、".join(kind.value for kind in ReportKind)
        raise SubmissionFieldError(f"kind 应为 {kinds} 之一，收到 {json_shown(kind_value)}")
    start, end = _instant(body, "periodStart"), _instant(body, "periodEnd")
    if end <= start:
        raise SubmissionFieldError("periodEnd 应晚于 periodStart")
    data = body.get("data", {})
    if not isinstance(data, dict):
        raise SubmissionFieldError(f"data 应为 JSON 对象（报表的数据），收到{json_type(data)}")
    heading = ReportHeading(
        kind=ReportKind(kind_value),
        title=_text(body, "title", MAX_TITLE, "报表标题"),
        section=_text(body, "section", MAX_SECTION, "路段名称"),
        period_start=start,
        period_end=end,
    )
    return SubmissionRequest(
        idempotency_key=key,
        heading=heading,
        operator=_text(body, "operator", MAX_OPERATOR, "提交人"),
        submitted_at=_instant(body, "submittedAt"),
        pdf=_pdf(body.get("pdf")),
        data=data,
    )


@dataclass(frozen=True)
class ReviewRequest:
    """The management unit's review of a submission (复核情况) and who made it."""

    reviewer: str
    text: str


def review_from_json(body: object) -> ReviewRequest:
    if not isinstance(body, dict):
        raise SubmissionFieldError(f"请求体应为 JSON 对象，收到{json_type(body)}")
    return ReviewRequest(
        reviewer=_text(body, "reviewer", MAX_OPERATOR, "复核人"),
        text=_text(body, "text", MAX_REVIEW_TEXT, "复核情况"),
    )


_WIRE = ConfigDict(alias_generator=to_camel, populate_by_name=True)


@dataclass(frozen=True)
class ReviewView:
    """A review as recorded: ``reviewed_at`` is the service's time when it recorded it."""

    __pydantic_config__ = _WIRE

    id: int
    submission_id: int
    reviewer: str
    text: str
    reviewed_at: datetime


@dataclass(frozen=True)
class SubmissionView:
    """A submission the service holds, its reviews oldest first (the last one counts)."""

    __pydantic_config__ = _WIRE

    id: int
    idempotency_key: str
    kind: str
    title: str
    section: str
    period_start: datetime
    period_end: datetime
    operator: str
    submitted_at: datetime
    received_at: datetime
    pdf_size: int
    pdf_sha256: str
    reviews: tuple[ReviewView, ...] = ()

    @property
    def review(self) -> ReviewView | None:
        """The latest review, None before any."""
        return self.reviews[-1] if self.reviews else None


class WireError(ValueError):
    """An answer that is not what the service sends; the message says where, for the log."""


_SUBMISSION = TypeAdapter(SubmissionView)
_SUBMISSIONS = TypeAdapter(list[SubmissionView])
_REVIEW = TypeAdapter(ReviewView)


def encode_submission(view: SubmissionView) -> dict[str, Any]:
    encoded: dict[str, Any] = _SUBMISSION.dump_python(view, mode="json", by_alias=True)
    return encoded


def encode_submissions(views: list[SubmissionView]) -> list[dict[str, Any]]:
    encoded: list[dict[str, Any]] = _SUBMISSIONS.dump_python(views, mode="json", by_alias=True)
    return encoded


def encode_review(view: ReviewView) -> dict[str, Any]:
    encoded: dict[str, Any] = _REVIEW.dump_python(view, mode="json", by_alias=True)
    return encoded


def decode_submission(data: object) -> SubmissionView:
    try:
        return _SUBMISSION.validate_python(data)
    except ValidationError as error:
        raise WireError(str(error)) from error


def decode_submissions(data: object) -> list[SubmissionView]:
    try:
        return _SUBMISSIONS.validate_python(data)
    except ValidationError as error:
        raise WireError(str(error)) from error


def decode_review(data: object) -> ReviewView:
    try:
        return _REVIEW.validate_python(data)
    except ValidationError as error:
        raise WireError(str(error)) from error


class OutboxState(LabelledStr):
    """Where a submission of the workstation's outbox is."""

    PENDING = "pending", "等待发送"
    DELIVERED = "delivered", "已送达"
    REFUSED = "refused", "被拒收"  # the service answered 400: sending again cannot help


class AttemptOutcome(LabelledStr):
    """What one attempt to send a submission came to (a row of the outbox's log)."""

    DELIVERED = "delivered", "已送达"
    UNREACHABLE = "unreachable", "平台无法连接"
    FAILED = "failed", "平台出错"  # an answer of 500, or one that cannot be read: retried
    REFUSED = "refused", "被拒收"


@dataclass(frozen=True)
class OutboxView:
    """A submission of the outbox with what its attempts came to: ``remote_id`` is the
    service's id once delivered; ``last_detail`` the last failed attempt's message."""

    id: int
    idempotency_key: str
    heading: ReportHeading
    operator: str
    created_at: datetime
    attempts: int
    last_attempt_at: datetime | None
    last_detail: str
    state: OutboxState
    remote_id: int | None
    delivered_at: datetime | None
