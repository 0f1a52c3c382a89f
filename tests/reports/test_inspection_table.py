"""The Appendix C table (R-2) as the spec draws it: its title, the line under it, the two-row
column titles and the notes, compared with the spec's own text."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from patrol_app.domain.inspections import CameraCheck
from patrol_app.reports import InspectionTable, InspectionTableRow, inspection_table
from patrol_app.reports.document import TableBlock, TextBlock
from patrol_app.reports.inspection_table import NOTES, TITLE, header_line

# Appendix C as the spec's text has it (../shared/spec/guangdong-expressway-video-cloud-spec.zh.txt,
# from its "附录 C" line to the line before "附录 D-1", copied verbatim: the test command runs on
# a clone that has no ../shared).
SPEC_APPENDIX_C = Path(__file__).parent / "data" / "spec-appendix-c.zh.txt"


def _appendix_c() -> list[str]:
    return [line.strip() for line in SPEC_APPENDIX_C.read_text(encoding="utf-8").splitlines()]


def _column_titles_in_spec() -> str:
    """The header cells as the spec's text has them: from 序 to the first row's number,
    one title cut over several lines, read row by row (the upper row, then the checks)."""
    section = _appendix_c()
    first = section.index("序")
    last = section.index("1", first)
    return "".join(section[first:last])


def _table() -> InspectionTable:
    row = InspectionTableRow(
        "44010000001310000001",
        "京珠北段",
        "大岭隧道",
        "K1844+650",
        "广东省高速公路有限公司",
        "海康威视",
        "G4（京港澳高速）K1844+650（上行）（大岭隧道）",
        "隧道进口",
        "在线",
        "上行",
        {check: check is not CameraCheck.OCCLUDED for check in CameraCheck},
    )
    return InspectionTable(date(2026, 12, 5), "京珠北段", "值班员甲", "0751-8888888", (row,))


def test_the_title_and_the_line_under_it_are_the_spec_s() -> None:
    section = _appendix_c()
    assert section[1:3] == ["", TITLE] or TITLE in section[:4]
    spec_line = next(line for line in section if line.startswith("巡查时间："))
    # 巡查时间：XXXX 年 X 月 X 日 路段名称： 联系人： 联系方式：, filled in.
    pattern = re.escape(spec_line).replace("XXXX", r"\d{4}").replace("X", r"\d{1,2}")
    pattern = pattern.replace(r"\ ", r"\s*").replace("：", "：[^：]*?")
    report = inspection_table(_table())
    assert report.title == TITLE
    assert report.header_lines == (header_line(_table()),)
    assert re.fullmatch(pattern, report.header_lines[0])
    assert report.header_lines[0] == (
        "巡查时间：2026 年 12 月 5 日　路段名称：京珠北段　联系人：值班员甲　联系方式：0751-8888888"
    )
    assert report.landscape


def test_the_two_row_column_titles_are_the_spec_s() -> None:
    table = inspection_table(_table()).blocks[0]
    assert isinstance(table, TableBlock)
    upper, lower = table.header
    ours = "".join(cell.text for cell in upper) + "".join(cell.text for cell in lower)
    # The spec's text lost the last character of one title where its cell wraps (路段视/频图像/
    # 字符叠/加): the column is 路段视频图像字符叠加, as 11.3.6 and CameraCheck.group say.
    assert "路段视频图像字符叠路段视频高清切换" in _column_titles_in_spec()
    spec = _column_titles_in_spec().replace("字符叠路段", "字符叠加路段")
    assert ours == spec
    # The checks' groups span their checks; the other titles span both rows.
    spans = {(cell.text, cell.columns, cell.rows) for cell in upper}
    assert ("视频角度及内容", 5, 1) in spans and ("序号", 1, 2) in spans
    assert ("复核情况", 1, 2) in spans
    assert [cell.text for cell in lower] == [check.label for check in CameraCheck]
    assert len(table.columns) == 11 + len(CameraCheck) + 3


def test_the_notes_are_the_spec_s_verbatim() -> None:
    section = _appendix_c()
    first = next(i for i, line in enumerate(section) if line.startswith("注：1."))
    spec_notes = [line for line in section[first:] if line][:4]
    assert list(NOTES) == spec_notes
    notes = inspection_table(_table()).blocks[1]
    assert isinstance(notes, TextBlock) and notes.lines == NOTES


def test_a_row_answers_yes_or_no_as_the_table_asks() -> None:
    table = inspection_table(_table()).blocks[0]
    assert isinstance(table, TableBlock)
    (row,) = table.rows
    answers = dict(zip([check.label for check in CameraCheck], row[11:20], strict=True))
    assert answers["是否被遮挡"] == "是"  # failed the occlusion check: it is occluded
    assert answers["是否符合要求"] == "是"  # passed
    assert set(answers.values()) == {"是"}
    # A check not made stays blank.
    unmade = inspection_table(
        InspectionTable(
            date(2026, 12, 5),
            "京珠北段",
            "",
            "",
            (InspectionTableRow(**{**_table().rows[0].__dict__, "checks": {}}),),
        )
    ).blocks[0]
    assert isinstance(unmade, TableBlock)
    assert unmade.rows[0][11:20] == ("",) * 9
