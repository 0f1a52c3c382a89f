"""Patrol rules (P-1..P-3): what is due, compliance, round order and shifts."""

from __future__ import annotations

import random
from datetime import UTC, datetime, time, timedelta

import pytest

from patrol_app.domain.patrols import (
    BEIJING,
    KEY_SITES,
    CameraDue,
    DueState,
    ListEntry,
    PatrolList,
    PatrolTarget,
    SectionKey,
    SiteType,
    WarningLevel,
    WeatherKind,
    WeatherWarning,
    compliance,
    default_entry,
    default_site,
    due_status,
    round_order,
    shift_bounds,
)
from patrol_app.domain.pile import PileNumber

SECTION = SectionKey("G4", "广州段")
OTHER_SECTION = SectionKey("G4", "韶关段")
DAILY, KEY, WEATHER = PatrolList.DAILY, PatrolList.KEY, PatrolList.WEATHER


def at(hour: int, minute: int = 0, second: int = 0, day: int = 15) -> datetime:
    """A Beijing time on 2026-07-15 (or another July day)."""
    return datetime(2026, 7, day, hour, minute, second, tzinfo=BEIJING)


MIDNIGHT = at(0)


def target(
    camera_num: str = "c1",
    *,
    site: SiteType = SiteType.MAINLINE,
    daily: bool = True,
    key: bool | None = None,
    since: datetime = MIDNIGHT,
    section: SectionKey = SECTION,
) -> PatrolTarget:
    key = site in KEY_SITES if key is None else key
    return PatrolTarget(camera_num, section, site, daily, key, since)


def warning(
    starts_at: datetime,
    ends_at: datetime | None = None,
    level: WarningLevel = WarningLevel.ORANGE,
    section: SectionKey = SECTION,
) -> WeatherWarning:
    return WeatherWarning(section, level, WeatherKind.RAINSTORM, starts_at, ends_at)


def status(
    camera: PatrolTarget,
    last: datetime | None,
    now: datetime,
    warnings: tuple[WeatherWarning, ...] = (),
) -> CameraDue:
    last_patrols = {} if last is None else {camera.camera_num: last}
    [due] = due_status([camera], last_patrols, warnings, now)
    return due


# --- the lists -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("classify", "site"),
    [
        (0, SiteType.MAINLINE),
        (1, SiteType.TOLL_PLAZA),
        (2, SiteType.SERVICE_RAMP),
        (3, SiteType.TUNNEL),
        (4, SiteType.VIADUCT),
        (5, SiteType.MAINLINE),
    ],
)
def test_default_site_follows_e31_classify(classify: int, site: SiteType) -> None:
    assert default_site(classify) is site


def test_default_site_refuses_an_unknown_classify() -> None:
    with pytest.raises(ValueError):
        default_site(6)


def test_a_new_camera_is_on_the_daily_list_and_on_the_key_list_for_a_key_site() -> None:
    assert default_entry(3, at(9)) == ListEntry(SiteType.TUNNEL, True, True, at(9))
    assert default_entry(4, at(9)).key
    assert default_entry(0, at(9)) == ListEntry(SiteType.MAINLINE, True, False, at(9))
    assert not default_entry(1, at(9)).key
    assert {SiteType.TUNNEL, SiteType.VIADUCT, SiteType.RAMP, SiteType.CONSTRUCTION} == KEY_SITES


# --- due status: daily and key ---------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "state"),
    [
        (at(11, 29), DueState.DONE),
        (at(11, 30), DueState.DUE),  # 30 min (25 % of 2 h) before the deadline
        (at(11, 59), DueState.DUE),
        (at(12, 0), DueState.DUE),  # exactly 2 h is on time
        (at(12, 0, 1), DueState.OVERDUE),
        (at(12, 1), DueState.OVERDUE),
    ],
)
def test_daily_camera_is_overdue_only_after_two_hours(now: datetime, state: DueState) -> None:
    """P-1: last patrolled at 10:00, the deadline is 12:00, due from 11:30."""
    due = status(target(), at(10), now)
    assert (due.deadline, due.due_from, due.state) == (at(12), at(11, 30), state)
    assert due.lists == {DAILY}
    assert due.last_patrol == at(10)


