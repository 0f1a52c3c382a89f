"""Camera names of Appendix A (N-1), checked against the E 3.1 demo names."""

import pytest

from patrol_app.domain.camera import Orientation
from patrol_app.domain.naming import camera_name
from patrol_app.domain.pile import PileNumber

JINGZHUBEI = {
    "road": "G4",
    "road_name": "京港澳高速",
    "province": "广东省",
    "city": "韶关市",
    "department": "广东省高速公路有限公司京珠北分公司",
}


def test_road_camera_demo_name_n1() -> None:
    """N-1: the second E 3.1 demo camera (路面, 上行)."""
    name = camera_name(
        **JINGZHUBEI, pile=PileNumber(1844, 650), orientation=Orientation.UP, scene="路面"
    )
    assert (
        name
        == "G4（京港澳高速）广东省韶关市广东省高速公路有限公司京珠北分公司K1844+650（上行）（路面）"
    )


def test_special_point_demo_name_n1() -> None:
    """N-1: the first E 3.1 demo camera (a toll station with roadSec 京珠北段)."""
    name = camera_name(
        **JINGZHUBEI,
        pile=PileNumber(1844, 158),
        orientation=Orientation.UP,
        scene="收费站",
        road_sec="京珠北段",
        site_name="粤北收费站",
    )
    assert name == (
        "G4（京港澳高速）京珠北路段广东省韶关市广东省高速公路有限公司京珠北分公司"
        "K1844+158（粤北收费站）"
    )


def test_median_camera_omits_the_side_n1() -> None:
    """N-1 / A.0.5: a camera on the central reserve has no 上行/下行."""
    name = camera_name(
        **JINGZHUBEI, pile=PileNumber(1900, 5), orientation=Orientation.BOTH, scene="大宝山隧道"
    )
    assert name.endswith("K1900+005（大宝山隧道）")


def test_down_side_n1() -> None:
    name = camera_name(
        **JINGZHUBEI, pile=PileNumber(1, 0), orientation=Orientation.DOWN, scene="乌石互通"
    )
    assert name.endswith("K1+000（下行）（乌石互通）")


@pytest.mark.parametrize("road_sec", ["京珠北段", "京珠北路段", "京珠北"])
def test_road_sec_shows_as_lu_duan_n1(road_sec: str) -> None:
    name = camera_name(
        **JINGZHUBEI,
        pile=PileNumber(1, 0),
        orientation=Orientation.UP,
        scene="路面",
        road_sec=road_sec,
    )
    assert name.startswith("G4（京港澳高速）京珠北路段广东省")


def test_road_camera_needs_a_scene_n1() -> None:
    with pytest.raises(ValueError, match="scene"):
        camera_name(**JINGZHUBEI, pile=PileNumber(1, 0), orientation=Orientation.UP, scene="")
