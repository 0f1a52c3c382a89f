"""Video faults found during patrols (F-1, spec 12.3.5)."""

from __future__ import annotations

from datetime import timedelta

from patrol_app.domain.labels import LabelledStr


class FaultKind(LabelledStr):
    """What keeps a camera from being patrolled (12.3.5)."""

    MISSING = "missing", "视频缺失"
    UNCONTROLLABLE = "uncontrollable", "不可控"
    OCCLUDED = "occluded", "图像遮挡"
    UNCLEAR = "unclear", "摄像头不清"
    JUMPING = "jumping", "画面跳动"


class FaultState(LabelledStr):
    """Where a fault stands (F-1, F-2): registered -> responded -> repaired -> verified, or
    cancelled with a reason. Each change is a new record row (append-only)."""

    REGISTERED = "registered", "已登记"
    RESPONDED = "responded", "已响应"
    REPAIRED = "repaired", "已修复"
    VERIFIED = "verified", "已验证"
    CANCELLED = "cancelled", "已撤销"


# F-2 (spec 10.3, 11.4): response within 2 h and repair within 48 h of the registration.
RESPONSE_LIMIT = timedelta(hours=2)
REPAIR_LIMIT = timedelta(hours=48)
# F-3 (spec 10.4): a work order for a failing indicator gets its feedback within 48 h.
FEEDBACK_LIMIT = timedelta(hours=48)
