"""Telegram updates already processed (a repeated update_id is handled once).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

AWARE = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "telegram_updates",
        sa.Column("bot_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("update_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("processed_at", AWARE, nullable=False),
        sa.PrimaryKeyConstraint("bot_id", "update_id", name="pk_telegram_updates"),
    )
    op.create_index("ix_telegram_updates_processed_at", "telegram_updates", ["processed_at"])


def downgrade() -> None:
    op.drop_table("telegram_updates")
