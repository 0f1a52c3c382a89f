"""Wall layouts and the wall's automatic grade (W-2, W-4)."""

import pytest

from patrol_app.domain.grades import UnknownGradeError
from patrol_app.domain.layouts import LayoutError, TileLayout, WallLayout, automatic_grade


@pytest.mark.parametrize(("tiles", "grade"), [(1, 1), (4, 0), (9, 0), (16, 0)])
def test_automatic_grade_is_high_only_for_a_tile_alone_on_screen(tiles: int, grade: int) -> None:
    """W-2: grade 0 (128 kbps CIF) in a grid, grade 1 (1 Mbps) for one tile on the wall."""
    assert automatic_grade(tiles) == grade


def test_layout_has_one_entry_per_tile() -> None:
    layout = WallLayout("夜班", (TileLayout("c1"), None, None, TileLayout("c2", grade=1)))
    assert layout.tile_count == 4


@pytest.mark.parametrize(
    ("make", "error"),
    [
        (lambda: WallLayout("三画面", (None, None, None)), LayoutError),
        (lambda: WallLayout("", (None,)), LayoutError),
        (lambda: TileLayout("c1", grade=4), UnknownGradeError),
    ],
)
def test_invalid_layouts_are_refused(make, error: type[Exception]) -> None:
    with pytest.raises(error):
        make()
