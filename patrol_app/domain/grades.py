"""Stream grades (码流等级) of W-2 / M-1, numbered as Appendix E numbers ``videoType``."""

from __future__ import annotations

from dataclasses import dataclass

FRAME_RATE = 25
# Keyframe interval in frames: 30 is inside both the spec's 30-50 (5.5f) and the
# skeleton issue's 25-50, and keeps HLS segments near 1.2 s.
GOP_FRAMES = 30


@dataclass(frozen=True)
class StreamGrade:
    """One grade: ``number`` is the API's ``videoType``; ``bitrate_kbps`` None means source."""

    number: int
    label: str
    width: int
    height: int
    bitrate_kbps: int | None
    fps: int = FRAME_RATE


GRADES: tuple[StreamGrade, ...] = (
    StreamGrade(0, "标清 128k", 352, 288, 128),
    StreamGrade(1, "高清 1M", 1280, 720, 1000),
    StreamGrade(2, "4M", 1920, 1080, 4000),
    StreamGrade(3, "原码率", 1920, 1080, None),
)


class UnknownGradeError(ValueError):
    """A ``videoType`` outside 0-3."""


def grade(number: object) -> StreamGrade:
    """The grade for an API ``videoType``; rejects anything but the integers 0-3."""
    if isinstance(number, bool) or not isinstance(number, int) or not 0 <= number < len(GRADES):
        raise UnknownGradeError(f"videoType 应为 0-3 的整数，收到 {number!r}")
    return GRADES[number]
