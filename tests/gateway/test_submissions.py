"""The service's report submissions (issue 13 point 6; R-1, R-2, R-4; Appendix C notes 3
and 4): one submission per idempotency key, bad bodies in the spec's codes with the field
named, the PDF and the rows kept as sent, reviews appended. The real app behind a real HTTP
server on a migrated SQLite file (tests/conftest.py ``api``)."""

from __future__ import annotations

import base64
import hashlib
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from patrol_app.domain.submissions import MAX_BODY_BYTES, MAX_PDF_BYTES, SubmissionRequest
from tests.submissions.reports import DATA, NOVEMBER, SECTION, monthly_report

ROUTE = "/api/report/submissions"
NOW = datetime(2026, 12, 1, 1, 30, tzinfo=UTC)


def request(
    key: str = "key-0001-abcdef",
    *,
    title: str = "视频巡查月报 2026年11月",
    section: str = SECTION,
    pdf: bytes | None = None,
) -> SubmissionRequest:
    report = monthly_report(title, section)
    return SubmissionRequest(
        key, report.heading, "张三", NOW, report.pdf if pdf is None else pdf, report.data
    )


def post(api: httpx.Client, body: object, path: str = ROUTE) -> dict[str, Any]:
    reply = api.post(path, json=body)
    assert reply.status_code == 200, reply.text
    answer: dict[str, Any] = reply.json()
    return answer


def listed(api: httpx.Client, **params: str) -> list[dict[str, Any]]:
    reply = api.get(ROUTE, params=params).json()
    assert reply["code"] == 200, reply
    rows: list[dict[str, Any]] = reply["data"]
    return rows


def test_a_submission_is_kept_with_its_pdf_and_rows(api: httpx.Client) -> None:
    sent = request()
    reply = post(api, sent.to_json())
    assert reply["code"] == 200 and reply["msg"] == "成功"
    data = reply["data"]
    assert data["idempotencyKey"] == sent.idempotency_key
    assert (data["kind"], data["title"], data["section"]) == (
        "patrol",
        "视频巡查月报 2026年11月",
        SECTION,
    )
    assert datetime.fromisoformat(data["periodStart"]) == NOVEMBER[0]
    assert datetime.fromisoformat(data["periodEnd"]) == NOVEMBER[1]
    assert data["pdfSize"] == len(sent.pdf)
    assert data["pdfSha256"] == hashlib.sha256(sent.pdf).hexdigest()
    assert data["reviews"] == []

    pdf = api.get(f"{ROUTE}/{data['id']}/pdf")
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content == sent.pdf
    rows = api.get(f"{ROUTE}/{data['id']}/data").json()["data"]
    assert rows == DATA
    assert [row["id"] for row in listed(api)] == [data["id"]]


def test_the_same_key_sent_again_gives_back_the_one_submission(api: httpx.Client) -> None:
    sent = request().to_json()
    first = post(api, sent)["data"]
    again = post(api, sent)
    assert again["code"] == 200
    assert "已存在" in again["msg"]
    assert again["data"] == first
    assert len(listed(api)) == 1


def test_the_same_key_with_another_content_is_refused(api: httpx.Client) -> None:
    post(api, request().to_json())
    other = request(title="视频巡查月报 2026年10月").to_json()
    reply = post(api, other)
    assert reply["code"] == 400
    assert "幂等键 key-0001-abcdef 已用于另一份内容不同的报表提交" in reply["msg"]
    assert len(listed(api)) == 1


def with_field(name: str, value: object) -> dict[str, Any]:
    body = request().to_json()
    if value is _MISSING:
        del body[name]
    else:
        body[name] = value
    return body


_MISSING = object()


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("idempotencyKey", _MISSING, "idempotencyKey 为必填字段"),
        ("idempotencyKey", "short", "idempotencyKey 为必填字段"),
        (
            "kind",
            "weekly",
            'kind 应为 patrol、inspection_table、faults 之一，收到 "weekly"',
        ),
        ("title", "  ", "title 为必填字段：报表标题"),
        ("section", 3, "section 为必填字段：路段名称"),
        ("operator", "x" * 101, "operator 过长：101 个字符，最多 100 个"),
        ("periodStart", "2026-11-01T00:00:00", "periodStart 应为带时区的 ISO 8601 时间"),
        ("periodEnd", "2026-10-01T00:00:00+08:00", "periodEnd 应晚于 periodStart"),
        ("submittedAt", _MISSING, "submittedAt 应为带时区的 ISO 8601 时间"),
        ("pdf", _MISSING, "pdf 为必填字段"),
        ("pdf", "%%%", "pdf 不是有效的 base64 编码"),
        ("pdf", base64.b64encode(b"<html></html>").decode(), "pdf 不是 PDF 文件"),
        ("data", [1], "data 应为 JSON 对象（报表的数据），收到数组"),
    ],
)
def test_a_bad_field_is_400_naming_it(
    api: httpx.Client, name: str, value: object, message: str
) -> None:
    reply = post(api, with_field(name, value))
    assert reply["code"] == 400
    assert message in reply["msg"], reply["msg"]
    assert listed(api) == []


