"""Pile numbers (桩号) ``K<km>+<m>``, the position of a camera along the road (N-2, E 3.1)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from patrol_app.domain.config_json import json_shown

_PILE = re.compile(r"[Kk]([0-9]+)\+([0-9]{1,3})")
_EXPECTED = "桩号格式应为 K<公里>+<米>，如 K1844+158"


class PileNumberError(ValueError):
    """Text or numbers that are not a pile number."""


@dataclass(frozen=True, order=True)
class PileNumber:
    """A pile number; instances sort along the road (km, then metres)."""

    km: int
    m: int

    def __post_init__(self) -> None:
        for value in (self.km, self.m):
            if isinstance(value, bool) or not isinstance(value, int):
                raise PileNumberError(f"{_EXPECTED}，公里和米应为整数，收到 {value!r}")
        if self.km < 0 or not 0 <= self.m <= 999:
            raise PileNumberError(f"{_EXPECTED}，公里 >= 0，米为 0-999，收到 {self.km}、{self.m}")

    def __str__(self) -> str:
        return f"K{self.km}+{self.m:03d}"

    @property
    def metres(self) -> int:
        """Distance from the start of the road in metres."""
        return self.km * 1000 + self.m

    @classmethod
    def parse(cls, text: str) -> PileNumber:
        """Parse ``K1844+158`` (surrounding whitespace and a lowercase ``k`` are tolerated)."""
        match = _PILE.fullmatch(text.strip()) if isinstance(text, str) else None
        if match is None:
            raise PileNumberError(f"{_EXPECTED}，收到 {json_shown(text)}")
        return cls(int(match[1]), int(match[2]))


_PILE_IN_TEXT = re.compile(r"[Kk]([0-9]+)\+([0-9]{1,3})(?![0-9])")


def pile_metres(text: str) -> int | None:
    """The metres of the pile number in a record's pile text (``K1844+158`` -> 1844158), or
    None when the text holds none: what the history's pile range compares (P-6). The first
    pile number in the text counts, so ``K12+300 上行`` reads as K12+300."""
    match = _PILE_IN_TEXT.search(text) if isinstance(text, str) else None
    return None if match is None else int(match[1]) * 1000 + int(match[2])
