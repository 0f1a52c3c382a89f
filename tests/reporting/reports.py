"""The four reports of the fixture database, as the report window builds them."""

from __future__ import annotations

from patrol_app.domain.holidays import HolidayCalendar
from patrol_app.reporting.faults import gather_fault_report, gather_repair_request
from patrol_app.reporting.inspection import gather_inspection_table
from patrol_app.reporting.patrol import gather_patrol_report
from patrol_app.reporting.periods import period_bounds
from patrol_app.reports import (
    Report,
    ReportPeriod,
    fault_report,
    inspection_table,
    patrol_report,
    repair_request,
)
from tests.patrols.helpers import OPERATOR
from tests.reporting.fixture import NOW, SECTION_NAME, Fixture

REPORTS = ("patrol_day", "patrol_shift", "appendix_c", "faults", "repair_request")


def build(name: str, fixture: Fixture) -> Report:
    store = fixture.store
    if name.startswith("patrol_"):
        period = ReportPeriod.DAY if name == "patrol_day" else ReportPeriod.SHIFT
        start, end = period_bounds(period, NOW)
        data = gather_patrol_report(
            store,
            fixture.cameras,
            period,
            start,
            end,
            section_name=SECTION_NAME,
            operator=OPERATOR,
            now=NOW,
            calendar=HolidayCalendar(),
        )
        return patrol_report(data)
    if name == "appendix_c":
        start, end = period_bounds(ReportPeriod.DAY, NOW)
        return inspection_table(
            gather_inspection_table(store, fixture.cameras, start, end, section_name=SECTION_NAME)
        )
    if name == "faults":
        start, end = period_bounds(ReportPeriod.DAY, NOW)
        return fault_report(
            gather_fault_report(
                store, start, end, section_name=SECTION_NAME, operator=OPERATOR, now=NOW
            )
        )
    return repair_request(
        gather_repair_request(
            store,
            fixture.open_fault,
            section_name=SECTION_NAME,
            maintainer="粤北养护中心",
            operator=OPERATOR,
            phone="0751-8888888",
            now=NOW,
        )
    )
