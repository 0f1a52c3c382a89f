"""Equipment inspection (设备巡查, P-8, spec 11.3.3-11.3.8): once a day, three times a day on
major holidays.

Days are Beijing days. A holiday is cut into three windows of 8 h (00-08, 08-16, 16-24) that
each need one inspection; any other day is one window. An inspection is never overdue while
its window lasts: a window that ended without one is missed.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from patrol_app.domain.camera import CameraEntry, Orientation
from patrol_app.domain.holidays import HolidayCalendar
from patrol_app.domain.labels import LabelledStr
from patrol_app.domain.patrols import BEIJING, DueState


class InspectionArea(LabelledStr):
    SOFTWARE = "software", "软件运行"
    HARDWARE = "hardware", "硬件运行"
    IMAGE_QUALITY = "image_quality", "图像质量"
    SECURITY = "security", "安全设备"
    NETWORK = "network", "网络链路"


HOLIDAY_INSPECTIONS = 3


def required_inspections(day: date, calendar: HolidayCalendar) -> int:
    """Inspections due on the Beijing ``day``: 1, or 3 on a major holiday."""
    return HOLIDAY_INSPECTIONS if calendar.holiday_name(day) else 1


def inspection_windows(day: date, calendar: HolidayCalendar) -> list[tuple[datetime, datetime]]:
    """The windows of the Beijing ``day`` (start inclusive, end exclusive) that each need one
    inspection: the whole day, or three of 8 h on a major holiday."""
    count = required_inspections(day, calendar)
    midnight = datetime.combine(day, time(), BEIJING)
    length = timedelta(days=1) / count
    return [(midnight + length * i, midnight + length * (i + 1)) for i in range(count)]


def _inspected(times: Sequence[datetime], start: datetime, end: datetime) -> bool:
    """Whether sorted ``times`` hold an inspection in [start, end)."""
    index = bisect_left(times, start)
    return index < len(times) and times[index] < end


@dataclass(frozen=True)
class InspectionStatus:
    """Where the equipment inspection of the Beijing ``day`` stands at a given time.

    ``done``: windows of the day with an inspection so far; ``missed``: windows already ended
    without one. ``state`` is DONE when the current window has an inspection, else DUE.
    """

    day: date
    holiday: str | None
    required: int
    done: int
    missed: int
    state: DueState
    window_start: datetime
    window_end: datetime


def inspection_status(
    done: Sequence[datetime], now: datetime, calendar: HolidayCalendar
) -> InspectionStatus:
    """The inspection status at ``now``; ``done``: the times of the inspections made."""
    times = sorted(done)
    day = now.astimezone(BEIJING).date()
    windows = inspection_windows(day, calendar)
    kept = [_inspected(times, start, end) for start, end in windows]
    current = next(i for i, (start, end) in enumerate(windows) if start <= now < end)
    return InspectionStatus(
        day=day,
        holiday=calendar.holiday_name(day),
        required=len(windows),
        done=sum(kept),
        missed=sum(not ok and end <= now for ok, (_, end) in zip(kept, windows, strict=True)),
        state=DueState.DONE if kept[current] else DueState.DUE,
        window_start=windows[current][0],
        window_end=windows[current][1],
    )


@dataclass(frozen=True)
class InspectionCompliance:
    """How the inspection rule was kept from ``first_day`` to ``last_day`` (Beijing days).

    ``required``: windows in the period; ``kept``: windows with an inspection; ``missed``:
    windows that ended without one; ``inspections``: records made in the period.
    """

    first_day: date
    last_day: date
    required: int
    kept: int
    missed: int
    inspections: int

    @property
    def rate(self) -> float:
        """Share of the ended windows that had an inspection (1.0 when none has ended)."""
        ended = self.kept + self.missed
        return self.kept / ended if ended else 1.0


def inspection_compliance(
    done: Sequence[datetime],
    first_day: date,
    last_day: date,
    calendar: HolidayCalendar,
    now: datetime | None = None,
) -> InspectionCompliance:
    """The inspection compliance of the Beijing days ``first_day`` to ``last_day`` inclusive;
    ``done``: the times of the inspections. A window that has not ended by ``now`` (when
    given) without an inspection is not (yet) missed."""
    times = sorted(done)
    windows = [
        window
        for offset in range((last_day - first_day).days + 1)
        for window in inspection_windows(first_day + timedelta(days=offset), calendar)
    ]
    kept = [_inspected(times, start, end) for start, end in windows]
    period_start = datetime.combine(first_day, time(), BEIJING)
    period_end = datetime.combine(last_day + timedelta(days=1), time(), BEIJING)
    return InspectionCompliance(
        first_day=first_day,
        last_day=last_day,
        required=len(windows),
        kept=sum(kept),
        missed=sum(
            not ok and (now is None or end <= now)
            for ok, (_, end) in zip(kept, windows, strict=True)
        ),
        inspections=sum(period_start <= at < period_end for at in times),
    )


class CameraCheck(LabelledStr):
    """The per-camera checks of the Appendix C table (路段视频云联网情况巡查表, R-2, spec 11.3.6),
    in the table's column order. ``label``: the column's title under its ``group``."""

    OSD = "osd", "是否符合要求"
    GRADE_SWITCH = "grade_switch", "是否正常切换"
    LENS_CLEAN = "lens_clean", "镜头是否清洁"
    ROAD_VISIBLE = "road_visible", "路面是否观察清晰"
    PLAZA_PANORAMA = "plaza_panorama", "收费广场是否可见全景"
    OCCLUDED = "occluded", "是否被遮挡"
    MATCHES = "matches", "是否与标注视频类别及位置描述相符"
    CLOCK_SYNC = "clock_sync", "是否同步"
    POSITION = "position", "位置标注是否正确"

    @property
    def group(self) -> str:
        """The title above the column in the table's two-row header."""
        return _CHECK_GROUPS[self]

    def answer(self, passed: bool) -> str:
        """What the table says, 是 or 否, for a camera that ``passed`` the check (met the
        requirement): only 是否被遮挡 answers 是 for a camera that failed it."""
        yes = not passed if self is CameraCheck.OCCLUDED else passed
        return "是" if yes else "否"


