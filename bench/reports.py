"""The reports of a big section (R-1, R-2): the monthly patrol report of a 2,000-camera
section with a month of records, and the Appendix C table of 2,000 cameras, each to PDF and
to xlsx (target: under 3 s each on the project's 2-core machine).

    .venv/bin/python bench/reports.py [--cameras 2000] [--repeat 5] [--work-dir DIR]
                                      [--out DIR]

Fills a SQLite database in ``--work-dir`` (reused while the size is the same) through
patrol_due.fill: the cameras of one section, one in five on the key list, patrolled every
2 h (key: every hour) from 25 November to 31 December 2025; then through the store's own
calls 12 closed rounds a day with their patrol records, 10 anomalies a day handled in three
steps and 3 video faults a day. Times, ``--repeat`` times each, for December 2025:
- gather: the rows of the monthly patrol report from the records (the use case);
- the patrol report's PDF and its workbook from those rows;
- the Appendix C table of an equipment inspection of every camera (one in seven failing
  two checks, with a note and a handling; recorded through the store): its rows gathered
  from the inspection, then to PDF and to a workbook.
``--out`` keeps the last PDFs and workbooks. Results go to stdout as Markdown.
"""

from __future__ import annotations

import argparse
import os
import platform
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from benchlib import markdown_table
from patrol_due import START, fill, timed
from sqlalchemy import func, select

from patrol_app.domain.camera import CameraEntry
from patrol_app.domain.events import CheckOutcome, StepKind
from patrol_app.domain.faults import FaultKind
from patrol_app.domain.holidays import HolidayCalendar
from patrol_app.domain.inspections import (
    CameraCheck,
    CameraInspectionRow,
    InspectionArea,
    camera_basics,
)
from patrol_app.domain.patrols import BEIJING
from patrol_app.domain.records import CheckInput
from patrol_app.domain.reports import ReportKind
from patrol_app.reporting.build import ReportRequest, build_report
from patrol_app.reporting.inspection import gather_inspection_table
from patrol_app.reporting.patrol import gather_patrol_report
from patrol_app.reporting.periods import period_bounds
from patrol_app.reports import (
    InspectionTable,
    PatrolReportData,
    ReportPeriod,
    inspection_table,
    patrol_report,
    render_pdf,
    render_xlsx,
)
from patrol_app.store.database import open_database
from patrol_app.store.models import PatrolCheck
from patrol_app.store.patrols import PatrolStore

SECTION = "京珠北段"
DAYS = 37  # 25 November to 31 December 2025
MONTH = datetime(2025, 12, 15, 12, tzinfo=BEIJING)


def directory(cameras: int) -> dict[str, CameraEntry]:
    """One section's cameras as the platform lists them: every fifth one a tunnel."""
    entries = {}
    for index in range(cameras):
        number = f"4400000000131{index:07d}"
        pile = f"K{1800 + index // 10}+{index % 10}00"
        side = "上行" if index % 2 else "下行"
        entries[number] = CameraEntry(
            camera_num=number,
            name=f"G4（京港澳高速）{pile}（{side}）（{'隧道' if index % 5 == 0 else '路面'}）",
            department="广东省高速公路有限公司",
            road="G4",
            road_name="京港澳高速",
            road_sec=SECTION,
            classify=3 if index % 5 == 0 else 0,
            poi_name="大宝山隧道" if index % 5 == 0 else "京港澳高速",
            pile=pile,
            orientation=1 + index % 2,
            has_control=index % 3 == 0,
            online=index % 17 != 0,
        )
    return entries


def add_records(store: PatrolStore, cameras: dict[str, CameraEntry]) -> None:
    """Rounds with their records, handled anomalies and faults, through the store's calls."""
    numbers = list(cameras)
    for day in range(DAYS):
        for hour in range(0, 24, 2):
            began = START + timedelta(days=day, hours=hour, minutes=3)
            state = store.rounds.start_round("值班员甲", numbers[:3], began)
            for slot in range(3):
                camera = cameras[numbers[(day * 97 + hour * 7 + slot) % len(numbers)]]
                anomaly = slot == 0 and hour % 4 == 0 and hour < 20
                fault = slot == 1 and hour in (6, 14, 22)
                outcome = (
                    CheckOutcome.ANOMALY
                    if anomaly
                    else CheckOutcome.FAULT
                    if fault
                    else CheckOutcome.NORMAL
                )
                saved = store.rounds.record_check(
                    CheckInput(
                        round_id=state.id,
                        camera_num=camera.camera_num,
                        camera_name=camera.name,
                        pile=camera.pile,
                        outcome=outcome,
                        operator="值班员甲",
                        checked_at=began + timedelta(minutes=slot + 1),
                        checklist_version=1,
                        items=("accident",) if anomaly else (),
                        note="两车追尾，占用第二车道" if anomaly else "画面跳动" if fault else "",
                        fault_kind=FaultKind.JUMPING if fault else None,
                    )
                )
                if saved.event_id is not None:
                    for minutes, kind, detail in (
                        (5, StepKind.NOTIFY, "已通知交警高速大队、路政"),
                        (8, StepKind.SIGN, "K1845 南行情报板：前方事故 减速慢行"),
                        (40, StepKind.CLOSE, "事故车辆已拖离，车道恢复通行"),
                    ):
                        store.events.add_event_step(
                            saved.event_id,
                            kind,
                            detail,
                            operator="值班员甲",
                            now=began + timedelta(minutes=minutes),
                        )
            store.rounds.close_round(
                state.id,
                equipment_condition="设备运行正常",
                handover_pile=camera.pile,
                now=began + timedelta(minutes=50),
            )


