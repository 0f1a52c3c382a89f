"""On-screen text of Appendix B (N-2)."""

from datetime import datetime

import pytest

from patrol_app.domain.camera import Orientation
from patrol_app.domain.osd import (
    OSD_TIME_FORMAT,
    OsdText,
    max_chars_per_line,
    road_osd,
    service_area_osd,
    toll_plaza_osd,
)
from patrol_app.domain.pile import PileNumber

G4 = {"road": "G4", "road_short_name": "京港澳"}


def test_road_camera_n2() -> None:
    text = road_osd(
        **G4,
        scene="路面",
        pile=PileNumber(1844, 650),
        orientation=Orientation.UP,
        driving_direction="南行",
        towards="广州市",
    )
    assert text == OsdText("粤-G4-京港澳-路面", "K1844+650-上行-南行-往广州市")
    assert text.reserved == ""


def test_road_camera_towards_may_carry_wang_n2() -> None:
    text = road_osd(
        **G4,
        scene="大宝山隧道",
        pile=PileNumber(1900, 5),
        orientation=Orientation.DOWN,
        driving_direction="北行",
        towards="往湖南省",
    )
    assert text == OsdText("粤-G4-京港澳-大宝山隧道", "K1900+005-下行-北行-往湖南省")


def test_road_camera_number_when_a_pile_has_several_n2() -> None:
    """N-2 / Appendix B 二(一) 5: 摄像机位置-（摄像机编号）-..."""
    text = road_osd(
        **G4,
        scene="路面",
        pile=PileNumber(1844, 650),
        orientation=Orientation.UP,
        driving_direction="南行",
        towards="广州市",
        camera_no="2",
    )
    assert text.position == "K1844+650-（2）-上行-南行-往广州市"


def test_median_camera_shows_only_both_n2() -> None:
    """N-2 / Appendix B 二(一) 6-8: a median camera shows 双向 and nothing after it."""
    text = road_osd(
        **G4,
        scene="路面",
        pile=PileNumber(1844, 650),
        orientation=Orientation.BOTH,
        driving_direction="南行",
        towards="广州市",
    )
    assert text.position == "K1844+650-双向"
    bare = road_osd(**G4, scene="路面", pile=PileNumber(1844, 650), orientation=Orientation.BOTH)
    assert bare.position == "K1844+650-双向"


@pytest.mark.parametrize("direction", ["", "南向", "上行", "south"])
def test_driving_direction_must_be_a_compass_direction_n2(direction: str) -> None:
    with pytest.raises(ValueError, match="driving_direction"):
        road_osd(
            **G4,
            scene="路面",
            pile=PileNumber(1, 0),
            orientation=Orientation.UP,
            driving_direction=direction,
            towards="广州市",
        )


@pytest.mark.parametrize("towards", ["", "往"])
def test_roadside_camera_needs_towards_n2(towards: str) -> None:
    with pytest.raises(ValueError, match="towards"):
        road_osd(
            **G4,
            scene="路面",
            pile=PileNumber(1, 0),
            orientation=Orientation.UP,
            driving_direction="南行",
            towards=towards,
        )


def test_toll_plaza_all_direction_station_n2() -> None:
    """N-2 / Appendix B 二(二) 5(1)."""
    text = toll_plaza_osd(**G4, station="粤北收费站", plaza="内广场")
    assert text == OsdText("粤-G4京港澳-粤北收费站", "内广场")


def test_toll_plaza_one_direction_ramp_n2() -> None:
    """N-2 / Appendix B 二(二) 5(2)."""
    text = toll_plaza_osd(
        **G4, station="粤北收费站", plaza="内广场", orientation=Orientation.UP, towards="韶关市"
    )
    assert text.position == "内广场-上行-往韶关市"


def test_toll_plaza_diamond_station_n2() -> None:
    """N-2 / Appendix B 二(二) 5(3)."""
    text = toll_plaza_osd(
        **G4,
        station="粤北收费站",
        plaza="内广场",
        orientation=Orientation.UP,
        entry_exit="入口",
        towards="往韶关市",
    )
    assert text.position == "上行-入口-内广场-往韶关市"


def test_toll_plaza_annex_n2() -> None:
    """N-2 / Appendix B 二(二) 5(4): a second plaza of the same direction and function."""
    text = toll_plaza_osd(**G4, station="粤北收费站", plaza="内广场", annex=True)
    assert text.top_left == "粤-G4京港澳-粤北收费站附属"


def test_toll_plaza_rejects_inconsistent_arguments_n2() -> None:
    with pytest.raises(ValueError, match="orientation"):
        toll_plaza_osd(**G4, station="粤北收费站", plaza="内广场", towards="韶关市")
    with pytest.raises(ValueError, match="towards"):
        toll_plaza_osd(**G4, station="粤北收费站", plaza="内广场", orientation=Orientation.UP)
    with pytest.raises(ValueError, match="orientation"):
        toll_plaza_osd(
            **G4,
            station="粤北收费站",
            plaza="内广场",
            orientation=Orientation.BOTH,
            towards="韶关市",
        )


def test_service_area_n2() -> None:
    """N-2 / Appendix B 二(四)."""
    text = service_area_osd(
        **G4,
        area="粤北服务区",
        monitored_object="停车场",
        orientation=Orientation.UP,
        towards="广州市",
    )
    assert text == OsdText("粤-G4京港澳-粤北服务区-停车场", "上行-往广州市")


def test_service_area_is_on_one_side_n2() -> None:
    with pytest.raises(ValueError, match="orientation"):
        service_area_osd(
            **G4,
            area="粤北服务区",
            monitored_object="入口",
            orientation=Orientation.BOTH,
            towards="广州市",
        )


def test_time_format_n2() -> None:
    """N-2: yyyy-mm-dd hh:mm:ss, 24 hours."""
    assert datetime(2024, 3, 5, 17, 4, 9).strftime(OSD_TIME_FORMAT) == "2024-03-05 17:04:09"


def test_max_chars_per_line_n2() -> None:
    """N-2 / Appendix B 一(二): a block is at most a third of the width; 1080P glyphs >= 60 px."""
    assert max_chars_per_line(1920, 60) == 10
    assert max_chars_per_line(1280, 34) == 12
    with pytest.raises(ValueError, match="char_width"):
        max_chars_per_line(1920, 0)
