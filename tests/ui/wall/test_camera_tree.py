"""The camera directory: road → section → site type → camera, search, activation, drag."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from patrol_app.domain.faults import FaultKind
from patrol_app.store.patrols import FaultView
from patrol_app.ui.wall.camera_tree import (
    CAMERA_MIME,
    CAMERA_NUM_ROLE,
    FAULT,
    NO_SIGNAL,
    ONLINE,
    UNKNOWN,
    CameraTree,
)
from tests.ui.helpers import CAMERAS


def _outline(tree: CameraTree, parent: QModelIndex | None = None) -> list:
    """The visible tree as nested (text, children) pairs; cameras as their cameraNum."""
    model = tree.view.model()
    parent = parent or QModelIndex()
    rows = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        camera_num = index.data(CAMERA_NUM_ROLE)
        rows.append(camera_num if camera_num else (index.data(), _outline(tree, index)))
    return rows


def _find(tree: CameraTree, camera_num: str) -> QModelIndex:
    model = tree.view.model()
    (index,) = model.match(
        model.index(0, 0), CAMERA_NUM_ROLE, camera_num, 1, Qt.MatchFlag.MatchRecursive
    )
    return index


@pytest.fixture
def tree(qtbot: QtBot) -> CameraTree:
    tree = CameraTree()
    qtbot.addWidget(tree)
    tree.set_cameras(CAMERAS)
    return tree


def test_builds_road_section_type_camera(tree: CameraTree) -> None:
    """W-4 / N-3: cameras grouped by road, road section and site type (classify label)."""
    assert _outline(tree) == [
        (
            "G0423 乐广高速",
            [("乐广段", [("隧道", ["c6"])])],
        ),
        (
            "G4 京港澳高速",
            [
                (
                    "京珠北段",
                    [
                        ("路面", ["c1", "c3"]),
                        ("收费站", ["c2"]),
                        ("隧道", ["c4"]),
                        ("桥梁", ["c5"]),
                    ],
                )
            ],
        ),
    ]


def test_camera_shows_name_with_pile_and_online_dot(tree: CameraTree) -> None:
    """N-1: pile number and Appendix A name; the dot is green online, grey offline."""
    online, offline = _find(tree, "c1"), _find(tree, "c5")
    assert online.data() == "K1844+650 G4（京港澳高速）…K1844+650（上行）（路面）"
    dots = [
        index.data(Qt.ItemDataRole.DecorationRole).pixmap(16, 16).toImage()
        for index in (
            online,
            offline,
        )
    ]
    green, grey = (dot.pixelColor(8, 8) for dot in dots)
    assert green.green() > green.red() + 50
    assert grey.red() == grey.green() == grey.blue()


def test_open_faults_are_marked_under_a_lost_signal(tree: CameraTree) -> None:
    """F-1: an open fault shows in orange with its kind and time; a lost signal (what the
    wall sees now) takes the dot over; both go when they end, also after a reload."""
    found = datetime(2025, 6, 10, 1, 0, tzinfo=UTC)
    fault = FaultView(
        1, "c1", CAMERAS[0].name, "K1844+650", FaultKind.UNCLEAR, "", found, "值班员甲", None, None
    )
    tree.set_faults([fault, replace(fault, id=2, kind=FaultKind.JUMPING)])
    tree.set_cameras(CAMERAS)  # a reload of the directory keeps the marks
    index = _find(tree, "c1")

    def dot() -> str:
        icon = index.data(Qt.ItemDataRole.DecorationRole).pixmap(16, 16).toImage()
        return icon.pixelColor(8, 8).name()

    assert dot() == FAULT
    assert index.data(Qt.ItemDataRole.ToolTipRole).endswith(
        "\n视频故障未修复：摄像头不清（06-10 09:00 登记）；画面跳动（06-10 09:00 登记）"
    )
    tree.set_signal_lost({"c1": "视频流已结束"})
    assert dot() == NO_SIGNAL
    assert "视频故障未修复" in index.data(Qt.ItemDataRole.ToolTipRole)
    tree.set_signal_lost({})
    tree.set_faults([])
    assert dot() == ONLINE and "故障" not in index.data(Qt.ItemDataRole.ToolTipRole)


def test_every_camera_is_unknown_while_the_platform_does_not_answer(tree: CameraTree) -> None:
    """Issue 11 point 2: during an outage no dot says online or no signal, not even for a
    camera whose tile lost its picture (the platform is the cause); the marks come back."""
    tree.set_signal_lost({"c1": "无法连接视频平台"})
    tree.set_states_known(False)

    def dot(camera_num: str) -> str:
        index = _find(tree, camera_num)
        icon = index.data(Qt.ItemDataRole.DecorationRole).pixmap(16, 16).toImage()
        return icon.pixelColor(8, 8).name()

    assert {dot(camera.camera_num) for camera in CAMERAS} == {UNKNOWN}
    tree.set_states_known(True)
    assert dot("c1") == NO_SIGNAL and dot("c2") == ONLINE


def test_filters_by_pile_number(tree: CameraTree) -> None:
    tree.search_box.setText("k1856")
    assert _outline(tree) == [("G4 京港澳高速", [("京珠北段", [("隧道", ["c4"])])])]


def test_filters_by_name(tree: CameraTree) -> None:
    tree.search_box.setText("云岩隧道")
    assert _outline(tree) == [("G0423 乐广高速", [("乐广段", [("隧道", ["c6"])])])]
    tree.search_box.setText("")
    assert len(_outline(tree)) == 2


def test_double_click_activates_a_camera(qtbot: QtBot, tree: CameraTree) -> None:
    tree.resize(400, 600)
    tree.show()
    qtbot.waitExposed(tree)
    index = _find(tree, "c3")
    centre = tree.view.visualRect(index).center()
    # A real double-click is press, release, double-click; QTest's mouseDClick sends only
    # the last, so the click comes first.
    qtbot.mouseClick(tree.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    with qtbot.waitSignal(tree.camera_activated) as activated:
        qtbot.mouseDClick(tree.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert activated.args == ["c3"]


def test_drag_carries_the_camera_num(tree: CameraTree) -> None:
    model = tree.view.model()
    camera, group = _find(tree, "c2"), _find(tree, "c2").parent()
    assert model.flags(camera) & Qt.ItemFlag.ItemIsDragEnabled
    assert not model.flags(group) & Qt.ItemFlag.ItemIsDragEnabled
    data = model.mimeData([camera])
    assert bytes(data.data(CAMERA_MIME).data()).decode() == "c2"
