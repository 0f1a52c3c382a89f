"""The patrol report of a shift, a day or a month (R-1, from the patrol records of P-6): per
patrol list the patrols due, done, late and missed with the rate; per day for a day or a
month; the patrol records with the anomalies found and their handling; the events with
their steps; the faults; the equipment inspections."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from patrol_app.domain.events import StepKind
from patrol_app.domain.labels import LabelledStr
from patrol_app.domain.patrols import PatrolList
from patrol_app.domain.records import EventView, PatrolRecord
from patrol_app.reports.document import (
    Column,
    HeaderCell,
    Report,
    TableBlock,
    TextBlock,
    beijing,
    percent,
)
from patrol_app.reports.faults import FaultLine, fault_summary, fault_table, period_line

TITLE = "视频巡查报表"


class ReportPeriod(LabelledStr):
    SHIFT = "shift", "班报"
    DAY = "day", "日报"
    MONTH = "month", "月报"


@dataclass(frozen=True)
class ListLine:
    """How one patrol list was kept: ``due`` patrols the rule asked for, ``done`` made,
    ``late`` made past the deadline, ``missed`` intervals that passed without one."""

    patrol_list: PatrolList
    cameras: int
    due: int
    done: int
    late: int
    missed: int
    rate: float | None  # None when nothing was required


@dataclass(frozen=True)
class DayLines:
    day: date
    lists: tuple[ListLine, ...]


@dataclass(frozen=True)
class InspectionLine:
    """The equipment inspections of the period (P-8)."""

    required: int
    kept: int
    missed: int
    inspections: int


@dataclass(frozen=True)
class PatrolReportData:
    period: ReportPeriod
    section_name: str
    start: datetime
    end: datetime
    generated_at: datetime
    generated_by: str
    lists: tuple[ListLine, ...]
    days: tuple[DayLines, ...]  # empty for a shift
    records: tuple[PatrolRecord, ...]
    events: tuple[EventView, ...]
    faults: tuple[FaultLine, ...]
    inspection: InspectionLine | None = None


_LIST_HEADER = ("巡查类别", "摄像机数", "应巡查", "已巡查", "超时巡查", "漏巡", "完成率")


def _list_cells(line: ListLine) -> tuple[str, ...]:
    return (
        line.patrol_list.label,
        str(line.cameras),
        str(line.due),
        str(line.done),
        str(line.late),
        str(line.missed),
        percent(line.rate),
    )


def _lists_block(lines: tuple[ListLine, ...]) -> TableBlock:
    return TableBlock(
        title="一、巡查完成情况",
        columns=(Column(8), *(Column(5) for _ in _LIST_HEADER[1:])),
        header=(tuple(HeaderCell(name) for name in _LIST_HEADER),),
        rows=tuple(_list_cells(line) for line in lines),
        sheet="完成情况",
    )


def _days_block(days: tuple[DayLines, ...]) -> TableBlock:
    names = [line.patrol_list for line in days[0].lists] if days else list(PatrolList)
    upper = (
        HeaderCell("日期", rows=2),
        *(HeaderCell(name.label, columns=4) for name in names),
    )
    lower = tuple(HeaderCell(text) for _ in names for text in ("应巡", "已巡", "漏巡", "完成率"))
    rows = tuple(
        (
            f"{day.day:%Y-%m-%d}",
            *(
                text
                for line in day.lists
                for text in (str(line.due), str(line.done), str(line.missed), percent(line.rate))
            ),
        )
        for day in days
    )
    return TableBlock(
        title="二、每日巡查情况",
        columns=(Column(7), *(Column(3.6) for _ in lower)),
        header=(upper, lower),
        rows=rows,
        sheet="每日情况",
    )


_RECORD_COLUMNS = (
    ("序号", 3.0, "CENTER"),
    ("巡查时段", 9.0, "CENTER"),
    ("巡查人员", 4.5, "CENTER"),
    ("设备情况", 8.0, "LEFT"),
    ("交接桩号", 5.5, "CENTER"),
    ("发现的路况异常", 17.0, "LEFT"),
    ("应急处置情况", 17.0, "LEFT"),
)


def _record_cells(number: int, record: PatrolRecord) -> tuple[str, ...]:
    return (
        str(number),
        f"{beijing(record.period_start)}\n至 {beijing(record.period_end, '%H:%M')}",
        record.personnel,
        record.equipment_condition,
        record.handover_pile,
        record.anomalies,
        record.handling,
    )


_EVENT_COLUMNS = (
    ("序号", 3.0, "CENTER"),
    ("发现时间", 7.5, "CENTER"),
    ("摄像机", 10.0, "LEFT"),
    ("桩号", 6.0, "CENTER"),
    ("异常情况", 14.0, "LEFT"),
    ("处置经过", 22.0, "LEFT"),
    ("状态", 4.0, "CENTER"),
)


def _event_cells(number: int, event: EventView) -> tuple[str, ...]:
    found = "、".join(event.items)
    if event.note:
        found = f"{found}；{event.note}" if found else event.note
    steps = "\n".join(
        f"{beijing(step.at, '%m-%d %H:%M')} {step.kind.label}"
        + (f"：{step.detail}" if step.detail else "")
        + f"（{step.operator}）"
        for step in event.steps
    )
    return (
        str(number),
        beijing(event.opened_at),
        event.camera_name,
        event.pile,
        found or "无",
        steps or "未记录处置",
        "已结束" if any(step.kind is StepKind.CLOSE for step in event.steps) else "处置中",
    )


def _table(
    title: str,
    sheet: str,
    spec: tuple[tuple[str, float, str], ...],
    rows: tuple[tuple[str, ...], ...],
) -> TableBlock:
    return TableBlock(
        title=title,
        columns=tuple(Column(width, align) for _, width, align in spec),
        header=(tuple(HeaderCell(name) for name, _, _ in spec),),
        rows=rows,
        sheet=sheet,
    )


def patrol_report(data: PatrolReportData) -> Report:
    """The patrol report (R-1) as a Report."""
    blocks: list[TableBlock | TextBlock] = [_lists_block(data.lists)]
    number = iter(("二", "三", "四", "五", "六"))
    if data.days:
        blocks.append(_days_block(data.days))
        next(number)
    if data.inspection is not None:
        kept = data.inspection
        blocks.append(
            TextBlock(
                f"{next(number)}、设备巡查",
                (
                    f"应巡查 {kept.required} 次，按时完成 {kept.kept} 次，漏巡 {kept.missed} 次，"
                    f"共记录 {kept.inspections} 次。",
                ),
            )
        )
    blocks.append(
        _table(
            f"{next(number)}、巡查记录",
            "巡查记录",
            _RECORD_COLUMNS,
            tuple(_record_cells(i, record) for i, record in enumerate(data.records, start=1)),
        )
    )
    blocks.append(
        _table(
            f"{next(number)}、异常事件及处置",
            "事件",
            _EVENT_COLUMNS,
            tuple(_event_cells(i, event) for i, event in enumerate(data.events, start=1)),
        )
    )
    faults = fault_table(data.faults, f"{next(number)}、视频故障")
    blocks.append(TextBlock(faults.title, (fault_summary(data.faults),)))
    blocks.append(TableBlock("", faults.columns, faults.header, faults.rows, faults.sheet))
    return Report(
        title=f"{TITLE}（{data.period.label}）",
        header_lines=(
            f"路段名称：{data.section_name}",
            period_line(data.start, data.end),
            f"制表人：{data.generated_by}　制表时间：{beijing(data.generated_at)}",
        ),
        blocks=tuple(blocks),
        landscape=True,
        footer=f"{data.section_name}　{TITLE}（{data.period.label}）",
        metadata={"subject": "R-1 巡查报表"},
    )
