"""The Appendix C table, 路段视频云联网情况巡查表 (R-2, spec 11.3.6): landscape, its title,
the line of 巡查时间/路段名称/联系人/联系方式, the two-row column titles of the spec and its
notes 1-4, one row per camera inspected."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby

from patrol_app.domain.inspections import CameraCheck
from patrol_app.reports.document import Column, HeaderCell, Report, TableBlock, TextBlock

TITLE = "路段视频云联网情况巡查表"

# The columns before and after the nine checks, each spanning both header rows.
DEVICE_COLUMNS = (
    "序号",
    "设备编号",
    "路段名称",
    "所属设施",
    "桩号",
    "管养单位",
    "厂家名称",
    "设备名称",
    "设备副称",
    "设备状态",
    "行车方向",
)
TRAILING_COLUMNS = ("备注", "路段处理情况", "复核情况")

# The notes under the table, verbatim.
NOTES = (
    "注：1. 根据省级视频云平台中本路段上云视频参数，填写设备基础信息；",
    "2. 对每一路上云视频进行巡查，如实填写上云视频图像质量、点位信息等情况；",
    "3. 及时对存在问题进行修复或安排修复计划，填写在路段处理情况栏，"
    "并将表格提交视频云联网管理单位；",
    "4. 视频云联网管理单位负责收集表格并对路段处理情况进行审核并记录结果。",
)

_WIDTHS = {  # shares of the page's width; 设备编号 (20 digits) fits on one line
    "序号": 2.6,
    "设备编号": 10.8,
    "路段名称": 4.4,
    "所属设施": 4.6,
    "桩号": 5.6,
    "管养单位": 5.4,
    "厂家名称": 4.0,
    "设备名称": 8.6,
    "设备副称": 4.0,
    "设备状态": 3.0,
    "行车方向": 3.4,
    "备注": 5.6,
    "路段处理情况": 6.0,
    "复核情况": 4.4,
}
CHECK_WIDTH = 3.3
_LEFT = {"设备名称", "备注", "路段处理情况", "复核情况"}


@dataclass(frozen=True)
class InspectionTableRow:
    """One camera's line: its device data (from the platform's camera parameters, note 1),
    what the inspection found (``checks``: passed or not; a check not made stays blank),
    the section's handling and the management unit's review."""

    device_code: str  # 设备编号
    section_name: str  # 路段名称
    facility: str  # 所属设施
    pile: str  # 桩号
    maintainer: str  # 管养单位
    vendor: str  # 厂家名称
    device_name: str  # 设备名称
    device_alias: str  # 设备副称
    device_state: str  # 设备状态
    direction: str  # 行车方向
    checks: Mapping[CameraCheck, bool] = field(default_factory=dict)
    remark: str = ""  # 备注
    handling: str = ""  # 路段处理情况
    review: str = ""  # 复核情况


@dataclass(frozen=True)
class InspectionTable:
    """The table of one inspection of a section."""

    inspected_on: date  # 巡查时间 (Beijing day)
    section_name: str
    contact: str
    phone: str
    rows: tuple[InspectionTableRow, ...]


def header_line(table: InspectionTable) -> str:
    day = table.inspected_on
    return (
        f"巡查时间：{day.year} 年 {day.month} 月 {day.day} 日　"
        f"路段名称：{table.section_name}　联系人：{table.contact}　联系方式：{table.phone}"
    )


def header() -> tuple[tuple[HeaderCell, ...], tuple[HeaderCell, ...]]:
    """The two header rows: the device columns and the trailing ones span both; each check
    group spans its checks, whose titles make the second row."""
    upper = [HeaderCell(title, rows=2) for title in DEVICE_COLUMNS]
    upper += [
        HeaderCell(group, columns=len(list(checks)))
        for group, checks in groupby(CameraCheck, key=lambda check: check.group)
    ]
    upper += [HeaderCell(title, rows=2) for title in TRAILING_COLUMNS]
    return tuple(upper), tuple(HeaderCell(check.label) for check in CameraCheck)


def columns() -> tuple[Column, ...]:
    before = [Column(_WIDTHS[t], "LEFT" if t in _LEFT else "CENTER") for t in DEVICE_COLUMNS]
    checks = [Column(CHECK_WIDTH) for _ in CameraCheck]
    after = [Column(_WIDTHS[t], "LEFT") for t in TRAILING_COLUMNS]
    return tuple(before + checks + after)


def row_cells(number: int, row: InspectionTableRow) -> tuple[str, ...]:
    answers = tuple(
        check.answer(row.checks[check]) if check in row.checks else "" for check in CameraCheck
    )
    return (
        str(number),
        row.device_code,
        row.section_name,
        row.facility,
        row.pile,
        row.maintainer,
        row.vendor,
        row.device_name,
        row.device_alias,
        row.device_state,
        row.direction,
        *answers,
        row.remark,
        row.handling,
        row.review,
    )


def inspection_table(table: InspectionTable) -> Report:
    """The Appendix C table as a Report (render_pdf / render_xlsx)."""
    block = TableBlock(
        title="",
        columns=columns(),
        header=header(),
        rows=tuple(row_cells(number, row) for number, row in enumerate(table.rows, start=1)),
        sheet=TITLE,
    )
    return Report(
        title=TITLE,
        header_lines=(header_line(table),),
        blocks=(block, TextBlock("", NOTES)),
        landscape=True,
        footer=f"{table.section_name}　{TITLE}",
        metadata={"subject": "R-2 附录C"},
    )
