"""The fault report (R-4: the faults of a period with their clocks, whether the 2 h response
and the 48 h repair were met, state and handling) and the repair request (报修单) of one
fault (F-1, F-2)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from patrol_app.domain.faults import REPAIR_LIMIT, RESPONSE_LIMIT
from patrol_app.reports.document import (
    Column,
    FieldsBlock,
    HeaderCell,
    Report,
    TableBlock,
    TextBlock,
    beijing,
)

FAULT_REPORT_TITLE = "视频故障报表"
REPAIR_REQUEST_TITLE = "视频故障报修单"


@dataclass(frozen=True)
class FaultLine:
    """One fault as the reports print it. ``response_met`` / ``repair_met``: whether the
    clock was kept; None while it runs and is not yet past its limit. ``handling``: its
    transitions, one line each (time, state, operator, note)."""

    fault_id: int
    camera_num: str
    camera_name: str
    pile: str
    kind: str  # FaultKind label
    state: str  # FaultState label
    note: str
    registered_at: datetime
    registered_by: str
    responded_at: datetime | None
    repaired_at: datetime | None
    closed_at: datetime | None  # verified or cancelled
    response_met: bool | None
    repair_met: bool | None
    handling: str = ""


@dataclass(frozen=True)
class FaultReportData:
    section_name: str
    start: datetime
    end: datetime
    generated_at: datetime
    generated_by: str
    faults: tuple[FaultLine, ...]


@dataclass(frozen=True)
class RepairRequest:
    """The repair request of one fault, as handed to the maintenance unit."""

    number: str  # 报修单号
    section_name: str
    maintainer: str  # 维修（管养）单位
    requested_at: datetime
    requested_by: str
    phone: str
    fault: FaultLine


def sla_text(met: bool | None) -> str:
    return "进行中" if met is None else "达标" if met else "超时"


def period_line(start: datetime, end: datetime) -> str:
    return f"统计时段：{beijing(start)} 至 {beijing(end)}（北京时间）"


def fault_summary(faults: tuple[FaultLine, ...]) -> str:
    def count(values: list[bool | None], wanted: bool | None) -> int:
        return sum(value is wanted for value in values)

    response = [fault.response_met for fault in faults]
    repair = [fault.repair_met for fault in faults]
    open_faults = sum(fault.closed_at is None for fault in faults)
    return (
        f"故障共 {len(faults)} 起；响应（2 小时内）达标 {count(response, True)} 起、"
        f"超时 {count(response, False)} 起；修复（48 小时内）达标 {count(repair, True)} 起、"
        f"超时 {count(repair, False)} 起；未结束 {open_faults} 起。"
    )


FAULT_COLUMNS = (
    ("序号", 3.0, "CENTER"),
    ("摄像机", 11.0, "LEFT"),
    ("桩号", 6.5, "CENTER"),
    ("故障类型", 5.5, "CENTER"),
    ("登记时间", 7.5, "CENTER"),
    ("登记人", 4.5, "CENTER"),
    ("响应时间", 7.5, "CENTER"),
    ("响应", 3.6, "CENTER"),
    ("修复时间", 7.5, "CENTER"),
    ("修复", 3.6, "CENTER"),
    ("状态", 4.2, "CENTER"),
    ("处置情况", 17.0, "LEFT"),
)


def fault_cells(number: int, fault: FaultLine) -> tuple[str, ...]:
    return (
        str(number),
        f"{fault.camera_name}\n{fault.camera_num}",
        fault.pile,
        fault.kind,
        beijing(fault.registered_at),
        fault.registered_by,
        beijing(fault.responded_at),
        sla_text(fault.response_met),
        beijing(fault.repaired_at),
        sla_text(fault.repair_met),
        fault.state,
        fault.handling or fault.note,
    )


def fault_table(faults: tuple[FaultLine, ...], title: str) -> TableBlock:
    return TableBlock(
        title=title,
        columns=tuple(Column(width, align) for _, width, align in FAULT_COLUMNS),
        header=(tuple(HeaderCell(name) for name, _, _ in FAULT_COLUMNS),),
        rows=tuple(fault_cells(number, fault) for number, fault in enumerate(faults, start=1)),
        sheet="故障",
    )


def fault_report(data: FaultReportData) -> Report:
    """The fault report of a period (R-4) as a Report."""
    return Report(
        title=FAULT_REPORT_TITLE,
        header_lines=(
            f"路段名称：{data.section_name}",
            period_line(data.start, data.end),
            f"制表人：{data.generated_by}　制表时间：{beijing(data.generated_at)}",
        ),
        blocks=(
            TextBlock("", (fault_summary(data.faults),)),
            fault_table(data.faults, "故障明细"),
        ),
        landscape=True,
        footer=f"{data.section_name}　{FAULT_REPORT_TITLE}",
        metadata={"subject": "R-4 故障报表"},
    )


def repair_request(request: RepairRequest) -> Report:
    """The repair request (报修单) of one fault as a Report; the maintenance unit's
    acceptance and the repair's confirmation are left blank for signatures."""
    fault = request.fault
    fields = (
        ("报修单号", request.number),
        ("报修时间", beijing(request.requested_at)),
        ("路段名称", request.section_name),
        ("维修单位", request.maintainer),
        ("摄像机编号", fault.camera_num),
        ("摄像机名称", fault.camera_name),
        ("桩号", fault.pile),
        ("故障类型", fault.kind),
        ("发现时间", beijing(fault.registered_at)),
        ("发现人", fault.registered_by),
        ("响应时限", beijing(fault.registered_at + RESPONSE_LIMIT)),
        ("修复时限", beijing(fault.registered_at + REPAIR_LIMIT)),
        ("当前状态", fault.state),
        ("故障编号", str(fault.fault_id)),
        ("故障描述", fault.note or "无"),
        ("处置记录", fault.handling or "无"),
        ("报修人", request.requested_by),
        ("联系电话", request.phone),
        ("维修单位签收", ""),
        ("签收时间", ""),
        ("修复情况", ""),
        ("修复确认", ""),
    )
    return Report(
        title=REPAIR_REQUEST_TITLE,
        header_lines=(),
        blocks=(
            FieldsBlock("", fields),
            TextBlock(
                "",
                (
                    "说明：维修单位接报后 2 小时内响应，48 小时内修复；修复后由巡查人员"
                    "核实图像恢复正常。",
                ),
            ),
        ),
        footer=f"{request.section_name}　{REPAIR_REQUEST_TITLE}　{request.number}",
        metadata={"subject": "F-1 报修单"},
    )
