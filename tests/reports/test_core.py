"""The PDF and workbook core under every report: a long table split over pages with its header
on each, the page numbers, progress and cancel, an empty table, the same rows in the
workbook."""

from __future__ import annotations

import io
import subprocess

import pytest
from openpyxl import load_workbook

from patrol_app.reports import Report, ReportCancelled, TableBlock, render_pdf, render_xlsx
from patrol_app.reports.document import Column, HeaderCell
from tests.reports.poppler import no_space

ROWS = 400


def _report(rows: int = ROWS) -> Report:
    block = TableBlock(
        title="摄像机巡查明细",
        columns=(Column(3), Column(12, "LEFT"), Column(6), Column(6)),
        header=(
            (
                HeaderCell("序号", rows=2),
                HeaderCell("摄像机", rows=2),
                HeaderCell("巡查", columns=2),
            ),
            (HeaderCell("应巡查"), HeaderCell("已巡查")),
        ),
        rows=tuple(
            (
                str(n),
                f"京港澳高速第{n}号摄像机" + ("（隧道进口，长名称换行）" * (n % 3)),
                "12",
                str(n % 13),
            )
            for n in range(1, rows + 1)
        ),
    )
    return Report("测试报表", ("统计时段：2026-12-01 至 2026-12-31",), (block,), footer="京珠北段")


def _page_texts(pdf: bytes) -> list[str]:
    pages = []
    number = 1
    while True:
        result = subprocess.run(
            ["pdftotext", "-raw", "-f", str(number), "-l", str(number), "-", "-"],
            input=pdf,
            capture_output=True,
            check=False,
        )
        if result.returncode or number > 500:
            return pages
        pages.append(result.stdout.decode())
        number += 1


def test_a_long_table_goes_over_pages_with_its_header_on_each() -> None:
    pdf = render_pdf(_report())
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout
    pages = int(
        next(line.split()[-1] for line in info.decode().splitlines() if line.startswith("Pages:"))
    )
    assert pages > 3
    texts = _page_texts(pdf)[:pages]
    for number, text in enumerate(texts, start=1):
        flat = no_space(text)
        assert no_space("序号摄像机巡查应巡查已巡查") in flat, number
        assert no_space(f"第 {number} 页 共 {pages} 页") in flat
        assert "京珠北段" in flat
        if number > 1:
            assert "测试报表" in flat  # the running title
    # Every row once, in order, none lost at a page break.
    everything = no_space("".join(texts))
    position = 0
    for row in _report().blocks[0].rows:  # type: ignore[union-attr]
        found = everything.find(no_space("".join(row)), position)
        assert found >= 0, row
        position = found


def test_progress_follows_the_rows_and_cancel_stops() -> None:
    seen: list[tuple[int, int]] = []
    render_pdf(_report(), progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, ROWS) and seen[-1] == (ROWS, ROWS)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert len(seen) > 4  # page by page, not only at the end

    asked = []

    def cancelled() -> bool:
        asked.append(True)
        return len(asked) > 2

    with pytest.raises(ReportCancelled, match="已取消"):
        render_pdf(_report(), cancelled=cancelled)
    with pytest.raises(ReportCancelled):
        render_xlsx(_report(), cancelled=lambda: True)


def test_an_empty_table_says_none() -> None:
    pdf = render_pdf(_report(rows=0))
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    assert "无" in text.stdout.decode()


def test_the_workbook_has_the_merged_header_and_the_rows() -> None:
    sheet = load_workbook(io.BytesIO(render_xlsx(_report()))).worksheets[0]
    assert sheet.title == "摄像机巡查明细"
    assert sheet["A1"].value == "测试报表"
    merged = {str(each) for each in sheet.merged_cells.ranges}
    rows = list(sheet.iter_rows(values_only=True))
    head = next(i for i, row in enumerate(rows) if row[0] == "序号")
    assert rows[head][:4] == ("序号", "摄像机", "巡查", None)
    assert rows[head + 1][:4] == (None, None, "应巡查", "已巡查")
    first = head + 1  # 0-based index of the second header row; sheet rows are 1-based
    assert {f"A{first}:A{first + 1}", f"B{first}:B{first + 1}", f"C{first}:D{first}"} <= merged
    body = rows[head + 2 : head + 2 + ROWS]
    assert body[0] == (1, "京港澳高速第1号摄像机（隧道进口，长名称换行）", 12, 1)
    assert len(body) == ROWS and body[-1][0] == ROWS
