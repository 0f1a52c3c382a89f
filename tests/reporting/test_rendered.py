"""Each report rendered from the fixture database as its reader gets it (issue 13 Done when;
R-1, R-2, R-4, F-1): the bundled font embedded (pdffonts), the Chinese given back exactly
(pdftotext), every glyph drawn by pdftoppm with no font of this machine to stand in, and the
workbook holding the same rows (openpyxl)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PIL import Image
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from patrol_app.reports import FieldsBlock, Report, TableBlock, TextBlock, render_pdf, render_xlsx
from patrol_app.reports.fonts import CJK_FONT_FILE
from patrol_app.reports.xlsx import cell_value
from tests.reporting.fixture import Fixture
from tests.reporting.reports import REPORTS, build
from tests.reports.poppler import (
    difference,
    drawn,
    empty_fontconfig,
    first_line,
    no_space,
    pdffonts,
    pdftotext,
    render_page,
)

TITLE_POINTS = 16  # pdf.py's title style
DPI = 100


@pytest.fixture(params=REPORTS)
def report(request: pytest.FixtureRequest, records: Fixture) -> Report:
    return build(request.param, records)


def test_the_bundled_font_is_embedded_and_alone(report: Report) -> None:
    fonts = pdffonts(render_pdf(report))
    assert fonts, "no font in the PDF"
    assert {font.name.split("+")[-1] for font in fonts} == {"WenQuanYiMicroHei-0"}
    assert all(font.embedded and font.kind == "TrueType" for font in fonts)


def test_the_text_comes_back_exactly(report: Report) -> None:
    pdf = render_pdf(report)
    # Each on a line of its own, as written (pdftotext gives a full-width space as " ").
    lines = [" ".join(line.split()) for line in pdftotext(pdf, raw=False).splitlines()]
    assert report.title in lines
    for line in report.header_lines:
        assert " ".join(line.split()) in lines
    text = no_space(pdftotext(pdf))
    for block in report.blocks:
        if isinstance(block, TableBlock):
            for _, _, _, _, title in block.header_boxes():
                assert no_space(title) in text
            for row in block.rows:
                assert no_space("".join(row)) in text, row  # each cell, in order
        elif isinstance(block, FieldsBlock):
            for label, value in block.fields:
                assert no_space(label + value) in text
        else:
            for line in block.lines:
                assert no_space(line) in text


def _not_embedded(title: str) -> bytes:
    """The title in a CJK font the PDF does not embed (reportlab's STSong-Light), to show
    the check below fails for it."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, initialFontName="STSong-Light")
    pdf.setFont("STSong-Light", TITLE_POINTS)
    pdf.drawString(100, 780, title)
    pdf.save()
    return buffer.getvalue()


def _title_shown(page: Image.Image, title: str) -> bool:
    """Whether the first line of ``page`` is ``title`` in the bundled font: closer to it than
    to the same characters in reverse order (boxes or wrong glyphs are as far from both)."""
    line = first_line(page)
    if line is None:
        return False
    pixels = round(TITLE_POINTS * DPI / 72)
    right = difference(line, drawn(title, CJK_FONT_FILE, pixels))
    reversed_order = difference(line, drawn(title[::-1], CJK_FONT_FILE, pixels))
    return right < 0.25 and right < 0.6 * reversed_order


def test_every_glyph_is_drawn_without_a_cjk_font_installed(report: Report, tmp_path: Path) -> None:
    env = empty_fontconfig(tmp_path)
    assert not _title_shown(render_page(_not_embedded(report.title), env, dpi=DPI), report.title)
    pdf = render_pdf(report)
    assert _title_shown(render_page(pdf, env, dpi=DPI), report.title)
    # The whole page is drawn the same whether or not the machine has CJK fonts: nothing of
    # it comes from them.
    assert render_page(pdf, env, dpi=DPI).tobytes() == render_page(pdf, None, dpi=DPI).tobytes()


def test_the_workbook_holds_the_same_rows(report: Report) -> None:
    workbook = load_workbook(io.BytesIO(render_xlsx(report)))
    values = {
        sheet.title: [
            ["" if value is None else str(value) for value in row]
            for row in sheet.iter_rows(values_only=True)
        ]
        for sheet in workbook.worksheets
    }
    everything = [cell for rows in values.values() for row in rows for cell in row]
    assert report.title in everything
    for block in report.blocks:
        if isinstance(block, TableBlock):
            header = block.header_grid()
            sheet, start = next(
                (rows, index + len(header))
                for rows in values.values()
                for index, row in enumerate(rows)
                if row[: len(block.columns)] == header[0]
            )
            body = [row[: len(block.columns)] for row in sheet[start : start + len(block.rows)]]
            assert body == [[str(cell_value(cell)) for cell in row] for row in block.rows]
    for block in report.blocks:
        if isinstance(block, TextBlock):
            for line in block.lines:
                assert line in everything
        elif isinstance(block, FieldsBlock):
            for label, value in block.fields:
                assert [label, value] in [row[:2] for rows in values.values() for row in rows]