@pytest.mark.parametrize(
    "site", [SiteType.TUNNEL, SiteType.VIADUCT, SiteType.RAMP, SiteType.CONSTRUCTION]
)
def test_key_sites_are_patrolled_hourly(site: SiteType) -> None:
    """P-2: 59 min after the last patrol the camera is due (within 15 min), not overdue; at
    61 min it is overdue."""
    camera = target(site=site)
    assert status(camera, at(10), at(10, 44)).state is DueState.DONE
    due = status(camera, at(10), at(10, 59))
    assert (due.deadline, due.due_from, due.state) == (at(11), at(10, 45), DueState.DUE)
    assert due.lists == {DAILY, KEY}
    assert status(camera, at(10), at(11, 1)).state is DueState.OVERDUE


def test_a_mainline_camera_is_not_overdue_after_61_minutes() -> None:
    assert status(target(), at(10), at(11, 1)).state is DueState.DONE


def test_key_list_counts_for_a_camera_excluded_from_daily() -> None:
    due = status(target(site=SiteType.TUNNEL, daily=False), at(10), at(11, 1))
    assert (due.lists, due.state) == ({KEY}, DueState.OVERDUE)


def test_a_construction_camera_is_due_from_the_moment_it_joins() -> None:
    """P-2 (12.1.2b-2): a temporary camera joins at 10:00, never patrolled: due at once,
    overdue after 11:00."""
    camera = target(site=SiteType.CONSTRUCTION, since=at(10))
    for now in (at(10), at(10, 1), at(11)):
        due = status(camera, None, now)
        assert (due.state, due.deadline, due.last_patrol) == (DueState.DUE, at(11), None)
    assert status(camera, None, at(11, 0, 1)).state is DueState.OVERDUE
    assert status(camera, None, at(11, 1)).state is DueState.OVERDUE


def test_a_camera_on_no_list_is_left_out_and_order_is_kept() -> None:
    cameras = [
        target("b"),
        target("excluded", daily=False),
        target("a", site=SiteType.TUNNEL),
    ]
    result = due_status(cameras, {}, [], at(1))
    assert [due.camera_num for due in result] == ["b", "a"]


# --- due status: severe weather (P-3) --------------------------------------------------

ORANGE = warning(at(14, 30), at(17, 10))


def test_a_severe_warning_asks_for_a_patrol_within_an_hour_of_its_start() -> None:
    """Seen at 14:00, an orange warning from 14:30: seen again by 15:30 (not 16:00)."""
    before = status(target(), at(14), at(14, 29), (ORANGE,))
    assert (before.lists, before.deadline) == ({DAILY}, at(16))
    due = status(target(), at(14), at(14, 30), (ORANGE,))
    assert (due.lists, due.deadline, due.due_from) == ({DAILY, WEATHER}, at(15, 30), at(15, 15))
    assert due.state is DueState.DONE
    assert status(target(), at(14), at(15, 30), (ORANGE,)).state is DueState.DUE
    assert status(target(), at(14), at(15, 31), (ORANGE,)).state is DueState.OVERDUE


def test_during_a_warning_the_interval_is_an_hour_and_ends_with_it() -> None:
    """Seen at 16:00: overdue at 17:01 while the warning lasts; at 17:15, after it ended at
    17:10, the daily rule is back (deadline 18:00)."""
    during = status(target(), at(16), at(17, 1), (ORANGE,))
    assert (during.deadline, during.state) == (at(17), DueState.OVERDUE)
    after = status(target(), at(16), at(17, 15), (ORANGE,))
    assert (after.lists, after.deadline, after.state) == ({DAILY}, at(18), DueState.DONE)


@pytest.mark.parametrize(
    "other",
    [
        warning(at(14, 30), at(17, 10), level=WarningLevel.YELLOW),
        warning(at(14, 30), at(17, 10), level=WarningLevel.BLUE),
        warning(at(14, 30), at(17, 10), section=OTHER_SECTION),
    ],
)
def test_a_yellow_warning_or_one_on_another_section_changes_nothing(
    other: WeatherWarning,
) -> None:
    cameras = [target("daily"), target("key", site=SiteType.TUNNEL), target("off", daily=False)]
    last = {"daily": at(14), "key": at(14, 50)}
    for now in (at(15), at(15, 31), at(16, 1)):
        assert due_status(cameras, last, [other], now) == due_status(cameras, last, [], now)