def add_inspection(store: PatrolStore, cameras: dict[str, CameraEntry], at: datetime) -> datetime:
    """An equipment inspection of every camera (one in seven failing two checks, with a note
    and a handling), unless the database has one at ``at``."""
    if not store.inspections.inspections(at, at + timedelta(seconds=1)):
        store.inspections.record_inspection(
            "值班员甲",
            {area: (True, "") for area in InspectionArea},
            note="月末设备巡查",
            now=at,
            contact="值班员甲",
            phone="0751-8888888",
            cameras=[
                CameraInspectionRow(
                    seq,
                    camera_basics(camera),
                    frozenset({CameraCheck.LENS_CLEAN, CameraCheck.OCCLUDED})
                    if seq % 7 == 1
                    else frozenset(),
                    note="镜头有水渍，画面左侧被树枝遮挡" if seq % 7 == 1 else "",
                    handling="已安排养护单位清洁镜头、修剪树枝" if seq % 7 == 1 else "",
                )
                for seq, camera in enumerate(cameras.values(), start=1)
            ],
        )
    return at


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cameras", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--work-dir", type=Path, default=Path("/tmp/reports-bench"))
    parser.add_argument("--out", type=Path, default=None)
    options = parser.parse_args()
    options.work_dir.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{options.work_dir / f'reports-{options.cameras}.db'}"
    sessions = open_database(url)
    cameras = directory(options.cameras)
    store = PatrolStore(sessions)
    with sessions() as session:
        count = session.scalar(select(func.count()).select_from(PatrolCheck)) or 0
    if not count:
        fill(sessions, cameras, DAYS)
        add_records(store, cameras)
        with sessions() as session:
            count = session.scalar(select(func.count()).select_from(PatrolCheck)) or 0
    start, end = period_bounds(ReportPeriod.MONTH, MONTH)
    now = end + timedelta(hours=1)
    calendar = HolidayCalendar()

    def gather() -> PatrolReportData:
        return gather_patrol_report(
            store,
            cameras,
            ReportPeriod.MONTH,
            start,
            end,
            section_name=SECTION,
            operator="值班员甲",
            now=now,
            calendar=calendar,
        )

    data = gather()
    monthly = patrol_report(data)
    inspection = add_inspection(store, cameras, end - timedelta(hours=10))

    def gather_table() -> InspectionTable:
        return gather_inspection_table(
            store, cameras, inspection - timedelta(hours=1), end, section_name=SECTION
        )

    table = inspection_table(gather_table())
    results: dict[str, bytes] = {}

    def keep(name: str, make: Callable[[], bytes]) -> Callable[[], bytes]:
        def run() -> bytes:
            results[name] = make()
            return results[name]

        return run

    cases = [
        ("monthly patrol report: gather the rows from the records", gather),
        (f"Appendix C table, {len(cameras):,} cameras: gather from the inspection", gather_table),
        ("monthly patrol report → PDF", keep("patrol.pdf", lambda: render_pdf(monthly))),
        ("monthly patrol report → xlsx", keep("patrol.xlsx", lambda: render_xlsx(monthly))),
        (
            f"Appendix C table, {len(cameras):,} cameras → PDF",
            keep("appendix_c.pdf", lambda: render_pdf(table)),
        ),
        (
            f"Appendix C table, {len(cameras):,} cameras → xlsx",
            keep("appendix_c.xlsx", lambda: render_xlsx(table)),
        ),
    ]
    request = ReportRequest(ReportKind.PATROL, ReportPeriod.MONTH, start, end, SECTION, "值班员甲")
    cases.append(
        (
            "monthly patrol report, all of it (build_report: gather, PDF, xlsx)",
            lambda: build_report(request, store, cameras, now=now, calendar=calendar),
        )
    )
    rows = [[name, *timed(action, options.repeat).cells()] for name, action in cases]
    if options.out is not None:
        options.out.mkdir(parents=True, exist_ok=True)
        for name, content in results.items():
            (options.out / name).write_bytes(content)
    print(
        f"{platform.node()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"{len(cameras):,} cameras, {count:,} checks over {DAYS} days; December 2025: "
        f"{len(data.records)} patrol records, {len(data.events)} events, "
        f"{len(data.faults)} faults"
    )
    print(markdown_table(["operation", "n", "median s", "p90 s", "min s", "max s", "failed"], rows))


if __name__ == "__main__":
    main()
