"""The outbox of report submissions (issue 13 point 6), without a display: a submission waits
while the platform is unreachable or answers 500, is retried after a backoff, survives a
restart, is refused for good on a 400, and reaches the service once, whatever answers were
lost on the way. Real SQLite outbox, the real service behind a real HTTP server (``api``);
the failures are a port nothing listens on, and a transport that answers 500 (or loses the
answer) before passing requests on to the real service."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from patrol_app.domain.submissions import (
    MAX_PDF_BYTES,
    AttemptOutcome,
    OutboxState,
    SubmissionFieldError,
)
from patrol_app.platform.submissions import SubmissionClient
from patrol_app.standalone.process import free_port
from patrol_app.store.database import open_database
from patrol_app.store.outbox import OutboxStore
from patrol_app.submissions.outbox import Backoff, Report, SendRound, SubmissionOutbox
from tests.submissions.reports import monthly_report

NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
BACKOFF = Backoff(first=timedelta(seconds=5), longest=timedelta(seconds=40))


@pytest.fixture
def database(tmp_path: Path) -> Callable[..., OutboxStore]:
    """A workstation's database, opened anew by each call (as a restart opens it)."""
    return lambda name="workstation": OutboxStore(open_database(f"sqlite:///{tmp_path / name}.db"))


@pytest.fixture
def service_url(api: httpx.Client) -> str:
    return str(api.base_url).rstrip("/")


@pytest.fixture
def clients() -> Iterator[Callable[..., SubmissionClient]]:
    made: list[SubmissionClient] = []

    def make(url: str, transport: httpx.BaseTransport | None = None) -> SubmissionClient:
        made.append(SubmissionClient(url, timeout=30, transport=transport))
        return made[-1]

    yield make
    for client in made:
        client.close()


def on_service(api: httpx.Client) -> list[dict[str, object]]:
    data: list[dict[str, object]] = api.get("/api/report/submissions").json()["data"]
    return data


def outcomes(store: OutboxStore) -> list[tuple[OutboxState, int]]:
    return [(entry.state, entry.attempts) for entry in store.entries()]


class Failing(httpx.BaseTransport):
    """Answers the first ``failures`` POSTs with 500 (or, ``lose_answer``: passes them on and
    loses the answer, a timeout), then passes every request on to the real service."""

    def __init__(self, failures: int, *, lose_answer: bool = False) -> None:
        self.failures = failures
        self.lose_answer = lose_answer
        self._real = httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and self.failures > 0:
            self.failures -= 1
            if not self.lose_answer:
                return httpx.Response(500, json={"code": 500, "msg": "服务内部错误", "data": None})
            self._real.handle_request(request).read()
            raise httpx.ReadTimeout("the answer was lost", request=request)
        return self._real.handle_request(request)

    def close(self) -> None:
        self._real.close()


def test_a_submission_waits_while_the_platform_is_down_and_is_sent_at_restart(
    api: httpx.Client,
    service_url: str,
    database: Callable[..., OutboxStore],
    clients: Callable[..., SubmissionClient],
) -> None:
    down = SubmissionOutbox(database(), clients(f"http://127.0.0.1:{free_port()}"), backoff=BACKOFF)
    outbox_id = down.submit(monthly_report(), "张三", NOW)
    first = down.send_due(NOW)
    assert (first.delivered, first.waiting) == ((), (outbox_id,))
    assert first.next_due == NOW + timedelta(seconds=5)
    assert down.send_due(NOW + timedelta(seconds=4)).delivered == ()  # not due: not sent
    assert outcomes(down.store) == [(OutboxState.PENDING, 1)]
    assert down.store.entries()[0].last_detail == "无法连接视频平台"
    again = down.send_due(NOW + timedelta(seconds=5))
    assert again.next_due == NOW + timedelta(seconds=15)  # 5 s after the first, then 10 s

    # The workstation restarts (a new database connection) with the platform back: what
    # waits is sent at once, whatever its backoff.
    restarted = SubmissionOutbox(database(), clients(service_url), backoff=BACKOFF)
    sent = restarted.send_due(NOW + timedelta(seconds=6), restart=True)
    assert (sent.delivered, sent.waiting, sent.next_due) == ((outbox_id,), (), None)
    entry = restarted.store.entries()[0]
    assert (entry.state, entry.attempts) == (OutboxState.DELIVERED, 3)
    listed = on_service(api)
    assert [item["id"] for item in listed] == [entry.remote_id]
    assert listed[0]["idempotencyKey"] == entry.idempotency_key
    assert restarted.send_due(NOW + timedelta(hours=1), restart=True).delivered == ()
    assert len(on_service(api)) == 1


