"""Camera patrols (视频巡查, spec 12): the lists, their frequencies, what is due and compliance.

Three lists set how often a camera must be seen (P-1..P-3):

- the daily list (日常巡查): every camera of the section unless excluded, at least every 2 h;
- the key list (重点巡查): tunnels, viaducts, ramp entrances/exits and construction sections,
  at least hourly; a construction site's temporary camera is on it from the moment it
  appears (its ``since``);
- severe weather (异常天气巡查): while a warning of orange or red is in force on a section,
  its cameras at least hourly.

A camera's deadline is its last patrol plus the shortest interval among the rules in force
*at that instant*: a warning that starts at 14:30 asks for a patrol by 15:30 at the latest
(or by last + 1 h when that is later), and once it has ended only the daily or key interval
counts. A camera never patrolled counts from ``since``, when it joined the list; it is due
at once. Every record of a camera counts as its patrol, whatever the operator found
(normal, an anomaly, a video fault, or "cannot be played"): the operator looked and wrote
down what they saw.

Everything here is pure: the time is passed in, as timezone-aware datetimes; the calendar
day and the shift are those of Beijing time (``BEIJING``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone
from itertools import compress, pairwise, product
from typing import NamedTuple

from patrol_app.domain.camera import Classify
from patrol_app.domain.labels import LabelledInt, LabelledStr
from patrol_app.domain.pile import PileNumber

BEIJING = timezone(timedelta(hours=8), "北京时间")

DAILY_INTERVAL = timedelta(hours=2)
KEY_INTERVAL = timedelta(hours=1)
WEATHER_INTERVAL = timedelta(hours=1)
# A camera "falls due" this fraction of its interval before its deadline (30 min for the
# daily list, 15 min for hourly ones), so that a round can be walked before the deadline.
DUE_LEAD_FRACTION = 0.25


class SiteType(LabelledStr):
    """What a camera watches, as spec 12.2 tells the checklists apart."""

    MAINLINE = "mainline", "主线"
    TOLL_PLAZA = "toll_plaza", "收费站广场"
    SERVICE_RAMP = "service_ramp", "服务区出入口匝道"
    TUNNEL = "tunnel", "隧道"
    VIADUCT = "viaduct", "高架桥"
    RAMP = "ramp", "匝道出入口"
    CONSTRUCTION = "construction", "施工路段"


KEY_SITES = frozenset({SiteType.TUNNEL, SiteType.VIADUCT, SiteType.RAMP, SiteType.CONSTRUCTION})


class PatrolList(LabelledStr):
    DAILY = "daily", "日常巡查"
    KEY = "key", "重点巡查"
    WEATHER = "weather", "异常天气巡查"


class WarningLevel(LabelledInt):
    """Meteorological disaster warning levels (气象灾害预警); orange and red are severe (P-3)."""

    BLUE = 1, "蓝色"
    YELLOW = 2, "黄色"
    ORANGE = 3, "橙色"
    RED = 4, "红色"

    @property
    def severe(self) -> bool:
        return self >= WarningLevel.ORANGE


class WeatherKind(LabelledStr):
    """The hazard a warning is about; it picks the weather checklist (12.2.3)."""

    RAINSTORM = "rainstorm", "暴雨"
    FOG = "fog", "大雾"
    TYPHOON = "typhoon", "台风"
    FREEZING = "freezing", "道路结冰"
    OTHER = "other", "其他"


# SectionKey, PatrolTarget and CameraDue are NamedTuples rather than frozen dataclasses: a
# refresh makes one of each per camera (5,000 at a large site) and a NamedTuple is made three
# times faster and hashes faster (docs/PERFORMANCE.md).


class SectionKey(NamedTuple):
    """A road section as the camera directory names it: road code and section name."""

    road: str
    road_sec: str

    def __str__(self) -> str:
        return f"{self.road} {self.road_sec}"


@dataclass(frozen=True)
class ListEntry:
    """A camera's current place in the lists, as the list editor last set it."""

    site: SiteType
    daily: bool
    key: bool
    since: datetime  # when the camera first joined the lists


