"""The declarative Base all tables are registered on, its naming convention for constraints, and the
helpers the tables share for CHECK constraints (`_one_of`) and partial indexes (`_where`)."""
from __future__ import annotations

from sqlalchemy import CheckConstraint, MetaData, text
from sqlalchemy.orm import declarative_base

# Deterministic constraint names, so later (batch) migrations can refer to them.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
# Columns are declared with `Column` plus a `Mapped[...]` annotation: SQLAlchemy 1.4
# (pinned by Rasa) maps them, and 2.0 accepts the same form.
Base = declarative_base(metadata=MetaData(naming_convention=NAMING_CONVENTION))


def _one_of(column: str, values: tuple, nullable: bool = False) -> CheckConstraint:
    allowed = ", ".join(f"'{v}'" for v in values)
    sql = f"{column} IN ({allowed})" + (f" OR {column} IS NULL" if nullable else "")
    return CheckConstraint(sql, name=column)


def _where(sql: str) -> dict:
    """A partial index's condition on both engines."""
    return {"sqlite_where": text(sql), "postgresql_where": text(sql)}
