"""Snapshots an operator takes from a tile: their file names."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

# China has one time zone and no daylight saving time: a fixed offset, no tz database needed.
BEIJING = timezone(timedelta(hours=8), "CST")
_UNSAFE = re.compile(r"[^\w+-]")


def snapshot_stem(label: str, taken: datetime) -> str:
    """``<label>_<yyyymmdd-hhmmss>`` in Beijing time, e.g. ``K1844+650_20261125-160000``.

    ``label`` is the camera's pile number (what the operator looks for in a folder);
    characters a file name cannot hold become ``_``. ``taken`` must carry its time zone.
    """
    if taken.tzinfo is None:
        raise ValueError(f"抓图时间应带时区，收到 {taken!r}")
    safe = _UNSAFE.sub("_", label) or "camera"
    return f"{safe}_{taken.astimezone(BEIJING):%Y%m%d-%H%M%S}"
