"""Business codes of Appendix E replies (REQUIREMENTS.md section E)."""

from enum import IntEnum


class Code(IntEnum):
    OK = 200
    ALREADY_PUSHING = 201
    BAD_REQUEST = 400
    FORBIDDEN = 403
    NOT_FOUND = 404
    TRANSCODER_ERROR = 500
    INTERNAL_ERROR = 500  # the spec has one server-side code; its name there is 转码器错误
    SIGNATURE_FAILED = 2001
