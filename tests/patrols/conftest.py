"""The patrol use cases without a display: a real PatrolStore on a migrated SQLite file, the
time passed in (no clock is read)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from patrol_app.store.patrols import PatrolStore
from tests.patrols.helpers import FlakyStore, open_patrol_store


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return f"sqlite:///{(tmp_path / 'patrol.db').as_posix()}"


@pytest.fixture
def patrol_store(database_url: str) -> Iterator[PatrolStore]:
    with open_patrol_store(database_url, PatrolStore) as store:
        yield store


@pytest.fixture
def flaky_store(database_url: str) -> Iterator[FlakyStore]:
    """A store that can be made to fail as a full disk does."""
    with open_patrol_store(database_url, FlakyStore) as store:
        yield store
