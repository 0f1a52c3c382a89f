"""Faults followed to repair (F-1, F-2) and work orders (F-3)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 00:00:00

PLACEHOLDER (issue 13): its owner fills it in; an empty upgrade must never reach main.
"""

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
