"""Helpers of the patrol tests without a display (tests/patrols/) and with one (the GUI tests
import them through tests/ui/patrol_helpers.py): the standard cameras, the test's clock, a real
PatrolStore on a migrated SQLite file (``FlakyStore`` counts and fails as a full disk does)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, time, timedelta
from typing import Any, TypeVar

from patrol_app.domain.events import CheckOutcome
from patrol_app.domain.holidays import HolidayCalendar
from patrol_app.domain.patrols import SectionKey
from patrol_app.patrols.snapshot import PatrolSnapshot, compute_snapshot, join_lists
from patrol_app.platform.sharing import CameraEntry
from patrol_app.store.database import DatabaseError, open_database
from patrol_app.store.patrols import CheckInput, CheckSaved, PatrolStore


def camera(
    num: str,
    name: str,
    pile: str,
    *,
    road: str = "G4",
    road_name: str = "京港澳高速",
    road_sec: str = "京珠北段",
    classify: int = 0,
    orientation: int = 1,
    online: bool = True,
) -> CameraEntry:
    return CameraEntry(
        camera_num=num,
        name=name,
        department="广东省高速公路有限公司",
        road=road,
        road_name=road_name,
        road_sec=road_sec,
        classify=classify,
        poi_name=name,
        pile=pile,
        orientation=orientation,
        has_control=False,
        online=online,
    )


# Tuesday 10 June 2025, 09:00 in Beijing: a working day, in the day shift (08:00-20:00).
T0 = datetime(2025, 6, 10, 1, 0, tzinfo=UTC)
OPERATOR = "值班员甲"
SHIFT_STARTS = (time(8), time(20))
G4 = SectionKey("G4", "京珠北段")

# Three cameras of one G4 section: mainline, toll plaza, and a tunnel (on the key list).
MAINLINE = camera("m1", "G4（京港澳高速）…K1844+650（上行）（路面）", "K1844+650")
TOLL = camera("p1", "G4（京港澳高速）…K1844+158（粤北收费站）", "K1844+158", classify=1)
TUNNEL = camera("t1", "G4（京港澳高速）…K1856+300（上行）（大宝山隧道）", "K1856+300", classify=3)
THREE = [MAINLINE, TOLL, TUNNEL]
# A tunnel on another road and section.
LEGUANG_TUNNEL = camera(
    "t2",
    "G0423（乐广高速）…K12+300（下行）（云岩隧道）",
    "K12+300",
    road="G0423",
    road_name="乐广高速",
    road_sec="乐广段",
    classify=3,
)

# A site's handling configuration (P-5): three units, two signs on G4 (one near K1844+650) and
# one on G0423, the plans of a tunnel fire and of an accident.
HANDLING = """{
  "units": [
    {"name": "路政", "phone": "0751-1"},
    {"name": "交警高速大队", "phone": "12122"},
    {"name": "清障救援", "phone": ""}
  ],
  "signs": [
    {"sign_id": "far", "name": "K1853 南行情报板", "road": "G4", "pile": "K1853+600",
     "direction": "南行"},
    {"sign_id": "near", "name": "K1845 南行情报板", "road": "G4", "pile": "K1845+000",
     "direction": "南行"},
    {"sign_id": "other", "name": "乐广 K9 情报板", "road": "G0423", "pile": "K9+500",
     "direction": "东行"}
  ],
  "plans": [
    {"name": "隧道火灾应急预案", "level": "Ⅱ级", "triggers": ["fire"]},
    {"name": "交通事故应急预案", "level": "Ⅲ级", "triggers": ["accident"]}
  ]
}
"""


S = TypeVar("S", bound=PatrolStore)


class Clock:
    """Aware UTC time that moves only when a test moves it (``advance``, or set ``now``)."""

    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


class FlakyStore(PatrolStore):
    """A real store that counts snapshot computations (``list_entries``) and fails as a full
    disk does: every computation while ``broken``, the next ``record_check`` once told."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.computed = 0
        self.broken = False
        self.fail_next = False

    def list_entries(self) -> Any:
        self.computed += 1
        if self.broken:
            raise DatabaseError("无法读取巡查记录：磁盘已满")
        return super().list_entries()

    def record_check(self, check: CheckInput) -> CheckSaved:
        if self.fail_next:
            self.fail_next = False
            raise DatabaseError("无法保存巡查记录：磁盘已满")
        return super().record_check(check)


@contextmanager
def open_patrol_store(database_url: str, store_class: type[S]) -> Iterator[S]:
    """A ``store_class`` (PatrolStore or a test's subclass) on the migrated database at
    ``database_url``; its engine disposed at the end."""
    sessions = open_database(database_url)
    try:
        yield store_class(sessions)
    finally:
        sessions.kw["bind"].dispose()


def check(
    store: PatrolStore,
    entry: CameraEntry,
    at: datetime,
    outcome: CheckOutcome = CheckOutcome.NORMAL,
    **extra: Any,
) -> CheckSaved:
    """A patrol of ``entry`` at ``at`` outside any round (from the test thread); ``extra``
    are CheckInput's other fields (items, note, snapshot, fault_kind...)."""
    return store.record_check(
        CheckInput(
            round_id=None,
            camera_num=entry.camera_num,
            camera_name=entry.name,
            pile=entry.pile,
            outcome=outcome,
            operator=OPERATOR,
            checked_at=at,
            checklist_version=1,
            **extra,
        )
    )


def snapshot_at(
    store: PatrolStore, cameras: Sequence[CameraEntry], now: datetime
) -> PatrolSnapshot:
    """The cameras join the lists (once) and the snapshot at ``now``, as the workstation's
    model computes it: shifts from 08:00 and 20:00, the bundled holiday calendar."""
    join_lists(store, cameras, now)
    directory = {camera.camera_num: camera for camera in cameras}
    return compute_snapshot(store, directory, now, SHIFT_STARTS, HolidayCalendar())
