"""Each operator's wall layouts and tours on real migrated SQLite and PostgreSQL databases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session, sessionmaker

from patrol_app.domain.layouts import TileLayout, WallLayout
from patrol_app.domain.tours import Tour, TourStep
from patrol_app.store.models import SavedLayoutTile, SavedTourStep
from patrol_app.store.preferences import PreferenceStore

NOW = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
NIGHT = WallLayout("夜班", (TileLayout("c1"), None, None, TileLayout("c3", grade=1)))
DAY = WallLayout("白班", (TileLayout("c2"),) + (None,) * 8)


def test_migration_0002_adds_the_preference_tables(sessions: sessionmaker[Session]) -> None:
    tables = set(inspect(sessions.kw["bind"]).get_table_names())
    assert {"wall_layout", "wall_layout_tile", "tour", "tour_step"} <= tables


def test_layouts_are_saved_per_user_and_the_last_used_comes_back(
    sessions: sessionmaker[Session],
) -> None:
    mine, theirs = PreferenceStore(sessions, "op1"), PreferenceStore(sessions, "op2")
    assert mine.last_layout() is None
    mine.save_layout(NIGHT, NOW)
    mine.save_layout(DAY, NOW + timedelta(minutes=1))
    theirs.save_layout(WallLayout("夜班", (None,)), NOW + timedelta(minutes=2))
    assert mine.layouts() == [NIGHT, DAY]  # by code point: 夜 U+591C, 白 U+767D
    assert mine.last_layout() == DAY
    mine.mark_used("夜班", NOW + timedelta(minutes=3))
    assert mine.last_layout() == NIGHT
    assert theirs.layouts() == [WallLayout("夜班", (None,))]


def test_saving_under_a_name_replaces_and_delete_removes(sessions: sessionmaker[Session]) -> None:
    store = PreferenceStore(sessions, "op1")
    store.save_layout(NIGHT, NOW)
    changed = WallLayout("夜班", (TileLayout("c3", grade=2),) + (None,) * 3)
    store.save_layout(changed, NOW)
    assert store.layouts() == [changed]
    store.delete_layout("夜班")
    store.delete_layout("夜班")  # already gone: nothing to do
    assert store.layouts() == []
    with sessions() as session:  # the tiles went with their layout
        assert session.scalar(select(func.count()).select_from(SavedLayoutTile)) == 0


def test_tours_keep_their_steps_in_order(sessions: sessionmaker[Session]) -> None:
    store = PreferenceStore(sessions, "op1")
    steps = (
        TourStep("c3", 10),
        TourStep("c1", 20.5),
        TourStep("c2", 15, 2),
        TourStep("c5", 23, preset_patrol="广场一圈"),  # Z-5: a preset patrol as a tour step
    )
    tour = Tour("夜间重点", steps)
    store.save_tour(tour, NOW)
    store.save_tour(Tour("隧道", (TourStep("c4", 30),)), NOW)
    assert store.tours() == [tour, Tour("隧道", (TourStep("c4", 30),))]
    shorter = Tour("夜间重点", (TourStep("c2", 5),))
    store.save_tour(shorter, NOW)
    store.delete_tour("隧道")
    assert store.tours() == [shorter]
    assert PreferenceStore(sessions, "op2").tours() == []
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(SavedTourStep)) == 1
