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


def caller(request: Request) -> Caller:
    """FastAPI dependency: who is calling, from the ``AppVersion``/``TAuth``/``DeviceCode``."""
    headers = request.headers
    found = Caller(
        app_version=headers.get("AppVersion", ""),
        token=headers.get("TAuth", ""),
        device_code=headers.get("DeviceCode", ""),
    )
    request.state.caller = found
    return found
