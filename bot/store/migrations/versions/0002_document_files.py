"""Documents remember what the file is: detected MIME type, image size, PDF
pages; one file (sha256) at most once per claim.

Plain ADD COLUMN and CREATE INDEX work on SQLite and PostgreSQL alike, so no
batch (table copy) is needed; DROP COLUMN needs SQLite 3.35 or newer.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

COLUMNS = [
    sa.Column("mime", sa.String(40), nullable=True),
    sa.Column("width", sa.Integer(), nullable=True),
    sa.Column("height", sa.Integer(), nullable=True),
    sa.Column("pages", sa.Integer(), nullable=True),
]
INDEX = "ix_documents_claim_id_sha256"


def upgrade() -> None:
    for column in COLUMNS:
        op.add_column("documents", column)
    op.create_index(INDEX, "documents", ["claim_id", "sha256"], unique=True)


def downgrade() -> None:
    op.drop_index(INDEX, table_name="documents")
    for column in reversed(COLUMNS):
        op.drop_column("documents", column.name)
