"""The equipment inspection of a whole section (P-8, R-2): recording and reading back the
Appendix C lines of every camera, and what a year of daily inspections takes on disk.

    .venv/bin/python bench/inspection.py [--cameras 2000] [--days 365] [--repeat 20]
                                         [--db URL | --work-dir DIR]

Fills a database (a fresh SQLite file in ``--work-dir`` by default, or any SQLAlchemy URL,
e.g. a PostgreSQL one, which should be empty) with ``--days`` daily inspections of
``--cameras`` cameras (one camera in a hundred failing a check, with a note), then times,
``--repeat`` times each:
- lines: the dialog's lines from the directory (``inspection_rows``: basic info, round order);
- record: one more inspection of every camera (``record_inspection``, one transaction);
- sheet: reading one inspection back as the table prints it (``inspection_sheet``);
- list: the inspections of a month (``inspections``, with their camera counts).
For SQLite it also gives the file's growth per inspection. Results go to stdout as Markdown.
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from benchlib import Summary, markdown_table
from sqlalchemy import text

from patrol_app.domain.camera import CameraEntry
from patrol_app.domain.inspections import AreaResult, CameraCheck, InspectionArea
from patrol_app.domain.patrols import BEIJING
from patrol_app.patrols.inspection import (
    InspectionDraft,
    inspection_rows,
    inspection_sheet,
    record_inspection,
)
from patrol_app.store.database import open_database
from patrol_app.store.patrols import PatrolStore

START = datetime(2025, 12, 1, 9, tzinfo=BEIJING)
AREAS = {area: AreaResult(True, "正常") for area in InspectionArea}


def directory(cameras: int) -> list[CameraEntry]:
    entries = []
    for n in range(cameras):
        pile = f"K{1800 + n // 20}+{n % 20 // 2 * 100:03d}"
        entries.append(
            CameraEntry(
                camera_num=f"00000000-0000-4000-8000-{n:012d}",
                name=f"G4（京港澳高速）京珠北{pile}（{'上行' if n % 2 else '下行'}）（路面）",
                department="广东省高速公路有限公司京珠北分公司",
                road="G4",
                road_name="京港澳高速",
                road_sec="京珠北段",
                classify=0,
                poi_name="京港澳高速道路",
                pile=pile,
                orientation=1 + n % 2,
                has_control=n % 3 == 0,
                online=True,
                manufacturer=("海康威视", "大华")[n % 2],
            )
        )
    return entries


def draft(cameras: list[CameraEntry], day: int) -> InspectionDraft:
    rows = inspection_rows(cameras)
    for index in range(day % 100, len(rows), 100):
        rows[index] = replace(
            rows[index], failed=frozenset({CameraCheck.LENS_CLEAN}), note="镜头有水渍"
        )
    return InspectionDraft(areas=AREAS, rows=rows, contact="值班员甲", phone="0751-8881234")


def timed(repeat: int, run: Callable[[], object]) -> Summary:
    samples = []
    for _ in range(repeat):
        began = time.perf_counter()
        run()
        samples.append(time.perf_counter() - began)
    return Summary.of(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cameras", type=int, default=2000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--db", default="")
    parser.add_argument("--work-dir", type=Path, default=None)
    options = parser.parse_args()
    work = options.work_dir or Path(tempfile.mkdtemp(prefix="inspection-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    db_file = work / f"inspection-{options.cameras}.db"
    if not options.db and db_file.exists():
        db_file.unlink()
    url = options.db or f"sqlite:///{db_file}"
    sessions = open_database(url)
    store = PatrolStore(sessions)
    cameras = directory(options.cameras)

    def size() -> int:
        if not url.startswith("sqlite"):
            return 0
        with sessions() as session:
            pages = session.execute(text("pragma page_count")).scalar_one()
            page = session.execute(text("pragma page_size")).scalar_one()
            return int(pages) * int(page)

    sizes = [size()]
    began = time.perf_counter()
    for day in range(options.days):
        at = START + timedelta(days=day)
        record_inspection(store, draft(cameras, day), operator="值班员甲", now=at)
        if day == 0:
            sizes.append(size())
    filled = time.perf_counter() - began
    sizes.append(size())
    inspection = store.inspections.inspections(START, START + timedelta(hours=1))[0].id
    now = START + timedelta(days=options.days)
    day_draft = draft(cameras, 0)
    rows = [
        [
            "lines from the directory (`inspection_rows`)",
            *timed(options.repeat, lambda: inspection_rows(cameras)).cells(),
        ],
        [
            "record one inspection (`record_inspection`)",
            *timed(
                options.repeat,
                lambda: record_inspection(store, day_draft, operator="值班员甲", now=now),
            ).cells(),
        ],
        [
            "read one back (`inspection_sheet`)",
            *timed(options.repeat, lambda: inspection_sheet(store, inspection)).cells(),
        ],
        [
            "list a month (`inspections`)",
            *timed(
                options.repeat,
                lambda: store.inspections.inspections(now - timedelta(days=31), now),
            ).cells(),
        ],
    ]
    print(
        f"{options.cameras} cameras, {options.days} daily inspections filled in {filled:.1f} s; "
        f"{platform.python_version()}, {os.cpu_count()} CPUs, {url.split(':')[0]}"
    )
    if sizes[-1] and options.days > 1:
        empty, first, last = sizes
        print(
            f"SQLite file: {last / 1e6:.1f} MB; the first inspection "
            f"{(first - empty) / 1e3:.0f} kB (with the cameras' basic info), each later one "
            f"{(last - first) / (options.days - 1) / 1e3:.0f} kB"
        )
    print()
    print(markdown_table(["operation", "n", "median s", "p90 s", "min s", "max s", "failed"], rows))


if __name__ == "__main__":
    main()
