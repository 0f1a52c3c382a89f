"""One operator's wall layouts and tours, saved in the workstation's database.

Preferences, not records: saving under an existing name replaces it, and deleting removes it.
Until accounts exist (A-1) the user is the operating system's user name.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from patrol_app.domain.layouts import TileLayout, WallLayout
from patrol_app.domain.tours import Tour, TourStep
from patrol_app.store.database import Repository
from patrol_app.store.models import SavedLayout, SavedLayoutTile, SavedTour, SavedTourStep


class PreferenceStore(Repository):
    """The layouts and tours of ``user``; every method is one transaction (blocking: the UI
    calls it through its task runner) and raises DatabaseError when the database fails."""

    _subject = "个人设置（布局、轮巡）"

    def __init__(self, sessions: sessionmaker[Session], user: str) -> None:
        super().__init__(sessions)
        self.user = user

    def layouts(self) -> list[WallLayout]:
        """By name (code point order: the same on SQLite and PostgreSQL, whatever the
        database's collation)."""
        with self._read() as session:
            rows = session.scalars(select(SavedLayout).filter_by(user_name=self.user))
            return sorted((_layout(row) for row in rows), key=lambda layout: layout.name)

    def last_layout(self) -> WallLayout | None:
        """The layout saved or shown last: the wall restores it at start."""
        with self._read() as session:
            row = session.scalar(
                select(SavedLayout)
                .filter_by(user_name=self.user)
                .order_by(SavedLayout.used_at.desc(), SavedLayout.id.desc())
                .limit(1)
            )
            return None if row is None else _layout(row)

    def save_layout(self, layout: WallLayout, now: datetime) -> None:
        """Save ``layout`` under its name, replacing one of the same name; it is now the
        last used."""
        with self._write() as session:
            row = session.scalar(
                select(SavedLayout).filter_by(user_name=self.user, name=layout.name)
            )
            if row is None:
                row = SavedLayout(user_name=self.user, name=layout.name)
                session.add(row)
            row.tile_count = layout.tile_count
            row.used_at = now
            row.tiles = [
                SavedLayoutTile(position=position, camera_num=tile.camera_num, grade=tile.grade)
                for position, tile in enumerate(layout.tiles)
                if tile is not None
            ]

    def mark_used(self, name: str, now: datetime) -> None:
        """The operator showed the layout ``name``: restore it at the next start."""
        with self._write() as session:
            row = session.scalar(select(SavedLayout).filter_by(user_name=self.user, name=name))
            if row is not None:
                row.used_at = now

    def delete_layout(self, name: str) -> None:
        with self._write() as session:
            row = session.scalar(select(SavedLayout).filter_by(user_name=self.user, name=name))
            if row is not None:
                session.delete(row)

    def tours(self) -> list[Tour]:
        """By name, as ``layouts``."""
        with self._read() as session:
            rows = session.scalars(select(SavedTour).filter_by(user_name=self.user))
            tours = [
                Tour(
                    row.name,
                    tuple(
                        TourStep(
                            step.camera_num, step.dwell_seconds, step.preset, step.preset_patrol
                        )
                        for step in row.steps
                    ),
                )
                for row in rows
            ]
            return sorted(tours, key=lambda tour: tour.name)

    def save_tour(self, tour: Tour, now: datetime) -> None:
        """Save ``tour`` under its name, replacing one of the same name."""
        with self._write() as session:
            row = session.scalar(select(SavedTour).filter_by(user_name=self.user, name=tour.name))
            if row is None:
                row = SavedTour(user_name=self.user, name=tour.name)
                session.add(row)
            row.updated_at = now
            row.steps = [
                SavedTourStep(
                    position=position,
                    camera_num=step.camera_num,
                    dwell_seconds=step.dwell_seconds,
                    preset=step.preset,
                    preset_patrol=step.preset_patrol,
                )
                for position, step in enumerate(tour.steps)
            ]

    def delete_tour(self, name: str) -> None:
        with self._write() as session:
            row = session.scalar(select(SavedTour).filter_by(user_name=self.user, name=name))
            if row is not None:
                session.delete(row)


def _layout(row: SavedLayout) -> WallLayout:
    tiles: list[TileLayout | None] = [None] * row.tile_count
    for tile in row.tiles:
        tiles[tile.position] = TileLayout(tile.camera_num, tile.grade)
    return WallLayout(row.name, tuple(tiles))
