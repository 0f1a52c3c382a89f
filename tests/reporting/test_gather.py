"""The rows the report use cases gather from the fixture database (R-1, R-2, R-4, F-2)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from patrol_app.domain.holidays import HolidayCalendar
from patrol_app.domain.patrols import (
    BEIJING,
    ListCompliance,
    PatrolList,
    PatrolTarget,
    SectionKey,
    SiteType,
    WarningLevel,
    WeatherKind,
    WeatherWarning,
    compliance,
)
from patrol_app.domain.reports import ReportKind
from patrol_app.reporting.build import ReportRequest, build_report
from patrol_app.reporting.faults import gather_fault_report, gather_repair_request
from patrol_app.reporting.inspection import gather_inspection_table
from patrol_app.reporting.patrol import (
    daily_compliance,
    gather_patrol_report,
    list_line,
    summed,
)
from patrol_app.reporting.periods import beijing_days, period_bounds
from patrol_app.reports import ReportCancelled, ReportPeriod
from tests.patrols.helpers import OPERATOR, T0, THREE
from tests.reporting.fixture import (
    ACCIDENT_NOTE,
    INSPECTION_HANDLING,
    INSPECTION_NOTE,
    NOW,
    PHONE,
    SECTION_NAME,
    Fixture,
)


def test_the_periods_are_beijing_shifts_days_and_months() -> None:
    at = datetime(2025, 12, 31, 20, 30, tzinfo=UTC)  # 1 January 2026, 04:30 in Beijing
    assert period_bounds(ReportPeriod.DAY, at) == (
        datetime(2026, 1, 1, tzinfo=BEIJING),
        datetime(2026, 1, 2, tzinfo=BEIJING),
    )
    assert period_bounds(ReportPeriod.MONTH, at) == (
        datetime(2026, 1, 1, tzinfo=BEIJING),
        datetime(2026, 2, 1, tzinfo=BEIJING),
    )
    assert period_bounds(ReportPeriod.SHIFT, at) == (  # the night shift from 20:00
        datetime(2025, 12, 31, 20, tzinfo=BEIJING),
        datetime(2026, 1, 1, 8, tzinfo=BEIJING),
    )
    start = datetime(2025, 12, 31, 20, tzinfo=BEIJING)
    days = list(beijing_days(start, start + timedelta(hours=12)))
    assert [day for day, _, _ in days] == [date(2025, 12, 31), date(2026, 1, 1)]
    assert days[0][1] == start and days[1][2] == start + timedelta(hours=12)


def test_a_lists_line_counts_due_and_missed_in_its_interval() -> None:
    # A camera on the daily list (2 h) for a day, 7 h past its deadline in all, 9 patrols.
    kept = ListCompliance(PatrolList.DAILY, 1, 9, 2, 7 * 3600.0, 24 * 3600.0)
    line = list_line(kept)
    assert (line.due, line.done, line.late, line.missed) == (12, 9, 2, 3)
    assert line.rate == 1 - 7 / 24
    nothing = list_line(ListCompliance(PatrolList.WEATHER, 0, 0, 0, 0.0, 0.0))
    assert nothing.rate is None and nothing.due == 0


def test_the_days_patrol_report(records: Fixture) -> None:
    start, end = period_bounds(ReportPeriod.DAY, NOW)
    data = gather_patrol_report(
        records.store,
        records.cameras,
        ReportPeriod.DAY,
        start,
        end,
        section_name=SECTION_NAME,
        operator=OPERATOR,
        now=NOW,
        calendar=HolidayCalendar(),
    )
    lists = {line.patrol_list: line for line in data.lists}
    assert lists[PatrolList.DAILY].cameras == 3 and lists[PatrolList.KEY].cameras == 1
    assert lists[PatrolList.DAILY].done == 7  # 3 + 3 checks in rounds, 1 outside
    assert [day.day for day in data.days] == [date(2025, 6, 10)]
    assert len(data.records) == 2
    assert ACCIDENT_NOTE in data.records[0].anomalies
    (event,) = data.events
    assert event.items == ("交通事故",)  # the checklist item's label, not its code
    assert [step.kind.label for step in event.steps][-1] == "事件结束"
    assert len(data.faults) == 2
    assert data.inspection is not None and data.inspection.inspections == 1


def test_the_fault_reports_clocks(records: Fixture) -> None:
    start, end = period_bounds(ReportPeriod.DAY, NOW)
    report = gather_fault_report(
        records.store, start, end, section_name=SECTION_NAME, operator=OPERATOR, now=NOW
    )
    closed, still_open = report.faults
    assert (closed.state, still_open.state) == ("已验证", "已登记")
    assert closed.response_met is False  # responded after 3 h 15 min
    assert closed.repair_met is True  # repaired after 5 h
    assert closed.responded_at == T0 + timedelta(hours=3.25)
    assert "已响应（值班员甲）：养护中心已接报" in closed.handling
    assert still_open.response_met is False  # 6 h without a response
    assert still_open.repair_met is None  # 48 h not over
    # A day later the open fault's repair is overdue too; and before its 2 h, nothing is.
    later = gather_fault_report(
        records.store, start, end, section_name="", operator="", now=NOW + timedelta(days=2)
    )
    assert later.faults[1].repair_met is False
    early = gather_fault_report(
        records.store,
        start,
        end,
        section_name="",
        operator="",
        now=still_open.registered_at + timedelta(hours=2),
    )
    assert early.faults[1].response_met is None  # 2 h 00 min: still within


def test_the_repair_request_of_a_fault(records: Fixture) -> None:
    request = gather_repair_request(
        records.store,
        records.open_fault,
        section_name=SECTION_NAME,
        maintainer="粤北养护中心",
        operator=OPERATOR,
        phone=PHONE,
        now=NOW,
    )
    assert request.number == f"BX20250610-{records.open_fault:05d}"
    assert request.fault.camera_num == THREE[0].camera_num and request.fault.kind == "画面跳动"


def test_the_appendix_c_table_of_the_days_inspection(records: Fixture) -> None:
    start, end = period_bounds(ReportPeriod.DAY, NOW)
    table = gather_inspection_table(records.store, records.cameras, start, end, section_name="")
    assert table.inspected_on == date(2025, 6, 10)
    assert (table.section_name, table.contact, table.phone) == (SECTION_NAME, OPERATOR, PHONE)
    assert [row.device_code for row in table.rows] == [camera.camera_num for camera in THREE]
    tunnel = table.rows[2]
    assert (tunnel.remark, tunnel.handling) == (INSPECTION_NOTE, INSPECTION_HANDLING)
    assert [check.answer(passed) for check, passed in tunnel.checks.items()].count("否") == 1
    # A day without an inspection: the blank table of the section's cameras.
    blank = gather_inspection_table(
        records.store, records.cameras, end, end + timedelta(days=1), section_name=SECTION_NAME
    )
    assert len(blank.rows) == 3 and all(not row.checks for row in blank.rows)


def test_a_months_figures_are_the_sum_of_its_days_exactly() -> None:
    """Three days of patrols with gaps over midnight and a severe warning over a night: the
    days' sum equals the compliance of the whole period (the month is computed so)."""
    start = datetime(2025, 6, 10, tzinfo=BEIJING)
    end = start + timedelta(days=3)
    targets = [
        PatrolTarget(
            camera.camera_num,
            SectionKey(camera.road, camera.road_sec),
            SiteType.TUNNEL,
            True,
            index == 2,
            start - timedelta(days=1),
        )
        for index, camera in enumerate(THREE)
    ]
    times = {
        target.camera_num: [
            start + timedelta(hours=hours)
            for hours in range(-1, 72, 3 + index)
            if not 20 < hours % 24 < 26  # nights left undone: overdue over midnight
        ]
        for index, target in enumerate(targets)
    }
    warning = WeatherWarning(
        SectionKey("G4", "京珠北段"),
        WarningLevel.ORANGE,
        WeatherKind.RAINSTORM,
        start + timedelta(hours=22),
        start + timedelta(hours=30),
    )
    whole = compliance(targets, times, [warning], start, end)
    days = daily_compliance(targets, times, [warning], start, end)
    assert len(days) == 3
    total = summed([figures for _, figures in days])
    for name in PatrolList:
        assert (total[name].patrols, total[name].late) == (whole[name].patrols, whole[name].late)
        assert total[name].overdue_seconds == pytest.approx(whole[name].overdue_seconds)
        assert total[name].required_seconds == pytest.approx(whole[name].required_seconds)
    assert (
        whole[PatrolList.DAILY].overdue_seconds > 0
        and whole[PatrolList.WEATHER].required_seconds > 0
    )


def test_building_a_report_tells_its_progress_and_stops_when_cancelled(
    records: Fixture,
) -> None:
    start, end = period_bounds(ReportPeriod.MONTH, NOW)
    request = ReportRequest(ReportKind.PATROL, ReportPeriod.MONTH, start, end, SECTION_NAME, "甲")
    seen: list[int] = []
    built = build_report(
        request,
        records.store,
        records.cameras,
        now=NOW,
        progress=lambda done, total: seen.append(100 * done // total),
    )
    assert seen == sorted(seen) and seen[0] == 0 and seen[-1] == 100
    assert len(set(seen)) > 10  # the days of the month, the pages, the rows
    assert built.title == "视频巡查报表（月报）" and built.section == SECTION_NAME
    assert built.heading.period_start == start and built.data["title"] == built.title
    assert built.file_stem == "视频巡查报表（月报）_京珠北段_20250601"
    asked: list[bool] = []
    with pytest.raises(ReportCancelled):
        build_report(
            request,
            records.store,
            records.cameras,
            now=NOW,
            cancelled=lambda: bool(asked.append(True)) or len(asked) > 5,
        )
