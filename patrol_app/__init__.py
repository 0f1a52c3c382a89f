"""视频巡查工作站: the video-patrol workstation and its embedded gateway/platform service."""

__version__ = "0.1.0"
