"""What is due, with a year of patrol records (P-1..P-3): the workstation's periodic question.

    .venv/bin/python bench/patrol_due.py [--cameras 5000] [--days 365] [--repeat 30]
                                         [--db URL | --work-dir DIR]

Fills a database (SQLite in ``--work-dir`` by default, reused while the size is the same;
or any SQLAlchemy URL, e.g. a PostgreSQL one) with ``--cameras`` cameras in 10 road
sections, one in five on the key list (tunnels), joined through ``PatrolStore.lists.join_new``,
and ``--days`` of patrols: every camera every 2 h, key cameras every hour (26.3 million
checks for 5,000 cameras and a year), plus one open orange warning on one section.

Then times, ``--repeat`` times each, at the instant after the last record:
- due: what the workstation asks every 30 s: the list entries, the last patrol of each
  camera and the warnings from the store, then ``due_status``;
- snapshot: the whole ``compute_snapshot`` of the patrol panel (due, the shift's compliance
  from the records of the shift, checklist, open events and faults, inspections).
Results go to stdout as Markdown.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from benchlib import Summary, markdown_table
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from patrol_app.domain.camera import CameraEntry
from patrol_app.domain.events import CheckOutcome
from patrol_app.domain.holidays import HolidayCalendar
from patrol_app.domain.patrols import (
    BEIJING,
    PatrolTarget,
    SectionKey,
    SiteType,
    WarningLevel,
    WeatherKind,
    WeatherWarning,
    due_status,
)
from patrol_app.domain.pile import pile_metres
from patrol_app.patrols.snapshot import compute_snapshot, section_of
from patrol_app.store.database import open_database
from patrol_app.store.models import PatrolCheck
from patrol_app.store.patrols import PatrolStore

SECTIONS = [SectionKey("G4", f"测试段{n}") for n in range(10)]
START = datetime(2025, 11, 25, tzinfo=BEIJING)
BATCH = 200_000


def camera_num(index: int) -> str:
    return f"00000000-0000-4000-8000-{index:012d}"


def directory(cameras: int) -> dict[str, CameraEntry]:
    """The cameras as the platform lists them: every fifth one a tunnel."""
    entries = {}
    for index in range(cameras):
        section = SECTIONS[index % len(SECTIONS)]
        number = camera_num(index)
        entries[number] = CameraEntry(
            camera_num=number,
            name=f"{section} K{1000 + index // 10}+{index % 10}00",
            department="测试公司",
            road=section.road,
            road_name="京港澳高速",
            road_sec=section.road_sec,
            classify=3 if index % 5 == 0 else 0,
            poi_name="",
            pile=f"K{1000 + index // 10}+{index % 10}00",
            orientation=1,
            has_control=False,
            online=True,
        )
    return entries


def fill(sessions: sessionmaker[Session], cameras: dict[str, CameraEntry], days: int) -> None:
    """Join the cameras and write ``days`` of checks. The checks go in through the driver's
    executemany (Core inserts manage some 35,000 rows/s here, too slow for 26 million), with
    the times converted by the column type's own bind processor, so they are stored exactly
    as PatrolStore stores them."""
    store = PatrolStore(sessions)
    sites = {
        n: SiteType.TUNNEL if c.classify == 3 else SiteType.MAINLINE for n, c in cameras.items()
    }
    store.lists.join_new(sites, START)
    engine = sessions.kw["bind"]
    table = PatrolCheck.__table__
    stored = table.c.checked_at.type.dialect_impl(engine.dialect).bind_processor(engine.dialect)
    columns = ["camera_num", "camera_name", "pile", "outcome", "operator", "checked_at"]
    columns += ["checklist_version", "items", "note", "snapshot", "pile_metres"]
    marker = "?" if engine.dialect.paramstyle == "qmark" else "%s"
    values = ", ".join([marker] * len(columns))
    # As record_check writes them: the camera's number, name and pile, the outcome and the
    # operator, the time, then the unmarked checklist and the pile in metres.
    named = {n: (n, c.name, c.pile) for n, c in cameras.items()}
    normal = (CheckOutcome.NORMAL.value, "bench")
    unmarked = {n: (1, "[]", "", "", pile_metres(c.pile)) for n, c in cameras.items()}
    sql = f"INSERT INTO patrol_check ({', '.join(columns)}) VALUES ({values})"
    written = 0
    began = time.perf_counter()
    with engine.begin() as connection:
        rows: list[tuple[object, ...]] = []
        for hour in range(days * 24):
            at = stored(START + timedelta(hours=hour, minutes=1))
            for number, site in sites.items():
                if site is SiteType.MAINLINE and hour % 2:
                    continue
                rows.append((*named[number], *normal, at, *unmarked[number]))
            if len(rows) >= BATCH or hour == days * 24 - 1:
                connection.exec_driver_sql(sql, rows)
                written += len(rows)
                rows.clear()
                rate = written / (time.perf_counter() - began)
                print(f"\r{written:,} checks ({rate:,.0f}/s)", end="", flush=True)
        # What record_check keeps for each check, as migration 0004 builds it.
        connection.exec_driver_sql(
            "INSERT INTO camera_last_patrol (camera_num, checked_at) "
            "SELECT camera_num, MAX(checked_at) FROM patrol_check GROUP BY camera_num"
        )
    print()
    warning = WeatherWarning(SECTIONS[0], WarningLevel.ORANGE, WeatherKind.RAINSTORM, START)
    store.weather.add_warning(warning, recorded_by="bench", now=START)


def timed(action: object, repeat: int) -> Summary:
    samples = []
    for _ in range(repeat):
        began = time.perf_counter()
        action()  # type: ignore[operator]
        samples.append(time.perf_counter() - began)
    return Summary.of(samples)


def year_of_checks(
    description: str,
    *,
    cameras: int,
    name: str,
    more: Callable[[sessionmaker[Session], dict[str, CameraEntry], int], None] | None = None,
) -> tuple[argparse.Namespace, sessionmaker[Session], dict[str, CameraEntry], int]:
    """A benchmark's command line (``--cameras``, default ``cameras``; ``--days``;
    ``--repeat``; ``--db`` or ``--work-dir``) and its database: ``name-CAMERAS-DAYS.db`` in
    the work directory unless ``--db``, filled once by ``fill`` and then by ``more`` (what
    that benchmark adds), reused while it holds checks. Returns the options, the sessions,
    the directory and the number of checks."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--cameras", type=int, default=cameras)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--db", default="")
    parser.add_argument("--work-dir", type=Path, default=Path("/tmp/patrol-bench"))
    options = parser.parse_args()
    url = options.db or (
        f"sqlite:///{options.work_dir / f'{name}-{options.cameras}-{options.days}.db'}"
    )
    sessions = open_database(url)
    entries = directory(options.cameras)
    count = _check_count(sessions)
    if not count:
        fill(sessions, entries, options.days)
        if more is not None:
            more(sessions, entries, options.days)
        count = _check_count(sessions)
    return options, sessions, entries, count


