"""A claim's submission key: which confirmation in which conversation made it.

After a failed submission nobody knows whether its COMMIT happened; the user
confirms again, and the key of the failed attempt finds the claim if it did
(actions/claim_report.py). Nullable (claims made elsewhere have none), unique.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29
"""
from alembic import op
import sqlalchemy as sa

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("claims", sa.Column("submission_key", sa.String(64), nullable=True))
    op.create_index("ix_claims_submission_key", "claims", ["submission_key"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_claims_submission_key", table_name="claims")
    op.drop_column("claims", "submission_key")