_SITE_OF_CLASSIFY = {
    Classify.ROAD: SiteType.MAINLINE,
    Classify.TOLL_STATION: SiteType.TOLL_PLAZA,
    Classify.SERVICE_AREA: SiteType.SERVICE_RAMP,
    Classify.TUNNEL: SiteType.TUNNEL,
    Classify.BRIDGE: SiteType.VIADUCT,
    Classify.ETC_GANTRY: SiteType.MAINLINE,
}


def default_site(classify: int) -> SiteType:
    """The site of a camera from its E 3.1 ``classify``; ValueError for an unknown code.
    Ramps and construction sites are not in ``classify``: the list editor sets them."""
    return _SITE_OF_CLASSIFY[Classify(classify)]


def default_entry(classify: int, since: datetime) -> ListEntry:
    """A new camera's place: on the daily list, and on the key list when its site is a key one."""
    site = default_site(classify)
    return ListEntry(site, daily=True, key=site in KEY_SITES, since=since)


class PatrolTarget(NamedTuple):
    """One camera as the patrol lists see it."""

    camera_num: str
    section: SectionKey
    site: SiteType
    daily: bool  # on the daily list (every camera unless excluded)
    key: bool  # on the key list
    since: datetime  # when it joined the lists: a camera never patrolled is due from then


@dataclass(frozen=True)
class WeatherWarning:
    """A warning in force on a section from ``starts_at`` until ``ends_at`` (None: open)."""

    section: SectionKey
    level: WarningLevel
    kind: WeatherKind
    starts_at: datetime
    ends_at: datetime | None = None

    def active(self, at: datetime) -> bool:
        return self.starts_at <= at and (self.ends_at is None or at < self.ends_at)


class DueState(LabelledStr):
    DONE = "done", "已巡查"  # seen recently; the next deadline is not near
    DUE = "due", "待巡查"  # the deadline is near (within the lead), or never patrolled
    OVERDUE = "overdue", "已超时"  # the deadline has passed


class CameraDue(NamedTuple):
    """Where one camera stands at ``now``."""

    camera_num: str
    lists: frozenset[PatrolList]  # the lists whose rule is in force for it now
    last_patrol: datetime | None
    deadline: datetime
    due_from: datetime
    state: DueState


@dataclass(frozen=True)
class ListCompliance:
    """How one list was kept over a period.

    ``required_seconds``: camera-seconds during which the list's rule was in force;
    ``overdue_seconds``: camera-seconds during which a camera was past its deadline;
    ``patrols``: records made in the period of cameras under the rule; ``late``: those made
    while the camera was overdue.
    """

    patrol_list: PatrolList
    cameras: int
    patrols: int
    late: int
    overdue_seconds: float
    required_seconds: float

    @property
    def measured(self) -> bool:
        """Something of the period tells how the list was kept: a patrol was made, or a
        camera went past its deadline. Before that (the start of a shift) the rate says
        nothing, however long the rule was in force."""
        return bool(self.patrols or self.overdue_seconds)

    @property
    def rate(self) -> float:
        """Share of the required time kept (1.0 when nothing was required)."""
        if not self.required_seconds:
            return 1.0
        return 1.0 - self.overdue_seconds / self.required_seconds


_INTERVALS = {
    PatrolList.DAILY: DAILY_INTERVAL,
    PatrolList.KEY: KEY_INTERVAL,
    PatrolList.WEATHER: WEATHER_INTERVAL,
}


