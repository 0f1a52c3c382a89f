"""The patrol lists (P-1, P-2), weather warnings (P-3) and checklists (P-4): versioned, each
change a row of its own (docs/PATROLS.md)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from patrol_app.domain.checklists import ChecklistBook
from patrol_app.domain.patrols import (
    KEY_SITES,
    ListEntry,
    SectionKey,
    SiteType,
    WarningLevel,
    WeatherKind,
    WeatherWarning,
)
from patrol_app.domain.records import ListChange, StoredWarning
from patrol_app.resources import RESOURCES_DIR
from patrol_app.store.models import ChecklistVersion, PatrolListChange, WeatherWarningRow
from patrol_app.store.patrol_base import PatrolRepository, PatrolStoreError, utc

# The built-in checklist book, version 1.
CHECKLISTS_FILE = RESOURCES_DIR / "patrol" / "checklists.json"

SYSTEM = "system"  # who made the changes no operator made
JOINED_NOTE = "新接入"


class _SeededElsewhere(Exception):
    """Version 1 of the checklists was stored by another workstation at the same time."""


class ListRepository(PatrolRepository):
    """The patrol lists (P-1, P-2), versioned: each change is a row; the latest per camera
    counts."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        super().__init__(sessions)
        # list_entries() as last read, with the (max id, row count) of the change table it
        # was read at: any change adds a row and a purge removes some, so either moves.
        self._entries: tuple[tuple[int | None, int], dict[str, ListEntry]] | None = None

    def list_entries(self) -> dict[str, ListEntry]:
        """Each camera's latest change; ``since`` is the time of its first change.

        Asked at every refresh of what is due, and the lists seldom change: the entries are
        read again only when the change table has moved (a cheap max/count), by whichever
        workstation of the control room changed it."""
        with self._read() as session:
            count = select(func.max(PatrolListChange.id), func.count(PatrolListChange.id))
            highest, rows_now = session.execute(count).one()
            version = (highest, rows_now)
            cached = self._entries
            if cached is not None and cached[0] == version:
                return dict(cached[1])
            latest: dict[str, tuple[str, bool, bool]] = {}
            since: dict[str, datetime] = {}
            rows = session.execute(
                select(
                    PatrolListChange.camera_num,
                    PatrolListChange.site,
                    PatrolListChange.daily_list,
                    PatrolListChange.key_list,
                    PatrolListChange.changed_at,
                ).order_by(PatrolListChange.camera_num, PatrolListChange.id)
            )
            for number, site, daily, key, changed_at in rows:
                since.setdefault(number, changed_at)
                latest[number] = (site, daily, key)
        entries = {
            number: ListEntry(SiteType(site), daily, key, utc(since[number]))
            for number, (site, daily, key) in latest.items()
        }
        self._entries = (version, entries)
        return dict(entries)

    def join_new(self, cameras: Mapping[str, SiteType], now: datetime) -> list[str]:
        """Put the cameras never seen by the lists on them (daily; key when their site is
        a key site); returns their numbers, in the order of ``cameras``."""
        with self._write() as session:
            known = set(session.scalars(select(PatrolListChange.camera_num).distinct()))
            joined = [number for number in cameras if number not in known]
            session.add_all(
                PatrolListChange(
                    camera_num=number,
                    site=cameras[number].value,
                    daily_list=True,
                    key_list=cameras[number] in KEY_SITES,
                    changed_at=now,
                    changed_by=SYSTEM,
                    note=JOINED_NOTE,
                )
                for number in joined
            )
            return joined

    def change_list(
        self,
        camera_num: str,
        entry: ListEntry,
        *,
        changed_by: str,
        now: datetime,
        note: str = "",
    ) -> None:
        """Record the camera's new place in the lists (``entry.since`` is not stored: the
        first change's time is)."""
        with self._write() as session:
            session.add(
                PatrolListChange(
                    camera_num=camera_num,
                    site=entry.site.value,
                    daily_list=entry.daily,
                    key_list=entry.key,
                    changed_at=now,
                    changed_by=changed_by,
                    note=note,
                )
            )

    def list_history(self, camera_num: str | None = None) -> list[ListChange]:
        """Every change (of one camera), oldest first."""
        query = select(PatrolListChange).order_by(PatrolListChange.changed_at, PatrolListChange.id)
        if camera_num is not None:
            query = query.where(PatrolListChange.camera_num == camera_num)
        with self._read() as session:
            return [
                ListChange(
                    row.id,
                    row.camera_num,
                    SiteType(row.site),
                    row.daily_list,
                    row.key_list,
                    utc(row.changed_at),
                    row.changed_by,
                    row.note,
                )
                for row in session.scalars(query)
            ]


