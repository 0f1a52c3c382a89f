"""The bundled CJK TrueType font, registered with reportlab so every PDF embeds it (a
printer or a viewer without a Chinese font still shows every glyph)."""

from __future__ import annotations

import threading

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from patrol_app.resources import RESOURCES_DIR

CJK_FONT_FILE = RESOURCES_DIR / "fonts" / "wqy-microhei.ttc"
FONT = "WenQuanYiMicroHei"  # reportlab's name; the PDF names it ...+WenQuanYiMicroHei-0

_lock = threading.Lock()


def register_font() -> str:
    """Register the font once (face 0 of the collection, resources/fonts/README.md); its
    name for reportlab. reportlab embeds a TrueType font's subset in every PDF using it."""
    with _lock:
        if FONT not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(FONT, str(CJK_FONT_FILE), subfontIndex=0))
    return FONT


def text_width(text: str, size: float) -> float:
    return float(pdfmetrics.stringWidth(text, register_font(), size))


_widths: dict[str, float] = {}


def wrap(text: str, width: float, size: float) -> list[str]:
    """``text`` cut into lines no wider than ``width`` points at ``size``: CJK text breaks
    anywhere; a line break in the text is kept. Widths are cached per character."""
    font = register_font()
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line: list[str] = []
        used = 0.0
        for char in paragraph:
            unit = _widths.get(char)
            if unit is None:
                unit = _widths[char] = float(pdfmetrics.stringWidth(char, font, 1000))
            advance = unit * size / 1000
            if line and used + advance > width:
                lines.append("".join(line))
                line, used = [], 0.0
            line.append(char)
            used += advance
        lines.append("".join(line))
    return lines