def test_a_red_warning_counts_and_brings_in_a_camera_excluded_from_daily() -> None:
    red = warning(at(14, 30), level=WarningLevel.RED)  # still in force
    camera = target(daily=False)
    assert due_status([camera], {"c1": at(14)}, [], at(15)) == []
    due = status(camera, at(14), at(20), (red,))
    assert (due.lists, due.deadline, due.state) == ({WEATHER}, at(15, 30), DueState.OVERDUE)


def test_a_patrol_after_the_warning_started_counts_from_the_patrol() -> None:
    due = status(target(), at(15), at(15, 10), (ORANGE,))
    assert (due.deadline, due.due_from) == (at(16), at(15, 45))


def test_the_lead_is_a_quarter_of_the_shortest_interval_in_force() -> None:
    """Seen at 10:00, orange from 11:30: the daily deadline 12:00 comes before the weather
    one (12:30), but the hourly rule is in force: due from 11:45, not 11:30."""
    due = status(target(), at(10), at(11, 40), (warning(at(11, 30)),))
    assert (due.deadline, due.due_from, due.state) == (at(12), at(11, 45), DueState.DONE)
    assert status(target(), at(10), at(11, 45), (warning(at(11, 30)),)).state is DueState.DUE


def test_overlapping_warnings_the_earliest_start_sets_the_deadline() -> None:
    warnings = (warning(at(15)), warning(at(14, 30), at(17, 10)))
    assert status(target(), at(14), at(15, 5), warnings).deadline == at(15, 30)
    # Once the earlier one has ended, the later one counts from its own start.
    assert status(target(), at(14), at(17, 20), warnings).deadline == at(16)


def test_a_camera_never_patrolled_under_a_warning_counts_from_since_or_start() -> None:
    camera = target(since=at(8))
    due = status(camera, None, at(14, 40), (ORANGE,))
    assert (due.deadline, due.state) == (at(10), DueState.OVERDUE)  # the daily rule is earlier
    camera = target(daily=False, since=at(8))
    due = status(camera, None, at(14, 40), (ORANGE,))
    assert (due.deadline, due.state) == (at(15, 30), DueState.DUE)


# --- compliance ------------------------------------------------------------------------

HOUR = 3600.0


def test_compliance_of_one_daily_camera_by_hand() -> None:
    """08:00-20:00. Patrols 07:00 (before the period), 09:00 (exactly on time), 12:00
    (1 h late), 13:30, 17:00 (1 h 30 late); then overdue from 19:00 to 20:00."""
    patrols = {"c1": [at(7), at(9), at(12), at(13, 30), at(17)]}
    result = compliance([target()], patrols, [], at(8), at(20))
    daily = result[DAILY]
    assert (daily.cameras, daily.patrols, daily.late) == (1, 4, 2)
    assert daily.overdue_seconds == pytest.approx(3.5 * HOUR)
    assert daily.required_seconds == pytest.approx(12 * HOUR)
    assert daily.rate == pytest.approx(1 - 3.5 / 12)
    for name in (KEY, WEATHER):
        assert (result[name].cameras, result[name].required_seconds) == (0, 0)
        assert result[name].rate == 1.0


def test_compliance_is_measured_once_a_patrol_is_made_or_a_deadline_missed() -> None:
    """Issue 11 point 8: seen at 07:30, at 08:30 the daily camera is neither due past its
    deadline (09:30) nor patrolled this shift: its list has no rate to show yet."""
    seen = {"c1": [at(7, 30)]}
    early = compliance([target()], seen, [], at(8), at(8, 30))[DAILY]
    assert early.required_seconds and not early.measured
    late = compliance([target()], seen, [], at(8), at(10))[DAILY]
    assert late.measured and late.rate < 1
    done = compliance([target()], {"c1": [at(7, 30), at(8, 15)]}, [], at(8), at(8, 30))[DAILY]
    assert done.measured and done.rate == 1.0


