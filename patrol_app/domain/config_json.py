"""Reading JSON from outside: a site's configuration (the checklist book, the handling
lists), whose errors name the file's part and, for malformed JSON, the line and column, in
Chinese for the person who edits it; and the lenient integers of the Appendix E bodies."""

from __future__ import annotations

import json
from typing import Any

# Python's json messages, as the person who wrote the JSON reads them (the rest stay as is).
_DECODE_MESSAGES = {
    "Expecting value": "此处应为一个值",
    "Expecting property name enclosed in double quotes": "此处应为双引号括起的字段名",
    "Expecting ',' delimiter": "此处应为逗号",
    "Expecting ':' delimiter": "此处应为冒号",
    "Extra data": "JSON 结束后还有多余的内容",
    "Unterminated string starting at": "字符串没有结束（缺少右引号）",
    "Invalid control character at": "字符串中有控制字符",
    "Invalid \\escape": "无效的转义字符",
    "Illegal trailing comma before end of object": "对象末尾多了一个逗号",
    "Illegal trailing comma before end of array": "数组末尾多了一个逗号",
}
_TYPE_NAMES = ((bool, "布尔值"), (int, "数字"), (float, "数字"), (str, "字符串"))
SHOWN_CHARS = 40


def decode_message(error: json.JSONDecodeError) -> str:
    """What went wrong in malformed JSON, in Chinese where Python's message is a known one."""
    return _DECODE_MESSAGES.get(error.msg, error.msg)


def json_type(value: object) -> str:
    """The JSON type of a parsed value, named for the reader of an error message."""
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "JSON 对象"
    if isinstance(value, list):
        return "数组"
    return next((name for kind, name in _TYPE_NAMES if isinstance(value, kind)), "未知类型")


def json_shown(value: object) -> str:
    """A parsed value as JSON text (``true``, ``null``, ``"三"``), cut to SHOWN_CHARS."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


def json_integer(value: object) -> int | None:
    """A JSON integer, an integral float or a string of digits as int; otherwise None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = value.strip() if isinstance(value, str) else ""
    return int(text) if text.isascii() and text.isdigit() else None


def load_json(text: str, what: str, error: type[ValueError]) -> Any:
    """``text`` parsed; ``error`` when it is not JSON or an object repeats a key."""

    def no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for key, value in pairs:
            if key in data:
                raise error(f"{what}中同一对象的字段“{key}”出现了两次")
            data[key] = value
        return data

    try:
        return json.loads(text, object_pairs_hook=no_duplicate_keys)
    except json.JSONDecodeError as decode:
        raise error(
            f"{what}不是有效的 JSON：第 {decode.lineno} 行第 {decode.colno} 列，"
            f"{decode_message(decode)}"
        ) from None


def json_object(
    value: object, where: str, required: set[str], optional: set[str], error: type[ValueError]
) -> dict[str, Any]:
    """``value`` as a JSON object with the ``required`` keys and no keys outside
    ``required | optional`` (when either is given); ``error`` otherwise."""
    if not isinstance(value, dict):
        raise error(f"{where}：应为 JSON 对象（{{...}}），收到 {json_type(value)}")
    missing = sorted(required - value.keys())
    if missing:
        raise error(f"{where}：缺少字段：{'、'.join(missing)}")
    if required or optional:
        extra = sorted(value.keys() - required - optional)
        if extra:
            raise error(f"{where}：有未知字段：{'、'.join(extra)}")
    return value
