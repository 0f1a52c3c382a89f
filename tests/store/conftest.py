"""The store's databases: each test runs on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from patrol_app.store.database import open_database
from patrol_app.store.patrols import PatrolStore


@pytest.fixture(params=["sqlite", "postgresql"])
def sessions(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    """The embedded default (SQLite, WAL) and a shared control-room PostgreSQL."""
    if request.param == "sqlite":
        yield open_database(f"sqlite:///{tmp_path / 'patrol.db'}")
        return
    url = request.getfixturevalue("postgres_url")
    sessions = open_database(url)
    yield sessions
    engine = sessions.kw["bind"]
    with engine.begin() as connection:  # the next test starts from an empty database
        connection.execute(text("drop schema public cascade"))
        connection.execute(text("create schema public"))
    engine.dispose()


@pytest.fixture
def store(sessions: sessionmaker[Session]) -> PatrolStore:
    """The patrol records' repositories on ``sessions``."""
    return PatrolStore(sessions)