class _Rules(NamedTuple):
    """What a combination of rules in force (daily, key, weather) means for a camera."""

    lists: frozenset[PatrolList]
    step: timedelta | None  # the daily or key interval, None when only the weather rule is
    lead: timedelta  # DUE_LEAD_FRACTION of the shortest interval in force

    @classmethod
    def of(cls, in_force: tuple[bool, ...]) -> _Rules:
        lists = frozenset(compress(PatrolList, in_force))
        daily, key, _ = in_force
        step = KEY_INTERVAL if key else DAILY_INTERVAL if daily else None
        shortest = min(_INTERVALS[name] for name in lists)
        return cls(lists, step, shortest * DUE_LEAD_FRACTION)


# Keyed by the rules in force, (daily, key, weather): every combination but none.
_RULES = {rules: _Rules.of(rules) for rules in product((False, True), repeat=3) if any(rules)}


def _severe_starts(warnings: Sequence[WeatherWarning], now: datetime) -> dict[SectionKey, datetime]:
    """Per section, the earliest start among the severe warnings active at ``now``: the one
    that sets the weather deadline when several overlap."""
    starts: dict[SectionKey, datetime] = {}
    for warning in warnings:
        if warning.level.severe and warning.active(now):
            known = starts.get(warning.section)
            if known is None or warning.starts_at < known:
                starts[warning.section] = warning.starts_at
    return starts


def due_status(
    targets: Sequence[PatrolTarget],
    last_patrols: Mapping[str, datetime],
    warnings: Sequence[WeatherWarning],
    now: datetime,
) -> list[CameraDue]:
    """Where each camera stands at ``now``, in the order of ``targets``; cameras on no list in
    force are left out. ``last_patrols``: each camera's latest patrol."""
    weather_starts = _severe_starts(warnings, now)
    result: list[CameraDue] = []
    for target in targets:
        weather_start = weather_starts.get(target.section)
        rule = _RULES.get((target.daily, target.key, weather_start is not None))
        if rule is None:  # on no list in force
            continue
        last_patrol = last_patrols.get(target.camera_num)
        last = target.since if last_patrol is None else last_patrol
        if weather_start is None:
            assert rule.step is not None  # only the weather rule alone has no step
            deadline = last + rule.step  # the daily or key rule is in force
        else:
            deadline = max(last, weather_start) + WEATHER_INTERVAL
            if rule.step is not None:
                deadline = min(deadline, last + rule.step)
        due_from = deadline - rule.lead
        if now > deadline:
            state = DueState.OVERDUE
        elif last_patrol is None or now >= due_from:
            state = DueState.DUE
        else:
            state = DueState.DONE
        result.append(
            CameraDue(target.camera_num, rule.lists, last_patrol, deadline, due_from, state)
        )
    return result


# A span of time in POSIX seconds during which a rule is in force, with the floor of its
# deadline's anchor: the anchor is max(last patrol, floor) (a weather warning's start).
_Span = tuple[float, float, float]


class _Kept(NamedTuple):
    """How one camera kept one list."""

    overdue: float
    patrols: int
    late: int
    required: float


def _kept(times: Sequence[float], since: float, spans: Sequence[_Span], interval: float) -> _Kept:
    """How a camera with patrol ``times`` (sorted) kept a rule in force over ``spans`` (sorted
    and disjoint); before its first patrol it counts from ``since``."""
    overdue, patrols, late = 0.0, 0, 0
    for begin, stop, floor in spans:
        index = bisect_left(times, begin)
        last = times[index - 1] if index else since
        position = begin
        while index < len(times) and times[index] < stop:
            at = times[index]
            deadline = max(last, floor) + interval
            overdue += max(0.0, at - max(position, deadline))
            patrols += 1
            late += at > deadline
            last = position = at
            index += 1
        overdue += max(0.0, stop - max(position, max(last, floor) + interval))
    return _Kept(overdue, patrols, late, sum(stop - begin for begin, stop, _ in spans))


