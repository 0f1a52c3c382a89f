"""Issue 13, Done when: a monthly report submitted with the service stopped is delivered once
when the service starts, and then shows the management unit's review (复核情况, reviewer,
time) beside the report. The real service process (ServiceProcess, its own database), the
workstation as the application builds it (ui/app.py Workstation) on its own database, the
operator's clicks; conditions waited on, no sleeps."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from patrol_app.settings import Settings
from patrol_app.standalone.process import ServiceProcess
from patrol_app.ui.app import Workstation
from patrol_app.ui.reports.submission_panel import SubmissionPanel
from patrol_app.ui.widgets.beijing_time import beijing_datetime
from tests.submissions.reports import monthly_report

ROUTE = "/api/report/submissions"
REVIEWER = "省视频云联网管理中心 李四"
REVIEW = "11月巡查报表已审核：K1844+650 点位清晰度待整改，12月10日前复核"
DELIVERY_MS = 30_000  # the service's start, then the platform watch's next probe (2 s)


@pytest.fixture
def service(tmp_path: Path) -> Iterator[ServiceProcess]:
    """The embedded service, not started: the platform is down until the test starts it."""
    process = ServiceProcess(tmp_path / "service")
    yield process
    process.stop()


def open_workstation(qtbot: QtBot, base_url: str, data_dir: Path) -> Workstation:
    workstation = Workstation(base_url, Settings.load(data_dir))
    window = workstation.window
    qtbot.addWidget(window)
    window.resize(1600, 900)
    window.show()
    return workstation


def close_workstation(workstation: Workstation) -> None:
    workstation.close()
    workstation.window.patrols.deleteLater()  # the factory parents it to the application


def open_panel(qtbot: QtBot, workstation: Workstation) -> SubmissionPanel:
    panel = SubmissionPanel(workstation.submissions)
    qtbot.addWidget(panel)
    panel.resize(1200, 400)
    panel.show()
    return panel


def cell(panel: SubmissionPanel, column: int, row: int = 0) -> str:
    text: str = panel.table.model().index(row, column).data()
    return text


def on_service(service: ServiceProcess) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = httpx.get(f"{service.base_url}{ROUTE}", timeout=10).json()["data"]
    return data


def test_a_monthly_report_submitted_while_the_service_is_stopped_is_delivered_once_and_reviewed(
    qtbot: QtBot, service: ServiceProcess, tmp_path: Path
) -> None:
    workstation = open_workstation(qtbot, service.base_url, tmp_path / "workstation")
    try:
        qtbot.waitUntil(lambda: not workstation.watch.up, timeout=10_000)
        panel = open_panel(qtbot, workstation)
        panel.set_report(monthly_report())
        qtbot.mouseClick(panel.submit_button, Qt.MouseButton.LeftButton)

        # It waits in the outbox: tried once, the platform unreachable.
        qtbot.waitUntil(lambda: bool(panel.rows) and panel.rows[0].entry.attempts > 0)
        assert not panel.submit_button.isEnabled()  # one report, one submission
        assert cell(panel, 0) == "视频巡查月报 2026年11月"
        assert cell(panel, 1) == "2026-11-01 00:00 – 2026-12-01 00:00"
        assert cell(panel, 3).startswith("等待发送（已尝试 1 次：无法连接视频平台")
        assert panel.message.text() == "报表已放入发件箱，平台应答后即发送。"

        service.start()  # the platform comes back: the watch sees it, the outbox sends
        qtbot.waitUntil(lambda: cell(panel, 3) == "已送达", timeout=DELIVERY_MS)
        listed = on_service(service)
        assert len(listed) == 1
        entry = panel.rows[0].entry
        assert (listed[0]["id"], listed[0]["idempotencyKey"]) == (
            entry.remote_id,
            entry.idempotency_key,
        )
        assert listed[0]["title"] == "视频巡查月报 2026年11月"

        # The management unit reviews it through the service's API.
        reply = httpx.post(
            f"{service.base_url}{ROUTE}/{entry.remote_id}/reviews",
            json={"reviewer": REVIEWER, "text": REVIEW},
            timeout=10,
        ).json()
        assert reply["code"] == 200, reply
        qtbot.mouseClick(panel.refresh_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: cell(panel, 3) == "已复核")
        review = panel.rows[0].review
        assert review is not None
        assert (cell(panel, 4), cell(panel, 5)) == (REVIEW, REVIEWER)
        assert cell(panel, 6) == beijing_datetime(review.reviewed_at)
        assert len(on_service(service)) == 1  # delivered once
    finally:
        close_workstation(workstation)


def test_a_submission_left_waiting_is_sent_when_the_workstation_starts_again(
    qtbot: QtBot, service: ServiceProcess, tmp_path: Path
) -> None:
    data_dir = tmp_path / "workstation"
    first = open_workstation(qtbot, service.base_url, data_dir)
    try:
        panel = open_panel(qtbot, first)
        panel.set_report(monthly_report())
        qtbot.mouseClick(panel.submit_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(panel.rows) and panel.rows[0].entry.attempts > 0)
    finally:
        close_workstation(first)
        panel.close()

    service.start()
    again = open_workstation(qtbot, service.base_url, data_dir)
    try:
        panel = open_panel(qtbot, again)
        qtbot.waitUntil(lambda: bool(panel.rows) and cell(panel, 3) == "已送达", timeout=10_000)
        assert len(on_service(service)) == 1
    finally:
        close_workstation(again)
