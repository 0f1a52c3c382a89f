"""The Appendix E 1.1 headers, read in one place so that authentication can slot in here.

Not yet enforced (the skeleton issue leaves tokens, SM2 and TLS for later): every caller
is accepted and its headers are kept on the request for logging.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request


@dataclass(frozen=True)
class Caller:
    app_version: str
    token: str
    device_code: str


def _header(request: Request, name: str) -> str:
    """A header's value; UTF-8 bytes (a platform's Chinese DeviceCode) read as UTF-8, where
    HTTP's default reading (Latin-1) would keep them garbled in the PTZ log."""
    value = request.headers.get(name, "")
    try:
        return value.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return value


def caller(request: Request) -> Caller:
    """FastAPI dependency: who is calling, from the ``AppVersion``/``TAuth``/``DeviceCode``."""
    found = Caller(
        app_version=_header(request, "AppVersion"),
        token=_header(request, "TAuth"),
        device_code=_header(request, "DeviceCode"),
    )
    request.state.caller = found
    return found
