"""The camera register on real migrated SQLite and PostgreSQL databases (N-3, E-C2, E-C3)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from patrol_app.domain.camera import camera_from_e31
from patrol_app.standalone.demo_site import demo_cameras
from patrol_app.store.cameras import CameraRepository
from patrol_app.store.database import DatabaseError, create_db_engine, open_database, upgrade
from tests.store.patrol_helpers import refuse_inserts

NOW = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)


def test_migration_creates_the_schema(sessions: sessionmaker[Session]) -> None:
    engine = sessions.kw["bind"]
    assert {"department", "road", "road_section", "camera"} <= set(
        inspect(engine).get_table_names()
    )
    with engine.connect() as connection:
        assert connection.execute(text("select version_num from alembic_version")).scalar()
        if engine.dialect.name == "sqlite":
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_upgrade_of_a_current_database_changes_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'patrol.db'}"
    open_database(url)
    upgrade(create_db_engine(url))
    assert not list(tmp_path.glob("*.bak"))  # no migration pending, so no backup taken


def test_upsert_get_and_pile_order(sessions: sessionmaker[Session]) -> None:
    repository = CameraRepository(sessions)
    cameras = [camera_from_e31(item) for item in demo_cameras()]
    for camera in reversed(cameras):
        repository.upsert(camera, NOW)
    assert repository.count() == len(cameras)
    assert repository.get(cameras[0].camera_num) == cameras[0]
    listed = repository.active()
    by_section: dict[tuple[str, str], list] = {}
    for camera in listed:
        by_section.setdefault((camera.road, camera.road_sec), []).append(camera.pile)
    assert all(piles == sorted(piles) for piles in by_section.values())
    sections = repository.organisation()
    assert sum(section.camera_count for section in sections) == len(cameras)
    assert {section.road for section in sections} == {"G4", "G0423"}


def test_upsert_updates_in_place_and_moves_section(sessions: sessionmaker[Session]) -> None:
    repository = CameraRepository(sessions)
    camera = camera_from_e31(demo_cameras()[0])
    repository.upsert(camera, NOW)
    moved = replace(camera, road_sec="新路段", camera_name="新名称")
    repository.upsert(moved, NOW + timedelta(minutes=1))
    assert repository.get(camera.camera_num) == moved
    assert repository.count() == 1


def test_removed_camera_is_hidden_kept_and_revived(sessions: sessionmaker[Session]) -> None:
    """E-C3 removes from the register; the row stays so that records about it resolve."""
    repository = CameraRepository(sessions)
    camera = camera_from_e31(demo_cameras()[0])
    repository.upsert(camera, NOW)
    assert repository.remove(camera.camera_num, NOW) is True
    assert repository.remove(camera.camera_num, NOW) is False
    assert repository.get(camera.camera_num) is None and repository.count() == 0
    with sessions() as session:
        assert session.execute(text("select count(*) from camera")).scalar() == 1
    repository.upsert(camera, NOW)
    assert repository.get(camera.camera_num) == camera


def test_a_failing_database_raises_the_stores_own_error(sessions: sessionmaker[Session]) -> None:
    """The gateway catches DatabaseError, never SQLAlchemy's errors (issue 12 point 3)."""
    repository = CameraRepository(sessions)
    camera = camera_from_e31(demo_cameras()[0])
    refuse_inserts(sessions, "camera")
    with pytest.raises(DatabaseError, match="无法保存摄像机") as failed:
        repository.upsert(camera, NOW)
    assert isinstance(failed.value.__cause__, SQLAlchemyError)
    assert repository.count() == 0 and not repository.organisation()  # nothing half-stored
