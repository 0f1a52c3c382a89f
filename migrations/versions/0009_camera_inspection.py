"""The equipment inspection in depth: per camera the Appendix C checks (P-8, R-2)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 00:00:00

PLACEHOLDER (issue 13): its owner fills it in; an empty upgrade must never reach main.
"""

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
