"""Opening the database and bringing its schema up to date (Alembic, applied at start)."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from patrol_app.resources import MIGRATIONS_DIR

log = logging.getLogger(__name__)


class DatabaseError(RuntimeError):
    """The database cannot be opened or migrated; the message is for the operator."""


class Repository:
    """Base of the stores: blocking transactions (the UI calls them through its task runner)
    whose database failures become DatabaseError naming ``_subject`` for the operator."""

    _subject = "数据"

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    @contextmanager
    def _read(self) -> Iterator[Session]:
        try:
            with self._sessions() as session:
                yield session
        except SQLAlchemyError as error:
            raise DatabaseError(f"无法读取{self._subject}：{error}") from error

    @contextmanager
    def _write(self, conflict: Exception | None = None) -> Iterator[Session]:
        """One transaction; ``conflict``: raised instead when a uniqueness constraint refuses
        the write (another workstation wrote the same thing first)."""
        try:
            with self._sessions.begin() as session:
                yield session
        except IntegrityError as error:
            if conflict is not None:
                raise conflict from error
            raise DatabaseError(f"无法保存{self._subject}：{error}") from error
        except SQLAlchemyError as error:
            raise DatabaseError(f"无法保存{self._subject}：{error}") from error


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    # 64 MiB of page cache (the default is 2 MiB): the index pages that "what is due" seeks
    # through, once per camera every refresh, stay in memory (docs/PERFORMANCE.md).
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.close()


def create_db_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite files get WAL, foreign keys and a busy timeout."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database:
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def _backup_sqlite(engine: Engine) -> None:
    """Copy the SQLite file aside before a migration touches it (Vorta's habit)."""
    database = engine.url.database
    if engine.url.get_backend_name() != "sqlite" or not database or not Path(database).exists():
        return
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = Path(f"{database}.{stamp}.bak")
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(FULL)")
    shutil.copy2(database, target)
    log.info("database backed up to %s before migration", target)


def upgrade(engine: Engine) -> None:
    """Apply every pending migration; a no-op when the schema is current."""
    config = _alembic_config(engine)
    head = ScriptDirectory.from_config(config).get_current_head()
    try:
        with engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
        if current == head:
            return
        if current is not None:
            _backup_sqlite(engine)
        command.upgrade(config, "head")
    except Exception as error:
        raise DatabaseError(f"数据库 {engine.url.render_as_string()} 无法升级：{error}") from error
    log.info("database schema upgraded from %s to %s", current, head)


def open_database(url: str) -> sessionmaker[Session]:
    """Open ``url``, migrate it to the current schema and return a session factory."""
    engine = create_db_engine(url)
    upgrade(engine)
    return sessionmaker(engine, expire_on_commit=False)
