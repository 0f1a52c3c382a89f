"""Video faults found during patrols (F-1, spec 12.3.5)."""

from __future__ import annotations

from patrol_app.domain.labels import LabelledStr


class FaultKind(LabelledStr):
    """What keeps a camera from being patrolled (12.3.5)."""

    MISSING = "missing", "视频缺失"
    UNCONTROLLABLE = "uncontrollable", "不可控"
    OCCLUDED = "occluded", "图像遮挡"
    UNCLEAR = "unclear", "摄像头不清"
    JUMPING = "jumping", "画面跳动"
