"""The language of a conversation (issue 8), kept for the gateway's own texts and the advisor console.

`language` is the reply language ("zh-Hans", "zh-Hant" or "en"), `language_script` the last Chinese
script the user wrote in, `language_fixed` the language the user asked for ("zh" or "en", by /lang
or by asking). Plain nullable ADD COLUMN: works on SQLite and PostgreSQL without a batch copy.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-15
"""
from alembic import op
import sqlalchemy as sa

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

COLUMNS = [
    sa.Column("language", sa.String(8), nullable=True),
    sa.Column("language_script", sa.String(8), nullable=True),
    sa.Column("language_fixed", sa.String(8), nullable=True),
]


def upgrade() -> None:
    for column in COLUMNS:
        op.add_column("conversations", column)


def downgrade() -> None:
    for column in reversed(COLUMNS):
        op.drop_column("conversations", column.name)
