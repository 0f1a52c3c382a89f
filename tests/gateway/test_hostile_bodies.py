"""Hostile bodies (issue 12 point 6): JSON nested thousands of levels deep gets the Appendix E
envelope with code 400 (HTTP 200, as malformed JSON does, Appendix E 1.4), never a 500 or a
dropped connection; from the real service process (`patrol-app serve`), on every route that
takes a body."""

from __future__ import annotations

import re

import httpx
import pytest

from patrol_app.gateway.envelope import MAX_NESTING
from tests.conftest import DemoSite

HEADERS = {"Content-Type": "application/json", "AppVersion": "1.0", "DeviceCode": "gw-test"}
REGISTER = "/service/video.VideoInformation"
WITH_BODY = {"post", "put", "patch"}


def arrays(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


def objects(depth: int) -> bytes:
    return b'{"a":' * depth + b"1" + b"}" * depth


def post(site: DemoSite, path: str, body: bytes) -> dict:
    reply = httpx.post(f"{site.base_url}{path}", content=body, headers=HEADERS, timeout=30)
    assert reply.status_code == 200, reply.text
    return reply.json()


def body_routes(site: DemoSite) -> list[tuple[str, str]]:
    """(method, path) of every route of the service that reads a body, from its OpenAPI
    document (so that a route added later is tested too); path parameters filled in."""
    document = httpx.get(f"{site.base_url}/openapi.json", timeout=30).json()
    return [
        (method, re.sub(r"\{[^}]+\}", "x", path))
        for path, methods in document["paths"].items()
        for method in sorted(methods.keys() & WITH_BODY)
    ]


@pytest.mark.parametrize(
    "body",
    [arrays(5_000), objects(5_000), arrays(100_000), objects(100_000)],
    ids=["arrays-5000", "objects-5000", "arrays-100000", "objects-100000"],
)
def test_a_body_nested_thousands_deep_gets_400_on_every_body_route(
    demo_site: DemoSite, body: bytes
) -> None:
    routes = body_routes(demo_site)
    # The Appendix E and workstation routes at least, and the reports' submission (issue 13).
    assert {
        ("post", REGISTER),
        ("post", "/workstation/ptz/move"),
        ("post", "/api/report/submissions"),
        ("post", "/api/report/submissions/x/reviews"),
    } <= set(routes)
    for method, path in routes:
        reply = httpx.request(
            method, f"{demo_site.base_url}{path}", content=body, headers=HEADERS, timeout=30
        )
        assert reply.status_code == 200, (path, reply.text)
        assert reply.json()["code"] == 400, (path, reply.text)
        message = reply.json()["msg"]
        assert f"嵌套过深：数组和对象最多相互嵌套 {MAX_NESTING} 层" in message, (path, message)
        assert f"处已是第 {MAX_NESTING + 1} 层" in message, (path, message)
    # The service is still up and still answers.
    status = httpx.get(f"{demo_site.base_url}/service/status.CheckGateway", timeout=30)
    assert status.json()["code"] == 200


def test_the_limit_is_counted_where_it_is_passed_on_any_line(demo_site: DemoSite) -> None:
    body = b'[{"cameras":\n' + arrays(MAX_NESTING) + b"}]"
    reply = post(demo_site, REGISTER, body)
    assert reply["code"] == 400
    assert f"第 2 行第 {MAX_NESTING - 1} 列" in reply["msg"]


def test_a_body_at_the_limit_is_read_as_usual(demo_site: DemoSite) -> None:
    """MAX_NESTING levels parse: each item is judged as a camera (not one, status 1)."""
    reply = post(demo_site, REGISTER, arrays(MAX_NESTING))
    assert reply["code"] == 200
    assert [item["status"] for item in reply["data"]] == [1]


def test_brackets_inside_strings_do_not_count(demo_site: DemoSite) -> None:
    deep_text = '"' + "[{" * 50_000 + '\\"' + '"'
    reply = post(demo_site, REGISTER, f'[{{"cameraNum": {deep_text}}}]'.encode())
    assert reply["code"] == 200
    assert [item["status"] for item in reply["data"]] == [1]


def test_an_unterminated_string_is_malformed_json(demo_site: DemoSite) -> None:
    """A string of escaped quotes that never ends ends the depth scan; json says where."""
    reply = post(demo_site, REGISTER, b'["' + b'\\"' * 50_000)
    assert reply["code"] == 400
    assert "不是合法的 JSON：第 1 行第 2 列" in reply["msg"], reply["msg"]