class WarningRepository(PatrolRepository):
    """Weather warnings (P-3); an end or a correction is a new version of the warning."""

    def add_warning(self, warning: WeatherWarning, *, recorded_by: str, now: datetime) -> int:
        _check_period(warning.starts_at, warning.ends_at)
        with self._write() as session:
            row = WeatherWarningRow(
                road=warning.section.road,
                road_sec=warning.section.road_sec,
                level=int(warning.level),
                kind=warning.kind.value,
                starts_at=warning.starts_at,
                ends_at=warning.ends_at,
                recorded_at=now,
                recorded_by=recorded_by,
            )
            session.add(row)
            session.flush()
            return row.id

    def end_warning(
        self, warning_id: int, ends_at: datetime, *, recorded_by: str, now: datetime
    ) -> None:
        """End (or correct the end of) a warning: a new version of it, the old one is kept."""
        with self._write() as session:
            chain = next(
                (chain for chain in warning_chains(session) if warning_id in _ids(chain)), None
            )
            if chain is None:
                raise PatrolStoreError(f"气象预警 {warning_id} 不存在")
            current = chain[-1]
            _check_period(current.starts_at, ends_at)
            session.add(
                WeatherWarningRow(
                    road=current.road,
                    road_sec=current.road_sec,
                    level=current.level,
                    kind=current.kind,
                    starts_at=current.starts_at,
                    ends_at=ends_at,
                    recorded_at=now,
                    recorded_by=recorded_by,
                    corrects_id=current.id,
                )
            )

    def warnings(self, since: datetime | None = None) -> list[StoredWarning]:
        """The current version of each warning (``id``: the warning's first row), by start;
        with ``since``, without those that ended before it."""
        with self._read() as session:
            chains = warning_chains(session)
        stored = []
        for chain in chains:
            first, current = chain[0], chain[-1]
            if since is not None and current.ends_at is not None and current.ends_at < since:
                continue
            warning = WeatherWarning(
                SectionKey(current.road, current.road_sec),
                WarningLevel(current.level),
                WeatherKind(current.kind),
                utc(current.starts_at),
                None if current.ends_at is None else utc(current.ends_at),
            )
            stored.append(
                StoredWarning(first.id, warning, utc(current.recorded_at), current.recorded_by)
            )
        return sorted(stored, key=lambda item: (item.warning.starts_at, item.id))


class ChecklistRepository(PatrolRepository):
    """The checklist book (P-4), versioned."""

    def checklist(self) -> tuple[int, ChecklistBook]:
        """The latest version of the book; version 1 (CHECKLISTS_FILE) is stored on first use."""
        with self._read() as session:
            row = _latest_checklist(session)
        if row is None:
            try:
                with self._write(_SeededElsewhere()) as session:
                    if _latest_checklist(session) is None:
                        session.add(_builtin_checklist())
            except _SeededElsewhere:
                pass  # another workstation stored version 1 at the same time
            with self._read() as session:
                row = _latest_checklist(session)
            assert row is not None
        return row.id, ChecklistBook.parse(row.content)

    def save_checklist(self, book: ChecklistBook, *, created_by: str, now: datetime) -> int:
        """Store ``book`` as the next version; returns its number."""
        with self._write(
            PatrolStoreError("检查清单已被他人同时修改，请重新打开后再保存")
        ) as session:
            latest = _latest_checklist(session)
            if latest is None:  # version 1 is always the built-in book
                latest = _builtin_checklist()
                session.add(latest)
            version = latest.id + 1
            session.add(
                ChecklistVersion(
                    id=version, content=book.to_json(), created_at=now, created_by=created_by
                )
            )
            return version


def _ids(rows: Iterable[WeatherWarningRow]) -> set[int]:
    return {row.id for row in rows}


def _check_period(starts_at: datetime, ends_at: datetime | None) -> None:
    if ends_at is not None and ends_at < starts_at:
        raise PatrolStoreError("预警结束时间不能早于开始时间")


def warning_chains(session: Session) -> list[list[WeatherWarningRow]]:
    """Each warning as the list of its versions, first row first, current version last."""
    rows = session.scalars(select(WeatherWarningRow).order_by(WeatherWarningRow.id)).all()
    replaced_by: dict[int, WeatherWarningRow] = {}
    for row in rows:
        if row.corrects_id is not None:
            replaced_by[row.corrects_id] = row  # ascending ids: the latest correction wins
    chains = []
    for row in rows:
        if row.corrects_id is None:
            chain = [row]
            while chain[-1].id in replaced_by:
                chain.append(replaced_by[chain[-1].id])
            chains.append(chain)
    return chains


def _latest_checklist(session: Session) -> ChecklistVersion | None:
    return session.scalar(select(ChecklistVersion).order_by(ChecklistVersion.id.desc()).limit(1))


def _builtin_checklist() -> ChecklistVersion:
    book = ChecklistBook.parse(CHECKLISTS_FILE.read_text(encoding="utf-8"))
    return ChecklistVersion(id=1, content=book.to_json(), created_at=None, created_by=SYSTEM)
