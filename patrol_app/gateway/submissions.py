"""Reports submitted to the management unit, and its reviews (issue 13 point 6; Appendix C
notes 3 and 4). Appendix E has no such call: this is the service's own route, in the
Appendix E envelope and codes (docs/SERVICE.md, "Report submissions").

- ``POST /api/report/submissions``: a report (domain/submissions.py ``SubmissionRequest``:
  kind, title, section, period, operator, the PDF in base64, its rows as data) under an
  idempotency key. A key already received gives back that submission (code 200, never a
  second copy); the same key with another content is refused (400). Bodies over
  MAX_BODY_BYTES and PDFs over MAX_PDF_BYTES are refused (400) as they arrive.
- ``GET /api/report/submissions[?kind=&section=&limit=]``: newest first, with reviews;
- ``GET /api/report/submissions/{id}``, ``.../{id}/pdf`` (the PDF itself), ``.../{id}/data``;
- ``POST /api/report/submissions/{id}/reviews``: ``{"reviewer", "text"}``, the management
  unit's 复核情况, appended (the latest counts), stamped with the service's time.

Codes: 400 a field named (or the JSON's line and column), 404 no such submission, 500 the
database failed. Callers are not authenticated (auth.py), as every route so far.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse, Response

from patrol_app.domain.codes import Code
from patrol_app.domain.reports import ReportKind
from patrol_app.domain.submissions import (
    LIST_LIMIT,
    MAX_BODY_BYTES,
    MAX_PDF_BYTES,
    SubmissionFieldError,
    encode_review,
    encode_submission,
    encode_submissions,
    review_from_json,
    submission_from_json,
)
from patrol_app.gateway.auth import caller
from patrol_app.gateway.envelope import RequestError, envelope, json_body, ok
from patrol_app.store.database import DatabaseError
from patrol_app.store.submissions import SubmissionNotFound, SubmissionStore, SubmissionStoreError

T = TypeVar("T")

ROUTE = "/api/report/submissions"
REPLAYED = "已收到：该幂等键的提交已存在，返回已有的一份"

_TIME = {"type": "string", "format": "date-time", "description": "ISO 8601，带时区"}
_SUBMISSION_BODY = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "required": [
                    "idempotencyKey",
                    "kind",
                    "title",
                    "section",
                    "periodStart",
                    "periodEnd",
                    "operator",
                    "submittedAt",
                    "pdf",
                ],
                "properties": {
                    "idempotencyKey": {
                        "type": "string",
                        "pattern": "^[A-Za-z0-9_-]{8,64}$",
                        "description": "工作站为一份提交生成一次，重发时不变",
                    },
                    "kind": {"type": "string", "enum": [kind.value for kind in ReportKind]},
                    "title": {"type": "string", "maxLength": 200},
                    "section": {"type": "string", "maxLength": 100, "description": "路段名称"},
                    "periodStart": _TIME | {"description": "报表期间起（含）"},
                    "periodEnd": _TIME | {"description": "报表期间止（不含）"},
                    "operator": {"type": "string", "maxLength": 100, "description": "提交人"},
                    "submittedAt": _TIME | {"description": "操作员提交的时间"},
                    "pdf": {
                        "type": "string",
                        "format": "byte",
                        "description": f"报表 PDF 的 base64，最多 {MAX_PDF_BYTES} 字节",
                    },
                    "data": {
                        "type": "object",
                        "description": "报表的数据：与 PDF、Excel 相同的行（标题、表头、各表的行）",
                    },
                },
            }
        }
    },
}
_REVIEW_BODY = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["reviewer", "text"],
                "properties": {
                    "reviewer": {"type": "string", "maxLength": 100, "description": "复核人"},
                    "text": {"type": "string", "maxLength": 2000, "description": "复核情况"},
                },
            }
        }
    },
}

SubmissionId = Annotated[int, Path(description="提交编号")]


def submissions_router(store: SubmissionStore, clock: Callable[[], datetime]) -> APIRouter:
    router = APIRouter(prefix=ROUTE, tags=["Report submissions"], dependencies=[Depends(caller)])

    async def stored(call: Callable[..., T], *args: Any) -> T:
        """``call`` off the event loop: a refusal is 400, an unknown id 404, a failure 500."""
        try:
            return await asyncio.to_thread(call, *args)
        except SubmissionStoreError as error:
            raise RequestError(Code.BAD_REQUEST, str(error)) from error
        except SubmissionNotFound as error:
            raise RequestError(Code.NOT_FOUND, str(error)) from error
        except DatabaseError as error:
            raise RequestError(Code.INTERNAL_ERROR, str(error)) from error

    @router.post(
        "",
        summary="提交报表（PDF 及其数据，幂等）",
        openapi_extra={"requestBody": _SUBMISSION_BODY},
    )
    async def submit(request: Request) -> JSONResponse:
        body = await json_body(request, max_bytes=MAX_BODY_BYTES)
        try:
            asked = submission_from_json(body)
        except SubmissionFieldError as error:
            raise RequestError(Code.BAD_REQUEST, error.message) from error
        view, replayed = await stored(store.receive, asked, clock())
        return envelope(Code.OK, REPLAYED if replayed else "成功", encode_submission(view))

    @router.get("", summary="报表提交列表（新的在前，含复核情况）")
    async def list_submissions(
        kind: Annotated[ReportKind | None, Query(description="报表类型")] = None,
        section: Annotated[str | None, Query(description="路段名称")] = None,
        limit: Annotated[int, Query(ge=1, le=LIST_LIMIT)] = LIST_LIMIT,
    ) -> JSONResponse:
        found = await stored(
            lambda: store.submissions(
                kind=None if kind is None else kind.value, section=section, limit=limit
            )
        )
        return ok(encode_submissions(found))

    @router.get("/{submission_id}", summary="一份报表提交（含复核情况）")
    async def one(submission_id: SubmissionId) -> JSONResponse:
        return ok(encode_submission(await stored(store.submission, submission_id)))

    @router.get(
        "/{submission_id}/pdf",
        summary="报表提交的 PDF",
        response_class=Response,
        responses={200: {"content": {"application/pdf": {}}}},
    )
    async def pdf(submission_id: SubmissionId) -> Response:
        try:
            content = await stored(store.pdf, submission_id)
        except RequestError as error:  # a reader of a file: the HTTP status says it too
            return envelope(error.code, error.msg, http_status=int(error.code))
        return Response(
            content,
            media_type="application/pdf",
            headers={"Content-Disposition": f'inline; filename="submission-{submission_id}.pdf"'},
        )

    @router.get("/{submission_id}/data", summary="报表提交的数据（与 PDF 相同的行）")
    async def data(submission_id: SubmissionId) -> JSONResponse:
        return ok(await stored(store.data, submission_id))

    @router.post(
        "/{submission_id}/reviews",
        summary="视频云联网管理单位记录复核情况（追加）",
        openapi_extra={"requestBody": _REVIEW_BODY},
    )
    async def review(
        request: Request,
        submission_id: Annotated[str, Path(description="提交编号（整数）")],
    ) -> JSONResponse:
        body = await json_body(request)  # first: a bad body is told as such, whatever the id
        try:
            asked = review_from_json(body)
        except SubmissionFieldError as error:
            raise RequestError(Code.BAD_REQUEST, error.message) from error
        if not submission_id.isascii() or not submission_id.isdigit():
            raise RequestError(Code.NOT_FOUND, f"报表提交 {submission_id[:40]} 不存在")
        return ok(encode_review(await stored(store.review, int(submission_id), asked, clock())))

    return router
