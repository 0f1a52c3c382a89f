"""The common reply envelope of Appendix E: ``{"code", "msg", "data"}``.

Appendix E 1.4: a request that was processed is answered with HTTP 200 and its business
code; so is a malformed one (code 400 with where it broke), which is what the spec's
integrators check. Only the media routes, which players read, use HTTP statuses.

A body nests at most MAX_NESTING arrays and objects inside each other (the spec's bodies
need three): Python's parser recurses once per level, so a hostile body nested thousands
deep would exhaust the stack (a RecursionError, a 500 and a dropped connection) before any
route saw it. It is refused, like malformed JSON, before it is parsed.
"""

from __future__ import annotations

import json
import re
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse

from patrol_app.domain.codes import Code
from patrol_app.domain.config_json import decode_message

MAX_NESTING = 32
# What decides the nesting: brackets, and strings (whose brackets do not count). A string's
# closing quote is optional so that an unterminated one ends the scan instead of making the
# search retry from every later quote (quadratic on a body of escaped quotes). The string is
# matched as runs of plain characters between escapes ("unrolled"), not one alternation per
# character: a submission's 27 MB base64 PDF is scanned in 0.2 s instead of 9 s.
_NESTING_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?|[\[{\]}]', re.DOTALL)


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


async def json_body(request: Request, *, max_bytes: int | None = None) -> Any:
    """The request's JSON body, or a 400 that says where it broke; ``max_bytes``: a body
    larger than this is refused as it arrives (announced or not), before it is parsed."""
    raw = await request.body() if max_bytes is None else await _limited(request, max_bytes)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise RequestError(
            Code.BAD_REQUEST, f"请求体不是 UTF-8 编码（第 {error.start} 字节）"
        ) from error
    if not text.strip():
        raise RequestError(Code.BAD_REQUEST, "请求体为空，应为 JSON")
    too_deep = _nesting_over(text, MAX_NESTING)
    if too_deep is not None:
        raise RequestError(
            Code.BAD_REQUEST,
            f"请求体嵌套过深：数组和对象最多相互嵌套 {MAX_NESTING} 层，"
            f"{_where(text, too_deep)}处已是第 {MAX_NESTING + 1} 层",
        )
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise RequestError(
            Code.BAD_REQUEST,
            f"请求体不是合法的 JSON：{_where(text, error.pos)}：{decode_message(error)}",
        ) from error


async def _limited(request: Request, limit: int) -> bytes:
    too_large = RequestError(
        Code.BAD_REQUEST, f"请求体过大：最多 {limit / 1024 / 1024:g} MiB（{limit} 字节）"
    )
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


def _nesting_over(text: str, limit: int) -> int | None:
    """Where ``text`` opens an array or object ``limit + 1`` levels deep, or None."""
    depth = 0
    for token in _NESTING_TOKENS.finditer(text):
        bracket = token.group()
        if bracket in ("[", "{"):
            depth += 1
            if depth > limit:
                return token.start()
        elif bracket in ("]", "}"):
            depth -= 1
    return None


def _where(text: str, position: int) -> str:
    """A character's place as the person who wrote the JSON finds it (as json counts)."""
    line = text.count("\n", 0, position) + 1
    column = position - text.rfind("\n", 0, position)
    return f"第 {line} 行第 {column} 列（字符 {position}）"
