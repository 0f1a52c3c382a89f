"""The report use cases on the fixture database (tests/reporting/fixture.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from patrol_app.store.patrols import PatrolStore
from tests.patrols.helpers import open_patrol_store
from tests.reporting.fixture import Fixture, fill


@pytest.fixture
def records(tmp_path: Path) -> Iterator[Fixture]:
    with open_patrol_store(
        f"sqlite:///{(tmp_path / 'patrol.db').as_posix()}", PatrolStore
    ) as store:
        yield fill(store)
