"""What the repositories of the patrol records share: their base, their error, helpers."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import ColumnElement, CursorResult, delete
from sqlalchemy.orm import Session

from patrol_app.store.database import Repository

_CHUNK = 500  # ids per IN (...) when purging


class PatrolStoreError(ValueError):
    """A request the records refuse (unknown round, round already closed...); for the
    operator."""


class PatrolRepository(Repository):
    """Base of the patrol records' repositories: every write is one transaction, reads and
    writes are blocking (the UI calls them through its task runner). Database failures raise
    DatabaseError, requests the records refuse raise PatrolStoreError; both carry a message
    for the operator."""

    _subject = "巡查记录"


def utc(value: datetime) -> datetime:
    """An instant as UTC (the models already read UTC; inputs may come in any zone)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def delete_rows(session: Session, model: Any, *conditions: ColumnElement[bool]) -> int:
    result = session.execute(
        delete(model).where(*conditions), execution_options={"synchronize_session": False}
    )
    return cast(CursorResult[Any], result).rowcount
