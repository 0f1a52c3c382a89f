"""The workstation's wall clock, read in one place; the views take it as a parameter so that
tests pass their own (the domain never reads a clock)."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> datetime:
    return datetime.now(UTC)
