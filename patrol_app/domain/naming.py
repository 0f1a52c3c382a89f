"""Camera names of Appendix A, in the form of the E 3.1 demo names (N-1)."""

from __future__ import annotations

from patrol_app.domain.camera import Orientation
from patrol_app.domain.pile import PileNumber


def camera_name(
    *,
    road: str,
    road_name: str,
    province: str,
    city: str,
    department: str,
    pile: PileNumber,
    orientation: Orientation,
    scene: str,
    road_sec: str = "",
    site_name: str = "",
) -> str:
    """The Appendix A name of a camera.

    A road camera ends ``<pile>（上行|下行）（<scene>）``, the side omitted for a median
    camera (A.0.5); ``scene`` is 路面, XX隧道, XX桥梁 or XX互通. A special point (toll plaza,
    service area, ETC gantry) passes ``site_name`` and ends ``<pile>（<site_name>）``; its
    ``scene`` and ``orientation`` are not shown. ``road_sec`` 京珠北段 shows as 京珠北路段.
    """
    section = road_sec.removesuffix("段").removesuffix("路") + "路段" if road_sec else ""
    if site_name:
        place = f"（{site_name}）"
    elif scene:
        side = "" if orientation is Orientation.BOTH else f"（{orientation.label}）"
        place = f"{side}（{scene}）"
    else:
        raise ValueError("scene 不能为空：道路摄像机应给出场景（路面、XX隧道、XX桥梁、XX互通）")
    return f"{road}（{road_name}）{section}{province}{city}{department}{pile}{place}"
