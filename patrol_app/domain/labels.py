"""Codes stored as text that carry their Chinese name from the spec."""

from __future__ import annotations

from enum import StrEnum


class LabelledStr(StrEnum):
    """A code stored as text, declared as ``NAME = "code", "中文名"``."""

    def __new__(cls, value: str, label: str) -> LabelledStr:
        member = str.__new__(cls, value)
        member._value_ = value
        member._label = label
        return member

    @property
    def label(self) -> str:
        """The Chinese name used in the spec."""
        return self._label