def test_answers_of_500_are_retried_after_a_doubling_backoff(
    api: httpx.Client,
    service_url: str,
    database: Callable[..., OutboxStore],
    clients: Callable[..., SubmissionClient],
) -> None:
    outbox = SubmissionOutbox(database(), clients(service_url, Failing(4)), backoff=BACKOFF)
    outbox.submit(monthly_report(), "张三", NOW)
    at, dues = NOW, []
    for _ in range(4):
        round_ = outbox.send_due(at)
        assert round_.delivered == ()
        assert round_.next_due is not None
        dues.append(round_.next_due - at)
        at = round_.next_due
    assert dues == [timedelta(seconds=s) for s in (5, 10, 20, 40)]
    assert outbox.store.entries()[0].last_detail == "服务内部错误"
    assert outbox.send_due(at).delivered == (1,)
    assert outcomes(outbox.store) == [(OutboxState.DELIVERED, 5)]
    assert len(on_service(api)) == 1


def test_an_answer_lost_after_the_service_received_it_does_not_make_a_second_copy(
    api: httpx.Client,
    service_url: str,
    database: Callable[..., OutboxStore],
    clients: Callable[..., SubmissionClient],
) -> None:
    transport = Failing(2, lose_answer=True)
    outbox = SubmissionOutbox(database(), clients(service_url, transport), backoff=BACKOFF)
    outbox.submit(monthly_report(), "张三", NOW)
    assert outbox.send_due(NOW).delivered == ()
    assert outbox.send_due(NOW + timedelta(seconds=5)).delivered == ()
    assert len(on_service(api)) == 1  # it got there the first time
    assert outbox.send_due(NOW + timedelta(seconds=15)).delivered == (1,)
    entry = outbox.store.entries()[0]
    assert [item["id"] for item in on_service(api)] == [entry.remote_id]


def test_a_refusal_is_final_and_the_others_go_on(
    api: httpx.Client,
    service_url: str,
    database: Callable[..., OutboxStore],
    clients: Callable[..., SubmissionClient],
) -> None:
    """A 400 (here: a key the service knows with another content) is not sent again."""
    first = SubmissionOutbox(database(), clients(service_url), new_key=lambda: "same-key-0001")
    first.submit(monthly_report(), "张三", NOW)
    assert first.send_due(NOW).delivered == (1,)
    # The same key from another workstation's outbox for another report.
    keys = iter(["same-key-0001", "fresh-key-0002"])
    other = SubmissionOutbox(database("other"), clients(service_url), new_key=lambda: next(keys))
    refused_id = other.submit(monthly_report("视频巡查月报 2026年10月"), "李四", NOW)
    next_id = other.submit(monthly_report("视频巡查月报 2026年9月"), "李四", NOW)
    round_ = other.send_due(NOW)
    assert (round_.refused, round_.delivered) == ((refused_id,), (next_id,))
    assert round_.next_due is None
    entry = other.store.entries()[0]
    assert entry.state is OutboxState.REFUSED
    assert "已用于另一份内容不同的报表提交" in entry.last_detail
    assert other.send_due(NOW + timedelta(days=1), restart=True) == SendRound()
    assert len(on_service(api)) == 2


def test_a_pdf_over_the_limit_is_refused_before_it_is_kept(
    database: Callable[..., OutboxStore], clients: Callable[..., SubmissionClient]
) -> None:
    outbox = SubmissionOutbox(database(), clients("http://127.0.0.1:9"))
    report = monthly_report()
    too_big = Report(report.heading, b"%PDF-1.4\n" + bytes(MAX_PDF_BYTES))
    with pytest.raises(SubmissionFieldError, match="PDF 过大"):
        outbox.submit(too_big, "张三", NOW)
    assert outbox.store.count() == 0


def test_the_reviews_of_the_delivered_ones_come_from_the_platform(
    service_url: str,
    database: Callable[..., OutboxStore],
    clients: Callable[..., SubmissionClient],
) -> None:
    client = clients(service_url)
    outbox = SubmissionOutbox(database(), client)
    delivered = outbox.submit(monthly_report(), "张三", NOW)
    outbox.send_due(NOW)
    assert outbox.reviews(outbox.entries())[delivered].reviews == ()
    remote_id = outbox.entries()[0].remote_id
    assert remote_id is not None
    client.review(remote_id, "省联网中心 李四", "复核通过")
    review = outbox.reviews(outbox.entries())[delivered].review
    assert review is not None and (review.reviewer, review.text) == ("省联网中心 李四", "复核通过")
    assert AttemptOutcome.DELIVERED.label == "已送达"