def _weather_spans(
    warnings: Sequence[WeatherWarning], start: float, end: float
) -> dict[SectionKey, list[_Span]]:
    """Per section, the spans of [start, end) under a severe warning, cut wherever the set of
    active warnings changes; the floor is the earliest start among the active ones."""
    by_section: dict[SectionKey, list[tuple[float, float]]] = defaultdict(list)
    for warning in warnings:
        if warning.level.severe:
            stop = end if warning.ends_at is None else warning.ends_at.timestamp()
            by_section[warning.section].append((warning.starts_at.timestamp(), stop))
    spans: dict[SectionKey, list[_Span]] = {}
    for section, periods in by_section.items():
        cuts = sorted({min(max(t, start), end) for period in periods for t in period})
        spans[section] = [
            (begin, stop, min(active))
            for begin, stop in pairwise(cuts)
            if (active := [s for s, e in periods if s <= begin < e])
        ]
    return spans


def compliance(
    targets: Sequence[PatrolTarget],
    patrols: Mapping[str, Sequence[datetime]],
    warnings: Sequence[WeatherWarning],
    start: datetime,
    end: datetime,
) -> dict[PatrolList, ListCompliance]:
    """How each list was kept over [start, end), each with its own rule only.

    ``patrols[camera]``: its patrol times, sorted, including the last one before ``start``.
    A camera counts from its ``since``; ``cameras`` counts those with some required time.
    """
    begin, stop = start.timestamp(), end.timestamp()
    whole = [(begin, stop, float("-inf"))]
    weather = _weather_spans(warnings, begin, stop)
    kept: dict[PatrolList, list[_Kept]] = {name: [] for name in PatrolList}
    for target in targets:
        since = target.since.timestamp()
        times = [at.timestamp() for at in patrols.get(target.camera_num, ())]
        in_force = {
            PatrolList.DAILY: whole if target.daily else [],
            PatrolList.KEY: whole if target.key else [],
            PatrolList.WEATHER: weather.get(target.section, []),
        }
        for name, rule_spans in in_force.items():
            spans = [(max(a, since), b, floor) for a, b, floor in rule_spans if max(a, since) < b]
            if spans:
                kept[name].append(_kept(times, since, spans, _INTERVALS[name].total_seconds()))
    return {
        name: ListCompliance(
            name,
            cameras=len(rows),
            patrols=sum(row.patrols for row in rows),
            late=sum(row.late for row in rows),
            overdue_seconds=sum(row.overdue for row in rows),
            required_seconds=sum(row.required for row in rows),
        )
        for name, rows in kept.items()
    }


def round_order(cameras: Sequence[tuple[str, SectionKey, PileNumber]]) -> list[str]:
    """The camera numbers in the order a round walks them: by road, its sections in the order
    they come along the road (then by name), then by pile number. Cameras at one pile (both
    directions of one place) stay together, in the given order."""
    section_start: dict[SectionKey, PileNumber] = {}
    for _, section, pile in cameras:
        section_start[section] = min(pile, section_start.get(section, pile))

    def place(
        camera: tuple[str, SectionKey, PileNumber],
    ) -> tuple[str, PileNumber, str, PileNumber]:
        _, section, pile = camera
        return section.road, section_start[section], section.road_sec, pile

    return [camera[0] for camera in sorted(cameras, key=place)]


DEFAULT_SHIFT_STARTS = (time(8), time(20))


def shift_bounds(
    now: datetime, starts: Sequence[time] = DEFAULT_SHIFT_STARTS
) -> tuple[datetime, datetime]:
    """The shift holding ``now`` (start inclusive, end exclusive), in Beijing time, from the
    shifts' Beijing start times; ValueError when there are none."""
    if not starts:
        raise ValueError("no shift start times")
    today = now.astimezone(BEIJING).date()
    bounds = sorted(
        datetime.combine(today + timedelta(days=offset), at, BEIJING)
        for offset in (-1, 0, 1)
        for at in starts
    )
    index = bisect_right(bounds, now)
    return bounds[index - 1], bounds[index]
