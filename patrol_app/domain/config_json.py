"""Reading JSON from outside: a site's configuration (the checklist book, the handling
lists), whose errors name the file's part and, for malformed JSON, the line and column, in
Chinese for the person who edits it; and the lenient integers of the Appendix E bodies."""

from __future__ import annotations

import json
from typing import Any


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
            f"{what}不是有效的 JSON：第 {decode.lineno} 行第 {decode.colno} 列，{decode.msg}"
        ) from None


def json_object(
    value: object, where: str, required: set[str], optional: set[str], error: type[ValueError]
) -> dict[str, Any]:
    """``value`` as a JSON object with the ``required`` keys and no keys outside
    ``required | optional`` (when either is given); ``error`` otherwise."""
    if not isinstance(value, dict):
        raise error(f"{where}：应为 JSON 对象（{{...}}），收到 {type(value).__name__}")
    missing = sorted(required - value.keys())
    if missing:
        raise error(f"{where}：缺少字段：{'、'.join(missing)}")
    if required or optional:
        extra = sorted(value.keys() - required - optional)
        if extra:
            raise error(f"{where}：有未知字段：{'、'.join(extra)}")
    return value
