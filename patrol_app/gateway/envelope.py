"""The common reply envelope of Appendix E: ``{"code", "msg", "data"}``.

Appendix E 1.4: a request that was processed is answered with HTTP 200 and its business
code; so is a malformed one (code 400 with where it broke), which is what the spec's
integrators check. Only the media routes, which players read, use HTTP statuses.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse

from patrol_app.domain.codes import Code
from patrol_app.domain.config_json import decode_message


class RequestError(Exception):
    """A request the service cannot act on, answered with ``code`` and ``msg``."""

    def __init__(self, code: Code, msg: str, *, http_status: int = 200) -> None:
        super().__init__(msg)
        self.code = code
        self.msg = msg
        self.http_status = http_status


def envelope(code: Code, msg: str, data: Any = None, *, http_status: int = 200) -> JSONResponse:
    return JSONResponse({"code": int(code), "msg": msg, "data": data}, status_code=http_status)


def ok(data: Any = None) -> JSONResponse:
    return envelope(Code.OK, "成功", data)


async def json_body(request: Request) -> Any:
    """The request's JSON body, or a 400 that says where it broke."""
    raw = await request.body()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise RequestError(
            Code.BAD_REQUEST, f"请求体不是 UTF-8 编码（第 {error.start} 字节）"
        ) from error
    if not text.strip():
        raise RequestError(Code.BAD_REQUEST, "请求体为空，应为 JSON")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise RequestError(
            Code.BAD_REQUEST,
            f"请求体不是合法的 JSON：第 {error.lineno} 行第 {error.colno} 列（字符 {error.pos}）"
            f"：{decode_message(error)}",
        ) from error
