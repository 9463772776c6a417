"""A paper-policy request the user cancelled before it was posted: status "cancelled".

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30
"""
from alembic import op
import sqlalchemy as sa

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

OLD_STATUSES = ("requested", "printed", "posted", "delivered")
NEW_STATUSES = OLD_STATUSES + ("cancelled",)
TABLES = ("mailing_requests", "mailing_events")
OPEN_INDEX = "uq_mailing_requests_open_policy"
OPEN_WHERE = "status IN ('requested', 'printed', 'posted')"


def upgrade() -> None:
    _statuses(NEW_STATUSES)


def downgrade() -> None:
    op.execute("DELETE FROM mailing_events WHERE mailing_id IN (SELECT id FROM mailing_requests WHERE status = 'cancelled')")
    op.execute("DELETE FROM mailing_events WHERE status = 'cancelled'")
    op.execute("DELETE FROM mailing_requests WHERE status = 'cancelled'")
    _statuses(OLD_STATUSES)


def _statuses(statuses: tuple) -> None:
    """Replace the CHECK on both tables' status: SQLite must copy a table to change it."""
    allowed = "status IN (" + ", ".join(f"'{s}'" for s in statuses) + ")"
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:  # the copy would keep the one-open-request index without its WHERE: made again after it
        op.drop_index(OPEN_INDEX, table_name="mailing_requests")
    for table in TABLES:
        name = op.f(f"ck_{table}_status")
        if sqlite:
            # The copy keeps columns, keys and indexes but not CHECKs (reflection omits them): add it anew.
            with op.batch_alter_table(table, recreate="always") as batch:
                batch.create_check_constraint(name, allowed)
        else:
            op.drop_constraint(name, table, type_="check")
            op.create_check_constraint(name, table, allowed)
    if sqlite:
        op.create_index(OPEN_INDEX, "mailing_requests", ["policy_id"], unique=True, sqlite_where=sa.text(OPEN_WHERE))
