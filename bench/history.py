"""The history of the records (P-6): a month of one pile range, on a section's year of records.

    .venv/bin/python bench/history.py [--cameras 2000] [--days 365] [--repeat 30]
                                      [--db URL | --work-dir DIR]

Fills a database (SQLite in ``--work-dir`` by default, reused while the size is the same; or
any SQLAlchemy URL, e.g. a PostgreSQL one) with patrol_due.py's builder: ``--cameras`` cameras
ten to a kilometre from K1000+000, every camera checked every 2 h and the key cameras (one in
five) every hour, for ``--days`` days (10.5 million checks for 2,000 cameras and a year);
then, through the store, each day: three anomalies with a handling step, one video fault, a
correction of a check, a closed round with its patrol record, an equipment inspection with
every camera's line of the Appendix C table (three of them failing a check) and a handover.

Then times, ``--repeat`` times each, the history's page (200 rows, every kind) of the last
30 days: for K1100+000 to K1120+000 (a tenth of the section), the next page of it, one
camera's pile, 10 and 11 cameras' piles (either side of the store's switch from reading
piles one by one to reading the period in time order), a year of one camera, the whole
section; and without a pile range, one camera by its number, a part of a name, an
operator. The database has no planner statistics (no ANALYZE), as a workstation's has not.
Results go to stdout as Markdown.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta

from benchlib import Summary, background_load, markdown_table
from patrol_due import START, camera_num, machine_line, timed, year_of_checks
from sqlalchemy.orm import Session, sessionmaker

from patrol_app.domain.camera import CameraEntry
from patrol_app.domain.events import CheckOutcome, StepKind
from patrol_app.domain.faults import FaultKind
from patrol_app.domain.history import HistoryFilter, HistoryPage, PileRange
from patrol_app.domain.inspections import (
    CameraBasics,
    CameraCheck,
    CameraInspectionRow,
    InspectionArea,
)
from patrol_app.domain.pile import PileNumber
from patrol_app.domain.records import CheckInput, HandoverContent
from patrol_app.history.search import find
from patrol_app.store.patrols import PatrolStore

OPERATOR = "值班员甲"


def daily_records(sessions: sessionmaker[Session], cameras: list[CameraEntry], days: int) -> None:
    """What a section records besides the plain checks, through the store as the app does."""
    store = PatrolStore(sessions)
    lines = [basics(camera) for camera in cameras]
    for day in range(days):
        noon = START + timedelta(days=day, hours=12)
        picked = [cameras[(day * 7 + n * 331) % len(cameras)] for n in range(5)]
        walked = store.rounds.start_round(OPERATOR, [c.camera_num for c in picked], noon)
        outcomes = [CheckOutcome.ANOMALY] * 3 + [CheckOutcome.FAULT, CheckOutcome.NORMAL]
        saved = [
            store.rounds.record_check(
                replace(
                    check_of(camera, noon + timedelta(minutes=minute), outcome),
                    round_id=walked.id,
                )
            )
            for minute, (camera, outcome) in enumerate(zip(picked, outcomes, strict=True))
        ]
        for done in saved[:3]:
            assert done.event_id is not None
            store.events.add_event_step(
                done.event_id, StepKind.NOTIFY, "路政", operator=OPERATOR, now=noon
            )
        store.rounds.close_round(
            walked.id,
            equipment_condition="正常",
            handover_pile=picked[4].pile,
            now=noon + timedelta(minutes=5),
        )
        correction = check_of(picked[4], noon + timedelta(minutes=30), CheckOutcome.ANOMALY)
        store.rounds.record_check(replace(correction, corrects=saved[4].check_id))
        store.inspections.record_inspection(
            "值班员乙",
            {InspectionArea.SOFTWARE: (True, "")},
            note="",
            now=noon + timedelta(hours=1),
            cameras=camera_lines(lines, day),
        )
        store.handovers.hand_over(
            OPERATOR, HandoverContent("", "", (), (), ()), now=noon + timedelta(hours=8)
        )


def basics(camera: CameraEntry) -> CameraBasics:
    """A camera's basic info as the daily inspection's Appendix C table has it."""
    return CameraBasics(
        camera.camera_num, camera.road_sec, "", camera.pile, "", "", camera.name, "", "在线", "上行"
    )


def camera_lines(cameras: list[CameraBasics], day: int) -> list[CameraInspectionRow]:
    """Every camera's line of the day's inspection, three of them occluded."""
    failing = {(day * 37 + n * 661) % len(cameras) for n in range(3)}
    return [
        CameraInspectionRow(seq, camera, frozenset({CameraCheck.OCCLUDED}), note="镜头被遮挡")
        if index in failing
        else CameraInspectionRow(seq, camera)
        for seq, (index, camera) in enumerate(enumerate(cameras), start=1)
    ]


def check_of(camera: CameraEntry, at: datetime, outcome: CheckOutcome) -> CheckInput:
    return CheckInput(
        round_id=None,
        camera_num=camera.camera_num,
        camera_name=camera.name,
        pile=camera.pile,
        outcome=outcome,
        operator=OPERATOR,
        checked_at=at,
        checklist_version=1,
        items=("spilled_object",) if outcome is CheckOutcome.ANOMALY else (),
        fault_kind=FaultKind.UNCLEAR if outcome is CheckOutcome.FAULT else None,
    )


def main() -> None:
    options, sessions, cameras, count = year_of_checks(
        __doc__.splitlines()[0],
        cameras=2000,
        name="history",
        more=lambda sessions, cameras, days: daily_records(sessions, list(cameras.values()), days),
    )
    store = PatrolStore(sessions)
    end = START + timedelta(days=options.days)
    month = (end - timedelta(days=30), end)

    def search(start: str, stop: str, days: int = 30) -> HistoryFilter:
        piles = PileRange(PileNumber.parse(start), PileNumber.parse(stop))
        return HistoryFilter(end - timedelta(days=days), end, piles=piles)

    tenth = search("K1100+000", "K1120+000")
    first = find(store, tenth)
    cases: list[tuple[str, Callable[[], HistoryPage]]] = [
        ("month, K1100+000 to K1120+000: first page", lambda: find(store, tenth)),
        (
            "month, K1100+000 to K1120+000: next page",
            lambda: find(store, tenth, first.next_after),
        ),
        (
            "month, one camera (K1100+000 to K1100+000)",
            lambda: find(store, search("K1100+000", "K1100+000")),
        ),
        (
            "month, K1100+000 to K1100+900 (10 cameras)",
            lambda: find(store, search("K1100+000", "K1100+900")),
        ),
        (
            "month, K1100+000 to K1101+000 (11 cameras)",
            lambda: find(store, search("K1100+000", "K1101+000")),
        ),
        (
            "year, one camera (K1100+000 to K1100+000)",
            lambda: find(store, search("K1100+000", "K1100+000", days=365)),
        ),
        ("month, whole section: first page", lambda: find(store, HistoryFilter(*month))),
        (
            "month, one camera by its number",
            lambda: find(store, HistoryFilter(*month, camera=camera_num(1000))),
        ),
        (
            "month, a part of a camera's name (K1100+0)",
            lambda: find(store, HistoryFilter(*month, camera="K1100+0")),
        ),
        (
            "month, one operator (值班员乙: inspections and their cameras)",
            lambda: find(store, HistoryFilter(*month, operator="值班员乙")),
        ),
    ]
    load = background_load()  # other people's work on the same cores
    rows = []
    for name, action in cases:
        found = action()  # warm the caches, as a workstation's second search has them
        summary: Summary = timed(action, options.repeat)
        rows.append([f"{name} ({len(found.rows)} rows)", *summary.cells()])
    busy = f"; busy cores before the run: {load:.2f} of {os.cpu_count()}"
    print(machine_line(sessions, len(cameras), count, options.days, busy))
    print(
        markdown_table(["history page", "n", "median s", "p90 s", "min s", "max s", "failed"], rows)
    )


if __name__ == "__main__":
    main()
