"""Codes that carry their Chinese name from the spec: stored as text or as numbers."""

from __future__ import annotations

from enum import IntEnum, StrEnum


class LabelledStr(StrEnum):
    """A code stored as text, declared as ``NAME = "code", "中文名"``."""

    _label: str

    # ``label`` has a default only for the type checker, which reads a lookup by value
    # (``Classify(1)``) as a call of __new__; every member is declared with its label.
    def __new__(cls, value: str, label: str = "") -> LabelledStr:
        member = str.__new__(cls, value)
        member._value_ = value
        member._label = label
        return member

    @property
    def label(self) -> str:
        """The Chinese name used in the spec."""
        return self._label


class LabelledInt(IntEnum):
    """A numeric code declared as ``NAME = value, "中文名"`` (E 3.1's classify, ...)."""

    _label: str

    # ``label`` has a default only for the type checker, which reads a lookup by value
    # (``Classify(1)``) as a call of __new__; every member is declared with its label.
    def __new__(cls, value: int, label: str = "") -> LabelledInt:
        member = int.__new__(cls, value)
        member._value_ = value
        member._label = label
        return member

    @property
    def label(self) -> str:
        """The Chinese name used in the spec."""
        return self._label
