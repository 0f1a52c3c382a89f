"""The patrol lists (P-1, P-2), weather warnings (P-3) and checklists (P-4), versioned."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from patrol_app.domain.checklists import ChecklistBook
from patrol_app.domain.patrols import (
    ListEntry,
    SectionKey,
    SiteType,
    WarningLevel,
    WeatherKind,
    WeatherWarning,
)
from patrol_app.store.database import DatabaseError
from patrol_app.store.lists import CHECKLISTS_FILE
from patrol_app.store.patrol_base import PatrolStoreError
from patrol_app.store.patrols import PatrolStore
from tests.store.patrol_helpers import NOW, OPERATOR, SECTION, count, minutes

# The lists (P-1, P-2).


def test_new_cameras_join_the_lists_once(
    store: PatrolStore, sessions: sessionmaker[Session]
) -> None:
    joined = store.lists.join_new({"c1": SiteType.TUNNEL, "c3": SiteType.MAINLINE}, NOW)
    assert joined == ["c1", "c3"]
    later = NOW + timedelta(days=1)
    joined = store.lists.join_new(
        {"c1": SiteType.MAINLINE, "c3": SiteType.MAINLINE, "c4": SiteType.CONSTRUCTION}, later
    )
    assert joined == ["c4"]  # c1 and c3 are known: their entries are not touched
    assert store.lists.list_entries() == {
        "c1": ListEntry(SiteType.TUNNEL, daily=True, key=True, since=NOW),
        "c3": ListEntry(SiteType.MAINLINE, daily=True, key=False, since=NOW),
        "c4": ListEntry(SiteType.CONSTRUCTION, daily=True, key=True, since=later),
    }
    history = store.lists.list_history()
    assert [(change.camera_num, change.changed_by, change.note) for change in history] == [
        ("c1", "system", "新接入"),
        ("c3", "system", "新接入"),
        ("c4", "system", "新接入"),
    ]
    assert count(sessions, "patrol_list_change") == 3


def test_a_change_by_another_workstation_is_seen_at_the_next_read(
    store: PatrolStore, sessions: sessionmaker[Session]
) -> None:
    """list_entries keeps what it read while the change table stays as it was: a change
    made through another store on the same database (another workstation) is read."""
    store.lists.join_new({"c1": SiteType.MAINLINE}, NOW)
    assert store.lists.list_entries()["c1"].site is SiteType.MAINLINE
    other = PatrolStore(sessions)
    ramp = ListEntry(SiteType.RAMP, daily=True, key=True, since=NOW)
    other.lists.change_list("c1", ramp, changed_by="主管乙", now=NOW + minutes(5))
    assert store.lists.list_entries()["c1"] == ramp
    store.lists.list_entries()["c1"] = None  # a caller's copy: the store's own stays whole
    assert store.lists.list_entries()["c1"] == ramp


def test_a_list_change_is_a_new_row_and_since_stays_the_first(
    store: PatrolStore, sessions: sessionmaker[Session]
) -> None:
    store.lists.join_new({"c3": SiteType.MAINLINE}, NOW)
    store.lists.change_list(
        "c3",
        ListEntry(SiteType.VIADUCT, daily=False, key=True, since=NOW + minutes(30)),
        changed_by="主管乙",
        now=NOW + minutes(30),
        note="改为高架桥",
    )
    assert store.lists.list_entries() == {
        "c3": ListEntry(SiteType.VIADUCT, daily=False, key=True, since=NOW)
    }
    history = store.lists.list_history("c3")
    assert [(c.site, c.daily, c.key, c.changed_at, c.changed_by, c.note) for c in history] == [
        (SiteType.MAINLINE, True, False, NOW, "system", "新接入"),
        (SiteType.VIADUCT, False, True, NOW + minutes(30), "主管乙", "改为高架桥"),
    ]
    assert store.lists.list_history("c1") == []
    assert count(sessions, "patrol_list_change") == 2


# Weather warnings (P-3).


def test_ending_a_warning_is_a_new_version_and_the_first_is_kept(
    store: PatrolStore, sessions: sessionmaker[Session]
) -> None:
    rainstorm = WeatherWarning(SECTION, WarningLevel.ORANGE, WeatherKind.RAINSTORM, NOW)
    fog = WeatherWarning(
        SectionKey("G4", "京珠南段"), WarningLevel.RED, WeatherKind.FOG, NOW + minutes(10)
    )
    first = store.weather.add_warning(rainstorm, recorded_by=OPERATOR, now=NOW + minutes(1))
    other = store.weather.add_warning(fog, recorded_by=OPERATOR, now=NOW + minutes(11))
    store.weather.end_warning(
        first, NOW + minutes(90), recorded_by="值班员乙", now=NOW + minutes(95)
    )
    stored = store.weather.warnings()
    assert [item.id for item in stored] == [first, other]
    ended = dataclasses.replace(rainstorm, ends_at=NOW + minutes(90))
    assert stored[0].warning == ended
    assert (stored[0].recorded_at, stored[0].recorded_by) == (NOW + minutes(95), "值班员乙")
    assert stored[1].warning == fog
    # A correction of the end: a third version; the id stays the first row's.
    store.weather.end_warning(
        first, NOW + minutes(80), recorded_by="值班员乙", now=NOW + minutes(96)
    )
    assert store.weather.warnings()[0].id == first
    assert store.weather.warnings()[0].warning.ends_at == NOW + minutes(80)
    with sessions() as session:
        versions = session.execute(
            text("select ends_at is null, corrects_id from weather_warning order by id")
        ).all()
    assert [tuple(row) for row in versions] == [(1, None), (1, None), (0, first), (0, first + 2)]
    # ``since``: those that ended before it are left out, open ones stay.
    assert [item.id for item in store.weather.warnings(since=NOW + minutes(81))] == [other]
    assert [item.id for item in store.weather.warnings(since=NOW + minutes(80))] == [first, other]


def test_a_warning_end_is_checked(store: PatrolStore) -> None:
    first = store.weather.add_warning(
        WeatherWarning(SECTION, WarningLevel.ORANGE, WeatherKind.TYPHOON, NOW),
        recorded_by=OPERATOR,
        now=NOW,
    )
    with pytest.raises(PatrolStoreError, match="不存在"):
        store.weather.end_warning(first + 1, NOW + minutes(5), recorded_by=OPERATOR, now=NOW)
    with pytest.raises(PatrolStoreError, match="早于开始时间"):
        store.weather.end_warning(first, NOW - minutes(5), recorded_by=OPERATOR, now=NOW)
    assert store.weather.warnings()[0].warning.ends_at is None


def test_times_come_back_as_the_same_instants_in_utc(store: PatrolStore) -> None:
    """Beijing-time inputs are the same instants on both databases, read back as UTC."""
    warning = WeatherWarning(SECTION, WarningLevel.RED, WeatherKind.FREEZING, NOW)
    store.weather.add_warning(warning, recorded_by=OPERATOR, now=NOW)
    stored = store.weather.warnings()[0]
    assert stored.warning.starts_at == NOW
    assert stored.warning.starts_at.utcoffset() == timedelta(0)
    assert stored.recorded_at.tzinfo is not None and stored.recorded_at.utcoffset() == timedelta(0)
    with pytest.raises(DatabaseError):  # a naive time has no place in the records
        store.weather.add_warning(
            dataclasses.replace(warning, starts_at=datetime(2026, 11, 25, 8, 0)),
            recorded_by=OPERATOR,
            now=NOW,
        )


# Checklists (P-4).


def test_the_checklist_starts_from_the_built_in_book_and_is_versioned(
    store: PatrolStore, sessions: sessionmaker[Session]
) -> None:
    builtin = ChecklistBook.parse(CHECKLISTS_FILE.read_text(encoding="utf-8"))
    assert store.checklists.checklist() == (1, builtin)
    assert store.checklists.checklist() == (1, builtin)
    assert count(sessions, "checklist_version") == 1
    edited = dataclasses.replace(builtin, note="第二版：补充说明")
    assert store.checklists.save_checklist(edited, created_by="主管乙", now=NOW) == 2
    assert store.checklists.checklist() == (2, edited)
    with sessions() as session:
        rows = session.execute(
            text("select id, created_by from checklist_version order by id")
        ).all()
    assert [tuple(row) for row in rows] == [(1, "system"), (2, "主管乙")]


def test_saving_before_any_reading_keeps_version_1_the_built_in_book(
    store: PatrolStore,
) -> None:
    builtin = ChecklistBook.parse(CHECKLISTS_FILE.read_text(encoding="utf-8"))
    edited = dataclasses.replace(builtin, note="改过")
    assert store.checklists.save_checklist(edited, created_by="主管乙", now=NOW) == 2
    assert store.checklists.checklist() == (2, edited)
