"""The patrol lists' item model (ui/patrols/list_entries.py): edits apart from the records."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from patrol_app.domain.patrols import ListEntry, SiteType
from patrol_app.ui.patrols.list_entries import (
    CAMERA_NUM_ROLE,
    DAILY,
    KEY,
    NAME,
    SINCE,
    SITE,
    SITE_ROLE,
    ListEntriesModel,
)
from tests.ui.helpers import camera
from tests.ui.patrol_helpers import T0

HEADERS = ["摄像机", "桩号", "路段", "场所", "日常巡查", "重点巡查", "列入时间"]
NEAR = camera("a", "近处", "K10+000")
FAR = camera("b", "远处", "K9+500", road_sec="另一段")
ROAD = ListEntry(SiteType.MAINLINE, True, False, since=T0)


def model() -> ListEntriesModel:
    entries = ListEntriesModel(HEADERS, "尚未列入", lambda: T0 + timedelta(hours=1))
    assert entries.show({"a": NEAR, "b": FAR}, {"a": ROAD})
    return entries


def test_rows_follow_the_road_and_a_camera_not_listed_has_the_defaults() -> None:
    entries = model()
    assert [entries.index(row, NAME).data(CAMERA_NUM_ROLE) for row in (0, 1)] == ["a", "b"]
    unlisted = entries.index(1, SINCE).data()
    assert unlisted == "尚未列入"
    assert entries.index(1, DAILY).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert not entries.show({"a": NEAR, "b": FAR}, {"a": ROAD})  # nothing new


def test_a_key_site_takes_the_key_list_and_going_back_is_no_edit() -> None:
    """P-2: a tunnel belongs on the key list; choosing the recorded site and list again
    leaves no edit; a camera not listed yet gets the time of its edit as its "since"."""
    entries = model()
    assert entries.setData(entries.index(0, SITE), SiteType.TUNNEL.value, SITE_ROLE)
    assert entries.edits == {"a": ListEntry(SiteType.TUNNEL, True, True, since=T0)}
    assert entries.index(0, NAME).data(Qt.ItemDataRole.FontRole).bold()
    entries.setData(entries.index(0, SITE), SiteType.MAINLINE.value, SITE_ROLE)
    assert entries.edits == {}
    assert entries.index(0, NAME).data(Qt.ItemDataRole.FontRole) is None
    unchecked = Qt.CheckState.Unchecked.value
    assert entries.setData(entries.index(1, DAILY), unchecked, Qt.ItemDataRole.CheckStateRole)
    edited = ListEntry(SiteType.MAINLINE, False, False, since=T0 + timedelta(hours=1))
    assert entries.edits == {"b": edited}
    assert not entries.setData(entries.index(1, KEY), "钥匙", Qt.ItemDataRole.DisplayRole)
    entries.saved("b", edited)
    assert entries.edits == {} and entries.index(1, SINCE).data() == "2025-06-10 10:00"