def test_compliance_takes_each_list_with_its_own_rule() -> None:
    """The same patrols of a tunnel camera under the hourly rule: overdue 08-09, 10-12,
    13-13:30, 14:30-17, 18-20; every patrol in the period was late."""
    patrols = {"c1": [at(7), at(9), at(12), at(13, 30), at(17)]}
    result = compliance([target(site=SiteType.TUNNEL)], patrols, [], at(8), at(20))
    key = result[KEY]
    assert (key.cameras, key.patrols, key.late) == (1, 4, 4)
    assert key.overdue_seconds == pytest.approx(8 * HOUR)
    assert result[DAILY].overdue_seconds == pytest.approx(3.5 * HOUR)


def test_required_time_starts_at_since() -> None:
    """A construction camera joins at 10:00 and is seen at 10:30: key overdue from 11:30
    to 20:00, daily from 12:30."""
    camera = target(site=SiteType.CONSTRUCTION, since=at(10))
    result = compliance([camera], {"c1": [at(10, 30)]}, [], at(8), at(20))
    assert result[KEY].required_seconds == pytest.approx(10 * HOUR)
    assert result[KEY].overdue_seconds == pytest.approx(8.5 * HOUR)
    assert (result[KEY].patrols, result[KEY].late) == (1, 0)
    assert result[DAILY].overdue_seconds == pytest.approx(7.5 * HOUR)
    never = compliance([camera], {}, [], at(8), at(20))
    assert never[KEY].overdue_seconds == pytest.approx(9 * HOUR)  # since 10:00, due by 11:00


def test_a_camera_joining_after_the_period_is_not_counted() -> None:
    result = compliance([target(since=at(21))], {}, [], at(8), at(20))
    assert (result[DAILY].cameras, result[DAILY].required_seconds) == (0, 0)


def test_weather_compliance_over_a_warning_window() -> None:
    """Orange 14:30-17:10 (2 h 40). Seen at 14:00: due by 15:30, seen at 16:00 (30 min
    overdue, late), then due by 17:00: 10 min overdue before the warning ends."""
    cameras = [
        target("c1", since=at(12)),
        target("other", section=OTHER_SECTION),
        target("yellow", section=SectionKey("G15", "沈海段")),
    ]
    warnings = [ORANGE, warning(at(9), at(18), WarningLevel.YELLOW, SectionKey("G15", "沈海段"))]
    patrols = {"c1": [at(14), at(16)]}
    result = compliance(cameras, patrols, warnings, at(12), at(20))
    weather = result[WEATHER]
    assert (weather.cameras, weather.patrols, weather.late) == (1, 1, 1)
    assert weather.required_seconds == pytest.approx(160 * 60)
    assert weather.overdue_seconds == pytest.approx(40 * 60)
    daily = result[DAILY]  # c1 from since 12:00: 14:00 on time, overdue 18-20
    assert (daily.cameras, daily.patrols, daily.late) == (3, 2, 0)
    assert daily.overdue_seconds == pytest.approx((2 + 8 + 8) * HOUR)  # the others: never seen


def test_overlapping_warnings_in_compliance() -> None:
    """A 14-16 and B 15-18, never patrolled: due by 15:00 (A), then from 16:00 by B's start
    + 1 h = 16:00: overdue 15-18."""
    camera = target(daily=False)
    warnings = [warning(at(14), at(16)), warning(at(15), at(18))]
    weather = compliance([camera], {}, warnings, at(12), at(20))[WEATHER]
    assert weather.required_seconds == pytest.approx(4 * HOUR)
    assert weather.overdue_seconds == pytest.approx(3 * HOUR)


def test_a_camera_excluded_from_daily_is_not_counted() -> None:
    cameras = [target("in"), target("out", daily=False)]
    daily = compliance(cameras, {}, [], at(8), at(10))[DAILY]
    assert daily.cameras == 1
    assert daily.required_seconds == pytest.approx(2 * HOUR)


