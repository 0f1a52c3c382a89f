"""One typed settings object for the workstation and the embedded service (STYLE habit 8).

Sources, later ones winning: defaults, ``<data_dir>/settings.json``, environment variables
``PATROL_APP_<KEY>``, then command-line flags. Unknown keys are errors so that a typo in a
control room's configuration never passes silently.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, fields, replace
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1
ENV_PREFIX = "PATROL_APP_"
DATA_DIR_VARIABLE = ENV_PREFIX + "DATA_DIR"
PLAYER_BACKENDS = ("qt", "vlc")  # patrol_app.ui.video.player.PlayerBackend
MIN_RETENTION_DAYS = 366


class SettingsError(ValueError):
    """The settings file or an override is wrong; the message says which key and why."""


def default_data_dir() -> Path:
    """The user's data directory: %LOCALAPPDATA% on Windows, $XDG_DATA_HOME elsewhere."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "patrol-app"


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    # SQLAlchemy URL; empty means SQLite ``patrol.db`` in the data directory.
    db_url: str = ""
    host: str = "127.0.0.1"
    port: int = 8640
    # An on-demand (pushType 2) pipeline stops this long after its last viewer left.
    idle_stop_seconds: float = 30.0
    # The wall's player: "qt" (Qt Multimedia, libvlc for what it cannot open) or "vlc".
    player_backend: str = "qt"
    # Patrol records are kept this many days, never less than a year (P-6).
    retention_days: int = MIN_RETENTION_DAYS
    # Beijing-time starts of the shifts, "HH:MM" separated by commas.
    shift_starts: str = "08:00,20:00"
    # Who may edit the checklists; comma-separated operator names (until accounts exist).
    supervisors: str = ""
    # Major holidays the calendar package does not know yet: "YYYY-MM-DD 名称" by commas.
    extra_holidays: str = ""
    schema_version: int = SCHEMA_VERSION

    @property
    def database_url(self) -> str:
        return self.db_url or f"sqlite:///{(self.data_dir / 'patrol.db').as_posix()}"

    @property
    def media_dir(self) -> Path:
        return self.data_dir / "media"

    @property
    def snapshot_dir(self) -> Path:
        """Where the operator's snapshots from the wall's tiles go."""
        return self.data_dir / "snapshots"

    @property
    def retention(self) -> timedelta:
        return timedelta(days=self.retention_days)

    @property
    def supervisor_names(self) -> frozenset[str]:
        return frozenset(name.strip() for name in self.supervisors.split(",") if name.strip())

    def shifts(self) -> tuple[time, ...]:
        """The shift start times, sorted; SettingsError when one is not HH:MM."""
        try:
            starts = sorted(
                time.fromisoformat(part.strip()) for part in self.shift_starts.split(",")
            )
        except ValueError as error:
            raise SettingsError(
                f"设置项 shift_starts 的值 {self.shift_starts!r} 无效：应为逗号分隔的 HH:MM"
            ) from error
        return tuple(starts)

    def holidays(self) -> dict[date, str]:
        """The site's extra holiday dates; SettingsError when one is not "YYYY-MM-DD 名称"."""
        extra: dict[date, str] = {}
        for part in filter(None, (part.strip() for part in self.extra_holidays.split(","))):
            day, _, name = part.partition(" ")
            try:
                extra[date.fromisoformat(day)] = name.strip() or "节假日"
            except ValueError as error:
                raise SettingsError(
                    f"设置项 extra_holidays 中的 {part!r} 无效：应为“YYYY-MM-DD 名称”"
                ) from error
        return extra

    @classmethod
    def load(cls, data_dir: Path | None = None, **overrides: Any) -> Settings:
        """Settings for ``data_dir`` (default: the user's data directory)."""
        env_dir = os.environ.get(DATA_DIR_VARIABLE)
        root = Path(data_dir or env_dir or default_data_dir()).resolve()
        values: dict[str, Any] = {}
        file = root / "settings.json"
        if file.exists():
            try:
                values.update(json.loads(file.read_text(encoding="utf-8")))
            except (OSError, ValueError) as error:
                raise SettingsError(f"{file}: {error}") from error
        for field in fields(cls):
            env = os.environ.get(ENV_PREFIX + field.name.upper())
            if env is not None and field.name != "data_dir":
                values[field.name] = env
        values.update({key: value for key, value in overrides.items() if value is not None})
        return cls._build(root, values)

    @classmethod
    def _build(cls, root: Path, values: dict[str, Any]) -> Settings:
        known = {field.name: field for field in fields(cls) if field.name != "data_dir"}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise SettingsError(f"未知的设置项：{', '.join(unknown)}")
        settings = cls(data_dir=root)
        for name, raw in values.items():
            kind = type(getattr(settings, name))
            try:
                value = kind(raw)
            except (TypeError, ValueError) as error:
                raise SettingsError(f"设置项 {name} 的值 {raw!r} 无效：{error}") from error
            settings = replace(settings, **{name: value})
        if settings.player_backend not in PLAYER_BACKENDS:
            raise SettingsError(
                f"设置项 player_backend 的值 {settings.player_backend!r} 无效："
                f"应为 {' 或 '.join(PLAYER_BACKENDS)}"
            )
        if settings.retention_days < MIN_RETENTION_DAYS:
            raise SettingsError(
                f"设置项 retention_days 的值 {settings.retention_days} 无效：巡查记录至少保存 1 年"
                f"（{MIN_RETENTION_DAYS} 天）"
            )
        settings.shifts()
        settings.holidays()
        if settings.schema_version != SCHEMA_VERSION:
            raise SettingsError(
                f"settings.json 的 schema_version 为 {settings.schema_version}，"
                f"本程序支持 {SCHEMA_VERSION}"
            )
        return settings