def _check_count(sessions: sessionmaker[Session]) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(PatrolCheck)) or 0


def machine_line(
    sessions: sessionmaker[Session], cameras: int, checks: int, days: int, extra: str = ""
) -> str:
    """What the figures were measured on and with."""
    engine = sessions.kw["bind"]
    return (
        f"{platform.node()}, {os.cpu_count()} CPUs, {platform.python_version()}, "
        f"{engine.dialect.name}, {cameras:,} cameras, {checks:,} checks over {days} days{extra}"
    )


def main() -> None:
    options, sessions, cameras, count = year_of_checks(
        __doc__.splitlines()[0], cameras=5000, name="patrol"
    )
    store = PatrolStore(sessions)
    now = START + timedelta(days=options.days)
    calendar = HolidayCalendar()
    shift_starts = [datetime.strptime(t, "%H:%M").time() for t in ("08:00", "20:00")]

    def due() -> None:
        entries = store.lists.list_entries()
        targets = [
            PatrolTarget(n, section_of(cameras[n]), e.site, e.daily, e.key, e.since)
            for n, e in entries.items()
        ]
        warnings = [
            stored.warning for stored in store.weather.warnings(since=now - timedelta(days=1))
        ]
        status = due_status(targets, store.rounds.last_patrols(), warnings, now)
        assert len(status) == len(cameras)

    def snapshot() -> None:
        compute_snapshot(store, cameras, now, shift_starts, calendar)

    due()  # warm the caches, as a running workstation has them
    rows = [
        [
            "due (entries + last patrols + warnings + due_status)",
            *timed(due, options.repeat).cells(),
        ],
        ["whole patrol snapshot (+ shift compliance)", *timed(snapshot, options.repeat).cells()],
    ]
    print(machine_line(sessions, len(cameras), count, options.days))
    print(markdown_table(["operation", "n", "median s", "p90 s", "min s", "max s", "failed"], rows))


if __name__ == "__main__":
    main()
