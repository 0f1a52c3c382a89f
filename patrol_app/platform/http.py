"""The HTTP side shared by every client: Appendix E headers and envelope unwrapping."""

from __future__ import annotations

import logging
from typing import Any, Self

import httpx

from patrol_app import __version__

log = logging.getLogger(__name__)


UNREACHABLE = "无法连接视频平台"


class PlatformError(Exception):
    """The platform answered with an error envelope, an HTTP error, or not at all."""

    def __init__(self, message: str, *, code: int | None = None) -> None:
        super().__init__(message)
        self.code = code


class PlatformUnreachable(PlatformError):
    """The platform did not answer at all (refused, reset, timed out): an outage of the
    platform or the network, not an answer about the request. The message is plain Chinese
    for the operator; the transport's own error (errno, English) goes to the log."""


class EnvelopeClient:
    """Sends requests with the Appendix E 1.1 headers and returns the envelope's ``data``."""

    def __init__(
        self,
        base_url: str,
        *,
        device_code: str = "",
        timeout: float = 5.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        headers = {"AppVersion": __version__, "DeviceCode": device_code}
        self._http = httpx.Client(
            base_url=base_url, timeout=timeout, transport=transport, headers=headers
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def request(self, method: str, path: str, **kwargs: Any) -> Any:
        try:
            reply = self._http.request(method, path, **kwargs)
        except httpx.TransportError as error:
            log.debug("%s %s: %r", method, path, error)
            raise PlatformUnreachable(UNREACHABLE) from error
        except httpx.HTTPError as error:
            log.warning("%s %s: %r", method, path, error)
            raise PlatformError("视频平台的应答无法读取") from error
        try:
            body = reply.json()
        except ValueError as error:
            raise PlatformError(
                f"视频平台返回了无法解析的内容（HTTP {reply.status_code}）"
            ) from error
        if not isinstance(body, dict) or body.get("code") != 200:
            found = body if isinstance(body, dict) else {}
            raise PlatformError(
                found.get("msg") or f"视频平台返回错误（HTTP {reply.status_code}）",
                code=found.get("code"),
            )
        return body.get("data")