@pytest.mark.parametrize("daily", [True, False])
def test_compliance_agrees_with_due_status_minute_by_minute(daily: bool) -> None:
    """Random patrols on whole minutes: the overdue time compliance finds is the time
    due_status says OVERDUE (daily camera without warnings, or weather-only camera)."""
    rng = random.Random(5)
    camera = target(daily=daily, since=at(0, day=14))
    warnings = [] if daily else [warning(at(2), at(9)), warning(at(8), at(13)), warning(at(18))]
    times = sorted({at(0) + timedelta(minutes=rng.randrange(24 * 60)) for _ in range(12)})
    start, end = at(0), at(0, day=16)
    overdue_minutes = 0
    for minute in range(24 * 60):
        now = start + timedelta(minutes=minute, seconds=30)
        last = max((t for t in times if t <= now), default=None)
        result = due_status([camera], {} if last is None else {"c1": last}, warnings, now)
        overdue_minutes += bool(result) and result[0].state is DueState.OVERDUE
    kept = compliance([camera], {"c1": times}, warnings, start, end)[DAILY if daily else WEATHER]
    assert overdue_minutes > 60
    assert kept.overdue_seconds == pytest.approx(overdue_minutes * 60)


# --- round order and shifts ------------------------------------------------------------


def test_round_order_by_road_then_section_along_the_road_then_pile() -> None:
    guangzhou, shaoguan = SECTION, OTHER_SECTION
    cameras = [
        ("a", shaoguan, PileNumber(100, 0)),
        ("b-up", guangzhou, PileNumber(5, 0)),
        ("c", shaoguan, PileNumber(90, 500)),
        ("d", SectionKey("G15", "沈海段"), PileNumber(1, 0)),
        ("f", guangzhou, PileNumber(2, 300)),
        ("b-down", guangzhou, PileNumber(5, 0)),
        ("g", guangzhou, PileNumber(5, 1)),
    ]
    assert round_order(cameras) == ["d", "f", "b-up", "b-down", "g", "c", "a"]
    swapped = [cameras[5], *cameras[:5], cameras[6]]
    assert round_order(swapped) == ["d", "f", "b-down", "b-up", "g", "c", "a"]


def bj(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=BEIJING)


@pytest.mark.parametrize(
    ("now", "bounds"),
    [
        (bj(2026, 7, 15, 10), (bj(2026, 7, 15, 8), bj(2026, 7, 15, 20))),
        (bj(2026, 7, 15, 8), (bj(2026, 7, 15, 8), bj(2026, 7, 15, 20))),
        (bj(2026, 7, 15, 20), (bj(2026, 7, 15, 20), bj(2026, 7, 16, 8))),
        (bj(2026, 7, 15, 23, 30), (bj(2026, 7, 15, 20), bj(2026, 7, 16, 8))),
        (bj(2026, 7, 16, 3), (bj(2026, 7, 15, 20), bj(2026, 7, 16, 8))),
        # 23:30 and 00:30 in Beijing are 15:30 and 16:30 UTC: one night shift across the
        # month change.
        (datetime(2026, 1, 31, 15, 30, tzinfo=UTC), (bj(2026, 1, 31, 20), bj(2026, 2, 1, 8))),
        (datetime(2026, 1, 31, 16, 30, tzinfo=UTC), (bj(2026, 1, 31, 20), bj(2026, 2, 1, 8))),
        # UTC midnight is 08:00 in Beijing: the day shift starts.
        (datetime(2026, 2, 1, 0, 0, tzinfo=UTC), (bj(2026, 2, 1, 8), bj(2026, 2, 1, 20))),
        (datetime(2026, 1, 31, 23, 59, tzinfo=UTC), (bj(2026, 1, 31, 20), bj(2026, 2, 1, 8))),
    ],
)
def test_shift_bounds_with_day_and_night_shifts(
    now: datetime, bounds: tuple[datetime, datetime]
) -> None:
    assert shift_bounds(now) == bounds
    assert shift_bounds(now, [time(20), time(8)]) == bounds
    assert all(bound.utcoffset() == timedelta(hours=8) for bound in shift_bounds(now))


def test_shift_bounds_with_three_shifts_and_none() -> None:
    starts = [time(0), time(8), time(16)]
    assert shift_bounds(bj(2026, 7, 15, 23), starts) == (bj(2026, 7, 15, 16), bj(2026, 7, 16, 0))
    assert shift_bounds(bj(2026, 7, 16, 0), starts) == (bj(2026, 7, 16, 0), bj(2026, 7, 16, 8))
    with pytest.raises(ValueError):
        shift_bounds(bj(2026, 7, 16, 0), [])