_CHECK_GROUPS = {
    CameraCheck.OSD: "路段视频图像字符叠加",
    CameraCheck.GRADE_SWITCH: "路段视频高清切换",
    CameraCheck.LENS_CLEAN: "视频角度及内容",
    CameraCheck.ROAD_VISIBLE: "视频角度及内容",
    CameraCheck.PLAZA_PANORAMA: "视频角度及内容",
    CameraCheck.OCCLUDED: "视频角度及内容",
    CameraCheck.MATCHES: "视频角度及内容",
    CameraCheck.CLOCK_SYNC: "时钟同步",
    CameraCheck.POSITION: "点位信息",
}


@dataclass(frozen=True)
class CameraBasics:
    """A camera's device basic info (设备基础信息) in the Appendix C table, as the camera
    directory the platform gives had it when the inspection was made (note 1 of the table:
    "根据省级视频云平台中本路段上云视频参数，填写设备基础信息"). Text as printed; ""
    where the directory does not know it."""

    camera_num: str  # 设备编号: cameraNum
    section: str  # 路段名称: roadSec, e.g. 京珠北段
    facility: str  # 所属设施: poiName (the road, bridge, tunnel, toll station, service area)
    pile: str  # 桩号: pileNum
    maintainer: str  # 管养单位: department
    manufacturer: str  # 厂家名称: not in E 3.1; the service's others.manufacturer
    name: str  # 设备名称: cameraName
    name_suffix: str  # 设备副称: cameraNameSuffix
    status: str  # 设备状态: 在线 / 离线
    direction: str  # 行车方向: 上行 / 下行 / 双向 (cameraOrientation)


ONLINE, OFFLINE = "在线", "离线"


def camera_basics(camera: CameraEntry) -> CameraBasics:
    """The basic info of a directory entry, its codes in words (a code this version does not
    know is kept as its number)."""
    try:
        direction = Orientation(camera.orientation).label
    except ValueError:
        direction = str(camera.orientation)
    return CameraBasics(
        camera_num=camera.camera_num,
        section=camera.road_sec,
        facility=camera.poi_name,
        pile=camera.pile,
        maintainer=camera.department,
        manufacturer=camera.manufacturer,
        name=camera.name,
        name_suffix=camera.name_suffix,
        status=ONLINE if camera.online else OFFLINE,
        direction=direction,
    )


MAX_CAMERA_TEXT = 500  # a note or a handling text of one camera


@dataclass(frozen=True)
class CameraInspectionRow:
    """One camera's line of the Appendix C table in an inspection (R-2): its basic info, the
    checks it failed (every other check passed), the note (备注) and picture of what is
    wrong, and the section's handling (路段处理情况). ``picture``: the path of the picture
    kept, "" for none. ``seq``: the line's number in the table, from 1."""

    seq: int
    camera: CameraBasics
    failed: frozenset[CameraCheck] = frozenset()
    note: str = ""
    picture: str = ""
    handling: str = ""

    @property
    def ok(self) -> bool:
        """Whether the camera passed every check."""
        return not self.failed

    def passed(self, check: CameraCheck) -> bool:
        return check not in self.failed

    def answer(self, check: CameraCheck) -> str:
        """The table's 是/否 for ``check``."""
        return check.answer(self.passed(check))


def camera_row_problem(row: CameraInspectionRow) -> str | None:
    """Why ``row`` cannot be recorded (for the operator), or None: a camera that failed a
    check says what is wrong; texts have a limit."""
    camera = row.camera.name or row.camera.camera_num
    if row.failed and not row.note.strip():
        return f"摄像机 {camera} 有未通过的检查项，请填写备注说明问题"
    if len(row.note) > MAX_CAMERA_TEXT or len(row.handling) > MAX_CAMERA_TEXT:
        return f"摄像机 {camera} 的备注或处理情况超过 {MAX_CAMERA_TEXT} 字"
    return None


@dataclass(frozen=True)
class AreaResult:
    """One area of the inspection (software, hardware, security devices, network; image
    quality sums up the cameras): in order or not, what was found, and a picture ("" none)."""

    ok: bool
    text: str = ""
    picture: str = ""


@dataclass(frozen=True)
class InspectionSheet:
    """An inspection as the Appendix C table prints it (R-2): the header (巡查时间 ``at``,
    路段名称 ``section``, 联系人 ``contact``, 联系方式 ``phone``), the areas, and one row per
    camera in the table's order."""

    inspection_id: int
    at: datetime
    operator: str
    section: str
    contact: str
    phone: str
    note: str
    areas: Mapping[InspectionArea, AreaResult]
    rows: Sequence[CameraInspectionRow]

    @property
    def failed_rows(self) -> list[CameraInspectionRow]:
        return [row for row in self.rows if row.failed]


def sheet_section(rows: Sequence[CameraInspectionRow]) -> str:
    """The header's 路段名称: the sections of the rows in their order, each once."""
    return "、".join(dict.fromkeys(row.camera.section for row in rows if row.camera.section))
