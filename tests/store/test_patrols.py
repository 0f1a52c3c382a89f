"""The patrol records on real migrated SQLite and PostgreSQL databases (P-1..P-8, F-1): the
schema; each concern's repository has its own test module.

Append-only: a correction, an end, a close or an acceptance is a row of its own, and only
``purge_expired`` deletes, never under a year.
"""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect
from sqlalchemy.orm import Session, sessionmaker

from patrol_app.resources import MIGRATIONS_DIR
from tests.store.patrol_helpers import PATROL_TABLES

# Schema.


def test_migration_0003_adds_the_patrol_tables_and_downgrades(
    sessions: sessionmaker[Session],
) -> None:
    engine = sessions.kw["bind"]
    assert set(inspect(engine).get_table_names()) >= PATROL_TABLES
    indexes = {index["name"] for index in inspect(engine).get_indexes("patrol_check")}
    assert {"ix_patrol_check_camera_num_checked_at", "ix_patrol_check_checked_at"} <= indexes
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    command.downgrade(config, "0002")
    tables = set(inspect(engine).get_table_names())
    assert not PATROL_TABLES & tables
    assert {"camera", "wall_layout", "tour"} <= tables
    command.upgrade(config, "head")
    assert set(inspect(engine).get_table_names()) >= PATROL_TABLES
