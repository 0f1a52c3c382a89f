"""A simulated week of a 60-camera section, through the records and the rules (P-1..P-3, P-8).

50 mainline cameras and 10 tunnel cameras on G4 京珠北段, from Monday 2026-06-15 00:00 to
Monday 2026-06-22 00:00 Beijing time. The operators walk a round of every camera at each even
hour and a round of the tunnels at each odd hour, except:

- Tuesday: the 10:00 round is walked at 10:30 (late);
- Wednesday: an orange rainstorm warning from 14:30 to 17:10 (entered open, ended later);
- Thursday: the 15:00 tunnel round is not walked at all;
- Friday to Sunday are the Dragon Boat Festival holiday: three equipment inspections a day
  are due (one per 8 h), and Saturday's first one (00:00-08:00) is missed.

The expected figures below are worked out by hand in the comments.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.orm import sessionmaker

from patrol_app.domain.events import CheckOutcome
from patrol_app.domain.holidays import HolidayCalendar
from patrol_app.domain.inspections import InspectionArea, inspection_compliance
from patrol_app.domain.patrols import (
    BEIJING,
    DueState,
    PatrolList,
    PatrolTarget,
    SectionKey,
    SiteType,
    WarningLevel,
    WeatherKind,
    WeatherWarning,
    compliance,
    due_status,
)
from patrol_app.domain.records import CheckInput
from patrol_app.store.database import create_db_engine, upgrade
from patrol_app.store.patrols import PatrolStore

SECTION = SectionKey("G4", "京珠北段")
MONDAY = datetime(2026, 6, 15, tzinfo=BEIJING)
WEEK_END = MONDAY + timedelta(days=7)
MAINLINE = [f"00000000-0000-4000-8000-{n:012d}" for n in range(50)]
TUNNELS = [f"00000000-0000-4000-9000-{n:012d}" for n in range(10)]
HOUR = 3600


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return MONDAY + timedelta(days=day, hours=hour, minutes=minute)


def rounds() -> list[tuple[datetime, list[str]]]:
    """(when, cameras) of every round the operators walked."""
    walked = []
    for day in range(7):
        for hour in range(24):
            if hour % 2 == 0:
                when = at(day, hour, 30) if (day, hour) == (1, 10) else at(day, hour)
                walked.append((when, MAINLINE + TUNNELS))
            elif (day, hour) != (3, 15):
                walked.append((at(day, hour), TUNNELS))
    return walked


@pytest.fixture(scope="module")
def week(tmp_path_factory: pytest.TempPathFactory) -> PatrolStore:
    path: Path = tmp_path_factory.mktemp("week") / "patrol.db"
    engine = create_db_engine(f"sqlite:///{path}")
    # A week of confirmations, one transaction each: without the disk sync of each commit
    # (which the workstation keeps) they take 6 s rather than 60.
    event.listen(
        engine, "connect", lambda connection, _: connection.execute("PRAGMA synchronous=OFF")
    )
    upgrade(engine)
    store = PatrolStore(sessionmaker(engine, expire_on_commit=False))
    sites = {number: SiteType.MAINLINE for number in MAINLINE}
    sites |= {number: SiteType.TUNNEL for number in TUNNELS}
    assert sorted(store.lists.join_new(sites, MONDAY)) == sorted(sites)
    warning_id = None
    for when, cameras in rounds():
        if warning_id is None and when >= at(2, 14, 30):
            rainstorm = WeatherWarning(
                SECTION, WarningLevel.ORANGE, WeatherKind.RAINSTORM, at(2, 14, 30)
            )
            warning_id = store.weather.add_warning(
                rainstorm, recorded_by="值班员甲", now=at(2, 14, 31)
            )
        if when >= at(2, 17, 10) and not store.weather.warnings()[0].warning.ends_at:
            store.weather.end_warning(
                warning_id, at(2, 17, 10), recorded_by="值班员甲", now=at(2, 17, 12)
            )
        walked = store.rounds.start_round("值班员甲", cameras, when)
        for number in cameras:
            store.rounds.record_check(
                CheckInput(
                    round_id=walked.id,
                    camera_num=number,
                    camera_name=number,
                    pile="K1850+000",
                    outcome=CheckOutcome.NORMAL,
                    operator="值班员甲",
                    checked_at=when,
                    checklist_version=1,
                )
            )
        store.rounds.close_round(walked.id, equipment_condition="正常", handover_pile="", now=when)
    inspected = [at(day, 9) for day in range(4)]  # Monday to Thursday: once a day
    inspected += [at(4, 7), at(4, 12), at(4, 18)]  # Friday (holiday): all three windows
    inspected += [at(5, 9), at(5, 18)]  # Saturday: 00:00-08:00 missed
    inspected += [at(6, 7), at(6, 12), at(6, 18)]  # Sunday
    results = {area: (True, "") for area in InspectionArea}
    for when in inspected:
        store.inspections.record_inspection("值班员乙", results, note="", now=when)
    return store


def targets(store: PatrolStore) -> list[PatrolTarget]:
    entries = store.lists.list_entries()
    return [
        PatrolTarget(number, SECTION, entry.site, entry.daily, entry.key, entry.since)
        for number, entry in entries.items()
    ]


def test_the_week_in_the_records(week: PatrolStore) -> None:
    times = week.rounds.patrol_times(MONDAY, WEEK_END)
    # Every camera each even hour (84 rounds), the tunnels also each odd hour but one.
    assert {len(times[number]) for number in MAINLINE} == {84}
    assert {len(times[number]) for number in TUNNELS} == {167}
    assert [stored.warning.ends_at for stored in week.weather.warnings()] == [at(2, 17, 10)]
    assert len(week.rounds.records(MONDAY, WEEK_END)) == len(rounds())


def test_compliance_of_the_week_matches_the_hand_count(week: PatrolStore) -> None:
    figures = compliance(
        targets(week),
        week.rounds.patrol_times(MONDAY, WEEK_END),
        [stored.warning for stored in week.weather.warnings()],
        MONDAY,
        WEEK_END,
    )
    daily, key, weather = (figures[kind] for kind in PatrolList)
    # Daily list (2 h): all 60 cameras for the whole week. Only Tuesday's late round leaves
    # anyone overdue: mainline cameras seen at 08:00 wait until 10:30, 30 min past their
    # deadline; the tunnels were seen at 09:00, so 10:30 is on time for them.
    assert (daily.cameras, daily.required_seconds) == (60, 60 * 7 * 24 * HOUR)
    assert (daily.overdue_seconds, daily.late) == (50 * 30 * 60, 50)
    assert daily.patrols == 60 * 84 + 10 * 83
    assert daily.rate == pytest.approx(1 - 90_000 / 36_288_000)
    # Key list (1 h): the tunnels. Tuesday 10:00-10:30 and Thursday 15:00-16:00 overdue.
    assert (key.cameras, key.required_seconds) == (10, 10 * 7 * 24 * HOUR)
    assert (key.overdue_seconds, key.late) == (10 * 30 * 60 + 10 * HOUR, 20)
    assert key.patrols == 10 * 167
    # Severe weather (1 h) on every camera of the section from 14:30 to 17:10 (2 h 40 min).
    # Mainline, seen at 14:00: due by 15:30, seen 16:00 (30 min late); due again at 17:00,
    # next seen at 18:00, but the warning ended at 17:10: 10 min. Tunnels, seen hourly: none.
    assert (weather.cameras, weather.required_seconds) == (60, 60 * 160 * 60)
    assert (weather.overdue_seconds, weather.late) == (50 * 40 * 60, 50)
    assert weather.patrols == 50 + 3 * 10  # 16:00 mainline; 15:00, 16:00, 17:00 tunnels


@pytest.mark.parametrize(
    ("when", "overdue"),
    [
        (at(1, 10, 15), set(MAINLINE) | set(TUNNELS)),  # Tuesday, before the late round
        (at(2, 15, 45), set(MAINLINE)),  # Wednesday, the warning asks for hourly
        (at(2, 17, 15), set()),  # the warning has ended: mainline back on 2 h
        (at(3, 15, 30), set(TUNNELS)),  # Thursday, the missing tunnel round
    ],
)
def test_what_is_overdue_at_instants_of_the_week(
    week: PatrolStore, when: datetime, overdue: set[str]
) -> None:
    last = {
        number: max(t for t in times if t <= when)
        for number, times in week.rounds.patrol_times(MONDAY, when).items()
    }
    warnings = [stored.warning for stored in week.weather.warnings()]
    status = due_status(targets(week), last, warnings, when)
    assert {due.camera_num for due in status if due.state is DueState.OVERDUE} == overdue


def test_equipment_inspections_of_the_week(week: PatrolStore) -> None:
    """P-8: once a day Monday to Thursday, three times a day over the holiday: 13 due, 12 done."""
    done = [inspection.at for inspection in week.inspections.inspections(MONDAY, WEEK_END)]
    figures = inspection_compliance(done, date(2026, 6, 15), date(2026, 6, 21), HolidayCalendar())
    assert (figures.required, figures.kept) == (13, 12)
