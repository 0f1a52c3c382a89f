"""The fault use cases without a display: a real PatrolStore on a migrated SQLite file, the
time passed in (no clock is read)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from patrol_app.store.patrols import PatrolStore
from tests.patrols.helpers import open_patrol_store


@pytest.fixture
def patrol_store(tmp_path: Path) -> Iterator[PatrolStore]:
    with open_patrol_store(
        f"sqlite:///{(tmp_path / 'patrol.db').as_posix()}", PatrolStore
    ) as store:
        yield store
