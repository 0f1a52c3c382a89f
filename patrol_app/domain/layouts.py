"""Wall layouts: how many tiles, which camera in which tile and at which grade (W-2, W-4).

A layout is an operator's preference, saved under a name per user; it is replaced and
deleted freely (nothing here is a record).
"""

from __future__ import annotations

from dataclasses import dataclass

from patrol_app.domain.grades import grade
from patrol_app.domain.tours import MAX_NAME_CHARS

TILE_COUNTS = (1, 4, 9, 16)
SINGLE_VIEW_GRADE = 1  # 1 Mbps 720p: one tile fills the wall
GRID_GRADE = 0  # 128 kbps CIF: the grade meant for many tiles at once


class LayoutError(ValueError):
    """A layout that cannot be shown; the message says why, for the operator."""


def automatic_grade(tiles_on_screen: int) -> int:
    """The grade the wall picks for a tile the operator has not set: the high grade when the
    tile is alone on screen (a one-tile layout, or a tile enlarged to the whole wall), the
    low one in a grid, the sub-stream/main-stream habit of Milestone and Genetec."""
    return SINGLE_VIEW_GRADE if tiles_on_screen == 1 else GRID_GRADE


@dataclass(frozen=True)
class TileLayout:
    """One tile's camera; ``grade`` None means the wall's automatic grade."""

    camera_num: str
    grade: int | None = None

    def __post_init__(self) -> None:
        if self.grade is not None:
            grade(self.grade)  # UnknownGradeError outside 0-3


@dataclass(frozen=True)
class WallLayout:
    """``tiles`` has one entry per tile, in reading order; None for an empty tile."""

    name: str
    tiles: tuple[TileLayout | None, ...]

    def __post_init__(self) -> None:
        if not self.name.strip() or len(self.name) > MAX_NAME_CHARS:
            raise LayoutError(f"布局名称应为 1-{MAX_NAME_CHARS} 个字符，收到 {self.name!r}")
        if len(self.tiles) not in TILE_COUNTS:
            raise LayoutError(f"画面数应为 {TILE_COUNTS} 之一，收到 {len(self.tiles)}")

    @property
    def tile_count(self) -> int:
        return len(self.tiles)
