"""File names of the snapshots an operator takes from a tile."""

from datetime import UTC, datetime

import pytest

from patrol_app.domain.snapshots import snapshot_stem


def test_pile_and_beijing_time() -> None:
    taken = datetime(2026, 11, 25, 16, 30, 5, tzinfo=UTC)
    assert snapshot_stem("K1844+650", taken) == "K1844+650_20261126-003005"


def test_unsafe_characters_are_replaced() -> None:
    taken = datetime(2026, 11, 25, 0, 0, tzinfo=UTC)
    assert snapshot_stem("K1/2:3", taken) == "K1_2_3_20261125-080000"


def test_naive_time_is_refused() -> None:
    with pytest.raises(ValueError, match="时区"):
        snapshot_stem("K1+000", datetime(2026, 11, 25))
