"""The submissions' tables on SQLite and PostgreSQL (issue 13 point 6): the service keeps one
submission per idempotency key and appends reviews; the workstation's outbox reads its state
from the attempts it appended."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from patrol_app.domain.submissions import (
    AttemptOutcome,
    OutboxState,
    ReviewRequest,
    SubmissionRequest,
)
from patrol_app.store.outbox import OutboxKeyTaken, OutboxStore
from patrol_app.store.submission_tables import ReportSubmission
from patrol_app.store.submissions import (
    SubmissionNotFound,
    SubmissionStore,
    SubmissionStoreError,
)
from tests.submissions.reports import DATA, NOVEMBER, monthly_report

NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)


def request(key: str = "key-store-0001", title: str = "") -> SubmissionRequest:
    report = monthly_report(title or "视频巡查月报 2026年11月")
    return SubmissionRequest(key, report.heading, "张三", NOW, report.pdf, report.data)


def test_a_key_received_twice_is_one_submission(sessions: sessionmaker[Session]) -> None:
    store = SubmissionStore(sessions)
    first, replayed = store.receive(request(), NOW)
    assert not replayed
    again, replayed = store.receive(request(), NOW + timedelta(minutes=5))
    assert replayed and again == first
    assert first.period_start == NOVEMBER[0] and first.received_at == NOW
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(ReportSubmission)) == 1
    assert store.pdf(first.id) == request().pdf
    assert store.data(first.id) == DATA
    with pytest.raises(SubmissionStoreError, match="已用于另一份内容不同的报表提交"):
        store.receive(request(title="视频巡查月报 2026年10月"), NOW)


def test_reviews_are_appended_oldest_first(sessions: sessionmaker[Session]) -> None:
    store = SubmissionStore(sessions)
    submission, _ = store.receive(request(), NOW)
    store.review(submission.id, ReviewRequest("李四", "待整改"), NOW + timedelta(days=1))
    store.review(submission.id, ReviewRequest("李四", "复核通过"), NOW + timedelta(days=2))
    found = store.submission(submission.id)
    assert [review.text for review in found.reviews] == ["待整改", "复核通过"]
    assert found.review is not None and found.review.reviewed_at == NOW + timedelta(days=2)
    assert store.submissions()[0].reviews == found.reviews
    with pytest.raises(SubmissionNotFound, match="报表提交 99 不存在"):
        store.review(99, ReviewRequest("李四", "通过"), NOW)


def test_the_outbox_state_follows_its_attempts(sessions: sessionmaker[Session]) -> None:
    outbox = OutboxStore(sessions)
    first = outbox.add(request("key-outbox-1"), NOW)
    second = outbox.add(request("key-outbox-2"), NOW)
    with pytest.raises(OutboxKeyTaken):
        outbox.add(request("key-outbox-1"), NOW)
    later = NOW + timedelta(seconds=5)
    outbox.record_attempt(first, NOW, AttemptOutcome.UNREACHABLE, detail="无法连接视频平台")
    outbox.record_attempt(first, later, AttemptOutcome.DELIVERED, remote_id=7)
    outbox.record_attempt(second, later, AttemptOutcome.FAILED, detail="服务内部错误")
    views = {view.id: view for view in outbox.entries()}
    assert (views[first].state, views[first].remote_id, views[first].delivered_at) == (
        OutboxState.DELIVERED,
        7,
        later,
    )
    assert views[first].attempts == 2
    assert (views[second].state, views[second].last_detail) == (OutboxState.PENDING, "服务内部错误")
    assert [view.id for view in outbox.entries(pending_only=True)] == [second]
    outbox.record_attempt(second, later, AttemptOutcome.REFUSED, detail="pdf 不是 PDF 文件")
    assert outbox.entries(pending_only=True) == []
    assert outbox.entries()[1].state is OutboxState.REFUSED
    assert outbox.request(first) == request("key-outbox-1")  # PDF and rows as put in
