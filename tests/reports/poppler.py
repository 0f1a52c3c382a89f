"""poppler-utils (pdffonts, pdftotext, pdftoppm) on a PDF, as a reader of the printed report
sees it; pdftoppm with an empty fontconfig, so no font of this machine can stand in for a
font the PDF does not embed."""

from __future__ import annotations

import io
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFont


@dataclass(frozen=True)
class PdfFont:
    name: str
    kind: str
    embedded: bool


def _run(args: list[str], pdf: bytes, env: dict[str, str] | None = None) -> bytes:
    result = subprocess.run(args, input=pdf, capture_output=True, check=True, env=env, timeout=60)
    return result.stdout


_FONT_LINE = r"(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$"


def pdffonts(pdf: bytes) -> list[PdfFont]:
    lines = _run(["pdffonts", "-"], pdf).decode().splitlines()[2:]
    fonts = []
    for line in lines:
        # name, type (may hold spaces), encoding, emb, sub, uni, object, generation
        match = re.match(
            r"(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$", line
        )
        assert match, line
        fonts.append(PdfFont(match[1], match[2], match[4] == "yes"))
    return fonts


def pdftotext(pdf: bytes, *, raw: bool = True) -> str:
    """The text in content-stream order (``raw``): each cell's lines one after the other."""
    return _run(["pdftotext", "-enc", "UTF-8", *(["-raw"] if raw else []), "-", "-"], pdf).decode()


def no_space(text: str) -> str:
    return re.sub(r"\s+", "", text)


def empty_fontconfig(directory: Path) -> dict[str, str]:
    """An environment whose fontconfig knows no font at all."""
    config = directory / "fonts.conf"
    config.write_text('<?xml version="1.0"?>\n<fontconfig></fontconfig>\n', encoding="utf-8")
    cache = directory / "fc-cache"
    cache.mkdir(exist_ok=True)
    return {**os.environ, "FONTCONFIG_FILE": str(config), "XDG_CACHE_HOME": str(cache)}


def render_page(pdf: bytes, env: dict[str, str], *, page: int = 1, dpi: int = 100) -> Image.Image:
    """Page ``page`` in grey, as pdftoppm draws it in ``env``."""
    out = _run(
        [
            "pdftoppm",
            "-gray",
            "-r",
            str(dpi),
            "-f",
            str(page),
            "-l",
            str(page),
            "-",
        ],
        pdf,
        env,
    )
    return Image.open(io.BytesIO(out)).convert("L")


def first_line(image: Image.Image) -> Image.Image | None:
    """The first line of ink on ``image`` (the title), cropped to its ink; None if blank."""
    width, height = image.size
    pixels = image.load()
    assert pixels is not None
    rows = [any(pixels[x, y] < 128 for x in range(0, width, 1)) for y in range(height)]
    if True not in rows:
        return None
    top = rows.index(True)
    bottom = top
    while bottom < height and rows[bottom]:
        bottom += 1
    band = image.crop((0, top, width, bottom))
    box = ImageChops.invert(band).getbbox()
    assert box is not None
    return band.crop(box)


def drawn(text: str, font_file: Path, pixels: int) -> Image.Image:
    """``text`` drawn by Pillow with ``font_file`` (face 0), cropped to its ink."""
    font = ImageFont.truetype(str(font_file), pixels, index=0)
    image = Image.new("L", (pixels * (len(text) + 2), pixels * 2), 255)
    ImageDraw.Draw(image).text((pixels // 2, pixels // 2), text, font=font, fill=0)
    box = ImageChops.invert(image).getbbox()
    assert box is not None
    return image.crop(box)


def difference(shown: Image.Image, expected: Image.Image) -> float:
    """How far ``shown`` is from ``expected`` (0 the same, 1 the opposite), at its size."""
    resized = shown.resize(expected.size)
    histogram = ImageChops.difference(resized, expected).histogram()
    total = sum(value * count for value, count in enumerate(histogram))
    return total / (255 * expected.size[0] * expected.size[1])
