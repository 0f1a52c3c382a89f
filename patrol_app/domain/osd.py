"""On-screen text of Appendix B (N-2): top-left road and scene, bottom-right position."""

from __future__ import annotations

from dataclasses import dataclass

from patrol_app.domain.camera import Orientation
from patrol_app.domain.pile import PileNumber

# Top-right time, Beijing time, drawn by the video source itself.
OSD_TIME_FORMAT = "%Y-%m-%d %H:%M:%S"

_PROVINCE = "粤"
_DRIVING_DIRECTIONS = ("东行", "西行", "南行", "北行")


@dataclass(frozen=True)
class OsdText:
    """The text blocks: top-left, bottom-right (position) and bottom-left (reserved)."""

    top_left: str
    position: str
    reserved: str = ""


def max_chars_per_line(picture_width: int, char_width: int) -> int:
    """Characters of ``char_width`` pixels that fit in a block (a third of the picture width)."""
    if picture_width <= 0 or char_width <= 0:
        raise ValueError(
            f"picture_width 和 char_width 应为正整数，收到 {picture_width}、{char_width}"
        )
    return picture_width // 3 // char_width


def road_osd(
    *,
    road: str,
    road_short_name: str,
    scene: str,
    pile: PileNumber,
    orientation: Orientation,
    driving_direction: str = "",
    towards: str = "",
    camera_no: str = "",
) -> OsdText:
    """Road, tunnel, interchange and bridge cameras (Appendix B 二(一)).

    ``camera_no`` only when several cameras share a pile number. A median camera
    (``Orientation.BOTH``) shows no driving direction and no ``towards``: they are ignored.
    """
    parts = [str(pile)]
    if camera_no:
        parts.append(f"（{camera_no}）")
    parts.append(orientation.label)
    if orientation is not Orientation.BOTH:
        if driving_direction not in _DRIVING_DIRECTIONS:
            raise ValueError(
                f"driving_direction 应为 {'、'.join(_DRIVING_DIRECTIONS)} 之一，"
                f"收到 {driving_direction!r}"
            )
        parts += [driving_direction, _towards(towards)]
    return OsdText(f"{_PROVINCE}-{road}-{road_short_name}-{scene}", "-".join(parts))


def toll_plaza_osd(
    *,
    road: str,
    road_short_name: str,
    station: str,
    plaza: str,
    orientation: Orientation | None = None,
    entry_exit: str = "",
    towards: str = "",
    annex: bool = False,
) -> OsdText:
    """Toll plaza cameras (Appendix B 二(二)).

    All-direction or mainline station: ``plaza`` only (内广场). One-direction ramp station:
    add ``orientation`` and ``towards`` (内广场-上行-往韶关市). Diamond station: also
    ``entry_exit`` (上行-入口-内广场-往韶关市). ``annex`` marks the second plaza of the same
    direction and function (收费站名附属).
    """
    if orientation is None:
        if entry_exit or towards:
            raise ValueError("orientation 不能为空：给出 entry_exit 或 towards 时须给出上行/下行")
        position = plaza
    else:
        side, place = _side(orientation), _towards(towards)
        parts = [side, entry_exit, plaza, place] if entry_exit else [plaza, side, place]
        position = "-".join(parts)
    top_left = f"{_PROVINCE}-{road}{road_short_name}-{station}{'附属' if annex else ''}"
    return OsdText(top_left, position)


def service_area_osd(
    *,
    road: str,
    road_short_name: str,
    area: str,
    monitored_object: str,
    orientation: Orientation,
    towards: str,
) -> OsdText:
    """Service area cameras (Appendix B 二(四)): entrance, exit, car park, filling station..."""
    return OsdText(
        f"{_PROVINCE}-{road}{road_short_name}-{area}-{monitored_object}",
        f"{_side(orientation)}-{_towards(towards)}",
    )


def _side(orientation: Orientation) -> str:
    if orientation is Orientation.BOTH:
        raise ValueError("orientation 应为上行或下行，收到 双向")
    return orientation.label


def _towards(towards: str) -> str:
    place = towards.removeprefix("往")
    if not place:
        raise ValueError("towards 不能为空：应为去往的省份或主要城市，如 广州市")
    return f"往{place}"