def test_a_body_that_is_not_an_object_or_not_json_is_400(api: httpx.Client) -> None:
    assert post(api, [1, 2])["msg"] == "请求体应为 JSON 对象，收到数组"
    reply = api.post(ROUTE, content=b'{"kind": ', headers={"Content-Type": "application/json"})
    assert reply.json()["code"] == 400
    assert "不是合法的 JSON：第 1 行第 10 列" in reply.json()["msg"]


def test_a_pdf_over_the_limit_is_refused(api: httpx.Client) -> None:
    big = b"%PDF-1.4\n" + b"0" * MAX_PDF_BYTES
    reply = post(api, request(pdf=big).to_json())
    assert reply["code"] == 400
    assert "PDF 过大" in reply["msg"] and "最多 20 MiB" in reply["msg"]


def test_a_body_over_the_limit_is_refused_before_it_is_read(api: httpx.Client) -> None:
    reply = api.post(
        ROUTE,
        content=b"[" + b" " * MAX_BODY_BYTES + b"]",
        headers={"Content-Type": "application/json"},
    )
    assert reply.status_code == 200
    assert reply.json()["code"] == 400
    assert reply.json()["msg"].startswith("请求体过大：最多 40 MiB")
    assert listed(api) == []


def test_reviews_are_appended_and_the_latest_counts(api: httpx.Client) -> None:
    submission = post(api, request().to_json())["data"]
    review = f"{ROUTE}/{submission['id']}/reviews"
    first = post(
        api, {"reviewer": "省联网中心 李四", "text": "巡查表已审核，K1844 点位待整改"}, review
    )
    assert first["code"] == 200
    assert first["data"]["reviewer"] == "省联网中心 李四"
    post(api, {"reviewer": "省联网中心 李四", "text": "整改完成，复核通过"}, review)
    data = api.get(f"{ROUTE}/{submission['id']}").json()["data"]
    assert [item["text"] for item in data["reviews"]] == [
        "巡查表已审核，K1844 点位待整改",
        "整改完成，复核通过",
    ]
    assert listed(api)[0]["reviews"] == data["reviews"]


def test_a_bad_review_is_400_and_an_unknown_submission_404(api: httpx.Client) -> None:
    submission = post(api, request().to_json())["data"]
    review = f"{ROUTE}/{submission['id']}/reviews"
    assert post(api, {"reviewer": "李四"}, review)["msg"].startswith("text 为必填字段：复核情况")
    assert post(api, {"reviewer": "李四", "text": "x" * 2001}, review)["code"] == 400
    for unknown in ("999", "abc"):
        reply = post(api, {"reviewer": "李四", "text": "通过"}, f"{ROUTE}/{unknown}/reviews")
        assert reply["code"] == 404
        assert reply["msg"] == f"报表提交 {unknown} 不存在"
    assert api.get(f"{ROUTE}/999").json()["code"] == 404
    missing = api.get(f"{ROUTE}/999/pdf")
    assert (missing.status_code, missing.json()["code"]) == (404, 404)
    assert api.get(f"{ROUTE}/999/data").json()["code"] == 404


def test_the_list_is_newest_first_and_narrowed_by_kind_and_section(api: httpx.Client) -> None:
    post(api, request("key-a-000001").to_json())
    post(api, request("key-b-000002", section="韶赣段").to_json())
    newest = listed(api)
    assert [row["idempotencyKey"] for row in newest] == ["key-b-000002", "key-a-000001"]
    assert [row["idempotencyKey"] for row in listed(api, section="韶赣段")] == ["key-b-000002"]
    assert listed(api, kind="faults") == []
    assert api.get(ROUTE, params={"kind": "weekly"}).json()["code"] == 400


def test_the_routes_are_in_the_openapi_document(api: httpx.Client) -> None:
    paths = api.get("/openapi.json").json()["paths"]
    body = paths[ROUTE]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert "idempotencyKey" in body["required"] and "pdf" in body["required"]
    assert {f"{ROUTE}/{{submission_id}}/pdf", f"{ROUTE}/{{submission_id}}/reviews"} <= set(paths)
